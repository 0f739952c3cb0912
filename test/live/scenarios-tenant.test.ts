import {afterEach, describe, expect, test, vi} from 'vitest';
import {ids, replayUrl, type Session, startSession} from './sandbox-session.ts';

// Real processes (az, authfix) on a machine shared with other test files: generous, but bounded.
vi.setConfig({testTimeout: 120_000});

let session: Session | undefined;

afterEach(async () => {
	await session?.stop();
	session = undefined;
});

describe('tenant scenarios, real Azure CLI', () => {
	test('tenant-mismatch: token-tenant fails with the tenant to use; replay is fixed by a token from it', async () => {
		session = await startSession('tenant-mismatch');
		await session.signIn('ci-app', ids.tenantA);
		const {run, document, byId} = await session.check(['--subscription', ids.subscriptionB]);
		expect(run.code).toBe(1);
		expect(document.verdict).toBe('problems');
		expect(byId['token-tenant']).toMatchObject({
			status: 'fail',
			facts: {tid: ids.tenantA, tokenTenant: ids.tenantA, subscriptionTenant: ids.tenantB},
		});
		expect(byId['token-tenant']?.fix?.command).toBe(
			`az account get-access-token --tenant ${ids.tenantB} --resource https://management.core.windows.net/`,
		);
		expect(byId['subscription-tenant']).toMatchObject({status: 'pass', facts: {tenantId: ids.tenantB}});
		expect(byId['fresh-token']).toMatchObject({status: 'pass', facts: {tid: ids.tenantB}});
		expect(byId['cli-context']?.fix?.command).toContain(`--tenant ${ids.tenantB}`);
		for (const id of ['token-audience', 'token-expiry', 'token-signature']) expect(byId[id]?.status, id).toBe('pass');

		const replay = await session.authfix(['replay', 'GET', replayUrl(session), '--json']);
		expect(replay.code, replay.stderr).toBe(0);
		expect(JSON.parse(replay.stdout)).toMatchObject({
			outcome: 'fixed',
			attempts: [
				{label: 'before', status: 401, errorCode: 'InvalidAuthenticationTokenTenant'},
				{label: 'after', status: 200, errorCode: null},
			],
		});
	});

	test('stale-cache: the profile files the subscription under the old tenant; purge and sign-in fix it', async () => {
		session = await startSession('stale-cache');
		const {byId} = await session.check([]);
		expect(byId['cli-context']).toMatchObject({
			status: 'fail',
			facts: {tokenTenant: ids.tenantA, subscriptionTenant: ids.tenantB},
		});
		expect(byId['cache-state']).toMatchObject({
			status: 'fail',
			facts: {tokenTenant: ids.tenantA, subscriptionTenant: ids.tenantB},
		});
		expect(byId['cache-state']?.fix?.command).toBe(`authfix cache purge --tenant ${ids.tenantA} --yes`);
		expect(byId['token-tenant']).toMatchObject({status: 'fail', facts: {tid: ids.tenantA}});

		const replay = await session.authfix(['replay', 'GET', replayUrl(session), '--json']);
		expect(JSON.parse(replay.stdout)).toMatchObject({
			outcome: 'fixed',
			attempts: [{status: 401, errorCode: 'InvalidAuthenticationTokenTenant'}, {status: 200}],
		});

		// The recommended fix, as a user would run it.
		const purge = await session.authfix(['cache', 'purge', '--tenant', ids.tenantA, '--yes', '--json']);
		expect(purge.code, purge.stderr).toBe(0);
		expect(JSON.parse(purge.stdout).backup.files.length).toBeGreaterThan(0);
		await session.signIn('ci-app', ids.tenantB);
		const after = await session.check(['--subscription', ids.subscriptionB]);
		expect(after.run.code, after.run.stdout).toBe(0);
		expect(after.byId['cli-context']?.status).toBe('pass');
		expect(after.byId['token-tenant']).toMatchObject({status: 'pass', facts: {tid: ids.tenantB}});
	});
});
