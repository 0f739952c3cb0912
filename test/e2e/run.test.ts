/**
`authfix run` as built, without a terminal: the wrapped command's output passes through, its exit
code is kept when nothing is recognised; a recognised failure gives the diagnosis (stderr) or one
JSON document (stdout), and --yes runs it again to compare. No secret its output or its command
line holds reaches the document.
*/
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {node22, runBuilt} from '../fakes/run-cli.ts';
import {
	artifactFolder,
	artifactIds,
	expectNoSecrets,
	mintSecrets,
	readFixture,
	type Secrets,
	secretValues,
} from '../support/artifacts.ts';

let folder: Awaited<ReturnType<typeof artifactFolder>>;
let home: string;
let secrets: Secrets;

function authfix(args: readonly string[]) {
	return runBuilt(args, {PATH: [path.dirname(node22), '/usr/bin', '/bin'].join(':'), HOME: home}, {cwd: home});
}

/**
A command that prints `file` to stderr and `[]` to stdout, then exits with `code`; with `fixAfter`,
only its first run fails (a marker file remembers it) and later runs succeed.
*/
async function command(name: string, file: string, options: {code?: number; fixAfter?: boolean} = {}) {
	const script = path.join(home, `${name}.mjs`);
	await writeFile(
		script,
		[
			"import {existsSync, readFileSync, writeFileSync} from 'node:fs';",
			`const marker = ${JSON.stringify(path.join(home, `${name}.ran`))};`,
			`if (${options.fixAfter === true} && existsSync(marker)) { process.stdout.write('{"ok":true}\\n'); process.exit(0); }`,
			"writeFileSync(marker, '');",
			"process.stdout.write('[]\\n');",
			`process.stderr.write(readFileSync(${JSON.stringify(file)}, 'utf8'));`,
			`process.exit(${options.code ?? 1});`,
		].join('\n'),
	);
	return [node22, script];
}

const artifact = (name: string, text: string) => folder.write(name, text);

beforeAll(async () => {
	folder = await artifactFolder('run');
	home = folder.directory;
	secrets = await mintSecrets();
});

afterAll(() => folder.remove());

describe('authfix run without a terminal', () => {
	test('a success: its output as it was, exit 0, nothing added', async () => {
		const result = await authfix(['run', '--', 'sh', '-c', 'printf "out é\\n"; printf "err\\n" >&2']);
		expect(result).toMatchObject({code: 0, stdout: 'out é\n', stderr: 'err\n'});
	});

	test('a failure with nothing recognised: its exit code is kept, one line says so', async () => {
		const result = await authfix(['run', '--', 'sh', '-c', 'echo building; echo "disk full" >&2; exit 3']);
		expect(result.code).toBe(3);
		expect(result.stdout).toBe('building\n');
		expect(result.stderr).toMatch(
			/^disk full\nauthfix: `sh -c 'echo building; .*` failed \(exit 3\); nothing in its output/,
		);
	});

	test('listed in --help, with its own --help', async () => {
		expect((await authfix(['--help'])).stdout).toMatch(
			/^ {2}run +run a command; when it fails with a sign-in or access error/m,
		);
		const help = await authfix(['run', '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('authfix run [--yes] [--json] -- <command> [arguments…]');
	});

	test('not found: 127 and why; no command after --, or no --: usage', async () => {
		expect(await authfix(['run', '--', 'authfix-no-such-command'])).toMatchObject({
			code: 127,
			stderr: 'authfix run: authfix-no-such-command: command not found\n',
		});
		expect((await authfix(['run', '--'])).code).toBe(2);
		expect(await authfix(['run', 'az', 'group', 'list'])).toMatchObject({
			code: 2,
			stderr: expect.stringContaining('put the command after --'),
		});
	});

	test('az --debug output of a 403: the diagnosis on stderr after its output, exit 1', async () => {
		const log = await artifact('group-list.log', await readFixture('az-debug/local-az2.45-group-list-403.txt'));
		const result = await authfix(['run', '--', ...(await command('group-list', log, {code: 1}))]);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('[]\n');
		const [commandOutput, diagnosis] = result.stderr.split('\nFrom the az --debug output');
		expect(commandOutput).toContain('Response status: 403');
		expect(diagnosis).toContain('family: authorization-failed');
		expect(result.stderr).toContain('add --yes to run');
	});

	test('--json: one document on stdout, the command output on stderr; --yes runs it again', async () => {
		const log = await artifact(
			'python.log',
			await readFixture('python-sdk/local-azure-core1.26-identity-arm-403-token-in-clear.txt', {
				token: secrets.armToken,
			}),
		);
		const argv = await command('python', log, {code: 5, fixAfter: true});
		const result = await authfix(['run', '--json', '--yes', '--', ...argv, '--client-secret', secrets.clientSecret]);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toContain('[]\n');
		expect(result.stderr).toContain('{"ok":true}');
		const document = JSON.parse(result.stdout) as Record<string, unknown>;
		expect(`${JSON.stringify(document)}\n`).toBe(result.stdout);
		expect(document).toMatchObject({
			readOnly: false,
			exitCode: 5,
			recognised: true,
			findings: [{family: 'authorization-failed'}],
			artifact: {
				kind: 'python-sdk',
				failing: {method: 'GET', status: 403},
				sentToken: {claims: {tid: artifactIds.tokenTenant}},
			},
			rerun: {exitCode: 0, errorCode: null, outcome: 'fixed'},
		});
		expect(document.command).toMatch(/--client-secret '?\[redacted/);
		// The command's own output (its log) goes to stderr untouched; the document holds no secret.
		expectNoSecrets(result.stdout, secretValues(secrets));
	});

	test('--json without --yes: not run again (rerun null), exit 1', async () => {
		const log = await artifact('terraform.log', await readFixture('terraform/made-azurerm3.x-403-single-record.txt'));
		const result = await authfix(['run', '--json', '--', ...(await command('terraform', log, {code: 1}))]);
		expect(result.code).toBe(1);
		expect(JSON.parse(result.stdout)).toMatchObject({
			exitCode: 1,
			recognised: true,
			artifact: {kind: 'terraform-debug', failing: {method: 'PUT', status: 403}},
			rerun: null,
		});
	});
});
