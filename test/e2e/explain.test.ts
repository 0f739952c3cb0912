import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type CliRun, runBuilt} from '../fakes/run-cli.ts';
import {mintToken} from '../support/mint.ts';

let home: string;

type Result = CliRun;

function authfix(
	args: readonly string[],
	options: {input?: string; env?: Record<string, string>} = {},
): Promise<Result> {
	return runBuilt(
		args,
		{PATH: process.env.PATH ?? '', HOME: home, AZURE_CONFIG_DIR: home, ...options.env},
		{cwd: home, ...(options.input === undefined ? {} : {input: options.input})},
	);
}

/** stdout is exactly one JSON document (and a newline). */
function parseOneDocument(stdout: string): {findings: Array<Record<string, unknown>>} {
	expect(stdout.endsWith('\n')).toBe(true);
	const document = JSON.parse(stdout) as {findings: Array<Record<string, unknown>>};
	expect(`${JSON.stringify(document)}\n`).toBe(stdout);
	return document;
}

const tokenTenant = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const subscriptionTenant = 'a602cbf4-21c3-4761-b54e-acf397842b82';
const wrongTenant = `(InvalidAuthenticationTokenTenant) The access token is from the wrong issuer 'https://sts.windows.net/${tokenTenant}/'. It must match the tenant 'https://sts.windows.net/${subscriptionTenant}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${subscriptionTenant}' to get the token.`;

beforeAll(async () => {
	home = await mkdtemp(path.join(tmpdir(), 'authfix-explain-'));
});

afterAll(async () => {
	await rm(home, {recursive: true, force: true});
});

