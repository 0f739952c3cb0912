import {createHash, createPrivateKey, sign as cryptoSign, X509Certificate} from 'node:crypto';
import {once} from 'node:events';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {request as httpRequest} from 'node:http';
import type {Socket} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {connect as tlsConnect} from 'node:tls';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {parseCloudMetadata} from '../../source/cloud/resolve.ts';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.ts';
import {sandboxRequest} from '../../source/sandbox/replay.ts';
import type {Scenario} from '../../source/sandbox/scenario.ts';
import {healthy} from '../../source/sandbox/scenarios/healthy.ts';
import {ids, subscriptionScope} from '../../source/sandbox/scenarios/ids.ts';
import {decodeJwt} from '../../source/sandbox/tokens.ts';

const ciSecret = 'sandbox-ci-app-secret-not-real';
const armScope = 'https://management.core.windows.net//.default';
const github = 'https://token.actions.githubusercontent.com';

/** healthy, plus a GitHub-federated app, a user whose password never synced, and no auto-approved device codes. */
const scenario: Scenario = {
	...healthy,
	name: 'protocol-test',
	deviceCodeAutoApprove: undefined,
	apps: [
		...healthy.apps,
		{
			name: 'gh-deploy',
			appId: 'aaaaaaaa-0000-0000-0000-0000000000f1',
			displayName: 'gh-deploy',
			homeTenantId: ids.tenantA,
			federatedCredentials: [
				{
					name: 'main',
					issuer: github,
					subject: 'repo:Contoso/App:ref:refs/heads/main',
					audiences: ['api://AzureADTokenExchange'],
				},
			],
		},
	],
	servicePrincipals: [
		...healthy.servicePrincipals,
		{
			appId: 'aaaaaaaa-0000-0000-0000-0000000000f1',
			tenantId: ids.tenantA,
			objectId: 'aaaaaaaa-1111-0000-0000-0000000000f1',
		},
	],
	users: [
		...(healthy.users ?? []),
		{
			userPrincipalName: 'bob@contosodev.onmicrosoft.com',
			displayName: 'Bob Builder',
			objectId: ids.bob,
			tenantId: ids.tenantA,
			password: 'sandbox-bob-password-not-real',
			passwordState: 'sync-error',
		},
	],
	subscriptions: healthy.subscriptions.map(subscription =>
		subscription.id === ids.subscriptionB ? {...subscription, managedByTenants: [ids.tenantA]} : subscription,
	),
	roleAssignments: [
		...healthy.roleAssignments,
		{principalId: ids.ciAppInA, role: 'Reader', scope: subscriptionScope(ids.subscriptionB)},
	],
};

let stateDirectory: string;
let sandbox: Sandbox;

beforeAll(async () => {
	stateDirectory = await mkdtemp(path.join(tmpdir(), 'authfix-sandbox-protocol-'));
	sandbox = await startSandbox({scenario, stateDirectory});
});

afterAll(async () => {
	await sandbox?.stop();
	await rm(stateDirectory, {recursive: true, force: true});
});

async function get(url: string, headers: Record<string, string> = {}) {
	const response = await sandboxRequest(url, {ca: sandbox.caPem, headers});
	return {...response, json: parse(response.text)};
}

async function post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
	const response = await sandboxRequest(url, {
		ca: sandbox.caPem,
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded', ...headers},
		body: new URLSearchParams(form).toString(),
	});
	return {...response, json: parse(response.text)};
}

function parse(text: string): Record<string, unknown> {
	try {
		return JSON.parse(text) as Record<string, unknown>;
	} catch {
		return {};
	}
}

const tokenUrl = (tenant: string, version: 1 | 2 = 2) =>
	`${sandbox.urls.entra}/${tenant}/oauth2/${version === 2 ? 'v2.0/' : ''}token`;

async function appToken(scope = armScope, tenant: string = ids.tenantA): Promise<string> {
	const response = await post(tokenUrl(tenant), {
		grant_type: 'client_credentials',
		client_id: ids.ciApp,
		client_secret: ciSecret,
		scope,
	});
	expect(response.status, response.text).toBe(200);
	return String(response.json['access_token']);
}

