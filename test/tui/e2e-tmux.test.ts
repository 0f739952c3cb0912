/**
End to end in a real terminal: the packed tarball installed into an empty folder, `npx authfix demo
tenant-mismatch` driven with tmux send-keys to the verified fix (Enter alone), then the saved
session checked; and Ctrl-C in the middle leaves a saved, abandoned session.
*/
import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {installPackedTarball, type PackedInstall} from '../support/packed.ts';
import {type Tmux, tmuxIn} from '../support/tmux.ts';

const run = promisify(execFile);
let install: PackedInstall;
let directory: string;
let terminal: Tmux;

beforeAll(async () => {
	install = await installPackedTarball();
	directory = await mkdtemp(path.join(os.tmpdir(), 'authfix-tmux-'));
	terminal = tmuxIn(directory);
}, 180_000);

afterAll(async () => {
	await terminal.stop();
	await rm(directory, {recursive: true, force: true});
});

const environment = () => ({
	PATH: [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
	HOME: directory,
	TERM: 'xterm-256color',
	AUTHFIX_DATA_DIR: path.join(directory, 'data'),
	AUTHFIX_SANDBOX_DIR: path.join(directory, 'sandbox'),
	NO_COLOR: '1',
	npm_config_cache: path.join(directory, 'npm-cache'),
});

const tmux = (...args: string[]) => terminal.tmux(...args);
const waitForScreen = (name: string, condition: (text: string) => boolean, timeoutMs?: number) =>
	terminal.waitForScreen(name, condition, timeoutMs);
const start = (name: string, command: string, overrides: Record<string, string> = {}) =>
	terminal.start(name, command, {cwd: install.directory, env: {...environment(), ...overrides}});

async function authfix(...args: string[]) {
	const {stdout} = await run(install.bin, args, {env: environment(), timeout: 30_000});
	return stdout;
}

const spinner = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

/**
What an 80-column screen really holds: lines the terminal wrapped are joined again (-J), so a line
wider than the pane or an id cut across two lines shows.
*/
async function checkEightyColumns(name: string) {
	const joined = await terminal.screen(name, {joined: true});
	for (const line of joined.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
	// No line ends in a stump of an id: a hard wrap inside a GUID would leave one.
	for (const line of joined.split('\n')) {
		const stump = /[0-9a-f]{8}-(?:[0-9a-f]{4}-){0,3}[0-9a-f]{0,11}$/.exec(line)?.[0];
		if (stump) expect(stump.length, joined).toBe(36);
	}
}

/** Presses Enter whenever the screen offers it and nothing spins, until the replay is verified; every screen seen. */
async function enterUntilVerified(name: string): Promise<{text: string; seen: string[]}> {
	let text = '';
	const seen: string[] = [];
	for (let index = 0; index < 12; index++) {
		text = await waitForScreen(name, current => !spinner.test(current) && /(^|\n)Enter /.test(current));
		await checkEightyColumns(name);
		seen.push(text);
		if (text.includes('✓ Verified: the failing call now succeeds.')) break;
		await tmux('send-keys', '-t', name, 'Enter');
		const previous = text;
		await waitForScreen(name, current => current !== previous);
	}

	return {text, seen};
}

describe('authfix demo in a real terminal', () => {
	test('Enter alone takes tenant-mismatch to the verified fix; the session is saved', async () => {
		await start('walk', 'npx authfix demo tenant-mismatch');
		const {text} = await enterUntilVerified('walk');

		expect(text).toContain('✓ Verified: the failing call now succeeds.');
		// The summary's report command on a line of its own, whole at 80 columns (it wrapped mid-id before).
		expect(text).toMatch(/^\s+authfix sessions export \S+ --format md\s*$/m);
		for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
		await tmux('send-keys', '-t', 'walk', 'Enter');
		const after = await waitForScreen('walk', current => current.includes('EXIT:'));
		expect(after).toContain('EXIT:0');
		expect(after).toMatch(/Session \S+ saved \(fixed\)/);
		// The report's command on a line of its own, whole at 80 columns (the terminal does not wrap it).
		expect(after).toMatch(/^Report: authfix sessions export \S+ --format md$/m);

		const list = JSON.parse(await authfix('sessions', 'list', '--json')) as Array<Record<string, string>>;
		expect(list[0]).toMatchObject({scenario: 'tenant-mismatch', outcome: 'fixed'});
		expect(Object.keys(list[0]!).sort()).toEqual(['id', 'outcome', 'scenario', 'startedAt']);
		const markdown = await authfix('sessions', 'export', list[0]!.id!, '--format', 'md');
		expect(markdown).toContain('InvalidAuthenticationTokenTenant');
		expect(markdown).toContain('before: HTTP 401 (error InvalidAuthenticationTokenTenant)');
		expect(markdown).toContain('after: HTTP 200');
		expect(markdown).not.toMatch(/eyJ[\w-]{10,}\./);
	}, 180_000);

	test("Enter alone takes github-oidc-subject-mismatch to the verified fix: the job's token checked, the exact record added", async () => {
		await start('github', 'npx authfix demo github-oidc-subject-mismatch');
		const {text, seen} = await enterUntilVerified('github');

		expect(text).toContain('✓ Verified: the failing call now succeeds.');
		const screens = seen.join('\n');
		expect(screens).toContain('AADSTS700213');
		expect(screens).toContain('az ad app federated-credential create');
		for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
		await tmux('send-keys', '-t', 'github', 'Enter');
		const after = await waitForScreen('github', current => current.includes('EXIT:'));
		expect(after).toContain('EXIT:0');
		const list = JSON.parse(await authfix('sessions', 'list', '--json')) as Array<Record<string, string>>;
		expect(list.find(item => item.scenario === 'github-oidc-subject-mismatch')?.outcome).toBe('fixed');
		const markdown = await authfix(
			'sessions',
			'export',
			list.find(item => item.scenario === 'github-oidc-subject-mismatch')!.id!,
			'--format',
			'md',
		);
		expect(markdown).toContain('repo:contoso/webapp:environment:production');
		expect(markdown).toContain('before: HTTP 401 (error AADSTS700213)');
		expect(markdown).toContain('after: HTTP 200');
		expect(markdown).not.toMatch(/eyJ[\w-]{10,}\./);
	}, 180_000);

	test('Ctrl-C mid-walk leaves the terminal usable, exits 130 and saves the session as abandoned', async () => {
		await start('interrupt', 'npx authfix demo no-rbac');
		await waitForScreen('interrupt', current => current.includes('Enter continue'));
		await tmux('send-keys', '-t', 'interrupt', 'C-c');
		const after = await waitForScreen('interrupt', current => current.includes('STTY:'));
		expect(after).toContain('EXIT:130');
		expect(after).toContain('STTY:icanon echo');
		expect(after).toMatch(/Session \S+ saved \(abandoned\)/);
		const list = JSON.parse(await authfix('sessions', 'list', '--json')) as Array<Record<string, string>>;
		expect(list.find(item => item.scenario === 'no-rbac')?.outcome).toBe('abandoned');
	}, 180_000);

	test('a walk that reached its verified fix is saved as fixed however it is left: Esc from the summary, then Ctrl-C', async () => {
		await start('leave', 'npx authfix demo fic-cross-tenant');
		// Every screen at 80 columns (the federated-credential JSON too) is checked on the way.
		const {text} = await enterUntilVerified('leave');
		expect(text).toContain('✓ Verified: the failing call now succeeds.');
		await tmux('send-keys', '-t', 'leave', 'Escape');
		await waitForScreen('leave', current => current.includes('Verify:'));
		await tmux('send-keys', '-t', 'leave', 'C-c');
		const after = await waitForScreen('leave', current => current.includes('STTY:'));
		expect(after).toContain('EXIT:130');
		expect(after).toContain('STTY:icanon echo');
		expect(after).toMatch(/Session \S+ saved \(fixed\)/);
		const list = JSON.parse(await authfix('sessions', 'list', '--json')) as Array<Record<string, string>>;
		expect(list.find(item => item.scenario === 'fic-cross-tenant')?.outcome).toBe('fixed');
	}, 180_000);

	test('a data folder that cannot be opened: the troubleshooter still runs, and the end says nothing was saved', async () => {
		const {writeFile} = await import('node:fs/promises');
		const notAFolder = path.join(directory, 'not-a-folder');
		await writeFile(notAFolder, '');
		await start('unsaved', 'npx authfix', {AUTHFIX_DATA_DIR: path.join(notAFolder, 'data')});
		await waitForScreen('unsaved', current => current.includes('Paste an error'));
		await tmux('send-keys', '-t', 'unsaved', 'Down');
		await tmux('send-keys', '-t', 'unsaved', 'Down');
		await waitForScreen('unsaved', current => current.includes('❯ Run a health check'));
		await tmux('send-keys', '-t', 'unsaved', 'Enter');
		await waitForScreen('unsaved', current => current.includes('Looking at the Azure CLI sign-in'));
		await tmux('send-keys', '-t', 'unsaved', 'q');
		const after = await waitForScreen('unsaved', current => current.includes('EXIT:'));
		expect(after).toContain('EXIT:0');
		expect(after).toMatch(/authfix: sessions cannot be saved: ENOTDIR/);
		expect(after).not.toMatch(/\bat .*\.js:\d+/);
	}, 60_000);

	test('q while the sandbox starts ends the process (the sandbox is stopped)', async () => {
		await start('early', 'npx authfix demo aux-token');
		await waitForScreen(
			'early',
			current => current.includes('authfix demo') || current.includes('Starting the sandbox'),
		);
		await tmux('send-keys', '-t', 'early', 'q');
		const after = await waitForScreen('early', current => current.includes('EXIT:'), 15_000);
		expect(after).toContain('EXIT:0');
	}, 60_000);
});
