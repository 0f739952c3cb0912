import type {ManagedIdentityDefinition} from './scenario.ts';
import {newId, type TokenSigner} from './tokens.ts';
import type {App, Tenant, User, World} from './world.ts';

/** The resource (API) a token is for, as Entra resolves it. */
export type Resource = {
	/** The resource's app id (first-party ids for Microsoft APIs). */
	readonly appId: string;
	/** The `aud` claim: v1 tokens echo the requested identifier, v2 tokens carry the app id. */
	readonly audience: string;
	readonly version: 1 | 2;
	readonly displayName: string;
};

type FirstParty = {appId: string; displayName: string; version: 1 | 2; identifiers: string[]; v2Audience?: string};

export const armAppId = '797f4846-ba00-4fd7-ba43-dac1f8f63013';
export const graphAppId = '00000003-0000-0000-c000-000000000000';
export const tokenExchangeAudience = 'api://AzureADTokenExchange';

const firstParty: FirstParty[] = [
	{
		appId: armAppId,
		displayName: 'Windows Azure Service Management API',
		version: 1,
		identifiers: [
			'https://management.core.windows.net/',
			'https://management.core.windows.net',
			'https://management.azure.com/',
			'https://management.azure.com',
		],
	},
	{
		appId: graphAppId,
		displayName: 'Microsoft Graph',
		version: 1,
		identifiers: ['https://graph.microsoft.com', 'https://graph.microsoft.com/'],
	},
	{
		appId: 'cfa8b339-82a2-471a-a3c9-0fc0be7a4093',
		displayName: 'Azure Key Vault',
		version: 1,
		identifiers: ['https://vault.azure.net', 'https://vault.azure.net/'],
	},
	{
		appId: 'fb60f99c-7a34-4190-8149-302f77469936',
		displayName: 'AAD Token Exchange Endpoint',
		version: 2,
		identifiers: [tokenExchangeAudience],
		v2Audience: tokenExchangeAudience,
	},
];

/**
Finds the resource an identifier names: a Microsoft API, the sandbox's own ARM and Graph URLs
(so a cloud's endpoints are their own audiences), or an app of the scenario by App ID URI or app id.
*/
export function resolveResource(identifier: string, world: World, ownUrls: OwnUrls): Resource | undefined {
	const own = ownUrls.arm.includes(identifier) ? armAppId : ownUrls.graph.includes(identifier) ? graphAppId : undefined;
	const known = firstParty.find(
		entry => entry.appId === (own ?? identifier.toLowerCase()) || entry.identifiers.includes(identifier),
	);
	if (known) {
		return {
			appId: known.appId,
			audience: known.version === 1 ? identifier : (known.v2Audience ?? known.appId),
			version: known.version,
			displayName: known.displayName,
		};
	}

	const app = world.apps.find(
		candidate =>
			candidate.appId === identifier.toLowerCase() ||
			(candidate.identifierUris ?? []).some(uri => uri === identifier || uri + '/' === identifier),
	);
	if (!app) return undefined;
	const version = app.accessTokenVersion ?? 1;
	return {appId: app.appId, audience: version === 2 ? app.appId : identifier, version, displayName: app.displayName};
}

export type OwnUrls = {readonly arm: readonly string[]; readonly graph: readonly string[]};

export type Principal =
	| {
			readonly kind: 'app';
			readonly app: App;
			readonly objectId: string;
			readonly credentialType: 'secret' | 'assertion';
	  }
	| {readonly kind: 'managed-identity'; readonly identity: ManagedIdentityDefinition}
	| {readonly kind: 'user'; readonly user: User; readonly clientAppId: string; readonly scopes: readonly string[]};

/** Access tokens live this long (seconds), like Entra's default without CAE. */
export const accessTokenLifetime = 3599;

