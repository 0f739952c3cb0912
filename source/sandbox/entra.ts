import {constants, randomBytes, timingSafeEqual, verify as verifySignature} from 'node:crypto';
import {type EntraFailure, entraError, failures} from './entra-errors.ts';
import {requestIdFrom, type SandboxRequest, type SandboxResponse} from './http.ts';
import {
	clientInfo,
	mintAccessToken,
	mintIdToken,
	type OwnUrls,
	type Principal,
	type Resource,
	resolveResource,
	tokenExchangeAudience,
} from './issuer.ts';
import {decodeJwt, type TokenSigner, verifyHs256} from './tokens.ts';
import {type App, isFirstPartyClient, type Tenant, type User, type World} from './world.ts';

export type EntraContext = {
	readonly world: World;
	readonly signer: TokenSigner;
	/** `https://127.0.0.1:{port}`: the Entra origin answered by instance discovery. */
	readonly entraOrigin: string;
	readonly ownUrls: OwnUrls;
	/** The signing key of an issuer the sandbox serves besides Entra (its workload issuers), to verify their tokens. */
	readonly externalSigner?: (issuer: string) => TokenSigner | undefined;
};

const oidcScopes = new Set(['openid', 'profile', 'offline_access', 'email']);
const deviceCodeGrants = new Set(['urn:ietf:params:oauth:grant-type:device_code', 'device_code']);
const jwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Every refresh token the sandbox issues starts so: anything else is not one it could ever read. */
const refreshTokenPrefix = 'sandbox-rt.';
const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

class Failure extends Error {
	readonly failure: EntraFailure;
	constructor(failure: EntraFailure) {
		super(failure.message);
		this.failure = failure;
	}
}

/** The Entra side: OIDC discovery, JWKS, instance discovery, token and device code endpoints. */
export function createEntraHandler(context: EntraContext) {
	return async (request: SandboxRequest): Promise<SandboxResponse> => {
		const correlationId = requestIdFrom(request.query.get('client-request-id') ?? request.headers['client-request-id']);
		try {
			return withEntraHeaders(request, await route(context, request, correlationId));
		} catch (error) {
			if (error instanceof Failure) return entraError(error.failure, context.world.now(), correlationId);
			throw error;
		}
	};
}

/**
Entra answers every request with an `x-ms-request-id` and echoes the `client-request-id` a client
sent (recorded: discovery, device code and token answers of the Azure SDKs' and kubelogin's live tests).
*/
export function withEntraHeaders(request: SandboxRequest, response: SandboxResponse): SandboxResponse {
	const sent = request.query.get('client-request-id') ?? request.headers['client-request-id'];
	return {
		...response,
		headers: {
			'x-ms-request-id': requestIdFrom(undefined),
			...(sent === undefined ? {} : {'client-request-id': requestIdFrom(sent)}),
			...response.headers,
		},
	};
}

async function route(context: EntraContext, request: SandboxRequest, correlationId: string): Promise<SandboxResponse> {
	const segments = request.path.split('/').filter(Boolean);
	const [tenantSegment = '', ...rest] = segments;
	const tail = rest.join('/');
	if (tail === 'discovery/instance' && request.method === 'GET') return instanceDiscovery(context, request);
	if (rest[0] === 'userrealm' && rest.length === 2 && request.method === 'GET') return userRealm(context, rest[1]!);
	if (request.path === '/devicelogin') {
		return {status: 200, body: 'authfix sandbox: approve a device code with the approve-device-code operation.\n'};
	}

	switch (tail) {
		case 'v2.0/.well-known/openid-configuration':
			return openIdConfiguration(context, request, tenantSegment, 2);
		case '.well-known/openid-configuration':
			return openIdConfiguration(context, request, tenantSegment, 1);
		case 'discovery/v2.0/keys':
			return {status: 200, body: {keys: [{...context.signer.jwk, issuer: `${request.origin}/{tenantid}/v2.0`}]}};
		case 'discovery/keys':
			return {status: 200, body: {keys: [context.signer.jwk]}};
		case 'oauth2/v2.0/token':
		case 'oauth2/token':
			if (request.method !== 'POST') throw new Failure(failures.malformedBody());
			return token(context, request, tenantSegment, tail === 'oauth2/v2.0/token' ? 2 : 1, correlationId);
		case 'oauth2/v2.0/devicecode':
		case 'oauth2/devicecode':
			if (request.method !== 'POST') throw new Failure(failures.malformedBody());
			return deviceCode(context, request, tenantSegment, tail === 'oauth2/v2.0/devicecode' ? 2 : 1);
		default:
			return {
				status: 404,
				body: {error: 'not_found', error_description: `The sandbox has no Entra endpoint at ${request.path}.`},
			};
	}
}

