import {type ExplainedClaim, explainClaims, explainHeader, type TokenKind, type TokenVersion} from './claims.ts';
import type {DecodedJwt} from './jwt.ts';
import {formatDuration, formatUtc, isEpochSeconds, relativeTo} from './time.ts';
import {entraAuthorityAliases, isArmAudience, isGuid, nameOf} from './well-known.ts';

const msaTenantId = '9188040d-6c67-4c5b-b112-36a304b66dad';

export type {TokenKind, TokenVersion} from './claims.ts';

export type TokenFindingSeverity = 'error' | 'warning' | 'info';

/**
What decode found. Ids are stable (scripts rely on them): `expired`, `expiring-soon`,
`not-yet-valid`, `clock-skew`, `no-expiry`, `id-token`, `v1-token`, `graph-nonce`, `audience-guid`,
`no-scopes-or-roles`, `app-only`, `managed-identity`, `federation-audience`, `msa-tenant`, `cae`,
`issuer-tenant-mismatch`, `unsigned`, `signature-removed`, `not-entra`.
*/
export type TokenFinding = {
	readonly id: string;
	readonly severity: TokenFindingSeverity;
	readonly message: string;
};

export type TokenAnalysis = {
	readonly header: Readonly<Record<string, unknown>>;
	readonly claims: Readonly<Record<string, unknown>>;
	readonly kind: TokenKind;
	readonly version: TokenVersion;
	readonly explained: readonly ExplainedClaim[];
	readonly explainedHeader: readonly ExplainedClaim[];
	/** Most severe first. */
	readonly findings: readonly TokenFinding[];
	readonly fingerprint: string;
	/** The time the analysis was made for, epoch seconds. */
	readonly nowSeconds: number;
};

export type AnalyzeOptions = {
	/** Epoch milliseconds: time is an input. */
	readonly now: number;
	/** IANA zone for local times; the runtime's zone when absent. */
	readonly timeZone?: string;
};

/** Clock skew Entra and most APIs tolerate. */
export const allowedSkewSeconds = 300;

const entraHosts = new Set(Object.values(entraAuthorityAliases).flat());

const has = (record: Readonly<Record<string, unknown>>, name: string) =>
	Object.hasOwn(record, name) && record[name] !== undefined && record[name] !== null;

function issuerHost(claims: Readonly<Record<string, unknown>>): string | undefined {
	if (typeof claims.iss !== 'string') return undefined;
	try {
		return new URL(claims.iss).hostname.toLowerCase();
	} catch {
		return undefined;
	}
}

/** True when the token looks issued by Microsoft Entra (a known authority, or Entra's claim set). */
export function isEntraToken(claims: Readonly<Record<string, unknown>>): boolean {
	const host = issuerHost(claims);
	if (host !== undefined && entraHosts.has(host)) return true;
	return has(claims, 'tid') && (has(claims, 'ver') || has(claims, 'appid') || has(claims, 'azp'));
}

/** Access token, ID token, or unknown (not Entra-shaped). */
export function tokenKind(
	header: Readonly<Record<string, unknown>>,
	claims: Readonly<Record<string, unknown>>,
): TokenKind {
	if (typeof header.typ === 'string' && header.typ.toLowerCase() === 'at+jwt') return 'access';
	const accessMarkers = ['appid', 'azp', 'scp', 'idtyp', 'appidacr', 'azpacr'];
	if (isEntraToken(claims)) {
		if (accessMarkers.some(name => has(claims, name))) return 'access';
		return has(claims, 'aud') ? 'id' : 'unknown';
	}

	if (has(claims, 'at_hash') || has(claims, 'c_hash') || has(claims, 'nonce')) return 'id';
	if (has(claims, 'scp') || has(claims, 'appid') || has(claims, 'azp')) return 'access';
	return 'unknown';
}

