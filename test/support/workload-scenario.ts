/**
One sandbox scenario with every kind of workload: the GitHub Actions job of
github-oidc-subject-mismatch, the Azure Pipelines job of pipeline-wrong-tenant and the pod of
aks-workload-identity, each with its app and its (not yet matching) federated credential.
*/
import type {Scenario} from '../../source/sandbox/scenario.ts';
import {aksWorkloadIdentity} from '../../source/sandbox/scenarios/aks-workload-identity.ts';
import {githubOidcSubjectMismatch} from '../../source/sandbox/scenarios/github-oidc-subject-mismatch.ts';
import {ids} from '../../source/sandbox/scenarios/ids.ts';
import {pipelineWrongTenant} from '../../source/sandbox/scenarios/pipeline-wrong-tenant.ts';

export const workloadScenario: Scenario = {
	...githubOidcSubjectMismatch,
	name: 'workloads',
	description: 'a GitHub Actions job, an Azure Pipelines job and an AKS pod, each federating',
	apps: [
		...githubOidcSubjectMismatch.apps,
		...pipelineWrongTenant.apps.filter(app => app.name === 'pipelines-deploy'),
		...aksWorkloadIdentity.apps.filter(app => app.name === 'orders-worker'),
	],
	servicePrincipals: [
		...githubOidcSubjectMismatch.servicePrincipals,
		{appId: ids.pipelinesApp, tenantId: ids.tenantB, objectId: ids.pipelinesAppInB},
		{appId: ids.aksApp, tenantId: ids.tenantA, objectId: ids.aksAppInA},
	],
	roleAssignments: [
		...githubOidcSubjectMismatch.roleAssignments,
		...pipelineWrongTenant.roleAssignments,
		...aksWorkloadIdentity.roleAssignments,
	],
	workloads: [
		...(githubOidcSubjectMismatch.workloads ?? []),
		...(pipelineWrongTenant.workloads ?? []),
		...(aksWorkloadIdentity.workloads ?? []),
	],
};
