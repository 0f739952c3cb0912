import type {Scenario} from '../scenario.ts';
import {baseScenario, ciApp, subscriptionB} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

const base = baseScenario();

export const staleCache: Scenario = {
	name: 'stale-cache',
	description:
		'the Azure CLI profile still files a subscription under the tenant it moved from, so az gets tokens of the old tenant (InvalidAuthenticationTokenTenant)',
	...base,
	apps: base.apps.map(app => (app.appId === ciApp.appId ? {...app, multiTenant: true} : app)),
	servicePrincipals: [...base.servicePrincipals, {appId: ids.ciApp, tenantId: ids.tenantB, objectId: ids.ciAppInB}],
	roleAssignments: [
		{principalId: ids.ciAppInA, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)},
		{principalId: ids.ciAppInB, role: 'Reader', scope: subscriptionScope(ids.subscriptionB)},
	],
	azureCli: {
		servicePrincipal: 'ci-app',
		secret: ciApp.secrets![0]!.value,
		subscriptions: [{id: subscriptionB.id, tenantId: ids.tenantA, isDefault: true}],
	},
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
		summary: `clear the Azure CLI's cached accounts and sign in again (az account clear; az login --service-principal … --tenant ${ids.tenantB})`,
	},
};
