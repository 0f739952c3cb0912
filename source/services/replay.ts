/**
Replays a failing call: as the user's tools send it today ("before"), then with a fresh token from
the subscription's tenant and fresh auxiliary tokens ("after"), and says what changed. `authfix
replay` and the troubleshooter's verification both call `replayCall`; a token only ever goes to the
cloud and audience it was minted for (target/resource.ts `audienceForUrl`), anything else is refused
before a connection is made.
*/
import {maxAuxiliaryTokens} from '../checks/aux-tokens.ts';
import {createCheckContext} from '../checks/context.ts';
import {describeFailure} from '../checks/finding-builders.ts';
import {explainText} from '../explain/explain.ts';
import {entryForCode} from '../knowledge/index.ts';
import {decodeToken} from '../ports/access-token.ts';
import type {CredentialKind, HttpResult, Services, TokenResult} from '../ports/services.ts';
import {excerptOf} from '../safety/redact.ts';
import type {TenantId} from '../target/ids.ts';
import type {ReplayRequest} from '../target/request.ts';
import {audienceForUrl, type ResourceUri, subscriptionIdInPath} from '../target/resource.ts';
import type {Target} from '../target/target.ts';

export type ReplayOutcome = 'ok' | 'fixed' | 'now-forbidden' | 'still-failing' | 'refused';

export type ReplayAttempt = {
	readonly label: 'before' | 'after';
	readonly status: number | null;
	readonly errorCode: string | null;
	readonly requestId: string | null;
	readonly correlationId: string | null;
	readonly message: string | null;
	/** How the attempt was made: the token's tenant and fingerprint, or "given". */
	readonly via: string;
};

function readError(result: HttpResult): {code: string | null; message: string | null} {
	try {
		const body = JSON.parse(result.body) as {
			error?: {code?: unknown; message?: unknown} | string;
			code?: unknown;
			message?: unknown;
		};
		if (typeof body.error === 'object' && body.error) {
			return {
				code: body.error.code === undefined ? null : String(body.error.code),
				message: body.error.message === undefined ? null : String(body.error.message),
			};
		}

		if (typeof body.code === 'string')
			return {code: body.code, message: typeof body.message === 'string' ? body.message : null};
	} catch {
		// not JSON
	}

	const challenge = result.headers['www-authenticate'];
	const error = challenge ? /error="([^"]+)"/.exec(challenge)?.[1] : undefined;
	return {code: error ?? null, message: result.body ? excerptOf(result.body, 300) : null};
}

function attemptFrom(label: ReplayAttempt['label'], result: HttpResult, via: string): ReplayAttempt {
	const error = result.status >= 400 ? readError(result) : {code: null, message: null};
	return {
		label,
		status: result.status,
		errorCode: error.code,
		requestId: result.headers['x-ms-request-id'] ?? result.headers['request-id'] ?? null,
		correlationId: result.headers['x-ms-correlation-request-id'] ?? result.headers['client-request-id'] ?? null,
		message: error.message,
		via,
	};
}