/** MSAL's instance discovery: the sandbox's Entra host is its own, only alias. */
export function instanceDiscovery(context: EntraContext, request: SandboxRequest): SandboxResponse {
	const endpoint = request.query.get('authorization_endpoint') ?? '';
	let tenant = 'common';
	try {
		tenant = new URL(endpoint).pathname.split('/').find(Boolean) ?? 'common';
	} catch {}

	const host = new URL(context.entraOrigin).host;
	return {
		status: 200,
		// As Entra's (ce-0007, ce-0174): browsers' MSAL may call it from any origin, and clients cache it for a day.
		headers: {'cache-control': 'max-age=86400, private', 'access-control-allow-origin': '*'},
		body: {
			tenant_discovery_endpoint: `${context.entraOrigin}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`,
			'api-version': '1.1',
			metadata: [{preferred_network: host, preferred_cache: host, aliases: [host]}],
		},
	};
}

/** MSAL asks before a password sign-in whether the user is federated; sandbox users are all managed. */
function userRealm(context: EntraContext, username: string): SandboxResponse {
	const name = decodeURIComponent(username);
	const domain = name.includes('@') ? name.slice(name.indexOf('@') + 1) : '';
	const tenant = context.world.findTenant(domain);
	return {
		status: 200,
		body: {
			ver: '1.0',
			account_type: tenant ? 'Managed' : 'Unknown',
			domain_name: domain,
			cloud_instance_name: 'microsoftonline.com',
			cloud_audience_urn: 'urn:federation:MicrosoftOnline',
		},
	};
}

function openIdConfiguration(context: EntraContext, request: SandboxRequest, tenantSegment: string, version: 1 | 2) {
	const generic = isGenericTenant(tenantSegment);
	const tenant = generic ? undefined : context.world.findTenant(tenantSegment);
	if (!generic && !tenant) throw new Failure(failures.tenantNotFound(tenantSegment));
	const origin = request.origin;
	const id = tenant?.id ?? tenantSegment.toLowerCase();
	const issuerTenant = tenant?.id ?? '{tenantid}';
	const v2 = version === 2 ? 'v2.0/' : '';
	const body: Record<string, unknown> = {
		token_endpoint: `${origin}/${id}/oauth2/${v2}token`,
		token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
		jwks_uri: version === 2 ? `${origin}/${id}/discovery/v2.0/keys` : `${origin}/common/discovery/keys`,
		response_modes_supported: ['query', 'fragment', 'form_post'],
		subject_types_supported: ['pairwise'],
		id_token_signing_alg_values_supported: ['RS256'],
		response_types_supported:
			version === 2
				? ['code', 'id_token', 'code id_token', 'id_token token']
				: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
		scopes_supported: version === 2 ? ['openid', 'profile', 'email', 'offline_access'] : ['openid'],
		issuer: version === 2 ? `${origin}/${issuerTenant}/v2.0` : `${origin}/${issuerTenant}/`,
		// Only the v2 document has it (ce-0181, ce-0183).
		...(version === 2 ? {request_uri_parameter_supported: false} : {}),
		userinfo_endpoint: `${origin}/${id}/openid/userinfo`,
		authorization_endpoint: `${origin}/${id}/oauth2/${v2}authorize`,
		device_authorization_endpoint: `${origin}/${id}/oauth2/${v2}devicecode`,
		http_logout_supported: true,
		frontchannel_logout_supported: true,
		end_session_endpoint: `${origin}/${id}/oauth2/${v2}logout`,
		claims_supported: [
			'sub',
			'iss',
			'cloud_instance_name',
			'aud',
			'exp',
			'iat',
			'auth_time',
			'acr',
			'nonce',
			'preferred_username',
			'name',
			'tid',
			'ver',
			'email',
		],
		kerberos_endpoint: `${origin}/${id}/kerberos`,
		tenant_region_scope: tenant ? 'EU' : null,
		cloud_instance_name: new URL(origin).hostname,
		cloud_graph_host_name: 'graph.windows.net',
		msgraph_host: 'graph.microsoft.com',
		rbac_url: 'https://pas.windows.net',
		...(version === 1
			? {microsoft_multi_refresh_token: true, check_session_iframe: `${origin}/${id}/oauth2/checksession`}
			: {}),
	};
	return {status: 200, headers: {'cache-control': 'max-age=86400, private', 'access-control-allow-origin': '*'}, body};
}

