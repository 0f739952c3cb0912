/**
  Which subscription should authfix use here?
  ❯ Production (4444…) · tenant Fabrikam (recommended)
    Development (3333…) · tenant Contoso
*/
import {Box, Text} from 'ink';
import {fillPlaceholders} from '../../engine/fill.ts';
import type {Session} from '../../engine/session.ts';
import {recommendedOption} from '../../engine/step.ts';
import {neutralizeTerminalText} from '../../safety/terminal-text.ts';
import type {PickNode} from '../../tree/types.ts';
import {KeyHints} from '../components/key-hints.tsx';
import {SelectList} from '../components/select-list.tsx';
import {Spinner} from '../components/spinner.tsx';
import {useKeymap} from '../hooks/use-keymap.ts';
import {Toned} from '../theme.tsx';

export function PickScreen({
	node,
	session,
	onPick,
	onContinue,
	onRerun,
}: {
	readonly node: PickNode;
	readonly session: Session;
	readonly onPick: (index: number) => void;
	readonly onContinue: () => void;
	readonly onRerun: () => void;
}) {
	const loading = session.pending?.kind === 'options';
	const list = loading ? undefined : session.options?.[node.id];
	const isEmpty = list !== undefined && list.items.length === 0;
	useKeymap({enter: isEmpty ? onContinue : undefined, r: loading ? undefined : onRerun});
	return (
		<Box flexDirection="column">
			<Text wrap="wrap">
				<Toned tone="strong">{fillPlaceholders(node.prompt, session.facts)}</Toned>
			</Text>
			{node.help ? (
				<Text wrap="wrap">
					<Toned tone="muted">{node.help}</Toned>
				</Text>
			) : null}
			<Box marginTop={1} flexDirection="column">
				{loading ? <Spinner label={node.title} /> : null}
				{list?.error ? (
					<Text wrap="wrap">
						<Toned tone="fail">✗ {neutralizeTerminalText(list.error)}</Toned>
					</Text>
				) : null}
				{isEmpty ? <Text>Nothing to pick from. Enter shows what to do about it.</Text> : null}
				{list && !isEmpty ? (
					<SelectList
						key={node.id}
						items={list.items.map(item => ({label: neutralizeTerminalText(item.label)}))}
						recommended={recommendedOption(list.items, session.facts)}
						onSelect={onPick}
					/>
				) : null}
			</Box>
			<KeyHints
				hints={[
					['Enter', 'choose'],
					['↑↓', 'move'],
					['r', 'list again'],
					['Esc', 'back'],
					['q', 'quit'],
				]}
			/>
		</Box>
	);
}
