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
import type {FixNode} from '../../tree/types.ts';
import {KeyHints} from '../components/key-hints.tsx';
import {Spinner} from '../components/spinner.tsx';
import {useKeymap} from '../hooks/use-keymap.ts';
import {Toned} from '../theme.tsx';

const waitsFor = {
	browser: 'This fix needs a browser sign-in. Run the command, finish in the browser, then press Enter here.',
	admin: 'This fix needs an administrator. Ask one to run it (send them the command), then press Enter here.',
	manual: 'This fix is a change on your side (code, pipeline or settings). Make it, then press Enter to replay.',
	safe: 'Run the command, then press Enter to replay.',
} as const;

export function FixScreen({
	node,
	session,
	isRunnable,
	onApply,
	onConfirm,
	onCancel,
	onDone,
	onSkip,
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
}) {
	const running = session.pending?.kind === 'fix';
	useKeymap(
		session.confirming
			? {enter: onConfirm, y: onConfirm, n: onCancel}
			: {enter: isRunnable ? onApply : onDone, d: isRunnable ? onDone : undefined, s: onSkip},
		{isActive: !running},
	);
	return (
		<Box flexDirection="column">
			<Text wrap="wrap">
				<Toned tone="strong">Fix: {fillPlaceholders(node.title, session.facts)}</Toned>
			</Text>
			<Text wrap="wrap">{fillPlaceholders(node.why, session.facts)}</Text>
			<Box flexDirection="column" marginTop={1}>
				{/* In the failing client's language when the session knows it (a code fix's steps). */}
				{shownSteps(node.steps, session.facts).map(fixStep => (
					<Box key={fixStep.text} flexDirection="column">
						<Text wrap="wrap">
							<Toned tone="muted">• </Toned>
							{fillPlaceholders(fixStep.text, session.facts)}
						</Text>
						{(fixStep.command ?? fixStep.code) ? (
							<Box marginLeft={4}>
								<Text wrap="wrap">
									<Toned tone="code">{fillCommand(fixStep.command ?? fixStep.code ?? '', session.facts)}</Toned>
								</Text>
							</Box>
						) : null}
					</Box>
				))}
			</Box>
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
				{!running && !session.confirming ? (
					<Text wrap="wrap">
						{isRunnable ? 'authfix can run this fix for you: Enter (it asks first).' : waitsFor[node.mode]}
					</Text>
				) : null}
			</Box>
			<KeyHints
				hints={
					isRunnable
						? [
								['Enter', 'run it'],
								['d', 'I did it myself'],
								['s', 'skip'],
								['Esc', 'back'],
								['q', 'quit'],
							]
						: [
								['Enter', 'done, replay'],
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
