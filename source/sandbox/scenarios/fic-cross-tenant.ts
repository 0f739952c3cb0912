import type {Scenario} from '../scenario.ts';
import {baseScenario} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

const base = baseScenario();
const managedIdentityIssuer = `{authorityHost}/${ids.tenantA}/v2.0`;
const exchangeAudience = 'api://AzureADTokenExchange';
/** The operator's Azure CLI sign-in: an app of tenant B, provisioned in both tenants, that reads Graph. */
const directoryReader = {
	appId: 'aaaaaaaa-0000-0000-0000-000000000006',
	inA: 'aaaaaaaa-1111-0000-0000-000000000006',
	inB: 'aaaaaaaa-2222-0000-0000-000000000006',
	secret: 'sandbox-directory-reader-secret-not-real',
};

export const ficCrossTenant: Scenario = {
	name: 'fic-cross-tenant',
	description:
		"a managed identity's token is used as a federated credential for an app in another tenant (AADSTS700236); a multi-tenant app in the identity's tenant works",
	...base,
	apps: [
		...base.apps,
		{
			name: 'directory-reader',
			appId: directoryReader.appId,
			displayName: 'fabrikam-directory-reader',
			homeTenantId: ids.tenantB,
			multiTenant: true,
			secrets: [{id: 'reader-secret-1', value: directoryReader.secret}],
		},
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
		{appId: directoryReader.appId, tenantId: ids.tenantA, objectId: directoryReader.inA},
		{appId: directoryReader.appId, tenantId: ids.tenantB, objectId: directoryReader.inB},
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
	azureCli: {
		servicePrincipal: 'directory-reader',
		secret: directoryReader.secret,
		subscriptions: [{id: ids.subscriptionB, tenantId: ids.tenantB, isDefault: true}],
	},
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
