import {describe, expect, test} from 'vitest';
import {
	type Assertion,
	credentialToAdd,
	explainMismatch,
	type FederatedRecord,
	issuerKindOf,
	matchRecords,
	parseGithubSubject,
	parseServiceAccountSubject,
	parseServiceConnectionSubject,
} from './subjects.ts';

const github = 'https://token.actions.githubusercontent.com';
const audience = ['api://AzureADTokenExchange'];
const record = (subject: string, issuer = github, name = 'main'): FederatedRecord => ({
	name,
	issuer,
	subject,
	audiences: audience,
});
const assertion = (sub: string, iss = github, claims: Record<string, unknown> = {}): Assertion => ({
	iss,
	sub,
	aud: audience,
	claims: {iss, sub, ...claims},
});

describe('GitHub subjects in every form', () => {
	test.each([
		[
			'repo:contoso/app:ref:refs/heads/main',
			{form: 'branch', owner: 'contoso', repo: 'app', value: 'main', idBased: false},
		],
		['repo:contoso/app:ref:refs/tags/v1.2.0', {form: 'tag', value: 'v1.2.0'}],
		['repo:contoso/app:environment:Production%3AV1', {form: 'environment', value: 'Production%3AV1'}],
		['repo:contoso/app:pull_request', {form: 'pull-request', owner: 'contoso', repo: 'app'}],
		[
			'repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main',
			{form: 'branch', owner: 'octo-org', ownerId: '123456', repo: 'octo-repo', repoId: '456789', idBased: true},
		],
		[
			'repository_owner_id:6844498:repository_id:117169328:environment:crontests',
			{
				form: 'custom',
				ownerId: '6844498',
				repoId: '117169328',
				value: 'crontests',
				keys: ['repository_owner_id', 'repository_id', 'environment'],
			},
		],
		[
			'job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
			{form: 'custom', keys: ['job_workflow_ref']},
		],
	] as const)('%s', (subject, expected) => {
		expect(parseGithubSubject(subject)).toMatchObject(expected);
	});

	test('service connections and service accounts', () => {
		expect(parseServiceConnectionSubject('sc://fabrikam/infra/prod-arm')).toEqual({
			organization: 'fabrikam',
			project: 'infra',
			connection: 'prod-arm',
		});
		expect(parseServiceAccountSubject('system:serviceaccount:payments:api')).toEqual({
			namespace: 'payments',
			name: 'api',
		});
		expect(parseServiceAccountSubject('repo:x/y:pull_request')).toBeUndefined();
	});

	test('issuers are told apart by URL, and by the claims only that issuer sets', () => {
		expect(issuerKindOf(assertion('repo:a/b:pull_request'))).toBe('github');
		expect(issuerKindOf(assertion('x', 'https://ghes.example/_services/token'))).toBe('github');
		expect(
			issuerKindOf(
				assertion('repo:a/b:pull_request', 'https://127.0.0.1:9/github', {
					repository: 'a/b',
					job_workflow_ref: 'a/b/.github/workflows/x.yml@refs/heads/main',
				}),
			),
		).toBe('github');
		expect(
			issuerKindOf(assertion('sc://o/p/c', 'https://vstoken.dev.azure.com/00000000-0000-0000-0000-000000000001')),
		).toBe('azure-pipelines');
		expect(
			issuerKindOf(assertion('system:serviceaccount:default:sa', 'https://eastus.oic.prod-aks.azure.com/t/c/')),
		).toBe('kubernetes');
		expect(
			issuerKindOf(assertion('oid', 'https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/v2.0')),
		).toBe('entra');
	});
});

