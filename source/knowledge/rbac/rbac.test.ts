import {describe, expect, test} from 'vitest';
import {
	type Caller,
	type DenyAssignment,
	decideAccess,
	everyonePrincipalId,
	type RoleAssignment,
	scopeCovers,
} from './access.ts';
import {actionMatches, planeOf, roleGrants} from './actions.ts';
import {denyAssignmentGuid, parseAuthorizationFailure} from './failure-text.ts';
import {isRead, leastPrivilegedRole, rolesGranting} from './least-privilege.ts';
import {builtInRole, builtInRoles, builtInRolesSource, roleDefinitionIdOf, roleGuidOf} from './roles.ts';

const role = (name: string) => {
	const found = builtInRole(name);
	if (!found) throw new Error(`no built-in role ${name}`);
	return found;
};

describe('built-in role data', () => {
	test('60 real roles with their source, found by name, GUID or either form of role definition id', () => {
		expect(builtInRoles).toHaveLength(60);
		expect(builtInRolesSource.url).toContain(
			'easimon/azure-builtin-roles/tree/db0b2258505032bd004bc356dd3eec87250d5b99',
		);
		expect(builtInRole('reader')?.id).toBe('acdd72a7-3385-48ef-bd42-f606fba81ae7');
		expect(builtInRole('4633458b-17de-408a-b874-0445c86b69e6')?.roleName).toBe('Key Vault Secrets User');
		expect(
			builtInRole(
				'/subscriptions/33333333-3333-3333-3333-333333333333/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c',
			)?.roleName,
		).toBe('Contributor');
		expect(roleGuidOf('/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635')).toBe(
			'8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
		);
		expect(roleDefinitionIdOf(role('Reader'), '/subscriptions/s-1/resourceGroups/rg')).toBe(
			'/subscriptions/s-1/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
		);
		expect(builtInRole('Not A Role')).toBeUndefined();
	});
});

