import {describe, expect, test} from 'vitest';
import {
	account,
	appId,
	fakeServices,
	now,
	subscriptionA,
	subscriptionB,
	tenantA,
	tenantB,
	tokenResult,
} from '../../test/fakes/services.ts';
import {audiences, mintToken} from '../../test/support/mint.ts';
import {matchRecords} from '../credentials/subjects.ts';
import {decodeToken} from '../ports/access-token.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {Services, TokenResult} from '../ports/services.ts';
import type {SubscriptionId, TenantId} from '../target/ids.ts';
import type {RequestUrl, ResourceUri} from '../target/resource.ts';
import type {Target} from '../target/target.ts';
import {decodeJwt} from '../token/jwt.ts';
import {entraIssuerTenant} from './federated-credential.ts';
import {defaultCheckIds, runChecks} from './run-checks.ts';
import {lookupSubscriptionTenant, parseAuthorizationUri} from './tenant-lookup.ts';

type MintOptions = Parameters<typeof mintToken>[0];

/** Tokens per tenant, minted at test time: each from its own tenant, for ARM, valid unless told. */
function tokensBy(perTenant: Record<string, MintOptions> = {}, refuse: readonly string[] = []) {
	return async (request: {resource: string; tenantId?: string}): Promise<TokenResult> => {
		const tenant = request.tenantId ?? tenantA;
		if (refuse.includes(tenant)) {
			throw new AdapterError(
				'failed',
				`AADSTS700016: Application with identifier '${appId}' was not found in the directory '${tenant}'.`,
			);
		}

		const minted = await mintToken({
			version: '1.0',
			identity: 'app',
			audience: request.resource,
			tenantId: tenant,
			clientId: appId,
			now,
			...perTenant[tenant],
		});
		return tokenResult(minted.token, tenant);
	};
}

const byId = (findings: Awaited<ReturnType<typeof runChecks>>) =>
	Object.fromEntries(findings.map(finding => [finding.id, finding]));
const allIds = defaultCheckIds;

