import type {Scenario} from '../scenario.ts';
import {baseScenario, ciApp} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

const base = baseScenario();

/**
A job that sets both variable families: AZURE_* (for az and the SDK scripts) name the subscription's
tenant, ARM_* (Terraform's) still the old one. The app is multi-tenant, so Terraform gets a token,
from the wrong tenant.
*/
export const terraformArmVsAzureVars: Scenario = {
	name: 'terraform-arm-vs-azure-vars',
	description:
		"Terraform's ARM_TENANT_ID names Contoso Dev while AZURE_TENANT_ID names Fabrikam Prod, the subscription's tenant (InvalidAuthenticationTokenTenant)",
	...base,
	apps: base.apps.map(app => (app.appId === ciApp.appId ? {...app, multiTenant: true} : app)),
	servicePrincipals: [...base.servicePrincipals, {appId: ids.ciApp, tenantId: ids.tenantB, objectId: ids.ciAppInB}],
	roleAssignments: [{principalId: ids.ciAppInB, role: 'Reader', scope: subscriptionScope(ids.subscriptionB)}],
	replay: {
		identity: 'ci-app',
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionB}/resourcegroups/rg-prod?api-version=2021-04-01`,
		expectedError: 'InvalidAuthenticationTokenTenant',
		client: {tool: 'terraform', env: {AZURE_TENANT_ID: ids.tenantB, AZURE_SUBSCRIPTION_ID: ids.subscriptionB}},
	},
	fix: {
		operations: [],
		replay: {tenantId: ids.tenantB},
		summary: "set ARM_TENANT_ID to the subscription's tenant, as AZURE_TENANT_ID already is",
	},
};
