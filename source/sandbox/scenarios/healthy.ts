import type {Scenario} from '../scenario.ts';
import {baseScenario} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

export const healthy: Scenario = {
	name: 'healthy',
	description: 'everything works: a CI app with Reader on its subscription, a user who is Owner',
	...baseScenario(),
	roleAssignments: [
		{principalId: ids.ciAppInA, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)},
		{principalId: ids.alice, role: 'Owner', scope: subscriptionScope(ids.subscriptionA)},
	],
	replay: {
		identity: 'ci-app',
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
		expectedError: '',
	},
	fix: {operations: [], summary: 'nothing to fix'},
};
