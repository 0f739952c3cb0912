import path from 'node:path';
import {describe, expect, test} from 'vitest';
import packageJson from '../../package.json' with {type: 'json'};
import {runBuilt} from '../fakes/run-cli.ts';
import {repositoryRoot} from '../support/packed.ts';

async function authfix(args: string[], input = '') {
	const result = await runBuilt(
		args,
		{
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			AUTHFIX_DATA_DIR: path.join(repositoryRoot, '.tmp/cli-test-data'),
		},
		{input},
	);
	return {status: result.code, stdout: result.stdout, stderr: result.stderr};
}

describe('the command line root', () => {
	test('--version and --version --json', async () => {
		expect(await authfix(['--version'])).toMatchObject({status: 0, stdout: `${packageJson.version}\n`});
		expect(JSON.parse((await authfix(['--version', '--json'])).stdout)).toEqual({version: packageJson.version});
	});

	test('--help lists every command and the exit codes; help TOPIC shows that command', async () => {
		const help = await authfix(['--help']);
		expect(help.status).toBe(0);
		for (const name of ['explain', 'decode', 'check', 'tenant', 'replay', 'cache', 'sessions', 'sandbox', 'demo']) {
			expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
		}

		expect(help.stdout).toContain('Exit codes: 0 success, 1 a problem found, 2 usage or input error.');
		const topic = await authfix(['help', 'explain']);
		expect(topic.status).toBe(0);
		expect(topic.stdout).toContain('authfix explain');
	});

	test('no command without a terminal prints guidance and never waits for keys', async () => {
		const result = await authfix([]);
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/authfix/);
		expect(result.stdout).not.toContain('\u001B[');
	});

	test('usage errors are one line, exit 2, no stack trace, and pasted escapes are neutralised', async () => {
		for (const args of [['bogus\u001B[2J'], ['--json'], ['check', '--timeout', 'soon'], ['explain', '--cloud']]) {
			const result = await authfix(args);
			expect(result.status, args.join(' ')).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
			expect(result.stderr).toMatch(/^authfix: /);
			expect(result.stderr).not.toMatch(/\u001B|\n\s+at /);
		}
	});

	test('an error message that quotes what was given redacts the secrets in it', async () => {
		const password = 'Zq4vT9mWx2LpR7kN';
		for (const args of [
			[`bogus-HTTPS_PROXY=http://alice:${password}@proxy:3128`],
			['sessions', 'show', 'latest', `HTTPS_PROXY=http://alice:${password}@proxy:3128`],
		]) {
			const result = await authfix(args);
			expect(result.status, args.join(' ')).toBe(2);
			expect(result.stderr).toContain('alice:[redacted]@proxy:3128');
			expect(result.stderr).not.toContain(password);
		}
	});

	test('standard input larger than a command takes is refused with exit 2, not buffered whole', async () => {
		const result = await authfix(['explain'], 'x'.repeat(6 * 1024 * 1024));
		expect(result.status).toBe(2);
		expect(result.stderr).toBe('authfix: explain: the error text is larger than 4 MiB\n');
	});

	test('an unknown --cloud name is an input error', async () => {
		const result = await authfix(['tenant', '33333333-3333-3333-3333-333333333333', '--cloud', 'Mars']);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain("unknown cloud 'Mars'");
	});
});
