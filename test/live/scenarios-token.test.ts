import {afterEach, describe, expect, test, vi} from 'vitest';
import {ids, replayUrl, type Session, startSession} from './sandbox-session.ts';

// Real processes (az, authfix) on a machine shared with other test files: generous, but bounded.
vi.setConfig({testTimeout: 120_000});

let session: Session | undefined;

afterEach(async () => {
	await session?.stop();
	session = undefined;
});

const secretEnv = (current: Session) => {
	const ci = current.sandbox.identities.find(item => item.name === 'ci-app')!;
	return {AZURE_CLIENT_ID: ci.clientId!, AZURE_CLIENT_SECRET: ci.secret!, AZURE_TENANT_ID: ids.tenantA};
};

describe('token scenarios', () => {
	test('wrong-audience: a Graph token for ARM fails token-audience; the failure given is fixed by an ARM token', async () => {
		session = await startSession('wrong-audience');
		await session.signIn('ci-app', ids.tenantA);
		const {byId} = await session.check([
			'--subscription',
			ids.subscriptionA,
			'--resource',
			'https://graph.microsoft.com',
		]);
		expect(byId['token-audience']).toMatchObject({
			status: 'fail',
			facts: {aud: 'https://graph.microsoft.com', expectedAudience: 'https://management.core.windows.net/'},
		});
		expect(byId['token-audience']?.detail).toContain('InvalidAuthenticationTokenAudience');
		expect(byId['token-audience']?.fix?.command).toBe(
			'az account get-access-token --resource https://management.core.windows.net/',
		);
		for (const id of ['token-tenant', 'token-expiry', 'subscription-tenant']) expect(byId[id]?.status, id).toBe('pass');

		const replay = await session.authfix([
			'replay',
			'GET',
			replayUrl(session),
			'--failed-with',
			'ERROR: Unauthorized({"error":{"code":"InvalidAuthenticationTokenAudience"}})',
			'--json',
		]);
		expect(JSON.parse(replay.stdout)).toMatchObject({
			outcome: 'fixed',
			attempts: [
				{label: 'before', status: 401, errorCode: 'InvalidAuthenticationTokenAudience'},
				{label: 'after', status: 200},
			],
		});
	});

	test('expired-token (EnvironmentCredential): token-expiry names the clock skew; after the fix every check passes', async () => {
		session = await startSession('expired-token');
		const env = secretEnv(session);
		const {byId} = await session.check(['--credential', 'env', '--subscription', ids.subscriptionA], env);
		expect(byId['token-expiry']).toMatchObject({status: 'fail'});
		expect(byId['token-expiry']?.detail).toContain('behind this machine');
		expect(byId['token-expiry']?.detail).toContain('ExpiredAuthenticationToken');
		expect(byId['token-expiry']?.facts?.skew).toMatch(/^2\.\d h$/);
		expect(byId['token-expiry']?.fix?.command).toContain('timedatectl');
		expect(byId['fresh-token']?.status).toBe('warn');
		expect(byId['credential-source']?.facts?.defaultPick).toBe('EnvironmentCredential');

		const replay = await session.authfix(['replay', 'GET', replayUrl(session), '--credential', 'env', '--json'], env);
		const document = JSON.parse(replay.stdout);
		expect(document.outcome).toBe('still-failing');
		expect(document.attempts.map((attempt: {errorCode: string}) => attempt.errorCode)).toEqual([
			'ExpiredAuthenticationToken',
			'ExpiredAuthenticationToken',
		]);
		expect(document.diagnosis.title).toBeTruthy();

		for (const operation of session.sandbox.scenario.fix.operations) session.sandbox.applyFix(operation);
		const after = await session.check(['--credential', 'env', '--subscription', ids.subscriptionA], env);
		expect(after.run.code, after.run.stdout).toBe(0);
		expect(after.byId['token-expiry']?.status).toBe('pass');
	});

	test('aux-token: the auxiliary token from the linked tenant is expired; after the fix the replay is ok', async () => {
		session = await startSession('aux-token');
		await session.signIn('ci-app', ids.tenantA);
		const {byId} = await session.check(['--subscription', ids.subscriptionA, '--aux-tenant', ids.tenantB]);
		expect(byId['aux-tokens']?.status).toBe('fail');
		expect(byId['aux-tokens']?.detail).toContain(`the token from tenant ${ids.tenantB}`);
		expect(byId['aux-tokens']?.detail).toContain('expired');
		expect(byId['token-expiry']?.status).toBe('pass');

		const args = ['replay', 'GET', replayUrl(session), '--aux-tenant', ids.tenantB, '--json'];
		const before = JSON.parse((await session.authfix(args)).stdout);
		expect(before).toMatchObject({
			outcome: 'still-failing',
			attempts: [{status: 401, errorCode: 'ExpiredAuthenticationToken'}, {status: 401}],
		});
		expect(byId['aux-tokens']?.fix?.command).toBe(`authfix cache purge --tenant ${ids.tenantB} --yes`);
		for (const operation of session.sandbox.scenario.fix.operations) session.sandbox.applyFix(operation);
		// az would keep serving its cached (born-expired) token from tenant B: drop it, as the fix says.
		expect((await session.authfix(['cache', 'purge', '--tenant', ids.tenantB, '--yes'])).code).toBe(0);
		const after = JSON.parse((await session.authfix(args)).stdout);
		expect(after).toMatchObject({outcome: 'ok', attempts: [{status: 200}]});
		const checked = await session.check(['--subscription', ids.subscriptionA, '--aux-tenant', ids.tenantB]);
		expect(checked.byId['aux-tokens']?.status).toBe('pass');
	});

	test('token-endpoint-error: the sign-in fails with AADSTS50000 and fresh-token says so', async () => {
		session = await startSession('token-endpoint-error');
		const env = {
			AZURE_CLIENT_ID: 'aaaaaaaa-0000-0000-0000-000000000003',
			AZURE_USERNAME: 'alice@contosodev.onmicrosoft.com',
			AZURE_PASSWORD: 'sandbox-alice-password-not-real',
			AZURE_TENANT_ID: ids.tenantA,
		};
		const {run, byId} = await session.check(['--credential', 'env', '--subscription', ids.subscriptionA], env);
		expect(run.code).toBe(1);
		expect(byId['fresh-token']).toMatchObject({status: 'fail', facts: {code: 'AADSTS50000'}});
		// The refusal's own fix, not a pointer back to `authfix explain AADSTS50000`.
		expect(byId['fresh-token']?.fix?.command).toMatch(/^az /);
		expect(byId['fresh-token']?.fix?.text).toMatch(/^Entra refused the token request \(AADSTS50000\): /);
		expect(byId['token-tenant']?.status).toBe('skip');
		expect(run.stdout).not.toContain('sandbox-alice-password-not-real');
	});
});