describe('runChecks on in-memory services', () => {
	test('a healthy context passes every check that applies and skips the rest', async () => {
		const issued: string[] = [];
		const mint = tokensBy();
		const services = fakeServices({
			tokens: async request => {
				const result = await mint(request);
				issued.push(result.token.reveal());
				return result;
			},
		});
		const findings = byId(await runChecks(allIds, {credential: 'cli', auxTenants: []}, services, {timeoutMs: 5000}));
		for (const id of [
			'cli-context',
			'credential-source',
			'subscription-tenant',
			'fresh-token',
			'token-tenant',
			'token-audience',
			'token-expiry',
			'token-signature',
		]) {
			expect(findings[id]?.status, `${id}: ${findings[id]?.detail}`).toBe('pass');
		}

		expect(findings['aux-tokens']?.status).toBe('skip');
		expect(findings['federated-credential']?.status).toBe('skip');
		expect(findings['subscription-tenant']?.facts?.tenantId).toBe(tenantA);
		// No token ever appears in a finding: only its fingerprint.
		const text = JSON.stringify(findings);
		expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/);
		// The fingerprint is the one `decode` shows for one of the tokens the credential issued.
		const shown = findings['fresh-token']?.facts?.fingerprint;
		expect(shown).toMatch(/^sha256:[0-9a-f]{8}$/);
		expect(issued.map(token => decodeJwt(token).fingerprint)).toContain(shown);
	});

	test('a token from the home tenant for a subscription of another tenant fails token-tenant with the tenant to use', async () => {
		const services = fakeServices({tokens: tokensBy()});
		const findings = byId(
			await runChecks(allIds, {subscriptionId: subscriptionB, credential: 'cli', auxTenants: []}, services, {
				timeoutMs: 5000,
			}),
		);
		expect(findings['token-tenant']).toMatchObject({
			status: 'fail',
			facts: {tid: tenantA, tokenTenant: tenantA, subscriptionTenant: tenantB},
		});
		expect(findings['token-tenant']?.detail).toContain('InvalidAuthenticationTokenTenant');
		expect(findings['token-tenant']?.fix?.command).toBe(
			`az account get-access-token --tenant ${tenantB} --resource https://management.core.windows.net/`,
		);
		expect(findings['cli-context']).toMatchObject({status: 'warn'});
		expect(findings['cli-context']?.fix?.command).toContain(`--tenant ${tenantB}`);
		expect(findings['fresh-token']).toMatchObject({status: 'pass'});
	});

	test('when no token can be had from the right tenant, the fix is to sign the service principal in there', async () => {
		const services = fakeServices({tokens: tokensBy({}, [tenantB])});
		const findings = byId(
			await runChecks(
				['token-tenant', 'fresh-token'],
				{subscriptionId: subscriptionB, credential: 'cli', auxTenants: []},
				services,
				{timeoutMs: 5000},
			),
		);
		expect(findings['token-tenant']?.fix?.command).toBe(
			`az login --service-principal --username ${appId} --tenant ${tenantB} --password "$AZURE_CLIENT_SECRET"`,
		);
		expect(findings['fresh-token']).toMatchObject({status: 'fail', facts: {code: 'AADSTS700016'}});
		expect(findings['fresh-token']?.fix?.command).toBe('authfix explain AADSTS700016');
	});

	test('a Graph token sent to ARM fails token-audience and names the ARM audience', async () => {
		const services = fakeServices({tokens: tokensBy()});
		const [finding] = await runChecks(
			['token-audience'],
			{resource: audiences.graph as ResourceUri, credential: 'cli', auxTenants: []},
			services,
			{timeoutMs: 5000},
		);
		expect(finding).toMatchObject({
			status: 'fail',
			facts: {aud: audiences.graph, expectedAudience: 'https://management.core.windows.net/'},
		});
		expect(finding?.detail).toContain('InvalidAuthenticationTokenAudience');
		expect(finding?.fix?.command).toBe('az account get-access-token --resource https://management.core.windows.net/');
	});

	test.each([
		['https://management.core.windows.net/', 'pass'],
		['https://management.core.windows.net', 'pass'],
		['https://management.azure.com', 'pass'],
		['https://management.azure.com/', 'pass'],
		['797f4846-ba00-4fd7-ba43-dac1f8f63013', 'fail'],
		['https://vault.azure.net', 'fail'],
	])('ARM audience %s → %s', async (audience, status) => {
		const services = fakeServices({tokens: tokensBy({[tenantA]: {audience}})});
		const [finding] = await runChecks(['token-audience'], {credential: 'cli', auxTenants: []}, services, {
			timeoutMs: 5000,
		});
		expect(finding?.status, finding?.detail).toBe(status);
		if (audience.startsWith('797f')) expect(finding?.detail).toContain('GUID form');
	});

	test('a token born expired (issuer clock two hours behind) is reported as clock skew', async () => {
		const services = fakeServices({
			tokens: tokensBy({[tenantA]: {issuedAtIn: -7200, notBeforeIn: -7200, expiresIn: -3600}}),
		});
		const [finding] = await runChecks(['token-expiry'], {credential: 'cli', auxTenants: []}, services, {
			timeoutMs: 5000,
		});
		expect(finding).toMatchObject({status: 'fail', facts: {skew: '2.0 h'}});
		expect(finding?.detail).toContain('ExpiredAuthenticationToken');
		expect(finding?.detail).toContain('behind');
		expect(finding?.fix?.command).toContain('timedatectl');
	});

	test('a token issued in the future is clock skew; a nearly expired one is a warning', async () => {
		const future = fakeServices({
			tokens: tokensBy({[tenantA]: {issuedAtIn: 1800, notBeforeIn: 1800, expiresIn: 5400}}),
		});
		expect(
			(await runChecks(['token-expiry'], {credential: 'cli', auxTenants: []}, future, {timeoutMs: 5000}))[0],
		).toMatchObject({status: 'fail'});
		const soon = fakeServices({tokens: tokensBy({[tenantA]: {expiresIn: 120}})});
		expect(
			(await runChecks(['token-expiry'], {credential: 'cli', auxTenants: []}, soon, {timeoutMs: 5000}))[0],
		).toMatchObject({status: 'warn'});
	});

	test('aux-tokens: an expired token from the linked tenant is named; more than three tenants are refused', async () => {
		const services = fakeServices({
			tokens: tokensBy({[tenantB]: {issuedAtIn: -7200, notBeforeIn: -7200, expiresIn: -3600}}),
		});
		const [expired] = await runChecks(['aux-tokens'], {credential: 'cli', auxTenants: [tenantB]}, services, {
			timeoutMs: 5000,
		});
		expect(expired).toMatchObject({status: 'fail'});
		expect(expired?.detail).toContain(`from tenant ${tenantB}`);
		expect(expired?.detail).toContain('401');
		const tooMany = ['a', 'b', 'c', 'd'].map(letter => `${letter.repeat(8)}-0000-0000-0000-000000000000` as TenantId);
		const [refused] = await runChecks(['aux-tokens'], {credential: 'cli', auxTenants: tooMany}, services, {
			timeoutMs: 5000,
		});
		expect(refused).toMatchObject({status: 'fail'});
		expect(refused?.detail).toContain('at most 3');
		const good = fakeServices({tokens: tokensBy()});
		expect(
			(await runChecks(['aux-tokens'], {credential: 'cli', auxTenants: [tenantB]}, good, {timeoutMs: 5000}))[0],
		).toMatchObject({status: 'pass'});
	});

	test('a profile that files the subscription under the wrong tenant fails cli-context and cache-state with a purge fix', async () => {
		const base = fakeServices({tokens: tokensBy()});
		const services = fakeServices({
			tokens: tokensBy(),
			overrides: {
				azureCli: {
					...base.azureCli,
					accountShow: async () => ({
						...account,
						subscriptionId: subscriptionB,
						tenantId: tenantA,
						homeTenantId: tenantA,
					}),
				},
				azureCliFiles: {
					...base.azureCliFiles,
					readProfile: async () => [
						{
							id: subscriptionB,
							name: 'Sub B',
							tenantId: tenantA,
							homeTenantId: tenantA,
							environmentName: 'AzureCloud',
							isDefault: true,
							userName: appId,
							userType: 'servicePrincipal',
						},
					],
				},
			},
		});
		const findings = byId(
			await runChecks(['cli-context', 'cache-state', 'token-tenant'], {credential: 'cli', auxTenants: []}, services, {
				timeoutMs: 5000,
			}),
		);
		expect(findings['cli-context']).toMatchObject({
			status: 'fail',
			facts: {tokenTenant: tenantA, subscriptionTenant: tenantB},
		});
		expect(findings['cli-context']?.fix?.command).toContain(`authfix cache purge --tenant ${tenantA} --yes`);
		expect(findings['cache-state']).toMatchObject({status: 'fail', facts: {tokenTenant: tenantA}});
		expect(findings['token-tenant']).toMatchObject({status: 'fail'});
	});

	test('an unknown subscription fails subscription-tenant; no subscription at all skips it', async () => {
		const services = fakeServices({tokens: tokensBy()});
		const [unknown] = await runChecks(
			['subscription-tenant'],
			{subscriptionId: '55555555-5555-5555-5555-555555555555' as SubscriptionId, credential: 'cli', auxTenants: []},
			services,
			{timeoutMs: 5000},
		);
		expect(unknown).toMatchObject({status: 'fail'});
		expect(unknown?.detail).toContain('SubscriptionNotFound');
		const env = fakeServices({tokens: tokensBy()});
		const [none] = await runChecks(['subscription-tenant'], {credential: 'env', auxTenants: []}, env, {
			timeoutMs: 5000,
		});
		expect(none).toMatchObject({status: 'skip'});
	});

	test('a hung adapter ends as an error finding within the timeout; a throwing one as an error that says why', async () => {
		const base = fakeServices({tokens: tokensBy()});
		const hung = fakeServices({
			tokens: () => new Promise(() => {}),
			overrides: {azureCli: {...base.azureCli, accountShow: () => new Promise(() => {})}},
		});
		const findings = await runChecks(['cli-context', 'fresh-token'], {credential: 'cli', auxTenants: []}, hung, {
			timeoutMs: 300,
		});
		expect(findings.map(finding => finding.status)).toEqual(['error', 'error']);
		expect(findings[0]?.detail).toContain('did not finish within 0.3 s');

		const throwing = fakeServices({
			tokens: tokensBy(),
			overrides: {
				credentials: {
					...base.credentials,
					availability: () => {
						throw new Error('boom');
					},
				},
			},
		});
		const [error] = await runChecks(['credential-source'], {credential: 'cli', auxTenants: []}, throwing, {
			timeoutMs: 1000,
		});
		expect(error).toMatchObject({status: 'error', id: 'credential-source'});
		expect(error?.detail).toContain('boom');
	});

	test('credential-source follows AZURE_TOKEN_CREDENTIALS: it moves the default pick, and a bad value fails', async () => {
		const {credentialAvailability} = await import('../credentials/availability.ts');
		const withEnv = (env: Record<string, string>) => {
			const base = fakeServices({tokens: tokensBy()});
			return fakeServices({
				tokens: tokensBy(),
				overrides: {env, credentials: {...base.credentials, availability: () => credentialAvailability(env)}},
			});
		};

		const secret = {AZURE_TENANT_ID: tenantA, AZURE_CLIENT_ID: appId, AZURE_CLIENT_SECRET: 'x'};
		const [pinned] = await runChecks(
			['credential-source'],
			{credential: 'cli', auxTenants: []},
			withEnv({...secret, AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential'}),
			{timeoutMs: 1000},
		);
		expect(pinned).toMatchObject({status: 'pass', facts: {defaultPick: 'AzureCliCredential'}});
		const [unpinned] = await runChecks(['credential-source'], {credential: 'cli', auxTenants: []}, withEnv(secret), {
			timeoutMs: 1000,
		});
		expect(unpinned).toMatchObject({
			status: 'warn',
			fix: {command: 'export AZURE_TOKEN_CREDENTIALS=AzureCliCredential'},
		});
		const [invalid] = await runChecks(
			['credential-source'],
			{credential: 'default', auxTenants: []},
			withEnv({AZURE_TOKEN_CREDENTIALS: 'browser'}),
			{timeoutMs: 1000},
		);
		expect(invalid).toMatchObject({status: 'fail', fix: {command: 'unset AZURE_TOKEN_CREDENTIALS'}});
		// A half-configured EnvironmentCredential is named even though the chain moves past it.
		const [half] = await runChecks(
			['credential-source'],
			{credential: 'default', auxTenants: []},
			withEnv({AZURE_TENANT_ID: tenantA, AZURE_CLIENT_ID: appId}),
			{timeoutMs: 1000},
		);
		expect(half).toMatchObject({status: 'warn', facts: {defaultPick: 'AzureCliCredential'}});
		expect(half?.detail).toContain(
			'EnvironmentCredential is half configured: AZURE_TENANT_ID and AZURE_CLIENT_ID are set',
		);
	});

	test('subscription-tenant: ARM refusing the read with 403 fails with the role to grant; with 401 it defers to the token checks', async () => {
		const reading = async (status: number, code: string) => {
			const base = fakeServices({tokens: tokensBy()});
			const services = fakeServices({
				tokens: tokensBy(),
				overrides: {
					http: {
						...base.http,
						getSubscription: async () => {
							throw new AdapterError('http', `ARM answered ${status} ${code}: no`, code, status);
						},
					},
				},
			});
			const [finding] = await runChecks(
				['subscription-tenant'],
				{subscriptionId: subscriptionA, credential: 'cli', auxTenants: []},
				services,
				{timeoutMs: 5000},
			);
			return finding!;
		};

		const forbidden = await reading(403, 'AuthorizationFailed');
		expect(forbidden.status).toBe('fail');
		expect(forbidden.fix?.command).toMatch(
			new RegExp(
				`^az role assignment create --assignee-object-id \\S+ --assignee-principal-type ServicePrincipal --role Reader --scope /subscriptions/${subscriptionA}$`,
			),
		);
		const refused = await reading(401, 'InvalidAuthenticationToken');
		expect(refused.status).toBe('warn');
		expect(refused.detail).toContain('see the token checks');
		const other = await reading(404, 'SubscriptionNotFound');
		expect(other.status).toBe('fail');
		expect(other.fix).toBeUndefined();
	});

	test("token-signature: a bad signature fails, another cloud's issuer is skipped, unreachable keys are an error", async () => {
		const signature = async (verify: Services['http']['verifySignature']) => {
			const base = fakeServices({tokens: tokensBy()});
			const services = fakeServices({tokens: tokensBy(), overrides: {http: {...base.http, verifySignature: verify}}});
			const [finding] = await runChecks(['token-signature'], {credential: 'cli', auxTenants: []}, services, {
				timeoutMs: 5000,
			});
			return finding!;
		};

		const forged = await signature(async () => ({
			verified: false,
			reason: 'the issuer publishes no key with this kid',
		}));
		expect(forged).toMatchObject({
			status: 'fail',
			fix: {text: 'Discard this token and get a fresh one from the issuer.'},
		});
		expect(forged.detail).toContain('the issuer publishes no key with this kid');
		const elsewhere = await signature(async token => ({
			verified: null,
			reason: `the issuer ${String(decodeToken(token)?.claims.iss)} is not an authority of AzureCloud`,
		}));
		expect(elsewhere.status).toBe('skip');
		expect(elsewhere.detail).toMatch(
			/^Not verifiable here: the issuer https:\/\/\S+ is not an authority of AzureCloud\.$/,
		);
		const unreachable = await signature(async () => ({
			verified: null,
			reason:
				"could not read the issuer's keys from https://login.microsoftonline.com/common/discovery/v2.0/keys: timed out after 2 s",
			unreachable: true,
		}));
		expect(unreachable).toMatchObject({status: 'error'});
		expect(unreachable.detail).toBe(
			"Could not fetch the issuer's keys: could not read the issuer's keys from https://login.microsoftonline.com/common/discovery/v2.0/keys: timed out after 2 s.",
		);
	});

	test('cancelling the run ends every check as cancelled', async () => {
		const hung = fakeServices({tokens: () => new Promise(() => {})});
		const controller = new AbortController();
		const pending = runChecks(['fresh-token'], {credential: 'cli', auxTenants: []}, hung, {
			timeoutMs: 10_000,
			signal: controller.signal,
		});
		controller.abort();
		expect((await pending)[0]).toMatchObject({status: 'error', detail: 'The check was cancelled.'});
	});
});

describe('federated credentials', () => {
	test('an Entra-issued assertion for an app in another tenant is the AADSTS700236 situation, with the working path', async () => {
		const assertion = await mintToken({
			version: '2.0',
			identity: 'app',
			audience: 'api://AzureADTokenExchange',
			tenantId: tenantA,
			now,
			claims: {sub: 'cccccccc-1111-0000-0000-000000000001'},
		});
		const services = fakeServices({
			tokens: tokensBy(),
			overrides: {
				env: {
					AZURE_FEDERATED_TOKEN_FILE: '/var/run/token',
					AZURE_CLIENT_ID: 'aaaaaaaa-0000-0000-0000-000000000004',
					AZURE_TENANT_ID: tenantB,
				},
				files: {readText: async () => assertion.token},
			},
		});
		const [finding] = await runChecks(
			['federated-credential'],
			{credential: 'workload-identity', auxTenants: []},
			services,
			{timeoutMs: 5000},
		);
		expect(finding).toMatchObject({status: 'fail', facts: {code: 'AADSTS700236', issuerTenantId: tenantA}});
		expect(finding?.fix?.text).toContain(`multi-tenant app registered in tenant ${tenantA}`);
		expect(JSON.stringify(finding)).not.toContain(assertion.token);
	});

	/** Graph per tenant (the bearer names the tenant here): the apps, their records, service principals. */
	async function crossTenantFinding(graph: {
		apps: Array<{appId: string; displayName: string; signInAudience: string; records?: unknown[]}>;
		principals?: Record<string, string>;
	}) {
		const assertion = await mintToken({
			version: '2.0',
			identity: 'app',
			audience: 'api://AzureADTokenExchange',
			tenantId: tenantA,
			now,
			claims: {sub: 'cccccccc-1111-0000-0000-000000000001'},
		});
		const requests: string[] = [];
		const tokenRequests: string[] = [];
		const services = fakeServices({
			tokens: async request => {
				tokenRequests.push(request.tenantId ?? 'none');
				return tokenResult(`graph-${request.tenantId ?? 'none'}`, request.tenantId);
			},
			overrides: {
				env: {
					AZURE_FEDERATED_TOKEN_FILE: '/var/run/token',
					AZURE_CLIENT_ID: 'aaaaaaaa-0000-0000-0000-000000000004',
					AZURE_TENANT_ID: tenantB,
				},
				files: {readText: async () => assertion.token},
				http: {
					...fakeServices({tokens: tokensBy()}).http,
					send: async request => {
						const tenant = String(request.headers?.['authorization'] ?? '').replace('Bearer graph-', '');
						const path = request.url.replace(/^.*\/v1\.0\//, '');
						requests.push(`${tenant} ${path}`);
						const json = (status: number, body: unknown) => ({status, headers: {}, body: JSON.stringify(body)});
						if (tenant === tenantA && path.startsWith('applications?')) return json(200, {value: graph.apps});
						const records = /^applications\(appId='([^']+)'\)\/federatedIdentityCredentials$/.exec(path);
						const app = graph.apps.find(candidate => candidate.appId === records?.[1]);
						if (tenant === tenantA && app) return json(200, {value: app.records ?? []});
						const principal = /^servicePrincipals\(appId='([^']+)'\)$/.exec(path);
						const objectId = principal && tenant === tenantB ? graph.principals?.[principal[1]!] : undefined;
						if (objectId) return json(200, {id: objectId, appId: principal?.[1]});
						return json(404, {error: {code: 'Request_ResourceNotFound'}});
					},
				},
			},
		});
		const [finding] = await runChecks(
			['federated-credential'],
			{credential: 'workload-identity', auxTenants: []},
			services,
			{timeoutMs: 5000},
		);
		return {finding, requests, assertion, tokenRequests};
	}

	const multi = (appId: string, records?: unknown[]) => ({
		appId,
		displayName: `multi-${appId.slice(-1)}`,
		signInAudience: 'AzureADMultipleOrgs',
		...(records ? {records} : {}),
	});
	const trusting = {
		name: 'identity',
		issuer: `https://login.microsoftonline.com/${tenantA}/v2.0`,
		subject: 'cccccccc-1111-0000-0000-000000000001',
		audiences: ['api://AzureADTokenExchange'],
	};

	test('AADSTS700236: the home tenant app that already trusts the identity, and its service principal in the target tenant', async () => {
		const {finding, assertion, tokenRequests} = await crossTenantFinding({
			apps: [
				{appId: 'aaaaaaaa-0000-0000-0000-000000000009', displayName: 'single', signInAudience: 'AzureADMyOrg'},
				multi('aaaaaaaa-0000-0000-0000-000000000006'),
				multi('aaaaaaaa-0000-0000-0000-000000000005', [trusting]),
			],
			principals: {'aaaaaaaa-0000-0000-0000-000000000005': 'dddddddd-2222-0000-0000-000000000005'},
		});
		expect(finding).toMatchObject({
			status: 'fail',
			facts: {
				code: 'AADSTS700236',
				identityTenantId: tenantA,
				identityObjectId: 'cccccccc-1111-0000-0000-000000000001',
				identityIssuer: `https://login.microsoftonline.com/${tenantA}/v2.0`,
				targetAppId: 'aaaaaaaa-0000-0000-0000-000000000004',
				targetTenantId: tenantB,
				homeAppId: 'aaaaaaaa-0000-0000-0000-000000000005',
				homeAppFederated: 'yes',
				homeAppConsented: 'yes',
				homeAppPrincipalId: 'dddddddd-2222-0000-0000-000000000005',
			},
		});
		expect(finding?.detail).toContain('already trusts this identity');
		// One Azure CLI token per tenant, however many Graph reads.
		expect(tokenRequests.toSorted()).toEqual([tenantA, tenantB]);
		expect(JSON.stringify(finding)).not.toContain(assertion.token);
	});

	test('AADSTS700236: the only multi-tenant app, not yet trusted nor consented to, is the working path', async () => {
		const {finding} = await crossTenantFinding({apps: [multi('aaaaaaaa-0000-0000-0000-000000000005')]});
		expect(finding?.facts).toMatchObject({
			homeAppId: 'aaaaaaaa-0000-0000-0000-000000000005',
			homeAppFederated: 'no',
			homeAppConsented: 'no',
		});
		expect(finding?.facts?.['homeAppPrincipalId']).toBeUndefined();
		expect(finding?.detail).toContain(`tenant ${tenantB} has no service principal for it yet`);
	});

	test('AADSTS700236: several untrusted multi-tenant apps: no app is chosen for the user', async () => {
		const {finding, requests} = await crossTenantFinding({
			apps: [multi('aaaaaaaa-0000-0000-0000-000000000005'), multi('aaaaaaaa-0000-0000-0000-000000000006')],
		});
		expect(finding?.facts?.['homeAppId']).toBeUndefined();
		expect(finding?.facts).toMatchObject({
			homeAppFederated: 'no',
			homeAppCandidates: 'aaaaaaaa-0000-0000-0000-000000000005,aaaaaaaa-0000-0000-0000-000000000006',
		});
		expect(finding?.detail).toContain('choose the one to federate');
		expect(requests.some(request => request.includes('servicePrincipals'))).toBe(false);
	});

	test('AADSTS700236: no multi-tenant app in the home tenant: still the failure, with what to register', async () => {
		const {finding} = await crossTenantFinding({apps: []});
		expect(finding).toMatchObject({status: 'fail', facts: {code: 'AADSTS700236', homeAppFederated: 'no'}});
		expect(finding?.detail).toContain(`Tenant ${tenantA} has no multi-tenant app yet`);
	});

	test('records match exactly and case-sensitively', () => {
		const record = {
			name: 'main',
			issuer: 'https://token.actions.githubusercontent.com',
			subject: 'repo:Contoso/App:ref:refs/heads/main',
			audiences: ['api://AzureADTokenExchange'],
		};
		const assertion = {iss: record.issuer, sub: record.subject, aud: ['api://AzureADTokenExchange']};
		expect(matchRecords(assertion, [record]).kind).toBe('match');
		expect(matchRecords({...assertion, sub: 'repo:contoso/app:ref:refs/heads/main'}, [record]).kind).toBe('case-only');
		expect(matchRecords({...assertion, iss: `${record.issuer}/`}, [record]).kind).toBe('issuer');
		expect(matchRecords({...assertion, sub: 'repo:Contoso/App:pull_request'}, [record]).kind).toBe('subject');
		expect(matchRecords({...assertion, aud: ['other']}, [record]).kind).toBe('audience');
	});

	test('recognises Entra issuers of the cloud and of sts.windows.net only', () => {
		expect(
			entraIssuerTenant(`https://login.microsoftonline.com/${tenantA}/v2.0`, 'https://login.microsoftonline.com'),
		).toBe(tenantA);
		expect(entraIssuerTenant(`https://sts.windows.net/${tenantA}/`, 'https://login.microsoftonline.com')).toBe(tenantA);
		expect(
			entraIssuerTenant('https://token.actions.githubusercontent.com', 'https://login.microsoftonline.com'),
		).toBeUndefined();
	});
});

