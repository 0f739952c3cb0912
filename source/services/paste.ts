/**
What the user pastes into the troubleshooter, as facts: an error (classified by `explain`, its
entities and the failing call it shows) or a token (its claims; the token itself is dropped). The
paste is data: escape sequences and secrets go before anything is read from it, so no fact (a URL,
say) can carry them to the screen, a report or a replay.
*/
import type {ExplainReport} from '../explain/explain.ts';
import {denyAssignmentGuid, parseAuthorizationFailure} from '../knowledge/rbac/failure-text.ts';
import {redactForDisplay} from '../safety/redact.ts';
import {parseGuid} from '../target/ids.ts';
import {parseRequestUrl} from '../target/resource.ts';
import {type Facts, factsOf} from '../tree/facts.ts';

type ExplainModule = typeof import('../explain/explain.ts');

export type ClassifiedPaste = {
	readonly family?: string;
	readonly title?: string;
	/** How sure the classifier is ('likely, 82 %', 'not sure: a or b'). */
	readonly verdict?: string;
	readonly explanation?: string;
	readonly fixes?: ReadonlyArray<{readonly text: string; readonly command?: string; readonly code?: string}>;
	readonly facts: Facts;
	/** What the session keeps of the paste: of an artifact (a debug log, a HAR), its failing exchange and errors. */
	readonly text?: string;
};

/** Pasted text without escape sequences and control characters, secrets redacted. */
export function safePasteOf(text: string): string {
	return redactForDisplay(text);
}

/** What `explain` recognised in a (safe) paste: its family and the entities it found, as facts. */
export function classifyWith({explainText, isRecognised, verdictOf}: ExplainModule, text: string): ClassifiedPaste {
	const report: ExplainReport = explainText(text);
	const top = report.findings[0];
	if (!top || !isRecognised(report)) return {facts: {}};
	const second = report.findings.find(finding => finding.family === report.unsure?.families[1]);
	return {
		family: top.family,
		// How sure, in words: 'Not sure: A, or B? <the question>' when two families are close.
		title:
			report.unsure && second
				? `Not sure: ${top.title}, or ${second.title}? ${report.unsure.question}`
				: `${top.title} (${verdictOf(report)})`,
		verdict: verdictOf(report),
		explanation: top.explanation,
		fixes: top.fixes.slice(0, 3).map(fix => ({
			text: fix.text,
			...(fix.command ? {command: fix.command} : {}),
			...(fix.code ? {code: fix.code} : {}),
		})),
		// The client's language: the walk's code fixes are shown in it.
		facts: factsOf({...top.entities, ...(top.language.id === 'unknown' ? {} : {language: top.language.id})}),
	};
}

/**
The pasted error as the troubleshooter starts from it: recognised family, entities and the failing
call. A pasted artifact (az --debug output, an SDK's or Terraform's debug log, a HAR) is read
first: its failing exchange and errors are what is classified and kept, and the token its failing
request sent adds its claims as facts (the token itself stays in the artifact reader).
*/
export async function classifyPaste(text: string): Promise<ClassifiedPaste> {
	const {artifactKindOf} = await import('../artifacts/read.ts');
	let pasted = text;
	let known: Facts = {};
	if (artifactKindOf(text)) {
		const {diagnoseText} = await import('../artifacts/diagnose.ts');
		const {focus, entities} = diagnoseText(text, 0);
		pasted = focus;
		known = factsOf(entities as Record<string, unknown>);
	}

	const safe = safePasteOf(pasted);
	const found = classifyWith(await import('../explain/explain.ts'), safe);
	return {
		...found,
		facts: {
			...known,
			...failingRequestOf(safe),
			...auxiliaryHeaderOf(safe),
			...authorizationFactsOf(safe),
			...found.facts,
		},
		text: safe,
	};
}

