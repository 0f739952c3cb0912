import type {Scenario} from '../scenario.ts';
import {alice, baseScenario, devTool} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

/** Alice may activate Contributor in Privileged Identity Management, and has not: until she does, she holds nothing. */
export const rbacPimEligible: Scenario = {
	name: 'rbac-pim-eligible',
	description:
		'a user is eligible for Contributor in PIM but has not activated it: no active role, 403 AuthorizationFailed',
	...baseScenario(),
	roleAssignments: [],
	eligibleAssignments: [{principalId: ids.alice, role: 'Contributor', scope: subscriptionScope(ids.subscriptionA)}],
	replay: {
		identity: alice.userPrincipalName,
		clientApp: devTool.name,
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
		expectedError: 'AuthorizationFailed',
	},
	fix: {
		operations: [
			{
				op: 'activate-eligible-role',
				principalId: ids.alice,
				role: 'Contributor',
				scope: subscriptionScope(ids.subscriptionA),
			},
		],
		summary: 'the user activates her eligible Contributor role in PIM',
	},
};
