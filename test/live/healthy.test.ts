import {mkdir, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest';
import {defaultCheckIds} from '../../source/checks/run-checks.ts';
import {runCli} from '../fakes/run-cli.ts';
import {ids, replayUrl, type Session, startSession} from './sandbox-session.ts';

// Real processes (az, authfix) on a machine shared with other test files: generous, but bounded.
vi.setConfig({testTimeout: 120_000});

let session: Session;

beforeAll(async () => {
	session = await startSession('healthy');
	await session.signIn('ci-app', ids.tenantA);
});

afterAll(async () => {
	await session?.stop();
});

describe('healthy sandbox, real Azure CLI', () => {
	test('check passes everything that applies', async () => {
		const {run, document, byId} = await session.check(['--subscription', ids.subscriptionA]);
		expect(run.code, run.stdout).toBe(0);
		expect(document.verdict).toBe('ok');
		for (const id of [
			'cli-context',
			'credential-source',
			'subscription-tenant',
			'fresh-token',
			'token-tenant',
			'token-audience',
			'token-expiry',
			'token-signature',
			'cache-state',
		]) {
			expect(byId[id]?.status, `${id}: ${byId[id]?.detail}`).toBe('pass');
		}

		expect(byId['aux-tokens']?.status).toBe('skip');
		expect(byId['federated-credential']?.status).toBe('skip');
		expect(byId['subscription-tenant']?.facts?.tenantId).toBe(ids.tenantA);
		expect(byId['token-tenant']?.facts?.tid).toBe(ids.tenantA);
		expect(byId['token-signature']?.detail).toContain('signature is valid');
		expect(run.stdout).not.toMatch(/eyJ[\w-]{10,}\.eyJ/);
	});

	test('check without --subscription uses the Azure CLI current subscription; the human output is one line per check', async () => {
		const run = await session.authfix(['check']);
		expect(run.code, run.stdout).toBe(0);
		const lines = run.stdout.split('\n').filter(line => /^[✓!✗-] /.test(line));
		expect(lines).toHaveLength(defaultCheckIds.length);
		expect(run.stdout).toContain(`✓ Subscription's tenant: Subscription ${ids.subscriptionA}`);
		expect(run.stdout).toContain(
			`✓ Role assignments: Reader at /subscriptions/${ids.subscriptionA} grants Microsoft.Resources/subscriptions/read`,
		);
		expect(run.stdout).toContain('All checks passed');
	});

	test('check uses the pinned profile: the active one of the data folder, else .authfix.json of the folder', async () => {
		const data = session.env.AUTHFIX_HOME!;
		await mkdir(data, {recursive: true});
		await writeFile(
			path.join(data, 'profiles.json'),
			JSON.stringify({profiles: {other: {tenantId: ids.tenantB, subscriptionId: ids.subscriptionB}}, active: 'other'}),
		);
		const project = path.join(session.home, 'project');
		await mkdir(project, {recursive: true});
		try {
			// The active profile pins subscription B (tenant B) while az is signed in to tenant A.
			const viaProfile = await runCli(['check'], session.env, {cwd: project});
			expect(viaProfile.code, viaProfile.stdout).toBe(1);
			expect(viaProfile.stdout.split('\n')[0]).toBe(
				`Using profile 'other' (${path.join(data, 'profiles.json')}): subscription ${ids.subscriptionB}, tenant ${ids.tenantB}.`,
			);
			expect(viaProfile.stdout).toMatch(/✗ Token tenant: .*22222222-2222-2222-2222-222222222222/);

			// The project file wins, and pins the subscription az is signed in for.
			await writeFile(
				path.join(project, '.authfix.json'),
				JSON.stringify({profile: 'team', tenantId: ids.tenantA, subscriptionId: ids.subscriptionA}),
			);
			const viaProject = await runCli(['check', '--json'], session.env, {cwd: project});
			expect(viaProject.code, viaProject.stdout).toBe(0);
			const document = JSON.parse(viaProject.stdout);
			expect(document.profile).toMatchObject({name: 'team', origin: 'project', used: true});
			expect(
				document.checks.find((check: {id: string}) => check.id === 'subscription-tenant').facts.subscriptionId,
			).toBe(ids.subscriptionA);
		} finally {
			await rm(path.join(data, 'profiles.json'), {force: true});
		}
	});

	test('tenant finds a subscription tenant without access to it', async () => {
		const run = await session.authfix(['tenant', ids.subscriptionB, '--json']);
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout)).toEqual({
			subscriptionId: ids.subscriptionB,
			tenantId: ids.tenantB,
			authority: `${session.sandbox.cloud.authorityHost}/${ids.tenantB}`,
			command: `az login --tenant ${ids.tenantB}`,
		});
		const missing = await session.authfix(['tenant', '55555555-5555-5555-5555-555555555555']);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain(
			`no tenant found for subscription 55555555-5555-5555-5555-555555555555: ${session.sandbox.cloud.name}'s ARM does not know it (NoTenantInChallenge`,
		);
		expect(missing.stderr).toContain('az account list --all --output table');
		const missingJson = await session.authfix(['tenant', '55555555-5555-5555-5555-555555555555', '--json']);
		expect(missingJson.code).toBe(1);
		expect(JSON.parse(missingJson.stdout)).toMatchObject({tenantId: null, reason: 'unknown-subscription'});
	});

	test('replay of a working call is ok', async () => {
		const run = await session.authfix(['replay', 'GET', replayUrl(session), '--json']);
		expect(run.code, run.stdout + run.stderr).toBe(0);
		const document = JSON.parse(run.stdout);
		expect(document).toMatchObject({outcome: 'ok', attempts: [{label: 'before', status: 200}]});
		expect(document.attempts[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('replay takes a pasted curl or az rest line, never reuses its Authorization header, and refuses other hosts', async () => {
		const pasted = `curl -sS -H 'Authorization: Bearer not-a-real-token' -H 'Accept: application/json' '${replayUrl(session)}'`;
		const run = await session.authfix(['replay', pasted, '--json']);
		expect(run.code, run.stderr).toBe(0);
		const document = JSON.parse(run.stdout);
		expect(document).toMatchObject({request: {method: 'GET', url: replayUrl(session)}, outcome: 'ok'});
		expect(document.notes[0]).toContain('not reused');
		const azRest = await session.authfix(['replay', `az rest --method get --url ${replayUrl(session)}`, '--json']);
		expect(JSON.parse(azRest.stdout).outcome).toBe('ok');
		const refused = await session.authfix([
			'replay',
			'GET',
			`${session.sandbox.cloud.authorityHost}/${ids.tenantA}/v2.0/.well-known/openid-configuration`,
			'--json',
		]);
		expect(refused.code).toBe(2);
		expect(JSON.parse(refused.stdout).outcome).toBe('refused');
	});

	test('cache: purge then restore is byte for byte after a real az login; az works again afterwards', async () => {
		const {readFile} = await import('node:fs/promises');
		const path = await import('node:path');
		const names = ['azureProfile.json', 'msal_token_cache.json', 'service_principal_entries.json'];
		const before = await Promise.all(names.map(name => readFile(path.join(session.env.AZURE_CONFIG_DIR!, name))));
		const list = await session.authfix(['cache', 'list', '--json']);
		const listed = JSON.parse(list.stdout).files as Array<{path: string; tenants: string[]}>;
		expect(listed.find(file => file.path.endsWith('msal_token_cache.json'))?.tenants).toContain(ids.tenantA);
		expect(list.stdout).not.toContain(session.sandbox.identities.find(item => item.name === 'ci-app')!.secret!);

		const purge = await session.authfix(['cache', 'purge', '--yes', '--json']);
		expect(purge.code, purge.stderr).toBe(0);
		const account = await session.az(['account', 'show']).then(
			() => 'signed in',
			(error: {stderr: string}) => error.stderr,
		);
		expect(account).toContain('az login');

		const restore = await session.authfix(['cache', 'restore']);
		expect(restore.code, restore.stderr).toBe(0);
		const after = await Promise.all(names.map(name => readFile(path.join(session.env.AZURE_CONFIG_DIR!, name))));
		for (const [index, bytes] of after.entries()) expect(bytes.equals(before[index]!), names[index]).toBe(true);
		const shown = JSON.parse((await session.az(['account', 'show'])).stdout);
		expect(shown.tenantId).toBe(ids.tenantA);
	});
});
