/**
The sandbox's ARM authorisation: its 403s in ARM's shape (the recorded exchanges of
/work/staging/conformance: status, gateway headers, `{error:{code,message}}`, the message templates)
and the Microsoft.Authorization lists (role assignments, role definitions, deny assignments, PIM
eligibility) with their filters, for each RBAC scenario.
*/
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {parseAuthorizationFailure} from '../../source/knowledge/rbac/failure-text.ts';
import {OperationError, type Sandbox, startSandbox} from '../../source/sandbox/index.ts';
import {replay, sandboxRequest} from '../../source/sandbox/replay.ts';
import type {Scenario} from '../../source/sandbox/scenario.ts';
import {healthy} from '../../source/sandbox/scenarios/healthy.ts';
import {ids, resourceGroupScope, subscriptionScope} from '../../source/sandbox/scenarios/ids.ts';
import {decodeJwt} from '../../source/sandbox/tokens.ts';

const subscription = subscriptionScope(ids.subscriptionA);
const group = resourceGroupScope(ids.subscriptionA, 'rg-app');
const account = `${group}/providers/Microsoft.Storage/storageAccounts/stcontosodata`;
const assignments = (scope: string, filter?: string) =>
	`${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01${filter ? `&$filter=${encodeURIComponent(filter)}` : ''}`;

let stateDirectory: string;
beforeAll(async () => {
	stateDirectory = await mkdtemp(path.join(tmpdir(), 'authfix-sandbox-authz-'));
});
afterAll(async () => {
	await rm(stateDirectory, {recursive: true, force: true});
});

/** ARM's answers as these tests read them. */
type Body = {
	error: {code: string; message: string};
	value: Array<{properties: Record<string, unknown>}>;
	keys: Array<Record<string, unknown>>;
	[key: string]: unknown;
};

type Client = {
	sandbox: Sandbox;
	token(who: 'ci-app' | 'alice'): Promise<string>;
	arm(
		pathAndQuery: string,
		token: string,
		method?: string,
		body?: unknown,
	): Promise<{status: number; headers: Record<string, unknown>; json: Body}>;
};

async function open(scenario: string | Scenario): Promise<Client & {stop(): Promise<void>}> {
	const sandbox = await startSandbox({scenario, stateDirectory});
	const form = (who: 'ci-app' | 'alice'): Record<string, string> =>
		who === 'ci-app'
			? {
					grant_type: 'client_credentials',
					client_id: ids.ciApp,
					client_secret: 'sandbox-ci-app-secret-not-real',
					scope: 'https://management.core.windows.net//.default',
				}
			: {
					grant_type: 'password',
					client_id: ids.devTool,
					username: 'alice@contosodev.onmicrosoft.com',
					password: 'sandbox-alice-password-not-real',
					scope: 'https://management.core.windows.net//.default openid profile',
				};
	return {
		sandbox,
		async token(who) {
			const response = await sandboxRequest(`${sandbox.urls.entra}/${ids.tenantA}/oauth2/v2.0/token`, {
				ca: sandbox.caPem,
				method: 'POST',
				headers: {'content-type': 'application/x-www-form-urlencoded'},
				body: new URLSearchParams(form(who)).toString(),
			});
			expect(response.status, response.text).toBe(200);
			return String((JSON.parse(response.text) as {access_token: string}).access_token);
		},
		async arm(pathAndQuery, token, method = 'GET', body?: unknown) {
			const response = await sandboxRequest(sandbox.urls.arm + pathAndQuery, {
				ca: sandbox.caPem,
				method,
				headers: {authorization: `Bearer ${token}`, ...(body ? {'content-type': 'application/json'} : {})},
				...(body ? {body: JSON.stringify(body)} : {}),
			});
			return {status: response.status, headers: response.headers, json: JSON.parse(response.text || '{}') as Body};
		},
		stop: () => sandbox.stop(),
	};
}

