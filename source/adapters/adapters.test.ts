import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {mintToken} from '../../test/support/mint.ts';
import {builtInClouds} from '../cloud/cloud.ts';
import {credentialAvailability} from '../credentials/availability.ts';
import {defaultChainOf, defaultCredentialPick} from '../credentials/default-chain.ts';
import {createAccessToken} from '../ports/access-token.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import {createAzureCli, firstErrorLine, readExpiry} from './azure-cli.ts';
import {createServices} from './create-services.ts';
import {managedIdentityToken} from './credentials.ts';
import {createHttp} from './http.ts';

describe('Azure CLI adapter', () => {
	test('arguments are validated before anything runs', async () => {
		const az = createAzureCli({command: '/nonexistent/az', env: {}, timeoutMs: 1000});
		await expect(az.getAccessToken({resource: '--debug'})).rejects.toMatchObject({code: 'invalid-argument'});
		await expect(
			az.getAccessToken({resource: 'https://management.core.windows.net/', tenantId: 'contoso; rm -rf /'}),
		).rejects.toMatchObject({
			code: 'invalid-argument',
		});
		await expect(az.getAccessToken({resource: 'https://management.core.windows.net/'})).rejects.toMatchObject({
			code: 'not-installed',
		});
	});

	test('az 2.45 prints the local-time expiresOn only; newer ones expires_on', () => {
		expect(readExpiry({expires_on: 1_780_000_000})).toBe(1_780_000_000_000);
		expect(readExpiry({expires_on: '1780000000'})).toBe(1_780_000_000_000);
		expect(readExpiry({expiresOn: '2026-06-01 12:00:00.000000'})).toBe(
			new Date('2026-06-01 12:00:00.000000').getTime(),
		);
		expect(readExpiry({expiresOn: 'soon'})).toBeUndefined();
	});

	test('the ERROR line of stderr is what a finding shows', () => {
		expect(firstErrorLine("WARNING: x\nERROR: Please run 'az login' to setup account.\n")).toBe(
			"Please run 'az login' to setup account.",
		);
		expect(firstErrorLine('\nTraceback (most recent call last):\n')).toBe('Traceback (most recent call last):');
	});

	test('AdapterError carries a code', () => {
		expect(new AdapterError('timeout', 'x')).toMatchObject({code: 'timeout', name: 'AdapterError'});
	});
});