describe('authfix explain', () => {
	test('an argument: exit 0, the family and the filled-in fix', async () => {
		const result = await authfix(['explain', wrongTenant]);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		expect(result.stdout.split('\n')[0]).toBe("✗ Token from another tenant than the subscription's");
		expect(result.stdout).toContain('family: arm-token-tenant-mismatch');
		expect(result.stdout).toContain(`$ az login --tenant ${subscriptionTenant}`);
	});

	test('--json: exactly one document, most likely family first, entities with roles', async () => {
		const result = await authfix(['explain', '--json', wrongTenant]);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		const {findings} = parseOneDocument(result.stdout);
		expect(findings[0]).toMatchObject({
			family: 'arm-token-tenant-mismatch',
			codes: ['InvalidAuthenticationTokenTenant'],
			known: true,
			entities: {tokenTenant, subscriptionTenant},
		});
	});

	test('standard input, with and without `-`', async () => {
		for (const args of [
			['explain', '--json'],
			['explain', '-', '--json'],
		]) {
			const result = await authfix(args, {
				input: 'AADSTS700016: Application with identifier was not found in the directory.',
			});
			expect(result.code).toBe(0);
			expect(parseOneDocument(result.stdout).findings[0]?.family).toBe('aadsts-700016');
		}
	});

	test('--file, relative to the working folder', async () => {
		await writeFile(path.join(home, 'error.log'), `2024-01-01T00:00:00Z ##[error]${wrongTenant}\n`);
		const result = await authfix(['explain', '--file', 'error.log', '--json']);
		expect(result.code).toBe(0);
		expect(parseOneDocument(result.stdout).findings[0]?.family).toBe('arm-token-tenant-mismatch');
	});

	test('pastes from the public corpus through stdin: a chain dump, a form-encoded redirect, a code-less CLI error', async () => {
		const cases = [
			[
				"stderr='DefaultAzureCredential failed to retrieve a token from the included credentials.\\nAttempted credentials:\\n\\tEnvironmentCredential: EnvironmentCredential authentication unavailable. Environment variables are not fully configured.\\n\\tManagedIdentityCredential: ManagedIdentityCredential authentication unavailable, no response from the IMDS endpoint.\\n\\tAzureCliCredential: Please run 'az login' to set up an account'",
				'credential-chain-failed',
			],
			[
				'https://localhost:5001/signin-oidc#error=invalid_request&error_description=The+reply+URL+specified+in+the+request+does+not+match+the+reply+URLs+configured+for+the+application%3a+%2712345%27.',
				'aadsts-50011',
			],
			['ManagedIdentityCredential: No MSI found for specified ClientId/ResourceId', 'managed-identity-unavailable'],
		] as const;
		for (const [input, family] of cases) {
			const result = await authfix(['explain', '-', '--json'], {input});
			expect(result.code, family).toBe(0);
			expect(parseOneDocument(result.stdout).findings[0]?.family).toBe(family);
		}
	});

	test('a missing file: one line on stderr, exit 2, nothing on stdout', async () => {
		const result = await authfix(['explain', '--file', 'nope.log', '--json']);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('authfix: explain: cannot read nope.log: ENOENT\n');
	});

	test('empty input, empty file, an unknown flag: exit 2 with one line', async () => {
		await writeFile(path.join(home, 'blank.txt'), ' \n\t\n');
		for (const [args, input] of [
			[['explain'], ''],
			[['explain', '--file', 'blank.txt'], undefined],
			[['explain', '--frobnicate', 'x'], undefined],
			[['explain', 'text', '--file', 'blank.txt'], undefined],
		] as const) {
			const result = await authfix(args, {input});
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toMatch(/^authfix: explain: [^\n]+\n$/);
		}
	});

	test('nothing recognised: exit 1 and {"findings":[]}', async () => {
		const result = await authfix(['explain', '--json', 'the build is green and all tests passed']);
		expect(result.code).toBe(1);
		expect(parseOneDocument(result.stdout)).toEqual({findings: []});
		const human = await authfix(['explain', 'the build is green and all tests passed']);
		expect(human.code).toBe(1);
		expect(human.stdout).toMatch(/^No sign of an Azure or Entra authentication failure/);
	});

	test('an auth failure outside every family: exit 1, one `other` finding', async () => {
		const result = await authfix([
			'explain',
			'--json',
			'WWW-Authenticate: Bearer error="invalid_token", error_description="The issuer \'(null)\' is invalid"',
		]);
		expect(result.code).toBe(1);
		const {findings} = parseOneDocument(result.stdout);
		expect(findings).toHaveLength(1);
		expect(findings[0]).toMatchObject({family: 'other', known: false});
	});

	test('an unknown AADSTS code: exit 0, known:false, the official lookup', async () => {
		const result = await authfix(['explain', '--json', 'AADSTS9999991: something new']);
		expect(result.code).toBe(0);
		expect(parseOneDocument(result.stdout).findings[0]).toMatchObject({family: 'aadsts-9999991', known: false});
	});

	test('escape sequences and tokens in the paste never reach the terminal', async () => {
		const {token} = await mintToken({});
		const paste = `\u001B]0;owned\u0007\u001B[2J${wrongTenant}\nAuthorization: Bearer ${token}\n\u001B]8;;http://evil\u001B\\link\u001B]8;;\u001B\\ \u009B31m`;
		for (const args of [['explain'], ['explain', '--json']]) {
			const result = await authfix(args, {input: paste, env: {FORCE_COLOR: '1', NO_COLOR: ''}});
			expect(result.code).toBe(0);
			expect(result.stdout).not.toMatch(/\u001B\]|\u001B\[2J|\u0007|\u009B/);
			// The only escape sequences left are authfix's own colours, and the text mode has them.
			expect(result.stdout).not.toMatch(/\u001B(?!\[[0-9;]*m)/);
			if (!args.includes('--json')) expect(result.stdout).toMatch(/^\u001B\[1m✗ /);
			for (const part of token.split('.')) expect(result.stdout).not.toContain(part.slice(0, 16));
		}
	});

	test('--help documents input, the `other` family and the exit codes', async () => {
		const result = await authfix(['explain', '--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('--file PATH');
		expect(result.stdout).toContain('"other"');
		expect(result.stdout).toMatch(/0 {2}something specific was recognised/);
		expect(result.stdout).toMatch(/2 {2}usage or input error/);
	});
});