describe('WWW-Authenticate', () => {
	test.each([
		[`Bearer authorization_uri="https://login.windows.net/${tenantA}", error="invalid_token"`, tenantA],
		[`Bearer realm="", authorization_uri="https://127.0.0.1:4443/${tenantB.toUpperCase()}"`, tenantB],
		['Bearer authorization_uri="https://login.windows.net/"', undefined],
		['Bearer realm=""', undefined],
		// Only a whole GUID is a tenant: anything around it would end up in the printed `az login --tenant …`.
		[`Bearer authorization_uri="https://login.windows.net/${tenantA};curl$IFS-s$IFS-k|sh"`, undefined],
		[`Bearer authorization_uri="https://login.windows.net/x${tenantA}"`, undefined],
	])('%s', (header, tenant) => {
		expect(parseAuthorizationUri(header)?.tenantId).toBe(tenant);
	});

	test('a 401 whose challenge names no tenant is an unknown subscription; without a challenge it is a failed lookup', async () => {
		const answering = (headers: Record<string, string>) =>
			fakeServices({
				tokens: tokensBy(),
				overrides: {
					http: {
						...fakeServices({tokens: tokensBy()}).http,
						send: async () => ({
							status: 401,
							headers,
							body: '{"error":{"code":"AuthenticationFailed","message":"Authentication failed."}}',
						}),
					},
				},
			});
		const unknown = answering({
			'www-authenticate': 'Bearer authorization_uri="https://login.windows.net/", error="invalid_token"',
		});
		expect(await lookupSubscriptionTenant(unknown.http, unknown.cloud, subscriptionA)).toEqual({
			kind: 'not-found',
			status: 401,
			errorCode: 'NoTenantInChallenge',
			message: `ARM's 401 challenge names no tenant for it (authorization_uri="https://login.windows.net/")`,
		});
		const silent = answering({});
		expect((await lookupSubscriptionTenant(silent.http, silent.cloud, subscriptionA)).kind).toBe('failed');
	});

	test('subscription ids are looked up in the cloud the services use', async () => {
		const services = fakeServices({tokens: tokensBy()});
		const [finding] = await runChecks(
			['subscription-tenant'],
			{subscriptionId: subscriptionA, credential: 'cli', auxTenants: []},
			services,
			{timeoutMs: 5000},
		);
		expect(finding).toMatchObject({
			status: 'pass',
			facts: {tenantId: tenantA, authority: `https://login.windows.net/${tenantA}`},
		});
	});
});