/** `1.0`, `2.0` or null, from `ver` or else from the issuer's form. */
export function tokenVersion(claims: Readonly<Record<string, unknown>>): TokenVersion {
	if (claims.ver === '1.0' || claims.ver === '2.0') return claims.ver;
	if (typeof claims.iss === 'string') {
		if (/^https:\/\/sts\.(windows\.net|chinacloudapi\.cn)\//i.test(claims.iss)) return '1.0';
		if (/\/v2\.0\/?$/.test(claims.iss)) return '2.0';
	}

	return null;
}

/** Decodes nothing, fetches nothing: explains a decoded token and lists what is wrong with it. */
export function analyzeToken(decoded: DecodedJwt, options: AnalyzeOptions): TokenAnalysis {
	const {header, claims} = decoded;
	const kind = tokenKind(header, claims);
	const version = tokenVersion(claims);
	const nowSeconds = Math.floor(options.now / 1000);
	const context = {nowSeconds, kind, version, ...(options.timeZone ? {timeZone: options.timeZone} : {})};
	return {
		header,
		claims,
		kind,
		version,
		explained: explainClaims(claims, context),
		explainedHeader: explainHeader(header),
		findings: sortFindings(findingsFor(decoded, kind, version, nowSeconds)),
		fingerprint: decoded.fingerprint,
		nowSeconds,
	};
}

const severityOrder: Record<TokenFindingSeverity, number> = {error: 0, warning: 1, info: 2};

function sortFindings(findings: TokenFinding[]): TokenFinding[] {
	return findings
		.map((finding, index) => ({finding, index}))
		.sort((a, b) => severityOrder[a.finding.severity] - severityOrder[b.finding.severity] || a.index - b.index)
		.map(({finding}) => finding);
}

function findingsFor(decoded: DecodedJwt, kind: TokenKind, version: TokenVersion, now: number): TokenFinding[] {
	const {header, claims} = decoded;
	const findings: TokenFinding[] = [];
	const add = (id: string, severity: TokenFindingSeverity, message: string) => findings.push({id, severity, message});
	const entra = isEntraToken(claims);
	const audience = claims.aud;
	const audienceName = nameOf(audience);
	const describeAudience = `${typeof audience === 'string' ? audience : JSON.stringify(audience)}${audienceName ? ` (${audienceName})` : ''}`;

	if (typeof header.alg === 'string' && header.alg.toLowerCase() === 'none') {
		add('unsigned', 'error', 'The token is unsigned (alg "none"): no API accepts it and anyone could have written it.');
	} else if (decoded.signatureMissing) {
		add(
			'signature-removed',
			'info',
			'The signature part is empty (removed before pasting?). Decoding works; --verify cannot check it.',
		);
	}

	if (kind === 'id') {
		add(
			'id-token',
			'error',
			`This is an ID token (it proves a sign-in to the app ${describeAudience}), not an access token. APIs such as ARM and Microsoft Graph reject it. Ask for an access token for the API instead, e.g. \`az account get-access-token --resource https://management.azure.com/\`.`,
		);
	}

	if (isEpochSeconds(claims.exp)) {
		if (claims.exp <= now) {
			add(
				'expired',
				'error',
				`Expired ${relativeTo(claims.exp, now)} (${formatUtc(claims.exp)}). Get a fresh token: a token cached or copied past its lifetime is the usual cause.`,
			);
		} else if (claims.exp - now < allowedSkewSeconds) {
			add(
				'expiring-soon',
				'warning',
				`Expires ${relativeTo(claims.exp, now)}: a long call or a clock difference can make it fail. Get a fresh token before a long operation.`,
			);
		}
	} else {
		add(
			'no-expiry',
			'warning',
			has(claims, 'exp')
				? 'The exp claim is not a valid time.'
				: 'No exp (expiry) claim: Entra always sets one, so this token was not issued by Entra or was altered.',
		);
	}

	if (isEpochSeconds(claims.nbf) && claims.nbf > now) {
		const ahead = claims.nbf - now;
		add(
			'not-yet-valid',
			ahead > allowedSkewSeconds ? 'error' : 'warning',
			`Not valid until ${formatUtc(claims.nbf)} (${relativeTo(claims.nbf, now)}). Either this machine's clock is behind or the token was made for later; APIs reject it until then${ahead <= allowedSkewSeconds ? ' unless they allow 5 min of clock skew, as most do' : ''}.`,
		);
	}

	if (isEpochSeconds(claims.iat) && claims.iat - now > 60) {
		add(
			'clock-skew',
			'warning',
			`Issued ${formatDuration(claims.iat - now)} in the future by this machine's clock: the clock is probably behind by about that much. Entra and most APIs allow 5 min of skew; sync the clock (timedatectl, w32tm /resync).`,
		);
	}

	if (version === '1.0' && entra) {
		add(
			'v1-token',
			'info',
			kind === 'id'
				? 'A v1 ID token: it came from the v1 endpoint (/oauth2/authorize or /oauth2/token).'
				: `A v1 access token (issuer https://sts.windows.net/{tenant}/). The API decides the format (accessTokenAcceptedVersion in its manifest), not the endpoint you used; an API that expects v2 issuers ({authority}/{tenant}/v2.0) rejects v1 tokens.`,
		);
	}

	if (typeof header.nonce === 'string') {
		const isGraph =
			audienceName?.startsWith('Microsoft Graph') === true || audience === '00000003-0000-0000-c000-000000000000';
		add(
			'graph-nonce',
			isGraph ? 'info' : 'warning',
			isGraph
				? "A Microsoft Graph token with a nonce in its header: by design only Graph can validate its signature, so a signature check by anyone else fails. If your own API receives it, the client asked for a Graph scope (e.g. User.Read) instead of your API's scope (api://{your-api}/.default)."
				: 'The header carries a nonce, as Microsoft Graph tokens do: by design only the intended Microsoft API can validate its signature.',
		);
	}

	if (kind === 'access' && entra) {
		if (version === '1.0' && isGuid(audience) && !isArmAudience(audience)) {
			add(
				'audience-guid',
				'info',
				`The audience is a GUID, ${describeAudience}. v1 tokens carry the App ID URI when the resource was requested by URI and the GUID when requested by id: an API that compares aud with its App ID URI rejects this token.`,
			);
		}

		const hasScopes = has(claims, 'scp');
		const hasRoles = Array.isArray(claims.roles) ? claims.roles.length > 0 : has(claims, 'roles');
		const appOnly = claims.idtyp === 'app' || (!hasScopes && !has(claims, 'upn') && !has(claims, 'preferred_username'));
		if (appOnly) {
			const client = claims.appid ?? claims.azp;
			const clientName = nameOf(client);
			add(
				'app-only',
				'info',
				`An app-only token: the service principal or managed identity${typeof client === 'string' ? ` ${client}` : ''}${clientName ? ` (${clientName})` : ''} acting as itself, no user.`,
			);
		}

		if (!hasScopes && !hasRoles) {
			const rbacApi =
				isArmAudience(audience) ||
				/^https:\/\/[a-z0-9.-]*\.(azure\.net|azure\.com|windows\.net|usgovcloudapi\.net|chinacloudapi\.cn|azure\.us|azure\.cn)\/?$/i.test(
					String(audience),
				);
			if (!rbacApi) {
				add(
					'no-scopes-or-roles',
					'warning',
					`No scp (delegated scopes) and no roles (application permissions): APIs that check permissions (Microsoft Graph, most custom APIs) answer 403. Grant the app the API's application permissions and admin consent, then get a new token. (Azure Resource Manager and other RBAC-based Azure APIs do not need them.)`,
				);
			}
		}
	}

	if (has(claims, 'xms_mirid') || has(claims, 'xms_az_rid')) {
		add('managed-identity', 'info', 'A managed-identity token (it names the Azure resource it was issued to).');
	}

	if (typeof audience === 'string' && audience.toLowerCase() === 'api://azureadtokenexchange') {
		add(
			'federation-audience',
			'info',
			'The audience api://AzureADTokenExchange: this token is meant to be exchanged at Entra (a client assertion for workload identity federation), not to call an API.',
		);
	}

	if (typeof claims.tid === 'string' && claims.tid.toLowerCase() === msaTenantId) {
		add(
			'msa-tenant',
			'warning',
			'Signed in with a personal Microsoft account (tenant 9188040d-…): Azure subscriptions live in an organisation tenant. Sign in to that tenant (az login --tenant {tenant-id}).',
		);
	}

	if (Array.isArray(claims.xms_cc) && claims.xms_cc.includes('cp1')) {
		add(
			'cae',
			'info',
			'A Continuous Access Evaluation (CAE) capable token: it can live up to 28 h but is revoked on critical events. A 401 with error="insufficient_claims" means: get a new token with the claims challenge.',
		);
	}

	if (entra && typeof claims.tid === 'string' && typeof claims.iss === 'string') {
		const issuerTenant = /^https:\/\/[^/]+\/([^/]+)/.exec(claims.iss)?.[1];
		if (isGuid(issuerTenant) && issuerTenant.toLowerCase() !== claims.tid.toLowerCase()) {
			add(
				'issuer-tenant-mismatch',
				'warning',
				`The issuer names tenant ${issuerTenant} but tid is ${claims.tid}: the token was altered, or not issued by Entra.`,
			);
		}
	}

	if (!entra) {
		add(
			'not-entra',
			'info',
			`The issuer ${typeof claims.iss === 'string' ? claims.iss : '(none)'} is not Microsoft Entra: the explanations of Entra claims may not apply.`,
		);
	}

	return findings;
}
