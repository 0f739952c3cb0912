/**
    az ad app federated-credential create --id aaaa-… \
      --parameters '{"name":"cross-tenant-identity",…"]}'

A copy-ready command: laid out for the screen without breaking a word or a quoted string
(terminal/command-layout.ts). When a word had to be shortened, the screen offers the whole command
to copy instead (the `c` key).
*/
import {Box, Text, useWindowSize} from 'ink';
import {layoutCommand} from '../../terminal/command-layout.ts';
import {Toned} from '../theme.tsx';

/** The app's width (app.tsx draws at most 100 columns). */
export function screenWidth(columns: number | undefined): number {
	return Math.max(20, Math.min(columns || 80, 100));
}

export function Command({
	command,
	indent,
	whole = 'c copies it whole',
}: {
	readonly command: string;
	readonly indent: number;
	/** Where the whole command is, when it had to be shortened. */
	readonly whole?: string;
}) {
	const {columns} = useWindowSize();
	// Code spans lines of its own: each is laid out alone.
	const layouts = command.split('\n').map(line => layoutCommand(line, screenWidth(columns) - indent));
	const lines = layouts.flatMap(layout => layout.lines);
	const shortened = layouts.some(layout => layout.shortened);
	return (
		<Box flexDirection="column" marginLeft={indent}>
			{lines.map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the lines of one command, in order
				<Text key={index} wrap="truncate-end">
					<Toned tone="code">{line}</Toned>
				</Text>
			))}
			{shortened ? (
				<Text>
					<Toned tone="muted">(shortened to fit: {whole})</Toned>
				</Text>
			) : null}
		</Box>
	);
}