describe('cache-state', () => {
	test("names the tenants of the Azure CLI's cache and of @azure/identity's persistent cache", async () => {
		const base = fakeServices({tokens: tokensBy()});
		const services = fakeServices({
			tokens: tokensBy(),
			overrides: {
				azureCliFiles: {
					...base.azureCliFiles,
					readMsalCache: async () => ({
						accounts: [],
						accessTokens: [
							{
								clientId: appId,
								realm: tenantA,
								environment: 'login.microsoftonline.com',
								target: 'x',
								expiresOn: now - 1000,
								homeAccountId: '',
							},
							{
								clientId: appId,
								realm: tenantB,
								environment: 'login.microsoftonline.com',
								target: 'x',
								expiresOn: now + 1000,
								homeAccountId: '',
							},
						],
						refreshTokens: 0,
					}),
				},
				caches: {
					...base.caches,
					list: async () => [
						{
							path: '/home/u/.IdentityService/msal.cache.nocae',
							owner: 'azure-identity',
							what: 'x',
							bytes: 10,
							tenants: [tenantB],
							accounts: [],
						},
					],
				},
			},
		});
		const [finding] = await runChecks(['cache-state'], {credential: 'cli', auxTenants: []}, services, {
			timeoutMs: 5000,
		});
		expect(finding).toMatchObject({
			status: 'pass',
			facts: {
				tokenTenants: `${tenantA},${tenantB}`,
				expiredAccessTokens: '1',
				identityCacheTenants: tenantB,
				tenantsWithoutSubscription: tenantB,
			},
		});
		expect(finding?.detail).toContain(`@azure/identity's persistent cache holds tokens for ${tenantB}`);
	});
});

describe('token-audience for other APIs (--url)', () => {
	test('a token for the resource asked for passes; trailing slashes do not matter; another resource fails', async () => {
		const target: Target = {
			credential: 'cli',
			auxTenants: [],
			url: 'https://kv-contoso.vault.azure.net/secrets/x' as RequestUrl,
			resource: 'https://vault.azure.net' as ResourceUri,
		};
		const right = fakeServices({tokens: tokensBy({[tenantA]: {audience: 'https://vault.azure.net/'}})});
		expect((await runChecks(['token-audience'], target, right, {timeoutMs: 5000}))[0]).toMatchObject({status: 'pass'});
		const wrong = fakeServices({tokens: tokensBy({[tenantA]: {audience: 'https://storage.azure.com/'}})});
		const [finding] = await runChecks(['token-audience'], target, wrong, {timeoutMs: 5000});
		expect(finding).toMatchObject({status: 'fail', facts: {expectedAudience: 'https://vault.azure.net'}});
		expect(finding?.fix?.command).toBe('az account get-access-token --resource https://vault.azure.net');
	});
});
