import type {Scenario} from '../scenario.ts';
import {baseScenario, tenantA} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

const base = baseScenario();

export const expiredToken: Scenario = {
	name: 'expired-token',
	description:
		"tokens arrive already expired: the tenant's token clock runs two hours behind ARM's (ExpiredAuthenticationToken)",
	...base,
	tenants: base.tenants.map(tenant => (tenant.id === tenantA.id ? {...tenant, clockOffsetSeconds: -7200} : tenant)),
	roleAssignments: [{principalId: ids.ciAppInA, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)}],
	replay: {
		identity: 'ci-app',
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
		expectedError: 'ExpiredAuthenticationToken',
	},
	fix: {
		operations: [{op: 'clear-clock-offset', tenantId: ids.tenantA}],
		summary: 'fix the clock skew, then get a fresh token',
	},
};
