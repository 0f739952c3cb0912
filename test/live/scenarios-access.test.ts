import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {ids as scenarioIds} from '../../source/sandbox/scenarios/ids.ts';
import {ids, replayUrl, type Session, startSession} from './sandbox-session.ts';

// Real processes (az, authfix) on a machine shared with other test files: generous, but bounded.
vi.setConfig({testTimeout: 120_000});

let session: Session | undefined;

afterEach(async () => {
	await session?.stop();
	session = undefined;
});

describe('access scenarios', () => {
	test('no-rbac: the subscription read is forbidden with the role assignment to run; replay is now-forbidden, then ok after the fix', async () => {
		session = await startSession('no-rbac');
		await session.signIn('ci-app', ids.tenantA, {allowNoSubscriptions: true});
		const {byId} = await session.check(['--subscription', ids.subscriptionA]);
		expect(byId['subscription-tenant']).toMatchObject({
			status: 'fail',
			facts: {tenantId: ids.tenantA, principalId: 'aaaaaaaa-1111-0000-0000-000000000001'},
		});
		expect(byId['subscription-tenant']?.fix?.command).toBe(
			`az role assignment create --assignee-object-id aaaaaaaa-1111-0000-0000-000000000001 --assignee-principal-type ServicePrincipal --role Reader --scope /subscriptions/${ids.subscriptionA}`,
		);
		for (const id of ['fresh-token', 'token-tenant', 'token-audience', 'token-expiry', 'token-signature'])
			expect(byId[id]?.status, id).toBe('pass');

		const replay = await session.authfix([
			'replay',
			'GET',
			replayUrl(session),
			'--failed-with',
			'401 InvalidAuthenticationTokenTenant',
			'--json',
		]);
		expect(replay.code).toBe(1);
		expect(JSON.parse(replay.stdout)).toMatchObject({
			outcome: 'now-forbidden',
			attempts: [
				{label: 'before', status: 401},
				{label: 'after', status: 403, errorCode: 'AuthorizationFailed'},
			],
		});

		for (const operation of session.sandbox.scenario.fix.operations) session.sandbox.applyFix(operation);
		const after = JSON.parse((await session.authfix(['replay', 'GET', replayUrl(session), '--json'])).stdout);
		expect(after).toMatchObject({outcome: 'ok', attempts: [{status: 200}]});
	});

	test('fic-cross-tenant: AADSTS700236 recognised with the working path; the multi-tenant app path passes', async () => {
		session = await startSession('fic-cross-tenant');
		await session.signIn('ci-app', ids.tenantA, {allowNoSubscriptions: true});
		const file = path.join(session.home, 'federated-token');
		await writeFile(file, await session.managedIdentityAssertion(ids.buildIdentityClient), {mode: 0o600});
		const env = {AZURE_FEDERATED_TOKEN_FILE: file, AZURE_CLIENT_ID: ids.deployApp, AZURE_TENANT_ID: ids.tenantB};
		const {byId, run} = await session.check(
			['--credential', 'workload-identity', '--subscription', ids.subscriptionB],
			env,
		);
		expect(byId['federated-credential']).toMatchObject({
			status: 'fail',
			facts: {code: 'AADSTS700236', issuerTenantId: ids.tenantA, appHomeTenantId: ids.tenantB},
		});
		expect(byId['federated-credential']?.fix?.text).toContain(`multi-tenant app registered in tenant ${ids.tenantA}`);
		// What the working path needs, read from Graph with this sign-in: the home tenant's multi-tenant app (not yet
		// trusting the identity); ci-app cannot read tenant B, so whether B consented stays unknown.
		expect(byId['federated-credential']?.facts).toMatchObject({
			identityTenantId: ids.tenantA,
			identityObjectId: scenarioIds.buildIdentityObject,
			targetAppId: ids.deployApp,
			targetTenantId: ids.tenantB,
			homeAppId: ids.deployMultiApp,
			homeAppFederated: 'no',
		});
		expect(byId['federated-credential']?.facts?.['homeAppConsented']).toBeUndefined();
		expect(byId['federated-credential']?.detail).toContain(
			`whether tenant ${ids.tenantB} has consented to it could not be read`,
		);
		expect(byId['fresh-token']).toMatchObject({status: 'fail', facts: {code: 'AADSTS700236'}});
		expect(byId['cli-context']?.status).toBe('skip');
		expect(run.stdout).not.toMatch(/eyJ[\w-]{10,}\.eyJ/);

		for (const operation of session.sandbox.scenario.fix.operations) session.sandbox.applyFix(operation);
		const after = await session.check(['--credential', 'workload-identity', '--subscription', ids.subscriptionB], {
			...env,
			AZURE_CLIENT_ID: ids.deployMultiApp,
		});
		expect(after.run.code, after.run.stdout).toBe(0);
		expect(after.byId['federated-credential']?.status).toBe('pass');
		expect(after.byId['token-tenant']).toMatchObject({status: 'pass', facts: {tid: ids.tenantB}});
	});

	test('managed identity and DefaultAzureCredential (App Service-style endpoint): every check that applies passes', async () => {
		session = await startSession('fic-cross-tenant');
		const env = {...session.sandbox.managedIdentityEnv, AZURE_CLIENT_ID: ids.buildIdentityClient};
		for (const credential of ['managed-identity', 'default']) {
			const {run, byId} = await session.check(['--credential', credential, '--subscription', ids.subscriptionA], env);
			expect(run.code, run.stdout).toBe(0);
			expect(byId['credential-source']?.facts?.defaultPick).toBe('ManagedIdentityCredential');
			expect(byId['fresh-token']?.detail).toContain('ManagedIdentityCredential');
			expect(byId['token-tenant']).toMatchObject({status: 'pass', facts: {tid: ids.tenantA}});
			expect(byId['cli-context']?.status).toBe('skip');
		}
	});
});
