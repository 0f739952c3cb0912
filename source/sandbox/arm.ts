import {type AccessDecision, type Caller, scopeCovers} from '../knowledge/rbac/access.ts';
import {builtInRoles, type RoleDefinition} from '../knowledge/rbac/roles.ts';
import {requestAuthorization} from '../target/authorization.ts';
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
		'cache-control': 'no-cache',
		pragma: 'no-cache',
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

/**
Who ARM sees calling: the token's object id, and its groups. A user's token carries the groups of
the moment it was issued (a group joined later is not in it until the next token); an app's token
carries none, and ARM looks its memberships up.
*/
function callerOf(context: ArmContext, claims: Claims): Caller {
	const objectId = String(claims['oid'] ?? '').toLowerCase();
	const groups = Array.isArray(claims['groups'])
		? claims['groups'].map(group => String(group).toLowerCase())
		: claims['idtyp'] === 'app'
			? context.world.groupsOf(objectId)
			: [];
	return {objectId, groups};
}

/** ARM's 403 for a decision that does not allow the request, in ARM's own words. */
function refusal(claims: Claims, decision: AccessDecision, action: string, scope: string): Rejection | undefined {
	const principal = String(claims['oid']);
	const client = `The client '${clientName(claims)}' with object id '${principal}'`;
	const refresh = 'If access was recently granted, please refresh your credentials.';
	switch (decision.kind) {
		case 'allowed':
			return undefined;
		case 'denied':
			if (decision.grants.length > 0) {
				const id = decision.deny.id.split('/').at(-1)?.replaceAll('-', '') ?? '';
				return new Rejection({
					status: 403,
					code: 'DenyAssignmentAuthorizationFailed',
					message: `${client} has permission to perform action '${action}' on scope '${scope}'; however, the access is denied because of the deny assignment with name '${decision.deny.name}' and Id '${id}' at scope '${decision.deny.scope}'.`,
				});
			}

			break;
		case 'condition':
			return new Rejection({
				status: 403,
				code: 'AuthorizationFailed',
				message: `${client} does not have authorization or an ABAC condition not fulfilled to perform action '${action}' over scope '${scope}' or the scope is invalid. ${refresh}`,
			});
		case 'no-role':
			break;
	}

	return new Rejection({
		status: 403,
		code: 'AuthorizationFailed',
		message: `${client} does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. ${refresh}`,
	});
}

