/**
What every reader shares: the exchange as it is being read (with the raw request headers, which
only this module sees), turning it into the `Exchange` that leaves (secrets replaced), picking the
failing one, and the claims of the token the failing request sent.
*/
import {tokenEntities} from '../explain/entities.ts';
import {decodeJwt} from '../token/jwt.ts';
import {cleanBody, cleanHeaders, cleanUrl} from './sanitize.ts';
import type {Exchange, SentToken} from './types.ts';

/** An exchange while it is read. Its request headers are raw: the token is read from them, then they are cleaned. */
export type RawExchange = {
	method: string;
	url: string;
	status: number | null;
	requestHeaders: Record<string, string>;
	responseHeaders: Record<string, string>;
	body?: string;
	requestBody?: string;
	error?: {code: string; description?: string};
	at: number;
};

export function rawExchange(method: string, url: string, at: number): RawExchange {
	return {method: method.toUpperCase(), url, status: null, requestHeaders: {}, responseHeaders: {}, at};
}

/** Values tools print instead of a header's value: a real value is never replaced by one of these. */
export function isMaskedValue(value: string): boolean {
	return /^(?:\*+|REDACTED|<redacted>|\[redacted[^\]]*\])$/i.test(value.trim());
}

/** Sets a header (lower-case name), keeping a real value over a masked one when two records show the same request. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
	const key = name.toLowerCase();
	const current = headers[key];
	if (current !== undefined && !isMaskedValue(current) && isMaskedValue(value)) return;
	headers[key] = value;
}

const maxBody = 64 * 1024;

/**
The exchange as it leaves the reader: URL, headers and form bodies cleaned, bodies bounded. Only a
failed exchange keeps its bodies: what a success returned (a token response, `listKeys`) or sent is
not needed for a diagnosis and may be a secret.
*/
export function finishExchange(raw: RawExchange): Exchange {
	const bound = (text: string) => (text.length > maxBody ? `${text.slice(0, maxBody)}\n…` : text);
	const keep = failed(raw);
	const body = keep ? raw.body?.trim() : undefined;
	const requestBody = keep ? raw.requestBody?.trim() : undefined;
	return {
		method: raw.method,
		url: cleanUrl(raw.url),
		status: raw.status,
		requestHeaders: cleanHeaders(raw.requestHeaders),
		responseHeaders: cleanHeaders(raw.responseHeaders),
		...(body ? {body: bound(cleanBody(body))} : {}),
		...(requestBody ? {requestBody: bound(cleanBody(requestBody))} : {}),
		...(raw.error ? {error: raw.error} : {}),
		at: raw.at,
	};
}

/** What judging an exchange needs: raw while it is read, or as it left the reader. */
type Judged = {
	readonly method: string;
	readonly url: string;
	readonly status: number | null;
	readonly body?: string | undefined;
	readonly error?: unknown;
};

/** Same call: method and URL without query or fragment (retries, challenges, the two loggers of one request). */
function sameCall(a: Judged, b: Judged): boolean {
	const base = (url: string) =>
		url
			.replace(/[?#].*$/s, '')
			.replace(/:443(?=\/|$)/, '')
			.toLowerCase();
	return a.method === b.method && base(a.url) === base(b.url);
}

/** Failed: a status of 400 or more, a sign-in error it delivered, or no answer but an error in its place. */
export function failed(exchange: Judged): boolean {
	return (
		exchange.error !== undefined ||
		(exchange.status !== null && exchange.status >= 400) ||
		(exchange.status === null && exchange.body !== undefined)
	);
}

/**
The failing exchange: the last that failed unless a later exchange of the same call succeeded,
which makes it a step of the protocol: a Key Vault or Arc challenge answered with a token,
device-code polling, a retry. `accept` narrows the candidates (the calls a replay may send), while
every exchange still counts as an answer.
*/
export function pickFailing<T extends Judged>(
	exchanges: readonly T[],
	accept: (exchange: T) => boolean = () => true,
): T | undefined {
	for (let index = exchanges.length - 1; index >= 0; index--) {
		const exchange = exchanges[index]!;
		if (!failed(exchange) || !accept(exchange)) continue;
		const answered = exchanges
			.slice(index + 1)
			.some(later => sameCall(later, exchange) && later.status !== null && later.status < 400 && !later.error);
		if (!answered) return exchange;
	}

	return undefined;
}

/** Claims worth showing about a token that was sent; names, e-mail addresses and addresses stay out. */
const shownClaims = [
	'aud',
	'iss',
	'tid',
	'appid',
	'azp',
	'oid',
	'sub',
	'idtyp',
	'scp',
	'roles',
	'ver',
	'iat',
	'nbf',
	'exp',
	'xms_mirid',
	'xms_az_rid',
];

/** The bearer token in a request's raw Authorization header, decoded: its claims and fingerprint only. */
export function sentTokenOf(exchange: RawExchange | undefined): SentToken | undefined {
	const value = exchange?.requestHeaders.authorization;
	const token = value ? /^\s*(?:Bearer|PoP)\s+(eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*)\s*$/i.exec(value)?.[1] : undefined;
	if (!token) return undefined;
	try {
		const decoded = decodeJwt(token);
		const claims: Record<string, unknown> = {};
		for (const name of shownClaims) if (decoded.claims[name] !== undefined) claims[name] = decoded.claims[name];
		return {fingerprint: decoded.fingerprint, claims, entities: tokenEntities(token)};
	} catch {
		return undefined;
	}
}
