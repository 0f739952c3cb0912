import {describe, expect, test} from 'vitest';
import {appId, fakeServices, now, subscriptionA, tenantA, tokenResult} from '../../test/fakes/services.ts';
import {audiences, mintToken} from '../../test/support/mint.ts';
import type {DenyAssignment, RoleAssignment} from '../knowledge/rbac/access.ts';
import {builtInRole, roleDefinitionIdOf} from '../knowledge/rbac/roles.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {Http, RoleEligibility} from '../ports/services.ts';
import type {ArmAction, ArmScope} from '../target/authorization.ts';
import type {Target} from '../target/target.ts';
import {runChecks} from './run-checks.ts';

/** mintToken's object id. */
const objectId = '3a4b5c6d-7e8f-4901-a2b3-c4d5e6f70819';
const subscription = `/subscriptions/${subscriptionA}`;
const group = `${subscription}/resourceGroups/rg-app`;
const account = `${group}/providers/Microsoft.Storage/storageAccounts/stdata`;
const listKeys = 'Microsoft.Storage/storageAccounts/listKeys/action' as ArmAction;

const forbidden = () =>
	new AdapterError(
		'http',
		'ARM answered 403 AuthorizationFailed: The client … does not have authorization to perform action',
		'AuthorizationFailed',
		403,
	);

