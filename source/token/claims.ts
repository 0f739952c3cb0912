import {formatLocal, formatUtc, isEpochSeconds, relativeTo} from './time.ts';
import {
	authenticationMethods,
	isArmAudience,
	isGuid,
	nameOf,
	wellKnownApplications,
	wellKnownDirectoryRoles,
} from './well-known.ts';

export type TokenKind = 'access' | 'id' | 'unknown';
export type TokenVersion = '1.0' | '2.0' | null;

/** One claim, explained in plain words. `value` is the claim's value exactly as in the token. */
export type ExplainedClaim = {
	readonly claim: string;
	readonly value: unknown;
	readonly meaning: string;
};

export type ExplainContext = {
	readonly nowSeconds: number;
	/** IANA zone for "local" times; the runtime's zone when absent. */
	readonly timeZone?: string;
	readonly kind: TokenKind;
	readonly version: TokenVersion;
};

/** Every claim of the payload, in token order, with what it means. */
export function explainClaims(claims: Readonly<Record<string, unknown>>, context: ExplainContext): ExplainedClaim[] {
	return Object.keys(claims).map(claim => ({
		claim,
		value: claims[claim],
		meaning: explainClaim(claim, claims[claim], context),
	}));
}

/** Every header parameter with what it means. */
export function explainHeader(header: Readonly<Record<string, unknown>>): ExplainedClaim[] {
	return Object.keys(header).map(claim => ({
		claim,
		value: header[claim],
		meaning: lookup(headerMeanings, claim) ?? 'A header parameter Entra does not normally set.',
	}));
}

const headerMeanings: Readonly<Record<string, string>> = {
	typ: 'Type of the token: JWT.',
	alg: 'Signing algorithm. Entra signs with RS256 (RSA with SHA-256).',
	kid: "Key id: which of the issuer's published signing keys signed this token.",
	x5t: 'Thumbprint of the signing certificate (v1 tokens; the same value as kid).',
	nonce:
		'A Microsoft Graph (or SharePoint) nonce: the signature covers a hash of it, so only Graph can validate this token. Do not try to validate it yourself.',
	cty: 'Content type of the payload.',
	crit: 'Header parameters the verifier must understand.',
	jku: 'A URL for the signing keys (Entra does not use it; never trust it blindly).',
	x5c: 'The signing certificate chain.',
};

/** A table lookup that ignores inherited properties (a claim named "constructor" is just data). */
function lookup(table: Readonly<Record<string, string>>, key: unknown): string | undefined {
	const name = String(key);
	return Object.hasOwn(table, name) ? table[name] : undefined;
}

function text(value: unknown): string {
	if (typeof value === 'string') return value;
	return JSON.stringify(value) ?? String(value);
}

function named(value: unknown): string {
	const name = nameOf(value);
	return name ? ` This is ${name}.` : '';
}

function timeMeaning(label: string, value: unknown, context: ExplainContext, phrase: (relative: string) => string) {
	if (!isEpochSeconds(value)) return `${label}: not a valid time (expected seconds since 1970).`;
	const relative = relativeTo(value, context.nowSeconds);
	const utc = formatUtc(value);
	const local = formatLocal(value, context.timeZone);
	return `${label}: ${utc}${local === utc ? '' : ` (local ${local})`}, ${phrase(relative)}.`;
}

type Explainer = (value: unknown, context: ExplainContext) => string;