type Target = {resource: Resource; identifier: string; scopes: string[]; requested: string};

/** Reads `scope` (v2) or `resource` (v1) into the one resource a token is for. */
function readTarget(
	context: EntraContext,
	request: SandboxRequest,
	version: 1 | 2,
	tenant: Tenant,
	fallback?: string,
): Target {
	const {form} = request;
	if (version === 1) {
		const identifier = form.get('resource') ?? fallback;
		if (!identifier) throw new Failure(failures.missingParameter('resource'));
		const resource = resolveResource(identifier, context.world, context.ownUrls);
		if (!resource) throw new Failure(failures.resourceNotFound(identifier, tenant.id));
		return {resource, identifier, scopes: [], requested: identifier};
	}

	if (form.has('resource')) throw new Failure(failures.resourceNotSupported());
	const requested = form.get('scope') ?? fallback;
	if (!requested) throw new Failure(failures.missingScope());
	const resourceScopes = requested.split(/\s+/).filter(scope => scope && !oidcScopes.has(scope));
	if (resourceScopes.length === 0) throw new Failure(failures.invalidScope(requested));
	const parsed = resourceScopes.map(scope => splitScope(scope));
	const identifiers = new Set(parsed.map(entry => entry.identifier));
	if (identifiers.size > 1) throw new Failure(failures.multipleResources());
	const identifier = parsed[0]!.identifier;
	const resource = resolveResource(identifier, context.world, context.ownUrls);
	if (!resource) throw new Failure(failures.resourceNotFound(identifier, tenant.id));
	return {resource, identifier, scopes: parsed.map(entry => entry.scope), requested};
}

