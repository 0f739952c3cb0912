/**
Test (c): the checks and `replay`, fed the recorded responses of the corpus through the HTTP
adapter's recorded transport (source/adapters/recorded-transport.ts), reach the same findings as
against the sandbox in the same situations: the same status per check, the same tenants in their
facts (by role: the token's tenant, the subscription's), the same replay outcome, attempts and
diagnosis. Each situation says which recorded exchanges answer which request, and which checks it
cannot compare because the corpus has no recording of a request they make.
*/
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {createHttp} from '../../source/adapters/http.ts';
import {
	createRecordedTransport,
	type RecordedRoute,
	type TransportRequest,
} from '../../source/adapters/recorded-transport.ts';
import {createTransport} from '../../source/adapters/transport.ts';
import {runChecks} from '../../source/checks/run-checks.ts';
import {builtInClouds, type Cloud} from '../../source/cloud/cloud.ts';
import type {CheckId, Finding} from '../../source/findings/finding.ts';
import type {Services} from '../../source/ports/services.ts';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.ts';
import type {FixOperation} from '../../source/sandbox/scenario.ts';
import {ids} from '../../source/sandbox/scenarios/ids.ts';
import {type ReplayReport, replayCall} from '../../source/services/replay.ts';
import {subscriptionIdFrom, tenantIdFrom} from '../../source/target/ids.ts';
import {parseReplayRequest} from '../../source/target/request.ts';
import {scopeOf} from '../../source/target/resource.ts';
import type {Target} from '../../source/target/target.ts';
import {fakeServices, tokenResult} from '../fakes/services.ts';
import {audiences, mintToken} from '../support/mint.ts';
import {exchange} from './corpus.ts';

const azureCloud = builtInClouds[0]!;
const timeoutMs = 10_000;

/** What a world offers a situation: services over one transport, and the ids its roles have there. */
type World = {
	readonly services: Services;
	readonly arm: string;
	readonly subscriptionId: string;
	readonly tenants: {readonly home: string; readonly other: string};
	/** Ids and hosts of this world → the role they play, so two worlds' findings compare. */
	readonly roles: Readonly<Record<string, string>>;
};

/** One situation as both worlds stage it. */
type Situation = {
	readonly name: string;
	/** The checks compared; the others are left out for the reason given. */
	readonly checks: readonly CheckId[];
	readonly leftOut?: Readonly<Partial<Record<CheckId, string>>>;
	/** The failing call, below the subscription: `/resourcegroups?api-version=…`. */
	readonly call: string;
	readonly auxiliary?: boolean;
	readonly sandbox: {
		readonly scenario: string;
		readonly operations?: readonly FixOperation[];
		/** The tenant the tools' token comes from, and the subscription the call goes to. */
		readonly tokenTenant: string;
		readonly subscriptionId: string;
		readonly otherTenant: string;
	};
	readonly recorded: {
		/** The tenant of the tools' token (the recorded subscription's tenant is `recordedTenant`). */
		readonly tokenTenant: string;
		readonly expired?: boolean;
		readonly routes: (arm: string, subscriptionTenant: string) => readonly RecordedRoute[];
	};
};

/** A recorded exchange's response as the transport serves it; `status` stands in where the source shows none. */
function recorded(id: string, status?: number): RecordedRoute['answer'] {
	const {response} = exchange(id);
	const answer = response.status ?? status;
	if (answer === undefined) throw new Error(`${id} shows no status: say which to assume`);
	return {status: answer, headers: response.headers, body: response.body};
}

/** The `tid` of the request's bearer token (tokens here are the test's own, minted at run time). */
const tenantOf = (request: TransportRequest): string | undefined => {
	const payload = /^Bearer\s+[\w-]+\.([\w-]+)\./i.exec(request.headers.authorization ?? '')?.[1];
	const claims = payload ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {tid?: unknown}) : {};
	return typeof claims.tid === 'string' ? claims.tid : undefined;
};
const withoutToken = (request: TransportRequest) => request.headers.authorization === undefined;
const withToken = (request: TransportRequest) => request.headers.authorization !== undefined;

