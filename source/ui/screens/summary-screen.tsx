/**
  ✓ Verified: the failing call now succeeds.
  Session 2026-11-22-ab12 saved. Report:
    authfix sessions export 2026-11-22-ab12 --format md
*/
import {Box, Text} from 'ink';
import {fillPlaceholders} from '../../engine/fill.ts';
import type {Session} from '../../engine/session.ts';
import {reportCommandOf} from '../../report/session-report.ts';
import type {OutcomeNode} from '../../tree/types.ts';
import {Command} from '../components/command.tsx';
import {KeyHints} from '../components/key-hints.tsx';
import {useKeymap} from '../hooks/use-keymap.ts';
import {Toned} from '../theme.tsx';

const tones = {fixed: 'pass', healthy: 'pass', unresolved: 'warn', info: 'accent'} as const;
const icons = {fixed: '✓', healthy: '✓', unresolved: '!', info: '•'} as const;

export function SummaryScreen({
	node,
	session,
	onQuit,
}: {
	readonly node: OutcomeNode;
	readonly session: Session;
	readonly onQuit: () => void;
}) {
	useKeymap({enter: onQuit});
	const checks = session.steps.filter(item => item.kind === 'check').length;
	const fix = session.steps.findLast(item => item.kind === 'fix');
	return (
		<Box flexDirection="column">
			<Text wrap="wrap">
				<Toned tone={tones[node.verdict]}>
					{icons[node.verdict]} {node.summary}
				</Toned>
			</Text>
			{node.advice ? <Text wrap="wrap">{fillPlaceholders(node.advice, session.facts)}</Text> : null}
			<Box marginTop={1} flexDirection="column">
				<Text>
					{checks} check{checks === 1 ? '' : 's'} run
					{fix
						? `, fix ${fix.how === 'applied' ? 'applied by authfix' : fix.how === 'by-user' ? 'done by you' : fix.how}`
						: ''}
					.
				</Text>
				<Text wrap="wrap">
					<Toned tone="muted">Session {session.id} saved. Report:</Toned>
				</Text>
				{/* A command on its own line, laid out whole (never wrapped inside it) so it survives copying. */}
				<Command command={reportCommandOf(session.id)} indent={2} />
			</Box>
			<KeyHints
				hints={[
					['Enter', 'quit'],
					['Esc', 'back'],
					['q', 'quit'],
				]}
			/>
		</Box>
	);
}
