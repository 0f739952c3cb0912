import type {Scenario} from '../scenario.ts';
import {baseScenario, ciApp} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

const base = baseScenario();

export const tenantMismatch: Scenario = {
	name: 'tenant-mismatch',
	description:
		'a multi-tenant app signed in to its home tenant calls a subscription of another tenant where it also has access (InvalidAuthenticationTokenTenant)',
	...base,
	apps: base.apps.map(app => (app.appId === ciApp.appId ? {...app, multiTenant: true} : app)),
	servicePrincipals: [...base.servicePrincipals, {appId: ids.ciApp, tenantId: ids.tenantB, objectId: ids.ciAppInB}],
	roleAssignments: [
		{principalId: ids.ciAppInA, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)},
		{principalId: ids.ciAppInB, role: 'Reader', scope: subscriptionScope(ids.subscriptionB)},
	],
	replay: {
		identity: 'ci-app',
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionB}/resourcegroups/rg-prod?api-version=2021-04-01`,
		expectedError: 'InvalidAuthenticationTokenTenant',
	},
	fix: {
		operations: [],
		replay: {tenantId: ids.tenantB},
		summary: "get the token from the subscription's tenant (az login --tenant / getToken with tenantId)",
	},
};
