/**
  ✓ Finding the tenant the subscription belongs to
    Subscription 1111… belongs to tenant 72f9….
  ⠋ Comparing your token's tenant with the subscription's tenant…
*/
import {Box, Text} from 'ink';
import type {Session} from '../../engine/session.ts';
import type {CheckNode} from '../../tree/types.ts';
import {KeyHints} from '../components/key-hints.tsx';
import {Spinner} from '../components/spinner.tsx';
import {StatusLine} from '../components/status-line.tsx';
import {useKeymap} from '../hooks/use-keymap.ts';
import {Toned} from '../theme.tsx';

export function CheckScreen({
	node,
	session,
	onContinue,
	onRerun,
	onSkip,
}: {
	readonly node: CheckNode;
	readonly session: Session;
	readonly onContinue: () => void;
	readonly onRerun: () => void;
	readonly onSkip: () => void;
}) {
	const running = session.pending?.kind === 'check';
	const result = running ? undefined : session.results[node.id];
	useKeymap({enter: result ? onContinue : undefined, r: running ? undefined : onRerun, s: onSkip});
	// Earlier checks of this walk, newest last, as `gh auth status` lists accounts.
	const earlier = session.trail
		.slice(0, -1)
		.filter((id, index, all) => all.indexOf(id) === index && session.results[id] !== undefined)
		.slice(-4);
	return (
		<Box flexDirection="column">
			{earlier.length > 0 ? (
				<Box flexDirection="column" marginBottom={1}>
					{earlier.map(id => (
						<StatusLine key={id} finding={session.results[id]!} />
					))}
				</Box>
			) : null}
			{running ? <Spinner label={node.title} /> : null}
			{result ? <StatusLine finding={result} title={node.title} /> : null}
			{result ? (
				<Box marginTop={1}>
					<Text>
						<Toned tone="muted">{result.status === 'pass' ? 'Passed: ' : 'Next: '}</Toned>
						{result.status === 'pass' ? 'Enter continues.' : 'Enter shows what to do about it.'}
					</Text>
				</Box>
			) : null}
			<KeyHints
				hints={
					running
						? [
								['s', 'skip'],
								['Esc', 'back'],
								['q', 'quit'],
							]
						: [
								['Enter', 'continue'],
								['r', 're-run'],
								['s', 'skip'],
								['Esc', 'back'],
								['?', 'help'],
								['q', 'quit'],
							]
				}
			/>
		</Box>
	);
}
