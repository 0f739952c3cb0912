import type {AddressInfo} from 'node:net';
import {createServer} from 'node:net';
import {describe, expect, test} from 'vitest';
import {pathWith, runCli} from '../../test/fakes/run-cli.ts';
import {fakeServices, now, subscriptionA, subscriptionB, tenantA, tokenResult} from '../../test/fakes/services.ts';
import {mintToken} from '../../test/support/mint.ts';
import {createAccessToken, decodeToken} from '../ports/access-token.ts';
import type {HttpResult, Services} from '../ports/services.ts';
import type {CommandContext} from '../terminal/context.ts';
import {UsageError} from '../usage-error.ts';
import {createReplayCommand} from './replay.ts';

function io(): CommandContext['io'] & {out: string[]; err: string[]} {
	const out: string[] = [];
	const err: string[] = [];
	return {
		out,
		err,
		stdout: {write: text => void out.push(text)},
		stderr: {write: text => void err.push(text)},
		readStdin: async () => '',
		stdinIsTty: true,
		stdoutIsTty: false,
		columns: 100,
		env: {},
		cwd: '/',
		now: () => now,
	};
}

const tokens = async (request: {resource: string; tenantId?: string}) => {
	const minted = await mintToken({
		version: '1.0',
		identity: 'app',
		audience: request.resource,
		tenantId: request.tenantId ?? tenantA,
		now,
	});
	return tokenResult(minted.token, request.tenantId);
};

/** ARM as far as replay needs it: the subscription's tenant decides, and `decide` says what a right-tenant token gets. */
function armServices(
	decide: (tid: string, headers: Readonly<Record<string, string>>) => HttpResult,
	sent: string[] = [],
): Services {
	const base = fakeServices({tokens});
	return fakeServices({
		tokens,
		overrides: {
			http: {
				...base.http,
				send: async request => {
					const bearer = request.headers?.authorization?.replace(/^Bearer /, '');
					if (!bearer) return base.http.send(request);
					sent.push(request.url);
					const tid = String(decodeToken(createAccessToken(bearer))?.claims.tid);
					return decide(tid, request.headers ?? {});
				},
			},
		},
	});
}

const json = (status: number, code?: string, message = ''): HttpResult => ({
	status,
	headers: {
		'x-ms-request-id': '0b7c6a5e-1111-4c3b-9a8d-7e6f5a4b3c2d',
		'x-ms-correlation-request-id': '0b7c6a5e-1111-4c3b-9a8d-7e6f5a4b3c2d',
	},
	body: code ? JSON.stringify({error: {code, message}}) : '{"id":"/subscriptions/x"}',
});

const armUrl = (subscription: string) =>
	`https://management.azure.com/subscriptions/${subscription}/resourcegroups/rg?api-version=2021-04-01`;

async function replay(args: string[], services: Services, jsonOutput = true) {
	const terminal = io();
	const code = await createReplayCommand(async () => services).run(args, {
		io: terminal,
		global: {json: jsonOutput, color: false, cloud: undefined, timeoutSeconds: 5},
	});
	return {code, terminal, document: jsonOutput ? JSON.parse(terminal.out.join('')) : undefined};
}

/** Runs `use` with a loopback port that counts (and drops) every connection made to it; returns the count. */
async function countConnections(use: (port: number) => Promise<void>): Promise<number> {
	let connections = 0;
	const listener = createServer(socket => {
		connections++;
		socket.destroy();
	});
	await new Promise<void>(resolve => listener.listen(0, '127.0.0.1', resolve));
	try {
		await use((listener.address() as AddressInfo).port);
	} finally {
		await new Promise(resolve => listener.close(resolve));
	}

	return connections;
}

