/**
  ✓ Finding the tenant the subscription belongs to
    Subscription 1111… belongs to tenant 72f9….
  ⠋ Comparing your token's tenant with the subscription's tenant…
*/
import {Box, Text} from 'ink';
import type {Session} from '../../engine/session.ts';
import {edgeForStatus} from '../../engine/step.ts';
import type {Finding} from '../../findings/finding.ts';
import type {CheckNode} from '../../tree/types.ts';
import {KeyHints} from '../components/key-hints.tsx';
import {Spinner} from '../components/spinner.tsx';
import {StatusLine} from '../components/status-line.tsx';
import {useKeymap} from '../hooks/use-keymap.ts';
import {Toned} from '../theme.tsx';

const statusWords = {
	pass: 'Passed',
	warn: 'Warning',
	fail: 'Failed',
	skip: 'Skipped',
	error: 'Could not run',
} as const satisfies Record<Finding['status'], string>;

/** Whether the result leads somewhere other than a pass does: to what to do about it. */
function leadsToAFix(node: CheckNode, result: Finding): boolean {
	return result.status !== 'pass' && edgeForStatus(node, result) !== node.next.pass;
}

export function CheckScreen({
	node,
	session,
	onContinue,
	onRerun,
	onSkip,
	onRunAll,
}: {
	readonly node: CheckNode;
	readonly session: Session;
	readonly onContinue: () => void;
	readonly onRerun: () => void;
	readonly onSkip: () => void;
	/** `a`: this check and every one after it on the path, until one fails. */
	readonly onRunAll: () => void;
}) {
	const running = session.pending?.kind === 'check';
	const result = running ? undefined : session.results[node.id];
	useKeymap({
		enter: result ? onContinue : undefined,
		r: running ? undefined : onRerun,
		s: onSkip,
		a: session.runningAll ? undefined : onRunAll,
	});
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
			{session.runningAll ? (
				<Text>
					<Toned tone="muted">Running every check left on this path; it stops at the first that fails.</Toned>
				</Text>
			) : null}
			{result ? <StatusLine finding={result} title={node.title} /> : null}
			{result ? (
				<Box marginTop={1}>
					<Text>
						<Toned tone="muted">{statusWords[result.status]}: </Toned>
						{leadsToAFix(node, result) ? 'Enter shows what to do about it.' : 'Enter continues.'}
					</Text>
				</Box>
			) : null}
			<KeyHints
				hints={
					running
						? [
								...(session.runningAll ? [] : ([['a', 'run all the checks left']] as const)),
								['s', 'skip'],
								['Esc', 'back'],
								['q', 'quit'],
							]
						: [
								['Enter', 'continue'],
								['a', 'run all'],
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