function authorize(context: ArmContext, claims: Claims, action: string, scope: string) {
	const rejection = refusal(claims, context.world.decide(callerOf(context, claims), action, scope), action, scope);
	if (rejection) throw rejection;
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

		if (context.world.decide(callerOf(context, token), linkedAction(linked), linked).kind !== 'allowed') {
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
	const authorization = authorizationPath(segments);
	const subscriptionId = first === 'subscriptions' ? segments[1] : undefined;
	const subscription = subscriptionId ? world.findSubscription(subscriptionId) : undefined;
	const header = String(request.headers.authorization ?? '');
	if (!header) {
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

	const bearer = /^Bearer\s+(\S+)$/i.exec(header);
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
	// Reads, the POST actions of the resources that have them (listKeys), and role assignments' PUT.
	if (!['GET', 'HEAD', 'POST', 'PUT'].includes(request.method)) throw methodNotAllowed(request);
	if (!request.query.get('api-version')) {
		throw new Rejection({
			status: 400,
			code: 'MissingApiVersionParameter',
			message: 'The api-version query parameter (?api-version=) is required for all requests.',
		});
	}

	if (first !== 'subscriptions' && first !== 'tenants' && !authorization) {
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
	if (first === 'tenants' && segments.length === 1 && request.method !== 'POST')
		return ok({value: visibleTenants(context, claims)});
	if (subscriptionId && !subscription) {
		throw new Rejection({
			status: 404,
			code: 'SubscriptionNotFound',
			message: `The subscription '${subscriptionId}' could not be found.`,
		});
	}

	if (authorization) {
		if (request.method === 'PUT' && authorization.kind === 'roleassignments' && authorization.name) {
			return {
				status: 201,
				headers: armHeaders(request, world.now()),
				body: createRoleAssignment(context, request, claims, authorization),
			};
		}

		if (request.method === 'POST' || request.method === 'PUT') throw methodNotAllowed(request);
		return ok(authorizationRoute(context, request, claims, authorization));
	}

	if (request.method === 'PUT') throw methodNotAllowed(request);

	if (!subscriptionId || !subscription) {
		if (request.method === 'POST') throw methodNotAllowed(request);
		return ok(listSubscriptions(context, claims));
	}

	const subscriptionScope = `/subscriptions/${subscription.id}`;
	const wanted = requestAuthorization(request.method, request.path);
	if (segments.length === 2) {
		if (request.method === 'POST') throw methodNotAllowed(request);
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
		if (request.method === 'POST') throw methodNotAllowed(request);
		authorize(context, claims, 'Microsoft.Resources/subscriptions/resourcegroups/read', subscriptionScope);
		return ok({value: subscription.resourceGroups.map(group => resourceGroupBody(subscription, group))});
	}

	const group = subscription.resourceGroups.find(
		candidate => candidate.name.toLowerCase() === segments[3]!.toLowerCase(),
	);
	const groupScope = `${subscriptionScope}/resourceGroups/${group?.name ?? segments[3]}`;
	if (segments.length === 4) {
		if (request.method === 'POST') throw methodNotAllowed(request);
		authorize(context, claims, 'Microsoft.Resources/subscriptions/resourcegroups/read', groupScope);
		if (!group)
			throw new Rejection({
				status: 404,
				code: 'ResourceGroupNotFound',
				message: `Resource group '${segments[3]}' could not be found.`,
			});
		return ok(resourceGroupBody(subscription, group));
	}

	// A resource, or (POST) one of its actions: `…/{name}/listKeys`.
	const posted = request.method === 'POST' ? segments.at(-1) : undefined;
	const resourcePath = segments.slice(4, posted ? -1 : undefined).join('/');
	const resource = group?.resources?.find(candidate => candidate.path.toLowerCase() === resourcePath.toLowerCase());
	const resourceScope = `${groupScope}/${resource?.path ?? resourcePath}`;
	const actionBody = posted
		? Object.entries(resource?.actions ?? {}).find(([name]) => name.toLowerCase() === posted.toLowerCase())
		: undefined;
	if (posted && resource && !actionBody) throw methodNotAllowed(request);
	const action = wanted?.action ?? `${resource?.type ?? resourceType(resourcePath)}/read`;
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
			message: `The Resource '${resourceType(resourcePath)}/${resourcePath.split('/').at(-1)}' under resource group '${group.name}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
		});
	}

	authorizeLinked(context, claims, auxiliary, resource, resourceScope, action);
	if (actionBody) return ok(actionBody[1]);
	return ok({
		id: resourceScope,
		name: resource.path.split('/').at(-1),
		type: resource.type,
		location: resource.location,
		properties: resource.properties ?? {},
	});
}

function methodNotAllowed(request: SandboxRequest): Rejection {
	return new Rejection({
		status: 405,
		code: 'MethodNotAllowed',
		message: `The sandbox's ARM serves reads (and the actions its resources have), not ${request.method} ${request.path}.`,
	});
}

// ---------------------------------------------------------------------------------------------
// Microsoft.Authorization: role assignments, role definitions, deny assignments, PIM eligibility

const authorizationKinds = [
	'roleassignments',
	'roledefinitions',
	'denyassignments',
	'roleeligibilityscheduleinstances',
] as const;

type AuthorizationPath = {
	readonly scope: string;
	readonly kind: (typeof authorizationKinds)[number];
	/** One item by its GUID. */
	readonly name?: string;
};

/** `{scope}/providers/Microsoft.Authorization/{kind}[/{name}]`, the scope `/` for the tenant level. */
function authorizationPath(segments: readonly string[]): AuthorizationPath | undefined {
	const lower = segments.map(segment => segment.toLowerCase());
	const at = lower.lastIndexOf('providers');
	const kind = authorizationKinds.find(candidate => candidate === lower[at + 2]);
	if (at === -1 || lower[at + 1] !== 'microsoft.authorization' || !kind || segments.length > at + 4) return undefined;
	const name = segments[at + 3];
	return {scope: `/${segments.slice(0, at).join('/')}`, kind, ...(name ? {name} : {})};
}

type AuthorizationFilter = {
	readonly atScope: boolean;
	readonly asTarget: boolean;
	readonly assignedTo?: string;
	readonly principalId?: string;
	readonly roleName?: string;
	readonly type?: string;
};

/** ARM's `$filter` for these lists: `atScope()`, `assignedTo('{id}')`, `principalId eq '{id}'`, `asTarget()`, `roleName eq '…'`, `type eq '…'`, joined by `and`. */
function parseAuthorizationFilter(text: string): AuthorizationFilter {
	const filter: {-readonly [Key in keyof AuthorizationFilter]: AuthorizationFilter[Key]} = {
		atScope: false,
		asTarget: false,
	};
	for (const part of text.split(/\s+and\s+/i).map(item => item.trim())) {
		if (part === '') continue;
		const quoted = /^(assignedTo|principalId eq|roleName eq|type eq)\s*\(?\s*'([^']*)'\s*\)?$/i.exec(part);
		if (/^atScope\(\)$/i.test(part)) filter.atScope = true;
		else if (/^asTarget\(\)$/i.test(part)) filter.asTarget = true;
		else if (quoted) {
			const value = quoted[2]!;
			const key = quoted[1]!.toLowerCase();
			if (key === 'assignedto') filter.assignedTo = value.toLowerCase();
			else if (key === 'principalid eq') filter.principalId = value.toLowerCase();
			else if (key === 'rolename eq') filter.roleName = value;
			else filter.type = value;
		} else {
			throw new Rejection({
				status: 400,
				code: 'UnsupportedQuery',
				message: `The filter '${part.slice(0, 100)}' is not supported.`,
			});
		}
	}

	return filter;
}

