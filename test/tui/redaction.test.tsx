/**
Issue 12 in the troubleshooter's screens: every kind of secret (test/support/secrets.ts), pasted
into the app as the live front end opens it (services/troubleshooter.ts `openLiveSession`), with
checks and the replay quoting the paste back, never shows on any frame: the paste screen, the
session's screens, the decode entry's claims, the saved session opened again. Then in a real
terminal (tmux): the built CLI's troubleshooter, a paste of every kind and a proxy password in its
environment, the session it saves, and `sessions show|export` of it.
*/
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import type {SessionStore} from '../../source/engine/driver.ts';
import type {Session} from '../../source/engine/session.ts';
import {openSessionArchive} from '../../source/services/sessions.ts';
import {type OpenRequest, openLiveSession, sessionBrowser} from '../../source/services/troubleshooter.ts';
import {tree} from '../../source/tree/index.ts';
import {App} from '../../source/ui/app.tsx';
import {builtCli, node22, pathWith, runBuilt} from '../fakes/run-cli.ts';
import {keys} from '../support/keys.ts';
import {unsignedToken} from '../support/mint.ts';
import {type RenderedApp, renderApp} from '../support/render-app.tsx';
import {echoingServices, leaksIn, type SecretInput, secretInputs, secretKinds} from '../support/secrets.ts';

const run = promisify(execFile);
let directory: string;
let app: RenderedApp | undefined;

beforeAll(async () => {
	directory = await mkdtemp(path.join(os.tmpdir(), 'authfix-redaction-tui-'));
});

afterEach(() => {
	app?.unmount();
	app = undefined;
});

afterAll(async () => {
	await rm(directory, {recursive: true, force: true});
});

const profiles = {read: async () => ({profile: undefined}), pin: async () => ''};

/** Every frame the app wrote, as the terminal received them. */
const frames = (rendered: RenderedApp) => rendered.stdout.frames.join('\n');

/** One input of each of six contexts that fit the kind, in one paste (what someone pastes from a long log). */
function pasteOf(inputs: readonly SecretInput[]): string {
	const seen = new Set<string>();
	return inputs
		.filter(input => !seen.has(input.context) && seen.add(input.context))
		.slice(0, 6)
		.map(input => input.text)
		.join('\n\n');
}

function renderWith(text: string, extra: {listSessions?: () => Promise<never[]>} = {}) {
	let opened: SessionStore | undefined;
	const exits: Array<Session | undefined> = [];
	app = renderApp(
		<App
			tree={tree}
			color={false}
			openSession={async (request: OpenRequest) => {
				opened = await openLiveSession(request, {
					id: `tui-${request.entry}`,
					engine: echoingServices(text),
					profiles,
					timeoutMs: 2000,
				});
				return opened;
			}}
			onExit={session => exits.push(session)}
			{...extra}
		/>,
		{columns: 100},
	);
	return {app, opened: () => opened, exits};
}

describe('the screens never show a secret', () => {
	test.each(secretKinds.map(kind => [kind.id, kind] as const))('%s', async (_id, kind) => {
		const inputs = [...secretInputs([kind])];
		const pieces = inputs.flatMap(input => input.pieces);
		const text = pasteOf(inputs);

		// The paste entry: the paste screen, the session's first screens, checks quoting the paste.
		const pasted = renderWith(text);
		await pasted.app.waitFor('Paste an error');
		await pasted.app.press(keys.enter, 'Paste the error');
		await pasted.app.press(keys.paste(text), /[1-9]\d* lines?/);
		await pasted.app.press(keys.enter, /step 1/);
		for (let index = 0; index < 3; index++) {
			const before = pasted.app.frame();
			pasted.app.stdin.write(keys.enter);
			await pasted.app.waitFor(() => pasted.app.frame() !== before && !/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/.test(pasted.app.frame()));
		}

		expect(frames(pasted.app)).toContain('[redacted');
		expect(leaksIn(frames(pasted.app), pieces)).toEqual([]);
		pasted.app.stdin.write('q');
		await pasted.app.waitUntilExit();
		const session = pasted.exits[0]!;
		expect(session.steps.length).toBeGreaterThan(0);

		// The saved session, opened again from the start screen.
		const archive = openSessionArchive(path.join(directory, kind.id));
		archive.save(session);
		const browser = sessionBrowser(Promise.resolve(archive));
		app?.unmount();
		app = renderApp(
			<App tree={tree} color={false} openSession={async () => pasted.opened()!} onExit={() => {}} {...browser} />,
			{
				columns: 100,
			},
		);
		await app.waitFor('Paste an error');
		for (let index = 0; index < 5; index++) app.stdin.write(keys.down);
		await app.waitFor('❯ Open a saved session');
		await app.press(keys.enter, 'Saved sessions');
		await app.press(keys.enter, `## authfix session ${session.id}`);
		expect(leaksIn(frames(app), pieces)).toEqual([]);
		app.unmount();

		// The decode entry: a token whose claims carry the contexts.
		const token = unsignedToken(
			{alg: 'RS256', typ: 'JWT'},
			{aud: inputs[0]!.text, scp: text, tid: inputs[0]!.ids.tenant, exp: 1_900_000_000},
			'c2lnbmF0dXJl',
		);
		const decoded = renderWith(text);
		await decoded.app.waitFor('Paste an error');
		for (let index = 0; index < 3; index++) decoded.app.stdin.write(keys.down);
		await decoded.app.waitFor('❯ Decode a token');
		await decoded.app.press(keys.enter, 'Paste the token');
		await decoded.app.press(keys.paste(token), '1 line');
		await decoded.app.press(keys.enter, /step 1/);
		expect(decoded.app.frame()).toContain(inputs[0]!.ids.tenant);
		expect(leaksIn(frames(decoded.app), pieces)).toEqual([]);
	});
});

