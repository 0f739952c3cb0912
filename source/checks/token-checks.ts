import {armAudiences} from '../cloud/cloud.ts';
import type {Finding, FindingFix} from '../findings/finding.ts';
import {type DecodedToken, decodeToken} from '../ports/access-token.ts';
import type {TokenResult} from '../ports/services.ts';
import {describeDuration, shortTime} from '../token/time.ts';
import {isGuid} from '../token/well-known.ts';
import type {CheckContext} from './context.ts';
import {describeFailure, findingFor} from './finding-builders.ts';
import {loginFix} from './fixes.ts';

/** ARM and Entra tolerate five minutes of clock skew. */
const clockSkewToleranceMs = 5 * 60_000;

type Loaded = {token: TokenResult; decoded: DecodedToken} | {finding: Finding};

/** The token under test (what the tools get today), decoded; or a skip finding saying why there is none. */
async function loadCurrentToken(context: CheckContext, make: ReturnType<typeof findingFor>): Promise<Loaded> {
	let token: TokenResult;
	try {
		token = await context.currentToken();
	} catch (error) {
		return {finding: make.skip(`No token to inspect: ${describeFailure(error).detail}`)};
	}

	const decoded = decodeToken(token.token);
	if (!decoded)
		return {
			finding: make.warn(
				`The ${token.source} token is not a JWT (${token.token.fingerprint}); its claims cannot be read.`,
			),
		};
	return {token, decoded};
}

function tokenFacts(token: TokenResult, decoded: DecodedToken): Record<string, string> {
	const claims = decoded.claims;
	const facts: Record<string, string> = {fingerprint: token.token.fingerprint, source: token.source};
	for (const name of ['tid', 'aud', 'iss', 'ver', 'oid', 'appid', 'azp', 'idtyp', 'upn']) {
		const value = claims[name];
		if (typeof value === 'string') facts[name] = value;
		else if (Array.isArray(value)) facts[name] = value.join(',');
	}

	// The facts the walk reads (tree/facts.ts), by their names, beside the claims as they are.
	if (facts.tid) facts.tokenTenant = facts.tid;
	if (facts.aud) facts.audience = facts.aud;
	if (facts.oid) facts.principalId = facts.oid;
	const client = facts.appid ?? facts.azp;
	if (client) facts.clientId = client;
	for (const name of ['iat', 'nbf', 'exp']) {
		const value = claims[name];
		if (typeof value === 'number') facts[name] = shortTime(value * 1000);
	}

	return facts;
}

const fresh = findingFor('fresh-token', 'Fresh token');

/** Can a fresh token be had for the target resource from the expected tenant? */
export async function checkFreshToken(context: CheckContext): Promise<Finding> {
	const resource = context.resource();
	const tenant = await context.expectedTenant().catch(() => undefined);
	const where = `${resource}${tenant ? ` in tenant ${tenant}` : ''}`;
	try {
		const token = await context.targetToken();
		const decoded = decodeToken(token.token);
		// The token's own exp wins: clients compute expiresOn from expires_in and miss a skewed issuer clock.
		const expires = typeof decoded?.claims.exp === 'number' ? decoded.claims.exp * 1000 : token.expiresOn;
		const lifetime = expires === undefined ? '' : `, valid until ${shortTime(expires)}`;
		const facts = decoded ? tokenFacts(token, decoded) : {fingerprint: token.token.fingerprint, source: token.source};
		if (expires !== undefined && expires <= context.services.clock.now()) {
			return fresh.warn(
				`${token.source} issued a token for ${where} (${token.token.fingerprint}), but it is already expired (exp ${shortTime(expires)}): see Token lifetime.`,
				{facts},
			);
		}

		return fresh.pass(`${token.source} issued a token for ${where} (${token.token.fingerprint}${lifetime}).`, {facts});
	} catch (error) {
		const failure = describeFailure(error);
		const account = context.target.credential === 'cli' ? await context.account().catch(() => undefined) : undefined;
		const aadsts = /AADSTS\d+/.exec(failure.detail)?.[0];
		let fix = failure.fix;
		if (context.target.credential === 'cli' && (failure.code === 'not-signed-in' || failure.code === 'failed')) {
			fix = loginFix(
				account,
				tenant,
				`Get a token from ${tenant ? `tenant ${tenant}` : 'your tenant'} by signing in there.`,
			);
		}

		if (aadsts)
			fix = {
				text: `Entra refused the token request (${aadsts}); see what it means and how to fix it:`,
				command: `authfix explain ${aadsts}`,
			};
		return fresh.fail(`No token for ${where}: ${failure.detail}`, {
			fix,
			facts: {error: failure.code, ...(aadsts ? {code: aadsts} : {})},
		});
	}
}

