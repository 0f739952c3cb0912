/**
`authfix check` inside a CI job: the annotations its runner reads (written beside the normal output
by the command) and, on GitHub Actions, the Markdown job summary appended to $GITHUB_STEP_SUMMARY.
*/
import {appendText} from '../adapters/local-files.ts';
import type {Finding} from '../findings/finding.ts';
import {type CiKind, githubAnnotations, markdownSummary, pipelinesIssues} from '../report/ci-output.ts';

export type CiPublication = {
	/** The workflow or logging commands, one per line. */
	readonly annotations: readonly string[];
	/** Where the job summary went, or why it could not. */
	readonly summary?: {readonly file: string; readonly error?: string};
};

export async function publishToCi(
	kind: CiKind,
	findings: readonly Finding[],
	context: {readonly env: Readonly<Record<string, string | undefined>>; readonly cloud: string},
): Promise<CiPublication> {
	if (kind === 'azure-pipelines') return {annotations: pipelinesIssues(findings)};
	if (kind !== 'github') return {annotations: []};
	const annotations = githubAnnotations(findings);
	const file = context.env.GITHUB_STEP_SUMMARY;
	if (!file) return {annotations};
	try {
		await appendText(file, `${markdownSummary(findings, {cloud: context.cloud})}\n`);
		return {annotations, summary: {file}};
	} catch (error) {
		return {annotations, summary: {file, error: (error as NodeJS.ErrnoException).code ?? String(error)}};
	}
}