/** "before" from a pasted failure: its status and the first ARM error code or AADSTS code in it. */
function attemptFromText(text: string): ReplayAttempt {
	const status = /\b(40[0-9]|5\d\d)\b/.exec(text)?.[1];
	const known =
		/\b(InvalidAuthenticationToken\w*|ExpiredAuthenticationToken|AuthenticationFailed\w*|AuthorizationFailed|LinkedAuthorizationFailed|SubscriptionNotFound|AADSTS\d+)\b/.exec(
			text,
		)?.[1];
	// The status the service answers that code with, as the knowledge base records it (an invalid_client
	// AADSTS code is 401, not 400: ce-0008, ce-0044); else the token endpoint's 400 or ARM's 401.
	const inferred =
		known === undefined ? null : (entryForCode(known)?.httpStatus ?? (known.startsWith('AADSTS') ? 400 : 401));
	const requestId = /(?:request[- ]id|x-ms-request-id)["':\s]+([0-9a-f-]{36})/i.exec(text)?.[1] ?? null;
	return {
		label: 'before',
		status: status === undefined ? inferred : Number(status),
		errorCode: known ?? null,
		requestId,
		correlationId: /correlation[- ]?(?:request[- ])?id["':\s]+([0-9a-f-]{36})/i.exec(text)?.[1] ?? null,
		message: null,
		via: 'given',
	};
}

export function classifyOutcome(
	before: ReplayAttempt | undefined,
	after: ReplayAttempt | undefined,
): Exclude<ReplayOutcome, 'refused'> {
	const ok = (attempt: ReplayAttempt | undefined) =>
		attempt?.status !== null && attempt?.status !== undefined && attempt.status < 400;
	if (!after) return ok(before) ? 'ok' : 'still-failing';
	if (ok(after)) return before && !ok(before) ? 'fixed' : 'ok';
	if (after.status === 403 && before && (before.status === 401 || before.status === 400 || before.status === null))
		return 'now-forbidden';
	return 'still-failing';
}

function describeTokenVia(token: TokenResult): string {
	const tid = decodeToken(token.token)?.claims.tid;
	return `${token.source}, tenant ${typeof tid === 'string' ? tid : (token.tenantId ?? '?')}, ${token.token.fingerprint}`;
}

export type ReplayOptions = {
	/** The tenant the fresh token must come from (default: the subscription's tenant). */
	readonly tenantId?: TenantId;
	readonly auxTenants: readonly TenantId[];
	readonly credential: CredentialKind;
	/** The failure as seen (status and error code), used as "before" instead of sending the call. */
	readonly failedWith?: string;
};

export type ReplayReport =
	| {
			readonly outcome: 'refused';
			readonly request: {readonly method: string; readonly url: string};
			readonly reason: string;
	  }
	| {
			readonly outcome: Exclude<ReplayOutcome, 'refused'>;
			readonly request: {readonly method: string; readonly url: string};
			readonly attempts: readonly ReplayAttempt[];
			/** The outcome in one or two sentences, with the command that makes the fix last. */
			readonly summary: string;
			/** `explain`'s reading of a call that still fails. */
			readonly diagnosis?: {
				readonly family: string;
				readonly codes: readonly string[];
				readonly title: string;
				readonly fixes: ReadonlyArray<{readonly text: string; readonly command?: string}>;
			};
			/** What was dropped from a pasted command line, and why no fresh token could be had. */
			readonly notes: readonly string[];
	  };

/** Why a URL gets no token, or undefined when it may (https on this cloud's ARM or Graph). */
export function refusalOf(request: ReplayRequest, cloud: Services['cloud']): string | undefined {
	const url = new URL(request.url);
	if (audienceForUrl(url, cloud)) return undefined;
	return `${url.protocol === 'https:' ? url.host : `${url.protocol}//${url.host}`} is not ${cloud.name}'s ARM (${cloud.resourceManager})${cloud.graph ? ` or Graph (${cloud.graph})` : ''}: authfix never sends a token to a host outside the cloud and audience it was minted for.`;
}

/** Sends the call before and after (see the module comment). Never throws for what the service answers. */
export async function replayCall(
	request: ReplayRequest,
	options: ReplayOptions,
	services: Services,
	signal?: AbortSignal,
): Promise<ReplayReport> {
	const shownRequest = {method: request.method, url: request.url};
	const url = new URL(request.url);
	const audience = audienceForUrl(url, services.cloud);
	if (!audience) return {outcome: 'refused', request: shownRequest, reason: refusalOf(request, services.cloud)!};
	if (options.auxTenants.length > maxAuxiliaryTokens)
		throw new Error(`ARM accepts at most ${maxAuxiliaryTokens} auxiliary tokens`);

	const subscriptionId = subscriptionIdInPath(url.pathname);
	const target: Target = {
		...(subscriptionId ? {subscriptionId, subscriptionSource: 'given' as const} : {}),
		...(options.tenantId ? {tenantId: options.tenantId} : {}),
		resource: audience as ResourceUri,
		credential: options.credential,
		auxTenants: options.auxTenants,
		url: request.url,
	};
	const checkContext = createCheckContext(target, services, signal);
	const send = async (label: ReplayAttempt['label'], token: TokenResult, aux: readonly TokenResult[]) => {
		const headers: Record<string, string> = {...request.headers, authorization: `Bearer ${token.token.reveal()}`};
		if (aux.length > 0)
			headers['x-ms-authorization-auxiliary'] = aux.map(item => `Bearer ${item.token.reveal()}`).join(', ');
		if (request.body !== undefined && !Object.keys(headers).some(name => name.toLowerCase() === 'content-type'))
			headers['content-type'] = 'application/json';
		try {
			const result = await services.http.send(
				{method: request.method, url: request.url, headers, body: request.body},
				{signal},
			);
			return attemptFrom(label, result, describeTokenVia(token) + (aux.length > 0 ? ` + ${aux.length} auxiliary` : ''));
		} catch (error) {
			return {
				label,
				status: null,
				errorCode: 'transport',
				requestId: null,
				correlationId: null,
				message: describeFailure(error).detail,
				via: describeTokenVia(token),
			};
		}
	};

	const auxTokens = async (): Promise<TokenResult[]> =>
		Promise.all(
			options.auxTenants.map(tenant =>
				checkContext.tokenFor({resource: services.cloud.resourceManagerAudience, tenantId: tenant}),
			),
		);

	const attempts: ReplayAttempt[] = [];
	const notes: string[] = [...request.notes];
	if (options.failedWith !== undefined) {
		attempts.push(attemptFromText(options.failedWith));
	} else {
		try {
			const current = await checkContext.currentToken();
			attempts.push(await send('before', current, await auxTokens().catch(() => [])));
		} catch (error) {
			attempts.push({
				label: 'before',
				status: null,
				errorCode: 'no-token',
				requestId: null,
				correlationId: null,
				message: describeFailure(error).detail,
				via: 'current credential',
			});
		}
	}

	const before = attempts[0];
	let after: ReplayAttempt | undefined;
	const beforeOk = before?.status !== null && before?.status !== undefined && before.status < 400;
	if (!beforeOk) {
		try {
			const fresh = await checkContext.targetToken();
			const aux = await auxTokens();
			after = await send('after', fresh, aux);
		} catch (error) {
			notes.push(`no fresh token: ${describeFailure(error).detail}`);
		}

		if (after) attempts.push(after);
	}

	const outcome = classifyOutcome(before, after);
	const expected = await checkContext.expectedTenant().catch(() => undefined);
	const last = after ?? before;
	const failureText =
		last && last.status !== null && last.status >= 400
			? `${last.status} ${last.errorCode ?? ''} ${last.message ?? ''}`
			: '';
	const diagnosis = outcome === 'still-failing' && failureText ? explainText(failureText).findings[0] : undefined;
	const summary = {
		ok: 'The call works as it is.',
		fixed: `The call works with a fresh token${expected ? ` from tenant ${expected}` : ''}${options.auxTenants.length > 0 ? ' and fresh auxiliary tokens' : ''}: make your tool ask for ${expected ? 'that tenant' : 'a fresh token'}${options.credential === 'cli' && expected ? ` (az account get-access-token --tenant ${expected})` : ''}.`,
		'now-forbidden': `Authentication is fixed${expected ? ` (token from tenant ${expected})` : ''}, but the identity lacks a role for this call (403${after?.errorCode ? ` ${after.errorCode}` : ''}): grant it one.`,
		'still-failing': `The call fails with a fresh token too${last?.errorCode ? ` (${last.errorCode})` : ''}.${diagnosis ? ` Diagnosis: ${diagnosis.title}.` : ''}`,
	}[outcome];
	return {
		outcome,
		request: shownRequest,
		attempts,
		summary,
		...(diagnosis
			? {
					diagnosis: {
						family: diagnosis.family,
						codes: diagnosis.codes,
						title: diagnosis.title,
						fixes: diagnosis.fixes,
					},
				}
			: {}),
		notes,
	};
}
