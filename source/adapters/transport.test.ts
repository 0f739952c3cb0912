import {describe, expect, test} from 'vitest';
import {createTransport, isProxyBypassed, proxyUrlOf, trustedCertificates} from './transport.ts';

describe('proxies from the injected environment', () => {
	test('HTTPS_PROXY first, then ALL_PROXY, then HTTP_PROXY; lower case too; a bare host:port is http', () => {
		expect(proxyUrlOf({HTTPS_PROXY: 'http://a:1', HTTP_PROXY: 'http://b:2'}, 'https:')?.host).toBe('a:1');
		expect(proxyUrlOf({ALL_PROXY: 'http://c:3', HTTP_PROXY: 'http://b:2'}, 'https:')?.host).toBe('c:3');
		expect(proxyUrlOf({HTTP_PROXY: 'http://b:2'}, 'https:')?.host).toBe('b:2');
		expect(proxyUrlOf({https_proxy: 'proxy.corp:8080'}, 'https:')?.href).toBe('http://proxy.corp:8080/');
		expect(proxyUrlOf({HTTPS_PROXY: ''}, 'https:')).toBeUndefined();
		expect(proxyUrlOf({}, 'https:')).toBeUndefined();
	});

	test('NO_PROXY as undici reads it: domains with subdomains, leading dot or *., ports, *', () => {
		const url = (text: string) => new URL(text);
		expect(isProxyBypassed(url('https://management.azure.com/x'), 'azure.com')).toBe(true);
		expect(isProxyBypassed(url('https://management.azure.com/x'), '.azure.com')).toBe(true);
		expect(isProxyBypassed(url('https://management.azure.com/x'), '*.azure.com')).toBe(true);
		expect(isProxyBypassed(url('https://notazure.com/x'), 'azure.com')).toBe(false);
		expect(isProxyBypassed(url('https://127.0.0.1:8443/x'), 'localhost, 127.0.0.1')).toBe(true);
		expect(isProxyBypassed(url('https://127.0.0.1:8443/x'), '127.0.0.1:9000')).toBe(false);
		expect(isProxyBypassed(url('https://127.0.0.1:8443/x'), '127.0.0.1:8443')).toBe(true);
		expect(isProxyBypassed(url('https://login.microsoftonline.com/'), '*')).toBe(true);
		expect(isProxyBypassed(url('https://login.microsoftonline.com/'), undefined)).toBe(false);
		expect(isProxyBypassed(url('https://[::1]:443/'), '::1')).toBe(true);
	});

	test('the transport routes by URL: proxied unless NO_PROXY exempts it; plain http goes direct', () => {
		const transport = createTransport({env: {HTTPS_PROXY: 'http://127.0.0.1:3128', NO_PROXY: 'localhost'}});
		try {
			expect(transport.proxyFor(new URL('https://management.azure.com/'))?.href).toBe('http://127.0.0.1:3128/');
			expect(transport.proxyFor(new URL('https://localhost:8443/'))).toBeUndefined();
			expect(transport.agentFor(new URL('https://management.azure.com/'))).not.toBe(
				transport.agentFor(new URL('https://localhost:8443/')),
			);
		} finally {
			transport.destroy();
		}
	});

	test('trust: the PEM file of the injected NODE_EXTRA_CA_CERTS is added to the defaults; none given, none changed', () => {
		expect(trustedCertificates({})).toBeUndefined();
		const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
		const trusted = trustedCertificates({}, [pem]);
		expect(trusted?.at(-1)).toBe(pem);
		expect(trusted!.length).toBeGreaterThan(1);
		// A file that cannot be read adds nothing, as Node only warns about it.
		expect(trustedCertificates({NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem'})).toBeUndefined();
	});
});

describe('TLS through a CONNECT proxy to an IP address', () => {
	/** A self-signed certificate for exactly `san`, made here (openssl), never stored. */
	async function selfSigned(san: string): Promise<{key: string; cert: string}> {
		const {execFileSync} = await import('node:child_process');
		const {mkdtempSync, readFileSync, rmSync} = await import('node:fs');
		const {tmpdir} = await import('node:os');
		const path = await import('node:path');
		const directory = mkdtempSync(path.join(tmpdir(), 'authfix-tls-'));
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'ec',
				'-pkeyopt',
				'ec_paramgen_curve:P-256',
				'-nodes',
				'-days',
				'1',
				'-subj',
				'/CN=authfix test',
				'-addext',
				`subjectAltName=${san}`,
				'-keyout',
				'key.pem',
				'-out',
				'cert.pem',
			],
			{stdio: 'ignore', cwd: directory},
		);
		const material = {
			key: readFileSync(path.join(directory, 'key.pem'), 'utf8'),
			cert: readFileSync(path.join(directory, 'cert.pem'), 'utf8'),
		};
		rmSync(directory, {recursive: true, force: true});
		return material;
	}

	async function through(proxyTo: {key: string; cert: string}): Promise<string> {
		const https = await import('node:https');
		const http = await import('node:http');
		const net = await import('node:net');
		const server = https.createServer(proxyTo, (_request, response) => response.end('ok'));
		const proxy = http.createServer();
		proxy.on('connect', (request, client, head) => {
			const [, port] = /:(\d+)$/.exec(request.url ?? '') ?? [];
			const upstream = net.connect({host: '127.0.0.1', port: Number(port)}, () => {
				client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
				upstream.write(head);
				upstream.pipe(client);
				client.pipe(upstream);
			});
			upstream.on('error', () => client.destroy());
			client.on('error', () => upstream.destroy());
		});
		await Promise.all([
			new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve)),
			new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve)),
		]);
		const portOf = (listener: {address(): unknown}) => (listener.address() as {port: number}).port;
		const transport = createTransport({
			env: {HTTPS_PROXY: `http://127.0.0.1:${portOf(proxy)}`, NO_PROXY: ''},
			caPem: [proxyTo.cert],
		});
		try {
			const response = await transport.fetch(`https://127.0.0.1:${portOf(server)}/`);
			return await response.text();
		} catch (error) {
			const cause = (error as {cause?: {code?: string}; code?: string}).cause?.code ?? (error as {code?: string}).code;
			return `error ${cause ?? String(error)}`;
		} finally {
			transport.destroy();
			proxy.closeAllConnections();
			server.closeAllConnections();
			await Promise.all([new Promise(resolve => proxy.close(resolve)), new Promise(resolve => server.close(resolve))]);
		}
	}

	test('a certificate for the IP is accepted', async () => {
		expect(await through(await selfSigned('IP:127.0.0.1'))).toBe('ok');
	});

	test("a certificate for 'localhost' is refused for 127.0.0.1", async () => {
		expect(await through(await selfSigned('DNS:localhost'))).toBe('error ERR_TLS_CERT_ALTNAME_INVALID');
	});
});
