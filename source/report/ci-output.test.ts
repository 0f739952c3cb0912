import {describe, expect, test} from 'vitest';
import type {Finding} from '../findings/finding.ts';
import {
	detectCi,
	escapeGithubData,
	escapeGithubProperty,
	escapePipelinesData,
	escapePipelinesProperty,
	githubAnnotations,
	markdownSummary,
	pipelinesIssues,
} from './ci-output.ts';

const failing: Finding = {
	id: 'credential-source',
	status: 'fail',
	title: 'Credential source',
	detail:
		'Terraform signs in to tenant 1111 (ARM_TENANT_ID), but the target is in tenant 2222: 100% wrong.\n::set-env name=X::y',
	fix: {text: 'Set ARM_TENANT_ID, then re-run.', command: 'export ARM_TENANT_ID=2222'},
	lines: ['Terraform (azurerm/azuread): identity aaaa… | tenant 1111…'],
};
const warning: Finding = {id: 'cache-state', status: 'warn', title: 'Token caches', detail: 'Stale; old: entries]'};
const passing: Finding = {id: 'fresh-token', status: 'pass', title: 'Fresh token', detail: 'ok'};

describe('CI output', () => {
	test('detected from GITHUB_ACTIONS and TF_BUILD', () => {
		expect(detectCi({GITHUB_ACTIONS: 'true'})).toBe('github');
		expect(detectCi({TF_BUILD: 'True'})).toBe('azure-pipelines');
		expect(detectCi({GITHUB_ACTIONS: 'false', TF_BUILD: ''})).toBe('none');
	});

	test("escaping exactly as the runners' own libraries do", () => {
		expect(escapeGithubData('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac:d,e');
		expect(escapeGithubProperty('a%b\nc:d,e')).toBe('a%25b%0Ac%3Ad%2Ce');
		expect(escapePipelinesData('a%b\r\nc;d]')).toBe('a%AZP25b%0D%0Ac;d]');
		expect(escapePipelinesProperty('a%b;c]d')).toBe('a%AZP25b%3Bc%5Dd');
	});

	test('GitHub: ::error and ::warning with a title; a newline in a finding cannot start another command', () => {
		const lines = githubAnnotations([failing, warning, passing]);
		expect(lines).toEqual([
			'::error title=authfix%3A Credential source::Terraform signs in to tenant 1111 (ARM_TENANT_ID), but the target is in tenant 2222: 100%25 wrong.%0A::set-env name=X::y%0AFix: Set ARM_TENANT_ID, then re-run.%0Aexport ARM_TENANT_ID=2222',
			'::warning title=authfix%3A Token caches::Stale; old: entries]',
		]);
		for (const line of lines) expect(line.split('\n')).toHaveLength(1);
	});

	test('Azure Pipelines: task.logissue with type and code', () => {
		expect(pipelinesIssues([failing, warning, passing])).toEqual([
			'##vso[task.logissue type=error;code=authfix-credential-source;]Terraform signs in to tenant 1111 (ARM_TENANT_ID), but the target is in tenant 2222: 100%AZP25 wrong.%0A::set-env name=X::y%0AFix: Set ARM_TENANT_ID, then re-run.%0Aexport ARM_TENANT_ID=2222',
			'##vso[task.logissue type=warning;code=authfix-cache-state;]Stale; old: entries]',
		]);
	});

	test('the Markdown summary: a row per check, pipes and newlines kept inside their cells, the sources listed', () => {
		const summary = markdownSummary([failing, warning, passing], {cloud: 'AzureCloud'});
		expect(summary).toContain('## authfix check: problems found');
		expect(summary).toContain(
			'| ❌ | Credential source | Terraform signs in to tenant 1111 (ARM_TENANT_ID), but the target is in tenant 2222: 100% wrong.<br>::set-env name=X::y | Set ARM_TENANT_ID, then re-run. `export ARM_TENANT_ID=2222` |',
		);
		expect(summary).toContain('- Terraform (azurerm/azuread): identity aaaa… \\| tenant 1111…');
		expect(markdownSummary([passing], {cloud: 'AzureCloud'})).toContain('## authfix check: all checks passed');
	});
});