const explainers: Readonly<Record<string, Explainer>> = {
	aud: (value, context) => {
		if (context.kind === 'id') {
			return `Audience: the client application this ID token was issued to (its application id).${named(value)}`;
		}

		const base = 'Audience: the API this token is for. Only that API may accept it.';
		if (isArmAudience(value)) return `${base} This is Azure Resource Manager: the token can call management APIs.`;
		if (isGuid(value)) {
			return `${base} A GUID: the API's application (client) id.${named(value)}`;
		}

		return `${base}${named(value)}`;
	},
	iss: value => {
		const issuer = text(value);
		if (/^https:\/\/sts\.windows\.net\//i.test(issuer)) {
			return 'Issuer: the Entra tenant that issued the token, in the v1 form (sts.windows.net/{tenant}/).';
		}

		if (/\/v2\.0\/?$/.test(issuer)) {
			return 'Issuer: the Entra tenant that issued the token, in the v2 form ({authority}/{tenant}/v2.0).';
		}

		return 'Issuer: who issued the token.';
	},
	tid: value => {
		const name = nameOf(value);
		return `Tenant id: the directory the user or application signed in to. ARM requires this to be the tenant of the subscription you call.${name ? ` This is ${name}.` : ''}`;
	},
	oid: () =>
		'Object id of the user or service principal in this tenant: the id role assignments (RBAC) are made to. The same across applications in the tenant.',
	sub: () =>
		'Subject: a pairwise id of the principal for this application only. Use oid, not sub, to identify a principal across apps.',
	appid: value => `Application (client) id of the app that asked for the token (v1 claim).${named(value)}`,
	azp: value =>
		`Authorized party: the application (client) id of the app that asked for the token (v2 claim).${named(value)}`,
	appidacr: value => `How the client app authenticated: ${clientAuthentication(value)} (v1 claim).`,
	azpacr: value => `How the client app authenticated: ${clientAuthentication(value)} (v2 claim).`,
	idtyp: value =>
		value === 'app'
			? 'Identity type: app. An app-only token (service principal or managed identity), no user involved.'
			: value === 'user'
				? 'Identity type: user. A delegated token: the app acts for a signed-in user.'
				: `Identity type: ${text(value)}.`,
	scp: value =>
		`Scopes (delegated permissions) the user consented to for this app: ${text(value)}. Present only in user tokens; an API checks these.`,
	roles: value =>
		`App roles granted: ${Array.isArray(value) ? value.join(', ') : text(value)}. In app-only tokens these are the application permissions; in user tokens the user's app roles.`,
	ver: value =>
		value === '1.0'
			? 'Token format version 1.0 (v1): issuer sts.windows.net, aud may be an App ID URI. Decided by the API, not by the endpoint used.'
			: value === '2.0'
				? 'Token format version 2.0 (v2): issuer {authority}/{tenant}/v2.0, aud is the API client id. Decided by the API (accessTokenAcceptedVersion).'
				: `Token format version ${text(value)}.`,
	iat: (value, context) => timeMeaning('Issued at', value, context, relative => `issued ${relative}`),
	nbf: (value, context) =>
		timeMeaning('Not before', value, context, relative =>
			relative.startsWith('in ') ? `not valid yet: becomes valid ${relative}` : `valid since ${relative}`,
		),
	exp: (value, context) =>
		timeMeaning('Expires', value, context, relative =>
			relative.startsWith('in ') ? `expires ${relative}` : `expired ${relative}`,
		),
	auth_time: (value, context) =>
		timeMeaning('When the user last entered credentials', value, context, relative => relative),
	amr: value =>
		`Authentication methods used to sign in: ${
			Array.isArray(value)
				? value
						.map(
							method =>
								`${text(method)}${lookup(authenticationMethods, method) ? ` (${lookup(authenticationMethods, method)})` : ''}`,
						)
						.join(', ')
				: text(value)
		}.`,
	acr: value =>
		value === '0'
			? 'Authentication context class 0: the sign-in did not meet ISO/IEC 29115 requirements (v1 claim).'
			: `Authentication context class reference: ${text(value)} (v1 claim).`,
	acrs: value => `Conditional Access authentication contexts satisfied: ${text(value)}.`,
	upn: () => 'User principal name: the sign-in name of the user (v1 claim; can change, do not use it as an id).',
	unique_name: () => 'A display-friendly user name (v1 claim; can change, do not use it as an id).',
	preferred_username: () => 'The user name to show (v2 claim; can change, do not use it as an id).',
	name: () => "The user's display name.",
	given_name: () => "The user's first name.",
	family_name: () => "The user's last name.",
	email: () => "The user's e-mail address, when one is known (optional claim; unverified unless xms_edov is true).",
	wids: value =>
		`Entra directory roles of the user (role template ids): ${
			Array.isArray(value) ? value.map(id => lookup(wellKnownDirectoryRoles, id) ?? text(id)).join(', ') : text(value)
		}.`,
	groups: value =>
		`Object ids of the groups the principal belongs to${Array.isArray(value) ? ` (${value.length})` : ''}. Above about 200 groups Entra sends an overage claim (_claim_names) instead.`,
	hasgroups: () => 'The user is in too many groups to list in the token; ask Microsoft Graph for them.',
	_claim_names: () => 'Group overage: the groups did not fit in the token; _claim_sources says where to fetch them.',
	_claim_sources: () => 'Where to fetch the claims that did not fit in the token (group overage).',
	uti: () => 'Token identifier (like jti): Microsoft support can trace a token by it.',
	rh: () => 'An internal Entra claim used to revalidate tokens. Opaque; ignore it.',
	aio: () => 'An internal Entra claim. Opaque; ignore it.',
	nonce: () => 'The nonce the client sent when it asked for this ID token; the client checks it to stop replays.',
	at_hash: () => 'Hash of the access token issued with this ID token (lets the client check they belong together).',
	c_hash: () => 'Hash of the authorization code issued with this ID token.',
	ipaddr: () => 'The IP address the user signed in from (v1 claim).',
	onprem_sid: () => "The user's on-premises Active Directory security identifier.",
	pwd_exp: value => `Seconds until the user's password expires: ${text(value)}.`,
	pwd_url: () => 'Where the user can change their password.',
	puid: () => 'An internal Microsoft user id.',
	altsecid: () => 'An alternative security id (guest users from another identity provider).',
	idp: value =>
		`The identity provider that authenticated the user: ${text(value)} (differs from the issuer for guests and federated users).`,
	in_corp: () => 'The user signed in from inside the corporate network.',
	deviceid: () => 'The id of the Entra-registered device the user signed in from.',
	sid: () => 'The sign-in session id (used for sign-out).',
	login_hint: () => 'A hint to sign the same user in again without a prompt.',
	tenant_region_scope: value => `The tenant's region: ${text(value)}.`,
	tenant_ctry: value => `The tenant's country: ${text(value)}.`,
	ctry: value => `The user's country: ${text(value)}.`,
	verified_primary_email: () => "The user's verified primary e-mail addresses.",
	verified_secondary_email: () => "The user's verified secondary e-mail addresses.",
	cnf: () => 'Proof-of-possession confirmation: the token is bound to a key the client holds.',
	xms_cc: value =>
		Array.isArray(value) && value.includes('cp1')
			? 'Client capabilities: cp1, the client handles Continuous Access Evaluation (CAE) challenges. CAE tokens can live 20 to 28 h and are revoked by events (password change, sign-out, IP change).'
			: `Client capabilities the app declared: ${text(value)}.`,
	xms_tcdt: (value, context) =>
		isEpochSeconds(value)
			? `When the tenant was created: ${formatUtc(value)} (${relativeTo(value, context.nowSeconds)}).`
			: 'When the tenant was created.',
	xms_mirid: value => `The managed identity's Azure resource id: ${text(value)}.`,
	xms_az_rid: value =>
		`The Azure resource (e.g. the VM) the managed-identity token was requested from: ${text(value)}.`,
	xms_idrel: () => 'How the user relates to the tenant (member or guest, internal code).',
	xms_pdl: value => `Preferred data location of the user: ${text(value)}.`,
	xms_pl: value => `The user's preferred language: ${text(value)}.`,
	xms_tpl: value => `The tenant's preferred language: ${text(value)}.`,
	xms_edov: value => `Whether the e-mail domain owner is verified: ${text(value)}.`,
	xms_ssm: () => 'An internal Entra claim (single sign-on state). Opaque.',
	xms_ftd: () => 'An internal Entra claim (the region that issued the token). Opaque.',
	xms_rd: () => 'An internal Entra claim. Opaque.',
	xms_act_fct: () => 'An internal Entra claim (actor facets). Opaque.',
	xms_sub_fct: () => 'An internal Entra claim (subject facets). Opaque.',
	jti: () => 'Token id: unique per token.',
	appidacr_hint: () => 'An internal claim.',
	trust_framework_policy: () => 'The Azure AD B2C policy that issued the token.',
	tfp: () => 'The Azure AD B2C policy that issued the token.',
	azure_ad_token_exchange: () => 'A token meant for Entra workload identity federation.',
	repository: value => `The GitHub repository the workflow ran in: ${text(value)} (GitHub Actions OIDC).`,
	job_workflow_ref: value => `The GitHub workflow that asked for this token: ${text(value)}.`,
	environment: value => `The GitHub deployment environment of the job: ${text(value)}.`,
};

function clientAuthentication(value: unknown): string {
	switch (value) {
		case '0': {
			return '0, a public client (no secret or certificate: e.g. the Azure CLI, a desktop or mobile app)';
		}

		case '1': {
			return '1, a client secret';
		}

		case '2': {
			return '2, a certificate or a federated credential (client assertion)';
		}

		default: {
			return text(value);
		}
	}
}

/** What one claim means, in one or two sentences. */
export function explainClaim(claim: string, value: unknown, context: ExplainContext): string {
	if (Object.hasOwn(explainers, claim)) return explainers[claim]!(value, context);
	if (claim.startsWith('xms_')) return 'A Microsoft extension claim (xms_*), set by Entra for its own services.';
	if (Object.hasOwn(wellKnownApplications, String(value).toLowerCase())) {
		return `Not a standard Entra claim (an optional or custom claim).${named(value)}`;
	}

	return 'Not a standard Entra claim (an optional or custom claim, or from another issuer).';
}
