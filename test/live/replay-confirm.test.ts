/**
`authfix replay POST …` in a real terminal (tmux): it asks before sending, and only `y` sends.
*/
import {execFile} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {node22, root} from '../fakes/run-cli.ts';
import {ids, replayUrl, type Session, startSession} from './sandbox-session.ts';

const run = promisify(execFile);
let session: Session;
let socket: string;

beforeAll(async () => {
	session = await startSession('healthy');
	await session.signIn('ci-app', ids.tenantA);
	socket = path.join(session.home, 'tmux.sock');
}, 120_000);

afterAll(async () => {
	await run('tmux', ['-S', socket, 'kill-server']).catch(() => {});
	await session?.stop();
});

async function tmux(...args: string[]) {
	return (await run('tmux', ['-S', socket, ...args], {timeout: 10_000})).stdout;
}

async function waitForScreen(name: string, condition: (text: string) => boolean, timeoutMs = 30_000) {
	const started = Date.now();
	for (;;) {
		const text = await tmux('capture-pane', '-p', '-J', '-t', name);
		if (condition(text)) return text;
		if (Date.now() - started > timeoutMs) throw new Error(`timed out; the screen was:\n${text}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

async function replayIn(name: string) {
	const env = Object.entries({...session.env, TERM: 'xterm-256color', NO_COLOR: '1'}).map(
		([key, value]) => `${key}=${JSON.stringify(value)}`,
	);
	const command = [node22, path.join(root, 'source', 'cli.ts'), 'replay', 'POST', replayUrl(session), '--data', '{}']
		.map(word => JSON.stringify(word))
		.join(' ');
	await tmux(
		'new-session',
		'-d',
		'-s',
		name,
		'-x',
		'200',
		'-y',
		'30',
		`env -i ${env.join(' ')} ${command}; echo "EXIT:$?"; sleep 120`,
	);
	return waitForScreen(name, text => text.includes('[y/N]'));
}

describe('replay asks on a terminal before anything but GET/HEAD', {timeout: 120_000}, () => {
	test('the question names the method and the URL; Enter alone (No) sends nothing', async () => {
		const prompt = await replayIn('decline');
		const url = new URL(replayUrl(session));
		expect(prompt).toContain(`Send POST to ${url.origin}${url.pathname} with a fresh token? [y/N]`);
		await tmux('send-keys', '-t', 'decline', 'Enter');
		const text = await waitForScreen('decline', screen => /EXIT:\d+/.test(screen));
		expect(text).toContain('authfix replay: not sent; nothing was changed.');
		expect(text).toContain('EXIT:2');
		expect(text).not.toContain('Replaying POST');
	});

	test('y sends it (the sandbox ARM serves reads only: 405, still failing)', async () => {
		await replayIn('accept');
		await tmux('send-keys', '-t', 'accept', 'y', 'Enter');
		const text = await waitForScreen('accept', screen => /EXIT:\d+/.test(screen));
		expect(text).toContain(`Replaying POST ${replayUrl(session)}`);
		expect(text).toMatch(/before\s+405 MethodNotAllowed/);
		expect(text).toContain('EXIT:1');
	});
});