const tenantFinding = findingFor('token-tenant', 'Token tenant');

/** The token's `tid` against the subscription's tenant: the InvalidAuthenticationTokenTenant case. */
export async function checkTokenTenant(context: CheckContext): Promise<Finding> {
	const loaded = await loadCurrentToken(context, tenantFinding);
	if ('finding' in loaded) return loaded.finding;
	const {token, decoded} = loaded;
	const facts = tokenFacts(token, decoded);
	const tid = typeof decoded.claims.tid === 'string' ? decoded.claims.tid.toLowerCase() : undefined;
	const expected = (await context.expectedTenant().catch(() => undefined))?.toLowerCase();
	if (!expected)
		return tenantFinding.skip(
			`The token is from tenant ${tid ?? 'unknown'}; there is no subscription or --tenant to compare it with.`,
			{facts},
		);
	if (!tid) return tenantFinding.warn(`The token carries no tid claim; expected tenant ${expected}.`, {facts});
	if (tid === expected)
		return tenantFinding.pass(`The token is from tenant ${tid}, the tenant of the target.`, {facts});

	const subscriptionId = await context.subscriptionId();
	let fix: FindingFix;
	if (context.target.credential === 'cli') {
		const account = await context.account().catch(() => undefined);
		const fresh = await context.targetToken().then(
			() => true,
			() => false,
		);
		fix = fresh
			? {
					text: `A token from tenant ${expected} can be had: ask for it explicitly (or make a subscription of that tenant current).`,
					command: `az account get-access-token --tenant ${expected} --resource ${context.resource()}`,
				}
			: loginFix(account, expected, `Sign in to tenant ${expected}.`);
	} else {
		fix = {
			text: `Ask for the token from tenant ${expected}: getToken(scope, {tenantId: '${expected}'}), or set AZURE_TENANT_ID.`,
			command: `export AZURE_TENANT_ID=${expected}`,
		};
	}

	return tenantFinding.fail(
		`The token is from tenant ${tid}, but ${subscriptionId ? `subscription ${subscriptionId}` : 'the target'} belongs to tenant ${expected}: ARM answers 401 InvalidAuthenticationTokenTenant.`,
		{
			fix,
			facts: {
				...facts,
				subscriptionTenant: expected,
				...(subscriptionId ? {subscriptionId} : {}),
			},
		},
	);
}

const audienceFinding = findingFor('token-audience', 'Token audience');

const normalise = (value: string) => value.trim().replace(/\/+$/, '').toLowerCase();

