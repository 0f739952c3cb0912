/**
A session as a report: Markdown ready to paste into a GitHub issue or a ticket, and JSON. Both go
through `redactSecrets` and are neutralised (no escape sequences), as both are printed to terminals:
steps, check results, request and correlation ids stay, tokens and secrets never.
*/
import {fillCommand, fillPlaceholders} from '../engine/fill.ts';
import {shownSteps} from '../engine/fix-steps.ts';
import type {Session, SessionOutcome, Step} from '../engine/session.ts';
import {redactForDisplay, redactJsonValue} from '../safety/redact.ts';
import {neutralizeJsonValue} from '../safety/terminal-text.ts';
import {icons} from '../terminal/style.ts';
import {nodeById} from '../tree/index.ts';
import type {Tree, TreeNode} from '../tree/types.ts';

/** One line of `sessions list --json`. */
export type SessionSummary = {
	readonly id: string;
	readonly startedAt: string;
	readonly scenario: string | null;
	readonly outcome: SessionOutcome;
};

/** A session that never reached an outcome (the process died) counts as abandoned. */
function outcomeOf(session: Session): SessionOutcome {
	return session.outcome ?? 'abandoned';
}

/** The command that prints a saved session's report, to paste into a ticket. */
export function reportCommandOf(sessionId: string): string {
	return `authfix sessions export ${sessionId} --format md`;
}

export function summarizeSession(session: Session): SessionSummary {
	return {
		id: session.id,
		startedAt: new Date(session.startedAt).toISOString(),
		scenario: session.scenario ?? null,
		outcome: outcomeOf(session),
	};
}

/** The saved and exported form of a session: redacted, times as ISO strings. */
export function sessionToJson(session: Session, tree: Tree): Record<string, unknown> {
	const title = (id: string) => titleOf(tryNode(id, tree));
	return safeValue({
		...summarizeSession(session),
		endedAt: session.endedAt === undefined ? null : new Date(session.endedAt).toISOString(),
		verdict: session.verdict ?? null,
		entry: session.entry,
		paste: session.paste ?? null,
		facts: session.facts,
		path: session.trail.map(id => ({node: id, title: title(id)})),
		steps: session.steps.map(item => ({...item, at: new Date(item.at).toISOString(), title: title(item.node)})),
	}) as Record<string, unknown>;
}

function tryNode(id: string, tree: Tree): TreeNode | undefined {
	try {
		return nodeById(id, tree);
	} catch {
		return undefined;
	}
}

function titleOf(node: TreeNode | undefined): string {
	if (!node) return '(unknown step)';
	switch (node.kind) {
		case 'question':
		case 'pick':
			return node.prompt;
		case 'outcome':
			return node.summary;
		default:
			return node.title;
	}
}

/**
The status icons in a Markdown list item: the terminal's skip icon, `-`, would start a nested list
(`- - **…**`).
*/
const markdownIcons = {...icons, skip: '○'} as const;