/** `https://x//.default` → resource `https://x/`, scope `.default`; `User.Read` → Graph. */
function splitScope(scope: string): {identifier: string; scope: string} {
	const at = scope.lastIndexOf('/');
	if (at <= 0 || (!scope.includes('://') && !/^[\da-f-]{36}\//i.test(scope))) {
		return {identifier: 'https://graph.microsoft.com', scope};
	}

	return {identifier: scope.slice(0, at), scope: scope.slice(at + 1)};
}

/** `common` and `organizations`: any work account's tenant, resolved from the account that signs in. */
function isOrganizationsAlias(segment: string): boolean {
	return ['common', 'organizations'].includes(segment.toLowerCase());
}

/** The authority segments that name no tenant: the organizations aliases and `consumers`. */
function isGenericTenant(segment: string): boolean {
	return isOrganizationsAlias(segment) || segment.toLowerCase() === 'consumers';
}

function requireTenant(world: World, segment: string): Tenant {
	if (isGenericTenant(segment)) throw new Failure(failures.noTenant());
	const tenant = world.findTenant(segment);
	if (!tenant) throw new Failure(failures.tenantNotFound(segment));
	return tenant;
}

async function token(
	context: EntraContext,
	request: SandboxRequest,
	tenantSegment: string,
	version: 1 | 2,
	correlationId: string,
): Promise<SandboxResponse> {
	const {form} = request;
	const grant = form.get('grant_type');
	if (!grant) throw new Failure(failures.missingParameter('grant_type'));
	switch (true) {
		case grant === 'client_credentials':
			return clientCredentials(context, request, tenantSegment, version, correlationId);
		case grant === 'password':
			return password(context, request, tenantSegment, version, correlationId);
		case grant === 'refresh_token':
			return refresh(context, request, tenantSegment, version, correlationId);
		case deviceCodeGrants.has(grant):
			return pollDeviceCode(context, request, tenantSegment, version, correlationId);
		case grant === jwtBearer && form.get('requested_token_use') === 'on_behalf_of':
			return onBehalfOf(context, request, tenantSegment, version, correlationId);
		default:
			throw new Failure(failures.unsupportedGrant(grant));
	}
}

type ClientCredential = {clientId: string; secret?: string; assertion?: string};

function readClientCredential(request: SandboxRequest): ClientCredential {
	const {form} = request;
	const basic = /^Basic\s+(.+)$/i.exec(String(request.headers.authorization ?? ''));
	if (basic) {
		const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
		const at = decoded.indexOf(':');
		if (at > 0) {
			return {clientId: decodeURIComponent(decoded.slice(0, at)), secret: decodeURIComponent(decoded.slice(at + 1))};
		}
	}

	const clientId = form.get('client_id');
	if (!clientId) throw new Failure(failures.missingParameter('client_id'));
	const assertion = form.get('client_assertion') ?? undefined;
	if (assertion !== undefined && form.get('client_assertion_type') !== assertionType) {
		throw new Failure(failures.missingParameter('client_assertion_type'));
	}

	return {clientId, secret: form.get('client_secret') ?? undefined, assertion};
}

/** Finds the app and its service principal in `tenant`, then checks its secret or assertion. */
function authenticateClient(
	context: EntraContext,
	credential: ClientCredential,
	tenant: Tenant,
	options: {allowPublic: boolean},
): {app: App; objectId: string; credentialType: 'secret' | 'assertion' | 'none'} {
	const {world} = context;
	const app = world.findApp(credential.clientId);
	const servicePrincipal = app ? world.findServicePrincipal(app.appId, tenant.id) : undefined;
	if (!app || !servicePrincipal || (app.homeTenantId !== tenant.id && !app.multiTenant)) {
		throw new Failure(failures.appNotFound(credential.clientId, tenant.id));
	}

	if (credential.assertion !== undefined) {
		checkAssertion(context, app, credential.assertion);
		return {app, objectId: servicePrincipal.objectId, credentialType: 'assertion'};
	}

	if (credential.secret !== undefined) {
		if (app.publicClient && app.secrets.length === 0) throw new Failure(failures.publicClientNeedsNoSecret());
		const now = world.now();
		const matching = app.secrets.find(secret => equalText(secret.value, credential.secret!));
		if (!matching) throw new Failure(failures.invalidSecret(app.appId));
		if (matching.expiresAt !== undefined && matching.expiresAt <= now)
			throw new Failure(failures.secretExpired(app.appId));
		return {app, objectId: servicePrincipal.objectId, credentialType: 'secret'};
	}

	if (options.allowPublic && app.publicClient)
		return {app, objectId: servicePrincipal.objectId, credentialType: 'none'};
	throw new Failure(failures.noClientCredential());
}

/**
A client assertion is either the app's own (HS256 with its symmetric key, or RS256 with its certificate) or a
federated token matched against the app's federated credentials. Tokens this sandbox's Entra issued
count only for apps of the tenant that issued them (AADSTS700236); the sandbox's workload issuers'
tokens are checked against their keys; other issuers' signatures are not fetched, as the sandbox
never connects off the machine.
*/
function checkAssertion(context: EntraContext, app: App, assertion: string) {
	const {world, signer} = context;
	const decoded = decodeJwt(assertion);
	if (!decoded) throw new Failure(failures.assertionMalformed());
	const nowSeconds = Math.floor(world.now() / 1000);
	const checkTime = (claims: Record<string, unknown>) => {
		const expiry = Number(claims['exp']);
		// An assertion without nbf is valid from the epoch: Entra says 'valid from 1970-01-01' (ce-0068, ce-0124).
		const notBefore = Number(claims['nbf'] ?? 0);
		if (!Number.isFinite(expiry) || expiry <= nowSeconds || notBefore > nowSeconds + 300) {
			throw new Failure(failures.assertionTime(nowSeconds, notBefore, expiry));
		}
	};

	// The app's own assertion (iss = sub = client id): a symmetric key (HS256) or its certificate (RS256).
	if (decoded.claims['iss'] === app.appId) {
		if (decoded.claims['sub'] !== app.appId) throw new Failure(failures.assertionSignature());
		if (decoded.header['alg'] === 'HS256') {
			if (!app.assertionSigningKey || typeof verifyHs256(assertion, app.assertionSigningKey) === 'string') {
				throw new Failure(failures.assertionSignature());
			}
		} else {
			// Python clients send the thumbprint in padded standard base64; Entra takes either alphabet.
			const normalize = (value: unknown) =>
				typeof value === 'string' ? value.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '') : undefined;
			const sha256 = normalize(decoded.header['x5t#S256']);
			const sha1 = normalize(decoded.header['x5t']);
			const certificate = app.certificate;
			const known = certificate && (sha256 === certificate.x5tS256 || sha1 === certificate.x5t);
			if (!known) throw new Failure(failures.certificateNotFound(String(sha256 ?? sha1 ?? ''), app.appId));
			// MSAL signs RS256 with an x5t (SHA-1) header, PS256 with x5t#S256.
			const algorithm = decoded.header['alg'];
			if (algorithm !== 'RS256' && algorithm !== 'PS256') throw new Failure(failures.assertionSignature());
			const [header, payload, signature] = assertion.split('.');
			const valid = verifySignature(
				'sha256',
				Buffer.from(`${header}.${payload}`),
				algorithm === 'PS256'
					? {
							key: certificate.publicKey,
							padding: constants.RSA_PKCS1_PSS_PADDING,
							saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
						}
					: certificate.publicKey,
				Buffer.from(signature ?? '', 'base64url'),
			);
			if (!valid) throw new Failure(failures.assertionSignature());
		}

		checkTime(decoded.claims);
		return;
	}

	const issuer = String(decoded.claims['iss'] ?? '');
	const ownIssuer = new RegExp(`^${escapeRegExp(context.entraOrigin)}/([\\da-f-]{36})/(v2\\.0)?$`).exec(
		issuer.replace('//localhost:', '//127.0.0.1:'),
	);
	if (ownIssuer) {
		const verified = signer.verify(assertion);
		if (typeof verified === 'string') throw new Failure(failures.assertionSignature());
		checkTime(verified.claims);
		if (ownIssuer[1] !== app.homeTenantId) throw new Failure(failures.entraIssuerCrossTenant(issuer));
	} else {
		// An issuer the sandbox serves itself (a CI or cluster issuer) is checked against its keys, as Entra fetches them.
		const external = context.externalSigner?.(issuer);
		if (external && typeof external.verify(assertion) === 'string') throw new Failure(failures.assertionSignature());
		checkTime(decoded.claims);
	}

	const subject = String(decoded.claims['sub'] ?? '');
	const audiences = ([] as unknown[]).concat(decoded.claims['aud'] ?? []).map(String);
	const byIssuer = app.federatedCredentials.filter(credential => credential.issuer === issuer);
	if (byIssuer.length === 0) throw new Failure(failures.federatedIssuer(issuer));
	const bySubject = byIssuer.filter(credential => credential.subject === subject);
	if (bySubject.length === 0) {
		const caseOnly = byIssuer.some(credential => credential.subject.toLowerCase() === subject.toLowerCase());
		throw new Failure(caseOnly ? failures.federatedSubjectCase(subject) : failures.federatedSubject(subject));
	}

	const matched = bySubject.some(credential => credential.audiences.some(audience => audiences.includes(audience)));
	if (!matched) throw new Failure(failures.federatedAudience(audiences.join(',') || tokenExchangeAudience));
}