/** The real Entra error shape: AADSTS code first, trace/correlation/timestamp trailer, the same as fields. */
function expectEntraError(body: Record<string, unknown>, error: string, code: number) {
	expect(body).toEqual({
		error,
		error_description: expect.stringMatching(
			new RegExp(
				`^AADSTS${code}: .+ Trace ID: [\\da-f-]{36} Correlation ID: [\\da-f-]{36} Timestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
			),
		),
		error_codes: [code],
		timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
		trace_id: expect.stringMatching(/^[\da-f-]{36}$/),
		correlation_id: expect.stringMatching(/^[\da-f-]{36}$/),
		error_uri: `https://login.microsoftonline.com/error?code=${code}`,
		...(body['suberror'] ? {suberror: body['suberror']} : {}),
	});
	const description = String(body['error_description']);
	expect(description).toContain(`Trace ID: ${String(body['trace_id'])}`);
	expect(description).toContain(`Correlation ID: ${String(body['correlation_id'])}`);
}

describe('Entra discovery', () => {
	test('OIDC v2 and v1 documents are built from the Host the client used', async () => {
		const port = new URL(sandbox.urls.entra).port;
		const v2 = await get(`https://localhost:${port}/${ids.tenantA}/v2.0/.well-known/openid-configuration`);
		expect(v2.json).toMatchObject({
			issuer: `https://localhost:${port}/${ids.tenantA}/v2.0`,
			token_endpoint: `https://localhost:${port}/${ids.tenantA}/oauth2/v2.0/token`,
			authorization_endpoint: `https://localhost:${port}/${ids.tenantA}/oauth2/v2.0/authorize`,
			jwks_uri: `https://localhost:${port}/${ids.tenantA}/discovery/v2.0/keys`,
			device_authorization_endpoint: `https://localhost:${port}/${ids.tenantA}/oauth2/v2.0/devicecode`,
			id_token_signing_alg_values_supported: ['RS256'],
		});
		const v1 = await get(`${sandbox.urls.entra}/contosodev.onmicrosoft.com/.well-known/openid-configuration`);
		expect(v1.json).toMatchObject({
			issuer: `${sandbox.urls.entra}/${ids.tenantA}/`,
			token_endpoint: `${sandbox.urls.entra}/${ids.tenantA}/oauth2/token`,
			jwks_uri: `${sandbox.urls.entra}/common/discovery/keys`,
		});
		const common = await get(`${sandbox.urls.entra}/common/v2.0/.well-known/openid-configuration`);
		expect(common.json['issuer']).toBe(`${sandbox.urls.entra}/{tenantid}/v2.0`);
	});

	test('an unknown tenant is AADSTS90002 invalid_tenant', async () => {
		const response = await get(
			`${sandbox.urls.entra}/99999999-9999-9999-9999-999999999999/v2.0/.well-known/openid-configuration`,
		);
		expect(response.status).toBe(400);
		expectEntraError(response.json, 'invalid_tenant', 90002);
	});

	test('tokens carry the kid the JWKS publishes', async () => {
		const keys = await get(`${sandbox.urls.entra}/${ids.tenantA}/discovery/v2.0/keys`);
		const [key] = keys.json['keys'] as Array<Record<string, unknown>>;
		expect(key).toMatchObject({
			kty: 'RSA',
			use: 'sig',
			e: 'AQAB',
			issuer: `${sandbox.urls.entra}/{tenantid}/v2.0`,
		});
		expect(key!['x5t']).toBe(key!['kid']);
		expect(key).not.toHaveProperty('alg');
		expect(decodeJwt(await appToken())?.header).toMatchObject({
			alg: 'RS256',
			typ: 'JWT',
			kid: key!['kid'],
			x5t: key!['kid'],
		});
	});
});

describe('Entra token endpoint', () => {
	test('v1 endpoint: resource=, string times, v1 claims', async () => {
		const response = await post(tokenUrl(ids.tenantA, 1), {
			grant_type: 'client_credentials',
			client_id: ids.ciApp,
			client_secret: ciSecret,
			resource: 'https://management.azure.com/',
		});
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({
			token_type: 'Bearer',
			expires_in: '3599',
			ext_expires_in: '3599',
			resource: 'https://management.azure.com/',
			expires_on: expect.stringMatching(/^\d+$/),
			not_before: expect.stringMatching(/^\d+$/),
		});
		expect(decodeJwt(String(response.json['access_token']))?.claims).toMatchObject({
			aud: 'https://management.azure.com/',
			iss: `${sandbox.urls.entra}/${ids.tenantA}/`,
			idp: `${sandbox.urls.entra}/${ids.tenantA}/`,
			appid: ids.ciApp,
			appidacr: '1',
			idtyp: 'app',
			ver: '1.0',
			tid: ids.tenantA,
			oid: ids.ciAppInA,
			sub: ids.ciAppInA,
		});
	});

	test('client_secret_basic works as well as client_secret_post', async () => {
		const basic = Buffer.from(`${ids.ciApp}:${ciSecret}`).toString('base64');
		const response = await post(
			tokenUrl(ids.tenantA),
			{grant_type: 'client_credentials', scope: armScope},
			{authorization: `Basic ${basic}`},
		);
		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			token_type: 'Bearer',
			expires_in: 3599,
			ext_expires_in: 3599,
			access_token: expect.any(String),
		});
	});

	test.each([
		[
			{
				grant_type: 'client_credentials',
				client_id: ids.ciApp,
				client_secret: ciSecret,
				resource: 'https://management.azure.com/',
			},
			'invalid_request',
			901002,
		],
		[
			{
				grant_type: 'client_credentials',
				client_id: ids.ciApp,
				client_secret: ciSecret,
				scope: 'https://management.azure.com/user_impersonation',
			},
			'invalid_scope',
			1002012,
		],
		[
			{grant_type: 'client_credentials', client_id: ids.ciApp, client_secret: 'wrong', scope: armScope},
			'invalid_client',
			7000215,
		],
		[{grant_type: 'client_credentials', client_id: ids.ciApp, scope: armScope}, 'invalid_client', 7000218],
		[
			{
				grant_type: 'client_credentials',
				client_id: 'aaaaaaaa-0000-0000-0000-00000000dead',
				client_secret: 'x',
				scope: armScope,
			},
			'unauthorized_client',
			700016,
		],
		[
			{
				grant_type: 'client_credentials',
				client_id: ids.ciApp,
				client_secret: ciSecret,
				scope: 'https://unknown.example/.default',
			},
			'invalid_resource',
			500011,
		],
		[{client_id: ids.ciApp}, 'invalid_request', 900144],
		[{grant_type: 'authorization_code', client_id: ids.ciApp}, 'unsupported_grant_type', 70003],
	])('refuses %o with %s AADSTS%i', async (form, error, code) => {
		const response = await post(tokenUrl(ids.tenantA), form);
		expect(response.status).toBe(error === 'invalid_client' ? 401 : 400);
		expectEntraError(response.json, error, code);
	});

	test('a single-tenant app asking another tenant is AADSTS700016', async () => {
		const response = await post(tokenUrl(ids.tenantB), {
			grant_type: 'client_credentials',
			client_id: ids.ciApp,
			client_secret: ciSecret,
			scope: armScope,
		});
		expectEntraError(response.json, 'unauthorized_client', 700016);
		expect(String(response.json['error_description'])).toContain(`was not found in the directory '${ids.tenantB}'`);
	});

	test('the client-request-id a client sends comes back as the correlation id', async () => {
		const correlation = '0f0f0f0f-1111-2222-3333-444444444444';
		const response = await post(`${tokenUrl(ids.tenantA)}?client-request-id=${correlation}`, {
			grant_type: 'client_credentials',
			client_id: ids.ciApp,
			client_secret: 'wrong',
			scope: armScope,
		});
		expect(response.json['correlation_id']).toBe(correlation);
	});

	test('password, refresh token and ID token for a user; wrong password 50126; unsynced password 50000 until reset', async () => {
		const form = {
			grant_type: 'password',
			client_id: ids.devTool,
			username: 'alice@contosodev.onmicrosoft.com',
			password: 'sandbox-alice-password-not-real',
			scope: `${armScope} openid profile offline_access`,
			client_info: '1',
		};
		const signIn = await post(tokenUrl('organizations'), form);
		expect(signIn.status, signIn.text).toBe(200);
		expect(signIn.json).toMatchObject({
			scope: armScope,
			refresh_token: expect.any(String),
			id_token: expect.any(String),
			client_info: expect.any(String),
		});
		expect(JSON.parse(Buffer.from(String(signIn.json['client_info']), 'base64url').toString())).toEqual({
			uid: ids.alice,
			utid: ids.tenantA,
		});
		expect(decodeJwt(String(signIn.json['id_token']))?.claims).toMatchObject({
			aud: ids.devTool,
			tid: ids.tenantA,
			oid: ids.alice,
			ver: '2.0',
			preferred_username: 'alice@contosodev.onmicrosoft.com',
		});
		expect(decodeJwt(String(signIn.json['access_token']))?.claims).toMatchObject({
			upn: 'alice@contosodev.onmicrosoft.com',
			scp: 'user_impersonation',
			appid: ids.devTool,
			appidacr: '0',
		});

		const refreshed = await post(tokenUrl(ids.tenantA), {
			grant_type: 'refresh_token',
			client_id: ids.devTool,
			refresh_token: String(signIn.json['refresh_token']),
			scope: 'https://graph.microsoft.com/.default openid',
		});
		expect(refreshed.status, refreshed.text).toBe(200);
		expect(decodeJwt(String(refreshed.json['access_token']))?.claims).toMatchObject({
			aud: 'https://graph.microsoft.com',
			oid: ids.alice,
		});

		expectEntraError((await post(tokenUrl(ids.tenantA), {...form, password: 'wrong'})).json, 'invalid_grant', 50126);
		const bob = {...form, username: 'bob@contosodev.onmicrosoft.com', password: 'sandbox-bob-password-not-real'};
		expectEntraError((await post(tokenUrl(ids.tenantA), bob)).json, 'invalid_grant', 50000);
		sandbox.applyFix({op: 'reset-user-password', userPrincipalName: 'bob@contosodev.onmicrosoft.com'});
		expect((await post(tokenUrl(ids.tenantA), bob)).status).toBe(200);
	});

	test('device code: pending until approved over the admin route, then tokens (both grant_type spellings)', async () => {
		const started = await post(`${sandbox.urls.entra}/organizations/oauth2/v2.0/devicecode`, {
			client_id: ids.devTool,
			scope: `${armScope} openid offline_access`,
		});
		expect(started.json).toMatchObject({
			user_code: expect.stringMatching(/^[A-Z2-9]{9}$/),
			device_code: expect.any(String),
			expires_in: 900,
			interval: 1,
			verification_uri: `${sandbox.urls.entra}/devicelogin`,
		});
		const poll = (grant: string) =>
			post(tokenUrl('organizations'), {
				grant_type: grant,
				client_id: ids.devTool,
				device_code: String(started.json['device_code']),
			});
		const pending = await poll('urn:ietf:params:oauth:grant-type:device_code');
		expectEntraError(pending.json, 'authorization_pending', 70016);
		const approve = await sandboxRequest(`${sandbox.urls.arm}/_sandbox/ops/approve-device-code`, {
			ca: sandbox.caPem,
			method: 'POST',
			body: JSON.stringify({
				userCode: started.json['user_code'],
				userPrincipalName: 'alice@contosodev.onmicrosoft.com',
			}),
		});
		expect(approve.status, approve.text).toBe(200);
		const done = await poll('device_code');
		expect(done.status, done.text).toBe(200);
		expect(decodeJwt(String(done.json['access_token']))?.claims).toMatchObject({oid: ids.alice, tid: ids.tenantA});
	});

	test('on-behalf-of: the API exchanges a user token for ARM once consent is granted', async () => {
		const user = await post(tokenUrl(ids.tenantA), {
			grant_type: 'password',
			client_id: ids.devTool,
			username: 'alice@contosodev.onmicrosoft.com',
			password: 'sandbox-alice-password-not-real',
			scope: `api://${ids.apiApp}/Orders.Read`,
		});
		expect(user.status, user.text).toBe(200);
		expect(decodeJwt(String(user.json['access_token']))?.claims).toMatchObject({
			aud: ids.apiApp,
			ver: '2.0',
			scp: 'Orders.Read',
		});
		const obo = {
			grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
			requested_token_use: 'on_behalf_of',
			client_id: ids.apiApp,
			client_secret: 'sandbox-orders-api-secret-not-real',
			assertion: String(user.json['access_token']),
			scope: armScope,
		};
		expectEntraError((await post(tokenUrl(ids.tenantA), obo)).json, 'invalid_grant', 65001);
		sandbox.applyFix({op: 'grant-admin-consent', clientAppId: ids.apiApp, tenantId: ids.tenantA});
		const exchanged = await post(tokenUrl(ids.tenantA), obo);
		expect(exchanged.status, exchanged.text).toBe(200);
		expect(decodeJwt(String(exchanged.json['access_token']))?.claims).toMatchObject({
			aud: 'https://management.core.windows.net/',
			oid: ids.alice,
			appid: ids.apiApp,
		});
		expectEntraError(
			(await post(tokenUrl(ids.tenantA), {...obo, assertion: await appToken()})).json,
			'invalid_grant',
			50013,
		);
	});

	test('certificate credential: an RS256 assertion with the x5t of the app’s certificate; an unknown key is AADSTS700027', async () => {
		const pem = await readFile(
			sandbox.identities.find(identity => identity.name === 'ci-app')!.certificatePath!,
			'utf8',
		);
		const certificate = new X509Certificate(pem);
		const sign = (thumbprint: string) => {
			const now = Math.floor(Date.now() / 1000);
			const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
			const input = `${encode({alg: 'RS256', typ: 'JWT', x5t: thumbprint})}.${encode({aud: tokenUrl(ids.tenantA), iss: ids.ciApp, sub: ids.ciApp, jti: 'a', nbf: now, exp: now + 600})}`;
			return `${input}.${cryptoSign('sha256', Buffer.from(input), createPrivateKey(pem)).toString('base64url')}`;
		};
		const form = (assertion: string) => ({
			grant_type: 'client_credentials',
			client_id: ids.ciApp,
			client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
			client_assertion: assertion,
			scope: armScope,
		});
		const good = await post(
			tokenUrl(ids.tenantA),
			form(sign(createHash('sha1').update(certificate.raw).digest('base64url'))),
		);
		expect(good.status, good.text).toBe(200);
		const unknown = await post(tokenUrl(ids.tenantA), form(sign('AAAAAAAAAAAAAAAAAAAAAAAAAAA')));
		expectEntraError(unknown.json, 'invalid_client', 700027);
		expect(String(unknown.json['error_description'])).toContain(
			"The key was not found., Thumbprint of key used by client: '0000000000000000000000000000000000000000'",
		);
	});

	describe('federated credentials', () => {
		const now = () => Math.floor(Date.now() / 1000);
		const external = (claims: Record<string, unknown>) =>
			[
				{alg: 'RS256', typ: 'JWT', kid: 'github'},
				{
					iss: github,
					sub: 'repo:Contoso/App:ref:refs/heads/main',
					aud: 'api://AzureADTokenExchange',
					iat: now(),
					nbf: now(),
					exp: now() + 300,
					...claims,
				},
			]
				.map(part => Buffer.from(JSON.stringify(part)).toString('base64url'))
				.join('.') + '.c2lnbmF0dXJl';
		const exchange = (assertion: string) =>
			post(tokenUrl(ids.tenantA), {
				grant_type: 'client_credentials',
				client_id: 'aaaaaaaa-0000-0000-0000-0000000000f1',
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: assertion,
				scope: armScope,
			});

		test('a matching assertion is exchanged', async () => {
			const response = await exchange(external({}));
			expect(response.status, response.text).toBe(200);
			expect(decodeJwt(String(response.json['access_token']))?.claims).toMatchObject({
				appid: 'aaaaaaaa-0000-0000-0000-0000000000f1',
				appidacr: '2',
			});
		});

		test.each([
			[{iss: `${github}/`}, 700211],
			[{sub: 'repo:Contoso/App:pull_request'}, 700213],
			[{sub: 'repo:contoso/app:ref:refs/heads/main'}, 7002138],
			[{aud: 'https://github.com/Contoso'}, 700212],
			[{exp: 1_700_000_000, nbf: 1_699_999_000}, 700024],
		])('%o is refused with AADSTS%i', async (claims, code) => {
			const response = await exchange(external(claims));
			expect(response.json['error_codes']).toEqual([code]);
			expect(String(response.json['error_description'])).toMatch(new RegExp(`^AADSTS${code}: `));
		});
	});
});

