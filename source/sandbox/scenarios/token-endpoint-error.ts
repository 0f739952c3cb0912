import type {Scenario} from '../scenario.ts';
import {alice, baseScenario, devTool, tenantA} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

const base = baseScenario();

export const tokenEndpointError: Scenario = {
	name: 'token-endpoint-error',
	description:
		'AADSTS50000 at sign-in: the tenant allows admin consent only and the tool has none; a second user whose password hash never synced',
	...base,
	tenants: base.tenants.map(tenant => (tenant.id === tenantA.id ? {...tenant, userConsent: 'admin-only'} : tenant)),
	users: [
		alice,
		{
			userPrincipalName: 'bob@contosodev.onmicrosoft.com',
			displayName: 'Bob Builder',
			objectId: ids.bob,
			tenantId: ids.tenantA,
			password: 'sandbox-bob-password-not-real',
			passwordState: 'sync-error',
		},
	],
	consentGrants: [],
	roleAssignments: [
		{principalId: ids.alice, role: 'Owner', scope: subscriptionScope(ids.subscriptionA)},
		{principalId: ids.bob, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)},
	],
	replay: {
		identity: alice.userPrincipalName,
		clientApp: devTool.name,
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
		expectedError: 'AADSTS50000',
	},
	fix: {
		operations: [{op: 'grant-admin-consent', clientAppId: ids.devTool, tenantId: ids.tenantA}],
		summary:
			'an administrator grants consent to the tool for the whole tenant (for bob: reset the password so it syncs)',
	},
};
