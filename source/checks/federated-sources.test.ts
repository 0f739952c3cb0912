/**
The federated-credential check where the failures happen: a GitHub Actions job's OIDC token, an Azure
Pipelines service connection's, AzureCLI@2's idToken and an AKS pod's projected token, each decoded and
matched against the app's federated credentials (Graph, faked here), with the exact record to add.
*/
import {describe, expect, test} from 'vitest';
import {fakeServices, now, tenantA, tokenResult} from '../../test/fakes/services.ts';
import {mintToken} from '../../test/support/mint.ts';
import {createAccessToken} from '../ports/access-token.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {Services} from '../ports/services.ts';
import {runChecks} from './run-checks.ts';

const app = 'aaaaaaaa-0000-0000-0000-000000000007';
const github = 'https://token.actions.githubusercontent.com';
const vstoken = 'https://vstoken.dev.azure.com/0a1b2c3d-0000-0000-0000-000000000001';
const aks =
	'https://eastus.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/cccccccc-0000-0000-0000-000000000009/';

async function jobToken(iss: string, sub: string, claims: Record<string, unknown> = {}) {
	const {token} = await mintToken({
		identity: 'app',
		now,
		audience: 'api://AzureADTokenExchange',
		claims: {iss, sub, tid: undefined, oid: undefined, azp: undefined, ...claims},
	});
	return token;
}

type Record_ = {name: string; issuer: string; subject: string; audiences: string[]};

async function federated(env: Record<string, string>, records: Record_[], overrides: Partial<Services> = {}) {
	const graph: string[] = [];
	const base = fakeServices({tokens: async request => tokenResult('graph', request.tenantId)});
	const services = fakeServices({
		tokens: async request => tokenResult('graph', request.tenantId),
		overrides: {
			env,
			http: {
				...base.http,
				send: async request => {
					graph.push(request.url);
					return /federatedIdentityCredentials$/.test(request.url)
						? {status: 200, headers: {}, body: JSON.stringify({value: records})}
						: {status: 404, headers: {}, body: '{}'};
				},
			},
			...overrides,
		},
	});
	const [finding] = await runChecks(['federated-credential'], {credential: 'cli', auxTenants: []}, services, {
		timeoutMs: 5000,
	});
	return {finding: finding!, graph};
}

const githubJob = {
	GITHUB_ACTIONS: 'true',
	ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.githubusercontent.com/x/idtoken?api-version=2.0',
	ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
	AZURE_CLIENT_ID: app,
	AZURE_TENANT_ID: tenantA,
};