/** The tenant ARM's challenge names in ce-0061, the recorded subscription's tenant. */
const recordedTenant = '996fe9d1-6171-40aa-945b-4c64b63bf655';
/** The tenant of the wrong issuer in ce-0102: the Microsoft-account passthrough tenant. */
const passthroughTenant = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
/** A real subscription id from the corpus (ce-0140); any id matches `{id}` in the routes. */
const recordedSubscription = '8b6001cd-a329-4999-8dbb-3b3261bb100a';

/**
ARM's answer to a subscription URL without a token: the challenge naming the subscription's tenant
as recorded in ce-0061 (which shows neither status nor body), with the status of every recorded
challenge (401: ce-0190, ce-0147) and the body of the same request in ce-0134.
*/
const tenantLookup = (arm: string): RecordedRoute => ({
	method: 'GET',
	url: `${arm}/subscriptions/{id}?*`,
	when: withoutToken,
	answer: {status: 401, headers: exchange('ce-0061').response.headers, body: exchange('ce-0134').response.body},
	source: 'ce-0061 (challenge), ce-0190 (status), ce-0134 (body)',
});

/**
The corpus records no 200 for a resource read: a call that succeeds is answered by ARM's recorded 200
for a subscription list (ce-0149). Replay reads only the status and the request ids of a success.
*/
const success: RecordedRoute['answer'] = recorded('ce-0149');

/** The sandbox's tools sign in to tenant A and call subscription A; tenant B is the other one. */
const inTenantA = {tokenTenant: ids.tenantA, subscriptionId: ids.subscriptionA, otherTenant: ids.tenantB};

const situations: readonly Situation[] = [
	{
		name: 'an identity without a role on the subscription',
		checks: ['subscription-tenant', 'token-tenant', 'fresh-token', 'token-audience', 'token-expiry'],
		call: '/resourcegroups?api-version=2021-04-01',
		sandbox: {scenario: 'no-rbac', ...inTenantA},
		recorded: {
			tokenTenant: recordedTenant,
			routes: arm => [
				tenantLookup(arm),
				// ce-0138: GET …/resourcegroups by an identity with no role, 403 AuthorizationFailed.
				{
					method: 'GET',
					url: `${arm}/subscriptions/{id}?*`,
					when: withToken,
					answer: recorded('ce-0138'),
					source: 'ce-0138',
				},
				{
					method: 'GET',
					url: `${arm}/subscriptions/{id}/resourcegroups?*`,
					answer: recorded('ce-0138'),
					source: 'ce-0138',
				},
			],
		},
	},
	{
		name: "a token from another tenant than the subscription's",
		checks: ['token-tenant', 'fresh-token', 'token-audience', 'token-expiry'],
		leftOut: {
			'subscription-tenant':
				'its authenticated read of the subscription with a token from the right tenant succeeds, and the corpus records no 200 for GET /subscriptions/{id}',
		},
		call: '/resourcegroups/rg-prod?api-version=2021-04-01',
		sandbox: {
			scenario: 'tenant-mismatch',
			tokenTenant: ids.tenantA,
			subscriptionId: ids.subscriptionB,
			otherTenant: ids.tenantB,
		},
		recorded: {
			tokenTenant: passthroughTenant,
			routes: (arm, subscriptionTenant) => [
				tenantLookup(arm),
				{
					method: 'GET',
					url: `${arm}/subscriptions/{id}/resourcegroups/*`,
					when: request => tenantOf(request) !== subscriptionTenant,
					answer: recorded('ce-0102'),
					source: 'ce-0102',
				},
				{method: 'GET', url: `${arm}/subscriptions/{id}/resourcegroups/*`, answer: success, source: 'ce-0149'},
			],
		},
	},
	{
		name: 'tokens that are already expired',
		checks: ['token-expiry', 'token-tenant', 'fresh-token', 'token-audience'],
		call: '/resourcegroups/rg-app?api-version=2021-04-01',
		sandbox: {scenario: 'expired-token', ...inTenantA},
		recorded: {
			tokenTenant: recordedTenant,
			expired: true,
			routes: arm => [
				tenantLookup(arm),
				{
					method: 'GET',
					url: `${arm}/subscriptions/{id}/*`,
					when: withToken,
					answer: recorded('ce-0077'),
					source: 'ce-0077',
				},
			],
		},
	},
	{
		name: "a resource linked to another tenant's subscription, called without an auxiliary token",
		checks: ['token-tenant', 'token-audience', 'token-expiry'],
		call: '/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/virtualNetworkPeerings/peer-to-prod?api-version=2023-09-01',
		sandbox: {
			scenario: 'aux-token',
			// The scenario's auxiliary tokens arrive expired; with the clock set right, only the missing one remains.
			operations: [{op: 'clear-clock-offset', tenantId: ids.tenantB}],
			...inTenantA,
		},
		recorded: {
			tokenTenant: recordedTenant,
			routes: arm => [
				tenantLookup(arm),
				{
					method: 'GET',
					url: `${arm}/subscriptions/{id}/resourceGroups/*`,
					when: request => request.headers['x-ms-authorization-auxiliary'] === undefined,
					// ce-0079 shows only the inner error and no status; LinkedAuthorizationFailed is 403 in ce-0080, ce-0111, ce-0167.
					answer: recorded('ce-0079', 403),
					source: 'ce-0079',
				},
				{method: 'GET', url: `${arm}/subscriptions/{id}/resourceGroups/*`, answer: success, source: 'ce-0149'},
			],
		},
	},
];