/** Lists give what applies at the scope, above it and (without atScope()) below it. */
function related(itemScope: string, scope: string, atScope: boolean): boolean {
	return scopeCovers(itemScope, scope) || (!atScope && scopeCovers(scope, itemScope));
}

function authorizationRoute(
	context: ArmContext,
	request: SandboxRequest,
	claims: Claims,
	path: AuthorizationPath,
): unknown {
	const {world} = context;
	const filter = parseAuthorizationFilter(request.query.get('$filter') ?? '');
	const {scope} = path;
	const subscriptionPrefix = /^\/subscriptions\/[^/]+/i.exec(scope)?.[0] ?? '';
	/** The list, or (with a name in the path) the one item of it, else ARM's 404 for that kind. */
	const named = <T extends {readonly id: string}>(
		items: readonly T[],
		code: string,
		message: (name: string) => string,
	) => {
		if (!path.name) return {value: items};
		const key = path.name.toLowerCase();
		const found = items.find(item => (item.id.split('/').at(-1) ?? '').toLowerCase() === key);
		if (!found) throw new Rejection({status: 404, code, message: message(path.name)});
		return found;
	};
	const principalIds = (objectId: string) => [objectId, ...world.groupsOf(objectId)];

	switch (path.kind) {
		case 'roleassignments': {
			authorize(context, claims, 'Microsoft.Authorization/roleAssignments/read', scope);
			const found = world.roleAssignments.filter(
				assignment =>
					(path.name !== undefined || related(assignment.scope, scope, filter.atScope)) &&
					(!filter.assignedTo || principalIds(filter.assignedTo).includes(assignment.principalId)) &&
					(!filter.principalId || assignment.principalId === filter.principalId),
			);
			return named(
				found.map(assignment => roleAssignmentBody(assignment)),
				'RoleAssignmentNotFound',
				name => `The role assignment '${name}' is not found.`,
			);
		}

		case 'roledefinitions': {
			// Role definitions are not secret: the sandbox lets any signed-in caller read them.
			const found = builtInRoles.filter(
				role =>
					(!filter.roleName || role.roleName.toLowerCase() === filter.roleName.toLowerCase()) &&
					(!filter.type || filter.type.toLowerCase() === 'builtinrole'),
			);
			return named(
				found.map(role => roleDefinitionBody(role, subscriptionPrefix)),
				'RoleDefinitionDoesNotExist',
				name => `The specified role definition with ID '${name}' does not exist.`,
			);
		}

		case 'denyassignments': {
			authorize(context, claims, 'Microsoft.Authorization/denyAssignments/read', scope);
			const found = world.denyAssignments.filter(deny => {
				if (path.name === undefined && !related(deny.scope, scope, filter.atScope)) return false;
				const names = (id: string) =>
					deny.principals.some(principal => principal.id === id || principal.id === everyone);
				if (filter.principalId && !names(filter.principalId)) return false;
				if (filter.assignedTo && !principalIds(filter.assignedTo).some(id => names(id))) return false;
				return true;
			});
			return named(
				found.map(deny => denyAssignmentBody(deny)),
				'DenyAssignmentNotFound',
				name => `The deny assignment '${name}' is not found.`,
			);
		}

		case 'roleeligibilityscheduleinstances': {
			// asTarget(): the caller's own eligibilities, which a caller may always read (PIM's "My roles").
			const caller = String(claims['oid'] ?? '').toLowerCase();
			if (!filter.asTarget)
				authorize(context, claims, 'Microsoft.Authorization/roleEligibilityScheduleInstances/read', scope);
			const found = world.eligibleAssignments.filter(
				eligible =>
					(path.name !== undefined || related(eligible.scope, scope, filter.atScope)) &&
					(!filter.asTarget || principalIds(caller).includes(eligible.principalId)) &&
					(!filter.assignedTo || principalIds(filter.assignedTo).includes(eligible.principalId)) &&
					(!filter.principalId || eligible.principalId === filter.principalId),
			);
			return named(
				found.map(eligible => eligibilityBody(context, eligible)),
				'RoleEligibilityScheduleInstanceNotFound',
				name => `The role eligibility schedule instance '${name}' is not found.`,
			);
		}
	}
}