/**
Mints an access token with the claim set Entra gives this kind of principal for this kind of
resource. Times come from the tenant's clock (a scenario may set it off).
*/
export async function mintAccessToken(input: {
	signer: TokenSigner;
	world: World;
	authorityHost: string;
	tenant: Tenant;
	resource: Resource;
	principal: Principal;
	/** When it is issued (epoch seconds on the tenant's clock): default now; earlier for a token a client has held since. */
	issuedAt?: number;
}): Promise<{token: string; expiresIn: number}> {
	const {signer, world, authorityHost, tenant, resource, principal} = input;
	const now = input.issuedAt ?? Math.floor(world.tenantTime(tenant.id) / 1000);
	const v1 = resource.version === 1;
	const issuer = v1 ? `${authorityHost}/${tenant.id}/` : `${authorityHost}/${tenant.id}/v2.0`;
	const clientId =
		principal.kind === 'app'
			? principal.app.appId
			: principal.kind === 'managed-identity'
				? principal.identity.clientId
				: principal.clientAppId;
	const objectId =
		principal.kind === 'app'
			? principal.objectId
			: principal.kind === 'managed-identity'
				? principal.identity.objectId
				: principal.user.objectId;
	const clientAuth =
		principal.kind === 'user' ? '0' : principal.kind === 'app' && principal.credentialType === 'assertion' ? '2' : '1';
	const claims: Record<string, unknown> = {
		aud: resource.audience,
		iss: issuer,
		iat: now - 300,
		nbf: now - 300,
		exp: now + accessTokenLifetime,
		aio: opaque(),
		...(v1 ? {appid: clientId, appidacr: clientAuth} : {azp: clientId, azpacr: clientAuth}),
		...(v1 && principal.kind !== 'user' ? {idp: `${authorityHost}/${tenant.id}/`} : {}),
		...(principal.kind === 'user' ? userClaims(principal.user, principal.scopes, v1) : {idtyp: 'app'}),
		// A user's groups as of this moment: ARM reads them from the token, so a group joined later counts only in a newer one.
		...(principal.kind === 'user' && world.groupsOf(objectId, now * 1000).length > 0
			? {groups: world.groupsOf(objectId, now * 1000)}
			: {}),
		oid: objectId,
		rh: opaque(),
		sub: objectId,
		tid: tenant.id,
		uti: newId().replaceAll('-', '').slice(0, 22),
		ver: v1 ? '1.0' : '2.0',
		...(principal.kind === 'managed-identity'
			? {
					xms_mirid: principal.identity.resourceId,
					...(principal.identity.kind === 'user-assigned' ? {} : {xms_az_rid: principal.identity.resourceId}),
				}
			: {}),
	};
	return {token: await signer.sign(claims, v1 ? {x5t: signer.kid} : {}), expiresIn: accessTokenLifetime};
}

function userClaims(user: User, scopes: readonly string[], v1: boolean) {
	const [givenName = user.displayName, familyName = ''] = user.displayName.split(' ');
	return {
		...(v1
			? {
					acr: '1',
					amr: ['pwd'],
					family_name: familyName,
					given_name: givenName,
					ipaddr: '127.0.0.1',
					name: user.displayName,
					unique_name: user.userPrincipalName,
					upn: user.userPrincipalName,
				}
			: {name: user.displayName, preferred_username: user.userPrincipalName}),
		scp: scopes.length > 0 ? scopes.join(' ') : 'user_impersonation',
	};
}

/** An ID token (v2 form) for a user's sign-in to `clientId`. */
export async function mintIdToken(input: {
	signer: TokenSigner;
	world: World;
	authorityHost: string;
	tenant: Tenant;
	user: User;
	clientId: string;
	nonce?: string;
}): Promise<string> {
	const {signer, world, authorityHost, tenant, user, clientId} = input;
	const now = Math.floor(world.tenantTime(tenant.id) / 1000);
	return signer.sign({
		aud: clientId,
		iss: `${authorityHost}/${tenant.id}/v2.0`,
		iat: now - 300,
		nbf: now - 300,
		exp: now + accessTokenLifetime,
		...(input.nonce ? {nonce: input.nonce} : {}),
		name: user.displayName,
		oid: user.objectId,
		preferred_username: user.userPrincipalName,
		rh: opaque(),
		sub: user.objectId,
		tid: tenant.id,
		uti: newId().replaceAll('-', '').slice(0, 22),
		ver: '2.0',
	});
}

/** Base64url `{"uid","utid"}`: what MSAL builds the account id from. */
export function clientInfo(user: User, tenantId: string): string {
	return Buffer.from(JSON.stringify({uid: user.objectId, utid: tenantId})).toString('base64url');
}

function opaque(): string {
	return Buffer.from(newId().replaceAll('-', ''), 'hex').toString('base64url');
}
