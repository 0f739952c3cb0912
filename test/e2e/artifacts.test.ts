/**
The built CLI on artifacts: `explain --file` (and stdin) on a made HAR of a failed sign-in, az
--debug output, a Terraform debug log and a Python SDK log with a token in clear; `replay --from`'s
refusals. Every secret spliced into the artifacts (tokens, cookies, codes, the client secret, the
refresh token, SAMLResponse, the password, ESTS session fields) is checked against every output.
*/
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {runBuilt} from '../fakes/run-cli.ts';
import {
	artifactFolder,
	artifactIds,
	expectNoSecrets,
	mintSecrets,
	readFixture,
	type Secrets,
	secretValues,
	signInHar,
} from '../support/artifacts.ts';

let folder: Awaited<ReturnType<typeof artifactFolder>>;
let home: string;
let secrets: Secrets;

function authfix(args: readonly string[], options: {input?: string} = {}) {
	return runBuilt(
		args,
		{PATH: process.env.PATH ?? '', HOME: home, AZURE_CONFIG_DIR: path.join(home, 'azure')},
		{cwd: home, ...(options.input === undefined ? {} : {input: options.input})},
	);
}

const file = (name: string, text: string) => folder.write(name, text);

beforeAll(async () => {
	folder = await artifactFolder('artifacts');
	home = folder.directory;
	secrets = await mintSecrets();
});

afterAll(() => folder.remove());

describe('authfix explain --file on artifacts', () => {
	test('a HAR whose ARM call failed: the failing request and the claims of the token it sent, no secret', async () => {
		const har = await file('trace.har', signInHar(secrets));
		const human = await authfix(['explain', '--file', har]);
		expect(human.code, human.stderr).toBe(0);
		expect(human.stdout).toContain('From the browser HAR export (7 requests):');
		expect(human.stdout).toContain(
			`GET https://management.azure.com/subscriptions/${artifactIds.subscriptionId}/resourcegroups?api-version=2021-04-01 → 401 (entry 7)`,
		);
		expect(human.stdout).toMatch(/The token it sent \(sha256:[0-9a-f]{8}, decoded here, never kept\)/);
		expect(human.stdout).toContain(`tenant ${artifactIds.tokenTenant}`);
		expect(human.stdout).toContain('family: arm-token-tenant-mismatch');
		expect(human.stdout).toContain(`az login --tenant ${artifactIds.subscriptionTenant}`);
		expectNoSecrets(human.stdout + human.stderr, secretValues(secrets));

		const json = await authfix(['explain', '--json', '--file', har]);
		expect(json.code).toBe(0);
		const document = JSON.parse(json.stdout) as {
			findings: Array<{family: string; entities: Record<string, string>}>;
			artifact: Record<string, unknown>;
		};
		expect(`${JSON.stringify(document)}\n`).toBe(json.stdout);
		expect(document.findings[0]).toMatchObject({
			family: 'arm-token-tenant-mismatch',
			entities: {
				tokenTenant: artifactIds.tokenTenant,
				subscriptionTenant: artifactIds.subscriptionTenant,
				clientId: artifactIds.clientId,
				tokenExpires: expect.any(String),
			},
		});
		expect(document.artifact).toMatchObject({
			kind: 'har',
			exchanges: 7,
			failing: {method: 'GET', status: 401, at: 7, requestId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'},
			sentToken: {
				fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{8}$/),
				claims: {tid: artifactIds.tokenTenant, aud: 'https://management.core.windows.net/'},
				expired: true,
			},
		});
		expectNoSecrets(json.stdout + json.stderr, secretValues(secrets));
	});

	test('a HAR of a sign-in Entra refused: the error from the redirect fragment, no secret', async () => {
		const har = await file('refused.har', signInHar(secrets, {failure: 'sign-in'}));
		for (const args of [[], ['--json']]) {
			const result = await authfix(['explain', ...args, '--file', har]);
			expect(result.code, result.stderr).toBe(0);
			expect(result.stdout).toContain('aadsts-50105');
			expectNoSecrets(result.stdout + result.stderr, secretValues(secrets));
		}
	});

	test('az --debug output on standard input: the failing ARM call explained', async () => {
		const log = await readFixture('az-debug/local-az2.45-group-list-403.txt');
		const result = await authfix(['explain', '--json'], {input: log});
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as {
			findings: Array<{family: string}>;
			artifact: Record<string, unknown>;
		};
		expect(document.findings[0]!.family).toBe('authorization-failed');
		expect(document.artifact).toMatchObject({
			kind: 'az-debug',
			failing: {status: 403, requestId: 'ee6d27e1-141c-44eb-a871-a2b2d980aa15'},
		});
	});

	test("a Terraform debug log whose dump kept the Authorization header: the token's tenant, never the token", async () => {
		const log = await file(
			'terraform.log',
			await readFixture('terraform/made-azurerm1.x-401-per-line-with-authorization.txt', {token: secrets.armToken}),
		);
		const result = await authfix(['explain', '--json', '--file', log]);
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as {
			findings: Array<{family: string; entities: Record<string, string>}>;
		};
		expect(document.findings[0]).toMatchObject({
			family: 'arm-token-tenant-mismatch',
			entities: {tokenTenant: artifactIds.tokenTenant, subscriptionTenant: artifactIds.subscriptionTenant},
		});
		expectNoSecrets(result.stdout, secretValues(secrets));
	});

	test('a Python SDK log with logging_enable (token and token response in clear): none of it comes out', async () => {
		const log = await file(
			'python.log',
			await readFixture('python-sdk/local-azure-core1.26-identity-arm-403-token-in-clear.txt', {
				token: secrets.armToken,
			}),
		);
		for (const args of [[], ['--json']]) {
			const result = await authfix(['explain', ...args, '--file', log]);
			expect(result.code).toBe(0);
			expect(result.stdout).toContain('authorization-failed');
			expectNoSecrets(result.stdout + result.stderr, secretValues(secrets));
		}
	});
});

describe('authfix replay --from', () => {
	test('nothing to replay in a sign-in HAR, no artifact, or both a call and --from: exit 2 with why', async () => {
		const har = await file('refused-replay.har', signInHar(secrets, {failure: 'sign-in'}));
		const signIn = await authfix(['replay', '--from', har]);
		expect(signIn.code).toBe(2);
		expect(signIn.stderr).toMatch(
			/nothing to replay in .*refused-replay\.har: the failed request in it \(GET https:\/\/login\.microsoftonline\.com\//,
		);
		expectNoSecrets(signIn.stdout + signIn.stderr, secretValues(secrets));

		const plain = await file('plain.txt', 'AADSTS700016: Application not found');
		const none = await authfix(['replay', '--from', plain]);
		expect(none.code).toBe(2);
		expect(none.stderr).toContain('is no artifact authfix reads');

		const both = await authfix([
			'replay',
			'GET',
			'https://management.azure.com/subscriptions?api-version=2022-12-01',
			'--from',
			har,
		]);
		expect(both.code).toBe(2);
		expect(both.stderr).toContain('not both');
	});
});