describe('the built troubleshooter in a real terminal (tmux)', () => {
	test('a paste of every kind, a proxy password in the environment: screens, the saved session, sessions show|export', async () => {
		if (!existsSync(builtCli)) throw new Error('distribution/cli.js is missing: run `npm run build` first');
		const socket = path.join(directory, 'tmux.sock');
		const tmux = async (...args: string[]) => (await run('tmux', ['-S', socket, ...args], {timeout: 10_000})).stdout;
		const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'walk');
		const screens: string[] = [];
		const waitFor = async (condition: (text: string) => boolean) => {
			const started = Date.now();
			for (;;) {
				const text = await screen();
				screens.push(text);
				if (condition(text)) return text;
				if (Date.now() - started > 30_000) throw new Error(`timed out; the screen was:\n${text}`);
				await new Promise(resolve => setTimeout(resolve, 50));
			}
		};

		// The shortest context of each kind: a paste of a few KB, like a log excerpt.
		const inputs = secretKinds.map(kind =>
			[...secretInputs([kind])].reduce((shortest, input) =>
				input.text.length < shortest.text.length ? input : shortest,
			),
		);
		const pieces = inputs.flatMap(input => input.pieces);
		// A proxy that refuses at once (a name would wait for DNS), with a password.
		const proxy = secretKinds.find(kind => kind.id === 'url-password')!.make(inputs[0]!.ids);
		const proxyUrl = `http://alice:${proxy.pieces[0]}@127.0.0.1:9`;
		pieces.push(...proxy.pieces);
		const pasteFile = path.join(directory, 'paste.txt');
		// Led by an error the classifier always recognises, so the walk starts with live checks.
		const wrongTenant = `InvalidAuthenticationTokenTenant: The access token is from the wrong issuer 'https://sts.windows.net/${inputs[0]!.ids.tenant}/'.`;
		await writeFile(pasteFile, [wrongTenant, ...inputs.map(input => input.text)].join('\n\n'));
		const data = path.join(directory, 'tmux-data');
		const env = {
			PATH: pathWith('signed-in'),
			HOME: directory,
			AZURE_CONFIG_DIR: directory,
			AUTHFIX_DATA_DIR: data,
			TERM: 'xterm-256color',
			NO_COLOR: '1',
			HTTPS_PROXY: proxyUrl,
			HTTP_PROXY: proxyUrl,
		};
		const assignments = Object.entries(env).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
		await tmux(
			'new-session',
			'-d',
			'-s',
			'walk',
			'-x',
			'100',
			'-y',
			'40',
			`env -i ${assignments.join(' ')} ${JSON.stringify(node22)} ${JSON.stringify(builtCli)} --timeout 3; echo "EXIT:$?"; sleep 60`,
		);
		try {
			await waitFor(text => text.includes('Paste an error'));
			await tmux('send-keys', '-t', 'walk', 'Enter');
			await waitFor(text => text.includes('Paste the error'));
			await tmux('load-buffer', '-b', 'secrets', pasteFile);
			await tmux('paste-buffer', '-p', '-b', 'secrets', '-t', 'walk');
			await waitFor(text => /[1-9]\d* lines · recognised: arm-token-tenant-mismatch/.test(text));
			await tmux('send-keys', '-t', 'walk', 'Enter');
			await waitFor(text => text.includes('step 1'));
			// Live checks run with the proxy in the environment (it refuses): their answers are screens too.
			for (let index = 0; index < 2; index++) {
				await tmux('send-keys', '-t', 'walk', 'Enter');
				await waitFor(text => !/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/.test(text));
			}

			await tmux('send-keys', '-t', 'walk', 'q');
			const after = await waitFor(text => text.includes('EXIT:'));
			expect(after).toMatch(/Session \S+ saved/);
		} finally {
			await tmux('kill-server').catch(() => {});
		}

		expect(screens.join('\n')).toMatch(/\d+ lines · recognised: /);
		expect(leaksIn(screens.join('\n'), pieces)).toEqual([]);
		const onDisk = await readFile(path.join(data, 'sessions.json'), 'utf8');
		expect(onDisk).toContain('[redacted');
		expect(leaksIn(onDisk, pieces)).toEqual([]);
		for (const args of [
			['sessions', 'show', 'latest'],
			['sessions', 'export', 'latest', '--format', 'md'],
			['sessions', 'export', 'latest', '--format', 'json'],
		]) {
			const {stdout} = await runBuilt(args, env);
			expect(stdout, args.join(' ')).toContain('[redacted');
			expect(leaksIn(stdout, pieces), args.join(' ')).toEqual([]);
		}
	}, 120_000);
});
