import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type CliRun, runBuilt} from '../fakes/run-cli.ts';
import {audiences, mintToken} from '../support/mint.ts';
import {repositoryRoot} from '../support/packed.ts';

let home: string;

type Result = CliRun;

function authfix(
	args: readonly string[],
	options: {input?: string; env?: Record<string, string>} = {},
): Promise<Result> {
	return runBuilt(
		args,
		{PATH: process.env.PATH ?? '', HOME: home, AZURE_CONFIG_DIR: home, ...options.env},
		{...(options.input === undefined ? {} : {input: options.input})},
	);
}

/** Asserts that no part of the token (header, payload or signature) appears in the output. */
function expectNoToken(result: Result, token: string) {
	for (const part of token.split('.').filter(part => part.length >= 16)) {
		expect(result.stdout).not.toContain(part.slice(0, 16));
		expect(result.stderr).not.toContain(part.slice(0, 16));
	}
}

beforeAll(async () => {
	home = await mkdtemp(path.join(tmpdir(), 'authfix-decode-'));
});

afterAll(async () => {
	await rm(home, {recursive: true, force: true});
});

describe('authfix decode', () => {
	test('a valid access token as an argument: exit 0, explained, token never printed', async () => {
		const {token} = await mintToken({version: '1.0', audience: audiences.arm});
		const result = await authfix(['decode', token]);
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toMatch(/^Access token \(v1\.0\) sha256:[0-9a-f]{8}\n/);
		expect(result.stdout).toContain('Azure Resource Manager, AzureCloud');
		expect(result.stdout).toContain('• v1-token:');
		expectNoToken(result, token);
	});

	test('an expired token: exit 1 with the expired finding', async () => {
		const {token} = await mintToken({expiresIn: -7200});
		const result = await authfix(['decode', token]);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/✗ expired: Expired 2 h ago/);
		expectNoToken(result, token);
	});

	test('--json: exactly one JSON document with the documented shape', async () => {
		const {token, claims, header} = await mintToken({kind: 'id'});
		const result = await authfix(['decode', '--json', token]);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('');
		expect(result.stdout.endsWith('}\n')).toBe(true);
		expect(result.stdout.trim().split('\n')).toHaveLength(1);
		const document = JSON.parse(result.stdout);
		expect(document).toMatchObject({
			kind: 'id',
			version: '2.0',
			signature: {verified: null, reason: expect.stringContaining('--verify')},
		});
		expect(document.claims.oid).toBe(claims.oid);
		expect(document.header).toEqual(header);
		expect(document.findings).toContainEqual({id: 'id-token', severity: 'error', message: expect.any(String)});
		expect(document.explained.map((entry: {claim: string}) => entry.claim)).toEqual(Object.keys(claims));
		expectNoToken(result, token);
	});

	test('standard input, "-", a Bearer prefix and --file', async () => {
		const {token} = await mintToken();
		for (const [args, input] of [
			[['decode'], `${token}\n`],
			[['decode', '-'], `Authorization: Bearer ${token}`],
			[['decode', '--json'], JSON.stringify({accessToken: token, tokenType: 'Bearer'})],
		] as const) {
			const result = await authfix(args, {input});
			expect(result.code, args.join(' ')).toBe(0);
			expectNoToken(result, token);
		}

		const file = path.join(home, 'token.txt');
		await writeFile(file, `Bearer ${token}\n`);
		const fromFile = await authfix(['decode', '--json', '--file', file]);
		expect(fromFile.code).toBe(0);
		expect(JSON.parse(fromFile.stdout).kind).toBe('access');
	});

	test.each([
		['empty input', [], '', /the token is empty/],
		['two parts', ['eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ'], '', /found 2/],
		['a JWE', ['eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.YWJj.YWJj.YWJj.YWJj'], '', /encrypted token \(JWE\)/],
		['bad base64url', ['eyJhbGciOiJSUzI1NiJ9.a+b/c.sig'], '', /not base64url/],
		['binary on stdin', ['decode'].slice(1), '\u0000\u00ff\u0001garbage', /cannot appear in a token|three parts/],
		['megabytes on stdin', [], 'eyJ'.padEnd(2 * 1024 * 1024, 'A'), /larger than 64 KiB/],
		['an unknown flag', ['--frobnicate'], '', /Unknown option/],
	])('%s: exit 2, one line on stderr, nothing on stdout', async (_name, args, input, message) => {
		const result = await authfix(['decode', ...args], {input});
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(message);
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	test('--verify with an unknown --cloud is a usage error, not a silent fallback', async () => {
		const {token} = await mintToken();
		const result = await authfix(['decode', '--verify', '--cloud', 'Nowhere', token]);
		expect(result).toMatchObject({code: 2, stdout: ''});
		expect(result.stderr).toMatch(/^authfix: decode: --cloud: unknown cloud 'Nowhere'/);
	});

	test('the usage text documents the exit codes', async () => {
		const result = await authfix(['decode', '--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/Exit codes\n\s+0 {2}decoded, and no error-severity finding/);
	});
});

test('the decode chunk loads neither React, Ink nor @azure/identity', async () => {
	const meta = JSON.parse(await readFile(path.join(repositoryRoot, '.tmp', 'build-meta.json'), 'utf8')) as {
		outputs: Record<
			string,
			{entryPoint?: string; imports: {path: string; kind: string}[]; inputs: Record<string, unknown>}
		>;
	};
	const outputs = meta.outputs;
	const decodeChunk = Object.keys(outputs).find(name =>
		Object.keys(outputs[name]!.inputs).includes('source/commands/decode.ts'),
	);
	expect(decodeChunk).toBeDefined();
	const seen = new Set<string>();
	const pending = [decodeChunk!];
	while (pending.length > 0) {
		const name = pending.pop()!;
		if (seen.has(name)) continue;
		seen.add(name);
		for (const imported of outputs[name]!.imports) {
			if (imported.kind === 'import-statement' && outputs[imported.path]) pending.push(imported.path);
		}
	}

	const inputs = [...seen].flatMap(name => Object.keys(outputs[name]!.inputs));
	expect(inputs).toContain('source/token/analyze.ts');
	expect(inputs.filter(input => /node_modules\/(react|ink|@inkjs|@azure\/identity|@azure\/msal)/.test(input))).toEqual(
		[],
	);
});
