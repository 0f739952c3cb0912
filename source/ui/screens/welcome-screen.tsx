/**
  authfix · find and fix Azure sign-in failures
  ❯ Paste an error   the text of a failing call or sign-in (recommended)
    Pick a symptom   what fails, in a few words
*/
import {Box, Text} from 'ink';
import {KeyHints} from '../components/key-hints.tsx';
import {type SelectItem, SelectList} from '../components/select-list.tsx';
import {Toned} from '../theme.tsx';

export function WelcomeScreen({
	title,
	intro,
	items,
	onPick,
	detail,
}: {
	readonly title: string;
	readonly intro: string;
	readonly items: readonly SelectItem[];
	readonly onPick: (index: number) => void;
	readonly detail?: (index: number) => string | undefined;
}) {
	return (
		<Box flexDirection="column">
			<Text>
				<Toned tone="strong">{title}</Toned>
			</Text>
			<Text wrap="wrap">
				<Toned tone="muted">{intro}</Toned>
			</Text>
			<Box marginTop={1}>
				<SelectList items={items} onSelect={onPick} {...(detail ? {detail} : {})} />
			</Box>
			<KeyHints
				hints={[
					['Enter', 'start'],
					['↑↓', 'move'],
					['?', 'help'],
					['q', 'quit'],
				]}
			/>
		</Box>
	);
}