async function clientCredentials(
	context: EntraContext,
	request: SandboxRequest,
	tenantSegment: string,
	version: 1 | 2,
	correlationId: string,
): Promise<SandboxResponse> {
	const {world} = context;
	const tenant = requireTenant(world, tenantSegment);
	const target = readTarget(context, request, version, tenant);
	if (version === 2 && target.scopes.some(scope => scope !== '.default')) {
		throw new Failure(failures.clientCredentialsNeedDefault(target.requested));
	}

	const client = authenticateClient(context, readClientCredential(request), tenant, {allowPublic: false});
	const principal: Principal = {
		kind: 'app',
		app: client.app,
		objectId: client.objectId,
		credentialType: client.credentialType === 'assertion' ? 'assertion' : 'secret',
	};
	const minted = await mintAccessToken({
		signer: context.signer,
		world,
		authorityHost: request.origin,
		tenant,
		resource: target.resource,
		principal,
	});
	return tokenResponse({version, accessToken: minted.token, expiresIn: minted.expiresIn, target, world, correlationId});
}

function tokenResponse(input: {
	version: 1 | 2;
	accessToken: string;
	expiresIn: number;
	target: Target;
	world: World;
	correlationId: string;
	/** `family`: the client is one of Microsoft's family (FOCI) public clients, whose refresh tokens the family shares. */
	user?: {refreshToken: string; idToken?: string; clientInfo?: string; family?: boolean};
}): SandboxResponse {
	const {version, accessToken, expiresIn, target, user} = input;
	const now = Math.floor(input.world.now() / 1000);
	const headers = {'client-request-id': input.correlationId, 'x-ms-request-id': requestIdFrom(undefined)};
	if (version === 1) {
		return {
			status: 200,
			headers,
			body: {
				token_type: 'Bearer',
				expires_in: String(expiresIn),
				ext_expires_in: String(expiresIn),
				expires_on: String(now + expiresIn),
				not_before: String(now - 300),
				resource: target.identifier,
				access_token: accessToken,
				...(user ? {refresh_token: user.refreshToken, ...(user.idToken ? {id_token: user.idToken} : {})} : {}),
			},
		};
	}

	return {
		status: 200,
		headers,
		body: {
			token_type: 'Bearer',
			...(user ? {scope: target.scopes.map(scope => `${target.identifier}/${scope}`).join(' ')} : {}),
			expires_in: expiresIn,
			ext_expires_in: expiresIn,
			// No refresh_in: Entra sends none for tokens of an hour (every recorded v2 answer, ce-0032 … ce-0209).
			access_token: accessToken,
			...(user
				? {
						refresh_token: user.refreshToken,
						// As for the Azure CLI's sign-ins (ce-0020, ce-0037, ce-0151).
						...(user.family ? {foci: '1'} : {}),
						...(user.idToken ? {id_token: user.idToken} : {}),
						...(user.clientInfo ? {client_info: user.clientInfo} : {}),
					}
				: {}),
		},
	};
}