/** Alice's token for the sandbox's Graph. */
async function graphToken(sandbox: Sandbox): Promise<string> {
	const response = await sandboxRequest(`${sandbox.urls.entra}/${ids.tenantA}/oauth2/v2.0/token`, {
		ca: sandbox.caPem,
		method: 'POST',
		headers: {'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({
			grant_type: 'password',
			client_id: ids.devTool,
			username: 'alice@contosodev.onmicrosoft.com',
			password: 'sandbox-alice-password-not-real',
			scope: 'User.Read',
		}).toString(),
	});
	return String((JSON.parse(response.text) as {access_token: string}).access_token);
}

/** ARM's 403 as the recorded exchanges show it (ce-0078, ce-0108, ce-0159): gateway headers, the one error object. */
function expectArm403(response: {status: number; headers: Record<string, unknown>; json: Body}, code: string) {
	expect(response.status).toBe(403);
	expect(response.headers).toMatchObject({
		'x-ms-failure-cause': 'gateway',
		'cache-control': 'no-cache',
		pragma: 'no-cache',
		expires: '-1',
	});
	expect(response.headers['x-ms-correlation-request-id']).toBe(response.headers['x-ms-request-id']);
	expect(String(response.headers['x-ms-routing-request-id'])).toMatch(
		new RegExp(`^[A-Z]+:\\d{8}T\\d{6}Z:${String(response.headers['x-ms-request-id'])}$`),
	);
	expect(Object.keys(response.json)).toEqual(['error']);
	expect(Object.keys(response.json.error)).toEqual(['code', 'message']);
	expect(response.json.error.code).toBe(code);
	return String(response.json.error.message);
}

