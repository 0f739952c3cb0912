/**
The sandbox's workload issuers (GitHub-Actions-like, Azure-DevOps-like, AKS-like): discovery and keys
that jose verifies their tokens with, the job token endpoints and their secrets, the claims, and the
Entra stand-in accepting their tokens as client assertions exactly when a federated credential
matches, answering as real Entra does when none does (401 invalid_client, AADSTS700211/700212/700213).
*/
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createLocalJWKSet, decodeJwt, jwtVerify} from 'jose';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.ts';
import {sandboxRequest, workloadAssertion} from '../../source/sandbox/replay.ts';
import {githubOidcSubjectMismatch} from '../../source/sandbox/scenarios/github-oidc-subject-mismatch.ts';
import {ids} from '../../source/sandbox/scenarios/ids.ts';
import {createSigningKey, mintToken} from '../support/mint.ts';
import {workloadScenario} from '../support/workload-scenario.ts';

const everything = workloadScenario;

let stateDirectory: string;
let sandbox: Sandbox;

beforeAll(async () => {
	stateDirectory = await mkdtemp(path.join(tmpdir(), 'authfix-issuers-'));
	sandbox = await startSandbox({scenario: everything, stateDirectory});
});

afterAll(async () => {
	await sandbox?.stop();
	await rm(stateDirectory, {recursive: true, force: true});
});

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
const workload = (name: string) => sandbox.workloads.find(candidate => candidate.name === name)!;

/** Verifies a token with jose against the keys its issuer's discovery document names. */
async function verifyWithDiscovery(token: string, issuer: string, audience: string) {
	const discoveryUrl = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
	const discovery = json((await sandboxRequest(discoveryUrl, {ca: sandbox.caPem})).text);
	expect(discovery['issuer']).toBe(issuer);
	const keys = json((await sandboxRequest(String(discovery['jwks_uri']), {ca: sandbox.caPem})).text);
	return jwtVerify(token, createLocalJWKSet(keys as never), {issuer, audience});
}

async function exchange(appId: string, tenant: string, assertion: string) {
	const response = await sandboxRequest(`${sandbox.urls.entra}/${tenant}/oauth2/v2.0/token`, {
		ca: sandbox.caPem,
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: appId,
			client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
			client_assertion: assertion,
			scope: 'https://management.core.windows.net//.default',
		}).toString(),
	});
	return {status: response.status, body: json(response.text)};
}

describe('the GitHub-Actions-like issuer', () => {
	test("the job's ID token endpoint: its secret, the audience asked for, GitHub's claims and subject rules", async () => {
		const job = workload('deploy-job');
		expect(job.env).toMatchObject({
			GITHUB_ACTIONS: 'true',
			GITHUB_REPOSITORY: 'contoso/webapp',
			GITHUB_REF: 'refs/heads/main',
		});
		const url = new URL(job.env['ACTIONS_ID_TOKEN_REQUEST_URL']!);
		expect((await sandboxRequest(url.toString(), {ca: sandbox.caPem})).status).toBe(401);
		url.searchParams.set('audience', 'api://AzureADTokenExchange');
		const response = await sandboxRequest(url.toString(), {
			ca: sandbox.caPem,
			headers: {authorization: `Bearer ${job.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}`},
		});
		expect(response.status).toBe(200);
		const token = String(json(response.text)['value']);
		const {payload, protectedHeader} = await verifyWithDiscovery(token, job.issuer, 'api://AzureADTokenExchange');
		expect(protectedHeader).toMatchObject({alg: 'RS256', typ: 'JWT'});
		expect(payload).toMatchObject({
			sub: 'repo:contoso/webapp:environment:production',
			environment: 'production',
			repository: 'contoso/webapp',
			repository_owner: 'contoso',
			repository_id: '812345678',
			repository_owner_id: '71234567',
			ref: 'refs/heads/main',
			ref_type: 'branch',
			event_name: 'push',
			job_workflow_ref: 'contoso/webapp/.github/workflows/deploy.yml@refs/heads/main',
			runner_environment: 'github-hosted',
		});
		// Without an audience, GitHub's default: the owner's URL.
		url.searchParams.delete('audience');
		const plain = await sandboxRequest(url.toString(), {
			ca: sandbox.caPem,
			headers: {authorization: `Bearer ${job.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}`},
		});
		expect(decodeJwt(String(json(plain.text)['value'])).aud).toBe('https://github.com/contoso');
	});

	test('Entra: 401 invalid_client AADSTS700213 for the environment subject; the default audience is AADSTS700212; a matching record issues the token', async () => {
		const assertion = await workloadAssertion(sandbox, 'deploy-job');
		if (!('token' in assertion)) throw new Error(assertion.message);
		const refused = await exchange(ids.githubApp, ids.tenantA, assertion.token);
		expect(refused.status).toBe(401);
		expect(refused.body).toMatchObject({error: 'invalid_client', error_codes: [700213]});
		expect(String(refused.body['error_description'])).toMatch(
			/^AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso\/webapp:environment:production'\./,
		);
		sandbox.applyFix(githubOidcSubjectMismatch.fix.operations[0]!);
		const issued = await exchange(ids.githubApp, ids.tenantA, assertion.token);
		expect(issued.status).toBe(200);
		expect(decodeJwt(String(issued.body['access_token']))).toMatchObject({tid: ids.tenantA, appid: ids.githubApp});

		const job = workload('deploy-job');
		const defaultAudience = await sandboxRequest(job.env['ACTIONS_ID_TOKEN_REQUEST_URL']!, {
			ca: sandbox.caPem,
			headers: {authorization: `Bearer ${job.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}`},
		});
		const audience = await exchange(ids.githubApp, ids.tenantA, String(json(defaultAudience.text)['value']));
		expect(audience).toMatchObject({status: 401, body: {error: 'invalid_client', error_codes: [700212]}});
	});

	test('a token that claims the issuer but is not signed by its key: AADSTS700027', async () => {
		const key = await createSigningKey();
		const {token} = await mintToken({
			key,
			identity: 'app',
			audience: 'api://AzureADTokenExchange',
			claims: {iss: workload('deploy-job').issuer, sub: 'repo:contoso/webapp:environment:production', tid: undefined},
		});
		expect(await exchange(ids.githubApp, ids.tenantA, token)).toMatchObject({
			status: 401,
			body: {error_codes: [700027]},
		});
	});
});

