import {Box, Text} from 'ink';
import {Toned} from '../theme.tsx';

const rows = [
	['Enter', 'take the recommended action (it is highlighted)'],
	['↑ ↓', 'move between answers'],
	['Esc', 'back one step'],
	['r', 're-run the check or the replay'],
	['s', 'skip this check or fix'],
	['?', 'show or hide this help'],
	['q, Ctrl-C', 'quit (the session so far is saved)'],
] as const;

export function HelpScreen() {
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text>
				<Toned tone="strong">Keys</Toned>
			</Text>
			{rows.map(([key, text]) => (
				<Text key={key}>
					{key.padEnd(11)}
					{text}
				</Text>
			))}
		</Box>
	);
}
