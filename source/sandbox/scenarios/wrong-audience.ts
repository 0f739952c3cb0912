import type {Scenario} from '../scenario.ts';
import {baseScenario} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

export const wrongAudience: Scenario = {
	name: 'wrong-audience',
	description: 'a token minted for Microsoft Graph is sent to ARM (InvalidAuthenticationTokenAudience)',
	...baseScenario(),
	roleAssignments: [{principalId: ids.ciAppInA, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)}],
	replay: {
		identity: 'ci-app',
		tenantId: ids.tenantA,
		resource: 'https://graph.microsoft.com',
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
		expectedError: 'InvalidAuthenticationTokenAudience',
	},
	fix: {
		operations: [],
		replay: {resource: armAudience},
		summary: 'ask for a token for ARM (https://management.core.windows.net//.default), not Graph',
	},
};