function stepLine(item: Step, tree: Tree, session: Session): string[] {
	const node = tryNode(item.node, tree);
	const title = fillPlaceholders(titleOf(node), session.facts);
	switch (item.kind) {
		case 'answer':
			return [`- **Question:** ${title} → _${item.answer}_`];
		case 'check': {
			const lines = [
				`- ${markdownIcons[item.finding.status]} **${item.finding.title}** (\`${item.finding.id}\`, ${item.finding.status}): ${item.finding.detail}`,
			];
			if (item.finding.fix) {
				lines.push(
					`  - fix: ${item.finding.fix.text}${item.finding.fix.command ? ` \`${item.finding.fix.command}\`` : ''}`,
				);
			}

			return lines;
		}

		case 'fix': {
			const how = {applied: 'applied by authfix', 'by-user': 'done by the user', skipped: 'skipped', failed: 'failed'}[
				item.how
			];
			const lines = [`- **Fix:** ${title} (${how})${item.detail ? `: ${item.detail}` : ''}`];
			if (node?.kind === 'fix') {
				for (const fixStep of shownSteps(node.steps, session.facts)) {
					if (fixStep.command) lines.push(`  - \`${fillCommand(fixStep.command, session.facts)}\``);
					// Code keeps its lines: a fenced block inside the list item.
					if (fixStep.code)
						lines.push(
							'',
							'    ```',
							...fillCommand(fixStep.code, session.facts)
								.split('\n')
								.map(line => `    ${line}`),
							'    ```',
						);
				}
			}

			return lines;
		}

		case 'replay': {
			const lines = [`- **Replay:** ${item.result.outcome}: ${item.result.detail}`];
			if (item.result.request) lines.push(`  - request: \`${item.result.request.method} ${item.result.request.url}\``);
			if (item.result.command) lines.push(`  - command: \`${item.result.command}\``);
			if (item.result.via) lines.push(`  - tokens from: ${item.result.via}`);
			for (const attempt of item.result.attempts) {
				const ids = [
					attempt.errorCode ? `error ${attempt.errorCode}` : undefined,
					attempt.requestId ? `request id ${attempt.requestId}` : undefined,
					attempt.correlationId ? `correlation id ${attempt.correlationId}` : undefined,
				].filter(Boolean);
				const result =
					attempt.exitCode === undefined
						? `HTTP ${attempt.status}`
						: `exit ${attempt.exitCode}${attempt.status > 0 ? `, HTTP ${attempt.status}` : ''}`;
				lines.push(`  - ${attempt.label}: ${result}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`);
			}

			return lines;
		}

		case 'outcome':
			return [`- **Outcome:** ${title}`];
	}
}

/** Markdown for an issue or a ticket. */
export function sessionToMarkdown(saved: Session, tree: Tree): string {
	const session = safeValue(saved);
	const summary = summarizeSession(session);
	const lines = [
		`## authfix session ${session.id}`,
		'',
		`- Started: ${summary.startedAt}`,
		...(session.endedAt === undefined ? [] : [`- Ended: ${new Date(session.endedAt).toISOString()}`]),
		`- Outcome: **${summary.outcome}**${session.verdict && session.verdict !== summary.outcome ? ` (${session.verdict})` : ''}`,
		...(session.scenario ? [`- Sandbox scenario: ${session.scenario}`] : []),
		`- Started from: ${session.entry}`,
	];
	if (session.paste) {
		lines.push('', '### The error', '');
		if (session.paste.family)
			lines.push(
				`Recognised as \`${session.paste.family}\`${session.paste.title ? `: ${session.paste.title}` : ''}.`,
				'',
			);
		if (session.paste.explanation) lines.push(session.paste.explanation, '');
		lines.push('```', session.paste.text.replaceAll('```', "'''"), '```');
	}

	if (session.token) {
		lines.push('### The token', '');
		if (session.token.error) lines.push(`Not a token: ${session.token.error}`);
		lines.push(...valueTable('claim', session.token.claims), '');
	}

	lines.push('', '### Steps', '');
	if (session.steps.length === 0) lines.push('- (no step taken)');
	for (const item of session.steps) lines.push(...stepLine(item, tree, session));
	if (Object.keys(session.facts).length > 0)
		lines.push('', '### Facts found', '', ...valueTable('fact', session.facts));

	lines.push('', '_Tokens and secrets are never included; ids are kept so support can trace the requests._', '');
	// Printed to a terminal by `sessions export` and the TUI: what checks and services answered is data.
	return redactForDisplay(lines.join('\n'));
}

/**
Every string of a session neutralised and redacted before it is laid out, while each value is whole
(before Markdown escaping or the layout puts anything next to it), so `sessions export --format json`
printed to a terminal or read with `jq -r` is as safe as the Markdown.
*/
function safeValue<T>(value: T): T {
	return redactJsonValue(neutralizeJsonValue(value)) as T;
}

/** A two-column Markdown table of names and values (empty when there is none). */
function valueTable(what: string, values: Readonly<Record<string, string | undefined>>): string[] {
	const rows = Object.entries(values).filter((row): row is [string, string] => row[1] !== undefined);
	if (rows.length === 0) return [];
	return [
		`| ${what} | value |`,
		'|---|---|',
		...rows.map(([name, value]) => `| ${name} | \`${value.replaceAll('|', '\\|')}\` |`),
	];
}
