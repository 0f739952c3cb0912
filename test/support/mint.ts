/**
Mints Entra-shaped tokens at test time with jose, so that no real-looking token or private key is
ever committed. Every test that needs a token uses this module.

```ts
const key = await createSigningKey();                       // RS256 key pair, kid = JWK thumbprint
const {token} = await mintToken({key, now});                // v2 delegated access token for an API
const arm = await mintToken({key, version: '1.0', audience: audiences.arm});
const id = await mintToken({key, kind: 'id'});              // ID token (aud = client id, nonce)
const old = await mintToken({key, now, expiresIn: -3600});  // expired an hour ago
const app = await mintToken({key, identity: 'app', roles: ['Data.Read']});
const graph = await mintToken({key, audience: audiences.graph, graphNonce: true}); // unverifiable by design
const custom = await mintToken({key, claims: {tid: undefined, xms_cc: ['cp1']}}); // undefined removes a claim
```

Times are seconds since the epoch, computed from `now` (milliseconds, default `Date.now()`).
*/
import {createHash, randomBytes, randomUUID} from 'node:crypto';
import {base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT} from 'jose';

export type SigningKey = {
	readonly kid: string;
	readonly privateKey: CryptoKey;
	/** The public JWK as a JWKS publishes it: kty, n, e, kid, x5t (= kid), use, alg. */
	readonly publicJwk: JWK;
};

/** Creates an RS256 key pair whose `kid` (and `x5t`) is its JWK thumbprint, as Entra's keys have. */
export async function createSigningKey(options: {kid?: string} = {}): Promise<SigningKey> {
	const {privateKey, publicKey} = await generateKeyPair('RS256', {extractable: true});
	const jwk = await exportJWK(publicKey);
	const kid = options.kid ?? (await calculateJwkThumbprint(jwk));
	return {kid, privateKey, publicJwk: {...jwk, kid, x5t: kid, use: 'sig', alg: 'RS256'}};
}

/** A JWKS document for the given keys, as `GET …/discovery/v2.0/keys` returns it. */
export function jwksFor(keys: readonly SigningKey[], issuer?: string): {keys: JWK[]} {
	return {keys: keys.map(key => ({...key.publicJwk, ...(issuer ? {issuer} : {})}))};
}

/** Well-known values for tests. */
export const wellKnown = {
	azureCliClientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
	graphAppId: '00000003-0000-0000-c000-000000000000',
	msaTenantId: '9188040d-6c67-4c5b-b112-36a304b66dad',
} as const;

export const audiences = {
	arm: 'https://management.core.windows.net/',
	armAzure: 'https://management.azure.com',
	graph: 'https://graph.microsoft.com',
	/** A custom API's App ID URI. */
	api: 'api://contoso-orders',
	/** A custom API's client id (what v2 access tokens carry as `aud`). */
	apiGuid: '6e1f3c2a-95d4-4c5e-9f0a-1b2c3d4e5f60',
} as const;

export type MintOptions = {
	readonly key?: SigningKey;
	/** Token format: `2.0` (default) or `1.0`. */
	readonly version?: '1.0' | '2.0';
	/** `access` (default) or `id`. */
	readonly kind?: 'access' | 'id';
	/** `user` (delegated, default) or `app` (app-only: client credentials, managed identity). */
	readonly identity?: 'user' | 'app';
	/** Milliseconds since the epoch; default `Date.now()`. */
	readonly now?: number;
	/** Seconds from `now` to `exp` (negative: already expired). Default 3600. */
	readonly expiresIn?: number;
	/** Seconds from `now` to `nbf` (positive: not yet valid). Default -300. */
	readonly notBeforeIn?: number;
	/** Seconds from `now` to `iat`. Default -300. */
	readonly issuedAtIn?: number;
	readonly tenantId?: string;
	/** The client app (appid / azp, or the ID token's aud). Default: the Azure CLI's client id. */
	readonly clientId?: string;
	/** Access-token audience. Default: `audiences.apiGuid` (v2) or `audiences.arm` (v1). */
	readonly audience?: string;
	/** Authority host for the issuer, default `https://login.microsoftonline.com` (v1: sts.windows.net). */
	readonly issuer?: string;
	readonly scopes?: string;
	readonly roles?: readonly string[];
	/** Extra or replaced claims; a value of `undefined` removes the claim. */
	readonly claims?: Readonly<Record<string, unknown>>;
	/** Extra or replaced header parameters; `undefined` removes one. */
	readonly header?: Readonly<Record<string, unknown>>;
	/**
	A Graph-style header `nonce`: like Entra, the signature covers the SHA-256 of the nonce while the
	header carries the nonce itself, so standard libraries cannot verify the result.
	*/
	readonly graphNonce?: boolean;
	/** Signing algorithm header; default RS256. */
	readonly alg?: string;
};

export type MintedToken = {
	readonly token: string;
	readonly header: Record<string, unknown>;
	readonly claims: Record<string, unknown>;
	readonly key: SigningKey;
};