describe('the Azure-DevOps-like issuer', () => {
	test("the service connection's OIDC endpoint: POST with the job's access token and the service connection id", async () => {
		const job = workload('infra-release');
		expect(job.issuer).toBe(`${sandbox.urls.issuers}/vstoken/${ids.devOpsOrganization}`);
		const url = new URL(job.env['SYSTEM_OIDCREQUESTURI']!);
		url.searchParams.set('api-version', '7.1');
		url.searchParams.set('serviceConnectionId', 'ffffffff-0000-0000-0000-000000000000');
		const headers = {authorization: `Bearer ${job.env['SYSTEM_ACCESSTOKEN']}`, 'content-type': 'application/json'};
		expect((await sandboxRequest(url.toString(), {ca: sandbox.caPem, method: 'POST', headers})).status).toBe(400);
		url.searchParams.set('serviceConnectionId', ids.serviceConnection);
		expect((await sandboxRequest(url.toString(), {ca: sandbox.caPem, method: 'POST'})).status).toBe(401);
		const response = await sandboxRequest(url.toString(), {ca: sandbox.caPem, method: 'POST', headers});
		const token = String(json(response.text)['oidcToken']);
		const {payload} = await verifyWithDiscovery(token, job.issuer, 'api://AzureADTokenExchange');
		expect(payload.sub).toBe('sc://fabrikam/infra/prod-arm');
		expect(Number(payload.exp) - Number(payload.iat)).toBe(600);
	});

	test("exchanged at the wrong tenant: AADSTS700016; at the app's tenant: a token", async () => {
		const assertion = await workloadAssertion(sandbox, 'infra-release');
		if (!('token' in assertion)) throw new Error(assertion.message);
		expect(await exchange(ids.pipelinesApp, ids.tenantA, assertion.token)).toMatchObject({
			status: 400,
			body: {error: 'unauthorized_client', error_codes: [700016]},
		});
		expect((await exchange(ids.pipelinesApp, ids.tenantB, assertion.token)).status).toBe(200);
	});
});

describe('the AKS-like cluster issuer', () => {
	test('the projected token: the issuer with its trailing slash, the service account, the kubernetes.io claim', async () => {
		const pod = workload('orders-worker-pod');
		expect(pod.issuer).toBe(`${sandbox.urls.issuers}/aks/${ids.tenantA}/${ids.aksCluster}/`);
		const token = await sandbox.projectedToken('orders-worker-pod');
		const {payload} = await verifyWithDiscovery(token, pod.issuer, 'api://AzureADTokenExchange');
		expect(payload).toMatchObject({
			sub: 'system:serviceaccount:orders:orders-worker',
			aud: ['api://AzureADTokenExchange'],
			'kubernetes.io': {namespace: 'orders', serviceaccount: {name: 'orders-worker'}},
		});
	});

	test("the kubelet's part for clients outside the sandbox's process: the pod's projected token over HTTPS", async () => {
		const response = await sandboxRequest(`${sandbox.urls.issuers}/kubelet/orders-worker-pod/token`, {
			ca: sandbox.caPem,
		});
		expect(response.status).toBe(200);
		expect(decodeJwt(response.text).sub).toBe('system:serviceaccount:orders:orders-worker');
		expect((await sandboxRequest(`${sandbox.urls.issuers}/kubelet/deploy-job/token`, {ca: sandbox.caPem})).status).toBe(
			404,
		);
	});

	test('the record without the trailing slash: 401 invalid_client AADSTS700211 naming the issuer', async () => {
		const token = await sandbox.projectedToken('orders-worker-pod');
		const refused = await exchange(ids.aksApp, ids.tenantA, token);
		expect(refused).toMatchObject({status: 401, body: {error: 'invalid_client', error_codes: [700211]}});
		expect(String(refused.body['error_description'])).toContain(
			`presented assertion issuer '${workload('orders-worker-pod').issuer}'`,
		);
	});
});