/** Everything a user sign-in checks after the credentials: the client app exists there and has consent. */
async function issueForUser(
	context: EntraContext,
	request: SandboxRequest,
	input: {user: User; tenant: Tenant; clientApp: App; target: Target; version: 1 | 2; correlationId: string},
): Promise<SandboxResponse> {
	const {world} = context;
	const {user, tenant, clientApp, target, version} = input;
	if (user.tenantId !== tenant.id) throw new Failure(failures.userNotInTenant(user.userPrincipalName, tenant.id));
	const resourceIsClient = target.resource.appId === clientApp.appId;
	if (!resourceIsClient && !world.hasConsent(clientApp.appId, tenant.id, user.objectId)) {
		throw new Failure(
			tenant.userConsent === 'admin-only'
				? failures.signInServiceError()
				: failures.consentRequired(clientApp.appId, clientApp.displayName),
		);
	}

	const scopes = target.scopes.filter(scope => scope !== '.default');
	const minted = await mintAccessToken({
		signer: context.signer,
		world,
		authorityHost: request.origin,
		tenant,
		resource: target.resource,
		principal: {kind: 'user', user, clientAppId: clientApp.appId, scopes},
	});
	const refreshToken = `${refreshTokenPrefix}${randomBytes(24).toString('base64url')}`;
	world.refreshTokens.set(refreshToken, {
		clientId: clientApp.appId,
		tenantId: tenant.id,
		userObjectId: user.objectId,
		scope: target.requested,
	});
	const wantsOpenId = version === 1 || target.requested.split(/\s+/).includes('openid');
	return tokenResponse({
		version,
		accessToken: minted.token,
		expiresIn: minted.expiresIn,
		target,
		world,
		correlationId: input.correlationId,
		user: {
			refreshToken,
			idToken: wantsOpenId
				? await mintIdToken({
						signer: context.signer,
						world,
						authorityHost: request.origin,
						tenant,
						user,
						clientId: clientApp.appId,
					})
				: undefined,
			// MSAL always asks for it (client_info=1, on the device code request for that flow).
			clientInfo: clientInfo(user, tenant.id),
			family: isFirstPartyClient(clientApp.appId),
		},
	});
}

