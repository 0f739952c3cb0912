/**
The one network edge of token analysis: checks a token's signature against its issuer's published
keys (OIDC metadata, then the JWKS it names) with jose. All network access goes through the
injected `fetch`, and only to the authority host of a known cloud: an issuer elsewhere is refused
before any connection is made, because fetching keys from wherever a pasted token points would let
the token choose who we talk to.
*/
import {compactVerify, createRemoteJWKSet, customFetch} from 'jose';
import {builtInClouds} from '../cloud/cloud.ts';
import {describeFetchError} from '../cloud/resolve.ts';
import {entraAuthorityAliases} from './well-known.ts';

export type SignatureResult = {
	/** true: the issuer's key signed it; false: it did not (or it is unsigned); null: not checked. */
	readonly verified: boolean | null;
	readonly reason: string;
	/** Not checked because the issuer's metadata or keys could not be read (a network failure, a timeout). */
	readonly unreachable?: true;
};

export type VerifyOptions = {
	/** The compact token (as decodeJwt accepted it, after extractToken). */
	readonly token: string;
	readonly header: Readonly<Record<string, unknown>>;
	readonly claims: Readonly<Record<string, unknown>>;
	/**
	Authority hosts to trust besides the built-in clouds', e.g. the `--cloud` in force
	(`https://127.0.0.1:8443`). Compared by origin: scheme, host and port.
	*/
	readonly extraAuthorityHosts: readonly string[];
	/** The built-in clouds whose authorities are trusted (by name); default: all of them. */
	readonly builtInClouds?: readonly string[];
	readonly fetch: typeof globalThis.fetch;
	/** Bounds the whole check (metadata and keys). */
	readonly timeoutMs: number;
	readonly signal?: AbortSignal;
};

const asymmetricAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
const maxMetadataBytes = 1024 * 1024;

export type Discovery =
	| {readonly ok: true; readonly authority: string; readonly tenant: string; readonly metadataUrl: string}
	| {readonly ok: false; readonly reason: string};

/**
Where to read the issuer's OIDC metadata, or why not. v1 issuers `https://sts.windows.net/{tid}/`
map to `https://login.microsoftonline.com/{tid}/.well-known/openid-configuration`, v2 issuers
`{authority}/{tid}/v2.0` to `{authority}/{tid}/v2.0/.well-known/openid-configuration`.
*/
export function discoveryFor(
	issuer: unknown,
	extraAuthorityHosts: readonly string[],
	trustedBuiltIns?: readonly string[],
): Discovery {
	if (typeof issuer !== 'string' || issuer === '') return {ok: false, reason: 'the token has no issuer (iss)'};
	let url: URL;
	try {
		url = new URL(issuer);
	} catch {
		return {ok: false, reason: 'the issuer (iss) is not a URL'};
	}

	const authority = authorityFor(url, extraAuthorityHosts, trustedBuiltIns);
	if (authority === undefined) {
		return {
			ok: false,
			reason: `issuer host ${url.host} is not a known Entra authority (built-in clouds, or the cloud chosen with --cloud/AUTHFIX_CLOUD): no keys were fetched`,
		};
	}

	const base = new URL(authority);
	const basePath = base.pathname.replace(/\/+$/, '');
	const relative =
		url.origin === base.origin && url.pathname.startsWith(`${basePath}/`)
			? url.pathname.slice(basePath.length + 1)
			: url.pathname.slice(1);
	const match = /^([A-Za-z0-9.-]+)\/(v2\.0\/?)?$/.exec(relative);
	if (!match)
		return {ok: false, reason: `the issuer ${issuer} does not have the form {authority}/{tenant}/v2.0 or …/{tenant}/`};
	const tenant = match[1]!;
	const metadataUrl = `${authority}/${tenant}/${match[2] ? 'v2.0/' : ''}.well-known/openid-configuration`;
	return {ok: true, authority, tenant, metadataUrl};
}

function authorityFor(
	url: URL,
	extraAuthorityHosts: readonly string[],
	trustedBuiltIns?: readonly string[],
): string | undefined {
	for (const extra of extraAuthorityHosts) {
		try {
			const extraUrl = new URL(extra);
			if (extraUrl.protocol === 'https:' && extraUrl.origin === url.origin) return extra.replace(/\/+$/, '');
		} catch {}
	}

	if (url.protocol !== 'https:' || url.port !== '') return undefined;
	const host = url.hostname.toLowerCase();
	for (const cloud of builtInClouds) {
		if (trustedBuiltIns && !trustedBuiltIns.includes(cloud.name)) continue;
		if (entraAuthorityAliases[cloud.name]?.includes(host) || new URL(cloud.authorityHost).hostname === host) {
			return cloud.authorityHost;
		}
	}

	return undefined;
}

function isAllowedOrigin(
	target: URL,
	authority: string,
	extraAuthorityHosts: readonly string[],
	trustedBuiltIns?: readonly string[],
): boolean {
	return (
		authorityFor(target, extraAuthorityHosts, trustedBuiltIns) !== undefined ||
		target.origin === new URL(authority).origin
	);
}

