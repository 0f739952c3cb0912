/**
  Replay of GET https://management…/subscriptions/1111…
    before  401  InvalidAuthenticationTokenTenant  request id 8c1…
    after   200
  ✓ Fixed: the call that failed now succeeds.
*/
import {Box, Text} from 'ink';
import type {ReplayResult, Session} from '../../engine/session.ts';
import {neutralizeTerminalText} from '../../safety/terminal-text.ts';
import type {VerifyNode} from '../../tree/types.ts';
import {KeyHints} from '../components/key-hints.tsx';
import {Spinner} from '../components/spinner.tsx';
import {useKeymap} from '../hooks/use-keymap.ts';
import {Toned} from '../theme.tsx';

const words: Record<ReplayResult['outcome'], {tone: 'pass' | 'warn' | 'fail'; text: string}> = {
	ok: {tone: 'pass', text: '✓ Works: the call succeeds.'},
	fixed: {tone: 'pass', text: '✓ Fixed: the call that failed now succeeds.'},
	'now-forbidden': {tone: 'warn', text: '! Signed in correctly now, but not allowed (403): a role is missing.'},
	'still-failing': {tone: 'fail', text: '✗ Still failing.'},
	refused: {tone: 'fail', text: '✗ Refused: authfix does not send this token to that host.'},
};

export function ReplayScreen({
	node,
	session,
	onContinue,
	onRerun,
}: {
	readonly node: VerifyNode;
	readonly session: Session;
	readonly onContinue: () => void;
	readonly onRerun: () => void;
}) {
	const running = session.pending?.kind === 'replay';
	const result = running ? undefined : session.replays[node.id];
	useKeymap({enter: result ? onContinue : undefined, r: running ? undefined : onRerun});
	return (
		<Box flexDirection="column">
			<Text>
				<Toned tone="strong">Verify: </Toned>
				{node.title}
			</Text>
			{running ? <Spinner label="Replaying the failing call" /> : null}
			{result ? (
				<Box flexDirection="column" marginTop={1}>
					{result.request ? (
						<Text wrap="truncate-middle">
							<Toned tone="muted">{result.request.method} </Toned>
							{neutralizeTerminalText(result.request.url)}
						</Text>
					) : null}
					{result.command ? (
						<Text wrap="truncate-middle">
							<Toned tone="muted">$ </Toned>
							{neutralizeTerminalText(result.command)}
						</Text>
					) : null}
					{result.attempts.map(attempt => (
						<Text key={attempt.label} wrap="truncate-end">
							{'  '}
							{attempt.label.padEnd(7)}{' '}
							{attempt.exitCode === undefined ? (
								<Toned tone={attempt.status < 400 ? 'pass' : 'fail'}>{String(attempt.status)}</Toned>
							) : (
								<Toned tone={attempt.exitCode === 0 ? 'pass' : 'fail'}>{`exit ${attempt.exitCode}`}</Toned>
							)}
							{attempt.errorCode ? `  ${neutralizeTerminalText(attempt.errorCode)}` : ''}
							{attempt.requestId ? (
								<Toned tone="muted">{`  request id ${neutralizeTerminalText(attempt.requestId)}`}</Toned>
							) : null}
						</Text>
					))}
					<Box marginTop={1}>
						<Text wrap="wrap">
							<Toned tone={words[result.outcome].tone}>{words[result.outcome].text}</Toned>{' '}
							{neutralizeTerminalText(result.detail)}
						</Text>
					</Box>
				</Box>
			) : null}
			<KeyHints
				hints={
					running
						? [
								['Esc', 'back'],
								['q', 'quit'],
							]
						: [
								['Enter', 'continue'],
								['r', 'replay again'],
								['Esc', 'back'],
								['q', 'quit'],
							]
				}
			/>
		</Box>
	);
}