describe('matching operations against permission strings', () => {
	test.each([
		['*', 'Microsoft.Storage/storageAccounts/listKeys/action', true],
		['*/read', 'Microsoft.Resources/subscriptions/resourcegroups/read', true],
		['*/read', 'Microsoft.Storage/storageAccounts/listKeys/action', false],
		['Microsoft.Compute/*', 'Microsoft.Compute/virtualMachines/start/action', true],
		['Microsoft.Network/*/read', 'microsoft.network/virtualnetworks/subnets/read', true],
		['Microsoft.Authorization/*/Write', 'Microsoft.Authorization/roleAssignments/write', true],
		// `/*/` may stand for no segment at all: Managed Identity Operator's assign permission.
		[
			'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
			'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
			true,
		],
		['Microsoft.KeyVault/vaults/secrets/*', 'Microsoft.KeyVault/vaults/keys/read', false],
		['Microsoft.Web/sites/restart/Action', 'microsoft.web/sites/restart/action', true],
		['Microsoft.Storage/storageAccounts/read', 'Microsoft.Storage/storageAccounts/readX', false],
	])('%s covers %s: %s', (pattern, action, expected) => {
		expect(actionMatches(pattern, action)).toBe(expected);
	});

	test('NotActions subtract within a role; data actions are a plane of their own', () => {
		const contributor = role('Contributor');
		expect(roleGrants(contributor, 'Microsoft.Compute/virtualMachines/write', 'control')).toBe(true);
		expect(roleGrants(contributor, 'Microsoft.Authorization/roleAssignments/write', 'control')).toBe(false);
		// Owner's `*` is control plane only: it does not read a secret's value.
		expect(roleGrants(role('Owner'), 'Microsoft.KeyVault/vaults/secrets/getSecret/action', 'data')).toBe(false);
		expect(
			roleGrants(role('Key Vault Secrets User'), 'Microsoft.KeyVault/vaults/secrets/getSecret/action', 'data'),
		).toBe(true);
	});

	test.each([
		['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'data'],
		['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', 'data'],
		['Microsoft.ServiceBus/namespaces/messages/send/action', 'data'],
		['Microsoft.ContainerService/managedClusters/pods/read', 'data'],
		['Microsoft.KeyVault/vaults/read', 'control'],
		['Microsoft.KeyVault/vaults/secrets/read', 'control'],
		['Microsoft.Storage/storageAccounts/blobServices/containers/read', 'control'],
		['Microsoft.Storage/storageAccounts/listKeys/action', 'control'],
		['Microsoft.Resources/subscriptions/resourcegroups/read', 'control'],
		['Microsoft.ContainerRegistry/registries/pull/read', 'control'],
	])('%s is a %s-plane operation', (action, plane) => {
		expect(planeOf(action)).toBe(plane);
	});
});

describe('the least privileged built-in role for an operation (the research’s worked results)', () => {
	const names = (action: string) => rolesGranting(action).map(ranked => ranked.role.roleName);

	test('getSecret: Key Vault Secrets User, then Secrets Officer, then Administrator; Owner does not grant it', () => {
		expect(names('Microsoft.KeyVault/vaults/secrets/getSecret/action')).toEqual([
			'Key Vault Secrets User',
			'Key Vault Secrets Officer',
			'Key Vault Administrator',
		]);
	});

	test('blobs/read: Storage Blob Data Reader, then Contributor, then Owner', () => {
		expect(names('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read')).toEqual([
			'Storage Blob Data Reader',
			'Storage Blob Data Contributor',
			'Storage Blob Data Owner',
		]);
	});

	test('registries/pull/read: AcrPull first', () => {
		const ranked = names('Microsoft.ContainerRegistry/registries/pull/read');
		expect(ranked[0]).toBe('AcrPull');
		expect(ranked).toContain('AcrPush');
	});

	test('userAssignedIdentities/assign/action: Managed Identity Operator (the zero-segment /*/), then Contributor and Owner', () => {
		expect(names('Microsoft.ManagedIdentity/userAssignedIdentities/assign/action')).toEqual([
			'Managed Identity Operator',
			'Contributor',
			'Owner',
		]);
	});

	test('subnets/join/action: Virtual Machine Contributor, then Network Contributor, then Contributor and Owner', () => {
		expect(names('Microsoft.Network/virtualNetworks/subnets/join/action')).toEqual([
			'Virtual Machine Contributor',
			'Network Contributor',
			'Contributor',
			'Owner',
		]);
	});

	test('roleAssignments/write: Role Based Access Control Administrator, then User Access Administrator, then Owner', () => {
		expect(names('Microsoft.Authorization/roleAssignments/write')).toEqual([
			'Role Based Access Control Administrator',
			'User Access Administrator',
			'Owner',
		]);
	});

	test('reads go to roles that only read: Reader for a resource group, Key Vault Reader for a vault', () => {
		expect(leastPrivilegedRole('Microsoft.Resources/subscriptions/resourcegroups/read')?.roleName).toBe('Reader');
		expect(leastPrivilegedRole('Microsoft.Resources/subscriptions/read')?.roleName).toBe('Reader');
		expect(leastPrivilegedRole('Microsoft.KeyVault/vaults/read')?.roleName).toBe('Key Vault Reader');
		expect(leastPrivilegedRole('Microsoft.Storage/storageAccounts/listKeys/action')?.roleName).toBe(
			'Storage Account Contributor',
		);
		expect(isRead('Microsoft.Storage/storageAccounts/listKeys/action')).toBe(true);
		expect(isRead('Microsoft.Compute/virtualMachines/start/action')).toBe(false);
	});

	test('a role that cannot be assigned at the scope is left out', () => {
		const narrow = {...role('AcrPull'), assignableScopes: ['/subscriptions/other']};
		expect(
			rolesGranting('Microsoft.ContainerRegistry/registries/pull/read', {
				scope: '/subscriptions/mine',
				roles: [narrow, role('AcrPush')],
			}).map(ranked => ranked.role.roleName),
		).toEqual(['AcrPush']);
	});
});

describe('deciding one request', () => {
	const subscription = '/subscriptions/33333333-3333-3333-3333-333333333333';
	const group = `${subscription}/resourceGroups/rg-app`;
	const account = `${group}/providers/Microsoft.Storage/storageAccounts/stdata`;
	const caller: Caller = {objectId: 'p-1', groups: ['g-1']};
	const assignment = (fields: Partial<RoleAssignment> & {role: string}): RoleAssignment => ({
		id: `${fields.scope ?? subscription}/providers/Microsoft.Authorization/roleAssignments/${fields.role}`,
		roleDefinitionId: roleDefinitionIdOf(role(fields.role)),
		principalId: 'p-1',
		principalType: 'ServicePrincipal',
		scope: subscription,
		...fields,
	});
	const roleOf = (id: string) => builtInRole(id);
	const listKeys = 'Microsoft.Storage/storageAccounts/listKeys/action';
	const stackDeny: DenyAssignment = {
		id: `${group}/providers/Microsoft.Authorization/denyAssignments/d-1`,
		name: "Deny assignment 'd-1' created by Deployment Stack 'app-stack'.",
		scope: group,
		doNotApplyToChildScopes: false,
		permissions: [
			{
				actions: ['*'],
				notActions: ['*/read', 'Microsoft.Authorization/locks/delete'],
				dataActions: [],
				notDataActions: [],
			},
		],
		principals: [{id: everyonePrincipalId, type: 'SystemDefined'}],
		excludePrincipals: [],
	};

	test('assignments at the scope and above count, below do not; groups count through the caller', () => {
		expect(scopeCovers(subscription, account)).toBe(true);
		expect(scopeCovers(account, subscription)).toBe(false);
		expect(scopeCovers('/', subscription)).toBe(true);
		const decide = (assignments: RoleAssignment[]) =>
			decideAccess({caller, action: listKeys, plane: 'control', scope: account, assignments, roleOf}).kind;
		expect(decide([assignment({role: 'Storage Account Contributor'})])).toBe('allowed');
		expect(decide([assignment({role: 'Storage Account Contributor', scope: `${account}/blobServices/default`})])).toBe(
			'no-role',
		);
		expect(decide([assignment({role: 'Contributor', principalId: 'g-1', principalType: 'Group'})])).toBe('allowed');
		expect(decide([assignment({role: 'Contributor', principalId: 'g-2', principalType: 'Group'})])).toBe('no-role');
		expect(decide([assignment({role: 'Reader'})])).toBe('no-role');
	});

	test('a deny assignment blocks what a role grants, unless the caller is excluded or the scope is a child it skips', () => {
		const assignments = [assignment({role: 'Contributor'})];
		const decide = (deny: DenyAssignment, action = listKeys) =>
			decideAccess({caller, action, plane: 'control', scope: account, assignments, denyAssignments: [deny], roleOf});
		expect(decide(stackDeny)).toMatchObject({
			kind: 'denied',
			deny: stackDeny,
			grants: [{role: {roleName: 'Contributor'}}],
		});
		expect(decide(stackDeny, 'Microsoft.Storage/storageAccounts/read').kind).toBe('allowed');
		expect(decide({...stackDeny, excludePrincipals: [{id: 'p-1', type: 'ServicePrincipal'}]}).kind).toBe('allowed');
		expect(decide({...stackDeny, excludePrincipals: [{id: 'g-1', type: 'Group'}]}).kind).toBe('allowed');
		expect(decide({...stackDeny, doNotApplyToChildScopes: true}).kind).toBe('allowed');
		expect(decide({...stackDeny, principals: [{id: 'p-2', type: 'User'}]}).kind).toBe('allowed');
	});

	test('an assignment with a condition grants only when the condition holds', () => {
		const conditional = assignment({role: 'Contributor', condition: "@Resource[x] StringEquals 'y'"});
		const request = {
			caller,
			action: listKeys,
			plane: 'control' as const,
			scope: account,
			assignments: [conditional],
			roleOf,
		};
		expect(decideAccess(request)).toMatchObject({kind: 'condition', conditional: [{assignment: conditional}]});
		expect(decideAccess({...request, conditionHolds: () => true}).kind).toBe('allowed');
	});
});

describe('reading an ARM authorisation failure', () => {
	test('explain knows a deny assignment’s refusal as an authorisation failure (its phrase and code are in knowledge/)', async () => {
		const {explainText} = await import('../../explain/explain.ts');
		const [top] = explainText(
			`{"error":{"code":"DenyAssignmentAuthorizationFailed","message":"The client 'ci' with object id 'aaaaaaaa-1111-0000-0000-000000000001' has permission to perform action 'Microsoft.Storage/storageAccounts/listKeys/action' on scope '/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/rg'; however, the access is denied because of the deny assignment with name 'stack' and Id 'eeeeeeee111140000a000000000000001' at scope '/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/rg'."}}`,
		).findings;
		expect(top?.family).toBe('authorization-failed');
		expect(top?.entities['action']).toBe('Microsoft.Storage/storageAccounts/listKeys/action');
	});

	test('AuthorizationFailed (ARO-RP #66): client, object id, action, scope', () => {
		expect(
			parseAuthorizationFailure(
				"The client 'b9bc1545-a684-4e50-9a4d-2e2ee90bed6a' with object id 'b9bc1545-a684-4e50-9a4d-2e2ee90bed6a' does not have authorization to perform action 'Microsoft.Storage/storageAccounts/write' over scope '/subscriptions/225e02bc-43d0-43d1-a01a-17e584a4ef69/resourcegroups/aro-6hwuovvq/providers/Microsoft.Storage/storageAccounts/clusterixgbq' or the scope is invalid. If access was recently granted, please refresh your credentials.",
			),
		).toEqual({
			code: 'AuthorizationFailed',
			client: 'b9bc1545-a684-4e50-9a4d-2e2ee90bed6a',
			objectId: 'b9bc1545-a684-4e50-9a4d-2e2ee90bed6a',
			action: 'Microsoft.Storage/storageAccounts/write',
			scope:
				'/subscriptions/225e02bc-43d0-43d1-a01a-17e584a4ef69/resourcegroups/aro-6hwuovvq/providers/Microsoft.Storage/storageAccounts/clusterixgbq',
		});
	});

	test('the ABAC wording says a condition may be what failed', () => {
		expect(
			parseAuthorizationFailure(
				"The client 'admin@contoso.com' with object id '6a1c1a4e-0f4c-4fb5-9d70-8c0e4a6f4a11' does not have authorization or an ABAC condition not fulfilled to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/r' or the scope is invalid.",
			),
		).toMatchObject({condition: true, action: 'Microsoft.Authorization/roleAssignments/write'});
	});

	test('DenyAssignmentAuthorizationFailed (migAz #266): the deny assignment, its dashless id and scope', () => {
		const failure = parseAuthorizationFailure(
			"The client 'reiselg@microsoft.com' with object id '8423af7a-778c-4bad-a756-15acd12a3271' has permission to perform action 'Microsoft.Storage/storageAccounts/listKeys/action' on scope '/subscriptions/f91b984c-db55-4e3a-980e-b4eef44056b6/resourceGroups/databricks-rg/providers/Microsoft.Storage/storageAccounts/dbstorage/listKeys'; however, the access is denied because of the deny assignment with name 'System deny assignment created by Azure Databricks /subscriptions/f91b984c-db55-4e3a-980e-b4eef44056b6/resourceGroups/rg_databricks_latam/providers/Microsoft.Databricks/workspaces/databrickslatam' and Id 'bb83c1f70be4470981c82dbd01457724' at scope '/subscriptions/f91b984c-db55-4e3a-980e-b4eef44056b6/resourceGroups/databricks-rg'.",
		);
		expect(failure).toMatchObject({
			code: 'DenyAssignmentAuthorizationFailed',
			objectId: '8423af7a-778c-4bad-a756-15acd12a3271',
			action: 'Microsoft.Storage/storageAccounts/listKeys/action',
			denyAssignmentId: 'bb83c1f70be4470981c82dbd01457724',
			denyScope: '/subscriptions/f91b984c-db55-4e3a-980e-b4eef44056b6/resourceGroups/databricks-rg',
		});
		expect(denyAssignmentGuid(failure?.denyAssignmentId ?? '')).toBe('bb83c1f7-0be4-4709-81c8-2dbd01457724');
	});

	test('LinkedAuthorizationFailed: a missing permission on the linked scope, or another tenant', () => {
		expect(
			parseAuthorizationFailure(
				"The  client '000placeholder' with object id '000placeholder' has permission to perform action 'Microsoft.Compute/virtualMachineScaleSets/virtualMachines/write' on scope '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/vmss/virtualMachines/1'; however, it does not have permission to perform action 'Microsoft.Network/loadBalancers/backendAddressPools/join/action' on the linked scope(s) '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/backendAddressPools/kubernetes' or the linked scope(s) are invalid.",
			),
		).toMatchObject({
			code: 'LinkedAuthorizationFailed',
			action: 'Microsoft.Compute/virtualMachineScaleSets/virtualMachines/write',
			linkedAction: 'Microsoft.Network/loadBalancers/backendAddressPools/join/action',
			linkedScopes: [
				'/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/backendAddressPools/kubernetes',
			],
		});
		expect(
			parseAuthorizationFailure(
				"The client has permission to perform action 'Microsoft.Network/virtualNetworks/subnets/join/action' on scope '/subscriptions/a/resourcegroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/ss-compute', however the current tenant '72f988bf-86f1-41af-91ab-2d7cd011db47' is not authorized to access linked subscription 'b7a6ea8b-8aac-46e2-9cd9-0d22ff8778bc'.",
			),
		).toEqual({
			code: 'LinkedAuthorizationFailed',
			action: 'Microsoft.Network/virtualNetworks/subnets/join/action',
			scope: '/subscriptions/a/resourcegroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/ss-compute',
			currentTenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
			linkedSubscription: 'b7a6ea8b-8aac-46e2-9cd9-0d22ff8778bc',
		});
		expect(
			parseAuthorizationFailure(
				"The client has permission to perform action 'Microsoft.Network/ddosProtectionPlans/join/action' on scope '/subscriptions/a/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet', however the linked subscription '00000000-0000-0000-0000-000000000000' was not found.",
			),
		).toMatchObject({linkedSubscription: '00000000-0000-0000-0000-000000000000'});
		expect(parseAuthorizationFailure('AADSTS700016: Application not found')).toBeUndefined();
	});
});
