import type {PipelinePolicy} from '@azure/core-rest-pipeline';
import type {Cloud} from '../cloud/cloud.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {ArmSubscription, Http, HttpResult} from '../ports/services.ts';

const maxBodyBytes = 1024 * 1024;

/** A short reason for a failed fetch, as an AdapterError code. */
function fetchFailure(error: unknown, what: string, timeoutMs: number): AdapterError {
	if (error instanceof AdapterError) return error;
	const name = error instanceof Error ? error.name : '';
	if (name === 'TimeoutError')
		return new AdapterError('timeout', `${what} did not answer within ${timeoutMs / 1000} s`);
	if (name === 'AbortError') return new AdapterError('aborted', `${what} was cancelled`);
	const cause = (error as {cause?: {code?: string; message?: string}} | undefined)?.cause;
	const code = cause?.code ?? '';
	if (code === 'ECONNREFUSED') return new AdapterError('refused', `${what}: connection refused`);
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new AdapterError('failed', `${what}: host not found`);
	if (
		code.startsWith('ERR_TLS') ||
		code.includes('CERT') ||
		code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
		/certificate/i.test(cause?.message ?? '')
	) {
		return new AdapterError('tls', `${what}: TLS failure (${code || cause?.message})`);
	}

	return new AdapterError(
		'failed',
		`${what}: ${cause?.message ?? (error instanceof Error ? error.message : String(error))}`,
	);
}