function userTenant(world: World, tenantSegment: string, user: User | undefined): Tenant {
	const generic = isOrganizationsAlias(tenantSegment);
	if (generic) {
		const tenant = user ? world.findTenant(user.tenantId) : undefined;
		if (!tenant) throw new Failure(failures.userNotFound(tenantSegment));
		return tenant;
	}

	const tenant = world.findTenant(tenantSegment);
	if (!tenant) throw new Failure(failures.tenantNotFound(tenantSegment));
	return tenant;
}

async function password(
	context: EntraContext,
	request: SandboxRequest,
	tenantSegment: string,
	version: 1 | 2,
	correlationId: string,
): Promise<SandboxResponse> {
	const {world} = context;
	const {form} = request;
	const username = form.get('username');
	if (!username) throw new Failure(failures.missingParameter('username'));
	const secret = form.get('password');
	if (secret === null) throw new Failure(failures.missingParameter('password'));
	const candidate = world.findUser(username);
	const tenant = userTenant(world, tenantSegment, candidate);
	const target = readTarget(context, request, version, tenant);
	const client = authenticateClient(context, readClientCredential(request), tenant, {allowPublic: true});
	const user = candidate && candidate.tenantId === tenant.id ? candidate : undefined;
	if (!user) throw new Failure(failures.userNotFound(tenant.defaultDomain));
	if (user.passwordState === 'sync-error') throw new Failure(failures.signInServiceError());
	if (!equalText(user.password, secret)) throw new Failure(failures.badPassword());
	return issueForUser(context, request, {user, tenant, clientApp: client.app, target, version, correlationId});
}

async function refresh(
	context: EntraContext,
	request: SandboxRequest,
	tenantSegment: string,
	version: 1 | 2,
	correlationId: string,
): Promise<SandboxResponse> {
	const {world} = context;
	const refreshToken = request.form.get('refresh_token');
	if (!refreshToken) throw new Failure(failures.missingParameter('refresh_token'));
	const grant = world.refreshTokens.get(refreshToken);
	if (!grant && !refreshToken.startsWith(refreshTokenPrefix)) throw new Failure(failures.unreadableGrant());
	const clientId = request.form.get('client_id');
	if (!grant || (clientId && clientId !== grant.clientId)) throw new Failure(failures.badGrant());
	const user = world.users.find(candidate => candidate.objectId === grant.userObjectId);
	const tenant = userTenant(world, isOrganizationsAlias(tenantSegment) ? grant.tenantId : tenantSegment, user);
	if (!user || (tenant.id !== grant.tenantId && !world.findServicePrincipal(grant.clientId, tenant.id))) {
		throw new Failure(failures.badGrant());
	}

	const target = readTarget(context, request, version, tenant, grant.scope);
	const client = authenticateClient(context, {...readClientCredential(request), clientId: grant.clientId}, tenant, {
		allowPublic: true,
	});
	if (user.passwordState === 'sync-error') throw new Failure(failures.signInServiceError());
	return issueForUser(context, request, {user, tenant, clientApp: client.app, target, version, correlationId});
}

