/**
Credentials and HTTP built from an injected environment alone, in this process: the test runner's
process.env and the process-wide CA list never learn about the sandbox, so every call here works
only because the adapters take the CA (NODE_EXTRA_CA_CERTS of the injected env), the credential
variables, the managed identity endpoint and AZURE_CONFIG_DIR from that environment.
*/
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {createServices} from '../../source/adapters/create-services.ts';
import {decodeToken} from '../../source/ports/access-token.ts';
import type {Services} from '../../source/ports/services.ts';
import {ids, type Session, startSession} from './sandbox-session.ts';

const armScope = 'https://management.core.windows.net//.default';
const processEnvBefore = JSON.stringify(process.env);

function servicesWith(session: Session, env: Record<string, string | undefined>): Services {
	return createServices({
		env: {...session.env, ...env},
		cloud: session.sandbox.cloud,
		clock: {now: () => Date.now()},
		timeoutMs: 15_000,
	});
}

const tidOf = (result: Awaited<ReturnType<Services['credentials']['getToken']>>) =>
	decodeToken(result.token)?.claims.tid;

describe('credentials from the injected environment (healthy)', {timeout: 120_000}, () => {
	let session: Session;
	beforeAll(async () => {
		session = await startSession('healthy');
	}, 120_000);
	afterAll(async () => session?.stop());

	test('the process itself does not trust the sandbox: a plain fetch fails on TLS', async () => {
		const error = await fetch(`${session.sandbox.cloud.resourceManager}/tenants?api-version=2022-12-01`).catch(
			(failure: unknown) => failure,
		);
		expect(String((error as {cause?: {code?: string}}).cause?.code)).toMatch(/CERT|SELF_SIGNED|UNABLE/);
	});

	test('EnvironmentCredential variables: client secret, certificate, username and password', async () => {
		const ci = session.sandbox.identities.find(item => item.name === 'ci-app')!;
		const secret = servicesWith(session, {
			AZURE_TENANT_ID: ids.tenantA,
			AZURE_CLIENT_ID: ci.clientId,
			AZURE_CLIENT_SECRET: ci.secret,
		});
		const bySecret = await secret.credentials.getToken('env', {scope: armScope});
		expect(bySecret.source).toBe('EnvironmentCredential');
		expect(tidOf(bySecret)).toBe(ids.tenantA);

		const certificatePath = (ci as {certificatePath?: string}).certificatePath;
		expect(certificatePath).toBeTruthy();
		const byCertificate = await servicesWith(session, {
			AZURE_TENANT_ID: ids.tenantA,
			AZURE_CLIENT_ID: ci.clientId,
			AZURE_CLIENT_CERTIFICATE_PATH: certificatePath,
		}).credentials.getToken('env', {scope: armScope});
		expect(decodeToken(byCertificate.token)?.claims.appid ?? decodeToken(byCertificate.token)?.claims.azp).toBe(
			ci.clientId,
		);

		const alice = session.sandbox.identities.find(item => item.kind === 'user')!;
		const byPassword = await servicesWith(session, {
			AZURE_TENANT_ID: ids.tenantA,
			AZURE_CLIENT_ID: 'aaaaaaaa-0000-0000-0000-000000000003',
			AZURE_USERNAME: (alice as {userPrincipalName?: string}).userPrincipalName,
			AZURE_PASSWORD: (alice as {password?: string}).password,
		}).credentials.getToken('env', {scope: armScope});
		expect(decodeToken(byPassword.token)?.claims.oid).toBe('bbbbbbbb-1111-0000-0000-000000000001');

		// The default chain takes the same variables first, and says which credential answered.
		const chained = await secret.credentials.getToken('default', {scope: armScope});
		expect(chained.source).toBe('DefaultAzureCredential (EnvironmentCredential)');
		expect(JSON.stringify(process.env)).toBe(processEnvBefore);
	});

	test('a wrong secret is a failure with the AADSTS line, not "unavailable"', async () => {
		const services = servicesWith(session, {
			AZURE_TENANT_ID: ids.tenantA,
			AZURE_CLIENT_ID: ids.ciApp,
			AZURE_CLIENT_SECRET: 'not-the-secret',
		});
		const error = (await services.credentials
			.getToken('default', {scope: armScope})
			.catch((failure: unknown) => failure)) as {code?: string; message?: string};
		expect(error.code).toBe('failed');
		expect(error.message).toMatch(/^DefaultAzureCredential \(EnvironmentCredential\): .*AADSTS7000215/);
	});

	test('the Azure CLI through the az adapter with the injected AZURE_CONFIG_DIR; the default chain falls through to it', async () => {
		await session.signIn('ci-app', ids.tenantA);
		const services = servicesWith(session, {});
		const cli = await services.credentials.getToken('cli', {scope: armScope, tenantId: ids.tenantA});
		expect(cli.source).toBe('AzureCliCredential');
		expect(tidOf(cli)).toBe(ids.tenantA);
		// No environment credential, no workload identity, no managed identity variables: IMDS is probed, then az.
		const chained = await services.credentials.getToken('default', {scope: armScope});
		expect(chained.source).toBe('DefaultAzureCredential (AzureCliCredential)');
		// A config folder nobody signed in to: not signed in, whatever ~/.azure holds.
		const empty = servicesWith(session, {AZURE_CONFIG_DIR: path.join(session.home, 'empty-azure')});
		await expect(empty.credentials.getToken('cli', {scope: armScope})).rejects.toMatchObject({code: 'not-signed-in'});
	});

	test('ARM and the issuer keys over the injected CA: subscription read and signature verification', async () => {
		const services = servicesWith(session, {
			AZURE_TENANT_ID: ids.tenantA,
			AZURE_CLIENT_ID: ids.ciApp,
			AZURE_CLIENT_SECRET: session.sandbox.identities.find(item => item.name === 'ci-app')!.secret,
		});
		const token = await services.credentials.getToken('env', {scope: armScope});
		const subscription = await services.http.getSubscription(ids.subscriptionA, token.token);
		expect(subscription).toMatchObject({subscriptionId: ids.subscriptionA, tenantId: ids.tenantA});
		await expect(services.http.verifySignature(token.token)).resolves.toMatchObject({verified: true});
	});
});

