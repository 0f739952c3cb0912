/**
  Which client made the failing call?
  SDK credentials pick their tenant on their own; pin it to 72f9….
  ❯ My code (an Azure SDK credential) (recommended)
    The Azure CLI or a script around it
*/
import {Box, Text} from 'ink';
import {fillPlaceholders} from '../../engine/fill.ts';
import {recommendedAnswer} from '../../engine/step.ts';
import type {Facts} from '../../tree/facts.ts';
import type {QuestionNode} from '../../tree/types.ts';
import {KeyHints} from '../components/key-hints.tsx';
import {SelectList} from '../components/select-list.tsx';
import {Toned} from '../theme.tsx';

export function QuestionScreen({
	node,
	facts,
	onAnswer,
}: {
	readonly node: QuestionNode;
	readonly facts: Facts;
	readonly onAnswer: (index: number) => void;
}) {
	return (
		<Box flexDirection="column">
			<Text wrap="wrap">
				<Toned tone="strong">{fillPlaceholders(node.prompt, facts)}</Toned>
			</Text>
			{node.help ? (
				<Text wrap="wrap">
					<Toned tone="muted">{fillPlaceholders(node.help, facts)}</Toned>
				</Text>
			) : null}
			<Box marginTop={1}>
				<SelectList
					key={node.id}
					items={node.answers.map(answer => ({label: answer.label}))}
					recommended={recommendedAnswer(node)}
					onSelect={onAnswer}
				/>
			</Box>
			<KeyHints
				hints={[
					['Enter', 'choose'],
					['↑↓', 'move'],
					['Esc', 'back'],
					['?', 'help'],
					['q', 'quit'],
				]}
			/>
		</Box>
	);
}
