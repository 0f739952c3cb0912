/**
The subscriptions a sign-in sees, each with its tenant: live from ARM (`/subscriptions` and
`/tenants` through the SubscriptionClient, with a fresh Azure CLI token), else the Azure CLI's
profile when ARM cannot be asked. The set-up walk picks one of them.
*/
import type {ArmTenant, Services} from '../ports/services.ts';
import {scopeOf} from '../target/resource.ts';
import type {Facts} from '../tree/facts.ts';

export type SubscriptionChoice = {readonly label: string; readonly facts: Facts};

export async function listSubscriptions(services: Services, signal: AbortSignal): Promise<SubscriptionChoice[]> {
	try {
		const token = await services.credentials.getToken(
			'cli',
			{scope: scopeOf(services.cloud.resourceManagerAudience)},
			{signal},
		);
		const [subscriptions, tenants] = await Promise.all([
			services.http.listSubscriptions(token.token, {signal}),
			services.http.listTenants(token.token, {signal}).catch((): readonly ArmTenant[] => []),
		]);
		const tenantName = new Map(tenants.map(tenant => [tenant.tenantId, tenant.displayName]));
		return subscriptions.map(subscription => ({
			label: `${subscription.displayName || subscription.subscriptionId} (${subscription.subscriptionId}) · tenant ${
				tenantName.get(subscription.tenantId) || subscription.tenantId || '?'
			}${subscription.state && subscription.state !== 'Enabled' ? ` · ${subscription.state}` : ''}`,
			facts: {subscriptionId: subscription.subscriptionId, subscriptionTenant: subscription.tenantId},
		}));
	} catch (error) {
		const profile = await services.azureCliFiles.readProfile().catch(() => undefined);
		if (!profile || profile.length === 0) throw error;
		return profile.map(subscription => ({
			label: `${subscription.name} (${subscription.id}) · tenant ${subscription.tenantId} (from the Azure CLI profile)`,
			facts: {subscriptionId: subscription.id, subscriptionTenant: subscription.tenantId},
		}));
	}
}
