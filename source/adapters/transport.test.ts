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