/**
What an ARM 403 says about the refusal, as facts: the operation and scope, the caller's object id,
the linked operation and scope of a LinkedAuthorizationFailed, the deny assignment that blocked it.
*/
export function authorizationFactsOf(text: string): Facts {
	const failure = parseAuthorizationFailure(text);
	if (!failure) return {};
	const denyAssignmentId = failure.denyAssignmentId ? denyAssignmentGuid(failure.denyAssignmentId) : undefined;
	return factsOf({
		action: failure.action,
		scope: failure.scope,
		principalId: failure.objectId && parseGuid(failure.objectId),
		linkedAction: failure.linkedAction,
		linkedScope: failure.linkedScopes?.[0],
		linkedSubscriptionId: failure.linkedSubscription,
		denyAssignment: failure.denyAssignmentName,
		denyAssignmentId,
	});
}

/** A failing call that sends x-ms-authorization-auxiliary is a cross-tenant call (the tree's aux path). */
function auxiliaryHeaderOf(text: string): Facts {
	return /x-ms-authorization-auxiliary\s*[:=]/i.test(text) ? {auxiliaryHeader: 'present'} : {};
}

/**
The failing call when the paste shows it (a `curl` or `az rest` line, a request line of a log):
an https URL of an ARM or Graph-like API, and its method. The replay verifies the fix with it; URLs
of sign-in pages, error documentation or authorities are not calls to replay.
*/
export function failingRequestOf(text: string): Facts {
	const candidates = text.match(/https:\/\/[^\s'"<>\\]+/g) ?? [];
	const url = candidates.find(candidate => {
		const parsed = parseRequestUrl(candidate);
		return (
			parsed !== undefined &&
			/^\/(subscriptions|providers|tenants|v1\.0|beta)(\/|$)/i.test(parsed.pathname) &&
			!/login\.|sts\.|aka\.ms|learn\.microsoft/i.test(parsed.hostname)
		);
	});
	if (!url) return {};
	const method = /(?:-X|--request|--method|-m)\s+([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase();
	const line = /\b(GET|HEAD|PUT|POST|PATCH|DELETE)\s+https:\/\//.exec(text)?.[1];
	// The failure as seen, for the replay's "before": a status and an error code when the paste has them.
	const status = /\b(40[0-9]|5\d\d)\b/.exec(text)?.[1];
	const code =
		/\b(InvalidAuthenticationToken\w*|ExpiredAuthenticationToken|\w*AuthorizationFailed|SubscriptionNotFound|AADSTS\d+)\b/.exec(
			text,
		)?.[1];
	const failedWith = [status, code].filter(Boolean).join(' ');
	return {
		requestUrl: url.replace(/[.,;)]+$/, ''),
		requestMethod: method ?? line ?? 'GET',
		...(failedWith ? {failedWith} : {}),
	};
}

export type PastedToken = {
	/** The claims as shown (values neutralised for the terminal, secrets redacted). */
	readonly claims: Readonly<Record<string, string>>;
	/** What the claims tell the walk, by the facts' names. */
	readonly facts: Facts;
	/** Why the paste is not a token. */
	readonly error?: string;
};

const shownClaims = ['tid', 'aud', 'iss', 'appid', 'azp', 'oid', 'scp', 'roles', 'idtyp', 'ver'];

/** The decode entry: a pasted token becomes its claims and facts; the token itself is dropped. */
export async function readPastedToken(text: string): Promise<PastedToken> {
	const {decodeJwt} = await import('../token/jwt.ts');
	let claims: Record<string, unknown>;
	try {
		claims = decodeJwt(text).claims as Record<string, unknown>;
	} catch (error) {
		return {claims: {}, facts: {}, error: error instanceof Error ? error.message : 'not a token'};
	}

	// Claims are pasted data too: a value reaches the screen and the report only neutralised and redacted.
	const shown: Record<string, string> = {};
	for (const name of shownClaims) {
		const value = claims[name];
		if (typeof value === 'string') shown[name] = redactForDisplay(value);
		else if (Array.isArray(value)) shown[name] = redactForDisplay(value.join(' '));
	}

	for (const name of ['exp', 'nbf', 'iat']) {
		const value = claims[name];
		if (typeof value === 'number') shown[name] = new Date(value * 1000).toISOString();
	}

	return {
		claims: shown,
		facts: factsOf({
			tokenTenant: shown['tid'],
			audience: shown['aud'],
			issuer: shown['iss'],
			clientId: shown['appid'] ?? shown['azp'],
			principalId: shown['oid'],
		}),
	};
}
