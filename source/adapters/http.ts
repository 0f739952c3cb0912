import type {HttpClient, PipelinePolicy} from '@azure/core-rest-pipeline';
import {builtInClouds, type Cloud} from '../cloud/cloud.ts';
import {type AccessToken, decodeToken} from '../ports/access-token.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {ArmSubscription, ArmTenant, Http, HttpResult} from '../ports/services.ts';
import {excerptOf} from '../safety/redact.ts';
import {scopeOf} from '../target/resource.ts';

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

/**
fetch with a timeout and the caller's signal, refusing anything but https. Given a recorded
transport (`recorded-transport.ts`: its `fetch` and `httpClient`), every request is answered from
recorded exchanges instead of the network.
*/
export function createHttp(options: {
	readonly fetch: typeof globalThis.fetch;
	readonly cloud: Cloud;
	readonly timeoutMs: number;
	/** The transport's pipeline policy (CA, proxy) for the ARM SDK client. */
	readonly policy?: PipelinePolicy;
	/** The ARM SDK client's HTTP client, in place of its own (the recorded transport's). */
	readonly httpClient?: HttpClient;
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

	/** ARM's generated SubscriptionClient with this token, the transport's policy and no retries. */
	const armClient = async (token: AccessToken) => {
		const {SubscriptionClient} = await import('@azure/arm-resources-subscriptions');
		const credential = {getToken: async () => ({token: token.reveal(), expiresOnTimestamp: Date.now() + 60_000})};
		return new SubscriptionClient(credential, {
			endpoint: options.cloud.resourceManager,
			credentials: {scopes: [scopeOf(options.cloud.resourceManagerAudience)]},
			retryOptions: {maxRetries: 0},
			...(options.httpClient ? {httpClient: options.httpClient} : {}),
			...(options.policy ? {additionalPolicies: [{policy: options.policy, position: 'perRetry' as const}]} : {}),
		});
	};

	/** ARM's RestError becomes an `http` AdapterError with the status; a transport failure says why. */
	const withArmErrors = async <T>(what: string, signal: AbortSignal, call: () => Promise<T>): Promise<T> => {
		try {
			return await call();
		} catch (error) {
			const rest = error as {name?: string; statusCode?: number; code?: string; message?: string};
			if (rest.name === 'RestError' && rest.statusCode !== undefined) {
				throw new AdapterError(
					'http',
					`ARM answered ${rest.statusCode} ${rest.code ?? ''}: ${excerptOf(rest.message ?? '', 300)}`,
					rest.code,
					rest.statusCode,
				);
			}

			throw fetchFailure(
				signal.aborted ? Object.assign(new Error('timeout'), {name: 'TimeoutError'}) : error,
				what,
				timeoutMs,
			);
		}
	};

	return {
		send,
		async getSubscription(subscriptionId, token, call): Promise<ArmSubscription> {
			const signal = signalFor(call?.signal);
			const what = `GET ${options.cloud.resourceManager}/subscriptions/${subscriptionId}`;
			return withArmErrors(what, signal, async () => {
				const subscription = await (await armClient(token)).subscriptions.get(subscriptionId, {abortSignal: signal});
				return {...armSubscription(subscription), subscriptionId: subscription.subscriptionId ?? subscriptionId};
			});
		},
		async listSubscriptions(token, call) {
			const signal = signalFor(call?.signal);
			return withArmErrors(`GET ${options.cloud.resourceManager}/subscriptions`, signal, async () => {
				const found: ArmSubscription[] = [];
				for await (const subscription of (await armClient(token)).subscriptions.list({abortSignal: signal}))
					found.push(armSubscription(subscription));
				return found;
			});
		},
		async listTenants(token, call) {
			const signal = signalFor(call?.signal);
			return withArmErrors(`GET ${options.cloud.resourceManager}/tenants`, signal, async () => {
				const found: ArmTenant[] = [];
				for await (const tenant of (await armClient(token)).tenants.list({abortSignal: signal})) {
					if (tenant.tenantId)
						found.push({
							tenantId: tenant.tenantId,
							displayName: tenant.displayName ?? '',
							domains: tenant.domains ?? [],
						});
				}

				return found;
			});
		},
		async verifySignature(token, call) {
			const decoded = decodeToken(token);
			if (!decoded) return {verified: false, reason: 'it is not a JWT'};
			const {verifySignature} = await import('../token/verify.ts');
			// Only this cloud's authority: a built-in cloud with its host aliases, any other by its host.
			const builtIn = builtInClouds.some(cloud => cloud.name === options.cloud.name);
			return verifySignature({
				token: token.reveal(),
				header: decoded.header,
				claims: decoded.claims,
				extraAuthorityHosts: builtIn ? [] : [options.cloud.authorityHost],
				builtInClouds: builtIn ? [options.cloud.name] : [],
				fetch: options.fetch,
				timeoutMs,
				...(call?.signal ? {signal: call.signal} : {}),
			});
		},
	};
}

function armSubscription(subscription: {
	readonly subscriptionId?: string;
	readonly tenantId?: string;
	readonly displayName?: string;
	readonly state?: string;
	readonly managedByTenants?: ReadonlyArray<{readonly tenantId?: string}>;
}): ArmSubscription {
	return {
		subscriptionId: subscription.subscriptionId ?? '',
		tenantId: subscription.tenantId ?? '',
		displayName: subscription.displayName ?? '',
		state: subscription.state ?? '',
		managedByTenants: (subscription.managedByTenants ?? []).flatMap(item => (item.tenantId ? [item.tenantId] : [])),
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