const everyone = '00000000-0000-0000-0000-000000000000';

const guidPattern = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/** `PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{guid}` (what `az role assignment create` sends). */
function createRoleAssignment(
	context: ArmContext,
	request: SandboxRequest,
	claims: Claims,
	path: AuthorizationPath,
): unknown {
	const name = path.name ?? '';
	authorize(context, claims, 'Microsoft.Authorization/roleAssignments/write', path.scope);
	const bad = (code: string, message: string, status = 400) => new Rejection({status, code, message});
	if (!guidPattern.test(name))
		throw bad(
			'InvalidRoleAssignmentId',
			`The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
		);
	let properties: Record<string, unknown> | undefined;
	try {
		const body = JSON.parse(request.body || '{}') as {properties?: Record<string, unknown>};
		properties = body.properties;
	} catch {
		properties = undefined;
	}

	const roleDefinitionId = String(properties?.['roleDefinitionId'] ?? '');
	const principalId = String(properties?.['principalId'] ?? '');
	if (!guidPattern.test(principalId))
		throw bad('InvalidPrincipalId', 'A valid principal ID must be provided for role assignment.');
	if (!builtInRoles.some(role => roleDefinitionId.toLowerCase().endsWith(`/${role.id}`))) {
		throw bad(
			'RoleDefinitionDoesNotExist',
			`The specified role definition with ID '${roleDefinitionId.split('/').at(-1) ?? ''}' does not exist.`,
		);
	}

	try {
		return roleAssignmentBody(context.world.assignRole(principalId, roleDefinitionId, path.scope, name.toLowerCase()));
	} catch (error) {
		if (error instanceof OperationError) throw bad('RoleAssignmentExists', 'The role assignment already exists.', 409);
		throw error;
	}
}

function roleAssignmentBody(assignment: World['roleAssignments'][number]) {
	return {
		properties: {
			roleDefinitionId: assignment.roleDefinitionId,
			principalId: assignment.principalId,
			principalType: assignment.principalType,
			scope: assignment.scope,
			condition: assignment.condition ?? null,
			conditionVersion: assignment.condition ? '2.0' : null,
			createdOn: assignment.createdOn,
			updatedOn: assignment.createdOn,
			createdBy: null,
			updatedBy: null,
			delegatedManagedIdentityResourceId: null,
			description: null,
		},
		id: assignment.id,
		type: 'Microsoft.Authorization/roleAssignments',
		name: assignment.id.split('/').at(-1) ?? '',
	};
}

function roleDefinitionBody(role: RoleDefinition, subscriptionPrefix: string) {
	return {
		properties: {
			roleName: role.roleName,
			type: role.roleType,
			description: role.description,
			assignableScopes: role.assignableScopes,
			permissions: role.permissions.map(permission => ({
				actions: permission.actions,
				notActions: permission.notActions,
				dataActions: permission.dataActions,
				notDataActions: permission.notDataActions,
			})),
			createdOn: role.createdOn ?? null,
			updatedOn: role.updatedOn ?? null,
			createdBy: null,
			updatedBy: null,
		},
		id: `${subscriptionPrefix}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
		type: 'Microsoft.Authorization/roleDefinitions',
		name: role.id,
	};
}