let sharedKey: Promise<SigningKey> | undefined;

/** Mints a signed token; see the module comment for examples. */
export async function mintToken(options: MintOptions = {}): Promise<MintedToken> {
	sharedKey ??= createSigningKey();
	const key = options.key ?? (await sharedKey);
	const version = options.version ?? '2.0';
	const kind = options.kind ?? 'access';
	const identity = options.identity ?? 'user';
	const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
	const tenantId = options.tenantId ?? '72f0a8c1-3b5e-4d6f-8a9b-0c1d2e3f4a5b';
	const clientId = options.clientId ?? '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
	const objectId = '3a4b5c6d-7e8f-4901-a2b3-c4d5e6f70819';
	const issuer =
		version === '1.0'
			? `${options.issuer ?? 'https://sts.windows.net'}/${tenantId}/`
			: `${options.issuer ?? 'https://login.microsoftonline.com'}/${tenantId}/v2.0`;
	const times = {
		iat: nowSeconds + (options.issuedAtIn ?? -300),
		nbf: nowSeconds + (options.notBeforeIn ?? -300),
		exp: nowSeconds + (options.expiresIn ?? 3600),
	};
	const opaque = (bytes: number) => base64url.encode(randomBytes(bytes));
	const user =
		identity === 'user'
			? version === '1.0'
				? {
						amr: ['pwd', 'mfa'],
						family_name: 'Doe',
						given_name: 'Alex',
						ipaddr: '203.0.113.7',
						name: 'Alex Doe',
						unique_name: 'alex@contoso.example',
						upn: 'alex@contoso.example',
					}
				: {name: 'Alex Doe', preferred_username: 'alex@contoso.example'}
			: {};
	let claims: Record<string, unknown>;
	if (kind === 'id') {
		claims = {
			aud: clientId,
			iss: issuer,
			...times,
			aio: opaque(48),
			...user,
			nonce: opaque(16),
			oid: objectId,
			rh: `0.${opaque(40)}`,
			sub: opaque(32),
			tid: tenantId,
			uti: opaque(16),
			ver: version,
		};
	} else {
		const audience = options.audience ?? (version === '1.0' ? audiences.arm : audiences.apiGuid);
		const client =
			version === '1.0'
				? {appid: clientId, appidacr: identity === 'app' ? '1' : '0'}
				: {azp: clientId, azpacr: identity === 'app' ? '1' : '0'};
		const grant =
			identity === 'app'
				? {idtyp: 'app', ...(options.roles ? {roles: [...options.roles]} : {})}
				: {scp: options.scopes ?? 'user_impersonation', ...(options.roles ? {roles: [...options.roles]} : {})};
		claims = {
			aud: audience,
			iss: issuer,
			...times,
			...(version === '1.0' && identity === 'user' ? {acr: '1'} : {}),
			aio: opaque(48),
			...client,
			...user,
			...grant,
			oid: objectId,
			rh: `0.${opaque(40)}`,
			sub: identity === 'app' ? objectId : opaque(32),
			tid: tenantId,
			uti: opaque(16),
			ver: version,
			xms_tcdt: 1_600_000_000,
		};
	}

	for (const [name, value] of Object.entries(options.claims ?? {})) {
		if (value === undefined) delete claims[name];
		else claims[name] = value;
	}

	const header: Record<string, unknown> = {
		typ: 'JWT',
		alg: options.alg ?? 'RS256',
		...(version === '1.0' ? {x5t: key.kid} : {}),
		kid: key.kid,
	};
	const nonce = options.graphNonce ? opaque(64) : undefined;
	if (nonce) header.nonce = createHash('sha256').update(nonce).digest('base64url');
	for (const [name, value] of Object.entries(options.header ?? {})) {
		if (value === undefined) delete header[name];
		else header[name] = value;
	}

	let token = await new SignJWT(claims as JWTPayload)
		.setProtectedHeader({...header, alg: 'RS256'} as {alg: string})
		.sign(key.privateKey);
	if (nonce || header.alg !== 'RS256') {
		// Present what Entra presents: the header with the raw nonce (or a header whose alg differs
		// from the one that signed it); the signature still covers the original header.
		if (nonce) header.nonce = nonce;
		const [, payload, signature] = token.split('.');
		token = `${base64url.encode(JSON.stringify(header))}.${payload}.${signature}`;
	}

	return {token, header, claims, key};
}

/** Builds an unsigned compact JWS from any header and payload (for malformed-input tests). */
export function unsignedToken(header: unknown, payload: unknown, signature = ''): string {
	const encode = (value: unknown) => base64url.encode(typeof value === 'string' ? value : JSON.stringify(value));
	return `${encode(header)}.${encode(payload)}.${signature}`;
}

/** A random GUID, for tests that need distinct tenants or clients. */
export const guid = (): string => randomUUID();