/** fetch with a timeout and the caller's signal, refusing anything but https. */
export function createHttp(options: {
	readonly fetch: typeof globalThis.fetch;
	readonly cloud: Cloud;
	readonly timeoutMs: number;
	/** The transport's pipeline policy (CA, proxy) for the ARM SDK client. */
	readonly policy?: PipelinePolicy;
}): Http {
	const {timeoutMs} = options;
	const signalFor = (signal: AbortSignal | undefined) =>
		signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);

	async function send(
		request: {method: string; url: string; headers?: Readonly<Record<string, string>>; body?: string},
		call?: {signal?: AbortSignal},
	): Promise<HttpResult> {
		const url = new URL(request.url);
		if (url.protocol !== 'https:') throw new AdapterError('refused', `refusing a non-https URL: ${url.origin}`);
		const what = `${request.method} ${url.origin}${url.pathname}`;
		const signal = signalFor(call?.signal);
		try {
			const response = await options.fetch(url, {
				method: request.method,
				headers: request.headers,
				body: request.body,
				signal,
				redirect: 'manual',
			});
			const headers: Record<string, string> = {};
			for (const [name, value] of response.headers) headers[name.toLowerCase()] = value;
			const body = request.method === 'HEAD' ? '' : await readBounded(response);
			return {status: response.status, headers, body};
		} catch (error) {
			throw fetchFailure(error, what, timeoutMs);
		}
	}

	return {
		send,
		async getSubscription(subscriptionId, token, call): Promise<ArmSubscription> {
			const {SubscriptionClient} = await import('@azure/arm-resources-subscriptions');
			const credential = {getToken: async () => ({token: token.reveal(), expiresOnTimestamp: Date.now() + 60_000})};
			const client = new SubscriptionClient(credential, {
				endpoint: options.cloud.resourceManager,
				credentials: {scopes: [`${options.cloud.resourceManagerAudience.replace(/\/$/, '')}/.default`]},
				retryOptions: {maxRetries: 0},
				...(options.policy ? {additionalPolicies: [{policy: options.policy, position: 'perRetry' as const}]} : {}),
			});
			const signal = signalFor(call?.signal);
			try {
				const subscription = await client.subscriptions.get(subscriptionId, {abortSignal: signal});
				return {
					subscriptionId: subscription.subscriptionId ?? subscriptionId,
					tenantId: subscription.tenantId ?? '',
					displayName: subscription.displayName ?? '',
					state: subscription.state ?? '',
					managedByTenants: (subscription.managedByTenants ?? []).flatMap(item =>
						item.tenantId ? [item.tenantId] : [],
					),
				};
			} catch (error) {
				const rest = error as {name?: string; statusCode?: number; code?: string; message?: string};
				if (rest.name === 'RestError' && rest.statusCode !== undefined) {
					throw new AdapterError(
						'http',
						`ARM answered ${rest.statusCode} ${rest.code ?? ''}: ${(rest.message ?? '').slice(0, 300)}`,
						rest.code,
						rest.statusCode,
					);
				}

				throw fetchFailure(
					signal.aborted ? Object.assign(new Error('timeout'), {name: 'TimeoutError'}) : error,
					`GET ${options.cloud.resourceManager}/subscriptions/${subscriptionId}`,
					timeoutMs,
				);
			}
		},
		async verifySignature(token, issuer, call) {
			const {compactVerify, createLocalJWKSet} = await import('jose');
			const discoveryUrl = openIdConfigurationUrl(issuer, options.cloud);
			if (!discoveryUrl)
				return {
					verified: null,
					reason: `the issuer ${issuer} is not an authority of ${options.cloud.name}`,
				};
			const discovery = await send({method: 'GET', url: discoveryUrl, headers: {accept: 'application/json'}}, call);
			if (discovery.status !== 200)
				throw new AdapterError(
					'http',
					`OIDC discovery at ${new URL(discoveryUrl).origin} answered ${discovery.status}`,
				);
			let jwksUri: string;
			try {
				jwksUri = String((JSON.parse(discovery.body) as {jwks_uri?: unknown}).jwks_uri ?? '');
				new URL(jwksUri);
			} catch {
				throw new AdapterError('garbage', 'the OIDC discovery document has no jwks_uri');
			}

			// The keys come through the same transport (CA, proxy) as everything else.
			const jwks = await send({method: 'GET', url: jwksUri, headers: {accept: 'application/json'}}, call);
			if (jwks.status !== 200)
				throw new AdapterError('http', `the issuer's keys at ${new URL(jwksUri).origin} answered ${jwks.status}`);
			let keys: ReturnType<typeof createLocalJWKSet>;
			try {
				keys = createLocalJWKSet(JSON.parse(jwks.body) as Parameters<typeof createLocalJWKSet>[0]);
			} catch {
				throw new AdapterError('garbage', `the issuer's keys at ${new URL(jwksUri).origin} are not a JWK set`);
			}

			try {
				await compactVerify(token.reveal(), keys);
				return {verified: true, reason: `signed by a key the issuer publishes at ${new URL(jwksUri).origin}`};
			} catch (error) {
				const code = (error as {code?: string}).code ?? '';
				if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
					return {verified: false, reason: 'the signature does not match the issuer’s published key'};
				if (code === 'ERR_JWKS_NO_MATCHING_KEY')
					return {verified: false, reason: 'the issuer publishes no key with this token’s kid'};
				if (code === 'ERR_JWKS_TIMEOUT')
					throw new AdapterError('timeout', `the issuer's keys did not arrive within ${timeoutMs / 1000} s`);
				throw fetchFailure(error, `GET ${new URL(jwksUri).origin} keys`, timeoutMs);
			}
		},
	};
}

async function readBounded(response: Response): Promise<string> {
	const reader = response.body?.getReader();
	if (!reader) return '';
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const {done, value} = await reader.read();
		if (done) break;
		size += value.length;
		if (size > maxBodyBytes) {
			await reader.cancel();
			break;
		}

		chunks.push(value);
	}

	return Buffer.concat(chunks).toString('utf8');
}

/**
The OIDC discovery document for a token issuer, only when the issuer belongs to this cloud: v2
issuers are `{authority}/{tid}/v2.0`; v1 issuers are `https://sts.windows.net/{tid}/` in the public
cloud (discovery then lives on the authority host).
*/
export function openIdConfigurationUrl(issuer: string, cloud: Cloud): string | undefined {
	let url: URL;
	try {
		url = new URL(issuer);
	} catch {
		return undefined;
	}

	const authority = new URL(cloud.authorityHost);
	const tenant = url.pathname.split('/').find(part => part !== '');
	if (!tenant) return undefined;
	if (url.origin === authority.origin) {
		return `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
	}

	if (url.host === 'sts.windows.net' && cloud.name === 'AzureCloud') {
		return `${authority.origin}/${tenant}/.well-known/openid-configuration`;
	}

	return undefined;
}
