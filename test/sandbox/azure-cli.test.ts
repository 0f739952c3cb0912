import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type Sandbox, type SandboxEvent, startSandbox} from '../../source/sandbox/index.ts';
import {ids} from '../../source/sandbox/scenarios/ids.ts';
import {decodeJwt} from '../../source/sandbox/tokens.ts';
import {az, parseJson, registerSandboxCloud} from './helpers.ts';

const ciApp = ids.ciApp;
const secret = 'sandbox-ci-app-secret-not-real';
let stateDirectory: string;

beforeAll(async () => {
	stateDirectory = await mkdtemp(path.join(tmpdir(), 'authfix-sandbox-az-'));
});

afterAll(async () => {
	await rm(stateDirectory, {recursive: true, force: true});
});

describe('the Azure CLI 2.45 against the tenant-mismatch scenario', {timeout: 120_000}, () => {
	let sandbox: Sandbox;
	const events: SandboxEvent[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox({scenario: 'tenant-mismatch', stateDirectory, log: event => events.push(event)});
	});

	afterAll(async () => {
		await sandbox?.stop();
	});

	test('cloud register and set, then a service principal signs in and lists its subscription', async () => {
		const {register, set} = await registerSandboxCloud(sandbox);
		expect(register.stderr).toBe('');
		expect(register.code).toBe(0);
		expect(set.code, set.stderr).toBe(0);

		const login = await az(sandbox, [
			'login',
			'--service-principal',
			'-u',
			ciApp,
			'-p',
			secret,
			'--tenant',
			ids.tenantA,
			'--output',
			'json',
		]);
		expect(login.code, login.stderr).toBe(0);
		expect(parseJson(login.stdout)).toEqual([
			expect.objectContaining({
				id: ids.subscriptionA,
				tenantId: ids.tenantA,
				homeTenantId: ids.tenantA,
				cloudName: 'AuthfixSandbox',
				user: {name: ciApp, type: 'servicePrincipal'},
			}),
		]);

		const show = await az(sandbox, ['account', 'show', '--output', 'json']);
		expect(show.code).toBe(0);
		expect(parseJson(show.stdout)).toMatchObject({id: ids.subscriptionA, tenantId: ids.tenantA, isDefault: true});
		// The only outside host contacted was instance discovery, answered by the proxy itself.
		expect(events.filter(event => event.kind === 'connect-refused')).toEqual([]);
		expect(events.some(event => event.message.startsWith('CONNECT login.microsoftonline.com:443'))).toBe(true);
	});

	test('get-access-token gives an ARM token of the home tenant, and of another tenant with --tenant', async () => {
		const home = await az(sandbox, ['account', 'get-access-token', '--output', 'json']);
		expect(home.code, home.stderr).toBe(0);
		const homeToken = parseJson(home.stdout) as {accessToken: string; tenant?: string; subscription?: string};
		expect(homeToken.subscription).toBe(ids.subscriptionA);
		expect(decodeJwt(homeToken.accessToken)?.claims).toMatchObject({
			tid: ids.tenantA,
			aud: 'https://management.core.windows.net/',
			appid: ciApp,
			ver: '1.0',
			idtyp: 'app',
			oid: ids.ciAppInA,
		});

		const other = await az(sandbox, ['account', 'get-access-token', '--tenant', ids.tenantB, '--output', 'json']);
		expect(other.code, other.stderr).toBe(0);
		const otherToken = parseJson(other.stdout) as {accessToken: string; tenant: string};
		expect(otherToken.tenant).toBe(ids.tenantB);
		expect(decodeJwt(otherToken.accessToken)?.claims).toMatchObject({tid: ids.tenantB, oid: ids.ciAppInB});

		// A resource not in the cache yet: MSAL Python's alias lookup goes through the proxy too.
		const vault = await az(sandbox, [
			'account',
			'get-access-token',
			'--resource',
			'https://vault.azure.net',
			'--output',
			'json',
		]);
		expect(vault.code, vault.stderr).toBe(0);
		expect(decodeJwt((parseJson(vault.stdout) as {accessToken: string}).accessToken)?.claims).toMatchObject({
			aud: 'https://vault.azure.net',
			tid: ids.tenantA,
		});
	});

	test('az group show reads a resource group through the SDK path', async () => {
		const group = await az(sandbox, ['group', 'show', '--name', 'rg-app', '--output', 'json']);
		expect(group.code, group.stderr).toBe(0);
		expect(parseJson(group.stdout)).toMatchObject({
			id: `/subscriptions/${ids.subscriptionA}/resourceGroups/rg-app`,
			location: 'westeurope',
			properties: {provisioningState: 'Succeeded'},
		});
		const missing = await az(sandbox, ['group', 'show', '--name', 'rg-none']);
		expect(missing.code).toBe(3);
		expect(missing.stderr).toContain('(ResourceGroupNotFound) Resource group');
	});

	test('az rest with a home-tenant token on the other tenant’s subscription gets InvalidAuthenticationTokenTenant', async () => {
		// Addressed by name (localhost), az does not pick the token by the URL's subscription: it sends the
		// default subscription's token (tenant A) to a subscription of tenant B, as a mixed-up script would.
		const port = new URL(sandbox.cloud.resourceManager).port;
		const result = await az(sandbox, [
			'rest',
			'--method',
			'get',
			'--resource',
			sandbox.cloud.resourceManagerAudience,
			'--url',
			`https://localhost:${port}/subscriptions/${ids.subscriptionB}/resourcegroups/rg-prod?api-version=2021-04-01`,
		]);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('ERROR: Unauthorized({"error":{"code":"InvalidAuthenticationTokenTenant"');
		expect(result.stderr).toContain(`It must match the tenant '${sandbox.cloud.authorityHost}/${ids.tenantB}/'`);

		const own = await az(sandbox, [
			'rest',
			'--method',
			'get',
			'--url',
			`${sandbox.cloud.resourceManager}/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
		]);
		expect(own.code, own.stderr).toBe(0);
		expect(parseJson(own.stdout)).toMatchObject({name: 'rg-app', location: 'westeurope'});
	});

	test('account clear signs out: the token cache and secrets are gone', async () => {
		expect((await az(sandbox, ['account', 'clear'])).code).toBe(0);
		const show = await az(sandbox, ['account', 'show']);
		expect(show.code).toBe(1);
		expect(show.stderr).toContain("Please run 'az login' to setup account.");
		await expect(
			readFile(path.join(sandbox.env['AZURE_CONFIG_DIR']!, 'service_principal_entries.json')),
		).rejects.toMatchObject({code: 'ENOENT'});
	});
});

describe('the Azure CLI against the stale-cache scenario', {timeout: 120_000}, () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({scenario: 'stale-cache', stateDirectory});
	});

	afterAll(async () => {
		await sandbox?.stop();
	});

	test('the seeded profile sends old-tenant tokens; clearing and signing in to the right tenant fixes it', async () => {
		const url = `${sandbox.cloud.resourceManager}/subscriptions/${ids.subscriptionB}/resourcegroups/rg-prod?api-version=2021-04-01`;
		const stale = await az(sandbox, ['rest', '--method', 'get', '--url', url]);
		expect(stale.code).toBe(1);
		expect(stale.stderr).toContain('InvalidAuthenticationTokenTenant');

		expect((await az(sandbox, ['account', 'clear'])).code).toBe(0);
		const login = await az(sandbox, [
			'login',
			'--service-principal',
			'-u',
			ciApp,
			'-p',
			secret,
			'--tenant',
			ids.tenantB,
		]);
		expect(login.code, login.stderr).toBe(0);
		const fresh = await az(sandbox, ['rest', '--method', 'get', '--url', url]);
		expect(fresh.code, fresh.stderr).toBe(0);
		expect(parseJson(fresh.stdout)).toMatchObject({name: 'rg-prod'});
	});
});

describe('a user signs in to the Azure CLI with a device code (auto-approved in healthy)', {timeout: 120_000}, () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({stateDirectory});
	});

	afterAll(async () => {
		await sandbox?.stop();
	});

	test('az login --use-device-code, then a user token for ARM', async () => {
		const {register, set} = await registerSandboxCloud(sandbox);
		expect(register.code, register.stderr).toBe(0);
		expect(set.code, set.stderr).toBe(0);
		const login = await az(sandbox, ['login', '--use-device-code', '--output', 'json']);
		expect(login.code, login.stderr).toBe(0);
		expect(login.stderr).toMatch(
			/To sign in, use a web browser to open the page https:\/\/127\.0\.0\.1:\d+\/devicelogin and enter the code [A-Z2-9]{9} to authenticate\./,
		);
		expect(parseJson(login.stdout)).toEqual([
			expect.objectContaining({
				id: ids.subscriptionA,
				tenantId: ids.tenantA,
				user: {name: 'alice@contosodev.onmicrosoft.com', type: 'user'},
			}),
		]);
		const token = await az(sandbox, ['account', 'get-access-token', '--output', 'json']);
		expect(token.code, token.stderr).toBe(0);
		expect(decodeJwt((parseJson(token.stdout) as {accessToken: string}).accessToken)?.claims).toMatchObject({
			upn: 'alice@contosodev.onmicrosoft.com',
			appid: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
			tid: ids.tenantA,
			aud: 'https://management.core.windows.net/',
		});
	});

	test('a service principal signs in with its certificate (az login -p PEM)', async () => {
		expect((await az(sandbox, ['account', 'clear'])).code).toBe(0);
		const certificate = sandbox.identities.find(identity => identity.name === 'ci-app')!.certificatePath!;
		const login = await az(sandbox, [
			'login',
			'--service-principal',
			'-u',
			ciApp,
			'-p',
			certificate,
			'--tenant',
			ids.tenantA,
		]);
		expect(login.code, login.stderr).toBe(0);
		const token = await az(sandbox, ['account', 'get-access-token', '--output', 'json']);
		expect(decodeJwt((parseJson(token.stdout) as {accessToken: string}).accessToken)?.claims).toMatchObject({
			appid: ciApp,
			appidacr: '2',
		});
	});
});

describe('az cloud register from the metadata endpoint alone', {timeout: 120_000}, () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({stateDirectory});
	});

	afterAll(async () => {
		await sandbox?.stop();
	});

	test('reads //metadata/endpoints without a token and takes the endpoints from it', async () => {
		const register = await az(sandbox, [
			'cloud',
			'register',
			'--name',
			'SandboxFromMetadata',
			'--endpoint-resource-manager',
			`${sandbox.cloud.resourceManager}/`,
		]);
		expect(register.code, register.stderr).toBe(0);
		const show = await az(sandbox, ['cloud', 'show', '--name', 'SandboxFromMetadata', '--output', 'json']);
		expect(parseJson(show.stdout)).toMatchObject({
			endpoints: {
				activeDirectory: sandbox.cloud.authorityHost,
				activeDirectoryResourceId: 'https://management.core.windows.net/',
				resourceManager: `${sandbox.cloud.resourceManager}/`,
			},
		});
	});
});