const sandboxes: Sandbox[] = [];
const folders: string[] = [];

afterAll(async () => {
	await Promise.all(sandboxes.map(sandbox => sandbox.stop()));
	await Promise.all(folders.map(folder => rm(folder, {recursive: true, force: true})));
});

function servicesOver(
	cloud: Cloud,
	http: Services['http'],
	token: (tenant: string, resource: string) => Promise<string>,
	home: string,
) {
	return fakeServices({
		tokens: async request =>
			tokenResult(await token(request.tenantId ?? home, request.resource), request.tenantId ?? home),
		overrides: {cloud, http, clock: {now: () => Date.now()}, timeoutMs},
	});
}

async function sandboxWorld(situation: Situation): Promise<World> {
	const folder = await mkdtemp(path.join(tmpdir(), 'authfix-recorded-'));
	folders.push(folder);
	const sandbox = await startSandbox({scenario: situation.sandbox.scenario, stateDirectory: folder});
	sandboxes.push(sandbox);
	for (const operation of situation.sandbox.operations ?? []) sandbox.applyFix(operation);
	const transport = createTransport({env: {}, caPem: [sandbox.caPem]});
	const token = async (tenant: string, resource: string) => {
		const response = await transport.fetch(`${sandbox.urls.entra}/${tenant}/oauth2/v2.0/token`, {
			method: 'POST',
			headers: {'content-type': 'application/x-www-form-urlencoded'},
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: ids.ciApp,
				client_secret: 'sandbox-ci-app-secret-not-real',
				scope: scopeOf(resource),
			}).toString(),
		});
		const body = (await response.json()) as {access_token?: string};
		if (!body.access_token) throw new Error(`the sandbox gave no token for ${tenant}: ${JSON.stringify(body)}`);
		return body.access_token;
	};

	const http = createHttp({fetch: transport.fetch, cloud: sandbox.cloud, timeoutMs, policy: transport.policy});
	const {tokenTenant, subscriptionId, otherTenant} = situation.sandbox;
	return {
		services: servicesOver(sandbox.cloud, http, token, tokenTenant),
		arm: sandbox.cloud.resourceManager,
		subscriptionId,
		tenants: {home: tokenTenant, other: otherTenant},
		roles: {
			[sandbox.urls.entra]: 'authority-host',
			[subscriptionId]: 'subscription',
			...(situation.sandbox.scenario === 'tenant-mismatch'
				? {[tokenTenant]: 'token-tenant', [otherTenant]: 'subscription-tenant'}
				: {[tokenTenant]: 'subscription-tenant', [otherTenant]: 'other-tenant'}),
		},
	};
}

