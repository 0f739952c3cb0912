/**
`authfix check`'s findings in the CI system's own terms: GitHub Actions workflow commands
(`::error title=…::message`) and a Markdown job summary, Azure Pipelines logging commands
(`##vso[task.logissue type=error;]message`). Escaped exactly as each runner reads them (actions/toolkit
command.ts; azure-pipelines-task-lib taskcommand.ts): a finding's text can never start a command of its
own. Every text goes through redaction first.
*/
import type {Finding} from '../findings/finding.ts';
import {redactSecrets} from '../safety/redact.ts';

export const ciKinds = ['github', 'azure-pipelines', 'none'] as const;
export type CiKind = (typeof ciKinds)[number];

/** The CI system a process runs in: GITHUB_ACTIONS=true (GitHub Actions), TF_BUILD=True (Azure Pipelines), else none. */
export function detectCi(env: Readonly<Record<string, string | undefined>>): CiKind {
	if (env.GITHUB_ACTIONS === 'true') return 'github';
	if ((env.TF_BUILD ?? '').toLowerCase() === 'true') return 'azure-pipelines';
	return 'none';
}

/** actions/toolkit escapeData: `%`, CR and LF. */
export function escapeGithubData(text: string): string {
	return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** actions/toolkit escapeProperty: escapeData plus `:` and `,`. */
export function escapeGithubProperty(text: string): string {
	return escapeGithubData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** azure-pipelines-task-lib escapedata: `%` (as %AZP25), CR and LF. */
export function escapePipelinesData(text: string): string {
	return text.replaceAll('%', '%AZP25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** azure-pipelines-task-lib escape (properties): escapedata plus `]` and `;`. */
export function escapePipelinesProperty(text: string): string {
	return escapePipelinesData(text).replaceAll(']', '%5D').replaceAll(';', '%3B');
}

const annotated = (finding: Finding) =>
	finding.status === 'fail' || finding.status === 'error' || finding.status === 'warn';

/** What a finding says in an annotation: what was found, then the fix and its command, on their own lines. */
function message(finding: Finding): string {
	const fix =
		finding.fix && finding.status !== 'pass'
			? [`Fix: ${finding.fix.text}`, ...(finding.fix.command ? [finding.fix.command] : [])]
			: [];
	return redactSecrets([finding.detail, ...fix].join('\n'));
}

/** One workflow command per failed or warned check: `::error` for fail and error, `::warning` for warn. */
export function githubAnnotations(findings: readonly Finding[]): string[] {
	return findings.filter(annotated).map(finding => {
		const command = finding.status === 'warn' ? 'warning' : 'error';
		const title = escapeGithubProperty(redactSecrets(`authfix: ${finding.title}`));
		return `::${command} title=${title}::${escapeGithubData(message(finding))}`;
	});
}

/** One logging command per failed or warned check. */
export function pipelinesIssues(findings: readonly Finding[]): string[] {
	return findings.filter(annotated).map(finding => {
		const type = finding.status === 'warn' ? 'warning' : 'error';
		const code = escapePipelinesProperty(`authfix-${finding.id}`);
		return `##vso[task.logissue type=${type};code=${code};]${escapePipelinesData(message(finding))}`;
	});
}

function cell(text: string): string {
	return redactSecrets(text).replaceAll('|', String.raw`\|`).replaceAll(/\r?\n/g, '<br>');
}

const marks: Record<Finding['status'], string> = {pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️', error: '❌'};

/** The job summary: a verdict, one table row per check, the fixes, and the credential sources found. */
export function markdownSummary(findings: readonly Finding[], context: {readonly cloud: string}): string {
	const problems = findings.some(finding => finding.status === 'fail' || finding.status === 'error');
	const rows = findings.map(
		finding =>
			`| ${marks[finding.status]} | ${cell(finding.title)} | ${cell(finding.detail)} | ${finding.fix && finding.status !== 'pass' ? cell(finding.fix.command ? `${finding.fix.text} \`${finding.fix.command}\`` : finding.fix.text) : ''} |`,
	);
	const lines = findings.flatMap(finding => (finding.lines ?? []).map(line => `- ${cell(line)}`));
	return [
		`## authfix check: ${problems ? 'problems found' : 'all checks passed'}`,
		'',
		`Against ${cell(context.cloud)}.`,
		'',
		'| | Check | What was found | Fix |',
		'|---|---|---|---|',
		...rows,
		...(lines.length > 0 ? ['', '### Credential sources', '', ...lines] : []),
		'',
	].join('\n');
}
