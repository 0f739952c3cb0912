/**
  Saved sessions
  ❯ 2026-11-22 01:02  tenant-mismatch  fixed
*/
import {Box, Text} from 'ink';
import type {SessionSummary} from '../../report/session-report.ts';
import {KeyHints} from '../components/key-hints.tsx';
import {SelectList} from '../components/select-list.tsx';
import {useKeymap} from '../hooks/use-keymap.ts';
import {Toned} from '../theme.tsx';

export function SessionsScreen({
	sessions,
	report,
	onOpen,
	onBack,
}: {
	readonly sessions: readonly SessionSummary[];
	/** The report of the opened session (Markdown), when one is open. */
	readonly report?: string;
	readonly onOpen: (id: string) => void;
	readonly onBack: () => void;
}) {
	useKeymap({escape: onBack});
	if (report !== undefined) {
		return (
			<Box flexDirection="column">
				<Text wrap="wrap">{report}</Text>
				<KeyHints
					hints={[
						['Esc', 'back'],
						['q', 'quit'],
					]}
				/>
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Text>
				<Toned tone="strong">Saved sessions</Toned>
			</Text>
			{sessions.length === 0 ? (
				<Text>No saved session yet.</Text>
			) : (
				<SelectList
					items={sessions.map(item => ({
						label: `${item.startedAt.slice(0, 16).replace('T', ' ')}  ${item.scenario ?? '-'}  ${item.outcome}`,
						hint: item.id,
					}))}
					onSelect={index => onOpen(sessions[index]!.id)}
				/>
			)}
			<KeyHints
				hints={[
					['Enter', 'open'],
					['Esc', 'back'],
					['q', 'quit'],
				]}
			/>
		</Box>
	);
}
