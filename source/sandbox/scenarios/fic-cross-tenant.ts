import type {Scenario} from '../scenario.ts';
import {baseScenario} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

const base = baseScenario();
const managedIdentityIssuer = `{authorityHost}/${ids.tenantA}/v2.0`;
const exchangeAudience = 'api://AzureADTokenExchange';

export const ficCrossTenant: Scenario = {
	name: 'fic-cross-tenant',
	description:
		"a managed identity's token is used as a federated credential for an app in another tenant (AADSTS700236); a multi-tenant app in the identity's tenant works",
	...base,
	apps: [
		...base.apps,
		{
			name: 'deploy-app',
			appId: ids.deployApp,
			displayName: 'fabrikam-deploy',
			homeTenantId: ids.tenantB,
			federatedCredentials: [
				{
					name: 'build-identity',
					issuer: managedIdentityIssuer,
					subject: ids.buildIdentityObject,
					audiences: [exchangeAudience],
				},
			],
		},
		{
			name: 'deploy-multi',
			appId: ids.deployMultiApp,
			displayName: 'contoso-deploy-multitenant',
			homeTenantId: ids.tenantA,
			multiTenant: true,
		},
	],
	servicePrincipals: [
		...base.servicePrincipals,
		{appId: ids.deployApp, tenantId: ids.tenantB, objectId: ids.deployAppInB},
		{appId: ids.deployMultiApp, tenantId: ids.tenantA, objectId: ids.deployMultiAppInA},
	],
	managedIdentities: [
		{
			name: 'build-identity',
			kind: 'user-assigned',
			tenantId: ids.tenantA,
			clientId: ids.buildIdentityClient,
			objectId: ids.buildIdentityObject,
			resourceId: `/subscriptions/${ids.subscriptionA}/resourceGroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-build`,
		},
	],
	roleAssignments: [
		{principalId: ids.deployAppInB, role: 'Reader', scope: subscriptionScope(ids.subscriptionB)},
		{principalId: ids.buildIdentityObject, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)},
	],
	replay: {
		identity: 'build-identity',
		exchangeFor: 'deploy-app',
		tenantId: ids.tenantB,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionB}/resourcegroups/rg-prod?api-version=2021-04-01`,
		expectedError: 'AADSTS700236',
	},
	fix: {
		operations: [
			{
				op: 'add-federated-credential',
				app: 'deploy-multi',
				credential: {
					name: 'build-identity',
					issuer: managedIdentityIssuer,
					subject: ids.buildIdentityObject,
					audiences: [exchangeAudience],
				},
			},
			{
				op: 'grant-admin-consent',
				clientAppId: ids.deployMultiApp,
				tenantId: ids.tenantB,
				servicePrincipalObjectId: ids.deployMultiAppInB,
			},
			{
				op: 'assign-role',
				principalId: ids.deployMultiAppInB,
				role: 'Reader',
				scope: subscriptionScope(ids.subscriptionB),
			},
		],
		replay: {exchangeFor: 'deploy-multi'},
		summary:
			"federate the identity with a multi-tenant app registered in the identity's own tenant, consent to it in the target tenant and give it a role there",
	},
};