/**
The token's `aud` against what the target API accepts: ARM accepts its two hosts with and without the
trailing slash; a GUID audience is an application id (v2 tokens for an app's own API use it).
*/
export async function checkTokenAudience(context: CheckContext): Promise<Finding> {
	const loaded = await loadCurrentToken(context, audienceFinding);
	if ('finding' in loaded) return loaded.finding;
	const {token, decoded} = loaded;
	const facts = tokenFacts(token, decoded);
	const cloud = context.services.cloud;
	const audValue = decoded.claims.aud;
	const aud = Array.isArray(audValue) ? audValue.join(',') : String(audValue ?? '');
	const version = String(decoded.claims.ver ?? '');
	let api: 'arm' | 'graph' | 'other' = 'arm';
	if (context.target.url) {
		const host = new URL(context.target.url).host.toLowerCase();
		api =
			host === new URL(cloud.resourceManager).host.toLowerCase()
				? 'arm'
				: cloud.graph && host === new URL(cloud.graph).host.toLowerCase()
					? 'graph'
					: 'other';
	}

	if (api === 'other') {
		// Another API: the token must be for the resource the tool asked for (URI or, in v2 tokens, the app id).
		const requested = context.resource();
		if (normalise(aud) === normalise(requested)) {
			return audienceFinding.pass(
				`The token is for ${aud}, the resource asked for (the target ${new URL(context.target.url!).host} is neither ARM nor Graph).`,
				{facts},
			);
		}

		if (isGuid(aud) && version === '2.0' && requested.startsWith('api://')) {
			return audienceFinding.warn(
				`The v2 token carries the application id ${aud} as its audience for ${requested}: correct when that is the API's app id; an API that checks for the URI form rejects it.`,
				{facts},
			);
		}

		return audienceFinding.fail(`The token's audience is ${aud}, but the resource asked for is ${requested}.`, {
			fix: {
				text: `Ask for a token for ${requested}.`,
				...(context.target.credential === 'cli'
					? {command: `az account get-access-token --resource ${requested}`}
					: {}),
			},
			facts: {...facts, expectedAudience: requested},
		});
	}
	const accepted = api === 'arm' ? armAudiences(cloud) : [cloud.graph, `${cloud.graph}/`];
	const acceptedSet = new Set(accepted.map(normalise));
	const what = api === 'arm' ? `ARM (${cloud.resourceManager})` : `Graph (${cloud.graph})`;
	if (acceptedSet.has(normalise(aud))) {
		const form = aud.endsWith('/') ? 'with the trailing slash' : 'without a trailing slash';
		return audienceFinding.pass(
			`The token is for ${aud} (${form}, v${version || '?'} token), an audience ${what} accepts.`,
			{facts},
		);
	}

	const right = api === 'arm' ? cloud.resourceManagerAudience : cloud.graph;
	const why = isGuid(aud)
		? `its audience is the application id ${aud} (the GUID form), which ${what} never accepts`
		: `its audience is ${aud}, which ${what} does not accept`;
	const command = context.target.credential === 'cli' ? `az account get-access-token --resource ${right}` : undefined;
	return audienceFinding.fail(
		`The token was minted for the wrong resource: ${why}; expected one of ${accepted.join(', ')}. ${api === 'arm' ? 'ARM answers 401 InvalidAuthenticationTokenAudience.' : "Graph answers 'Access token validation failure. Invalid audience.'"}`,
		{
			fix: {
				text: `Ask for a token for ${right} (v2 scope ${right.replace(/\/+$/, '')}/.default; with the trailing slash the scope is ${right}/.default).`,
				...(command ? {command} : {}),
			},
			facts: {...facts, expectedAudience: right},
		},
	);
}

const expiryFinding = findingFor('token-expiry', 'Token lifetime');

/** exp / nbf / iat against this machine's clock, with ARM's five-minute tolerance; names clock skew. */
export async function checkTokenExpiry(context: CheckContext): Promise<Finding> {
	const loaded = await loadCurrentToken(context, expiryFinding);
	if ('finding' in loaded) return loaded.finding;
	const {token, decoded} = loaded;
	return judgeLifetime(
		decoded,
		context.services.clock.now(),
		{...tokenFacts(token, decoded)},
		context.target.credential === 'cli',
	);
}

