/**
Facts a pasted error reveals: which tenant issued the token and which tenant owns the
subscription (told apart), the authority to use, ids (subscription, client, object), trace,
correlation and request ids, timestamp, issuer, audiences, resource. Values are as the text shows
them, cleaned of control characters; masked values (`***`, `XXXX`, `<tenant-id>`) are left out.
*/
import {decodeJwt} from '../token/jwt.ts';
import {nameOf} from '../token/well-known.ts';
import {stripTerminalEscapes} from './normalize.ts';

export type Entities = {
	tokenTenant?: string;
	/** `sha256:…` of a JWT found in the paste: how output names it (the token itself is never kept). */
	tokenFingerprint?: string;
	/** The pasted token's expiry, ISO 8601 UTC. */
	tokenExpires?: string;
	subscriptionTenant?: string;
	tenantId?: string;
	/** The tenant's display name when the text carries it ('does not exist in tenant 'Contoso''). */
	tenantName?: string;
	authority?: string;
	subscriptionId?: string;
	linkedSubscriptionId?: string;
	clientId?: string;
	/** The client's name: a first-party app's (token/well-known.ts), else the name the text gives beside the id. */
	clientName?: string;
	objectId?: string;
	traceId?: string;
	correlationId?: string;
	requestId?: string;
	timestamp?: string;
	issuer?: string;
	audience?: string;
	audienceName?: string;
	expectedAudience?: string;
	expectedAudienceName?: string;
	resource?: string;
	resourceName?: string;
	subject?: string;
	action?: string;
	scope?: string;
	httpStatus?: string;
	replyUrl?: string;
	thumbprint?: string;
};

export type EntityName = keyof Entities;

const guid = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const guidOnly = new RegExp(`^${guid}$`);
const domain = String.raw`[a-zA-Z0-9][a-zA-Z0-9-]{0,62}(?:\.[a-zA-Z0-9-]{1,63}){1,6}`;
const tenantValue = new RegExp(`^(?:${guid}|${domain})$`);

/** A value a person could paste into a command: not masked, not a placeholder. */
export function isUsable(value: string): boolean {
	if (value.length === 0 || value.length > 300) return false;
	if (
		/^[-_.:]|[*<>{}[\]]|x{4,}|\.\.\.|…|\(null\)|redacted|removed|hidden|your[-_ ]|enter_the|^null$|^undefined$/i.test(
			value,
		)
	)
		return false;
	if (/^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(value)) return false;
	return true;
}

function isTenant(value: string): boolean {
	return isUsable(value) && tenantValue.test(value) && !/^(?:common|organizations|consumers)$/i.test(value);
}

/** Token claims reach here raw: escape sequences, controls and bidirectional overrides go as in the text. */
function clean(value: string): string {
	return stripTerminalEscapes(value)
		.trim()
		.replace(/[.,;)\]]+$/, '');
}

type Rule = {
	readonly name: EntityName;
	readonly pattern: RegExp;
	/** Accept only values passing this test. */
	readonly accept?: (value: string) => boolean;
	/** Turn the match into the value. */
	readonly map?: (value: string) => string | undefined;
};

