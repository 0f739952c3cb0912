import type {Scenario} from '../scenario.ts';
import {baseScenario, operatorAzureCli} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

const base = baseScenario();
const exchangeAudience = 'api://AzureADTokenExchange';
const clusterIssuer = `{aksIssuer}/${ids.tenantA}/${ids.aksCluster}/`;

/**
AKS workload identity with the classic mistake of its troubleshooting guide: the federated
credential's issuer was copied without the trailing slash of the cluster's OIDC issuer URL.
*/
export const aksWorkloadIdentity: Scenario = {
	name: 'aks-workload-identity',
	description:
		"a pod's projected service account token; the app's federated credential names the cluster issuer without its trailing slash (AADSTS700211)",
	...base,
	apps: [
		...base.apps,
		{
			name: 'orders-worker',
			appId: ids.aksApp,
			displayName: 'contoso-orders-worker',
			homeTenantId: ids.tenantA,
			federatedCredentials: [
				{
					name: 'orders-worker',
					issuer: clusterIssuer.slice(0, -1),
					subject: 'system:serviceaccount:orders:orders-worker',
					audiences: [exchangeAudience],
				},
			],
		},
	],
	servicePrincipals: [...base.servicePrincipals, {appId: ids.aksApp, tenantId: ids.tenantA, objectId: ids.aksAppInA}],
	workloads: [
		{
			kind: 'kubernetes',
			name: 'orders-worker-pod',
			tenantId: ids.tenantA,
			clusterId: ids.aksCluster,
			namespace: 'orders',
			serviceAccount: 'orders-worker',
		},
	],
	roleAssignments: [
		{principalId: ids.aksAppInA, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)},
		{principalId: ids.ciAppInA, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)},
	],
	azureCli: operatorAzureCli,
	replay: {
		identity: 'orders-worker-pod',
		exchangeFor: 'orders-worker',
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
		expectedError: 'AADSTS700211',
	},
	fix: {
		operations: [
			{
				op: 'add-federated-credential',
				app: 'orders-worker',
				credential: {
					name: 'kubernetes-orders-orders-worker',
					issuer: clusterIssuer,
					subject: 'system:serviceaccount:orders:orders-worker',
					audiences: [exchangeAudience],
				},
			},
		],
		summary:
			"add a federated credential with the cluster's issuer URL exactly as the token carries it (with the trailing slash)",
	},
};