describe('federated-credential where the failures happen', () => {
	test("GitHub Actions: the job's token is fetched, its environment subject matches no record, and the record to add is named", async () => {
		const token = await jobToken(github, 'repo:contoso/webapp:environment:production', {
			repository: 'contoso/webapp',
			job_workflow_ref: 'contoso/webapp/.github/workflows/deploy.yml@refs/heads/main',
			environment: 'production',
		});
		const asked: unknown[] = [];
		const {finding, graph} = await federated(
			githubJob,
			[
				{
					name: 'main-branch',
					issuer: github,
					subject: 'repo:contoso/webapp:ref:refs/heads/main',
					audiences: ['api://AzureADTokenExchange'],
				},
			],
			{
				jobTokens: {
					github: async request => {
						asked.push(request);
						return createAccessToken(token);
					},
					azurePipelines: async () => {
						throw new Error('not here');
					},
				},
			},
		);
		expect(asked).toEqual([
			{
				url: githubJob.ACTIONS_ID_TOKEN_REQUEST_URL,
				requestToken: 'request-token',
				audience: 'api://AzureADTokenExchange',
			},
		]);
		expect(graph).toEqual([
			`https://graph.microsoft.com/v1.0/applications(appId='${app}')/federatedIdentityCredentials`,
		]);
		expect(finding).toMatchObject({
			status: 'fail',
			facts: {
				code: 'AADSTS700213',
				credentialOrigin: 'github-actions',
				assertionIssuer: github,
				assertionSubject: 'repo:contoso/webapp:environment:production',
				ficName: 'github-webapp-environment-production',
				clientId: app,
			},
		});
		expect(finding.detail).toContain('GitHub puts the environment in the subject whenever the job references one');
		expect(finding.fix?.command).toBe(
			`az ad app federated-credential create --id ${app} --parameters '{"name":"github-webapp-environment-production","issuer":"${github}","subject":"repo:contoso/webapp:environment:production","audiences":["api://AzureADTokenExchange"]}'`,
		);
		expect(JSON.stringify(finding)).not.toContain(token);
		expect(JSON.stringify(finding)).not.toContain('request-token');
	});

	test('GitHub Actions: the token endpoint refuses (no id-token permission): a failure that says so', async () => {
		const {finding} = await federated(githubJob, [], {
			jobTokens: {
				github: async () => {
					throw new AdapterError('http', "GitHub's ID token endpoint answered 403", undefined, 403);
				},
				azurePipelines: async () => {
					throw new Error('not here');
				},
			},
		});
		expect(finding).toMatchObject({status: 'fail', fix: {text: expect.stringContaining('id-token: write')}});
		expect(finding.detail).toContain('403');
	});

	test("Azure Pipelines: the service connection's token, a renamed connection", async () => {
		const token = await jobToken(vstoken, 'sc://fabrikam/infra/prod-arm');
		const asked: unknown[] = [];
		const {finding} = await federated(
			{
				TF_BUILD: 'True',
				SYSTEM_OIDCREQUESTURI: 'https://dev.azure.com/fabrikam/_apis/oidc',
				SYSTEM_ACCESSTOKEN: 'job-access-token',
				AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: 'c0ffee00-0000-0000-0000-000000000001',
				AZURESUBSCRIPTION_CLIENT_ID: app,
				AZURESUBSCRIPTION_TENANT_ID: tenantA,
			},
			[{name: 'prod', issuer: vstoken, subject: 'sc://fabrikam/infra/prod', audiences: ['api://AzureADTokenExchange']}],
			{
				jobTokens: {
					github: async () => {
						throw new Error('not here');
					},
					azurePipelines: async request => {
						asked.push(request);
						return createAccessToken(token);
					},
				},
			},
		);
		expect(asked).toEqual([
			{
				uri: 'https://dev.azure.com/fabrikam/_apis/oidc',
				accessToken: 'job-access-token',
				serviceConnectionId: 'c0ffee00-0000-0000-0000-000000000001',
			},
		]);
		expect(finding).toMatchObject({
			status: 'fail',
			facts: {code: 'AADSTS700213', credentialOrigin: 'azure-pipelines', ficName: 'azure-pipelines-prod-arm'},
		});
		expect(finding.detail).toContain("connection 'prod-arm', the record 'prod'");
	});

	test("AzureCLI@2's idToken, matching: a pass", async () => {
		const token = await jobToken(vstoken, 'sc://fabrikam/infra/prod-arm');
		const {finding} = await federated({TF_BUILD: 'True', servicePrincipalId: app, tenantId: tenantA, idToken: token}, [
			{
				name: 'prod-arm',
				issuer: vstoken,
				subject: 'sc://fabrikam/infra/prod-arm',
				audiences: ['api://AzureADTokenExchange'],
			},
		]);
		expect(finding).toMatchObject({status: 'pass', facts: {credentialOrigin: 'azure-pipelines'}});
	});

	test("an AKS pod: the projected token's issuer has the trailing slash the record lacks (AADSTS700211)", async () => {
		const token = await jobToken(aks, 'system:serviceaccount:orders:orders-worker', {
			'kubernetes.io': {namespace: 'orders', serviceaccount: {name: 'orders-worker'}},
		});
		const path = '/var/run/secrets/azure/wi/token/azure-identity-token';
		const read: string[] = [];
		const {finding} = await federated(
			{
				AZURE_CLIENT_ID: app,
				AZURE_TENANT_ID: tenantA,
				AZURE_FEDERATED_TOKEN_FILE: path,
				KUBERNETES_SERVICE_HOST: '10.0.0.1',
			},
			[
				{
					name: 'orders',
					issuer: aks.slice(0, -1),
					subject: 'system:serviceaccount:orders:orders-worker',
					audiences: ['api://AzureADTokenExchange'],
				},
			],
			{
				files: {
					readText: async file => {
						read.push(file);
						return token;
					},
				},
			},
		);
		expect(read).toContain(path);
		expect(finding).toMatchObject({
			status: 'fail',
			facts: {code: 'AADSTS700211', credentialOrigin: 'kubernetes', ficName: 'kubernetes-orders-orders-worker'},
		});
		expect(finding.detail).toContain('differ only in the trailing slash');
	});

	test('Terraform with ARM_USE_OIDC and ARM_OIDC_TOKEN: the token in the variable, the app of ARM_CLIENT_ID', async () => {
		const token = await jobToken(github, 'repo:contoso/infra:ref:refs/heads/main', {
			repository: 'contoso/infra',
			job_workflow_ref: 'contoso/infra/.github/workflows/tf.yml@refs/heads/main',
		});
		const {finding} = await federated(
			{
				ARM_USE_OIDC: 'true',
				ARM_OIDC_TOKEN: token,
				ARM_CLIENT_ID: app,
				ARM_TENANT_ID: tenantA,
				ARM_SUBSCRIPTION_ID: '33333333-3333-3333-3333-333333333333',
			},
			[
				{
					name: 'main',
					issuer: github,
					subject: 'repo:contoso/infra:ref:refs/heads/main',
					audiences: ['api://AzureADTokenExchange'],
				},
			],
		);
		expect(finding).toMatchObject({status: 'pass', facts: {credentialOrigin: 'terraform', clientId: app}});
	});

	test('nothing federates here: skipped, naming every place it looked', async () => {
		const {finding} = await federated({}, []);
		expect(finding.status).toBe('skip');
		expect(finding.detail).toContain(
			'GitHub Actions OIDC request, Azure Pipelines service connection or Terraform OIDC setting',
		);
	});
});
