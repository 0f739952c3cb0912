import {builtInClouds} from '../../source/cloud/cloud.ts';
import {builtInRole, roleDefinitionIdOf} from '../../source/knowledge/rbac/roles.ts';
import {createAccessToken, decodeToken} from '../../source/ports/access-token.ts';
import {AdapterError} from '../../source/ports/adapter-error.ts';
import type {AzAccount, HttpResult, Services, TokenResult} from '../../source/ports/services.ts';
import type {SubscriptionId, TenantId} from '../../source/target/ids.ts';

export const tenantA = '11111111-1111-1111-1111-111111111111' as TenantId;
export const tenantB = '22222222-2222-2222-2222-222222222222' as TenantId;
export const subscriptionA = '33333333-3333-3333-3333-333333333333' as SubscriptionId;
export const subscriptionB = '44444444-4444-4444-4444-444444444444' as SubscriptionId;
export const appId = 'aaaaaaaa-0000-0000-0000-000000000001';
export const now = Date.parse('2026-06-01T12:00:00Z');

export const account: AzAccount = {
	subscriptionId: subscriptionA,
	subscriptionName: 'Sub A',
	tenantId: tenantA,
	homeTenantId: tenantA,
	environmentName: 'AzureCloud',
	userName: appId,
	userType: 'servicePrincipal',
	state: 'Enabled',
	managedByTenants: [],
};

export function tokenResult(token: string, tenantId?: string): TokenResult {
	return {token: createAccessToken(token), expiresOn: undefined, tenantId, source: 'AzureCliCredential'};
}

/** Where each subscription lives, as ARM's challenge would say. */
export const subscriptionTenants: Record<string, string> = {[subscriptionA]: tenantA, [subscriptionB]: tenantB};

/**
In-memory services: az signed in to tenant A, ARM answering the unauthenticated lookup from
`subscriptionTenants`, tokens from `tokens(tenant)`. Override any port.
*/
export function fakeServices(options: {
	readonly tokens: (request: {resource: string; tenantId?: string}) => Promise<TokenResult>;
	readonly overrides?: Partial<Services>;
}): Services {
	const cloud = builtInClouds[0]!;
	return {
		cloud,
		azureCli: {
			accountShow: async () => account,
			getAccessToken: async request => options.tokens(request),
			cloudShow: async () => ({name: 'AzureCloud', resourceManager: cloud.resourceManager}),
		},
		azureCliFiles: {
			directory: '/fake/.azure',
			readProfile: async () => [
				{
					id: subscriptionA,
					name: 'Sub A',
					tenantId: tenantA,
					homeTenantId: tenantA,
					environmentName: 'AzureCloud',
					isDefault: true,
					userName: appId,
					userType: 'servicePrincipal',
				},
			],
			readMsalCache: async () => ({accounts: [], accessTokens: [], refreshTokens: 0}),
			readServicePrincipals: async () => [],
			readActiveCloudName: async () => 'AzureCloud',
			readCloudsConfig: async () => undefined,
		},
		credentials: {
			availability: () => [
				{
					kind: 'env',
					name: 'EnvironmentCredential',
					available: false,
					reason: 'AZURE_TENANT_ID and AZURE_CLIENT_ID not set',
				},
				{kind: 'cli', name: 'AzureCliCredential', available: true, reason: 'az'},
			],
			getToken: async (_kind, request) =>
				options.tokens({resource: request.scope.replace(/\/\.default$/, ''), tenantId: request.tenantId}),
		},
		http: {
			send: async (request): Promise<HttpResult> => {
				const id = /\/subscriptions\/([^/?]+)/.exec(request.url)?.[1] ?? '';
				const tenant = subscriptionTenants[id];
				if (!tenant)
					return {
						status: 404,
						headers: {},
						body: JSON.stringify({
							error: {code: 'SubscriptionNotFound', message: `The subscription '${id}' could not be found.`},
						}),
					};
				return {
					status: 401,
					headers: {
						'www-authenticate': `Bearer authorization_uri="https://login.windows.net/${tenant}", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."`,
					},
					body: JSON.stringify({
						error: {
							code: 'AuthenticationFailed',
							message: 'Authentication failed.',
						},
					}),
				};
			},
			getSubscription: async subscriptionId => ({
				subscriptionId,
				tenantId: subscriptionTenants[subscriptionId] ?? '',
				displayName: 'Sub',
				state: 'Enabled',
				managedByTenants: [],
			}),
			listSubscriptions: async () =>
				Object.entries(subscriptionTenants).map(([subscriptionId, tenantId]) => ({
					subscriptionId,
					tenantId,
					displayName: `Sub ${subscriptionId.slice(0, 4)}`,
					state: 'Enabled',
					managedByTenants: [],
				})),
			listTenants: async () => [
				{tenantId: tenantA, displayName: 'Tenant A', domains: []},
				{tenantId: tenantB, displayName: 'Tenant B', domains: []},
			],
			verifySignature: async () => ({verified: true, reason: 'test keys'}),
			// RBAC: the token's identity is Reader on each subscription, a day ago; no deny assignments, no eligibility.
			listRoleAssignments: async (_scope, token) => {
				const objectId = String(decodeToken(token)?.claims.oid ?? '');
				return Object.keys(subscriptionTenants).map(subscriptionId => ({
					id: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleAssignments/${subscriptionId}`,
					roleDefinitionId: roleDefinitionIdOf(builtInRole('Reader')!, `/subscriptions/${subscriptionId}`),
					principalId: objectId,
					principalType: 'ServicePrincipal',
					scope: `/subscriptions/${subscriptionId}`,
					createdOn: new Date(now - 86_400_000).toISOString(),
				}));
			},
			getRoleDefinition: async roleDefinitionId => {
				const role = builtInRole(roleDefinitionId);
				if (!role)
					throw new AdapterError(
						'http',
						`ARM answered 404 RoleDefinitionDoesNotExist`,
						'RoleDefinitionDoesNotExist',
						404,
					);
				return role;
			},
			listDenyAssignments: async () => [],
			listRoleEligibilities: async () => [],
		},
		caches: {
			list: async () => [],
			leftovers: async () => [],
			plan: async tenant => ({tenant, remove: [], rewrite: [], leftovers: []}),
			purge: async () => undefined,
			backups: async () => ({directory: '/nonexistent/backups', bytes: 0, backups: [], incomplete: []}),
			prune: async () => [],
			restore: async () => {
				throw new AdapterError('failed', 'no backup');
			},
		},
		files: {readText: async () => undefined},
		jobTokens: {
			github: async () => {
				throw new AdapterError('failed', 'no GitHub job here');
			},
			azurePipelines: async () => {
				throw new AdapterError('failed', 'no Azure Pipelines job here');
			},
		},
		stores: {read: async () => ({})},
		clock: {now: () => now},
		env: {},
		timeoutMs: 2000,
		...options.overrides,
	};
}
