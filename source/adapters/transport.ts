/**
The one place adapters make their connections: TLS trust and proxies come from the injected
environment, never from globals. `NODE_EXTRA_CA_CERTS` of the injected env (and any CA handed in)
is added to Node's default trust; `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` and `NO_PROXY` (upper or
lower case) are honoured as undici's EnvHttpProxyAgent and the Azure SDK do. The same agents serve
authfix's own HTTP (a `fetch`-compatible function over node:https) and the Azure SDK's pipeline (a
policy that sets the request's agent), so @azure/identity and the ARM client see the same network.
*/
import {readFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import {isIP} from 'node:net';
import tls, {checkServerIdentity, type PeerCertificate} from 'node:tls';
import type {PipelinePolicy} from '@azure/core-rest-pipeline';
import {HttpsProxyAgent} from 'https-proxy-agent';

type Env = Readonly<Record<string, string | undefined>>;

export type Transport = {
	/** The proxy a request to `url` goes through, undefined when it goes direct. */
	proxyFor(url: URL): URL | undefined;
	/** The agent for a request to `url`: direct or through the proxy, trusting the injected CAs. */
	agentFor(url: URL): http.Agent;
	/** `fetch` over node:https with these agents. Never follows redirects. */
	readonly fetch: typeof globalThis.fetch;
	/** For `additionalPolicies` of any Azure SDK client: `{policy, position: 'perRetry'}`. */
	readonly policy: PipelinePolicy;
	/** Closes kept-alive sockets. */
	destroy(): void;
};

const maxResponseBytes = 8 * 1024 * 1024;

/** https-proxy-agent does not hand its own `ca` to the TLS connection inside the tunnel: this one does. */
class TrustingProxyAgent extends HttpsProxyAgent<string> {
	readonly #tls: {readonly ca?: string[]};
	constructor(proxy: URL, tlsOptions: {readonly ca?: string[]}) {
		super(proxy.href, {keepAlive: true});
		this.#tls = tlsOptions;
	}

	override connect(request: http.ClientRequest, options: Parameters<HttpsProxyAgent<string>['connect']>[1]) {
		// https-proxy-agent sends no SNI for an IP address and drops `host` from the TLS options, so Node
		// would check the certificate against 'localhost': a certificate for localhost would pass for any
		// IP, and one for the IP would fail. Check it against the host actually asked for.
		const {host} = options;
		const identity =
			typeof host === 'string' && isIP(host) !== 0
				? {checkServerIdentity: (_name: string, certificate: PeerCertificate) => checkServerIdentity(host, certificate)}
				: {};
		return super.connect(request, {...options, ...this.#tls, ...identity});
	}
}

function envValue(env: Env, name: string): string | undefined {
	const value = env[name] ?? env[name.toLowerCase()];
	return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The proxy URL for https requests: HTTPS_PROXY, else ALL_PROXY, else HTTP_PROXY (as the Azure SDK reads them). */
export function proxyUrlOf(env: Env, protocol: 'https:' | 'http:'): URL | undefined {
	const raw =
		protocol === 'https:'
			? (envValue(env, 'HTTPS_PROXY') ?? envValue(env, 'ALL_PROXY') ?? envValue(env, 'HTTP_PROXY'))
			: (envValue(env, 'HTTP_PROXY') ?? envValue(env, 'ALL_PROXY'));
	if (!raw) return undefined;
	try {
		return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
	} catch {
		return undefined;
	}
}

/**
Whether NO_PROXY exempts a host, as undici's EnvHttpProxyAgent reads it: entries split on commas or
spaces, `*` exempts everything, `.example.com`, `*.example.com` and `example.com` all match the
domain and its subdomains, `host:port` only that port.
*/
export function isProxyBypassed(url: URL, noProxy: string | undefined): boolean {
	if (!noProxy) return false;
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	const port = url.port || (url.protocol === 'https:' ? '443' : '80');
	for (const raw of noProxy.split(/[,\s]+/)) {
		const entry = raw.trim().toLowerCase();
		if (entry === '') continue;
		if (entry === '*') return true;
		// A bare IPv6 address (two colons or more) has no port; `[::1]:443` does.
		const match = (
			entry.split(':').length > 2 && !entry.startsWith('[') ? /^(.+)()$/ : /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/
		).exec(entry);
		if (!match) continue;
		const entryHost = match[1]!.replace(/^\[|\]$/g, '').replace(/^\*?\./, '');
		if (match[2] && match[2] !== port) continue;
		if (host === entryHost || host.endsWith(`.${entryHost}`)) return true;
	}

	return false;
}

/** Node's default trust plus the PEM file named by NODE_EXTRA_CA_CERTS in the injected env and any CA handed in. */
export function trustedCertificates(env: Env, extraPem: readonly string[] = []): string[] | undefined {
	const extra = [...extraPem];
	const file = envValue(env, 'NODE_EXTRA_CA_CERTS');
	if (file) {
		try {
			extra.push(readFileSync(file, 'utf8'));
		} catch {
			// Node itself only warns when the file is missing; so do we (by not trusting anything more).
		}
	}

	if (extra.length === 0) return undefined;
	const defaults =
		typeof tls.getCACertificates === 'function' ? tls.getCACertificates('default') : [...tls.rootCertificates];
	return [...new Set([...defaults, ...extra])];
}

export function createTransport(options: {readonly env: Env; readonly caPem?: readonly string[]}): Transport {
	const {env} = options;
	const ca = trustedCertificates(env, options.caPem);
	const tlsOptions = ca ? {ca} : {};
	const noProxy = envValue(env, 'NO_PROXY');
	const direct = {
		https: new https.Agent({keepAlive: true, ...tlsOptions}),
		http: new http.Agent({keepAlive: true}),
	};
	const proxied = new Map<string, http.Agent>();

	const proxyFor = (url: URL): URL | undefined => {
		const protocol = url.protocol === 'http:' ? 'http:' : 'https:';
		const proxy = proxyUrlOf(env, protocol);
		if (!proxy || isProxyBypassed(url, noProxy)) return undefined;
		return proxy;
	};

	const agentFor = (url: URL): http.Agent => {
		const proxy = proxyFor(url);
		// Plain http (managed identity endpoints on the host) never goes through a proxy.
		if (url.protocol === 'http:') return direct.http;
		if (!proxy) return direct.https;
		let agent = proxied.get(proxy.href);
		if (!agent) {
			agent = new TrustingProxyAgent(proxy, tlsOptions);
			proxied.set(proxy.href, agent);
		}

		return agent;
	};

	const transportFetch = (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
		const url = new URL(input instanceof Request ? input.url : String(input));
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`unsupported URL ${url.protocol}`);
		const signal = init.signal ?? undefined;
		signal?.throwIfAborted();
		const headers = new Headers(init.headers);
		const body = init.body === undefined || init.body === null ? undefined : String(init.body);
		const outgoing: Record<string, string> = {};
		for (const [name, value] of headers) outgoing[name] = value;
		if (body !== undefined) outgoing['content-length'] = String(Buffer.byteLength(body));
		const client = url.protocol === 'https:' ? https : http;
		return new Promise<Response>((resolve, reject) => {
			let settled = false;
			const fail = (error: unknown) => {
				if (settled) return;
				settled = true;
				signal?.removeEventListener('abort', onAbort);
				reject(error);
			};

			const request = client.request(
				url,
				{method: init.method ?? 'GET', headers: outgoing, agent: agentFor(url)},
				response => {
					const chunks: Buffer[] = [];
					let size = 0;
					response.on('data', (chunk: Buffer) => {
						size += chunk.length;
						if (size <= maxResponseBytes) chunks.push(chunk);
						else response.destroy();
					});
					response.on('error', error => fail(new TypeError('fetch failed', {cause: error})));
					response.on('close', () => {
						if (settled) return;
						settled = true;
						signal?.removeEventListener('abort', onAbort);
						const responseHeaders = new Headers();
						for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) {
							responseHeaders.append(response.rawHeaders[index]!, response.rawHeaders[index + 1]!);
						}

						const status = response.statusCode ?? 502;
						const noBody = status === 204 || status === 304 || (init.method ?? 'GET').toUpperCase() === 'HEAD';
						try {
							resolve(
								new Response(noBody ? null : Buffer.concat(chunks), {
									status,
									statusText: response.statusMessage ?? '',
									headers: responseHeaders,
								}),
							);
						} catch (error) {
							reject(new TypeError('fetch failed', {cause: error}));
						}
					});
				},
			);
			const onAbort = () => {
				request.destroy();
				fail(signal?.reason ?? new DOMException('This operation was aborted', 'AbortError'));
			};

			signal?.addEventListener('abort', onAbort, {once: true});
			request.on('error', error => fail(new TypeError('fetch failed', {cause: error})));
			// https-proxy-agent replays a refused CONNECT's answer as if the server had sent it: say it was the proxy.
			request.on('proxyConnect', (connect: {statusCode?: number; statusText?: string}) => {
				if (connect.statusCode === 200) return;
				const proxy = proxyFor(url);
				const refusal = Object.assign(
					new Error(
						`the proxy ${proxy?.host ?? ''} refused the tunnel to ${url.host} (${connect.statusCode} ${connect.statusText ?? ''})`.trim(),
					),
					{code: 'EPROXY'},
				);
				fail(new TypeError('fetch failed', {cause: refusal}));
				request.destroy();
			});
			request.end(body);
		});
	}) as typeof globalThis.fetch;

	return {
		proxyFor,
		agentFor,
		fetch: transportFetch,
		policy: {
			name: 'authfixTransport',
			async sendRequest(request, next) {
				request.agent = agentFor(new URL(request.url));
				return next(request);
			},
		},
		destroy() {
			direct.https.destroy();
			direct.http.destroy();
			for (const agent of proxied.values()) agent.destroy();
		},
	};
}
