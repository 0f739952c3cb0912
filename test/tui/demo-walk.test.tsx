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

const failing = [
	'tenant-mismatch',
	'wrong-audience',
	'expired-token',
	'aux-token',
	'fic-cross-tenant',
	'token-endpoint-error',
	'stale-cache',
	'no-rbac',
];

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
			expect(session?.steps.some(step => step.kind === 'fix' && step.how === 'applied')).toBe(true);
			const replay = session?.steps.findLast(step => step.kind === 'replay');
			expect(replay?.kind === 'replay' && replay.result.attempts.map(attempt => attempt.status >= 400)).toEqual([
				true,
				false,
			]);
			expect(archive.get(`walk-${scenario}`)?.outcome).toBe('fixed');
		},
		120_000,
	);

	test('healthy: the health check passes and says so', async () => {
		const {final, session} = await walk('healthy');
		expect(final).toMatch(done);
		expect(session?.outcome).not.toBe('abandoned');
	}, 120_000);
});