describe('managed identity and workload identity from the injected environment', {timeout: 120_000}, () => {
	let session: Session;
	beforeAll(async () => {
		session = await startSession('fic-cross-tenant');
	}, 120_000);
	afterAll(async () => session?.stop());

	test('managed identity at the injected IDENTITY_ENDPOINT/IDENTITY_HEADER; the default chain picks it', async () => {
		const services = servicesWith(session, {
			...session.sandbox.managedIdentityEnv,
			AZURE_CLIENT_ID: ids.buildIdentityClient,
		});
		const token = await services.credentials.getToken('managed-identity', {scope: armScope});
		expect(token.source).toBe('ManagedIdentityCredential');
		expect(tidOf(token)).toBe(ids.tenantA);
		expect(token.expiresOn).toBeGreaterThan(Date.now());
		const chained = await services.credentials.getToken('default', {scope: armScope});
		expect(chained.source).toBe('DefaultAzureCredential (ManagedIdentityCredential)');
		// A wrong header: the endpoint refuses, and the finding says what answered.
		const wrong = servicesWith(session, {...session.sandbox.managedIdentityEnv, IDENTITY_HEADER: 'wrong'});
		await expect(wrong.credentials.getToken('managed-identity', {scope: armScope})).rejects.toMatchObject({
			code: 'failed',
			message: expect.stringContaining('ManagedIdentityCredential (App Service at '),
		});
	});

	test('workload identity reads the injected AZURE_FEDERATED_TOKEN_FILE', async () => {
		for (const operation of session.sandbox.scenario.fix.operations) session.sandbox.applyFix(operation);
		const file = path.join(session.home, 'federated-token');
		await writeFile(file, await session.managedIdentityAssertion(ids.buildIdentityClient), {mode: 0o600});
		const services = servicesWith(session, {
			AZURE_FEDERATED_TOKEN_FILE: file,
			AZURE_CLIENT_ID: ids.deployMultiApp,
			AZURE_TENANT_ID: ids.tenantB,
		});
		const token = await services.credentials.getToken('workload-identity', {scope: armScope});
		expect(token.source).toBe('WorkloadIdentityCredential');
		expect(tidOf(token)).toBe(ids.tenantB);
		const chained = await services.credentials.getToken('default', {scope: armScope});
		expect(chained.source).toBe('DefaultAzureCredential (WorkloadIdentityCredential)');
		const missing = servicesWith(session, {
			AZURE_FEDERATED_TOKEN_FILE: path.join(session.home, 'no-such-file'),
			AZURE_CLIENT_ID: ids.deployMultiApp,
			AZURE_TENANT_ID: ids.tenantB,
		});
		await expect(missing.credentials.getToken('workload-identity', {scope: armScope})).rejects.toMatchObject({
			message: expect.stringContaining('no-such-file'),
		});
	});
});
