import type {Scenario} from '../scenario.ts';
import {ids} from './ids.ts';
import {tenantMismatch} from './tenant-mismatch.ts';

/**
tenant-mismatch's multi-tenant app, called by Terraform in a job that sets both variable families:
AZURE_* (for az and the SDK scripts) name the subscription's tenant, ARM_* (Terraform's) still the
old one, so Terraform gets a token, from the wrong tenant.
*/
export const terraformArmVsAzureVars: Scenario = {
	...tenantMismatch,
	name: 'terraform-arm-vs-azure-vars',
	description:
		"Terraform's ARM_TENANT_ID names Contoso Dev while AZURE_TENANT_ID names Fabrikam Prod, the subscription's tenant (InvalidAuthenticationTokenTenant)",
	replay: {
		...tenantMismatch.replay,
		client: {tool: 'terraform', env: {AZURE_TENANT_ID: ids.tenantB, AZURE_SUBSCRIPTION_ID: ids.subscriptionB}},
	},
	fix: {
		operations: [],
		replay: {tenantId: ids.tenantB},
		summary: "set ARM_TENANT_ID to the subscription's tenant, as AZURE_TENANT_ID already is",
	},
};
