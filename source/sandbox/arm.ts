import {entraError, failures} from './entra-errors.ts';
import {newRequestId, requestIdFrom, type SandboxRequest, type SandboxResponse} from './http.ts';
import {graphAppId, mintAccessToken, type OwnUrls, resolveResource} from './issuer.ts';
import type {FixOperation, ManagedIdentityDefinition, ResourceDefinition, SubscriptionDefinition} from './scenario.ts';
import type {Claims, TokenSigner} from './tokens.ts';
import {OperationError, type World} from './world.ts';

export type ArmContext = {
	readonly world: World;
	readonly signer: TokenSigner;
	readonly entraOrigin: string;
	readonly armOrigin: string;
	readonly graphOrigin: string;
	readonly ownUrls: OwnUrls;
	/** The secret App Service-style clients send as X-IDENTITY-HEADER. */
	readonly identityHeader: string;
	readonly applyOperation: (operation: FixOperation) => string;
	readonly state: () => unknown;
};

/** The audiences ARM accepts, plus the sandbox's own ARM URL (its metadata names it as an audience). */
const armAudiences = [
	'https://management.core.windows.net/',
	'https://management.core.windows.net',
	'https://management.azure.com/',
	'https://management.azure.com',
];

type ArmError = {status: number; code: string; message: string; challenge?: string};

class Rejection extends Error {
	readonly rejection: ArmError;
	constructor(rejection: ArmError) {
		super(rejection.message);
		this.rejection = rejection;
	}
}

/** One server for ARM, the Graph-like API, managed identity and the sandbox's admin operations. */
export function createArmHandler(context: ArmContext) {
	return (request: SandboxRequest): SandboxResponse | Promise<SandboxResponse> => {
		// msal-node asks IMDS for `/metadata/identity/oauth2/token/` (trailing slash); IMDS takes both.
		const lower = request.path.toLowerCase().replace(/(.)\/+$/, '$1');
		if (lower === '/metadata/endpoints') return metadataEndpoints(context, request);
		if (lower === '/metadata/identity/oauth2/token') return imdsToken(context, request);
		if (lower === '/msi/token') return appServiceToken(context, request);
		if (lower.startsWith('/_sandbox/')) return admin(context, request);
		if (lower.startsWith('/v1.0/')) return graph(context, request);
		return arm(context, request);
	};
}

function metadataEndpoints(context: ArmContext, request: SandboxRequest): SandboxResponse {
	const {entraOrigin, armOrigin} = context;
	const graphUrl = `${context.graphOrigin}/`;
	const audiences = ['https://management.core.windows.net/', `${armOrigin}/`];
	const apiVersion = request.query.get('api-version') ?? '2015-01-01';
	if (apiVersion < '2019-05-01') {
		return {
			status: 200,
			body: {
				galleryEndpoint: '',
				graphEndpoint: graphUrl,
				portalEndpoint: '',
				authentication: {loginEndpoint: entraOrigin, audiences},
			},
		};
	}

	// Newer api-versions answer a list of clouds, as management.azure.com does.
	return {
		status: 200,
		body: [
			{
				name: 'AuthfixSandbox',
				portal: '',
				authentication: {loginEndpoint: `${entraOrigin}/`, audiences, tenant: 'common', identityProvider: 'AAD'},
				media: '',
				graphAudience: graphUrl,
				graph: graphUrl,
				resourceManager: `${armOrigin}/`,
				microsoftGraphResourceId: graphUrl,
				suffixes: {storage: 'core.windows.net', keyVaultDns: 'vault.azure.net'},
			},
		],
	};
}

// ---------------------------------------------------------------------------------------------
// ARM

