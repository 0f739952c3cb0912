/**
Every sandbox scenario, walked in the Ink app with Enter alone, against the running sandbox: real
checks, the sandbox's fix operations and the replay of the scenario's failing call.
*/
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {openDemoSession} from '../../source/commands/demo.ts';
import {openSessionArchive} from '../../source/commands/sessions.ts';
import type {Session} from '../../source/engine/session.ts';
import type {Sandbox} from '../../source/sandbox/index.ts';
import type {CommandContext} from '../../source/terminal/io.ts';
import {tree} from '../../source/tree/index.ts';
import {App} from '../../source/ui/app.tsx';
import {keys} from '../support/keys.ts';
import {renderApp} from '../support/render-app.tsx';

let directory: string;
beforeAll(async () => {
	directory = await mkdtemp(path.join(os.tmpdir(), 'authfix-walk-'));
});
afterAll(async () => {
	await rm(directory, {recursive: true, force: true});
});

function contextFor(): CommandContext {
	return {
		io: {
			stdout: {write() {}},
			stderr: {write() {}},
			readStdin: async () => '',
			stdinIsTty: true,
			stdoutIsTty: true,
			columns: 80,
			env: {PATH: process.env.PATH, HOME: directory},
			cwd: directory,
			now: () => Date.now(),
		},
		global: {json: false, color: false, cloud: undefined, timeoutSeconds: 15},
	};
}

const spinner = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
const done = /✓ Verified: the failing call now succeeds\.|✓ Every check passed/;

async function walk(scenario: string) {
	const archive = openSessionArchive(path.join(directory, 'data'));
	let sandbox: Sandbox | undefined;
	const exits: Array<Session | undefined> = [];
	const app = renderApp(
		<App
			tree={tree}
			color={false}
			scenarios={[{id: scenario, label: ''}]}
			initial={{entry: 'paste', scenario}}
			openSession={async request => {
				const opened = await openDemoSession({
					scenario: request.scenario!,
					sessionId: `walk-${scenario}`,
					archive: Promise.resolve(archive),
					context: contextFor(),
					stateDirectory: path.join(directory, 'sandbox'),
				});
				sandbox = opened.sandbox;
				return opened.store;
			}}
			onExit={session => exits.push(session)}
		/>,
	);
	const screens: string[] = [];
	try {
		for (let index = 0; index < 40; index++) {
			// Ready for a key: the hint line offers Enter and nothing is spinning.
			const frame = await app.waitFor(() => {
				const current = app.frame();
				return !spinner.test(current) && /(^|\n)Enter /.test(current);
			}, 20_000);
			screens.push(frame.split('\n').find(line => /^(Fix:|Verify:|[✓✗!] )/.test(line)) ?? frame.split('\n')[2] ?? '');
			if (done.test(frame)) break;
			app.stdin.write(keys.enter);
			await app.waitFor(() => app.frame() !== frame, 20_000);
		}

		const final = app.frame();
		app.stdin.write(keys.enter);
		await app.waitUntilExit();
		return {final, screens, session: exits[0], archive};
	} finally {
		app.unmount();
		await sandbox?.stop();
	}
}

/** Each scenario's walk: the fix it must reach (the fix follows the walk, so the path is the proof). */
const fixOf: Record<string, string> = {
	'tenant-mismatch': 'tm-fix-login',
	'wrong-audience': 'aud-fix',
	'expired-token': 'exp-fix-clock',
	'aux-token': 'aux-fix-clock',
	'fic-cross-tenant': 'fic-fix-multitenant',
	'token-endpoint-error': 'a65001-fix',
	'stale-cache': 'stale-fix-purge',
	'no-rbac': 'authz-fix-role',
};
const failing = Object.keys(fixOf);

