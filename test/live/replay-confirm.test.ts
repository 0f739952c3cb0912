/**
`authfix replay POST …` in a real terminal (tmux): it asks before sending, and only `y` sends.
*/
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {node22, root} from '../fakes/run-cli.ts';
import {type Tmux, tmuxIn} from '../support/tmux.ts';
import {ids, replayUrl, type Session, startSession} from './sandbox-session.ts';

let session: Session;
let terminal: Tmux;

beforeAll(async () => {
	session = await startSession('healthy');
	await session.signIn('ci-app', ids.tenantA);
	terminal = tmuxIn(session.home);
}, 120_000);

afterAll(async () => {
	await terminal?.stop();
	await session?.stop();
});

const tmux = (...args: string[]) => terminal.tmux(...args);
const waitForScreen = (name: string, condition: (text: string) => boolean) =>
	terminal.waitForScreen(name, condition, 30_000, {joined: true});

async function replayIn(name: string) {
	const command = [node22, path.join(root, 'source', 'cli.ts'), 'replay', 'POST', replayUrl(session), '--data', '{}']
		.map(word => JSON.stringify(word))
		.join(' ');
	await terminal.start(name, command, {
		cwd: session.home,
		env: {...session.env, TERM: 'xterm-256color', NO_COLOR: '1'},
		columns: 200,
	});
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