describe('ARM', () => {
	const rg = (subscription: string) =>
		`${sandbox.urls.arm}/subscriptions/${subscription}/resourcegroups/rg-app?api-version=2021-04-01`;

	test('request and correlation ids on every response; a client correlation id is echoed', async () => {
		const response = await get(rg(ids.subscriptionA), {
			authorization: `Bearer ${await appToken()}`,
			'x-ms-correlation-request-id': '12121212-3434-5656-7878-909090909090',
		});
		expect(response.status).toBe(200);
		expect(response.headers['x-ms-request-id']).toMatch(/^[\da-f-]{36}$/);
		expect(response.headers['x-ms-correlation-request-id']).toBe('12121212-3434-5656-7878-909090909090');
		expect(response.json).toEqual({
			id: `/subscriptions/${ids.subscriptionA}/resourceGroups/rg-app`,
			name: 'rg-app',
			type: 'Microsoft.Resources/resourceGroups',
			location: 'westeurope',
			properties: {provisioningState: 'Succeeded'},
		});
	});

	test('both audience forms are accepted; a Graph token is InvalidAuthenticationTokenAudience', async () => {
		for (const scope of ['https://management.azure.com/.default', armScope]) {
			expect((await get(rg(ids.subscriptionA), {authorization: `Bearer ${await appToken(scope)}`})).status).toBe(200);
		}

		const wrong = await get(rg(ids.subscriptionA), {
			authorization: `Bearer ${await appToken('https://graph.microsoft.com/.default')}`,
		});
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({
			error: {
				code: 'InvalidAuthenticationTokenAudience',
				message: expect.stringContaining("wrong audience or resource 'https://graph.microsoft.com'"),
			},
		});
	});

	test('header problems: missing, not Bearer, garbage token', async () => {
		expect((await get(rg(ids.subscriptionA))).json).toMatchObject({error: {code: 'AuthenticationFailed'}});
		expect((await get(rg(ids.subscriptionA), {authorization: 'Basic abc'})).json).toMatchObject({
			error: {code: 'AuthenticationFailedInvalidHeader'},
		});
		const garbage = await get(rg(ids.subscriptionA), {authorization: 'Bearer not.a.token'});
		expect(garbage.status).toBe(401);
		expect(garbage.json).toMatchObject({error: {code: 'InvalidAuthenticationToken'}});
	});

	test('lists, 404s and the api-version rule', async () => {
		const authorization = `Bearer ${await appToken()}`;
		const list = await get(`${sandbox.urls.arm}/subscriptions?api-version=2019-11-01`, {authorization});
		expect(list.json).toEqual({
			value: [
				expect.objectContaining({
					subscriptionId: ids.subscriptionA,
					tenantId: ids.tenantA,
					state: 'Enabled',
					authorizationSource: 'RoleBased',
					managedByTenants: [],
				}),
				// Listed to tenant A as its managing tenant, with A's role on it.
				expect.objectContaining({
					subscriptionId: ids.subscriptionB,
					tenantId: ids.tenantB,
					managedByTenants: [{tenantId: ids.tenantA}],
				}),
			],
			count: {type: 'Total', value: 2},
		});
		const tenants = await get(`${sandbox.urls.arm}/tenants?api-version=2022-12-01`, {authorization});
		expect(tenants.json).toEqual({
			value: [
				expect.objectContaining({
					id: `/tenants/${ids.tenantA}`,
					tenantId: ids.tenantA,
					tenantCategory: 'Home',
					defaultDomain: 'contosodev.onmicrosoft.com',
				}),
			],
		});
		const groups = await get(
			`${sandbox.urls.arm}//subscriptions/${ids.subscriptionA}/resourceGroups?api-version=2021-04-01`,
			{authorization},
		);
		expect((groups.json['value'] as unknown[]).length).toBe(1);
		const storage = await get(
			`${sandbox.urls.arm}/subscriptions/${ids.subscriptionA}/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/stcontosodata?api-version=2023-01-01`,
			{authorization},
		);
		expect(storage.json).toMatchObject({type: 'Microsoft.Storage/storageAccounts', name: 'stcontosodata'});
		const missingSubscription = await get(
			`${sandbox.urls.arm}/subscriptions/55555555-5555-5555-5555-555555555555?api-version=2022-12-01`,
			{authorization},
		);
		expect(missingSubscription).toMatchObject({
			status: 404,
			json: {
				error: {
					code: 'SubscriptionNotFound',
					message: "The subscription '55555555-5555-5555-5555-555555555555' could not be found.",
				},
			},
		});
		const missingGroup = await get(
			`${sandbox.urls.arm}/subscriptions/${ids.subscriptionA}/resourcegroups/rg-none?api-version=2021-04-01`,
			{authorization},
		);
		expect(missingGroup).toMatchObject({status: 404, json: {error: {code: 'ResourceGroupNotFound'}}});
		const noVersion = await get(`${sandbox.urls.arm}/subscriptions/${ids.subscriptionA}`, {authorization});
		expect(noVersion).toMatchObject({status: 400, json: {error: {code: 'MissingApiVersionParameter'}}});
	});

	test('metadata endpoints answer with and without the double slash, no token needed', async () => {
		const old = await get(`${sandbox.urls.arm}//metadata/endpoints?api-version=2015-01-01`);
		expect(old.json).toEqual({
			galleryEndpoint: '',
			graphEndpoint: `${sandbox.cloud.graph}/`,
			portalEndpoint: '',
			authentication: {
				loginEndpoint: sandbox.cloud.authorityHost,
				audiences: ['https://management.core.windows.net/', `${sandbox.cloud.resourceManager}/`],
			},
		});
		const current = await sandboxRequest(sandbox.cloud.metadataUrl, {ca: sandbox.caPem});
		expect(JSON.parse(current.text)).toMatchObject([
			{
				resourceManager: `${sandbox.cloud.resourceManager}/`,
				authentication: {loginEndpoint: `${sandbox.cloud.authorityHost}/`},
			},
		]);
	});

	test("authfix's own cloud resolver reads the sandbox's metadata into the sandbox's cloud", async () => {
		const current = await sandboxRequest(sandbox.cloud.metadataUrl, {ca: sandbox.caPem});
		expect(parseCloudMetadata(JSON.parse(current.text), sandbox.cloud.metadataUrl)).toEqual(sandbox.cloud);
		const old = await sandboxRequest(`${sandbox.urls.arm}/metadata/endpoints?api-version=2015-01-01`, {
			ca: sandbox.caPem,
		});
		expect(
			parseCloudMetadata(JSON.parse(old.text), `${sandbox.urls.arm}/metadata/endpoints?api-version=2015-01-01`),
		).toMatchObject({
			authorityHost: sandbox.cloud.authorityHost,
			resourceManager: sandbox.cloud.resourceManager,
			resourceManagerAudience: sandbox.cloud.resourceManagerAudience,
			graph: sandbox.cloud.graph,
		});
	});

	test('a managing tenant (managedByTenants) is accepted for a subscription of another home tenant', async () => {
		const response = await get(`${sandbox.urls.arm}/subscriptions/${ids.subscriptionB}?api-version=2022-12-01`, {
			authorization: `Bearer ${await appToken()}`,
		});
		expect(response.status, response.text).toBe(200);
		expect(response.json).toMatchObject({tenantId: ids.tenantB, managedByTenants: [{tenantId: ids.tenantA}]});
	});

	test('auxiliary tokens: more than three is 401; a bad one is 401 naming it', async () => {
		const token = await appToken();
		const four = Array.from({length: 4}, () => `Bearer ${token}`).join(', ');
		const tooMany = await get(rg(ids.subscriptionA), {
			authorization: `Bearer ${token}`,
			'x-ms-authorization-auxiliary': four,
		});
		expect(tooMany).toMatchObject({status: 401, json: {error: {code: 'AuthenticationFailedInvalidHeader'}}});
		const bad = await get(rg(ids.subscriptionA), {
			authorization: `Bearer ${token}`,
			'x-ms-authorization-auxiliary': `Bearer ${token}, Bearer nope.nope.nope`,
		});
		expect(bad.status).toBe(401);
		expect(bad.json).toMatchObject({
			error: {code: 'InvalidAuthenticationToken', message: expect.stringContaining('auxiliary token at position 2')},
		});
	});
});

