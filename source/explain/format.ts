/**
The human rendering of an explain report: plain text readable at 80 columns, commands on lines of
their own (never wrapped, so they copy cleanly), colour only through the injected Style.
*/
import type {Style} from '../terminal/style.ts';
import {wrap} from '../terminal/wrap.ts';
import type {ExplainFinding, ExplainReport} from './explain.ts';

const entityLabels: Readonly<Record<string, string>> = {
	tokenTenant: "token's tenant",
	tokenFingerprint: 'token (fingerprint)',
	tokenExpires: 'token expires',
	subscriptionTenant: "subscription's tenant",
	tenantId: 'tenant',
	tenantName: 'tenant (name)',
	authority: 'authority to use',
	subscriptionId: 'subscription',
	linkedSubscriptionId: 'linked subscription',
	clientId: 'client / app',
	clientName: 'client / app (name)',
	objectId: 'object id',
	issuer: 'issuer',
	audience: 'audience (token)',
	expectedAudience: 'expected audience',
	resource: 'resource',
	subject: 'subject',
	action: 'action',
	scope: 'scope',
	cloudName: 'cloud',
	replyUrl: 'reply URL',
	thumbprint: 'key thumbprint',
	httpStatus: 'HTTP status',
	traceId: 'trace id',
	correlationId: 'correlation id',
	requestId: 'request id',
	timestamp: 'timestamp',
};

const hiddenEntities = new Set(['armResource']);

/** Names shown beside the id they name, rather than on a row of their own. */
const nameOfEntity: Readonly<Record<string, string>> = {
	clientId: 'clientName',
	tenantId: 'tenantName',
	audience: 'audienceName',
	expectedAudience: 'expectedAudienceName',
	resource: 'resourceName',
};

function formatFinding(finding: ExplainFinding, style: Style, width: number, primary: boolean): string[] {
	const lines: string[] = [];
	const icon = finding.family === 'other' ? '?' : '✗';
	const headingIcon = primary ? icon : '•';
	lines.push(...wrap(finding.title, width, '  ', `${headingIcon} `).map(line => style.strong(line)));
	const meta = [
		`family: ${finding.family}`,
		finding.codes.length > 0 ? `codes: ${finding.codes.join(', ')}` : undefined,
		finding.known ? undefined : 'not in the knowledge base',
		`${finding.likelihood} (${Math.round(finding.confidence * 100)} %)`,
		finding.language.id === 'unknown' ? undefined : `fixes in ${finding.language.name}`,
	].filter(Boolean);
	lines.push(...wrap(meta.join(' · '), width, '  ').map(line => style.muted(line)));
	lines.push('');
	lines.push(...wrap(finding.explanation, width, '  '));
	const [evidence] = finding.evidence;
	if (primary && evidence)
		lines.push(
			'',
			...wrap(
				`Seen in the text: “${evidence.length > 90 ? `${evidence.slice(0, 90)}…` : evidence}”`,
				width,
				'    ',
				'  ',
			),
		);

	const shownBeside = new Set(
		Object.entries(nameOfEntity)
			.filter(([id]) => finding.entities[id] !== undefined)
			.map(([, name]) => name),
	);
	const entities = Object.entries(finding.entities)
		.filter(([name]) => !hiddenEntities.has(name) && !shownBeside.has(name))
		.map(([name, value]): [string, string] => {
			const label = nameOfEntity[name] === undefined ? undefined : finding.entities[nameOfEntity[name]!];
			return [name, label === undefined || label === value ? value : `${value} (${label})`];
		});
	if (primary && entities.length > 0) {
		lines.push('', style.strong('  Found in the text'));
		const labelWidth = Math.max(...entities.map(([name]) => (entityLabels[name] ?? name).length));
		for (const [name, value] of entities) {
			lines.push(`    ${(entityLabels[name] ?? name).padEnd(labelWidth)}  ${value}`);
		}
	}

	const details = primary ? finding.causeDetails : finding.causeDetails.slice(0, 1);
	if (details.length > 0) {
		lines.push('', style.strong(primary ? '  Likely causes, most likely first' : '  Most likely cause'));
		details.forEach((cause, index) => {
			lines.push(...wrap(cause.text, width, '       ', `    ${index + 1}. `));
			if (/^(?:az|authfix|curl|kubectl|Connect-\w+|Get-\w+) /.test(cause.confirm) && !cause.confirm.includes('; ')) {
				lines.push('       Confirm:', `         ${style.code(`$ ${cause.confirm}`)}`);
			} else {
				lines.push(...wrap(`Confirm: ${cause.confirm}`, width, '         ', '       '));
			}
			for (const fix of cause.fixes) {
				lines.push(...wrap(`Fix: ${fix.text}`, width, '         ', '       '));
				if (fix.command) lines.push(`         ${style.code(`$ ${fix.command}`)}`);
				// Code goes into the program, not a shell: no prompt, each line as it is.
				if (fix.code) for (const line of fix.code.split('\n')) lines.push(`         ${style.code(line)}`);
				if (fix.portal) lines.push(...wrap(`Portal: ${fix.portal}`, width, '         ', '         '));
			}
		});
	}

	if (primary && finding.placeholders.length > 0) {
		lines.push('', style.strong('  Fill in what authfix could not see'));
		for (const hint of finding.placeholders) {
			lines.push(...wrap(`${hint.placeholder}: ${hint.where}`, width, '      ', '    '));
		}
	}

	if (primary) {
		lines.push('', ...wrap(`${style.strong('Verify:')} ${finding.verify}`, width, '  '));
		if (finding.prevent) lines.push(...wrap(`${style.strong('Prevent:')} ${finding.prevent}`, width, '  '));
		if (finding.links.length > 0) {
			lines.push('', style.strong('  Learn more'));
			for (const link of finding.links) lines.push(`    ${link}`);
		}
	}

	return lines;
}

export function formatReport(report: ExplainReport, options: {readonly style: Style; readonly width: number}): string {
	const {style} = options;
	const width = Math.max(40, Math.min(options.width, 100));
	if (report.findings.length === 0) {
		return `${wrap('No sign of an Azure or Entra authentication failure in this text. Paste the whole error message, including any code (AADSTS…, InvalidAuthenticationToken…) and the lines around it.', width, '').join('\n')}\n`;
	}

	const [first, ...rest] = report.findings;
	const lines: string[] = [];
	if (report.unsure) {
		const [a, b] = report.unsure.families;
		lines.push(
			...wrap(`Not sure: this is ${a} or ${b}, with nearly the same evidence for both.`, width, '  ', '? ').map(line =>
				style.strong(line),
			),
			...wrap(`To tell them apart: ${report.unsure.question}`, width, '  ', '  '),
			'',
		);
	}

	lines.push(...formatFinding(first!, style, width, true));
	if (first!.family === 'other') {
		lines.push(
			'',
			...wrap(
				'Nothing more specific was recognised. Decode the token with `authfix decode` and compare iss, aud and tid with what the service expects.',
				width,
				'  ',
			),
		);
	}

	if (rest.length > 0) {
		lines.push('', style.strong('Also possible'));
		for (const finding of rest) lines.push('', ...formatFinding(finding, style, width, false));
	}

	return `${lines.join('\n')}\n`;
}