function denyAssignmentBody(deny: World['denyAssignments'][number]) {
	return {
		properties: {
			denyAssignmentName: deny.name,
			description: deny.description ?? '',
			permissions: deny.permissions.map(permission => ({...permission, condition: null, conditionVersion: null})),
			scope: deny.scope,
			doNotApplyToChildScopes: deny.doNotApplyToChildScopes,
			principals: deny.principals.map(principal => ({
				id: principal.id,
				type: principal.type,
				...(principal.id === everyone ? {displayName: 'All Principals'} : {}),
			})),
			excludePrincipals: deny.excludePrincipals,
			isSystemProtected: deny.isSystemProtected ?? true,
			createdOn: deny.createdOn,
			updatedOn: deny.createdOn,
			createdBy: null,
			updatedBy: null,
		},
		id: deny.id,
		type: 'Microsoft.Authorization/denyAssignments',
		name: deny.id.split('/').at(-1) ?? '',
	};
}

function eligibilityBody(context: ArmContext, eligible: World['eligibleAssignments'][number]) {
	const {world} = context;
	const subscription = world.findSubscription(/^\/subscriptions\/([^/]+)/i.exec(eligible.scope)?.[1] ?? '');
	const user = world.users.find(candidate => candidate.objectId === eligible.principalId);
	const id = `${eligible.scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/${eligible.id}`;
	return {
		properties: {
			scope: eligible.scope,
			roleDefinitionId: eligible.roleDefinitionId,
			principalId: eligible.principalId,
			principalType: eligible.principalType,
			roleEligibilityScheduleId: `${eligible.scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/${eligible.id}`,
			status: 'Provisioned',
			startDateTime: eligible.createdOn,
			endDateTime: eligible.endDateTime,
			memberType: 'Direct',
			condition: null,
			conditionVersion: null,
			createdOn: eligible.createdOn,
			expandedProperties: {
				scope: {
					id: eligible.scope,
					displayName: subscription?.displayName ?? eligible.scope.split('/').at(-1),
					type: eligible.scope.split('/').length > 3 ? 'resourcegroup' : 'subscription',
				},
				roleDefinition: {id: eligible.roleDefinitionId, displayName: eligible.role, type: 'BuiltInRole'},
				principal: {
					id: eligible.principalId,
					displayName: user?.displayName ?? eligible.principalId,
					email: user?.userPrincipalName ?? null,
					type: eligible.principalType,
				},
			},
		},
		name: eligible.id,
		id,
		type: 'Microsoft.Authorization/roleEligibilityScheduleInstances',
	};
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
		.filter(subscription => context.world.hasAnyRoleWithin(principal, `/subscriptions/${subscription.id}`))
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

	// The signed-in user's groups as they are now (Graph reads the directory, not the token).
	if (
		segments[0] === 'me' &&
		(segments[1] === 'memberOf' || segments[1] === 'transitiveMemberOf') &&
		(segments.length === 2 || (segments.length === 3 && segments[2] === 'microsoft.graph.group'))
	) {
		const user = world.users.find(candidate => candidate.objectId === claims['oid']);
		if (!user) return fail(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
		const groups = world.groups.filter(group => world.groupsOf(user.objectId).includes(group.id));
		return ok({
			'@odata.context': `${context.graphOrigin}/v1.0/$metadata#groups(id,displayName)`,
			value: groups.map(group => ({
				'@odata.type': '#microsoft.graph.group',
				id: group.id,
				displayName: group.displayName,
			})),
		});
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