describe('Enter alone walks every sandbox scenario to its verified fix', () => {
	test.each(failing)(
		'%s',
		async scenario => {
			const {final, screens, session, archive} = await walk(scenario);
			if (process.env.AUTHFIX_SHOW_WALKS)
				console.log(
					scenario,
					JSON.stringify(session?.trail),
					JSON.stringify(
						session?.steps
							.filter(s => s.kind === 'check')
							.map(s => s.kind === 'check' && `${s.finding.id}:${s.finding.status}`),
					),
				);
			expect(final, screens.join('\n')).toContain('✓ Verified: the failing call now succeeds.');
			expect(session?.outcome).toBe('fixed');
			const fixes = session?.steps.filter(step => step.kind === 'fix');
			expect(fixes?.map(step => step.kind === 'fix' && `${step.node}:${step.how}`)).toEqual([
				`${fixOf[scenario]}:applied`,
			]);
			const replay = session?.steps.findLast(step => step.kind === 'replay');
			expect(replay?.kind === 'replay' && replay.result.attempts.map(attempt => attempt.status >= 400)).toEqual([
				true,
				false,
			]);
			expect(archive.get(`walk-${scenario}`)?.outcome).toBe('fixed');
		},
		120_000,
	);

	test('stale-cache: the cache is told apart from a wrong sign-in, purged with a backup, then signed in again', async () => {
		const {session} = await walk('stale-cache');
		expect(session?.trail).toEqual([
			'tm-subscription-tenant',
			'tm-token-tenant',
			'tm-why',
			'stale-fix-purge',
			'verify',
			'fixed',
		]);
		const fix = session?.steps.find(step => step.kind === 'fix');
		expect(fix?.kind === 'fix' && fix.detail).toMatch(
			/purged tenant 11111111-1111-1111-1111-111111111111's entries from the Azure CLI cache \(backup [\w-]+\); the client now signs in to tenant 22222222-2222-2222-2222-222222222222/,
		);
	}, 120_000);

	test('aux-token: the expired auxiliary token takes the aux path, not the plain expiry path', async () => {
		const {session} = await walk('aux-token');
		expect(session?.trail).toEqual(['aux-subscription-tenant', 'aux-check', 'aux-fix-clock', 'verify', 'fixed']);
	}, 120_000);

	test("the demo hands the client's environment to the services: this process's env is left alone", async () => {
		const before = {...process.env};
		const {session} = await walk('token-endpoint-error');
		expect(session?.outcome).toBe('fixed');
		expect(process.env).toEqual(before);
		expect(process.env['AZURE_USERNAME']).toBeUndefined();
	}, 120_000);

	test('healthy: the health check passes and says so', async () => {
		const {final, session} = await walk('healthy');
		expect(final).toMatch(done);
		expect(session?.outcome).not.toBe('abandoned');
	}, 120_000);
});

/** Opens a scenario at a chosen node and presses Enter until the walk leaves the verification. */
async function walkFrom(scenario: string, start: string) {
	const opened = await openDemoSession({
		scenario,
		sessionId: `wrong-${scenario}`,
		archive: undefined,
		context: contextFor(),
		stateDirectory: path.join(directory, 'sandbox'),
		start,
	});
	try {
		const {store} = opened;
		const settled = () =>
			new Promise<void>(resolve => {
				if (!store.getSnapshot().pending) resolve();
				else {
					const stop = store.subscribe(() => {
						if (!store.getSnapshot().pending) {
							stop();
							resolve();
						}
					});
				}
			});
		for (let index = 0; index < 12 && !store.getSnapshot().trail.includes('still-failing'); index++) {
			if (store.getSnapshot().outcome) break;
			await settled();
			store.dispatch({type: 'continue'});
			await settled();
		}

		return {session: store.getSnapshot(), client: opened.client, state: opened.sandbox.state()};
	} finally {
		opened.store.dispose();
		await opened.sandbox.stop();
	}
}

describe('a fix that does not address the cause leaves the call failing', () => {
	test('tenant-mismatch, walked down the audience path: asking for ARM scope again leaves it failing', async () => {
		const {session, client} = await walkFrom('tenant-mismatch', 'aud-check');
		expect(session.trail).toEqual(['aud-check', 'aud-ask-client', 'aud-fix-code', 'verify', 'still-failing']);
		expect(session.outcome).toBeUndefined();
		const fix = session.steps.find(step => step.kind === 'fix');
		expect(fix).toMatchObject({kind: 'fix', node: 'aud-fix-code', how: 'applied'});
		const replay = session.steps.find(step => step.kind === 'replay');
		expect(replay?.kind === 'replay' && replay.result.outcome).toBe('still-failing');
		expect(replay?.kind === 'replay' && replay.result.attempts.map(attempt => attempt.errorCode)).toEqual([
			'InvalidAuthenticationTokenTenant',
			'InvalidAuthenticationTokenTenant',
		]);
		// The client really changed what it asks for; the tenant stayed wrong.
		expect(client.definition.resource).toBe('https://management.core.windows.net/');
		expect(client.definition.tenantId).toBe('11111111-1111-1111-1111-111111111111');
	}, 120_000);

	test('no-rbac, walked down the wrong-tenant path: signing in again leaves it 403, no role appears', async () => {
		const {session, state} = await walkFrom('no-rbac', 'tm-subscription-tenant');
		// The subscription's tenant cannot be read without a role: the walk selects the subscription again.
		expect(session.trail).toEqual(['tm-subscription-tenant', 'subctx-fix-set', 'verify', 'still-failing']);
		expect(session.steps.find(step => step.kind === 'fix')).toMatchObject({how: 'applied'});
		const replay = session.steps.find(step => step.kind === 'replay');
		expect(replay?.kind === 'replay' && replay.result.attempts.map(attempt => attempt.status)).toEqual([403, 403]);
		expect(state.operations).toEqual([]);
	}, 120_000);

	test('expired-token, fixed by only asking for a fresh token: a fresh token is born expired too', async () => {
		const {session} = await walkFrom('expired-token', 'exp-fix-refresh');
		expect(session.trail).toEqual(['exp-fix-refresh', 'verify', 'still-failing']);
	}, 120_000);
});
