import type {Scenario} from '../scenario.ts';
import {baseScenario} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

const base = baseScenario();
const exchangeAudience = 'api://AzureADTokenExchange';

/**
An Azure Pipelines service connection (workload identity federation) whose tenant is the
organisation's home tenant, while its app and the subscription it deploys to live in another.
*/
export const pipelineWrongTenant: Scenario = {
	name: 'pipeline-wrong-tenant',
	description:
		'an Azure Pipelines service connection bound to tenant Contoso Dev, while its app and the subscription live in Fabrikam Prod (AADSTS700016)',
	...base,
	apps: [
		...base.apps,
		{
			name: 'pipelines-deploy',
			appId: ids.pipelinesApp,
			displayName: 'fabrikam-prod-pipelines',
			homeTenantId: ids.tenantB,
			federatedCredentials: [
				{
					name: 'prod-arm',
					issuer: `{azurePipelinesIssuer}/${ids.devOpsOrganization}`,
					subject: 'sc://fabrikam/infra/prod-arm',
					audiences: [exchangeAudience],
				},
			],
		},
	],
	servicePrincipals: [
		...base.servicePrincipals,
		{appId: ids.pipelinesApp, tenantId: ids.tenantB, objectId: ids.pipelinesAppInB},
	],
	workloads: [
		{
			kind: 'azure-pipelines',
			name: 'infra-release',
			organization: 'fabrikam',
			organizationId: ids.devOpsOrganization,
			project: 'infra',
			projectId: ids.devOpsProject,
			serviceConnection: {id: ids.serviceConnection, name: 'prod-arm'},
		},
	],
	roleAssignments: [{principalId: ids.pipelinesAppInB, role: 'Reader', scope: subscriptionScope(ids.subscriptionB)}],
	replay: {
		identity: 'infra-release',
		exchangeFor: 'pipelines-deploy',
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionB}/resourcegroups/rg-prod?api-version=2021-04-01`,
		expectedError: 'AADSTS700016',
	},
	fix: {
		operations: [],
		replay: {tenantId: ids.tenantB},
		summary: "point the service connection at the subscription's tenant (Fabrikam Prod)",
	},
};
