/**
Structure first: a reader knows which part of a request is a header, a cookie, a query or fragment
parameter or a form field, so the sign-in material the formats carry there is replaced by a marker
by name, wherever it sits, before an exchange leaves the reader. `redactSecrets` still runs on
everything that is printed or saved (its patterns catch what no name announces: a JWT in a body, a
key in a message).
*/
import {keyHeaderNames, redactionMarker} from '../safety/redact.ts';

/** Headers whose value is a credential or a session. */
const secretHeaders = new Set([
	'authorization',
	'proxy-authorization',
	'x-ms-authorization-auxiliary',
	'cookie',
	'set-cookie',
	'x-ms-refreshtokencredential',
	'x-ms-devicecredential',
	'x-ms-token-aad-access-token',
	'x-ms-token-aad-id-token',
	'x-ms-token-aad-refresh-token',
	...keyHeaderNames,
	'x-identity-header',
	'secret',
	'client_assertion',
	'client-assertion',
]);

/**
Parameters (query, fragment, form field) whose value is a credential, a code to redeem, a session
or sign-in state, or the user's name: every place the HAR and log formats put them (the research
notes' list of where secrets hide).
*/
const secretParameters = new Set(
	[
		'code',
		'id_token',
		'access_token',
		'refresh_token',
		'client_secret',
		'client_assertion',
		'assertion',
		'subject_token',
		'actor_token',
		'device_code',
		'user_code',
		'code_verifier',
		'password',
		'passwd',
		'pwd',
		'otc',
		'samlrequest',
		'samlresponse',
		'relaystate',
		'wresult',
		'wctx',
		'session_state',
		'client_info',
		'state',
		'nonce',
		'sig',
		'flowtoken',
		'ctx',
		'canary',
		'sft',
		'sctx',
		'login',
		'loginfmt',
		'login_hint',
		'username',
		'subscription-key',
		'apikey',
		'api_key',
	].map(name => name.toLowerCase()),
);

/** Values a tool already masked: kept as they are (they tell that a value was there). */
const masked = /^(?:\*+|REDACTED|\[redacted[^\]]*\]|<redacted>|<jwt>|\{\})$/i;

export function isSecretHeader(name: string): boolean {
	return secretHeaders.has(name.toLowerCase());
}

export function isSecretParameter(name: string): boolean {
	return secretParameters.has(name.toLowerCase());
}

/** A header's value as it may be shown: credentials become a marker (the scheme word of Authorization stays). */
export function cleanHeaderValue(name: string, value: string): string {
	const lower = name.toLowerCase();
	if (lower === 'location' || lower === 'referer' || lower === 'content-location') return cleanUrl(value);
	if (!isSecretHeader(lower) || masked.test(value.trim())) return value;
	const scheme = /^(Bearer|Basic|PoP|Negotiate|Digest|SharedKey)\s+(.+)$/i.exec(value.trim());
	if (scheme) return masked.test(scheme[2]!) ? value : `${scheme[1]} ${redactionMarker(scheme[2]!)}`;
	return redactionMarker(value);
}

export function cleanHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
	const cleaned: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) cleaned[name] = cleanHeaderValue(name, value);
	return cleaned;
}

/** `a=1&code=…&b=2` with the values of secret parameters replaced (names and order kept, encoding kept). */
export function cleanParameters(text: string): string {
	return text
		.split('&')
		.map(pair => {
			const at = pair.indexOf('=');
			if (at <= 0) return pair;
			const name = safeDecode(pair.slice(0, at));
			const value = pair.slice(at + 1);
			if (!isSecretParameter(name) || value === '' || masked.test(safeDecode(value))) return pair;
			// The marker stays readable in a shown URL; such a URL is never sent (replay refuses it).
			return `${pair.slice(0, at)}=${redactionMarker(safeDecode(value))}`;
		})
		.join('&');
}

/**
A URL as it may be shown: secret query and fragment parameters replaced, a password in it dropped.
Text that is not a URL goes through as it is (the caller's redaction still runs on it).
*/
export function cleanUrl(url: string): string {
	const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#\s]*)([^?#\s]*)(?:\?([^#\s]*))?(?:#(\S*))?$/i.exec(url.trim());
	if (!match) return url;
	const [, scheme, authority, path, query, fragment] = match;
	const host = authority!.includes('@')
		? `${authority!.slice(0, authority!.lastIndexOf('@')).split(':')[0]}@${authority!.slice(authority!.lastIndexOf('@') + 1)}`
		: authority!;
	return `${scheme}${host}${path}${query === undefined ? '' : `?${cleanParameters(query)}`}${fragment === undefined ? '' : `#${cleanParameters(fragment)}`}`;
}

/** A request body: form bodies lose their secret fields; other bodies go through (redacted on output). */
export function cleanBody(body: string): string {
	const trimmed = body.trim();
	if (/^[\w.%-]+=[^\s]*(?:&[\w.%-]+=[^\s]*)*$/.test(trimmed)) return cleanParameters(trimmed);
	return body;
}

/** Form or query text as name → decoded value (`+` is a space). */
export function parseParameters(text: string): Record<string, string> {
	const parameters: Record<string, string> = {};
	for (const pair of text.split('&')) {
		const at = pair.indexOf('=');
		if (at <= 0) continue;
		parameters[safeDecode(pair.slice(0, at))] = safeDecode(pair.slice(at + 1).replaceAll('+', ' '));
	}

	return parameters;
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
