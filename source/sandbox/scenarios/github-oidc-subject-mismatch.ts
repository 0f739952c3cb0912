import type {Scenario} from '../scenario.ts';
import {baseScenario, operatorAzureCli} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

const base = baseScenario();
const exchangeAudience = 'api://AzureADTokenExchange';

/**
The most common GitHub OIDC failure: the app trusts the main branch, but the deploy job references an
environment, and GitHub then puts the environment in the subject instead of the branch.
*/
export const githubOidcSubjectMismatch: Scenario = {
	name: 'github-oidc-subject-mismatch',
	description:
		"a GitHub Actions job that deploys to the 'production' environment; the app's federated credential trusts only the main branch (AADSTS700213)",
	...base,
	apps: [
		...base.apps,
		{
			name: 'github-deploy',
			appId: ids.githubApp,
			displayName: 'contoso-webapp-github-deploy',
			homeTenantId: ids.tenantA,
			federatedCredentials: [
				{
					name: 'main-branch',
					issuer: '{githubIssuer}',
					subject: 'repo:contoso/webapp:ref:refs/heads/main',
					audiences: [exchangeAudience],
				},
			],
		},
	],
	servicePrincipals: [
		...base.servicePrincipals,
		{appId: ids.githubApp, tenantId: ids.tenantA, objectId: ids.githubAppInA},
	],
	workloads: [
		{
			kind: 'github-actions',
			name: 'deploy-job',
			repository: 'contoso/webapp',
			repositoryId: '812345678',
			repositoryOwnerId: '71234567',
			ref: 'refs/heads/main',
			environment: 'production',
			eventName: 'push',
			workflow: 'Deploy',
			workflowFile: 'deploy.yml',
		},
	],
	roleAssignments: [
		{principalId: ids.githubAppInA, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)},
		{principalId: ids.ciAppInA, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)},
	],
	azureCli: operatorAzureCli,
	replay: {
		identity: 'deploy-job',
		exchangeFor: 'github-deploy',
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
		expectedError: 'AADSTS700213',
	},
	fix: {
		operations: [
			{
				op: 'add-federated-credential',
				app: 'github-deploy',
				credential: {
					name: 'github-webapp-environment-production',
					issuer: '{githubIssuer}',
					subject: 'repo:contoso/webapp:environment:production',
					audiences: [exchangeAudience],
				},
			},
		],
		summary: "add a federated credential for the job's exact subject: repo:contoso/webapp:environment:production",
	},
};
