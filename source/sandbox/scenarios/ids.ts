/** Fixed, obviously fake ids shared by the scenarios. */
export const ids = {
	tenantA: '11111111-1111-1111-1111-111111111111',
	tenantB: '22222222-2222-2222-2222-222222222222',
	subscriptionA: '33333333-3333-3333-3333-333333333333',
	subscriptionB: '44444444-4444-4444-4444-444444444444',
	ciApp: 'aaaaaaaa-0000-0000-0000-000000000001',
	ciAppInA: 'aaaaaaaa-1111-0000-0000-000000000001',
	ciAppInB: 'aaaaaaaa-2222-0000-0000-000000000001',
	apiApp: 'aaaaaaaa-0000-0000-0000-000000000002',
	apiAppInA: 'aaaaaaaa-1111-0000-0000-000000000002',
	devTool: 'aaaaaaaa-0000-0000-0000-000000000003',
	devToolInA: 'aaaaaaaa-1111-0000-0000-000000000003',
	deployApp: 'aaaaaaaa-0000-0000-0000-000000000004',
	deployAppInB: 'aaaaaaaa-2222-0000-0000-000000000004',
	deployMultiApp: 'aaaaaaaa-0000-0000-0000-000000000005',
	deployMultiAppInA: 'aaaaaaaa-1111-0000-0000-000000000005',
	deployMultiAppInB: 'aaaaaaaa-2222-0000-0000-000000000005',
	alice: 'bbbbbbbb-1111-0000-0000-000000000001',
	bob: 'bbbbbbbb-1111-0000-0000-000000000002',
	buildIdentityClient: 'cccccccc-0000-0000-0000-000000000001',
	buildIdentityObject: 'cccccccc-1111-0000-0000-000000000001',
	// Workloads that federate: a GitHub Actions deployment app, an Azure Pipelines one, an AKS one.
	githubApp: 'aaaaaaaa-0000-0000-0000-000000000007',
	githubAppInA: 'aaaaaaaa-1111-0000-0000-000000000007',
	pipelinesApp: 'aaaaaaaa-0000-0000-0000-000000000008',
	pipelinesAppInB: 'aaaaaaaa-2222-0000-0000-000000000008',
	aksApp: 'aaaaaaaa-0000-0000-0000-000000000009',
	aksAppInA: 'aaaaaaaa-1111-0000-0000-000000000009',
	devOpsOrganization: 'dddddddd-0000-0000-0000-000000000001',
	devOpsProject: 'dddddddd-0000-0000-0000-000000000002',
	serviceConnection: 'dddddddd-0000-0000-0000-000000000003',
	aksCluster: 'eeeeeeee-0000-0000-0000-000000000001',
	readersGroup: 'dddddddd-1111-0000-0000-000000000001',
	stackDenyAssignment: 'eeeeeeee-1111-4000-a000-000000000001',
} as const;

export const resourceGroupScope = (subscriptionId: string, group: string) =>
	`/subscriptions/${subscriptionId}/resourceGroups/${group}`;

export const armAudience = 'https://management.core.windows.net/';
export const subscriptionScope = (id: string) => `/subscriptions/${id}`;
