import type {HttpClient, PipelinePolicy} from '@azure/core-rest-pipeline';
import {builtInClouds, type Cloud} from '../cloud/cloud.ts';
import type {DenyAssignment, RoleAssignment} from '../knowledge/rbac/access.ts';
import type {RoleDefinition, RolePermission} from '../knowledge/rbac/roles.ts';
import {type AccessToken, decodeToken} from '../ports/access-token.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {ArmSubscription, ArmTenant, Http, HttpResult, RoleEligibility} from '../ports/services.ts';
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

	const armOrigin = new URL(options.cloud.resourceManager).origin;

	/** One authenticated ARM GET: the JSON body, or AdapterError `http` with ARM's status and code. */
	async function armGet(url: string, token: AccessToken, call?: {signal?: AbortSignal}): Promise<unknown> {
		// A token goes to its own cloud's ARM only: a nextLink elsewhere is not followed.
		if (new URL(url).origin !== armOrigin) throw new AdapterError('refused', `not following a link off ARM: ${url}`);
		const response = await send(
			{method: 'GET', url, headers: {authorization: `Bearer ${token.reveal()}`, accept: 'application/json'}},
			call,
		);
		let body: unknown;
		try {
			body = JSON.parse(response.body);
		} catch {
			body = undefined;
		}

		if (response.status >= 400) {
			const error = record(record(body)?.['error']);
			const code = typeof error?.['code'] === 'string' ? error['code'] : `HTTP${response.status}`;
			const message = typeof error?.['message'] === 'string' ? error['message'] : '';
			throw new AdapterError(
				'http',
				`ARM answered ${response.status} ${code}: ${message.slice(0, 400)}`,
				code,
				response.status,
			);
		}

		if (body === undefined)
			throw new AdapterError('garbage', `ARM answered ${response.status} with no JSON: ${url.split('?')[0]}`);
		return body;
	}

	/** An ARM list's `value` items, over a bounded number of pages, each read by `parse` (unreadable ones left out). */
	async function armList<T>(
		list: {readonly scope: string; readonly kind: string; readonly query: Record<string, string | undefined>},
		parse: (item: unknown) => T | undefined,
		token: AccessToken,
		call?: {signal?: AbortSignal},
	): Promise<T[]> {
		const {scope, kind, query} = list;
		const url = new URL(`${armOrigin}${scope === '/' ? '' : scope}/providers/Microsoft.Authorization/${kind}`);
		for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
		const items: T[] = [];
		let next: string | undefined = url.toString();
		for (let page = 0; next && page < 10; page++) {
			const body = record(await armGet(next, token, call));
			const value = body?.['value'];
			for (const item of Array.isArray(value) ? value : []) {
				const parsed = parse(item);
				if (parsed !== undefined) items.push(parsed);
			}

			next = typeof body?.['nextLink'] === 'string' ? body['nextLink'] : undefined;
		}

		return items;
	}

	return {
		send,
		listRoleAssignments: (scope, token, filter, call) =>
			armList(
				{scope, kind: 'roleAssignments', query: {'api-version': '2022-04-01', $filter: filter}},
				roleAssignmentOf,
				token,
				call,
			),
		async getRoleDefinition(roleDefinitionId, token, call) {
			if (
				!/^(?:\/subscriptions\/[\w-]+)?\/providers\/Microsoft\.Authorization\/roleDefinitions\/[\da-f-]{36}$/i.test(
					roleDefinitionId,
				)
			) {
				throw new AdapterError('invalid-argument', `not a role definition id: ${roleDefinitionId.slice(0, 120)}`);
			}

			const definition = roleDefinitionOf(
				await armGet(`${armOrigin}${roleDefinitionId}?api-version=2022-04-01`, token, call),
			);
			if (!definition)
				throw new AdapterError('garbage', `ARM's role definition ${roleDefinitionId} has no permissions`);
			return definition;
		},
		listDenyAssignments: (scope, token, filter, call) =>
			armList(
				{scope, kind: 'denyAssignments', query: {'api-version': '2022-04-01', $filter: filter}},
				denyAssignmentOf,
				token,
				call,
			),
		listRoleEligibilities: (scope, token, call) =>
			armList(
				{scope, kind: 'roleEligibilityScheduleInstances', query: {'api-version': '2020-10-01', $filter: 'asTarget()'}},
				eligibilityOf,
				token,
				call,
			),
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

function record(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const texts = (value: unknown): string[] =>
	Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** What role assignments and PIM schedule instances share: the id, the role, the principal and the scope. */
function principalRoleOf(item: unknown) {
	const envelope = record(item);
	const properties = record(envelope?.['properties']);
	const id = text(envelope?.['id']);
	const roleDefinitionId = text(properties?.['roleDefinitionId']);
	const principalId = text(properties?.['principalId']);
	const scope = text(properties?.['scope']);
	if (!properties || !id || !roleDefinitionId || !principalId || !scope) return undefined;
	const common = {
		id,
		roleDefinitionId,
		principalId: principalId.toLowerCase(),
		principalType: text(properties['principalType']) ?? 'User',
		scope,
	};
	return {common, properties};
}

function roleAssignmentOf(item: unknown): RoleAssignment | undefined {
	const read = principalRoleOf(item);
	if (!read) return undefined;
	const condition = text(read.properties['condition']);
	const createdOn = text(read.properties['createdOn']);
	return {...read.common, ...(condition ? {condition} : {}), ...(createdOn ? {createdOn} : {})};
}

function permissionsOf(value: unknown): RolePermission[] {
	return (Array.isArray(value) ? value : []).flatMap(item => {
		const permission = record(item);
		if (!permission) return [];
		return [
			{
				actions: texts(permission['actions']),
				notActions: texts(permission['notActions']),
				dataActions: texts(permission['dataActions']),
				notDataActions: texts(permission['notDataActions']),
			},
		];
	});
}

function roleDefinitionOf(item: unknown): RoleDefinition | undefined {
	const envelope = record(item);
	const properties = record(envelope?.['properties']);
	const id = text(envelope?.['name']);
	const roleName = text(properties?.['roleName']);
	if (!id || !roleName || !Array.isArray(properties?.['permissions'])) return undefined;
	return {
		id: id.toLowerCase(),
		roleName,
		description: text(properties?.['description']) ?? '',
		roleType: text(properties?.['type']) === 'CustomRole' ? 'CustomRole' : 'BuiltInRole',
		assignableScopes: texts(properties?.['assignableScopes']),
		permissions: permissionsOf(properties?.['permissions']),
	};
}

function principalsOf(value: unknown): Array<{id: string; type: string}> {
	return (Array.isArray(value) ? value : []).flatMap(item => {
		const principal = record(item);
		const id = text(principal?.['id']);
		return id ? [{id: id.toLowerCase(), type: text(principal?.['type']) ?? ''}] : [];
	});
}

function denyAssignmentOf(item: unknown): DenyAssignment | undefined {
	const envelope = record(item);
	const properties = record(envelope?.['properties']);
	const id = text(envelope?.['id']);
	const scope = text(properties?.['scope']);
	if (!id || !scope) return undefined;
	const description = text(properties?.['description']);
	return {
		id,
		name: text(properties?.['denyAssignmentName']) ?? id,
		...(description ? {description} : {}),
		scope,
		doNotApplyToChildScopes: properties?.['doNotApplyToChildScopes'] === true,
		permissions: permissionsOf(properties?.['permissions']),
		principals: principalsOf(properties?.['principals']),
		excludePrincipals: principalsOf(properties?.['excludePrincipals']),
		isSystemProtected: properties?.['isSystemProtected'] === true,
	};
}

function eligibilityOf(item: unknown): RoleEligibility | undefined {
	const read = principalRoleOf(item);
	if (!read) return undefined;
	const expanded = record(read.properties['expandedProperties']);
	return {
		...read.common,
		roleName: text(record(expanded?.['roleDefinition'])?.['displayName']),
		status: text(read.properties['status']) ?? '',
		endDateTime: text(read.properties['endDateTime']),
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
