import {Box, Text} from 'ink';
import {Toned} from '../theme.tsx';

/** The keys that work now, on one line: `Enter run it · Esc back · ? help · q quit`. */
export function KeyHints({hints}: {readonly hints: ReadonlyArray<readonly [key: string, action: string]>}) {
	return (
		<Box marginTop={1}>
			<Text wrap="wrap">
				{hints.map(([key, action], index) => (
					<Text key={key}>
						{index > 0 ? <Toned tone="muted"> · </Toned> : null}
						<Toned tone="strong">{key}</Toned> <Toned tone="muted">{action}</Toned>
					</Text>
				))}
			</Text>
		</Box>
	);
}