describe('credential availability, as DefaultAzureCredential decides it', () => {
	test.each([
		[{}, 'AzureCliCredential'],
		[{AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's'}, 'EnvironmentCredential'],
		[{AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_FEDERATED_TOKEN_FILE: '/f'}, 'WorkloadIdentityCredential'],
		[{IDENTITY_ENDPOINT: 'https://x', IDENTITY_HEADER: 'h'}, 'ManagedIdentityCredential'],
		[{AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c'}, 'AzureCliCredential'],
	])('%o → %s', (env, name) => {
		expect(defaultCredentialPick(credentialAvailability(env)).name).toBe(name);
	});

	test('a half-configured EnvironmentCredential says what is missing', () => {
		const environment = credentialAvailability({AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c'}).find(
			item => item.kind === 'env',
		);
		expect(environment).toMatchObject({available: false, partial: true});
		expect(environment?.reason).toContain('no AZURE_CLIENT_SECRET');
		// Nothing set is not "partial": there is nothing to finish.
		expect(credentialAvailability({}).find(item => item.kind === 'env')?.partial).toBeUndefined();
	});
});

describe('AZURE_TOKEN_CREDENTIALS narrows the default chain as DefaultAzureCredential 4.14 does', () => {
	const everything = {
		AZURE_TENANT_ID: 't',
		AZURE_CLIENT_ID: 'c',
		AZURE_CLIENT_SECRET: 's',
		IDENTITY_ENDPOINT: 'https://x',
		IDENTITY_HEADER: 'h',
	};
	test.each([
		[{...everything}, 'EnvironmentCredential'],
		[{...everything, AZURE_TOKEN_CREDENTIALS: 'dev'}, 'AzureCliCredential'],
		[{...everything, AZURE_TOKEN_CREDENTIALS: 'prod'}, 'EnvironmentCredential'],
		[{...everything, AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential'}, 'ManagedIdentityCredential'],
		[{...everything, AZURE_TOKEN_CREDENTIALS: ' azureclicredential '}, 'AzureCliCredential'],
		[{AZURE_TOKEN_CREDENTIALS: 'prod'}, 'ManagedIdentityCredential'],
	])('%o → %s', (env, name) => {
		expect(defaultCredentialPick(credentialAvailability(env), env).name).toBe(name);
	});

	test('an unknown value is reported: DefaultAzureCredential refuses to start', () => {
		const env = {AZURE_TOKEN_CREDENTIALS: 'browser'};
		const {chain, invalid} = defaultChainOf(credentialAvailability(env), env);
		expect(chain).toEqual([]);
		expect(invalid).toMatch(
			/^AZURE_TOKEN_CREDENTIALS="browser" is not valid for @azure\/identity 4\.14\.1 \('dev', 'prod' or one of environmentcredential, .*\): it refuses to build DefaultAzureCredential$/,
		);
	});
});

describe('managed identity endpoints from the injected variables', () => {
	type Call = {url: string; method: string; headers: Record<string, string>; body: string | undefined};
	const fakeFetch = (answers: Array<{status: number; body: unknown; headers?: Record<string, string>}>) => {
		const calls: Call[] = [];
		const fetch = (async (input: URL | string, init: RequestInit = {}) => {
			calls.push({
				url: String(input),
				method: init.method ?? 'GET',
				headers: Object.fromEntries(new Headers(init.headers)),
				body: init.body === undefined ? undefined : String(init.body),
			});
			const answer = answers.shift()!;
			return new Response(JSON.stringify(answer.body), {status: answer.status, headers: answer.headers});
		}) as typeof globalThis.fetch;
		return {fetch, calls};
	};

	const files = {
		readText: async (file: string) => (file === '/var/opt/azcmagent/tokens/x.key' ? 'arc-secret\n' : undefined),
	};
	const ok = {access_token: 'header.payload.signature', expires_on: '1780000000'};
	const request = (env: Record<string, string>, fetch: typeof globalThis.fetch, probe = false) =>
		managedIdentityToken({
			env,
			fetch,
			files,
			resource: 'https://management.core.windows.net/',
			signal: AbortSignal.timeout(5000),
			probe,
		});

	test('App Service: IDENTITY_ENDPOINT with the X-IDENTITY-HEADER, api-version 2019-08-01, client_id', async () => {
		const {fetch, calls} = fakeFetch([{status: 200, body: ok}]);
		const token = await request(
			{IDENTITY_ENDPOINT: 'http://localhost:8081/msi/token', IDENTITY_HEADER: 'h', AZURE_CLIENT_ID: 'c'},
			fetch,
		);
		expect(token.expiresOn).toBe(1_780_000_000_000);
		expect(calls[0]?.url).toBe(
			'http://localhost:8081/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fmanagement.core.windows.net%2F&client_id=c',
		);
		expect(calls[0]?.headers['x-identity-header']).toBe('h');
	});

	test('Azure Arc: the 401 names a secret file whose content goes back as Basic credentials', async () => {
		const {fetch, calls} = fakeFetch([
			{status: 401, body: {}, headers: {'www-authenticate': 'Basic realm=/var/opt/azcmagent/tokens/x.key'}},
			{status: 200, body: ok},
		]);
		await request(
			{IDENTITY_ENDPOINT: 'http://localhost:40342/metadata/identity/oauth2/token', IMDS_ENDPOINT: 'x'},
			fetch,
		);
		expect(calls[1]?.headers.authorization).toBe('Basic arc-secret');
		expect(calls[1]?.url).toContain('api-version=2020-06-01');
	});

	test("Azure Arc: a secret file outside the agent's tokens folder, or not a .key file, is neither read nor sent", async () => {
		for (const realm of [
			'/home/dev/.azure/msal_token_cache.json',
			'/var/opt/azcmagent/tokens/../../../../home/dev/.ssh/id_rsa.key',
			'/var/opt/azcmagent/tokens/x.txt',
		]) {
			const read: string[] = [];
			const {fetch, calls} = fakeFetch([
				{status: 401, body: {}, headers: {'www-authenticate': `Basic realm=${realm}`}},
				{status: 200, body: ok},
			]);
			await expect(
				managedIdentityToken({
					env: {IDENTITY_ENDPOINT: 'http://localhost:40342/metadata/identity/oauth2/token', IMDS_ENDPOINT: 'x'},
					fetch,
					files: {
						readText: async (file: string) => {
							read.push(file);
							return 'local secret';
						},
					},
					resource: 'https://management.core.windows.net/',
					signal: AbortSignal.timeout(5000),
					probe: false,
				}),
			).rejects.toMatchObject({code: 'failed', message: expect.stringContaining('not read')});
			expect(read).toEqual([]);
			expect(calls).toHaveLength(1);
		}
	});

	test('Cloud Shell posts a form; Machine Learning sends its secret', async () => {
		const cloudShell = fakeFetch([{status: 200, body: ok}]);
		await request({MSI_ENDPOINT: 'http://localhost:50342/oauth2/token'}, cloudShell.fetch);
		expect(cloudShell.calls[0]).toMatchObject({
			method: 'POST',
			body: 'resource=https%3A%2F%2Fmanagement.core.windows.net%2F',
		});
		const ml = fakeFetch([{status: 200, body: ok}]);
		await request({MSI_ENDPOINT: 'http://127.0.0.1:46808/', MSI_SECRET: 's'}, ml.fetch);
		expect(ml.calls[0]?.headers.secret).toBe('s');
	});

	test('IMDS: nothing answering is "unavailable" while probing, a failure otherwise; an error body is shown', async () => {
		const refusing = (async () => {
			throw new TypeError('fetch failed', {cause: Object.assign(new Error('connect'), {code: 'EHOSTUNREACH'})});
		}) as typeof globalThis.fetch;
		await expect(request({}, refusing, true)).rejects.toMatchObject({code: 'unavailable'});
		await expect(request({}, refusing, false)).rejects.toMatchObject({code: 'failed'});
		const {fetch, calls} = fakeFetch([
			{status: 400, body: {error: 'invalid_request', error_description: 'Identity not found'}},
		]);
		await expect(request({AZURE_POD_IDENTITY_AUTHORITY_HOST: 'http://10.0.0.1'}, fetch)).rejects.toMatchObject({
			code: 'failed',
			message: 'ManagedIdentityCredential (IMDS at http://10.0.0.1) answered 400: Identity not found',
		});
		expect(calls[0]?.headers.metadata).toBe('true');
		// Probing, an answer that is not a token (another cloud's metadata service) lets the chain move on.
		const other = fakeFetch([{status: 404, body: {message: 'Not Found'}}]);
		await expect(request({}, other.fetch, true)).rejects.toMatchObject({code: 'unavailable'});
	});
});

describe('signature checks stay inside the cloud', () => {
	test.each([
		['https://login.microsoftonline.com', '2.0', true],
		['https://sts.windows.net', '1.0', true],
		['https://login.chinacloudapi.cn', '2.0', false],
		['https://evil.example', '2.0', false],
	] as const)('issuer %s (v%s): keys fetched %s', async (host, version, fetched) => {
		const {token} = await mintToken({version, issuer: host});
		const calls: string[] = [];
		const http = createHttp({
			cloud: builtInClouds[0]!,
			timeoutMs: 1000,
			fetch: async url => {
				calls.push(String(url));
				return new Response('{}', {status: 404});
			},
		});
		const result = await http.verifySignature(createAccessToken(token));
		expect(result.verified).toBeNull();
		expect(calls.length > 0).toBe(fetched);
		if (fetched)
			expect(calls[0]).toMatch(
				/^https:\/\/login\.microsoftonline\.com\/[^/]+\/(v2\.0\/)?\.well-known\/openid-configuration$/,
			);
		expect(result.unreachable === true).toBe(fetched);
	});
});

describe('Azure RBAC through ARM', () => {
	const scope = '/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/rg-app';
	const assignment = {
		properties: {
			roleDefinitionId:
				'/subscriptions/33333333-3333-3333-3333-333333333333/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
			principalId: 'AAAAAAAA-1111-0000-0000-000000000001',
			principalType: 'ServicePrincipal',
			scope: '/subscriptions/33333333-3333-3333-3333-333333333333',
			condition: null,
			createdOn: '2026-06-01T11:00:00.0000000Z',
		},
		id: '/subscriptions/33333333-3333-3333-3333-333333333333/providers/Microsoft.Authorization/roleAssignments/r-1',
		type: 'Microsoft.Authorization/roleAssignments',
		name: 'r-1',
	};

	test('role assignments: the filter as given, the token in the header, pages followed on ARM only', async () => {
		const calls: Array<{url: string; authorization: string | null}> = [];
		const http = createHttp({
			cloud: builtInClouds[0]!,
			timeoutMs: 1000,
			fetch: async (url, init) => {
				calls.push({url: String(url), authorization: new Headers(init?.headers).get('authorization')});
				const page =
					calls.length === 1
						? {value: [assignment], nextLink: 'https://management.azure.com/next?page=2'}
						: {value: [assignment]};
				return new Response(JSON.stringify(page), {status: 200});
			},
		});
		const found = await http.listRoleAssignments(
			scope,
			createAccessToken('header.payload.signature'),
			"atScope() and assignedTo('p-1')",
		);
		expect(found).toEqual([
			{
				id: assignment.id,
				roleDefinitionId: assignment.properties.roleDefinitionId,
				principalId: 'aaaaaaaa-1111-0000-0000-000000000001',
				principalType: 'ServicePrincipal',
				scope: '/subscriptions/33333333-3333-3333-3333-333333333333',
				createdOn: '2026-06-01T11:00:00.0000000Z',
			},
			expect.objectContaining({id: assignment.id}),
		]);
		expect(calls[0]?.url).toBe(
			`https://management.azure.com${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&%24filter=atScope%28%29+and+assignedTo%28%27p-1%27%29`,
		);
		expect(calls.every(call => call.authorization === 'Bearer header.payload.signature')).toBe(true);

		const offHost = createHttp({
			cloud: builtInClouds[0]!,
			timeoutMs: 1000,
			fetch: async () =>
				new Response(JSON.stringify({value: [], nextLink: 'https://evil.example/steal'}), {status: 200}),
		});
		await expect(offHost.listRoleAssignments(scope, createAccessToken('t'), undefined)).rejects.toMatchObject({
			code: 'refused',
		});
	});

	test("a refusal is an http AdapterError with ARM's status and code; a role definition id is validated first", async () => {
		const calls: string[] = [];
		const http = createHttp({
			cloud: builtInClouds[0]!,
			timeoutMs: 1000,
			fetch: async url => {
				calls.push(String(url));
				return new Response(JSON.stringify({error: {code: 'AuthorizationFailed', message: 'The client …'}}), {
					status: 403,
				});
			},
		});
		await expect(http.listDenyAssignments(scope, createAccessToken('t'), 'atScope()')).rejects.toMatchObject({
			code: 'http',
			status: 403,
			detail: 'AuthorizationFailed',
		});
		await expect(http.getRoleDefinition('/../../evil', createAccessToken('t'))).rejects.toMatchObject({
			code: 'invalid-argument',
		});
		expect(calls).toHaveLength(1);
	});
});

describe('local files', () => {
	const files = () => createServices({env: {}, cloud: builtInClouds[0]!, clock: {now: () => 0}, timeoutMs: 1000}).files;

	test('readText reads a small file, says undefined for a missing one, and never reads past its bound', async () => {
		const folder = await mkdtemp(path.join(tmpdir(), 'authfix-files-'));
		try {
			const token = path.join(folder, 'token');
			await writeFile(token, 'assertion\n');
			await expect(files().readText(token, 64)).resolves.toBe('assertion\n');
			await expect(files().readText(token, 9)).rejects.toMatchObject({
				code: 'failed',
				message: `${token} is larger than 9 bytes`,
			});
			await expect(files().readText(path.join(folder, 'missing'), 64)).resolves.toBeUndefined();
			// An endless file (a misconfigured AZURE_FEDERATED_TOKEN_FILE) ends at the bound, not in memory exhaustion.
			await expect(files().readText('/dev/zero', 4096)).rejects.toMatchObject({
				message: '/dev/zero is larger than 4096 bytes',
			});
		} finally {
			await rm(folder, {recursive: true, force: true});
		}
	});
});