/** ARM's response headers; the routing id carries the time on the sandbox's clock. */
function armHeaders(request: SandboxRequest, now: number): Record<string, string> {
	const requestId = newRequestId();
	const stamp = new Date(now)
		.toISOString()
		.replaceAll(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z');
	return {
		'x-ms-request-id': requestId,
		'x-ms-correlation-request-id': request.headers['x-ms-correlation-request-id']
			? requestIdFrom(request.headers['x-ms-correlation-request-id'])
			: requestId,
		'x-ms-routing-request-id': `SANDBOX:${stamp}:${requestId}`,
		'x-ms-ratelimit-remaining-subscription-reads': '11999',
		'strict-transport-security': 'max-age=31536000; includeSubDomains',
		expires: '-1',
	};
}

function armError(request: SandboxRequest, error: ArmError, now: number): SandboxResponse {
	return {
		status: error.status,
		headers: {
			...armHeaders(request, now),
			...(error.challenge ? {'www-authenticate': error.challenge} : {}),
			// The gateway refuses 401s too (ce-0058, ce-0076, ce-0132, ce-0147, ce-0150, ce-0205).
			...([401, 403, 404].includes(error.status) ? {'x-ms-failure-cause': 'gateway'} : {}),
		},
		body: {error: {code: error.code, message: error.message}},
	};
}

function challenge(context: ArmContext, tenantId: string | undefined, description: string): string {
	const authority = `${context.entraOrigin}/${tenantId ?? ''}`;
	return `Bearer authorization_uri="${authority}", error="invalid_token", error_description="${description}"`;
}

/** `6/15/2026 8:22:51 AM`: how ARM prints UTC times in expiry errors. */
function armTime(epochSeconds: number): string {
	const date = new Date(epochSeconds * 1000);
	const hours = date.getUTCHours();
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${hours % 12 || 12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}

function tokenTenant(claims: Claims): string {
	return String(claims['tid'] ?? '');
}

function issuerOf(claims: Claims): string {
	return String(claims['iss'] ?? '');
}

/** Signature, audience and lifetime, as ARM checks every bearer token. `label` names an auxiliary one. */
function validateArmToken(context: ArmContext, token: string, label?: string): Claims {
	const verified = context.signer.verify(token);
	const prefix = label ? `The ${label} ` : '';
	if (typeof verified === 'string') {
		throw new Rejection({
			status: 401,
			code: 'InvalidAuthenticationToken',
			message: label ? `${prefix}is not valid.` : 'The access token is invalid.',
			challenge: challenge(context, undefined, 'The access token is invalid.'),
		});
	}

	const {claims} = verified;
	const audience = String(claims['aud'] ?? '');
	if (!armAudiences.includes(audience) && !context.ownUrls.arm.includes(audience)) {
		throw new Rejection({
			status: 401,
			code: 'InvalidAuthenticationTokenAudience',
			message: `${label ? `${prefix}has been obtained for wrong audience or resource '${audience}'.` : `The access token has been obtained for wrong audience or resource '${audience}'.`} It should exactly match with one of the allowed audiences ${armAudiences.map(value => `'${value}'`).join(',')}.`,
			challenge: challenge(
				context,
				tokenTenant(claims),
				'The access token has been obtained for wrong audience or resource.',
			),
		});
	}

	const now = Math.floor(context.world.now() / 1000);
	const expiry = Number(claims['exp']);
	if (!Number.isFinite(expiry) || expiry <= now) {
		const who = label
			? ` of client '${String(claims['appid'] ?? claims['azp'] ?? '')}' from tenant '${tokenTenant(claims)}'`
			: '';
		throw new Rejection({
			status: 401,
			code: 'ExpiredAuthenticationToken',
			message: `${label ? `The ${label}${who} has expired: its expiry UTC time` : 'The access token expiry UTC time'} '${armTime(expiry)}' is earlier than current UTC time '${armTime(now)}'.`,
			challenge: challenge(
				context,
				tokenTenant(claims),
				'The access token expiry UTC time is earlier than current UTC time.',
			),
		});
	}

	if (!claims['oid']) {
		throw new Rejection({
			status: 401,
			code: 'InvalidAuthenticationToken',
			message:
				"The received access token is not valid: at least one of the claims 'puid' or 'altsecid' or 'oid' should be present. If you are accessing as application please make sure service principal is properly created in the tenant.",
		});
	}

	return claims;
}

function requireTenantMatch(context: ArmContext, claims: Claims, subscription: SubscriptionDefinition) {
	const tenant = tokenTenant(claims);
	if (tenant === subscription.tenantId || (subscription.managedByTenants ?? []).includes(tenant)) return;
	const right = subscription.tenantId;
	throw new Rejection({
		status: 401,
		code: 'InvalidAuthenticationTokenTenant',
		message: `The access token is from the wrong issuer '${issuerOf(claims)}'. It must match the tenant '${context.entraOrigin}/${right}/' associated with this subscription. Please use the authority (URL) '${context.entraOrigin}/${right}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
		challenge: challenge(context, right, 'The access token is from the wrong issuer.'),
	});
}

function clientName(claims: Claims): string {
	return String(claims['upn'] ?? claims['preferred_username'] ?? claims['appid'] ?? claims['azp'] ?? '');
}

function authorize(context: ArmContext, claims: Claims, action: string, scope: string) {
	const principal = String(claims['oid']);
	if (context.world.hasRoleAt(principal, scope)) return;
	throw new Rejection({
		status: 403,
		code: 'AuthorizationFailed',
		message: `The client '${clientName(claims)}' with object id '${principal}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
	});
}

const bearerPattern = /^(?:Bearer|EncryptedBearer)\s+(\S+)$/i;

function auxiliaryTokens(context: ArmContext, request: SandboxRequest): Claims[] {
	const header = request.headers['x-ms-authorization-auxiliary'];
	if (header === undefined) return [];
	const parts = String(header)
		.split(/[,;]/)
		.map(part => part.trim())
		.filter(Boolean);
	if (parts.length > 3) {
		throw new Rejection({
			status: 401,
			code: 'AuthenticationFailedInvalidHeader',
			message: `Authentication failed. The 'x-ms-authorization-auxiliary' header carries ${parts.length} tokens; at most 3 auxiliary tokens are allowed.`,
		});
	}

	return parts.map((part, index) => {
		const match = bearerPattern.exec(part);
		if (!match) {
			throw new Rejection({
				status: 401,
				code: 'AuthenticationFailedInvalidHeader',
				message: `Authentication failed. The auxiliary token at position ${index + 1} of the 'x-ms-authorization-auxiliary' header is provided in an invalid format.`,
			});
		}

		return validateArmToken(
			context,
			match[1]!,
			`auxiliary token at position ${index + 1} (x-ms-authorization-auxiliary)`,
		);
	});
}

/** Linked scopes need a token from each linked subscription's tenant with a role there. */
function authorizeLinked(
	context: ArmContext,
	claims: Claims,
	auxiliary: Claims[],
	resource: ResourceDefinition,
	scope: string,
	action: string,
) {
	for (const linked of resource.linkedScopes ?? []) {
		const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(linked)?.[1] ?? '';
		const subscription = context.world.findSubscription(subscriptionId);
		const linkedTenant = subscription?.tenantId;
		const token = [claims, ...auxiliary].find(candidate => tokenTenant(candidate) === linkedTenant);
		if (!subscription) {
			throw new Rejection({
				status: 403,
				code: 'LinkedAuthorizationFailed',
				// Trailing space and all, as ARM words it (ce-0167).
				message: `The client has permission to perform action '${action}' on scope '${scope}', however the linked subscription '${subscriptionId}' was not found. `,
			});
		}

		if (!token) {
			throw new Rejection({
				status: 403,
				code: 'LinkedAuthorizationFailed',
				message: `The client has permission to perform action '${action}' on scope '${scope}', however the current tenant '${tokenTenant(claims)}' is not authorized to access linked subscription '${subscriptionId}'.`,
			});
		}

		if (!context.world.hasRoleAt(String(token['oid']), linked)) {
			throw new Rejection({
				status: 403,
				code: 'LinkedAuthorizationFailed',
				message: `The client '${clientName(claims)}' with object id '${String(claims['oid'])}' has permission to perform action '${action}' on scope '${scope}'; however, it does not have permission to perform action '${linkedAction(linked)}' on the linked scope(s) '${linked}' or the linked scope(s) are invalid.`,
			});
		}
	}
}

function linkedAction(scope: string): string {
	const type = /\/providers\/([^/]+\/[^/]+)/i.exec(scope)?.[1];
	return type ? `${type}/read` : 'Microsoft.Resources/subscriptions/read';
}

function arm(context: ArmContext, request: SandboxRequest): SandboxResponse {
	try {
		return armRoute(context, request);
	} catch (error) {
		if (error instanceof Rejection) return armError(request, error.rejection, context.world.now());
		throw error;
	}
}

function armRoute(context: ArmContext, request: SandboxRequest): SandboxResponse {
	const {world} = context;
	const segments = request.path.split('/').filter(Boolean);
	const first = segments[0]?.toLowerCase();
	const subscriptionId = first === 'subscriptions' ? segments[1] : undefined;
	const subscription = subscriptionId ? world.findSubscription(subscriptionId) : undefined;
	const authorization = String(request.headers.authorization ?? '');
	if (!authorization) {
		throw new Rejection({
			status: 401,
			code: 'AuthenticationFailed',
			// ARM's body says no more: the reason is in the challenge's error_description (ce-0134, ce-0061).
			message: 'Authentication failed.',
			challenge: challenge(
				context,
				subscription?.tenantId,
				"The authentication failed because of missing 'Authorization' header.",
			),
		});
	}

	const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
	if (!bearer) {
		throw new Rejection({
			status: 401,
			code: 'AuthenticationFailedInvalidHeader',
			message: "Authentication failed. The 'Authorization' header is provided in an invalid format.",
			challenge: challenge(
				context,
				subscription?.tenantId,
				"The authentication failed because of invalid 'Authorization' header.",
			),
		});
	}

	const claims = validateArmToken(context, bearer[1]!);
	if (subscription) requireTenantMatch(context, claims, subscription);
	const auxiliary = auxiliaryTokens(context, request);
	if (request.method !== 'GET' && request.method !== 'HEAD') {
		throw new Rejection({
			status: 405,
			code: 'MethodNotAllowed',
			message: `The sandbox's ARM serves reads only, not ${request.method}.`,
		});
	}

	if (!request.query.get('api-version')) {
		throw new Rejection({
			status: 400,
			code: 'MissingApiVersionParameter',
			message: 'The api-version query parameter (?api-version=) is required for all requests.',
		});
	}

	if (first !== 'subscriptions' && first !== 'tenants') {
		// Above subscriptions (management groups, tenant-level providers) ARM hides what exists: a read
		// without a role there is 403 AuthorizationFailed whether the scope exists or not (ce-0136).
		if (first === 'providers') {
			authorize(context, claims, `${resourceType(segments.join('/'))}/read`, `/${segments.join('/')}`);
		}

		throw new Rejection({
			status: 404,
			code: 'InvalidResourceNamespace',
			message: `The path '${request.path}' is not served by the sandbox's ARM.`,
		});
	}

	const ok = (body: unknown): SandboxResponse => ({status: 200, headers: armHeaders(request, world.now()), body});
	if (first === 'tenants' && segments.length === 1) return ok({value: visibleTenants(context, claims)});
	if (!subscriptionId) return ok(listSubscriptions(context, claims));
	if (!subscription) {
		throw new Rejection({
			status: 404,
			code: 'SubscriptionNotFound',
			message: `The subscription '${subscriptionId}' could not be found.`,
		});
	}

	const subscriptionScope = `/subscriptions/${subscription.id}`;
	if (segments.length === 2) {
		authorize(context, claims, 'Microsoft.Resources/subscriptions/read', subscriptionScope);
		return ok(subscriptionBody(subscription));
	}

	if (segments[2]!.toLowerCase() !== 'resourcegroups') {
		throw new Rejection({
			status: 404,
			code: 'InvalidResourceNamespace',
			message: `The path '${request.path}' is not served by the sandbox's ARM.`,
		});
	}

	if (segments.length === 3) {
		authorize(context, claims, 'Microsoft.Resources/subscriptions/resourcegroups/read', subscriptionScope);
		return ok({value: subscription.resourceGroups.map(group => resourceGroupBody(subscription, group))});
	}

	const group = subscription.resourceGroups.find(
		candidate => candidate.name.toLowerCase() === segments[3]!.toLowerCase(),
	);
	const groupScope = `${subscriptionScope}/resourceGroups/${group?.name ?? segments[3]}`;
	if (segments.length === 4) {
		authorize(context, claims, 'Microsoft.Resources/subscriptions/resourcegroups/read', groupScope);
		if (!group)
			throw new Rejection({
				status: 404,
				code: 'ResourceGroupNotFound',
				message: `Resource group '${segments[3]}' could not be found.`,
			});
		return ok(resourceGroupBody(subscription, group));
	}

	const resourcePath = segments.slice(4).join('/');
	const resource = group?.resources?.find(candidate => candidate.path.toLowerCase() === resourcePath.toLowerCase());
	const resourceScope = `${groupScope}/${resource?.path ?? resourcePath}`;
	const action = `${resource?.type ?? resourceType(resourcePath)}/read`;
	authorize(context, claims, action, resourceScope);
	if (!group)
		throw new Rejection({
			status: 404,
			code: 'ResourceGroupNotFound',
			message: `Resource group '${segments[3]}' could not be found.`,
		});
	if (!resource) {
		throw new Rejection({
			status: 404,
			code: 'ResourceNotFound',
			message: `The Resource '${resourceType(resourcePath)}/${segments.at(-1)}' under resource group '${group.name}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
		});
	}

	authorizeLinked(context, claims, auxiliary, resource, resourceScope, action);
	return ok({
		id: resourceScope,
		name: resource.path.split('/').at(-1),
		type: resource.type,
		location: resource.location,
		properties: resource.properties ?? {},
	});
}

function resourceType(resourcePath: string): string {
	const parts = resourcePath.split('/');
	// providers/{namespace}/{type}/{name}[/{subtype}/{name}…]
	const types = [parts[1], ...parts.slice(2).filter((_part, index) => index % 2 === 0)];
	return types.filter(Boolean).join('/');
}

function subscriptionBody(subscription: SubscriptionDefinition) {
	return {
		id: `/subscriptions/${subscription.id}`,
		authorizationSource: 'RoleBased',
		managedByTenants: (subscription.managedByTenants ?? []).map(tenantId => ({tenantId})),
		subscriptionId: subscription.id,
		tenantId: subscription.tenantId,
		displayName: subscription.displayName,
		state: 'Enabled',
		subscriptionPolicies: {
			locationPlacementId: 'Public_2014-09-01',
			quotaId: 'PayAsYouGo_2014-09-01',
			spendingLimit: 'Off',
		},
	};
}

function resourceGroupBody(
	subscription: SubscriptionDefinition,
	group: SubscriptionDefinition['resourceGroups'][number],
) {
	return {
		id: `/subscriptions/${subscription.id}/resourceGroups/${group.name}`,
		name: group.name,
		type: 'Microsoft.Resources/resourceGroups',
		location: group.location,
		properties: {provisioningState: 'Succeeded'},
	};
}

function listSubscriptions(context: ArmContext, claims: Claims) {
	const tenant = tokenTenant(claims);
	const principal = String(claims['oid']);
	const value = context.world.subscriptions
		.filter(subscription => subscription.tenantId === tenant || (subscription.managedByTenants ?? []).includes(tenant))
		.filter(subscription =>
			context.world.roleAssignments.some(
				assignment =>
					assignment.principalId === principal &&
					(assignment.scope.toLowerCase() + '/').startsWith(`/subscriptions/${subscription.id}/`),
			),
		)
		.map(subscription => subscriptionBody(subscription));
	return {value, count: {type: 'Total', value: value.length}};
}

function visibleTenants(context: ArmContext, claims: Claims) {
	const {world} = context;
	const clientId = String(claims['appid'] ?? claims['azp'] ?? '');
	const user = world.users.find(candidate => candidate.objectId === claims['oid']);
	const tenantIds = new Set<string>([tokenTenant(claims)]);
	if (!user) {
		for (const servicePrincipal of world.servicePrincipals) {
			if (servicePrincipal.appId === clientId) tenantIds.add(servicePrincipal.tenantId);
		}
	}

	return world.tenants
		.filter(tenant => tenantIds.has(tenant.id))
		.map(tenant => ({
			id: `/tenants/${tenant.id}`,
			tenantId: tenant.id,
			countryCode: 'US',
			displayName: tenant.displayName,
			domains: [tenant.defaultDomain],
			tenantCategory: tenant.id === tokenTenant(claims) ? 'Home' : 'ProjectedBy',
			defaultDomain: tenant.defaultDomain,
			tenantType: 'AAD',
		}));
}

// ---------------------------------------------------------------------------------------------
// Graph-like API

function graph(context: ArmContext, request: SandboxRequest): SandboxResponse {
	const {world} = context;
	const requestId = newRequestId();
	const clientRequestId = requestIdFrom(request.headers['client-request-id']);
	const headers = {'request-id': requestId, 'client-request-id': clientRequestId};
	const fail = (status: number, code: string, message: string): SandboxResponse => ({
		status,
		headers: {
			...headers,
			...(status === 401
				? {
						'www-authenticate': `Bearer realm="", authorization_uri="${context.entraOrigin}/common/oauth2/authorize", client_id="${graphAppId}"`,
					}
				: {}),
		},
		body: {
			error: {
				code,
				message,
				innerError: {
					date: new Date(world.now()).toISOString().replace(/\.\d+Z$/, ''),
					'request-id': requestId,
					'client-request-id': clientRequestId,
				},
			},
		},
	});
	const bearer = /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''));
	if (!bearer) return fail(401, 'InvalidAuthenticationToken', 'Access token is empty.');
	const verified = context.signer.verify(bearer[1]!);
	if (typeof verified === 'string') return fail(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
	const {claims} = verified;
	const audience = String(claims['aud'] ?? '');
	const graphAudiences = [
		'https://graph.microsoft.com',
		'https://graph.microsoft.com/',
		graphAppId,
		...context.ownUrls.graph,
	];
	if (!graphAudiences.includes(audience))
		return fail(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
	if (Number(claims['exp']) <= Math.floor(world.now() / 1000)) {
		return fail(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
	}

	const tenant = tokenTenant(claims);
	const ok = (body: unknown): SandboxResponse => ({status: 200, headers, body});
	const segments = request.path.split('/').filter(Boolean).slice(1);
	const userBody = (user: (typeof world.users)[number]) => ({
		id: user.objectId,
		displayName: user.displayName,
		userPrincipalName: user.userPrincipalName,
		mail: user.userPrincipalName,
	});
	if (segments[0] === 'me' && segments.length === 1) {
		const user = world.users.find(candidate => candidate.objectId === claims['oid']);
		if (!user) return fail(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
		return ok({'@odata.context': `${context.graphOrigin}/v1.0/$metadata#users/$entity`, ...userBody(user)});
	}

	if (segments[0] === 'users' && segments.length === 1) {
		return ok({
			'@odata.context': `${context.graphOrigin}/v1.0/$metadata#users`,
			value: world.users.filter(user => user.tenantId === tenant).map(user => userBody(user)),
		});
	}

	// The tenant's app registrations (Graph: GET /applications), with their sign-in audience.
	if (segments[0] === 'applications' && segments.length === 1) {
		return ok({
			'@odata.context': `${context.graphOrigin}/v1.0/$metadata#applications`,
			value: world.apps
				.filter(app => app.homeTenantId === tenant)
				.map(app => ({
					id: app.appId,
					appId: app.appId,
					displayName: app.displayName,
					signInAudience: app.multiTenant ? 'AzureADMultipleOrgs' : 'AzureADMyOrg',
				})),
		});
	}

	// An app's service principal in the token's tenant (Graph: GET /servicePrincipals(appId='…')).
	const servicePrincipalKey = /^servicePrincipals\(appId='([^']+)'\)$/.exec(segments[0] ?? '');
	if (servicePrincipalKey && segments.length === 1) {
		const appId = decodeURIComponent(servicePrincipalKey[1]!).toLowerCase();
		const servicePrincipal = world.findServicePrincipal(appId, tenant);
		const app = world.findApp(appId);
		if (!servicePrincipal) {
			return fail(
				404,
				'Request_ResourceNotFound',
				`Resource '${appId}' does not exist or one of its queried reference-property objects are not present.`,
			);
		}

		return ok({
			'@odata.context': `${context.graphOrigin}/v1.0/$metadata#servicePrincipals/$entity`,
			id: servicePrincipal.objectId,
			appId: servicePrincipal.appId,
			appOwnerOrganizationId: app?.homeTenantId ?? null,
			displayName: app?.displayName ?? null,
			servicePrincipalType: 'Application',
		});
	}

	const applicationKey = /^applications(?:\(appId='([^']+)'\))?$/.exec(segments[0] ?? '');
	const appKey = applicationKey?.[1] ?? (applicationKey ? segments[1] : undefined);
	const credentialsAt = applicationKey?.[1] ? 1 : 2;
	if (appKey && segments[credentialsAt] === 'federatedIdentityCredentials' && segments.length === credentialsAt + 1) {
		const app = world.findApp(decodeURIComponent(appKey));
		if (!app || app.homeTenantId !== tenant) {
			return fail(
				404,
				'Request_ResourceNotFound',
				`Resource '${appKey}' does not exist or one of its queried reference-property objects are not present.`,
			);
		}

		return ok({
			'@odata.context': `${context.graphOrigin}/v1.0/$metadata#applications('${app.appId}')/federatedIdentityCredentials`,
			value: app.federatedCredentials.map(credential => ({
				id: `${app.appId}-${credential.name}`,
				name: credential.name,
				issuer: credential.issuer,
				subject: credential.subject,
				audiences: credential.audiences,
				description: null,
			})),
		});
	}

	return fail(400, 'BadRequest', `Resource not found for the segment '${segments[0] ?? ''}'.`);
}

// ---------------------------------------------------------------------------------------------
// Managed identity

function pickIdentity(world: World, selector: {clientId?: string; objectId?: string; resourceId?: string}) {
	if (selector.clientId || selector.objectId || selector.resourceId) return world.findManagedIdentity(selector);
	const identities = world.managedIdentities;
	return (
		identities.find(identity => identity.kind === 'system-assigned') ??
		(identities.length === 1 ? identities[0] : undefined)
	);
}

async function managedIdentityToken(context: ArmContext, identity: ManagedIdentityDefinition, resourceId: string) {
	const {world} = context;
	const tenant = world.findTenant(identity.tenantId)!;
	const resource = resolveResource(resourceId, world, context.ownUrls);
	if (!resource) return undefined;
	const minted = await mintAccessToken({
		signer: context.signer,
		world,
		authorityHost: context.entraOrigin,
		tenant,
		resource,
		principal: {kind: 'managed-identity', identity},
	});
	const now = Math.floor(world.tenantTime(tenant.id) / 1000);
	return {token: minted.token, expiresIn: minted.expiresIn, expiresOn: now + minted.expiresIn, notBefore: now - 300};
}

async function imdsToken(context: ArmContext, request: SandboxRequest): Promise<SandboxResponse> {
	const {query} = request;
	if (String(request.headers['metadata'] ?? '').toLowerCase() !== 'true') {
		return {status: 400, body: {error: 'invalid_request', error_description: 'Required metadata header not specified'}};
	}

	const resourceId = query.get('resource');
	if (!resourceId)
		return {
			status: 400,
			body: {error: 'invalid_request', error_description: "Required query variable 'resource' is missing"},
		};
	const selector = {
		clientId: query.get('client_id') ?? undefined,
		objectId: query.get('object_id') ?? undefined,
		resourceId: query.get('msi_res_id') ?? query.get('mi_res_id') ?? undefined,
	};
	const identity = pickIdentity(context.world, selector);
	if (!identity) {
		// No selector, no system-assigned identity and several user-assigned ones: IMDS cannot choose (ce-0089).
		const ambiguous =
			!selector.clientId && !selector.objectId && !selector.resourceId && context.world.managedIdentities.length > 1;
		return {
			status: 400,
			body: {
				error: 'invalid_request',
				error_description: ambiguous
					? 'Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request'
					: 'Identity not found',
			},
		};
	}
	const minted = await managedIdentityToken(context, identity, resourceId);
	if (!minted) return unknownResource(context, resourceId, identity.tenantId);
	return {
		status: 200,
		body: {
			access_token: minted.token,
			client_id: identity.clientId,
			expires_in: String(minted.expiresIn),
			expires_on: String(minted.expiresOn),
			ext_expires_in: String(minted.expiresIn),
			not_before: String(minted.notBefore),
			resource: resourceId,
			token_type: 'Bearer',
		},
	};
}

async function appServiceToken(context: ArmContext, request: SandboxRequest): Promise<SandboxResponse> {
	const {query} = request;
	if (request.headers['x-identity-header'] !== context.identityHeader) {
		return appServiceError(401, 'Unauthorized: the X-IDENTITY-HEADER header is missing or wrong.');
	}

	const resourceId = query.get('resource');
	if (!resourceId) return appServiceError(400, "The 'resource' query parameter is required.");
	const identity = pickIdentity(context.world, {
		clientId: query.get('client_id') ?? undefined,
		objectId: query.get('principal_id') ?? query.get('object_id') ?? undefined,
		resourceId: query.get('mi_res_id') ?? undefined,
	});
	if (!identity) return appServiceError(400, 'No managed identity matches the request.');
	const minted = await managedIdentityToken(context, identity, resourceId);
	// App Service does not pass Entra's error on: a failed token request is its own 500 (ce-0196).
	if (!minted) return appServiceError(500, 'An unexpected error occured while fetching the AAD Token.');
	return {
		status: 200,
		body: {
			access_token: minted.token,
			expires_on: String(minted.expiresOn),
			resource: resourceId,
			token_type: 'Bearer',
			client_id: identity.clientId,
		},
	};
}

/** App Service's (2019-08-01) error body: camelCase, with a correlation id (ce-0196). */
function appServiceError(status: number, message: string): SandboxResponse {
	return {status, body: {statusCode: status, message, correlationId: newRequestId()}};
}

function unknownResource(context: ArmContext, resourceId: string, tenantId: string): SandboxResponse {
	return entraError(failures.resourceNotFound(resourceId, tenantId), context.world.now(), newRequestId());
}

// ---------------------------------------------------------------------------------------------
// Admin operations (loopback only, like everything else here)

function admin(context: ArmContext, request: SandboxRequest): SandboxResponse {
	const segments = request.path.split('/').filter(Boolean);
	if (request.method === 'GET' && segments[1] === 'state' && segments.length === 2) {
		return {status: 200, body: context.state()};
	}

	if (request.method === 'POST' && segments[1] === 'ops' && segments.length === 3) {
		let fields: unknown;
		try {
			fields = request.body ? JSON.parse(request.body) : {};
		} catch {
			return {status: 400, body: {error: {code: 'InvalidJson', message: 'The operation body is not JSON.'}}};
		}

		if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
			return {
				status: 400,
				body: {error: {code: 'InvalidOperation', message: 'The operation body must be a JSON object.'}},
			};
		}

		try {
			const result = context.applyOperation({...(fields as object), op: segments[2]} as FixOperation);
			return {status: 200, body: {result}};
		} catch (error) {
			if (error instanceof OperationError)
				return {status: 400, body: {error: {code: 'InvalidOperation', message: error.message}}};
			throw error;
		}
	}

	return {
		status: 404,
		body: {error: {code: 'NotFound', message: `No sandbox admin route ${request.method} ${request.path}.`}},
	};
}
