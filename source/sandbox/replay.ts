import {request as httpsRequest} from 'node:https';
import type {Sandbox} from './index.ts';
import type {ReplayDefinition} from './scenario.ts';

export type HttpResult = {
	readonly status: number;
	readonly headers: Record<string, string | string[] | undefined>;
	readonly text: string;
};

/** One HTTPS request that trusts the sandbox's CA, with a timeout. Never goes through a proxy. */
export function sandboxRequest(
	url: string,
	options: {ca: string; method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number},
): Promise<HttpResult> {
	return new Promise((resolve, reject) => {
		const request = httpsRequest(
			url,
			{method: options.method ?? 'GET', headers: options.headers, ca: options.ca, timeout: options.timeoutMs ?? 10_000},
			response => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						text: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				response.on('error', reject);
			},
		);
		request.on('timeout', () => request.destroy(new Error(`timed out: ${url}`)));
		request.on('error', reject);
		request.end(options.body);
	});
}

export type ReplayOutcome = {
	/** Where it ended: the token endpoint or ARM. */
	readonly stage: 'token' | 'arm';
	readonly status: number;
	/** `AADSTS…` at the token endpoint, the ARM error code at ARM; '' on success. */
	readonly error: string;
	readonly message: string;
};

type TokenOutcome = {token: string} | ReplayOutcome;

/**
Plays a scenario's failing call the way a client would: gets the token(s) for the identity, then
calls ARM. Used by `authfix demo`, tests and benchmarks to show a failure and, after the fix, success.
*/
export async function replay(
	sandbox: Sandbox,
	definition: ReplayDefinition = sandbox.scenario.replay,
): Promise<ReplayOutcome> {
	const primary = definition.heldToken
		? {token: await sandbox.heldToken(definition)}
		: await tokenFor(sandbox, definition, definition.tenantId);
	if (!('token' in primary)) return primary;
	const auxiliary: string[] = [];
	for (const tenantId of definition.auxiliaryTenants ?? []) {
		const outcome = await tokenFor(sandbox, definition, tenantId);
		if (!('token' in outcome)) return outcome;
		auxiliary.push(outcome.token);
	}

	const response = await sandboxRequest(sandbox.urls.arm + definition.path, {
		ca: sandbox.caPem,
		method: definition.method,
		headers: {
			authorization: `Bearer ${primary.token}`,
			...(auxiliary.length > 0
				? {'x-ms-authorization-auxiliary': auxiliary.map(token => `Bearer ${token}`).join(', ')}
				: {}),
		},
	});
	const body = parse(response.text) as {error?: {code?: string; message?: string}} | undefined;
	return {
		stage: 'arm',
		status: response.status,
		error: response.status < 400 ? '' : (body?.error?.code ?? `HTTP${response.status}`),
		message: body?.error?.message ?? '',
	};
}

/** The replay after the scenario's client-side fix (another tenant, resource or app). */
export function fixedReplay(sandbox: Sandbox): ReplayDefinition {
	return {...sandbox.scenario.replay, ...sandbox.scenario.fix.replay};
}

/**
A workload's federated token, got as its own tools get it: a GitHub job asks its ID token endpoint
(azure/login's audience), an Azure Pipelines job the service connection's OIDC endpoint, a pod reads
its projected token.
*/
export async function workloadAssertion(sandbox: Sandbox, name: string): Promise<TokenOutcome> {
	const workload = sandbox.workloads.find(candidate => candidate.name === name);
	if (!workload) throw new Error(`replay: no workload ${name}`);
	if (workload.kind === 'kubernetes') return {token: await sandbox.projectedToken(name)};
	const fail = (response: HttpResult): ReplayOutcome => ({
		stage: 'token',
		status: response.status,
		error: `HTTP${response.status}`,
		message: response.text.slice(0, 300),
	});
	if (workload.kind === 'github-actions') {
		const url = new URL(workload.env['ACTIONS_ID_TOKEN_REQUEST_URL']!);
		url.searchParams.set('audience', 'api://AzureADTokenExchange');
		const response = await sandboxRequest(url.toString(), {
			ca: sandbox.caPem,
			headers: {authorization: `Bearer ${workload.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}`},
		});
		const value = (parse(response.text) as {value?: string} | undefined)?.value;
		return response.status === 200 && value ? {token: value} : fail(response);
	}

	const url = new URL(workload.env['SYSTEM_OIDCREQUESTURI']!);
	url.searchParams.set('api-version', '7.1');
	url.searchParams.set('serviceConnectionId', workload.env['AZURESUBSCRIPTION_SERVICE_CONNECTION_ID']!);
	const response = await sandboxRequest(url.toString(), {
		ca: sandbox.caPem,
		method: 'POST',
		headers: {
			authorization: `Bearer ${workload.env['SYSTEM_ACCESSTOKEN']}`,
			'content-type': 'application/json',
			'x-tfs-fedauthredirect': 'Suppress',
		},
	});
	const value = (parse(response.text) as {oidcToken?: string} | undefined)?.oidcToken;
	return response.status === 200 && value ? {token: value} : fail(response);
}

