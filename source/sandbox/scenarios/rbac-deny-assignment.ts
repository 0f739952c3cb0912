import type {Scenario} from '../scenario.ts';
import {baseScenario} from './base.ts';
import {armAudience, ids, resourceGroupScope} from './ids.ts';

const group = resourceGroupScope(ids.subscriptionA, 'rg-app');
const stack = `${group}/providers/Microsoft.Resources/deploymentStacks/app-stack`;

/**
The resource group is managed by a deployment stack with deny settings `denyWriteAndDelete`: Azure
made a deny assignment for everyone but the stack's excluded principals, denying `*` except `*\/read`
(and `Microsoft.Authorization/locks/delete`, which the mode always excludes). The CI app's role allows
listing the storage account's keys; the deny assignment blocks it.
*/
export const rbacDenyAssignment: Scenario = {
	name: 'rbac-deny-assignment',
	description:
		"the CI app's role allows listing the storage keys, but a deployment stack's deny assignment blocks it (DenyAssignmentAuthorizationFailed)",
	...baseScenario(),
	roleAssignments: [
		{principalId: ids.ciAppInA, role: 'Storage Account Contributor', scope: group},
		{principalId: ids.alice, role: 'Owner', scope: `/subscriptions/${ids.subscriptionA}`},
	],
	denyAssignments: [
		{
			id: ids.stackDenyAssignment,
			name: `Deny assignment '${ids.stackDenyAssignment}' created by Deployment Stack '${stack}'.`,
			description: `Created by Deployment Stack '${stack}' (deny settings mode denyWriteAndDelete).`,
			scope: group,
			actions: ['*'],
			notActions: ['*/read', 'Microsoft.Authorization/locks/delete'],
			principals: [{id: '00000000-0000-0000-0000-000000000000', type: 'SystemDefined'}],
			excludePrincipals: [{id: ids.alice, type: 'User'}],
			isSystemProtected: true,
		},
	],
	replay: {
		identity: 'ci-app',
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'POST',
		path: `${group}/providers/Microsoft.Storage/storageAccounts/stcontosodata/listKeys?api-version=2023-01-01`,
		expectedError: 'DenyAssignmentAuthorizationFailed',
	},
	fix: {
		operations: [
			{op: 'exclude-from-deny-assignment', denyAssignmentId: ids.stackDenyAssignment, principalId: ids.ciAppInA},
		],
		summary: "the stack's owner excludes the app from its deny settings (the deny assignment follows)",
	},
};