describe('replay', () => {
	test('fixed: the token from the home tenant fails, the one from the subscription tenant works', async () => {
		const services = armServices(tid =>
			tid === '22222222-2222-2222-2222-222222222222'
				? json(200)
				: json(401, 'InvalidAuthenticationTokenTenant', 'The access token is from the wrong issuer.'),
		);
		const {code, document} = await replay(['GET', armUrl(subscriptionB)], services);
		expect(code).toBe(0);
		expect(document).toMatchObject({
			request: {method: 'GET', url: armUrl(subscriptionB)},
			outcome: 'fixed',
			attempts: [
				{
					label: 'before',
					status: 401,
					errorCode: 'InvalidAuthenticationTokenTenant',
					requestId: '0b7c6a5e-1111-4c3b-9a8d-7e6f5a4b3c2d',
				},
				{label: 'after', status: 200, errorCode: null},
			],
		});
		expect(JSON.stringify(document)).not.toMatch(/eyJ[\w-]+\.eyJ/);
	});

	test('now-forbidden: authentication fixed, authorisation missing (the failure given as text)', async () => {
		const services = armServices(() =>
			json(
				403,
				'AuthorizationFailed',
				"The client 'x' with object id 'y' does not have authorization to perform action.",
			),
		);
		const {code, document} = await replay(
			[
				'GET',
				armUrl(subscriptionA),
				'--failed-with',
				'ERROR: Unauthorized({"error":{"code":"InvalidAuthenticationTokenTenant"}})',
			],
			services,
		);
		expect(code).toBe(1);
		expect(document).toMatchObject({
			outcome: 'now-forbidden',
			attempts: [
				{label: 'before', status: 401, errorCode: 'InvalidAuthenticationTokenTenant'},
				{label: 'after', status: 403, errorCode: 'AuthorizationFailed'},
			],
		});
	});

	test('a failure given as text without a status gets the one the service answers its code with', async () => {
		const services = armServices(() => ({status: 200, headers: {}, body: '{}'}));
		const statusOf = async (failure: string) => {
			const {document} = await replay(['GET', armUrl(subscriptionA), '--failed-with', failure], services);
			return (document.attempts as Array<{label: string; status: number}>)[0]!.status;
		};
		// invalid_client codes are 401 at the token endpoint (recorded: test/conformance ce-0044, ce-0143).
		expect(await statusOf('AADSTS7000215: Invalid client secret provided.')).toBe(401);
		expect(await statusOf('AADSTS700213: No matching federated identity record found')).toBe(401);
		expect(await statusOf('AADSTS50126: Error validating credentials due to invalid username or password.')).toBe(400);
		expect(await statusOf('LinkedAuthorizationFailed')).toBe(403);
		expect(await statusOf('SubscriptionNotFound')).toBe(404);
		expect(await statusOf('InvalidAuthenticationTokenTenant')).toBe(401);
	});

	test('still-failing carries the explain diagnosis', async () => {
		const services = armServices(() =>
			json(
				401,
				'ExpiredAuthenticationToken',
				"The access token expiry UTC time '6/15/2026 8:22:51 AM' is earlier than current UTC time '6/15/2026 9:27:25 AM'.",
			),
		);
		const {code, document} = await replay(['GET', armUrl(subscriptionA)], services);
		expect(code).toBe(1);
		expect(document.outcome).toBe('still-failing');
		expect(document.attempts.map((attempt: {status: number}) => attempt.status)).toEqual([401, 401]);
		expect(document.diagnosis).toMatchObject({family: expect.any(String), title: expect.any(String)});
	});

	test('--json redacts every field: a token echoed back in the error code, ids or message never reaches stdout', async () => {
		const services = armServices((_tid, headers) => ({
			status: 401,
			headers: {'x-ms-request-id': headers.authorization!, 'x-ms-correlation-request-id': headers.authorization!},
			body: JSON.stringify({error: {code: headers.authorization, message: `echo: ${headers.authorization}`}}),
		}));
		const {code, document} = await replay(['GET', armUrl(subscriptionA)], services);
		expect(code).toBe(1);
		expect(document.outcome).toBe('still-failing');
		expect(document.attempts).toHaveLength(2);
		const text = JSON.stringify(document);
		expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/);
		expect(document.attempts[0].errorCode).toMatch(/^Bearer \[redacted JWT sha256:[0-9a-f]{8}\]$/);
		expect(document.attempts[0].requestId).toMatch(/^Bearer \[redacted JWT sha256:[0-9a-f]{8}\]$/);
	});

	test('--json is terminal-safe: an 8-bit CSI in an answer is neutralised in the document (jq -r prints it safely)', async () => {
		const services = armServices(() => json(401, '\u009b2JInvalidAuthenticationToken', '\u001b[31mred'));
		const {document, terminal} = await replay(['GET', armUrl(subscriptionA)], services);
		expect(document.attempts[0].errorCode).toBe('InvalidAuthenticationToken');
		const raw = terminal.out.join('');
		expect(raw).not.toMatch(/[\u001b\u009b]|\\u001b|\\u009b/i);
	});

	test('the text output neutralises and redacts the error code an answer carries', async () => {
		const services = armServices((_tid, headers) => ({
			status: 401,
			headers: {},
			body: JSON.stringify({error: {code: `\u001b]0;pwned\u0007${headers.authorization}`, message: 'no'}}),
		}));
		const {code, terminal} = await replay(['GET', armUrl(subscriptionA)], services, false);
		expect(code).toBe(1);
		const text = terminal.out.join('');
		expect(text).toMatch(/ {2}before 401 Bearer \[redacted JWT sha256:[0-9a-f]{8}\] {2}\(/);
		expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/);
		expect(text).not.toContain('\u001b');
		expect(text).not.toContain('\u0007');
	});

	test('ok: nothing to fix, one attempt', async () => {
		const {code, document} = await replay(
			['GET', armUrl(subscriptionA)],
			armServices(() => json(200)),
		);
		expect(code).toBe(0);
		expect(document).toMatchObject({outcome: 'ok', attempts: [{label: 'before', status: 200}]});
	});

	test('refused: a host outside the cloud receives no connection at all, exit 2', async () => {
		const sent: string[] = [];
		const connections = await countConnections(async port => {
			for (const url of [
				`https://127.0.0.1:${port}/subscriptions/${subscriptionA}`,
				`http://127.0.0.1:${port}/x`,
				`https://management.azure.com.evil.example/subscriptions/${subscriptionA}`,
			]) {
				const {code, document} = await replay(
					['GET', url],
					armServices(() => json(200), sent),
				);
				expect(code).toBe(2);
				expect(document).toMatchObject({outcome: 'refused', attempts: []});
			}

			const human = await replay(
				['GET', `https://127.0.0.1:${port}/`],
				armServices(() => json(200), sent),
				false,
			);
			expect(human.code).toBe(2);
			expect(human.terminal.err.join('')).toContain('never sends a token to a host outside the cloud');
		});
		expect(connections).toBe(0);
		expect(sent).toEqual([]);
	});

	test('a pasted curl line that goes through a proxy, to another address or without TLS checks: exit 2, no connection', async () => {
		const connections = await countConnections(async port => {
			for (const [options, why] of [
				[`-x http://127.0.0.1:${port}`, 'through a proxy'],
				[`--proxy=http://127.0.0.1:${port}`, 'through a proxy'],
				[`--resolve management.azure.com:443:127.0.0.1`, 'to another address than the URL names'],
				[`--connect-to management.azure.com:443:127.0.0.1:${port}`, 'to another address than the URL names'],
				['-sk', 'turns off the check of the server certificate'],
			] as const) {
				const run = await runCli(['replay', `curl ${options} '${armUrl(subscriptionA)}'`], {
					HOME: '/nonexistent',
					PATH: pathWith('missing'),
				});
				expect(run.code, options).toBe(2);
				expect(run.stderr).toContain(why);
				expect(run.stdout).toBe('');
			}
		});
		expect(connections).toBe(0);
	});

	test('anything but GET and HEAD needs --yes', async () => {
		await expect(
			replay(
				['DELETE', armUrl(subscriptionA)],
				armServices(() => json(200)),
			),
		).rejects.toThrow('--yes');
		const {code} = await replay(
			['DELETE', armUrl(subscriptionA), '--yes'],
			armServices(() => json(200)),
		);
		expect(code).toBe(0);
	});

	test('on a terminal anything but GET and HEAD is asked about; only yes sends it', async () => {
		const ask = async (answer: string | undefined, options: {json?: boolean; stdoutIsTty?: boolean} = {}) => {
			const sent: string[] = [];
			const prompts: string[] = [];
			const terminal = {
				...io(),
				stdoutIsTty: options.stdoutIsTty ?? true,
				readLine: async (prompt: string) => {
					prompts.push(prompt);
					return answer;
				},
			};
			const run = createReplayCommand(async () => armServices(() => json(200), sent)).run(
				['POST', armUrl(subscriptionA), '--data', '{}'],
				{io: terminal, global: {json: options.json ?? false, color: false, cloud: undefined, timeoutSeconds: 5}},
			);
			return {run, sent, prompts, terminal};
		};

		const yes = await ask('y');
		expect(await yes.run).toBe(0);
		expect(yes.prompts).toEqual([
			`Send POST to https://management.azure.com/subscriptions/${subscriptionA}/resourcegroups/rg with a fresh token? [y/N] `,
		]);
		expect(yes.sent).toEqual([armUrl(subscriptionA)]);

		for (const answer of ['', 'n', 'no thanks', undefined]) {
			const declined = await ask(answer);
			expect(await declined.run).toBe(2);
			expect(declined.sent).toEqual([]);
			expect(declined.terminal.err.join('')).toBe('authfix replay: not sent; nothing was changed.\n');
		}

		// Not a terminal on both ends, or --json: no question, --yes is required.
		for (const options of [{stdoutIsTty: false}, {json: true}]) {
			const headless = await ask('y', options);
			await expect(headless.run).rejects.toThrow('add --yes');
			expect(headless.prompts).toEqual([]);
		}
	});

	test('bad input is a usage error', async () => {
		await expect(
			replay(
				['GET'],
				armServices(() => json(200)),
			),
		).rejects.toThrow(UsageError);
		await expect(
			replay(
				['FETCH', armUrl(subscriptionA)],
				armServices(() => json(200)),
			),
		).rejects.toThrow('unsupported method');
		await expect(
			replay(
				['GET', 'not a url'],
				armServices(() => json(200)),
			),
		).rejects.toThrow('is not an http(s) URL');
	});
});
