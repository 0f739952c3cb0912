/**
`authfix decode --verify` end to end against a local HTTPS issuer (127.0.0.1, port 0, a
self-signed certificate made at test time and trusted through NODE_EXTRA_CA_CERTS). The server
counts connections, so the tests can prove when nothing was contacted.
*/
import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {createServer as createHttpServer} from 'node:http';
import {createServer, type Server} from 'node:https';
import {type AddressInfo, connect} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, beforeEach, expect, test} from 'vitest';
import {runBuilt} from '../fakes/run-cli.ts';
import {createSigningKey, jwksFor, mintToken, type SigningKey} from '../support/mint.ts';

const run = promisify(execFile);
const tenant = '72f0a8c1-3b5e-4d6f-8a9b-0c1d2e3f4a5b';

let folder: string;
let server: Server;
let origin: string;
let key: SigningKey;
let connections = 0;
let requests: string[] = [];
let hangKeys = false;

beforeAll(async () => {
	folder = await mkdtemp(path.join(tmpdir(), 'authfix-verify-'));
	const keyFile = path.join(folder, 'key.pem');
	const certFile = path.join(folder, 'cert.pem');
	await run(
		'openssl',
		['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1'].concat([
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1,DNS:localhost',
		]),
		{timeout: 30_000},
	);
	key = await createSigningKey();
	server = createServer({key: await readFile(keyFile), cert: await readFile(certFile)}, (request, response) => {
		const url = new URL(request.url ?? '/', origin);
		requests.push(url.pathname);
		// Answers name the server as the client addressed it (127.0.0.1 or localhost).
		const base = `https://${request.headers.host}`;
		const send = (value: unknown) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.end(JSON.stringify(value));
		};

		if (url.pathname === '/metadata/endpoints') {
			send([
				{
					name: 'Sandbox',
					resourceManager: `${base}/`,
					authentication: {loginEndpoint: `${base}/`, audiences: [`${base}/`]},
					microsoftGraphResourceId: `${base}/`,
				},
			]);
		} else if (url.pathname === `/${tenant}/v2.0/.well-known/openid-configuration`) {
			send({issuer: `${base}/${tenant}/v2.0`, jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`});
		} else if (url.pathname === `/${tenant}/discovery/v2.0/keys`) {
			if (!hangKeys) send(jwksFor([key]));
		} else {
			response.writeHead(404).end();
		}
	});
	server.on('connection', () => connections++);
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
	connections = 0;
	requests = [];
	hangKeys = false;
});

afterAll(async () => {
	server?.closeAllConnections();
	await new Promise(resolve => server?.close(resolve));
	await rm(folder, {recursive: true, force: true});
});

function decode(args: readonly string[], env: Record<string, string> = {}) {
	return runBuilt(
		['decode', ...args],
		{
			PATH: process.env.PATH ?? '',
			HOME: folder,
			AZURE_CONFIG_DIR: folder,
			NODE_EXTRA_CA_CERTS: path.join(folder, 'cert.pem'),
			...env,
		},
		{timeoutMs: 30_000},
	);
}

test('verifies a token from the cloud chosen with --cloud (an ARM metadata URL)', async () => {
	const {token} = await mintToken({key, issuer: origin, tenantId: tenant});
	const result = await decode(['--verify', '--json', '--cloud', origin, token]);
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	expect(JSON.parse(result.stdout).signature).toEqual({
		verified: true,
		reason: `signed by the issuer's key ${key.kid} (${origin}/${tenant}/discovery/v2.0/keys)`,
	});
	expect(result.stdout).not.toContain(token.split('.')[2]!.slice(0, 16));
	expect(requests).toEqual([
		'/metadata/endpoints',
		`/${tenant}/v2.0/.well-known/openid-configuration`,
		`/${tenant}/discovery/v2.0/keys`,
	]);
});

test('AUTHFIX_CLOUD works like --cloud; a token signed by another key fails with exit 1', async () => {
	const {token} = await mintToken({key: await createSigningKey({kid: key.kid}), issuer: origin, tenantId: tenant});
	const result = await decode(['--verify', token], {AUTHFIX_CLOUD: origin});
	expect(result.code).toBe(1);
	expect(result.stdout).toMatch(/✗ NOT verified: the signature does not match the issuer's key/);
});

test('an issuer outside the known clouds is never contacted', async () => {
	const {token} = await mintToken({key, issuer: origin, tenantId: tenant});
	const result = await decode(['--verify', '--json', token]);
	expect(result.code).toBe(0);
	expect(JSON.parse(result.stdout).signature).toEqual({
		verified: null,
		reason: expect.stringMatching(/^issuer host 127\.0\.0\.1:\d+ is not a known Entra authority/),
	});
	expect(connections).toBe(0);
});

test('without --verify nothing touches the network, even with --cloud set to a URL', async () => {
	const {token} = await mintToken({key, issuer: origin, tenantId: tenant});
	const result = await decode(['--json', '--cloud', origin, token]);
	expect(result.code).toBe(0);
	expect(JSON.parse(result.stdout).signature.verified).toBeNull();
	expect(connections).toBe(0);
});

test('a key server that never answers ends within --timeout as "not checked"', async () => {
	hangKeys = true;
	const {token} = await mintToken({key, issuer: origin, tenantId: tenant});
	const result = await decode(['--verify', '--json', '--timeout', '1', '--cloud', origin, token]);
	expect(result.code).toBe(0);
	expect(JSON.parse(result.stdout).signature).toEqual({
		verified: null,
		reason: expect.stringMatching(/could not read the issuer's keys .* timed out after 1 s/),
		unreachable: true,
	});
});

test('--verify connects through the proxy of the environment (HTTPS_PROXY), as the other commands do', async () => {
	const tunnels: string[] = [];
	const proxy = createHttpServer();
	proxy.on('connect', (request, client, head) => {
		tunnels.push(request.url ?? '');
		const [host, port] = (request.url ?? '').split(':');
		const upstream = connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
	try {
		// By name: https-proxy-agent checks the certificate of an IP-literal host inside a tunnel against 'localhost'.
		const named = origin.replace('127.0.0.1', 'localhost');
		const {token} = await mintToken({key, issuer: named, tenantId: tenant});
		const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
		const result = await decode(['--verify', '--json', '--cloud', named, token], {HTTPS_PROXY: proxyUrl});
		expect(result.stderr).toBe('');
		expect(JSON.parse(result.stdout).signature.verified).toBe(true);
		expect(tunnels.length).toBeGreaterThan(0);
		expect(new Set(tunnels)).toEqual(new Set([named.slice('https://'.length)]));
	} finally {
		proxy.closeAllConnections();
		await new Promise(resolve => proxy.close(resolve));
	}
});