async function recordedWorld(situation: Situation): Promise<World> {
	const arm = azureCloud.resourceManager;
	const transport = createRecordedTransport(situation.recorded.routes(arm, recordedTenant));
	const http = createHttp({fetch: transport.fetch, httpClient: transport.httpClient, cloud: azureCloud, timeoutMs});
	const token = async (tenant: string, resource: string) =>
		(
			await mintToken({
				version: '1.0',
				identity: 'app',
				tenantId: tenant,
				audience: resource === azureCloud.resourceManagerAudience ? audiences.arm : resource,
				...(situation.recorded.expired ? {expiresIn: -3600, issuedAtIn: -7200, notBeforeIn: -7200} : {}),
			})
		).token;
	const {tokenTenant} = situation.recorded;
	const otherTenant = tokenTenant === recordedTenant ? passthroughTenant : recordedTenant;
	return {
		services: servicesOver(azureCloud, http, token, tokenTenant),
		arm,
		subscriptionId: recordedSubscription,
		tenants: {home: tokenTenant, other: otherTenant},
		roles: {
			'https://login.windows.net': 'authority-host',
			[recordedSubscription]: 'subscription',
			...(tokenTenant === recordedTenant
				? {[recordedTenant]: 'subscription-tenant', [passthroughTenant]: 'other-tenant'}
				: {[tokenTenant]: 'token-tenant', [recordedTenant]: 'subscription-tenant'}),
		},
	};
}

function byRole(world: World, value: string): string {
	let text = value;
	for (const [id, role] of Object.entries(world.roles)) text = text.replaceAll(id, `{${role}}`);
	return text;
}

/** A finding as both worlds can agree on it: its status and the tenants of its facts, by role. */
function comparable(world: World, finding: Finding) {
	const facts: Record<string, string> = {};
	for (const name of ['tid', 'tokenTenant', 'subscriptionTenant', 'tenantId', 'authority']) {
		const value = finding.facts?.[name];
		if (value !== undefined) facts[name] = byRole(world, value);
	}

	return {id: finding.id, status: finding.status, facts};
}

function comparableReplay(report: ReplayReport) {
	if (report.outcome === 'refused') return {outcome: report.outcome};
	return {
		outcome: report.outcome,
		attempts: report.attempts.map(attempt => ({
			label: attempt.label,
			status: attempt.status,
			errorCode: attempt.errorCode,
		})),
		diagnosis: report.diagnosis?.family,
	};
}

async function findingsOf(world: World, situation: Situation) {
	const target: Target = {
		subscriptionId: subscriptionIdFrom(world.subscriptionId, 'test'),
		subscriptionSource: 'given',
		credential: 'cli',
		auxTenants: [],
	};
	const findings = await runChecks(situation.checks, target, world.services, {timeoutMs});
	return findings.map(finding => comparable(world, finding));
}

async function replayOf(world: World, situation: Situation, auxiliary: boolean) {
	const request = parseReplayRequest(
		['GET', `${world.arm}/subscriptions/${world.subscriptionId}${situation.call}`],
		[],
		undefined,
	);
	const report = await replayCall(
		request,
		{credential: 'cli', auxTenants: auxiliary ? [tenantIdFrom(world.tenants.other, 'test')] : []},
		world.services,
	);
	return comparableReplay(report);
}

describe('the checks and replay reach the same findings from the recordings as against the sandbox', () => {
	for (const situation of situations) {
		test(situation.name, async () => {
			for (const [id, reason] of Object.entries(situation.leftOut ?? {})) {
				expect(situation.checks, id).not.toContain(id);
				expect(reason.length, id).toBeGreaterThan(30);
			}

			const [sandbox, recording] = await Promise.all([sandboxWorld(situation), recordedWorld(situation)]);
			const fromSandbox = await findingsOf(sandbox, situation);
			expect(await findingsOf(recording, situation)).toEqual(fromSandbox);
			const replayed = await replayOf(sandbox, situation, false);
			expect(await replayOf(recording, situation, false)).toEqual(replayed);
			// Not a situation where all passes: each shows a failure, as the recordings do.
			expect(fromSandbox.some(finding => finding.status !== 'pass') || replayed.outcome !== 'ok').toBe(true);
		});
	}

	test('with the auxiliary token the linked resource is read, from the recordings as from the sandbox', async () => {
		const situation = situations.at(-1)!;
		const [sandbox, recording] = await Promise.all([sandboxWorld(situation), recordedWorld(situation)]);
		const replayed = await replayOf(sandbox, situation, true);
		expect(replayed).toMatchObject({outcome: 'ok'});
		expect(await replayOf(recording, situation, true)).toEqual(replayed);
	});
});