/** Exchanges a federated assertion for `appName`'s token in a tenant (client credentials with a client assertion). */
function exchange(sandbox: Sandbox, tenantId: string, appName: string | undefined, assertion: string, scope: string) {
	const app = sandbox.identities.find(candidate => candidate.name === appName);
	return tokenEndpoint(sandbox, tenantId, {
		grant_type: 'client_credentials',
		client_id: app?.clientId ?? '',
		client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
		client_assertion: assertion,
		scope,
	});
}

async function tokenFor(sandbox: Sandbox, definition: ReplayDefinition, tenantId: string): Promise<TokenOutcome> {
	const scope = `${definition.resource}/.default`;
	if (sandbox.workloads.some(workload => workload.name === definition.identity)) {
		const assertion = await workloadAssertion(sandbox, definition.identity);
		if (!('token' in assertion)) return assertion;
		return exchange(sandbox, tenantId, definition.exchangeFor, assertion.token, scope);
	}

	const identity = sandbox.identities.find(candidate => candidate.name === definition.identity);
	if (!identity) throw new Error(`replay: no identity ${definition.identity}`);
	if (identity.kind === 'service-principal') {
		return tokenEndpoint(sandbox, tenantId, {
			grant_type: 'client_credentials',
			client_id: identity.clientId!,
			client_secret: identity.secret ?? '',
			scope,
		});
	}

	if (identity.kind === 'user') {
		const client = sandbox.identities.find(candidate => candidate.name === definition.clientApp);
		return tokenEndpoint(sandbox, tenantId, {
			grant_type: 'password',
			client_id: client?.clientId ?? '',
			username: identity.userPrincipalName!,
			password: identity.password!,
			scope: `${scope} openid profile offline_access`,
		});
	}

	const imds = async (resource: string): Promise<TokenOutcome> => {
		const response = await sandboxRequest(
			`${sandbox.urls.arm}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=${encodeURIComponent(resource)}&client_id=${identity.clientId}`,
			{ca: sandbox.caPem, headers: {metadata: 'true'}},
		);
		return tokenOutcome(response);
	};

	if (!definition.exchangeFor) return imds(definition.resource);
	const assertion = await imds('api://AzureADTokenExchange');
	if (!('token' in assertion)) return assertion;
	return exchange(sandbox, tenantId, definition.exchangeFor, assertion.token, scope);
}

async function tokenEndpoint(sandbox: Sandbox, tenantId: string, form: Record<string, string>): Promise<TokenOutcome> {
	const response = await sandboxRequest(`${sandbox.urls.entra}/${tenantId}/oauth2/v2.0/token`, {
		ca: sandbox.caPem,
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams(form).toString(),
	});
	return tokenOutcome(response);
}

function tokenOutcome(response: HttpResult): TokenOutcome {
	const body = parse(response.text) as
		| {access_token?: string; error_codes?: number[]; error_description?: string}
		| undefined;
	if (response.status === 200 && body?.access_token) return {token: body.access_token};
	return {
		stage: 'token',
		status: response.status,
		error: body?.error_codes?.[0] === undefined ? `HTTP${response.status}` : `AADSTS${body.error_codes[0]}`,
		message: body?.error_description ?? response.text.slice(0, 300),
	};
}

function parse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
