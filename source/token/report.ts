import {redactForDisplay} from '../safety/redact.ts';
import {icons, type Style} from '../terminal/style.ts';
import type {TokenAnalysis, TokenFindingSeverity} from './analyze.ts';
import type {ExplainedClaim} from './claims.ts';
import {formatUtc, isEpochSeconds, relativeTo} from './time.ts';
import type {SignatureResult} from './verify.ts';
import {nameOf} from './well-known.ts';

/** What `authfix decode` reports: the analysis and the signature check (or why there was none). */
export type DecodeReport = TokenAnalysis & {readonly signature: SignatureResult};

/** The signature result when `--verify` was not asked for. */
export const signatureNotChecked: SignatureResult = {
	verified: null,
	reason: "not checked (use --verify to check it against the issuer's published keys)",
};

/**
The `decode --json` document, exactly as architecture.md fixes it (plus `fingerprint` and
`explainedHeader`). It carries the header and the claims, never the token or its signature.
*/
export function decodeJson(report: DecodeReport): Record<string, unknown> {
	return {
		header: report.header,
		claims: report.claims,
		kind: report.kind,
		version: report.version,
		explained: report.explained,
		findings: report.findings,
		signature: report.signature,
		fingerprint: report.fingerprint,
		explainedHeader: report.explainedHeader,
	};
}

/** True when the report has an error-severity finding or a signature that failed: exit code 1. */
export function hasProblems(report: DecodeReport): boolean {
	return report.findings.some(finding => finding.severity === 'error') || report.signature.verified === false;
}

const severityIcon: Record<TokenFindingSeverity, {icon: string; style: keyof Style}> = {
	error: {icon: icons.fail, style: 'fail'},
	warning: {icon: icons.warn, style: 'warn'},
	info: {icon: icons.info, style: 'muted'},
};

/**
The human report, readable at 80 columns:

```
Access token (v2.0), sha256:1a2b3c4d
  for Azure Resource Manager (AzureCloud), tenant 72f0a8c1-…, expires in 55 min

Claims
  aud  https://management.core.windows.net/
       Audience: the API this token is for. …
Findings
  ✗ expired  Expired 2 h ago (2026-11-22 00:20:45 UTC). …
Signature
  - not checked (use --verify …)
```

Every value from the token is redacted and neutralised before it is wrapped (safety/redact.ts
`redactForDisplay`): a token is pasted data, and a secret cut across two lines would escape the
patterns.
*/
export function renderDecodeText(report: DecodeReport, options: {style: Style; columns: number}): string {
	const {style} = options;
	const width = Math.max(40, Math.min(options.columns, 100));
	const lines: string[] = [];
	const kindText = report.kind === 'access' ? 'Access token' : report.kind === 'id' ? 'ID token' : 'Token';
	lines.push(
		`${style.strong(`${kindText}${report.version ? ` (v${report.version})` : ''}`)} ${style.muted(report.fingerprint)}`,
	);
	for (const part of summaryOf(report)) {
		const wrapped = wrap(part, width - 4, true, width - 2);
		lines.push(`  ${wrapped[0] ?? ''}`, ...wrapped.slice(1).map(line => `    ${line}`));
	}

	lines.push('', style.strong('Header'), ...claimBlock(report.explainedHeader, width, style, false));
	lines.push('', style.strong('Claims'), ...claimBlock(report.explained, width, style, true));
	lines.push('', style.strong('Findings'));
	if (report.findings.length === 0) lines.push(`  ${style.pass(icons.pass)} nothing wrong found in the claims`);
	for (const finding of report.findings) {
		const {icon, style: styleName} = severityIcon[finding.severity];
		const body = wrap(`${finding.id}: ${safe(finding.message)}`, width - 4);
		const first = (body[0] ?? '').slice(finding.id.length + 1);
		lines.push(
			`  ${style[styleName](icon)} ${style.strong(`${finding.id}:`)}${first}`,
			...body.slice(1).map(line => `    ${line}`),
		);
	}

	lines.push('', style.strong('Signature'));
	const signature = report.signature;
	const signatureIcon =
		signature.verified === true
			? style.pass(icons.pass)
			: signature.verified === false
				? style.fail(icons.fail)
				: style.muted(icons.skip);
	const signatureHead =
		signature.verified === true ? 'verified: ' : signature.verified === false ? 'NOT verified: ' : '';
	const signatureLines = wrap(safe(`${signatureHead}${signature.reason}`), width - 4);
	lines.push(`  ${signatureIcon} ${signatureLines[0] ?? ''}`, ...signatureLines.slice(1).map(line => `    ${line}`));
	return `${lines.join('\n')}\n`;
}