describe('no-rbac: no role at all', () => {
	test('AuthorizationFailed names the client, its object id, the operation and the scope, in the template of ce-0078', async () => {
		const client = await open('no-rbac');
		try {
			const token = await client.token('ci-app');
			const message = expectArm403(
				await client.arm(`${group.replace('resourceGroups', 'resourcegroups')}?api-version=2021-04-01`, token),
				'AuthorizationFailed',
			);
			expect(message).toBe(
				`The client '${ids.ciApp}' with object id '${ids.ciAppInA}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '${group}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
			);
			// Reading one's own role assignments needs Microsoft.Authorization/roleAssignments/read there too.
			const list = expectArm403(await client.arm(assignments(group, 'atScope()'), token), 'AuthorizationFailed');
			expect(parseAuthorizationFailure(list)).toMatchObject({
				action: 'Microsoft.Authorization/roleAssignments/read',
				scope: group,
			});
			// The least privileged role, at the resource group, is enough.
			client.sandbox.applyFix({op: 'assign-role', principalId: ids.ciAppInA, role: 'Reader', scope: group});
			expect((await client.arm(`${group}?api-version=2021-04-01`, token)).status).toBe(200);
			expect((await client.arm(`${subscription}?api-version=2022-12-01`, token)).status).toBe(403);
			expect(() =>
				client.sandbox.applyFix({op: 'assign-role', principalId: ids.ciAppInA, role: 'Superuser', scope: group}),
			).toThrow(OperationError);
		} finally {
			await client.stop();
		}
	});
});

describe('creating a role assignment (what az role assignment create sends)', () => {
	test('an Owner may PUT one, once; an identity without roleAssignments/write may not', async () => {
		const client = await open('no-rbac');
		try {
			const put = (token: string, name: string, roleDefinitionId: string) =>
				client.arm(
					`${group}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=2022-04-01`,
					token,
					'PUT',
					{properties: {roleDefinitionId, principalId: ids.ciAppInA, principalType: 'ServicePrincipal'}},
				);
			const reader = `${subscription}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;
			const app = await client.token('ci-app');
			const refused = expectArm403(
				await put(app, '11111111-2222-4333-8444-555555555555', reader),
				'AuthorizationFailed',
			);
			expect(parseAuthorizationFailure(refused)?.action).toBe('Microsoft.Authorization/roleAssignments/write');
			const owner = await client.token('alice');
			const created = await put(owner, '11111111-2222-4333-8444-555555555555', reader);
			expect(created.status).toBe(201);
			expect(created.json).toMatchObject({
				name: '11111111-2222-4333-8444-555555555555',
				properties: {roleDefinitionId: reader, principalId: ids.ciAppInA, scope: group},
			});
			expect((await put(owner, '66666666-2222-4333-8444-555555555555', reader)).status).toBe(409);
			expect((await put(owner, 'not-a-guid', reader)).json.error.code).toBe('InvalidRoleAssignmentId');
			expect(
				(await put(owner, '77777777-2222-4333-8444-555555555555', `${reader.slice(0, -4)}ffff`)).json.error.code,
			).toBe('RoleDefinitionDoesNotExist');
			expect((await client.arm(`${group}?api-version=2021-04-01`, app)).status).toBe(200);
			expect(client.sandbox.state().operations).toEqual([]);
		} finally {
			await client.stop();
		}
	});
});

describe('role assignments, role definitions (healthy)', () => {
	test('atScope() lists what applies at the scope and above; assignedTo() the caller’s; the shape is ARM’s', async () => {
		const client = await open('healthy');
		try {
			const token = await client.token('ci-app');
			const atGroup = await client.arm(assignments(group, `atScope() and assignedTo('${ids.ciAppInA}')`), token);
			expect(atGroup.status).toBe(200);
			expect(atGroup.json.value).toEqual([
				{
					properties: {
						roleDefinitionId: `${subscription}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
						principalId: ids.ciAppInA,
						principalType: 'ServicePrincipal',
						scope: subscription,
						condition: null,
						conditionVersion: null,
						createdOn: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
						updatedOn: expect.any(String),
						createdBy: null,
						updatedBy: null,
						delegatedManagedIdentityResourceId: null,
						description: null,
					},
					id: expect.stringMatching(
						new RegExp(`^${subscription}/providers/Microsoft.Authorization/roleAssignments/[\\da-f-]{36}$`),
					),
					type: 'Microsoft.Authorization/roleAssignments',
					name: expect.stringMatching(/^[\da-f-]{36}$/),
				},
			]);
			const everyone = await client.arm(assignments(subscription), token);
			expect(everyone.json.value.map(item => String(item.properties['principalId'])).sort()).toEqual(
				[ids.alice, ids.ciAppInA].sort(),
			);
			const byId = await client.arm(
				`/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7?api-version=2022-04-01`,
				token,
			);
			expect(byId.json).toMatchObject({
				properties: {roleName: 'Reader', type: 'BuiltInRole', permissions: [{actions: ['*/read']}]},
				name: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
			});
			const named = await client.arm(
				`${subscription}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=${encodeURIComponent("roleName eq 'Key Vault Secrets User'")}`,
				token,
			);
			expect(named.json.value).toMatchObject([
				{
					id: `${subscription}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`,
					properties: {
						permissions: [
							{dataActions: expect.arrayContaining(['Microsoft.KeyVault/vaults/secrets/getSecret/action'])},
						],
					},
				},
			]);
			const unknown = await client.arm(
				`${subscription}/providers/Microsoft.Authorization/roleDefinitions/00000000-1111-2222-3333-444444444444?api-version=2022-04-01`,
				token,
			);
			expect(unknown).toMatchObject({status: 404, json: {error: {code: 'RoleDefinitionDoesNotExist'}}});
			const bad = await client.arm(assignments(subscription, "startswith(name,'x')"), token);
			expect(bad).toMatchObject({status: 400, json: {error: {code: 'UnsupportedQuery'}}});
		} finally {
			await client.stop();
		}
	});

	test('an assignment with an ABAC condition does not grant, and ARM says a condition may be why', async () => {
		const client = await open({
			...healthy,
			name: 'abac',
			roleAssignments: [
				{
					principalId: ids.ciAppInA,
					role: 'Reader',
					scope: subscription,
					condition:
						"@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:ContainerName] StringEqualsIgnoreCase 'logs'",
				},
			],
		});
		try {
			const message = expectArm403(
				await client.arm(`${group}?api-version=2021-04-01`, await client.token('ci-app')),
				'AuthorizationFailed',
			);
			expect(parseAuthorizationFailure(message)).toMatchObject({condition: true, scope: group});
		} finally {
			await client.stop();
		}
	});
});

describe('rbac-deny-assignment', () => {
	test('the deny assignment blocks listKeys with ARM’s DenyAssignmentAuthorizationFailed; reads pass; excluding the app lifts it', async () => {
		const client = await open('rbac-deny-assignment');
		try {
			const token = await client.token('ci-app');
			const listKeys = `${account}/listKeys?api-version=2023-01-01`;
			const message = expectArm403(await client.arm(listKeys, token, 'POST'), 'DenyAssignmentAuthorizationFailed');
			const printedId = ids.stackDenyAssignment.replaceAll('-', '');
			expect(message).toBe(
				`The client '${ids.ciApp}' with object id '${ids.ciAppInA}' has permission to perform action 'Microsoft.Storage/storageAccounts/listKeys/action' on scope '${account}'; however, the access is denied because of the deny assignment with name 'Deny assignment '${ids.stackDenyAssignment}' created by Deployment Stack '${group}/providers/Microsoft.Resources/deploymentStacks/app-stack'.' and Id '${printedId}' at scope '${group}'.`,
			);
			expect((await client.arm(`${account}?api-version=2023-01-01`, token)).status).toBe(200);
			const denies = await client.arm(
				`${account}/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01&$filter=atScope()`,
				token,
			);
			expect(denies.json.value).toEqual([
				{
					properties: expect.objectContaining({
						denyAssignmentName: expect.stringContaining('created by Deployment Stack'),
						permissions: [
							{
								actions: ['*'],
								notActions: ['*/read', 'Microsoft.Authorization/locks/delete'],
								dataActions: [],
								notDataActions: [],
								condition: null,
								conditionVersion: null,
							},
						],
						scope: group,
						doNotApplyToChildScopes: false,
						principals: [
							{id: '00000000-0000-0000-0000-000000000000', type: 'SystemDefined', displayName: 'All Principals'},
						],
						excludePrincipals: [{id: ids.alice, type: 'User'}],
						isSystemProtected: true,
					}),
					id: `${group}/providers/Microsoft.Authorization/denyAssignments/${ids.stackDenyAssignment}`,
					type: 'Microsoft.Authorization/denyAssignments',
					name: ids.stackDenyAssignment,
				},
			]);
			client.sandbox.applyFix({
				op: 'exclude-from-deny-assignment',
				denyAssignmentId: printedId,
				principalId: ids.ciAppInA,
			});
			const after = await client.arm(listKeys, token, 'POST');
			expect(after.status).toBe(200);
			expect(after.json.keys[0]).toMatchObject({keyName: 'key1', permissions: 'FULL'});
			// Only the actions a resource has are POSTed; anything else is refused as before.
			expect((await client.arm(`${account}/regenerateKey?api-version=2023-01-01`, token, 'POST')).status).toBe(405);
			expect((await client.arm(`${group}?api-version=2021-04-01`, token, 'DELETE')).status).toBe(405);
		} finally {
			await client.stop();
		}
	});
});

describe('rbac-pim-eligible', () => {
	test('no active role: the role assignments cannot be read, the eligibility can (asTarget()); activating it grants', async () => {
		const client = await open('rbac-pim-eligible');
		try {
			const token = await client.token('alice');
			expectArm403(await client.arm(`${group}?api-version=2021-04-01`, token), 'AuthorizationFailed');
			expectArm403(await client.arm(assignments(group, 'atScope()'), token), 'AuthorizationFailed');
			const eligible = await client.arm(
				`${group}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()`,
				token,
			);
			expect(eligible.status).toBe(200);
			expect(eligible.json.value).toMatchObject([
				{
					properties: {
						scope: subscription,
						roleDefinitionId: `${subscription}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`,
						principalId: ids.alice,
						principalType: 'User',
						status: 'Provisioned',
						memberType: 'Direct',
						expandedProperties: {
							roleDefinition: {displayName: 'Contributor', type: 'BuiltInRole'},
							principal: {email: 'alice@contosodev.onmicrosoft.com', type: 'User'},
						},
					},
					type: 'Microsoft.Authorization/roleEligibilityScheduleInstances',
				},
			]);
			// Without asTarget() it is an administrator's list, and needs read access.
			expectArm403(
				await client.arm(
					`${group}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01`,
					token,
				),
				'AuthorizationFailed',
			);
			expect(() =>
				client.sandbox.applyFix({
					op: 'activate-eligible-role',
					principalId: ids.alice,
					role: 'Owner',
					scope: subscription,
				}),
			).toThrow(/not eligible for Owner/);
			client.sandbox.applyFix({
				op: 'activate-eligible-role',
				principalId: ids.alice,
				role: 'Contributor',
				scope: subscription,
			});
			expect((await client.arm(`${group}?api-version=2021-04-01`, token)).status).toBe(200);
		} finally {
			await client.stop();
		}
	});
});

describe('rbac-stale-token', () => {
	test('the held token predates the group membership (no groups claim) and gets 403; a fresh one carries the group', async () => {
		const client = await open('rbac-stale-token');
		try {
			const held = await client.sandbox.heldToken(client.sandbox.scenario.replay);
			const fresh = await client.token('alice');
			const heldClaims = decodeJwt(held)?.claims ?? {};
			const freshClaims = decodeJwt(fresh)?.claims ?? {};
			expect(heldClaims['groups']).toBeUndefined();
			expect(freshClaims['groups']).toEqual([ids.readersGroup]);
			expect(Number(freshClaims['iat']) - Number(heldClaims['iat'])).toBeGreaterThanOrEqual(1800);
			expect(Number(heldClaims['exp'])).toBeGreaterThan(Date.now() / 1000);
			expectArm403(await client.arm(`${group}?api-version=2021-04-01`, held), 'AuthorizationFailed');
			expect((await client.arm(`${group}?api-version=2021-04-01`, fresh)).status).toBe(200);
			// ARM lists the group's assignment for Alice (assignedTo() follows her groups as they are now).
			const listed = await client.arm(assignments(group, `atScope() and assignedTo('${ids.alice}')`), fresh);
			expect(listed.json.value).toMatchObject([
				{properties: {principalId: ids.readersGroup, principalType: 'Group', scope: subscription}},
			]);
			expect((await replay(client.sandbox)).error).toBe('AuthorizationFailed');
			// Graph reads the directory: the group is there whatever the token says.
			const graph = await sandboxRequest(
				`${client.sandbox.urls.graph}/v1.0/me/transitiveMemberOf/microsoft.graph.group?$select=id,displayName`,
				{ca: client.sandbox.caPem, headers: {authorization: `Bearer ${await graphToken(client.sandbox)}`}},
			);
			expect(JSON.parse(graph.text)).toMatchObject({
				value: [{'@odata.type': '#microsoft.graph.group', id: ids.readersGroup, displayName: 'sg-contoso-dev-readers'}],
			});
			// Joining a group is a change a token issued before does not carry.
			client.sandbox.applyFix({op: 'add-group-member', groupId: ids.readersGroup, objectId: ids.bob});
			expect(client.sandbox.state().operations.at(-1)?.result).toBe(`${ids.bob} added to group sg-contoso-dev-readers`);
		} finally {
			await client.stop();
		}
	});
});
