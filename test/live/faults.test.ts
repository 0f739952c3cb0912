import {mkdtemp, rm} from 'node:fs/promises';
import {createServer, type Server} from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest';
import {loadOrCreateTlsMaterial} from '../../source/sandbox/certificates.ts';
import {pathWith, runCli} from '../fakes/run-cli.ts';
import {mintToken} from '../support/mint.ts';

// Real processes (az, authfix) on a machine shared with other test files: generous, but bounded.
vi.setConfig({testTimeout: 120_000});

type CheckJson = {
	verdict: string;
	checks: Array<{id: string; status: string; detail: string; fix?: {text: string; command?: string}}>;
};

const subscription = '33333333-3333-3333-3333-333333333333';
let home: string;

beforeAll(async () => {
	home = await mkdtemp(path.join(tmpdir(), 'authfix-faults-'));
});

afterAll(async () => {
	await rm(home, {recursive: true, force: true});
});

function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
	return {HOME: home, AZURE_CONFIG_DIR: path.join(home, 'azure'), AUTHFIX_HOME: path.join(home, 'authfix'), ...extra};
}

describe('the Azure CLI misbehaves: each ends as a clear finding within its timeout', () => {
	test.each([
		['missing', 'not installed', 'https://aka.ms/azure-cli'],
		['not-signed-in', 'not signed in', 'az login'],
		['garbage', 'not JSON', undefined],
		['hanging', 'did not answer within 1 s', undefined],
	] as const)('az %s', async (fake, words, fix) => {
		// A hung run rejects (runCli's deadline); the finding's words say which bound ended it.
		const run = await runCli(
			['check', '--json', '--timeout', '1', '--cloud', 'AzureCloud'],
			baseEnv({PATH: pathWith(fake)}),
			{timeoutMs: 30_000},
		);
		expect(run.code, run.stderr).toBe(1);
		const document = JSON.parse(run.stdout) as CheckJson;
		const cli = document.checks.find(check => check.id === 'cli-context')!;
		expect(cli.status).toBe('fail');
		expect(cli.detail).toContain(words);
		if (fix) expect(`${cli.fix?.text} ${cli.fix?.command ?? ''}`).toContain(fix);
		expect(document.verdict).toBe('problems');
	});
});

describe('ARM misbehaves: each ends as a clear finding within its timeout', () => {
	let trusted: Awaited<ReturnType<typeof loadOrCreateTlsMaterial>>;
	let untrusted: Awaited<ReturnType<typeof loadOrCreateTlsMaterial>>;
	const servers: Server[] = [];
	const requests: string[] = [];

	async function serve(material: typeof trusted, handler: Parameters<typeof createServer>[1]): Promise<string> {
		const server = createServer({key: material.keyPem, cert: material.certificatePem}, handler);
		servers.push(server);
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
	}

	/** A cloud whose metadata is served here and whose ARM is `arm`. */
	async function cloudFor(arm: string): Promise<string> {
		const origin = await serve(trusted, (request, response) => {
			response.setHeader('content-type', 'application/json');
			response.end(
				JSON.stringify([
					{
						name: 'FaultCloud',
						resourceManager: arm,
						authentication: {loginEndpoint: 'https://127.0.0.1:9', audiences: ['https://management.core.windows.net/']},
						microsoftGraphResourceId: 'https://127.0.0.1:9',
					},
				]),
			);
			requests.push(`metadata ${request.url}`);
		});
		return `${origin}/metadata/endpoints?api-version=2022-09-01`;
	}

	beforeAll(async () => {
		trusted = await loadOrCreateTlsMaterial(path.join(home, 'tls-trusted'), Date.now());
		untrusted = await loadOrCreateTlsMaterial(path.join(home, 'tls-untrusted'), Date.now());
	});

	afterAll(async () => {
		for (const server of servers) {
			server.closeAllConnections();
			await new Promise(resolve => server.close(resolve));
		}
	});

	async function check(arm: string) {
		const token = await mintToken({
			version: '1.0',
			identity: 'app',
			audience: 'https://management.core.windows.net/',
			tenantId: '11111111-1111-1111-1111-111111111111',
		});
		const run = await runCli(
			['check', '--json', '--timeout', '1', '--subscription', subscription, '--cloud', await cloudFor(arm)],
			baseEnv({PATH: pathWith('signed-in'), NODE_EXTRA_CA_CERTS: trusted.caPath, AUTHFIX_FAKE_TOKEN: token.token}),
			{timeoutMs: 30_000},
		);
		expect(run.stdout).not.toContain(token.token);
		const document = JSON.parse(run.stdout) as CheckJson;
		return {run, lookup: document.checks.find(item => item.id === 'subscription-tenant')!};
	}

	test('connection refused', async () => {
		const closed = await serve(trusted, () => {});
		const server = servers.pop()!;
		await new Promise(resolve => server.close(resolve));
		const {lookup, run} = await check(closed);
		expect(lookup).toMatchObject({status: 'error'});
		expect(lookup.detail).toContain('connection refused');
		expect(run.code).toBe(1);
	});

	test('TLS failure (a certificate nobody here trusts)', async () => {
		const arm = await serve(untrusted, (_request, response) => response.end('{}'));
		const {lookup} = await check(arm);
		expect(lookup).toMatchObject({status: 'error'});
		expect(lookup.detail).toContain('TLS failure');
	});

	test('slow: no answer within --timeout', async () => {
		const arm = await serve(trusted, () => {});
		const {lookup, run} = await check(arm);
		expect(lookup).toMatchObject({status: 'error'});
		expect(lookup.detail).toContain('did not answer within 1 s');
		expect(run.code).toBe(1);
	});

	test('5xx', async () => {
		const arm = await serve(trusted, (_request, response) => {
			response.statusCode = 503;
			response.setHeader('content-type', 'application/json');
			response.end(JSON.stringify({error: {code: 'ServiceUnavailable', message: 'The service is unavailable.'}}));
		});
		const {lookup} = await check(arm);
		expect(lookup).toMatchObject({status: 'error'});
		expect(lookup.detail).toContain('ARM answered 503 ServiceUnavailable');
	});

	test('malformed JSON', async () => {
		const arm = await serve(trusted, (_request, response) => {
			response.statusCode = 401;
			response.setHeader('content-type', 'application/json');
			response.end('{"error": {"code": "Authentic');
		});
		const {lookup} = await check(arm);
		expect(lookup).toMatchObject({status: 'error'});
		expect(lookup.detail).toContain('not JSON');
	});
});
