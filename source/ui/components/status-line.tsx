/**
One check result, as `gh auth status` prints it:

  ✓ Finding the tenant the subscription belongs to
    Subscription 1111… belongs to tenant 72f9….
*/
import {Box, Text} from 'ink';
import type {Finding} from '../../findings/finding.ts';
import {neutralizeTerminalText} from '../../safety/terminal-text.ts';
import {icons} from '../../terminal/style.ts';
import {statusTones, Toned} from '../theme.tsx';

export function StatusLine({finding, title}: {readonly finding: Finding; readonly title?: string}) {
	return (
		<Box flexDirection="column">
			<Text>
				<Toned tone={statusTones[finding.status]}>{icons[finding.status]}</Toned> {title ?? finding.title}
			</Text>
			<Box marginLeft={2} flexDirection="column">
				<Text wrap="wrap">{neutralizeTerminalText(finding.detail)}</Text>
				{(finding.lines ?? []).map(line => (
					<Text key={line} wrap="wrap">
						<Toned tone="muted">· {neutralizeTerminalText(line)}</Toned>
					</Text>
				))}
				{finding.fix?.command ? (
					<Text>
						<Toned tone="muted">fix: </Toned>
						<Toned tone="code">{neutralizeTerminalText(finding.fix.command)}</Toned>
					</Text>
				) : null}
			</Box>
		</Box>
	);
}
