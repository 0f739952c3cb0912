import type {Scenario} from '../scenario.ts';
import {ciApp, subscriptionB} from './base.ts';
import {ids} from './ids.ts';
import {tenantMismatch} from './tenant-mismatch.ts';

/** tenant-mismatch's directory and failing call, reached through an Azure CLI profile seeded with the old tenant. */
export const staleCache: Scenario = {
	...tenantMismatch,
	name: 'stale-cache',
	description:
		'the Azure CLI profile still files a subscription under the tenant it moved from, so az gets tokens of the old tenant (InvalidAuthenticationTokenTenant)',
	azureCli: {
		servicePrincipal: 'ci-app',
		secret: ciApp.secrets![0]!.value,
		subscriptions: [{id: subscriptionB.id, tenantId: ids.tenantA, isDefault: true}],
	},
	fix: {
		operations: [],
		replay: {tenantId: ids.tenantB},
		summary: `clear the Azure CLI's cached accounts and sign in again (az account clear; az login --service-principal … --tenant ${ids.tenantB})`,
	},
};