describe('matching records as Entra does, and saying why not', () => {
	test('issuer first (700211), then subject (700213, 7002138 for case), then audience (700212)', () => {
		const main = record('repo:contoso/app:ref:refs/heads/main');
		expect(matchRecords(assertion(main.subject), [main])).toMatchObject({kind: 'match'});
		expect(matchRecords(assertion(main.subject, `${github}/`), [main])).toMatchObject({
			kind: 'issuer',
			code: 'AADSTS700211',
		});
		expect(matchRecords(assertion('repo:Contoso/App:ref:refs/heads/main'), [main])).toMatchObject({
			kind: 'case-only',
			code: 'AADSTS7002138',
		});
		expect(matchRecords(assertion('repo:contoso/app:pull_request'), [main])).toMatchObject({
			kind: 'subject',
			code: 'AADSTS700213',
		});
		expect(matchRecords({...assertion(main.subject), aud: ['https://github.com/contoso']}, [main])).toMatchObject({
			kind: 'audience',
			code: 'AADSTS700212',
		});
		expect(matchRecords(assertion(main.subject), [])).toMatchObject({kind: 'none', code: 'AADSTS70021'});
	});

	test('the nearest record by subject is the one explained', () => {
		const records = [
			record('repo:other/thing:ref:refs/heads/main', github, 'other'),
			record('repo:contoso/app:ref:refs/heads/main'),
		];
		const result = matchRecords(assertion('repo:contoso/app:environment:production'), records);
		expect(result.record?.name).toBe('main');
	});

	test.each([
		[
			'an environment job against a branch record',
			'repo:contoso/app:environment:production',
			'repo:contoso/app:ref:refs/heads/main',
			"The job's subject is for an environment 'production', the record's for a branch 'main'. GitHub puts the environment in the subject whenever the job references one, instead of the branch.",
		],
		[
			'a pull request',
			'repo:contoso/app:pull_request',
			'repo:contoso/app:ref:refs/heads/main',
			'A pull_request run has this subject whatever its branch.',
		],
		[
			"GitHub's immutable id-based subject against a name-based record",
			'repo:contoso@123/app@456:ref:refs/heads/main',
			'repo:contoso/app:ref:refs/heads/main',
			"GitHub's immutable subjects, the default for repositories created, renamed or transferred after July 15, 2026",
		],
		[
			'a portal-made id-based record against a name-based subject',
			'repo:contoso/app:ref:refs/heads/main',
			'repo:contoso@123/app@456:ref:refs/heads/main',
			'carries owner and repository ids (as the portal generates it)',
		],
		[
			'a renamed repository',
			'repo:contoso/app2:ref:refs/heads/main',
			'repo:contoso/app:ref:refs/heads/main',
			'a renamed or transferred repository',
		],
		[
			'a custom template',
			'repository_owner_id:1:repository_id:2:environment:prod',
			'repo:contoso/app:environment:prod',
			'customises the subject template (repository_owner_id, repository_id, environment)',
		],
	])('%s', (_name, subject, expected, why) => {
		const token = assertion(subject);
		expect(explainMismatch(token, matchRecords(token, [record(expected)]))).toContain(why);
	});

	test('pipelines and pods: renamed connections, other service accounts, a trailing slash', () => {
		const vstoken = 'https://vstoken.dev.azure.com/00000000-0000-0000-0000-000000000001';
		const pipeline = assertion('sc://fabrikam/infra/prod-arm', vstoken);
		expect(explainMismatch(pipeline, matchRecords(pipeline, [record('sc://fabrikam/infra/prod', vstoken)]))).toContain(
			"connection 'prod-arm', the record 'prod'",
		);
		const aks = 'https://eastus.oic.prod-aks.azure.com/tenant/cluster/';
		const pod = assertion('system:serviceaccount:payments:api', aks);
		expect(explainMismatch(pod, matchRecords(pod, [record('system:serviceaccount:default:api', aks)]))).toContain(
			'service account payments/api, the record trusts default/api',
		);
		expect(explainMismatch(pod, matchRecords(pod, [record(pod.sub, aks.slice(0, -1))]))).toContain(
			'differ only in the trailing slash',
		);
	});
});

describe('the exact credential to add', () => {
	test('its JSON and the az command, quoted for a shell', () => {
		const token = assertion('repo:contoso/app:environment:production');
		const add = credentialToAdd(token, 'aaaaaaaa-0000-0000-0000-000000000007');
		expect(add.record).toEqual({
			name: 'github-app-environment-production',
			issuer: github,
			subject: 'repo:contoso/app:environment:production',
			audiences: ['api://AzureADTokenExchange'],
		});
		expect(add.command).toBe(
			`az ad app federated-credential create --id aaaaaaaa-0000-0000-0000-000000000007 --parameters '{"name":"github-app-environment-production","issuer":"${github}","subject":"repo:contoso/app:environment:production","audiences":["api://AzureADTokenExchange"]}'`,
		);
		const quoted = credentialToAdd(assertion("sc://o/p/it's"), 'app');
		expect(quoted.command).toContain(String.raw`it'\''s`);
		expect(credentialToAdd(assertion('system:serviceaccount:payments:api', 'https://x/'), 'a').record.name).toBe(
			'kubernetes-payments-api',
		);
	});
});
