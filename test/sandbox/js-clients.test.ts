import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type Sandbox, type SandboxEvent, startSandbox} from '../../source/sandbox/index.ts';
import {healthy} from '../../source/sandbox/scenarios/healthy.ts';
import {ids, subscriptionScope} from '../../source/sandbox/scenarios/ids.ts';
import {az, parseJson, registerSandboxCloud, run} from './helpers.ts';

const fixture = fileURLToPath(new URL('fixtures/js-clients.mjs', import.meta.url));
const managedIdentity = {
	name: 'web-identity',
	kind: 'user-assigned',
	tenantId: ids.tenantA,
	clientId: ids.buildIdentityClient,
	objectId: ids.buildIdentityObject,
	resourceId: `/subscriptions/${ids.subscriptionA}/resourceGroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-web`,
} as const;

type Outcome = {
	ok: boolean;
	value?: unknown;
	name?: string;
	code?: string;
	statusCode?: number;
	message?: string;
	wwwAuthenticate?: string;
};

/*
Real @azure/identity, the ARM SDK and jose run in a child process started with the sandbox's
environment: NODE_EXTRA_CA_CERTS (and the proxy variables) are read once at process start, so a
child is the one way to test what a user's process does, with no test-only TLS or HTTP plumbing.
*/
describe('real JS clients against the sandbox', () => {
	let stateDirectory: string;
	let sandbox: Sandbox;
	let results: Record<string, Outcome>;
	let fixtureInput: Record<string, unknown>;
	const events: SandboxEvent[] = [];

	beforeAll(async () => {
		stateDirectory = await mkdtemp(path.join(tmpdir(), 'authfix-sandbox-js-'));
		sandbox = await startSandbox({
			scenario: {
				...healthy,
				name: 'healthy-with-identity',
				managedIdentities: [managedIdentity],
				roleAssignments: [
					...healthy.roleAssignments,
					{principalId: managedIdentity.objectId, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)},
				],
			},
			stateDirectory,
			log: event => events.push(event),
		});
		const {register, set} = await registerSandboxCloud(sandbox);
		expect(register.code, register.stderr).toBe(0);
		expect(set.code, set.stderr).toBe(0);
		const signIn = await az(sandbox, [
			'login',
			'--service-principal',
			'-u',
			ids.ciApp,
			'-p',
			'sandbox-ci-app-secret-not-real',
			'--tenant',
			ids.tenantA,
		]);
		expect(signIn.code, signIn.stderr).toBe(0);
		fixtureInput = {
			authorityHost: sandbox.cloud.authorityHost,
			resourceManager: sandbox.cloud.resourceManager,
			tenantA: ids.tenantA,
			tenantB: ids.tenantB,
			subscriptionA: ids.subscriptionA,
			subscriptionB: ids.subscriptionB,
			clientId: ids.ciApp,
			secret: 'sandbox-ci-app-secret-not-real',
			assertionKey: 'sandbox-ci-app-assertion-key-not-real-0123456789',
			certificatePath: sandbox.identities.find(identity => identity.name === 'ci-app')?.certificatePath,
			managedIdentityClientId: managedIdentity.clientId,
			azureCli: true,
		};
		const child = await run(sandbox, process.execPath, [fixture], {
			...sandbox.managedIdentityEnv,
			SANDBOX_FIXTURE_INPUT: JSON.stringify(fixtureInput),
		});
		expect(child.code, child.stderr).toBe(0);
		results = parseJson(child.stdout) as Record<string, Outcome>;
	}, 120_000);

	afterAll(async () => {
		await sandbox?.stop();
		await rm(stateDirectory, {recursive: true, force: true});
	});

	test('ClientSecretCredential gets v1 ARM tokens for its home tenant and, per call, another tenant', () => {
		expect(results['clientSecret']).toEqual({
			ok: true,
			value: expect.objectContaining({
				tid: ids.tenantA,
				aud: 'https://management.core.windows.net/',
				appid: ids.ciApp,
				appidacr: '1',
				ver: '1.0',
				oid: ids.ciAppInA,
			}),
		});
		// ci-app is single-tenant in `healthy`: Entra refuses it in tenant B (AADSTS700016).
		expect(results['clientSecretOtherTenant']).toMatchObject({ok: false, name: 'AuthenticationRequiredError'});
		expect(results['clientSecretOtherTenant']?.message).toContain('AADSTS700016');
	});

	test('with instance discovery on, MSAL asks login.microsoftonline.com through the proxy, answered locally', () => {
		expect(results['clientSecretWithInstanceDiscovery']).toMatchObject({ok: true, value: {tid: ids.tenantA}});
		expect(events.some(event => event.message === 'CONNECT login.microsoftonline.com:443 answered locally')).toBe(true);
		expect(events.filter(event => event.kind === 'connect-refused')).toEqual([]);
	});

	test('a wrong secret fails with AADSTS7000215 in the real error shape', () => {
		const outcome = results['badSecret'];
		expect(outcome).toMatchObject({ok: false, name: 'AuthenticationRequiredError'});
		expect(outcome?.message).toMatch(
			/invalid_client: Error\(s\): 7000215 - Timestamp: .* - Description: AADSTS7000215: Invalid client secret provided\. .* - Correlation ID: [\da-f-]{36} - Trace ID: [\da-f-]{36}/,
		);
	});

	test('ClientAssertionCredential signs in with a signed assertion (appidacr 2)', () => {
		expect(results['clientAssertion']).toMatchObject({
			ok: true,
			value: {tid: ids.tenantA, appidacr: '2', appid: ids.ciApp},
		});
	});

	test('ClientCertificateCredential signs in with the certificate the sandbox made for the app', () => {
		expect(results['clientCertificate']).toMatchObject({
			ok: true,
			value: {tid: ids.tenantA, appidacr: '2', appid: ids.ciApp},
		});
	});

	test('ManagedIdentityCredential uses the App Service-style endpoint', () => {
		expect(results['managedIdentity']).toMatchObject({
			ok: true,
			value: {
				tid: ids.tenantA,
				oid: managedIdentity.objectId,
				appid: managedIdentity.clientId,
				xms_mirid: managedIdentity.resourceId,
			},
		});
	});

	test('ManagedIdentityCredential uses the IMDS-style endpoint (AZURE_POD_IDENTITY_AUTHORITY_HOST)', async () => {
		const child = await run(sandbox, process.execPath, [fixture], {
			AZURE_POD_IDENTITY_AUTHORITY_HOST: sandbox.urls.arm,
			SANDBOX_FIXTURE_INPUT: JSON.stringify({...fixtureInput, only: 'managedIdentity'}),
		});
		expect(child.code, child.stderr).toBe(0);
		expect((parseJson(child.stdout) as Record<string, Outcome>)['managedIdentity']).toMatchObject({
			ok: true,
			value: {tid: ids.tenantA, oid: managedIdentity.objectId},
		});
		expect(events.some(event => event.message === 'GET /metadata/identity/oauth2/token/ 200')).toBe(true);
	});

	test('AzureCliCredential gets its token from the real az, signed in to the sandbox', () => {
		expect(results['azureCli']).toMatchObject({ok: true, value: {tid: ids.tenantA, oid: ids.ciAppInA}});
	});

	test('the ARM subscription client lists and gets subscriptions and tenants', () => {
		expect(results['subscriptionsList']).toEqual({
			ok: true,
			value: [{subscriptionId: ids.subscriptionA, tenantId: ids.tenantA}],
		});
		expect(results['subscriptionGet']).toEqual({ok: true, value: 'Contoso Dev Subscription'});
		expect(results['tenantsList']).toEqual({ok: true, value: [ids.tenantA]});
	});

	test('a subscription of another tenant is a RestError InvalidAuthenticationTokenTenant naming the right authority', () => {
		const outcome = results['subscriptionOtherTenant'];
		expect(outcome).toMatchObject({
			ok: false,
			name: 'RestError',
			code: 'InvalidAuthenticationTokenTenant',
			statusCode: 401,
		});
		expect(outcome?.wwwAuthenticate).toContain(`authorization_uri="${sandbox.cloud.authorityHost}/${ids.tenantB}"`);
	});

	test("jose verifies a v2 token against the tenant's remote JWKS over TLS and rejects a wrong audience", () => {
		expect(results['joseRemoteJwks']).toEqual({
			ok: true,
			value: {tid: ids.tenantA, ver: '2.0', wrongAudience: 'ERR_JWT_CLAIM_VALIDATION_FAILED'},
		});
	});
});