function summaryOf(report: DecodeReport): string[] {
	const {claims} = report;
	const parts: string[] = [];
	const audience = claims.aud;
	if (audience !== undefined) {
		const name = nameOf(audience);
		parts.push(
			`for ${safe(typeof audience === 'string' ? audience : JSON.stringify(audience))}${name ? ` (${name})` : ''}`,
		);
	}

	if (typeof claims.tid === 'string') parts.push(`tenant ${safe(claims.tid)}`);
	const client = claims.appid ?? claims.azp;
	if (typeof client === 'string') {
		const name = nameOf(client);
		parts.push(`client ${safe(client)}${name ? ` (${name})` : ''}`);
	}

	const who = claims.upn ?? claims.preferred_username ?? claims.unique_name;
	if (typeof who === 'string') parts.push(`user ${safe(who)}`);
	else if (claims.idtyp === 'app') parts.push('app-only');
	const now = report.nowSeconds;
	if (isEpochSeconds(claims.exp)) {
		const relative = relativeTo(claims.exp, now);
		parts.push(`${relative.startsWith('in ') ? 'expires' : 'expired'} ${relative} (${formatUtc(claims.exp)})`);
	}

	return parts;
}

function claimBlock(entries: readonly ExplainedClaim[], width: number, style: Style, explain: boolean): string[] {
	if (entries.length === 0) return ['  (none)'];
	const nameWidth = Math.min(10, Math.max(...entries.map(entry => safe(entry.claim).length)));
	const lines: string[] = [];
	for (const entry of entries) {
		const name = safe(entry.claim);
		const indent = ' '.repeat(2 + Math.max(nameWidth, Math.min(name.length, nameWidth)) + 2);
		const valueLines = wrap(safe(displayValue(entry.value)), width - indent.length, true);
		const first =
			name.length > nameWidth
				? [`  ${style.accent(name)}`, `${indent}${valueLines[0] ?? ''}`]
				: [`  ${style.accent(name.padEnd(nameWidth))}  ${valueLines[0] ?? ''}`];
		lines.push(...first, ...valueLines.slice(1).map(line => `${indent}${line}`));
		if (explain || entry.claim === 'nonce') {
			lines.push(...wrap(safe(entry.meaning), width - indent.length).map(line => `${indent}${style.muted(line)}`));
		}
	}

	return lines;
}

function displayValue(value: unknown): string {
	if (typeof value === 'string') return value;
	return JSON.stringify(value) ?? String(value);
}

function safe(text: string): string {
	return redactForDisplay(text).replace(/[\n\t]/g, ' ');
}

/**
Wraps text at spaces to `width` columns; words longer than a line are cut (`hard`) or kept whole.
Very long values are shortened to 12 lines.
*/
function wrap(text: string, width: number, hard = true, firstWidth = width): string[] {
	const lines: string[] = [];
	let current = '';
	const limit = () => (lines.length === 0 ? firstWidth : width);
	for (const word of text.split(' ')) {
		let rest = word;
		while (hard && rest.length > limit()) {
			if (current !== '') {
				lines.push(current);
				current = '';
			}

			const cut = limit();
			lines.push(rest.slice(0, cut));
			rest = rest.slice(cut);
		}

		if (current === '') current = rest;
		else if (current.length + 1 + rest.length <= limit()) current += ` ${rest}`;
		else {
			lines.push(current);
			current = rest;
		}
	}

	if (current !== '') lines.push(current);
	if (lines.length > 12) return [...lines.slice(0, 11), `… (${lines.length - 11} more lines)`];
	return lines;
}
