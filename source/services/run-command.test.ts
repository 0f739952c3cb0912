import {describe, expect, test} from 'vitest';
import {node22} from '../../test/fakes/run-cli.ts';
import {commandLine, compareRuns, diagnoseRun, isReadOnly, type RunSnapshot, runCommand} from './run-command.ts';

const env = {PATH: '/usr/bin:/bin'};

describe('isReadOnly', () => {
	test.each([
		[['az', 'group', 'list'], true],
		[['az', 'account', 'show', '--output', 'json'], true],
		[['az', 'account', 'get-access-token', '--tenant', 't'], true],
		[['/usr/bin/az', 'aks', 'get-credentials', '-n', 'x'], true],
		[['az.cmd', 'keyvault', 'secret', 'show', '--name', 'x'], true],
		[['az', 'rest', '--url', 'https://management.azure.com/subscriptions'], true],
		[['az', 'rest', '--method', 'get', '--url', 'u'], true],
		[['az', 'rest', '-m', 'HEAD', '--url', 'u'], true],
		[['az', 'rest', '--method', 'put', '--url', 'u'], false],
		[['az', 'group', 'create', '-n', 'x', '-l', 'westeurope'], false],
		[['az', 'login', '--service-principal'], false],
		[['az', 'list'], false],
		[['terraform', 'plan', '-out', 'plan.tfplan'], true],
		[['terraform', '-chdir=infra', 'plan'], true],
		[['terraform', 'apply'], false],
		[['azd', 'up'], false],
		[['./deploy.sh'], false],
	])('%j → %s', (argv, expected) => {
		expect(isReadOnly(argv)).toBe(expected);
	});
});

test('commandLine quotes what a shell would split', () => {
	expect(commandLine(['az', 'rest', '--url', 'https://x/y?a=1&b=2', '--body', `{"k": "it's"}`])).toBe(
		`az rest --url 'https://x/y?a=1&b=2' --body '{"k": "it'\\''s"}'`,
	);
});

describe('compareRuns: exit code and error before and after', () => {
	const failed: RunSnapshot = {
		exitCode: 1,
		status: 401,
		errorCode: 'InvalidAuthenticationTokenTenant',
		family: 'arm-token-tenant-mismatch',
	};
	test('fixed, still failing, now forbidden', () => {
		expect(compareRuns(failed, {exitCode: 0, status: null, errorCode: null, family: null})).toEqual({
			outcome: 'fixed',
			detail: 'The command succeeds now: exit 1 (InvalidAuthenticationTokenTenant) before, exit 0 now.',
		});
		expect(compareRuns(failed, failed).outcome).toBe('still-failing');
		expect(
			compareRuns(failed, {exitCode: 1, status: 403, errorCode: 'AuthorizationFailed', family: 'authorization-failed'}),
		).toMatchObject({outcome: 'now-forbidden', detail: expect.stringContaining('exit 1 (AuthorizationFailed) now')});
	});
});

describe('runCommand', () => {
	test('output is passed through byte for byte as it comes, and kept in arrival order', async () => {
		const passed: Array<[string, Buffer]> = [];
		// "é" split across two writes: whoever decodes chunk by chunk breaks it.
		const script =
			"process.stdout.write(Buffer.from([0xc3])); setTimeout(() => { process.stdout.write(Buffer.from([0xa9, 0x0a])); process.stderr.write('err\\n'); process.exit(3); }, 50);";
		const run = await runCommand([node22, '-e', script], {
			env,
			cwd: '/',
			passThrough: (stream, bytes) => passed.push([stream, Buffer.from(bytes)]),
		});
		expect(run.exitCode).toBe(3);
		expect(run.interrupted).toBe(false);
		expect(Buffer.concat(passed.filter(([stream]) => stream === 'stdout').map(([, bytes]) => bytes))).toEqual(
			Buffer.from('é\n'),
		);
		expect(passed.length).toBeGreaterThanOrEqual(3);
		expect(run.output).toBe('é\nerr\n');
	});

	test('a signal ends it: the shell status 128 + n, marked as interrupted; not found: 127', async () => {
		const killed = await runCommand([node22, '-e', "process.kill(process.pid, 'SIGTERM')"], {env, cwd: '/'});
		expect(killed).toMatchObject({exitCode: 143, interrupted: true});
		const missing = await runCommand(['authfix-no-such-command'], {env, cwd: '/'});
		expect(missing).toMatchObject({exitCode: 127, startError: 'authfix-no-such-command: command not found'});
	});
});

describe('diagnoseRun', () => {
	test('a success is not diagnosed; a failure is read as an artifact or a paste', () => {
		expect(diagnoseRun({exitCode: 0, interrupted: false, output: 'AADSTS700016: x'}, 0).recognised).toBe(false);
		const paste = diagnoseRun(
			{exitCode: 1, interrupted: false, output: "ERROR: AADSTS700016: Application with identifier 'x' was not found"},
			0,
		);
		expect(paste).toMatchObject({recognised: true, snapshot: {exitCode: 1, errorCode: 'AADSTS700016'}});
		expect(paste.artifact).toBeUndefined();
	});
});
