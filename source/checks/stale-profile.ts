import type {ProfileSubscription} from '../ports/services.ts';

/**
The Azure CLI profile's entry for the subscription when it files it under a tenant ARM does not name
(neither its tenant nor its home tenant): az then gets tokens from the old tenant, a stale cache.
*/
export function staleProfileEntry(
	profile: readonly ProfileSubscription[] | undefined,
	subscriptionId: string | undefined,
	armTenant: string | undefined,
): ProfileSubscription | undefined {
	if (!subscriptionId || !armTenant) return undefined;
	const entry = profile?.find(item => item.id.toLowerCase() === subscriptionId.toLowerCase());
	if (!entry) return undefined;
	const tenant = armTenant.toLowerCase();
	const filedElsewhere =
		entry.tenantId.toLowerCase() !== tenant && (entry.homeTenantId ?? entry.tenantId).toLowerCase() !== tenant;
	return filedElsewhere ? entry : undefined;
}
