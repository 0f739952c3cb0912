/**
`authfix run` in a real terminal (tmux), the built CLI: the command's output streams through while
it runs; on a recognised failure the troubleshooter opens at the family's step with the ids filled
in, asks before it may run a command that is not read-only again, and its verification runs it
again and compares exit codes; the saved session holds none of the secrets its output had.
*/
import {chmod, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {builtCli, node22, runBuilt} from '../fakes/run-cli.ts';
import {expectNoSecrets, mintSecrets, readFixture, type Secrets, secretValues} from '../support/artifacts.ts';
import {type Tmux, tmuxIn} from '../support/tmux.ts';

let directory: string;
let terminal: Tmux;
let secrets: Secrets;

const environment = () => ({
	PATH: [path.join(directory, 'bin'), path.dirname(node22), '/usr/bin', '/bin'].join(':'),
	HOME: directory,
	TERM: 'xterm-256color',
	AUTHFIX_DATA_DIR: path.join(directory, 'data'),
	NO_COLOR: '1',
});

const authfix = (args: readonly string[]) => runBuilt(args, environment(), {cwd: directory});

/**
A program on PATH that prints `first` and waits for the file `go` (so a test sees that its output
arrives while it runs), then prints `log` to stderr and fails; once `fixed` exists, it succeeds.
*/
async function program(name: string, log: string): Promise<void> {
	const logFile = path.join(directory, `${name}.log`);
	await writeFile(logFile, log);
	const file = path.join(directory, 'bin', name);
	await writeFile(
		file,
		[
			`#!${node22}`,
			"import {existsSync, readFileSync} from 'node:fs';",
			`const here = ${JSON.stringify(directory)};`,
			// biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated script, not of this file
			'if (existsSync(`${here}/fixed`)) { process.stdout.write(\'{"ok":true}\\n\'); process.exit(0); }',
			"process.stdout.write('first\\n');",
			// biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated script, not of this file
			'const wait = () => existsSync(`${here}/go`) ? done() : setTimeout(wait, 20);',
			`const done = () => { process.stderr.write(readFileSync(${JSON.stringify(logFile)}, 'utf8')); process.exit(1); };`,
			'wait();',
		].join('\n'),
	);
	await chmod(file, 0o755);
}

beforeAll(async () => {
	directory = await mkdtemp(path.join(os.tmpdir(), 'authfix-run-tmux-'));
	await mkdir(path.join(directory, 'bin'));
	terminal = tmuxIn(directory);
	secrets = await mintSecrets();
});

afterAll(async () => {
	await terminal.stop();
	await rm(directory, {recursive: true, force: true});
});

/** The part of the screen authfix drew (from its first line on): the command's own output above it is the user's. */
function authfixPart(screen: string): string {
	const at = screen.indexOf('authfix: `');
	return at === -1 ? screen : screen.slice(at);
}

describe('authfix run in a terminal', () => {
	test('streams the output, opens the step of the error, asks before running it again, verifies the fix', async () => {
		// az --debug of a login refused (AADSTS7000215), with what az prints in clear: the secret on its
		// command line, an authorization code, a token on stdout.
		const log = [
			`DEBUG: cli.knack.cli: Command arguments: ['login', '--service-principal', '-u', 'app', '-p', '${secrets.clientSecret}', '--debug']`,
			`DEBUG: msal.oauth2cli.authcode: Got auth response: {'code': '${secrets.code}', 'state': 'x'}`,
			await readFixture('az-debug/local-az2.45-login-sp-401-invalid-client.txt'),
			`{"accessToken": "${secrets.armToken}", "refreshToken": "${secrets.refreshToken}"}`,
		].join('\n');
		await program('deploy', log);
		await terminal.start('walk', `${node22} ${builtCli} run -- deploy --stage prod`, {
			cwd: directory,
			env: environment(),
		});
		// Its first line is on the screen while it still runs (it waits for `go`): streamed, not buffered.
		await terminal.waitForScreen('walk', screen => screen.includes('first'));
		await writeFile(path.join(directory, 'go'), '');
		const asked = await terminal.waitForScreen('walk', screen => screen.includes('[y/N]'));
		expect(authfixPart(asked)).toMatch(
			/^authfix: `deploy --stage prod` failed \(exit 1\): Invalid client secret: the\n +value sent is not a current secret of the app\nTo verify a fix, authfix runs `deploy --stage prod` again, which may change\n +something. Run it again then\? \[y\/N\]/,
		);
		await terminal.tmux('send-keys', '-t', 'walk', 'y', 'Enter');

		const fix = await terminal.waitForScreen('walk', screen => screen.includes('Fix: Use a valid client secret'));
		expect(fix).toContain('authfix · step 1 · aadsts-7000215');
		expect(fix).toContain('az ad app credential reset --id 00000000-0000-0000-0000-000000000001');
		expectNoSecrets(fix.slice(fix.indexOf('authfix · step')), secretValues(secrets));

		// The fix, made by the user; Enter: done, verify by running the command again.
		await writeFile(path.join(directory, 'fixed'), '');
		await terminal.tmux('send-keys', '-t', 'walk', 'Enter');
		const verified = await terminal.waitForScreen('walk', screen => screen.includes('✓ Fixed'));
		expect(verified).toContain('$ deploy --stage prod');
		expect(verified).toMatch(/before +exit 1 +AADSTS7000215/);
		expect(verified).toMatch(/after +exit 0/);
		await terminal.tmux('send-keys', '-t', 'walk', 'Enter');
		await terminal.waitForScreen('walk', screen => screen.includes('Verified: the failing call now succeeds'));
		await terminal.tmux('send-keys', '-t', 'walk', 'Enter');
		// STTY is printed after EXIT: wait for it, or a loaded machine shows EXIT alone.
		const after = await terminal.waitForScreen('walk', screen => screen.includes('STTY:'));
		expect(after).toContain('EXIT:0');
		expect(after).toContain('STTY:icanon echo');
		expect(after).toMatch(/Session \S+ saved \(fixed\)/);

		const markdown = await authfix(['sessions', 'export', 'latest', '--format', 'md']);
		expect(markdown.stdout).toContain('- command: `deploy --stage prod`');
		expect(markdown.stdout).toContain('- before: exit 1, HTTP 401 (error AADSTS7000215)');
		expect(markdown.stdout).toContain('- after: exit 0');
		const json = await authfix(['sessions', 'export', 'latest', '--format', 'json']);
		expectNoSecrets(markdown.stdout + json.stdout, secretValues(secrets));
	}, 120_000);

	test('a read-only command is not asked about; q leaves with exit 1 and the terminal usable', async () => {
		await program('az', await readFixture('az-debug/local-az2.45-group-list-403.txt'));
		await rm(path.join(directory, 'fixed'), {force: true});
		await terminal.start('readonly', `${node22} ${builtCli} run -- az group list --debug`, {
			cwd: directory,
			env: environment(),
		});
		const opened = await terminal.waitForScreen('readonly', screen => screen.includes('authfix · step 1'));
		expect(opened).not.toContain('[y/N]');
		expect(opened).toContain('Recognised: Signed in fine, but not allowed to do this (403)');
		await terminal.tmux('send-keys', '-t', 'readonly', 'q');
		const after = await terminal.waitForScreen('readonly', screen => screen.includes('STTY:'));
		expect(after).toContain('EXIT:1');
		expect(after).toContain('STTY:icanon echo');
	}, 60_000);
});