describe('the sandbox clock', () => {
	test("ARM's routing id carries the time of the sandbox's clock, not the machine's", async () => {
		const clocked = await startSandbox({scenario, stateDirectory, now: () => Date.parse('2026-06-15T08:22:51.123Z')});
		try {
			const token = await post(`${clocked.urls.entra}/${ids.tenantA}/oauth2/v2.0/token`, {
				grant_type: 'client_credentials',
				client_id: ids.ciApp,
				client_secret: ciSecret,
				scope: armScope,
			});
			const response = await sandboxRequest(
				`${clocked.urls.arm}/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
				{ca: clocked.caPem, headers: {authorization: `Bearer ${String(token.json['access_token'])}`}},
			);
			expect(response.status).toBe(200);
			expect(response.headers['x-ms-routing-request-id']).toBe(
				`SANDBOX:20260615T082251Z:${String(response.headers['x-ms-request-id'])}`,
			);
		} finally {
			await clocked.stop();
		}
	});
});

describe('client secrets and their lifetime', () => {
	test('an expired secret is AADSTS7000222 until a new secret is added', async () => {
		const expiring = await startSandbox({
			stateDirectory,
			scenario: {
				...healthy,
				apps: healthy.apps.map(app =>
					app.appId === ids.ciApp
						? {...app, secrets: [{id: 'old', value: 'sandbox-old-secret', expiresInSeconds: -60}]}
						: app,
				),
			},
		});
		try {
			const ask = (secret: string) =>
				sandboxRequest(`${expiring.urls.entra}/${ids.tenantA}/oauth2/v2.0/token`, {
					ca: expiring.caPem,
					method: 'POST',
					headers: {'content-type': 'application/x-www-form-urlencoded'},
					body: new URLSearchParams({
						grant_type: 'client_credentials',
						client_id: ids.ciApp,
						client_secret: secret,
						scope: armScope,
					}).toString(),
				});
			const expired = await ask('sandbox-old-secret');
			expect(expired.status).toBe(401);
			expectEntraError(JSON.parse(expired.text) as Record<string, unknown>, 'invalid_client', 7000222);
			const added = await sandboxRequest(`${expiring.urls.arm}/_sandbox/ops/add-client-secret`, {
				ca: expiring.caPem,
				method: 'POST',
				body: JSON.stringify({app: 'ci-app', secret: {id: 'new', value: 'sandbox-new-secret'}}),
			});
			expect(JSON.parse(added.text)).toEqual({result: "secret 'new' added to ci-app"});
			expect((await ask('sandbox-new-secret')).status).toBe(200);
			expect(expiring.state().operations).toEqual([
				{
					at: expect.any(String),
					operation: {op: 'add-client-secret', app: 'ci-app', secret: {id: 'new', value: 'sandbox-new-secret'}},
					result: "secret 'new' added to ci-app",
				},
			]);
		} finally {
			await expiring.stop();
		}
	});
});

describe('aux-token scenario without the auxiliary header', () => {
	test('the linked scope is LinkedAuthorizationFailed (403)', async () => {
		const aux = await startSandbox({scenario: 'aux-token', stateDirectory});
		try {
			const token = await post(`${aux.urls.entra}/${ids.tenantA}/oauth2/v2.0/token`, {
				grant_type: 'client_credentials',
				client_id: ids.ciApp,
				client_secret: ciSecret,
				scope: armScope,
			});
			const response = await sandboxRequest(aux.urls.arm + aux.scenario.replay.path, {
				ca: aux.caPem,
				headers: {authorization: `Bearer ${String(token.json['access_token'])}`},
			});
			expect(response.status).toBe(403);
			expect(JSON.parse(response.text)).toEqual({
				error: {
					code: 'LinkedAuthorizationFailed',
					message: expect.stringContaining(
						`however the current tenant '${ids.tenantA}' is not authorized to access linked subscription '${ids.subscriptionB}'`,
					),
				},
			});
		} finally {
			await aux.stop();
		}
	});
});

describe('Graph-like API', () => {
	test('/me with a user token; an ARM token is refused with Graph’s invalid-audience error', async () => {
		const user = await post(tokenUrl(ids.tenantA), {
			grant_type: 'password',
			client_id: ids.devTool,
			username: 'alice@contosodev.onmicrosoft.com',
			password: 'sandbox-alice-password-not-real',
			scope: 'User.Read',
		});
		const me = await get(`${sandbox.urls.graph}/v1.0/me`, {
			authorization: `Bearer ${String(user.json['access_token'])}`,
		});
		expect(me.json).toMatchObject({id: ids.alice, userPrincipalName: 'alice@contosodev.onmicrosoft.com'});
		const wrong = await get(`${sandbox.urls.graph}/v1.0/users`, {authorization: `Bearer ${await appToken()}`});
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({
			error: {
				code: 'InvalidAuthenticationToken',
				message: 'Access token validation failure. Invalid audience.',
				innerError: {
					date: expect.any(String),
					'request-id': expect.stringMatching(/^[\da-f-]{36}$/),
					'client-request-id': expect.any(String),
				},
			},
		});
		expect(wrong.headers['www-authenticate']).toContain('client_id="00000003-0000-0000-c000-000000000000"');
	});

	test("an application's federated identity credentials", async () => {
		const token = await appToken('https://graph.microsoft.com/.default');
		const response = await get(
			`${sandbox.urls.graph}/v1.0/applications(appId='aaaaaaaa-0000-0000-0000-0000000000f1')/federatedIdentityCredentials`,
			{authorization: `Bearer ${token}`},
		);
		expect(response.json['value']).toEqual([
			{
				id: expect.any(String),
				name: 'main',
				issuer: github,
				subject: 'repo:Contoso/App:ref:refs/heads/main',
				audiences: ['api://AzureADTokenExchange'],
				description: null,
			},
		]);
	});
});

describe('managed identity endpoints', () => {
	test('IMDS needs the Metadata header and finds no identity in a scenario without one', async () => {
		const url = `${sandbox.urls.arm}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/`;
		expect((await get(url)).json).toEqual({
			error: 'invalid_request',
			error_description: 'Required metadata header not specified',
		});
		expect((await get(url, {metadata: 'true'})).json).toEqual({
			error: 'invalid_request',
			error_description: 'Identity not found',
		});
	});
});

describe('robustness', () => {
	test('malformed requests get error shapes and the servers keep serving', async () => {
		const huge = await sandboxRequest(tokenUrl(ids.tenantA), {
			ca: sandbox.caPem,
			method: 'POST',
			headers: {'content-type': 'application/x-www-form-urlencoded'},
			body: 'a='.padEnd(400_000, 'x'),
		}).catch(() => ({status: 0}));
		expect([413, 0]).toContain(huge.status);
		const notForm = await sandboxRequest(tokenUrl(ids.tenantA), {
			ca: sandbox.caPem,
			method: 'POST',
			headers: {'content-type': 'application/json'},
			body: '{"grant_type":',
		});
		expectEntraError(JSON.parse(notForm.text) as Record<string, unknown>, 'invalid_request', 900144);
		const admin = await sandboxRequest(`${sandbox.urls.arm}/_sandbox/ops/assign-role`, {
			ca: sandbox.caPem,
			method: 'POST',
			body: '{nope',
		});
		expect(admin.status).toBe(400);
		const unknownOp = await sandboxRequest(`${sandbox.urls.arm}/_sandbox/ops/delete-everything`, {
			ca: sandbox.caPem,
			method: 'POST',
			body: '{}',
		});
		expect(unknownOp).toMatchObject({status: 400});
		expect(JSON.parse(unknownOp.text)).toEqual({
			error: {code: 'InvalidOperation', message: 'unknown operation: delete-everything'},
		});
		// A name every object inherits is not an operation either (it used to reach a 500).
		const inherited = await sandboxRequest(`${sandbox.urls.arm}/_sandbox/ops/constructor`, {
			ca: sandbox.caPem,
			method: 'POST',
			body: '{}',
		});
		expect({status: inherited.status, body: JSON.parse(inherited.text)}).toEqual({
			status: 400,
			body: {error: {code: 'InvalidOperation', message: 'unknown operation: constructor'}},
		});
		const badRole = await sandboxRequest(`${sandbox.urls.arm}/_sandbox/ops/assign-role`, {
			ca: sandbox.caPem,
			method: 'POST',
			body: '{"principalId":1}',
		});
		expect(badRole.status).toBe(400);
		const noSecret = await sandboxRequest(`${sandbox.urls.arm}/_sandbox/ops/add-client-secret`, {
			ca: sandbox.caPem,
			method: 'POST',
			body: '{"app":"ci-app"}',
		});
		expect(JSON.parse(noSecret.text)).toEqual({
			error: {code: 'InvalidOperation', message: "add-client-secret: 'secret.id' must be a non-empty string"},
		});

		// Raw bytes: plain HTTP to a TLS port, and garbage inside a TLS connection.
		const port = Number(new URL(sandbox.urls.entra).port);
		await new Promise<void>(resolve => {
			const socket = tlsConnect({host: '127.0.0.1', port, ca: sandbox.caPem, servername: 'localhost'}, () =>
				socket.end('\u0000\u0001GARBAGE\r\n\r\n'),
			);
			socket.on('close', () => resolve());
			socket.on('error', () => resolve());
			socket.resume();
		});
		const {connect} = await import('node:net');
		await new Promise<void>(resolve => {
			const socket = connect({host: '127.0.0.1', port}, () => socket.end('GET / HTTP/1.1\r\n\r\n'));
			socket.on('close', () => resolve());
			socket.on('error', () => resolve());
			socket.resume();
		});

		expect((await get(`${sandbox.urls.entra}/${ids.tenantA}/v2.0/.well-known/openid-configuration`)).status).toBe(200);
		expect(await appToken()).toMatch(/^ey/);
	});

	test('stop() ends the tunnels clients keep open through the proxy (discovery and loopback) instead of waiting for them', async () => {
		const own = await startSandbox({scenario, stateDirectory});
		/** A CONNECT tunnel through the sandbox's proxy with one keep-alive HTTPS request answered inside it. */
		const openTunnel = async (target: string, servername: string, status: number) => {
			const proxy = new URL(own.urls.proxy);
			const request = httpRequest({host: '127.0.0.1', port: proxy.port, method: 'CONNECT', path: target});
			request.end();
			const [, raw] = (await once(request, 'connect')) as [unknown, Socket];
			const socket = tlsConnect({socket: raw, servername, ca: own.caPem});
			await once(socket, 'secureConnect');
			socket.write(
				`GET /common/v2.0/.well-known/openid-configuration HTTP/1.1\r\nHost: ${servername}\r\nConnection: keep-alive\r\n\r\n`,
			);
			const [first] = (await once(socket, 'data')) as [Buffer];
			expect(first.toString('utf8')).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
			return socket;
		};

		const tunnels = [
			// The discovery host answers instance discovery only: this path is its 404.
			await openTunnel('login.microsoftonline.com:443', 'login.microsoftonline.com', 404),
			await openTunnel(`127.0.0.1:${new URL(own.urls.entra).port}`, 'localhost', 200),
		];
		const closed = tunnels.map(socket => once(socket, 'close'));
		await own.stop();
		await Promise.all(closed);
		expect(tunnels.map(socket => socket.destroyed)).toEqual([true, true]);
	});

	test('a restart with the same state folder keeps the CA and the signing key: old tokens stay valid', async () => {
		const token = await appToken();
		const again = await startSandbox({scenario, stateDirectory});
		try {
			expect(again.caPem).toBe(sandbox.caPem);
			const response = await sandboxRequest(
				`${again.urls.arm}/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
				{ca: again.caPem, headers: {authorization: `Bearer ${token}`}},
			);
			expect(response.status).toBe(200);
		} finally {
			await again.stop();
		}
	});
});