export function judgeLifetime(
	decoded: DecodedToken,
	now: number,
	facts: Record<string, string>,
	cli: boolean,
): Finding {
	const claims = decoded.claims;
	const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
	const nbf = typeof claims.nbf === 'number' ? claims.nbf * 1000 : undefined;
	const iat = typeof claims.iat === 'number' ? claims.iat * 1000 : undefined;
	if (exp === undefined) return expiryFinding.warn('The token has no exp claim.', {facts});
	const issuedAgo = iat === undefined ? undefined : now - iat;
	const skewFix = {
		text: "The issuer's clock and this machine's disagree. Fix the clock that is wrong (this machine: enable NTP), then get a fresh token.",
		command: 'sudo timedatectl set-ntp true && timedatectl status',
	};
	if (iat !== undefined && iat - now > clockSkewToleranceMs) {
		return expiryFinding.fail(
			`The token was issued ${describeDuration(iat - now)} in the future (iat ${shortTime(iat)}, this machine says ${shortTime(now)}): clock skew.`,
			{
				fix: skewFix,
				facts: {...facts, skew: describeDuration(iat - now)},
			},
		);
	}

	if (nbf !== undefined && nbf - now > clockSkewToleranceMs) {
		return expiryFinding.fail(
			`The token is not valid before ${shortTime(nbf)}, ${describeDuration(nbf - now)} from now: clock skew.`,
			{fix: skewFix, facts},
		);
	}

	if (exp <= now) {
		const lifetime = iat === undefined ? undefined : exp - iat;
		// A token that was just handed out but has already expired: the issuer's clock is behind.
		const bornExpired =
			lifetime !== undefined &&
			issuedAgo !== undefined &&
			issuedAgo > lifetime &&
			issuedAgo - lifetime < 48 * 3_600_000 &&
			issuedAgo > clockSkewToleranceMs;
		if (bornExpired) {
			return expiryFinding.fail(
				`The token expired at ${shortTime(exp)}, ${describeDuration(now - exp)} ago, although it was just issued: its iat (${shortTime(iat!)}) is ${describeDuration(issuedAgo)} behind this machine's clock. ARM answers 401 ExpiredAuthenticationToken.`,
				{fix: skewFix, facts: {...facts, skew: describeDuration(issuedAgo)}},
			);
		}

		return expiryFinding.fail(
			`The token expired at ${shortTime(exp)}, ${describeDuration(now - exp)} ago. ARM answers 401 ExpiredAuthenticationToken.`,
			{
				fix: cli
					? {
							text: 'Get a fresh token (az refreshes from its cache; sign in again if that fails).',
							command: 'az account get-access-token',
						}
					: {text: 'Get a fresh token instead of reusing a stored one.'},
				facts,
			},
		);
	}

	if (exp - now < clockSkewToleranceMs) {
		return expiryFinding.warn(
			`The token expires in ${describeDuration(exp - now)} (${shortTime(exp)}); a long call may outlive it.`,
			{facts},
		);
	}

	return expiryFinding.pass(
		`The token is valid until ${shortTime(exp)} (${describeDuration(exp - now)} left; this machine's clock agrees with the issuer's).`,
		{facts},
	);
}

const signatureFinding = findingFor('token-signature', 'Token signature');

/** The signature against the issuer's published keys (JWKS), when the issuer belongs to this cloud. */
export async function checkTokenSignature(context: CheckContext): Promise<Finding> {
	const loaded = await loadCurrentToken(context, signatureFinding);
	if ('finding' in loaded) return loaded.finding;
	const {token, decoded} = loaded;
	const facts = tokenFacts(token, decoded);
	if (typeof decoded.header.nonce === 'string') {
		return signatureFinding.skip(
			'The token carries a nonce in its header (a Graph token): only Graph can verify it, by design.',
			{facts},
		);
	}

	const issuer = typeof decoded.claims.iss === 'string' ? decoded.claims.iss : '';
	if (!issuer) return signatureFinding.warn('The token has no iss claim; its signature cannot be checked.', {facts});
	const result = await context.services.http.verifySignature(token.token, {signal: context.signal});
	if (result.verified)
		return signatureFinding.pass(
			`The signature is valid: ${result.reason} (issuer ${issuer}, kid ${String(decoded.header.kid ?? '-')}).`,
			{facts},
		);
	if (result.verified === null && result.unreachable)
		return signatureFinding.error(`Could not fetch the issuer's keys: ${result.reason}.`, {facts});
	if (result.verified === null) return signatureFinding.skip(`Not verifiable here: ${result.reason}.`, {facts});
	return signatureFinding.fail(
		`The signature does not verify: ${result.reason} (issuer ${issuer}). The token was altered or comes from somewhere else.`,
		{
			fix: {text: 'Discard this token and get a fresh one from the issuer.'},
			facts,
		},
	);
}
