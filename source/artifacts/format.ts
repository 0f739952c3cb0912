/**
What an artifact revealed, for people: which artifact it is, the failing request and what came
back, and the token it sent (its claims, never the token). Printed before `explain`'s findings.
Every value is redacted and neutralised here: the summary's strings come from the user's file.
*/
import {wrap} from '../explain/format.ts';
import {redactSecrets} from '../safety/redact.ts';
import {neutralizeTerminalText} from '../safety/terminal-text.ts';
import type {Style} from '../terminal/style.ts';
import type {ArtifactSummary} from './diagnose.ts';

const safe = (text: string) => redactSecrets(neutralizeTerminalText(text));

function claim(claims: Readonly<Record<string, unknown>>, name: string): string | undefined {
	const value = claims[name];
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.join(' ');
	return undefined;
}

export function formatArtifact(
	summary: ArtifactSummary,
	options: {readonly style: Style; readonly width: number},
): string {
	const {style} = options;
	const width = Math.max(40, Math.min(options.width, 100));
	const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
	const where = summary.kind === 'har' ? 'entry' : 'line';
	const lines = [style.strong(`From the ${summary.name} (${plural(summary.exchanges, 'request')}):`)];
	const {failing, sentToken} = summary;
	if (failing) {
		const status = failing.status === null ? 'no status in the log' : String(failing.status);
		lines.push(
			`  ${style.fail('✗')} ${safe(failing.method)} ${safe(failing.url)} → ${style.fail(status)} ${style.muted(`(${where} ${failing.at})`)}`,
		);
		const said = failing.error
			? `${failing.error.code}${failing.error.description ? `: ${failing.error.description}` : ''}`
			: (failing.body ?? '');
		const first = said.split('\n').find(line => line.trim() !== '');
		if (first)
			lines.push(
				...wrap(safe(first.length > 300 ? `${first.slice(0, 300)}…` : first), width, '    ').map(line =>
					style.muted(line),
				),
			);
		const ids = [
			failing.requestId ? `request id ${failing.requestId}` : '',
			failing.correlationId && failing.correlationId !== failing.requestId
				? `correlation id ${failing.correlationId}`
				: '',
		]
			.filter(Boolean)
			.join(', ');
		if (ids) lines.push(`    ${style.muted(safe(ids))}`);
	} else {
		lines.push(
			`  ${style.muted('No failed request in it')}${summary.errors.length > 0 ? style.muted('; its error records are explained below.') : '.'}`,
		);
	}

	if (sentToken) {
		const {claims} = sentToken;
		const app = claim(claims, 'appid') ?? claim(claims, 'azp');
		const parts = [
			claim(claims, 'tid') ? `tenant ${claim(claims, 'tid')}` : '',
			claim(claims, 'aud') ? `audience ${claim(claims, 'aud')}` : '',
			app ? `app ${app}` : '',
			sentToken.expires ? `${sentToken.expired ? 'expired' : 'expires'} ${sentToken.expires}` : '',
		].filter(Boolean);
		lines.push(
			...wrap(
				safe(`The token it sent (${sentToken.fingerprint}, decoded here, never kept): ${parts.join(', ')}.`),
				width,
				'    ',
				'  ',
			),
		);
	}

	return `${lines.join('\n')}\n\n`;
}
