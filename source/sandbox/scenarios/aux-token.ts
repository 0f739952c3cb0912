import type {Scenario} from '../scenario.ts';
import {baseScenario, ciApp, subscriptionA, tenantB} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

const base = baseScenario();
const peeringPath = 'providers/Microsoft.Network/virtualNetworks/vnet-hub/virtualNetworkPeerings/peer-to-prod' as const;
const remoteNetwork = `/subscriptions/${ids.subscriptionB}/resourceGroups/rg-prod/providers/Microsoft.Network/virtualNetworks/vnet-prod`;

export const auxToken: Scenario = {
	name: 'aux-token',
	description:
		'a network peering links a subscription in another tenant: the call needs an auxiliary token, and the one sent is expired',
	...base,
	tenants: base.tenants.map(tenant => (tenant.id === tenantB.id ? {...tenant, clockOffsetSeconds: -7200} : tenant)),
	subscriptions: base.subscriptions.map(subscription =>
		subscription.id === subscriptionA.id
			? {
					...subscription,
					resourceGroups: [
						...subscription.resourceGroups,
						{
							name: 'rg-network',
							location: 'westeurope',
							resources: [
								{
									path: peeringPath,
									type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
									location: 'westeurope',
									linkedScopes: [remoteNetwork],
									properties: {peeringState: 'Connected', remoteVirtualNetwork: {id: remoteNetwork}},
								},
							],
						},
					],
				}
			: subscription,
	),
	apps: base.apps.map(app => (app.appId === ciApp.appId ? {...app, multiTenant: true} : app)),
	servicePrincipals: [...base.servicePrincipals, {appId: ids.ciApp, tenantId: ids.tenantB, objectId: ids.ciAppInB}],
	roleAssignments: [
		{principalId: ids.ciAppInA, role: 'Contributor', scope: subscriptionScope(ids.subscriptionA)},
		{principalId: ids.ciAppInB, role: 'Reader', scope: subscriptionScope(ids.subscriptionB)},
	],
	replay: {
		identity: 'ci-app',
		tenantId: ids.tenantA,
		auxiliaryTenants: [ids.tenantB],
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionA}/resourceGroups/rg-network/${peeringPath}?api-version=2023-09-01`,
		expectedError: 'ExpiredAuthenticationToken',
	},
	fix: {
		operations: [{op: 'clear-clock-offset', tenantId: ids.tenantB}],
		summary: "send a fresh auxiliary token from the linked subscription's tenant in x-ms-authorization-auxiliary",
	},
};
