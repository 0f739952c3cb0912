import {Box, Text} from 'ink';
import {Toned} from '../theme.tsx';

const rows = [
	['Enter', 'take the recommended action (it is highlighted)'],
	['↑ ↓', 'move between answers'],
	['Esc', 'back one step'],
	['a', 'run every check left on this path; stops at the first that fails'],
	['r', 're-run a check or the replay; on a fix done already, run it again'],
	['s', 'skip this check or fix'],
	['c', 'copy the commands shown (the terminal is asked, OSC 52)'],
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