/**
Verifies the signature only (expiry and the rest are decode's findings). Never throws: a check that
cannot run answers `verified: null` with the reason.
*/
export async function verifySignature(options: VerifyOptions): Promise<SignatureResult> {
	const {header, claims} = options;
	const alg = typeof header.alg === 'string' ? header.alg : '';
	if (alg.toLowerCase() === 'none') return {verified: false, reason: 'the token is unsigned (alg "none")'};
	if (options.token.endsWith('.')) return {verified: null, reason: 'the signature part is empty: nothing to verify'};
	if (typeof header.nonce === 'string') {
		return {
			verified: null,
			reason:
				'the header carries a nonce (a Microsoft Graph token): by design only Graph can validate its signature, so no check was made',
		};
	}

	if (!asymmetricAlgorithms.includes(alg)) {
		return {
			verified: null,
			reason: `the algorithm ${alg.slice(0, 20)} is not one Entra signs with: it cannot be checked against published keys`,
		};
	}

	const discovery = discoveryFor(claims.iss, options.extraAuthorityHosts, options.builtInClouds);
	if (!discovery.ok) return {verified: null, reason: discovery.reason};

	const deadline = AbortSignal.timeout(options.timeoutMs);
	const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
	const timeoutText = `timed out after ${formatSeconds(options.timeoutMs)}`;
	let metadata: Record<string, unknown>;
	try {
		const response = await options.fetch(discovery.metadataUrl, {
			headers: {accept: 'application/json'},
			redirect: 'manual',
			signal,
		});
		if (response.status !== 200) {
			return {
				verified: null,
				reason: `the issuer's metadata (${discovery.metadataUrl}) answered HTTP ${response.status}`,
				unreachable: true,
			};
		}

		const body = await response.text();
		if (body.length > maxMetadataBytes) return {verified: null, reason: "the issuer's metadata is too large"};
		const parsed: unknown = JSON.parse(body);
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('not an object');
		metadata = parsed as Record<string, unknown>;
	} catch (error) {
		if (error instanceof SyntaxError) return {verified: null, reason: "the issuer's metadata is not a JSON object"};
		const why = signal.aborted ? timeoutText : describeFetchError(error);
		return {
			verified: null,
			reason: `could not read the issuer's metadata from ${discovery.metadataUrl}: ${why}`,
			unreachable: true,
		};
	}

	const advertised = typeof metadata.issuer === 'string' ? metadata.issuer.replace('{tenantid}', discovery.tenant) : '';
	if (trimSlash(advertised) !== trimSlash(String(claims.iss))) {
		return {
			verified: null,
			reason: `the issuer's metadata names the issuer ${advertised.slice(0, 200) || '(none)'}, not the token's ${String(claims.iss)}`,
		};
	}

	let jwksUrl: URL;
	try {
		jwksUrl = new URL(String(metadata.jwks_uri));
	} catch {
		return {verified: null, reason: "the issuer's metadata has no valid jwks_uri"};
	}

	if (
		jwksUrl.protocol !== 'https:' ||
		!isAllowedOrigin(jwksUrl, discovery.authority, options.extraAuthorityHosts, options.builtInClouds)
	) {
		return {verified: null, reason: `the issuer's keys are on ${jwksUrl.host}, which is not a known Entra authority`};
	}

	const jwks = createRemoteJWKSet(jwksUrl, {
		timeoutDuration: options.timeoutMs,
		cooldownDuration: 0,
		[customFetch]: (url: string, init: RequestInit) =>
			options.fetch(url, {...init, signal: init.signal ? AbortSignal.any([init.signal, signal]) : signal}),
	});
	try {
		await compactVerify(options.token, jwks, {algorithms: asymmetricAlgorithms});
		const kid = typeof header.kid === 'string' ? ` ${header.kid.slice(0, 80)}` : '';
		return {verified: true, reason: `signed by the issuer's key${kid} (${jwksUrl.href})`};
	} catch (error) {
		const code = (error as {code?: string}).code;
		switch (code) {
			case 'ERR_JWKS_NO_MATCHING_KEY': {
				return {
					verified: false,
					reason: `no key with kid ${typeof header.kid === 'string' ? header.kid.slice(0, 80) : '(none)'} among the issuer's keys: the token was not signed by this issuer (another cloud or tenant, a test issuer, or a forged token), or the key was retired long ago`,
				};
			}

			case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED': {
				return {
					verified: false,
					reason: "the signature does not match the issuer's key: the token was altered or signed by someone else",
				};
			}

			case 'ERR_JWKS_TIMEOUT': {
				return {
					verified: null,
					reason: `could not read the issuer's keys from ${jwksUrl.href}: ${timeoutText}`,
					unreachable: true,
				};
			}

			case 'ERR_JOSE_ALG_NOT_ALLOWED':
			case 'ERR_JWS_INVALID':
			case 'ERR_JOSE_NOT_SUPPORTED': {
				return {verified: false, reason: `the token cannot be verified: ${(error as Error).message}`};
			}

			default: {
				const why = signal.aborted ? timeoutText : describeFetchError(error);
				return {
					verified: null,
					reason: `could not read the issuer's keys from ${jwksUrl.href}: ${why}`,
					unreachable: true,
				};
			}
		}
	}
}

function trimSlash(text: string): string {
	return text.replace(/\/+$/, '');
}

function formatSeconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}