const tenantOfUrl = (url: string) => {
	const match = new RegExp(`(${guid})`).exec(url) ?? /^https?:\/\/[^/]+\/([^/\s'"]+)/.exec(url);
	const value = match?.[1];
	return value && isTenant(value) ? value : undefined;
};

const q = `['"\u2018\u2019]`;
const notQ = `[^'"\u2018\u2019\\s]`;

/** Ordered: the first rule that yields a usable value for a name wins. */
const rules: readonly Rule[] = [
	// ARM InvalidAuthenticationTokenTenant: the token's tenant and the subscription's tenant.
	{
		name: 'tokenTenant',
		pattern: new RegExp(`(?:wrong|incorrect|invalid|unexpected) issuer ${q}(${notQ}+)${q}`, 'i'),
		map: tenantOfUrl,
	},
	{name: 'issuer', pattern: new RegExp(`wrong issuer ${q}(${notQ}+)${q}`, 'i')},
	{
		name: 'subscriptionTenant',
		pattern: new RegExp(`match(?: with)? (?:the tenant|tenant|one of the tenants) ${q}(${notQ}+)${q}`, 'i'),
		map: tenantOfUrl,
	},
	{name: 'authority', pattern: new RegExp(`authority \\(url\\) ${q}(${notQ}+)${q}`, 'i')},
	{name: 'subscriptionTenant', pattern: new RegExp(`authority \\(url\\) ${q}(${notQ}+)${q}`, 'i'), map: tenantOfUrl},
	// Subscriptions.
	{name: 'linkedSubscriptionId', pattern: new RegExp(`linked subscription ${q}?(${guid})`, 'i')},
	{name: 'subscriptionId', pattern: new RegExp(`/subscriptions/(${guid})`, 'i')},
	{name: 'subscriptionId', pattern: new RegExp(`(?<!linked )subscription(?: id)?\\s*(?:of )?${q}?(${guid})`, 'i')},
	{name: 'subscriptionId', pattern: new RegExp(`"?subscription_?id"?\\s*[:=]\\s*"?(${guid})`, 'i')},
	{name: 'subscriptionId', pattern: new RegExp(`--subscription[ =]${q}?(${guid})`, 'i')},
	// Tenants named in the text.
	{name: 'tenantId', pattern: new RegExp(`current tenant ${q}(${notQ}+)${q}`, 'i'), accept: isTenant},
	{
		name: 'tenantId',
		pattern: new RegExp(`(?:tenant|directory)(?: named| identifier| id)?\\s*${q}(${notQ}+)\\s*${q}`, 'i'),
		accept: isTenant,
	},
	{
		name: 'tenantId',
		pattern: new RegExp(`tenant\\s*(?:id)?\\s*(?:is)?\\s*[:=]?\\s*"?(${guid})`, 'i'),
		accept: isTenant,
	},
	{name: 'tenantId', pattern: new RegExp(`"tenant_?id"\\s*:\\s*"(${guid})"`, 'i')},
	{name: 'tenantId', pattern: new RegExp(`--tenant[ =]${q}?(${notQ}+)`, 'i'), accept: isTenant},
	// A tenant named by its display name: 'does not exist in tenant 'Contoso Ltd'', "tenantDisplayName".
	{name: 'tenantName', pattern: /"tenant_?display_?name"\s*:\s*"([^"\\]{1,100})"/i},
	{
		name: 'tenantName',
		pattern: new RegExp(`\\b(?:tenant|directory)(?: named)? ${q}([^'"\u2018\u2019]{1,100})${q}`, 'i'),
		accept: value => !isTenant(value) && !/[/:@\\]|^(?:common|organizations|consumers)$/i.test(value),
	},
	{
		name: 'tenantId',
		pattern:
			/https:\/\/(?:login\.microsoftonline\.(?:com|us)|login\.windows\.net|login\.chinacloudapi\.cn|login\.partner\.microsoftonline\.cn|sts\.windows\.net)\/([^/\s'"?]+)/i,
		accept: isTenant,
	},
	{
		name: 'authority',
		pattern: new RegExp(
			`(https://login\\.(?:microsoftonline\\.(?:com|us)|windows\\.net|chinacloudapi\\.cn|partner\\.microsoftonline\\.cn)/(?:${guid}|${domain}))`,
			'i',
		),
	},
	// Client / application and object ids.
	{name: 'clientId', pattern: new RegExp(`application with (?:identifier|id) ${q}(${notQ}+)${q}`, 'i')},
	{name: 'clientId', pattern: new RegExp(`(?:app|application|client)(?: ?id)? ${q}(${guid})${q}`, 'i')},
	{
		name: 'clientId',
		pattern: new RegExp(`(?:app ?id|client_?id|appid|application ?id|client ?id)\\s*[:=]?\\s*${q}?(${guid})`, 'i'),
	},
	{name: 'clientId', pattern: new RegExp(`the client ${q}(${notQ}+)${q}`, 'i')},
	{name: 'objectId', pattern: new RegExp(`object id ${q}(${guid})${q}`, 'i')},
	{name: 'objectId', pattern: new RegExp(`\\boid\\s*[:=]\\s*"?(${guid})`, 'i')},
	// Trace, correlation and request ids; timestamp.
	{name: 'traceId', pattern: new RegExp(`trace[ _]?id"?\\s*[:=]\\s*"?(${guid})`, 'i')},
	{name: 'correlationId', pattern: new RegExp(`correlation[ _-]?id"?\\s*[:=]\\s*"?(${guid})`, 'i')},
	{name: 'correlationId', pattern: new RegExp(`x-ms-correlation-request-id"?\\s*[:=]\\s*"?(${guid})`, 'i')},
	{
		name: 'requestId',
		pattern: new RegExp(`(?:x-ms-request-id|request[ _-]?id|client-request-id)"?\\s*[:=]\\s*"?(${guid})`, 'i'),
	},
	{name: 'timestamp', pattern: /timestamp"?\s*[:=]\s*"?(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?Z?)/i},
	{name: 'timestamp', pattern: /\b(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?Z)\b/},
	// Issuer, audience, resource, subject.
	{name: 'issuer', pattern: new RegExp(`assertion issuer:? ${q}(${notQ}+)${q}`, 'i')},
	{name: 'issuer', pattern: new RegExp(`issued by issuer ${q}(${notQ}+)${q}`, 'i')},
	{name: 'issuer', pattern: /\biss=(https?:\/\/[^\s;'"]+)/i},
	{name: 'issuer', pattern: /\bissuer[ -]+(https?:\/\/[^\s;'"]+)/i},
	{name: 'audience', pattern: new RegExp(`wrong audience or resource ${q}(${notQ}+)${q}`, 'i')},
	{name: 'audience', pattern: new RegExp(`assertion audience:? ${q}(${notQ}+)${q}`, 'i')},
	{name: 'audience', pattern: new RegExp(`audiences?:\\s*${q}(${notQ}+)${q}`, 'i')},
	{name: 'audience', pattern: /\baud(?:ience)?\s*(?:claim)?\s*[:=]\s*["']?(https?:\/\/[^\s'",]+|api:\/\/[^\s'",]+)/i},
	{name: 'expectedAudience', pattern: new RegExp(`allowed audiences ${q}(${notQ}+)${q}`, 'i')},
	{name: 'expectedAudience', pattern: new RegExp(`valid ?audiences?:\\s*${q}(${notQ}+)${q}`, 'i')},
	{name: 'expectedAudience', pattern: new RegExp(`validaudience:\\s*${q}(${notQ}+)${q}`, 'i')},
	{name: 'expectedAudience', pattern: /\bexpected:?\s*["']?((?:https?|api):\/\/[^\s'",]+)/i},
	{name: 'resource', pattern: /resource principal named (\S+?) was not found/i},
	{name: 'resource', pattern: new RegExp(`to access ${q}(${notQ}+)${q}`, 'i')},
	{name: 'resource', pattern: /"resource(?:_?id)?"\s*:\s*"([^"\s]+)"/i},
	{name: 'resource', pattern: /--(?:resource|scope)[ =](https?:\/\/[^\s'"]+)/i},
	{name: 'subject', pattern: new RegExp(`assertion subject:? ${q}(${notQ}+)${q}`, 'i')},
	{name: 'subject', pattern: /subject claim\s*-\s*(\S+)/i},
	// ARM authorisation details.
	{name: 'action', pattern: new RegExp(`perform action ${q}(${notQ}+)${q}`, 'i')},
	{name: 'action', pattern: new RegExp(`action:\\s*${q}(${notQ}+)${q}`, 'i')},
	{name: 'scope', pattern: new RegExp(`over scope ${q}(${notQ}+)${q}`, 'i')},
	{name: 'replyUrl', pattern: new RegExp(`reply (?:address|url) ${q}(${notQ}+)${q}`, 'i')},
	{name: 'replyUrl', pattern: new RegExp(`redirect uri ${q}(${notQ}+)${q}`, 'i')},
	{name: 'thumbprint', pattern: new RegExp(`thumbprint of key used by client: ${q}([0-9a-fA-F]{40,64})${q}`, 'i')},
	{name: 'httpStatus', pattern: /\b(?:status(?: ?code)?|http(?: error)?|response)\s*[:=]?\s*\(?(40[0-9]|50[0-9])\b/i},
	{name: 'httpStatus', pattern: /\((40[0-9])\)\s*(?:unauthorized|forbidden|bad request)/i},
	{name: 'httpStatus', pattern: /\b(40[0-9])\s+(?:unauthorized|forbidden|bad request)/i},
];

const jwtPattern = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

/**
Claims of the first decodable JWT in the raw paste, as entities: tenant (tid), audience, issuer,
client (appid/azp), expiry, and the token's fingerprint. Only claims leave here, never the token.
*/
export function tokenEntities(raw: string): Entities {
	for (const match of raw.matchAll(jwtPattern)) {
		let decoded: ReturnType<typeof decodeJwt>;
		try {
			decoded = decodeJwt(match[0]);
		} catch {
			continue;
		}

		const {claims} = decoded;
		const text = (value: unknown) => {
			const cleaned = typeof value === 'string' ? clean(value) : undefined;
			return cleaned !== undefined && isUsable(cleaned) ? cleaned : undefined;
		};
		const entities: Entities = {tokenFingerprint: decoded.fingerprint};
		const tid = text(claims.tid);
		if (tid && isTenant(tid)) entities.tokenTenant = tid;
		const aud = Array.isArray(claims.aud) ? text(claims.aud[0]) : text(claims.aud);
		if (aud) entities.audience = aud;
		const iss = text(claims.iss);
		if (iss) entities.issuer = iss;
		const client = text(claims.appid) ?? text(claims.azp);
		if (client) entities.clientId = client;
		if (typeof claims.exp === 'number' && Number.isFinite(claims.exp) && Math.abs(claims.exp) < 1e11) {
			entities.tokenExpires = new Date(claims.exp * 1000).toISOString();
		}

		return entities;
	}

	return {};
}

/** Extracts entities from the flat (white space joined) normalised text; `fromToken` fills what the text lacks. */
export function extractEntities(flat: string, fromToken: Entities = {}): Entities {
	const entities: Entities = {};
	for (const rule of rules) {
		if (entities[rule.name] !== undefined) continue;
		const match = rule.pattern.exec(flat);
		if (!match) continue;
		const raw = clean(match[1] ?? '');
		const value = rule.map ? rule.map(raw) : raw;
		if (value === undefined || !isUsable(value)) continue;
		if (rule.accept && !rule.accept(value)) continue;
		entities[rule.name] = value;
	}

	for (const [name, value] of Object.entries(fromToken) as [EntityName, string][]) entities[name] ??= value;

	// The subscription's tenant is the tenant to sign in to when the text names it.
	if (entities.subscriptionTenant !== undefined) entities.tenantId = entities.subscriptionTenant;
	// A tenant seen only in the wrong issuer's URL is the token's tenant, already named with its role.
	else if (entities.tenantId !== undefined && entities.tenantId === entities.tokenTenant) delete entities.tenantId;
	if (entities.authority === undefined && entities.subscriptionTenant) {
		entities.authority = `https://login.microsoftonline.com/${entities.subscriptionTenant}`;
	}

	if (
		entities.resource === undefined &&
		entities.expectedAudience &&
		/^https?:\/\/|^api:\/\//.test(entities.expectedAudience)
	) {
		entities.resource = entities.expectedAudience;
	}

	nameEntities(flat, entities);
	return entities;
}

/**
Names for ids: a first-party application or Microsoft API by its well-known id or URI, else the name
an error prints beside the client id ('the application '<id>'(Contoso Portal)').
*/
function nameEntities(flat: string, entities: Entities): void {
	const named: ReadonlyArray<readonly [EntityName, EntityName]> = [
		['clientId', 'clientName'],
		['audience', 'audienceName'],
		['expectedAudience', 'expectedAudienceName'],
		['resource', 'resourceName'],
	];
	for (const [id, name] of named) {
		const value = entities[id];
		const known = value === undefined ? undefined : nameOf(value);
		if (known) entities[name] = known;
	}

	const client = entities.clientId;
	if (entities.clientName === undefined && client !== undefined && isGuid(client)) {
		const printed = new RegExp(`${client}${q}?\\s?\\(([^()'"\\n]{1,80})\\)`, 'i').exec(flat)?.[1];
		const name = printed === undefined ? undefined : clean(printed);
		if (name && isUsable(name)) entities.clientName = name;
	}
}

/** True when a value is a GUID. */
export function isGuid(value: string): boolean {
	return guidOnly.test(value);
}
