import type {Scenario} from '../scenario.ts';
import {baseScenario} from './base.ts';
import {armAudience, ids, resourceGroupScope, subscriptionScope} from './ids.ts';

export const noRbac: Scenario = {
	name: 'no-rbac',
	description: 'the CI app signs in fine but has no role on the subscription (AuthorizationFailed, 403)',
	...baseScenario(),
	roleAssignments: [{principalId: ids.alice, role: 'Owner', scope: subscriptionScope(ids.subscriptionA)}],
	replay: {
		identity: 'ci-app',
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
		expectedError: 'AuthorizationFailed',
	},
	fix: {
		operations: [
			{
				op: 'assign-role',
				principalId: ids.ciAppInA,
				role: 'Reader',
				scope: resourceGroupScope(ids.subscriptionA, 'rg-app'),
			},
		],
		summary: 'assign the app the least privileged role that reads the resource group (Reader), on the resource group',
	},
};