function deviceCode(
	context: EntraContext,
	request: SandboxRequest,
	tenantSegment: string,
	version: 1 | 2,
): SandboxResponse {
	const {world} = context;
	const clientId = request.form.get('client_id');
	if (!clientId) throw new Failure(failures.missingParameter('client_id'));
	const scope = request.form.get(version === 2 ? 'scope' : 'resource') ?? '';
	const deviceCodeValue = randomBytes(32).toString('base64url');
	const userCode = Array.from(randomBytes(9), byte => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[byte % 32]).join('');
	const expiresIn = 900;
	const verificationUri = `${request.origin}/devicelogin`;
	const autoApprove = world.scenario.deviceCodeAutoApprove;
	world.deviceCodes.set(deviceCodeValue, {
		deviceCode: deviceCodeValue,
		userCode,
		clientId,
		tenantId: tenantSegment,
		scope,
		expiresAt: world.now() + expiresIn * 1000,
		...(autoApprove ? {approvedBy: autoApprove} : {}),
	});
	return {
		status: 200,
		body: {
			user_code: userCode,
			device_code: deviceCodeValue,
			verification_uri: verificationUri,
			expires_in: expiresIn,
			interval: 1,
			message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
		},
	};
}

async function pollDeviceCode(
	context: EntraContext,
	request: SandboxRequest,
	tenantSegment: string,
	version: 1 | 2,
	correlationId: string,
): Promise<SandboxResponse> {
	const {world} = context;
	const code = request.form.get('device_code') ?? request.form.get('code');
	if (!code) throw new Failure(failures.missingParameter('device_code'));
	const grant = world.deviceCodes.get(code);
	if (!grant) throw new Failure({...failures.badGrant(), error: 'bad_verification_code'});
	if (grant.expiresAt <= world.now()) throw new Failure(failures.deviceCodeExpired());
	if (!grant.approvedBy) throw new Failure(failures.authorizationPending());
	const user = world.findUser(grant.approvedBy);
	const tenant = userTenant(world, tenantSegment, user);
	if (!user || user.tenantId !== tenant.id) throw new Failure(failures.userNotFound(tenant.defaultDomain));
	const target = readTarget(context, request, version, tenant, grant.scope);
	const client = authenticateClient(context, {...readClientCredential(request), clientId: grant.clientId}, tenant, {
		allowPublic: true,
	});
	world.deviceCodes.delete(code);
	return issueForUser(context, request, {user, tenant, clientApp: client.app, target, version, correlationId});
}

async function onBehalfOf(
	context: EntraContext,
	request: SandboxRequest,
	tenantSegment: string,
	version: 1 | 2,
	correlationId: string,
): Promise<SandboxResponse> {
	const {world, signer} = context;
	const tenant = requireTenant(world, tenantSegment);
	const assertion = request.form.get('assertion');
	if (!assertion) throw new Failure(failures.missingParameter('assertion'));
	const client = authenticateClient(context, readClientCredential(request), tenant, {allowPublic: false});
	const verified = signer.verify(assertion);
	if (typeof verified === 'string') throw new Failure(failures.oboAudience());
	const audience = String(verified.claims['aud'] ?? '');
	const audiences = [client.app.appId, ...(client.app.identifierUris ?? [])];
	if (!audiences.includes(audience)) throw new Failure(failures.oboAudience());
	if (Number(verified.claims['exp']) <= Math.floor(world.now() / 1000)) throw new Failure(failures.oboExpired());
	const user = world.users.find(candidate => candidate.objectId === verified.claims['oid']);
	if (!user || user.tenantId !== tenant.id) throw new Failure(failures.userNotFound(tenant.defaultDomain));
	const target = readTarget(context, request, version, tenant);
	return issueForUser(context, request, {user, tenant, clientApp: client.app, target, version, correlationId});
}

function equalText(expected: string, given: string): boolean {
	const a = Buffer.from(expected);
	const b = Buffer.from(given);
	return a.length === b.length && timingSafeEqual(a, b);
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