function assignment(role: string, fields: Partial<RoleAssignment> = {}): RoleAssignment {
	const scope = fields.scope ?? subscription;
	return {
		id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${role.replaceAll(' ', '-')}`,
		roleDefinitionId: roleDefinitionIdOf(builtInRole(role)!, scope),
		principalId: objectId,
		principalType: 'ServicePrincipal',
		scope,
		createdOn: new Date(now - 86_400_000).toISOString(),
		...fields,
	};
}

/** Runs the check with RBAC as the test says, a token minted now (claims as given). */
async function check(
	rbac: Partial<Pick<Http, 'listRoleAssignments' | 'listDenyAssignments' | 'listRoleEligibilities' | 'send'>>,
	target: Partial<Target> = {},
	claims: Record<string, unknown> = {},
	identity: 'app' | 'user' = 'app',
) {
	const base = fakeServices({
		tokens: async request => {
			const minted = await mintToken({
				version: '1.0',
				identity,
				audience: request.resource,
				tenantId: request.tenantId ?? tenantA,
				clientId: appId,
				now,
				claims,
			});
			return tokenResult(minted.token, request.tenantId ?? tenantA);
		},
	});
	const services = {...base, http: {...base.http, ...rbac}};
	const [finding] = await runChecks(
		['role-assignments'],
		{credential: 'cli', auxTenants: [], subscriptionId: subscriptionA, ...target},
		services,
		{timeoutMs: 5000},
	);
	return finding!;
}

describe('role-assignments', () => {
	test("the caller's roles grant the operation: pass, naming the role and when it was assigned", async () => {
		const finding = await check({});
		expect(finding).toMatchObject({
			status: 'pass',
			facts: {
				action: 'Microsoft.Resources/subscriptions/read',
				scope: subscription,
				principalId: objectId,
				principalType: 'ServicePrincipal',
				grantedRole: 'Reader',
			},
		});
		expect(finding.detail).toContain(`Reader at ${subscription} grants Microsoft.Resources/subscriptions/read`);
	});

	test('no role: the least privileged built-in role and the exact az command, at the refused scope', async () => {
		const calls: string[] = [];
		const finding = await check(
			{
				listRoleAssignments: async (scope, _token, filter) => {
					calls.push(`${scope} ${filter}`);
					throw forbidden();
				},
				listDenyAssignments: async () => {
					throw forbidden();
				},
			},
			{action: listKeys, scope: account as ArmScope},
		);
		expect(calls).toEqual([`${account} atScope() and assignedTo('${objectId}')`]);
		expect(finding).toMatchObject({
			status: 'fail',
			facts: {action: listKeys, scope: account, role: 'Storage Account Contributor', roleScope: account},
		});
		expect(finding.detail).toContain('needs Microsoft.Authorization/roleAssignments/read there');
		expect(finding.fix?.command).toBe(
			`az role assignment create --assignee-object-id ${objectId} --assignee-principal-type ServicePrincipal --role "Storage Account Contributor" --scope ${account}`,
		);
	});

	test('a data action: Owner does not grant a secret; the least role is Key Vault Secrets User; a user is a User', async () => {
		const vault = `${group}/providers/Microsoft.KeyVault/vaults/kv`;
		const finding = await check(
			{listRoleAssignments: async () => [assignment('Owner')]},
			{action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action' as ArmAction, scope: vault as ArmScope},
			{},
			'user',
		);
		expect(finding).toMatchObject({status: 'fail', facts: {role: 'Key Vault Secrets User', principalType: 'User'}});
		expect(finding.detail).toContain(`(Owner at ${subscription}) do not grant`);
		expect(finding.fix?.command).toContain('--assignee-principal-type User --role "Key Vault Secrets User"');
	});

	test('a deny assignment blocks what the role grants: its name and id, and the deployment stack to change', async () => {
		const stack = `${group}/providers/Microsoft.Resources/deploymentStacks/app-stack`;
		const deny: DenyAssignment = {
			id: `${group}/providers/Microsoft.Authorization/denyAssignments/0f6d2b3e-54c8-4c1b-9a7e-1c2d3e4f5a6b`,
			name: `Deny assignment '0f6d2b3e-54c8-4c1b-9a7e-1c2d3e4f5a6b' created by Deployment Stack '${stack}'.`,
			scope: group,
			doNotApplyToChildScopes: false,
			permissions: [{actions: ['*'], notActions: ['*/read'], dataActions: [], notDataActions: []}],
			principals: [{id: '00000000-0000-0000-0000-000000000000', type: 'SystemDefined'}],
			excludePrincipals: [],
		};
		const finding = await check(
			{
				listRoleAssignments: async () => [assignment('Storage Account Contributor', {scope: group})],
				listDenyAssignments: async () => [deny],
			},
			{action: listKeys, scope: account as ArmScope},
		);
		expect(finding).toMatchObject({
			status: 'fail',
			facts: {denyAssignmentId: '0f6d2b3e-54c8-4c1b-9a7e-1c2d3e4f5a6b', denyAssignment: deny.name},
		});
		expect(finding.detail).toContain('which Storage Account Contributor would grant');
		expect(finding.fix?.command).toBe(
			`az stack group create --name app-stack --resource-group rg-app --template-file <template> --deny-settings-mode denyWriteAndDelete --deny-settings-excluded-principals ${objectId} --action-on-unmanage detachAll`,
		);
	});

	test('eligible but not active in PIM: activate that role (even when the assignments cannot be read)', async () => {
		const eligibility: RoleEligibility = {
			id: `${subscription}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/e-1`,
			roleDefinitionId: roleDefinitionIdOf(builtInRole('Contributor')!, subscription),
			roleName: 'Contributor',
			principalId: objectId,
			principalType: 'User',
			scope: subscription,
			status: 'Provisioned',
			endDateTime: undefined,
		};
		const finding = await check(
			{
				listRoleAssignments: async () => {
					throw forbidden();
				},
				listDenyAssignments: async () => {
					throw forbidden();
				},
				listRoleEligibilities: async () => [eligibility],
			},
			{action: 'Microsoft.Resources/subscriptions/resourcegroups/read' as ArmAction, scope: group as ArmScope},
		);
		expect(finding).toMatchObject({
			status: 'fail',
			facts: {eligibleRole: 'Contributor', eligibleScope: subscription, role: 'Reader'},
		});
		expect(finding.detail).toContain('Activate your eligible role Contributor in PIM');
		expect(finding.fix?.command).toContain('"requestType":"SelfActivate"');
	});

	test("a group joined after the token was issued: the token's groups lack it, a fresh token is the fix", async () => {
		const groupId = 'dddddddd-1111-0000-0000-000000000001';
		const viaGroup = assignment('Reader', {principalId: groupId, principalType: 'Group'});
		const stale = await check({listRoleAssignments: async () => [viaGroup]}, {}, {groups: []}, 'user');
		expect(stale).toMatchObject({status: 'fail', facts: {staleToken: 'yes', grantedRole: 'Reader'}});
		expect(stale.detail).toContain(`through group ${groupId}`);
		const current = await check({listRoleAssignments: async () => [viaGroup]}, {}, {groups: [groupId]}, 'user');
		expect(current.status).toBe('pass');
		// A user's token without the claim is in no group; with the overage claim its groups are not known.
		expect((await check({listRoleAssignments: async () => [viaGroup]}, {}, {}, 'user')).facts?.['staleToken']).toBe(
			'yes',
		);
		const overage = {
			_claim_names: {groups: 'src1'},
			_claim_sources: {src1: {endpoint: 'https://graph.microsoft.com/x'}},
		};
		expect((await check({listRoleAssignments: async () => [viaGroup]}, {}, overage, 'user')).status).toBe('pass');
		// An app's token carries no groups: ARM looks them up, so nothing is stale.
		expect((await check({listRoleAssignments: async () => [viaGroup]})).status).toBe('pass');
	});

	test("a user's cached token from before a group joined: ARM refuses even the list, Graph names the group", async () => {
		const urls: string[] = [];
		const finding = await check(
			{
				listRoleAssignments: async () => {
					throw forbidden();
				},
				listDenyAssignments: async () => {
					throw forbidden();
				},
				send: async request => {
					if (request.url.startsWith('https://graph.microsoft.com/')) urls.push(request.url);
					return {
						status: 200,
						headers: {},
						body: JSON.stringify({value: [{id: 'DDDDDDDD-1111-0000-0000-000000000001', displayName: 'sg-readers'}]}),
					};
				},
			},
			{action: 'Microsoft.Resources/subscriptions/resourcegroups/read' as ArmAction, scope: group as ArmScope},
			{},
			'user',
		);
		expect(urls).toEqual([
			'https://graph.microsoft.com/v1.0/me/transitiveMemberOf/microsoft.graph.group?$select=id,displayName',
		]);
		expect(finding).toMatchObject({status: 'fail', facts: {staleToken: 'yes', role: 'Reader'}});
		expect(finding.detail).toContain('in group sg-readers (dddddddd-1111-0000-0000-000000000001) now');
		expect(finding.fix?.command).toContain(`az login --service-principal --username ${appId} --tenant ${tenantA}`);
	});

	test('an assignment made after the token was issued (beyond the five minutes of iat): stale token', async () => {
		const recent = assignment('Reader', {createdOn: new Date(now - 60_000).toISOString()});
		const finding = await check(
			{listRoleAssignments: async () => [recent]},
			{},
			{iat: Math.floor((now - 3_000_000) / 1000)},
		);
		expect(finding).toMatchObject({status: 'fail', facts: {staleToken: 'yes'}});
		expect(finding.detail).toContain('after this token was issued');
		// The usual five minutes between iat and issue are no sign of it.
		expect((await check({listRoleAssignments: async () => [recent]})).status).toBe('pass');
		// Nor is a grant in the same second as the issue: iat is whole seconds (a live test once failed on 316 ms).
		const iat = Math.floor((now - 600_000) / 1000);
		const sameSecond = assignment('Reader', {createdOn: new Date((iat + 300) * 1000 + 316).toISOString()});
		expect((await check({listRoleAssignments: async () => [sameSecond]}, {}, {iat})).status).toBe('pass');
	});

	test('only an assignment with an ABAC condition grants it: the condition is named', async () => {
		const condition =
			"@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:ContainerName] StringEquals 'logs'";
		const finding = await check({listRoleAssignments: async () => [assignment('Reader', {condition})]});
		expect(finding).toMatchObject({status: 'fail', facts: {roleCondition: condition}});
		expect(finding.detail).toContain('ABAC condition');
	});

	test("LinkedAuthorizationFailed: the linked scope's operation is the one looked at", async () => {
		const identity = `${group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app`;
		const finding = await check(
			{listRoleAssignments: async () => [assignment('Virtual Machine Contributor', {scope: group})]},
			{
				action: 'Microsoft.Compute/virtualMachines/write' as ArmAction,
				scope: `${group}/providers/Microsoft.Compute/virtualMachines/vm` as ArmScope,
				linkedAction: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action' as ArmAction,
				linkedScope: identity as ArmScope,
			},
		);
		expect(finding).toMatchObject({
			status: 'fail',
			facts: {
				action: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
				role: 'Managed Identity Operator',
			},
		});
		expect(finding.detail).toContain('(the linked scope)');
	});

	test('nothing to look at: skip with the flags to give; no token: an error that says why', async () => {
		expect(await check({}, {subscriptionId: undefined, credential: 'env'})).toMatchObject({status: 'skip'});
		const base = fakeServices({
			tokens: async () => {
				throw new AdapterError('not-signed-in', 'Please run az login');
			},
		});
		const [finding] = await runChecks(
			['role-assignments'],
			{credential: 'cli', auxTenants: [], subscriptionId: subscriptionA},
			base,
			{timeoutMs: 5000},
		);
		expect(finding).toMatchObject({status: 'error'});
		expect(finding?.detail).toContain('Please run az login');
		expect(audiences.arm).toBe('https://management.core.windows.net/');
	});
});
