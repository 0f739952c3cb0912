/**
  <subscription-tenant-id>: `authfix tenant <subscription-id>` prints it

Where to find each value a command still needs (its explicit stand-in, tree/placeholders.ts).
*/
import {Box, Text} from 'ink';
import {placeholderHints} from '../../tree/placeholders.ts';
import {Toned} from '../theme.tsx';

export function PlaceholderHints({texts}: {readonly texts: ReadonlyArray<string | undefined>}) {
	const hints = placeholderHints(texts);
	if (hints.length === 0) return null;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text>
				<Toned tone="muted">Fill in what authfix could not see:</Toned>
			</Text>
			{hints.map(hint => (
				<Box key={hint.placeholder} marginLeft={2}>
					<Text wrap="wrap">
						<Toned tone="code">{hint.placeholder}</Toned>
						<Toned tone="muted">: {hint.where}</Toned>
					</Text>
				</Box>
			))}
		</Box>
	);
}
