import type {
	AppDefinition,
	AzureCliSeed,
	Scenario,
	SubscriptionDefinition,
	TenantDefinition,
	UserDefinition,
} from '../scenario.ts';
import {ids} from './ids.ts';

/** The two tenants every scenario starts from. */
export const tenantA: TenantDefinition = {
	id: ids.tenantA,
	displayName: 'Contoso Dev',
	defaultDomain: 'contosodev.onmicrosoft.com',
};

export const tenantB: TenantDefinition = {
	id: ids.tenantB,
	displayName: 'Fabrikam Prod',
	defaultDomain: 'fabrikamprod.onmicrosoft.com',
};

export const subscriptionA: SubscriptionDefinition = {
	id: ids.subscriptionA,
	displayName: 'Contoso Dev Subscription',
	tenantId: ids.tenantA,
	resourceGroups: [
		{
			name: 'rg-app',
			location: 'westeurope',
			resources: [
				{
					path: 'providers/Microsoft.Storage/storageAccounts/stcontosodata',
					type: 'Microsoft.Storage/storageAccounts',
					location: 'westeurope',
					properties: {
						provisioningState: 'Succeeded',
						primaryEndpoints: {blob: 'https://stcontosodata.blob.core.windows.net/'},
					},
					// POST …/listKeys (Microsoft.Storage/storageAccounts/listKeys/action); obviously fake keys.
					actions: {
						listKeys: {
							keys: [
								{keyName: 'key1', value: 'sandbox-storage-key-1-not-real', permissions: 'FULL'},
								{keyName: 'key2', value: 'sandbox-storage-key-2-not-real', permissions: 'FULL'},
							],
						},
					},
				},
			],
		},
	],
};

export const subscriptionB: SubscriptionDefinition = {
	id: ids.subscriptionB,
	displayName: 'Fabrikam Production',
	tenantId: ids.tenantB,
	resourceGroups: [
		{
			name: 'rg-prod',
			location: 'northeurope',
			resources: [
				{
					path: 'providers/Microsoft.KeyVault/vaults/kv-fabrikam-prod',
					type: 'Microsoft.KeyVault/vaults',
					location: 'northeurope',
					properties: {provisioningState: 'Succeeded', vaultUri: 'https://kv-fabrikam-prod.vault.azure.net/'},
				},
			],
		},
	],
};

/** A CI service principal: secret sign-in, single tenant unless a scenario widens it. */
export const ciApp: AppDefinition = {
	name: 'ci-app',
	appId: ids.ciApp,
	displayName: 'contoso-ci',
	homeTenantId: ids.tenantA,
	secrets: [{id: 'ci-secret-1', value: 'sandbox-ci-app-secret-not-real'}],
	assertionSigningKey: 'sandbox-ci-app-assertion-key-not-real-0123456789',
	certificateCredential: true,
};

/** An API other apps call on behalf of users (OBO). */
export const apiApp: AppDefinition = {
	name: 'orders-api',
	appId: ids.apiApp,
	displayName: 'contoso-orders-api',
	homeTenantId: ids.tenantA,
	secrets: [{id: 'api-secret-1', value: 'sandbox-orders-api-secret-not-real'}],
	identifierUris: [`api://${ids.apiApp}`],
	exposedScopes: ['Orders.Read'],
	accessTokenVersion: 2,
};

/** A developer tool: a public client users sign in to (device code, password). */
export const devTool: AppDefinition = {
	name: 'dev-tool',
	appId: ids.devTool,
	displayName: 'contoso-dev-tool',
	homeTenantId: ids.tenantA,
	publicClient: true,
};

export const alice: UserDefinition = {
	userPrincipalName: 'alice@contosodev.onmicrosoft.com',
	displayName: 'Alice Admin',
	objectId: ids.alice,
	tenantId: ids.tenantA,
	password: 'sandbox-alice-password-not-real',
};

/** The parts most scenarios share: two tenants, a subscription each, a CI app, an API, a user. */
export function baseScenario(): Pick<
	Scenario,
	'tenants' | 'subscriptions' | 'apps' | 'servicePrincipals' | 'users' | 'consentGrants' | 'deviceCodeAutoApprove'
> {
	return {
		tenants: [tenantA, tenantB],
		subscriptions: [subscriptionA, subscriptionB],
		apps: [ciApp, apiApp, devTool],
		servicePrincipals: [
			{appId: ids.ciApp, tenantId: ids.tenantA, objectId: ids.ciAppInA},
			{appId: ids.apiApp, tenantId: ids.tenantA, objectId: ids.apiAppInA},
			{appId: ids.devTool, tenantId: ids.tenantA, objectId: ids.devToolInA},
		],
		users: [alice],
		consentGrants: [{clientAppId: ids.devTool, tenantId: ids.tenantA, consentType: 'admin'}],
		deviceCodeAutoApprove: alice.userPrincipalName,
	};
}

/** The operator's Azure CLI, signed in as the CI app in tenant A: it reads the directory (federated credentials) there. */
export const operatorAzureCli: AzureCliSeed = {
	servicePrincipal: ciApp.name,
	secret: ciApp.secrets![0]!.value,
	subscriptions: [{id: ids.subscriptionA, tenantId: ids.tenantA, isDefault: true}],
};
