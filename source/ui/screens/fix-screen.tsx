/**
  Fix: Sign in to the tenant that owns the subscription
  The token came from tenant 72f9…, but subscription 1111… lives in tenant 3c1a….
    $ az login --tenant 3c1a…
  Enter run it (asks first)
*/
import {Box, Text} from 'ink';
import {describeEffects} from '../../engine/effects.ts';
import {fillCommand, fillPlaceholders} from '../../engine/fill.ts';
import {shownSteps} from '../../engine/fix-steps.ts';
import type {Session} from '../../engine/session.ts';
import {fixDone} from '../../engine/step.ts';
import type {FixNode} from '../../tree/types.ts';
import {Command} from '../components/command.tsx';
import {KeyHints} from '../components/key-hints.tsx';
import {PlaceholderHints} from '../components/placeholder-hints.tsx';
import {Spinner} from '../components/spinner.tsx';
import {useKeymap} from '../hooks/use-keymap.ts';
import {Toned} from '../theme.tsx';

const waitsFor = {
	browser: 'This fix needs a browser sign-in. Run the command, finish in the browser, then press Enter here.',
	admin: 'This fix needs an administrator. Ask one to run it (send them the command), then press Enter here.',
	manual: 'This fix is a change on your side (code, pipeline or settings). Make it, then press Enter to replay.',
	safe: 'Run the command, then press Enter to replay.',
} as const;

/**
The fix's commands (or code) as the screen shows them, in the failing client's language when the
session knows it, filled with command-safe values: what `c` copies.
*/
export function filledCommands(node: FixNode, session: Pick<Session, 'facts'>): Array<string | undefined> {
	return shownSteps(node.steps, session.facts).map(fixStep => {
		const command = fixStep.command ?? fixStep.code;
		return command === undefined ? undefined : fillCommand(command, session.facts);
	});
}

export function FixScreen({
	node,
	session,
	isRunnable,
	onApply,
	onConfirm,
	onCancel,
	onDone,
	onSkip,
	onContinue,
	canCopy,
}: {
	readonly node: FixNode;
	readonly session: Session;
	/** authfix can run it here (a safe fix, or any fix in demo mode). */
	readonly isRunnable: boolean;
	readonly onApply: () => void;
	readonly onConfirm: () => void;
	readonly onCancel: () => void;
	readonly onDone: () => void;
	readonly onSkip: () => void;
	/** Enter on a fix already carried out: replay again. */
	readonly onContinue: () => void;
	/** `c` copies the fix's commands (the session view takes the key). */
	readonly canCopy?: boolean;
}) {
	const running = session.pending?.kind === 'fix';
	// Back on a fix carried out already: say so; Enter replays again, r runs it again.
	const done = running || session.confirming ? undefined : fixDone(session, node.id);
	const doneDetail = session.steps.findLast(item => item.kind === 'fix' && item.node === node.id);
	useKeymap(
		session.confirming
			? {enter: onConfirm, y: onConfirm, n: onCancel}
			: done
				? {enter: onContinue, r: isRunnable ? onApply : onDone, s: onSkip}
				: {enter: isRunnable ? onApply : onDone, d: isRunnable ? onDone : undefined, s: onSkip},
		{isActive: !running},
	);
	const steps = shownSteps(node.steps, session.facts);
	const commands = filledCommands(node, session);
	const copyHint = canCopy ? ([['c', 'copy the commands']] as const) : [];
	return (
		<Box flexDirection="column">
			<Text wrap="wrap">
				<Toned tone="strong">Fix: {fillPlaceholders(node.title, session.facts)}</Toned>
			</Text>
			<Text wrap="wrap">{fillPlaceholders(node.why, session.facts)}</Text>
			<Box flexDirection="column" marginTop={1}>
				{/* In the failing client's language when the session knows it (a code fix's steps). */}
				{steps.map((fixStep, index) => (
					<Box key={fixStep.text} flexDirection="column">
						<Text wrap="wrap">
							<Toned tone="muted">• </Toned>
							{fillPlaceholders(fixStep.text, session.facts)}
						</Text>
						{commands[index] ? <Command command={commands[index]} indent={4} /> : null}
					</Box>
				))}
			</Box>
			<PlaceholderHints
				texts={[...commands, ...node.steps.map(fixStep => fillPlaceholders(fixStep.text, session.facts))]}
			/>
			<Box marginTop={1} flexDirection="column">
				{session.fixError ? (
					<Text wrap="wrap">
						<Toned tone="fail">✗ {session.fixError}</Toned>
					</Text>
				) : null}
				{running ? <Spinner label="Applying the fix" /> : null}
				{!running && session.confirming ? (
					<Text wrap="wrap">
						<Toned tone="warn">Run this fix now?</Toned> Enter or y runs it, n cancels.
					</Text>
				) : null}
				{/* Demo sessions carry out exactly the fix's effects; say which before they run. */}
				{!running && session.confirming && session.scenario && describeEffects(node.effects, session.facts) ? (
					<Text wrap="wrap">
						<Toned tone="muted">In the sandbox, {describeEffects(node.effects, session.facts)}</Toned>
					</Text>
				) : null}
				{done ? (
					<Text wrap="wrap">
						<Toned tone="pass">✓</Toned> {done === 'applied' ? 'Applied by authfix' : 'Done by you'}
						{doneDetail?.kind === 'fix' && doneDetail.detail ? `: ${doneDetail.detail}` : '.'} Enter replays the call
						again; r {isRunnable ? 'runs the fix again' : 'marks it done again'}.
					</Text>
				) : null}
				{!running && !session.confirming && !done ? (
					<Text wrap="wrap">
						{isRunnable ? 'authfix can run this fix for you: Enter (it asks first).' : waitsFor[node.mode]}
					</Text>
				) : null}
			</Box>
			<KeyHints
				hints={
					done
						? [
								['Enter', 'replay again'],
								['r', isRunnable ? 'run it again' : 'done again'],
								...copyHint,
								['s', 'skip'],
								['Esc', 'back'],
								['q', 'quit'],
							]
						: isRunnable
							? [
									['Enter', 'run it'],
									['d', 'I did it myself'],
									...copyHint,
									['s', 'skip'],
									['Esc', 'back'],
									['q', 'quit'],
								]
							: [['Enter', 'done, replay'], ...copyHint, ['s', 'skip'], ['Esc', 'back'], ['?', 'help'], ['q', 'quit']]
				}
			/>
		</Box>
	);
}
