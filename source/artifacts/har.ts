/**
A browser's HAR export (HAR 1.2: `log.entries[]` with `request` and `response`). A sign-in fails
in ways that are not an HTTP error: Entra shows its error page with status 200 (`$Config` with
`iErrorCode` and `strServiceExceptionMessage`), or hands the error to the app in a redirect
(`location: …?error=…&error_description=…`, also in the fragment), or in a form_post page (hidden
`error` inputs) that the browser then posts to the app. Those are read as the exchange's error. Only
the error is kept of an HTML page: its hidden inputs and `$Config` carry codes, ID tokens and
session state.
*/
import {decodeHtmlEntities} from '../explain/normalize.ts';
import {type RawExchange, rawExchange} from './exchange.ts';
import {parseParameters} from './sanitize.ts';

type NameValue = {name?: unknown; value?: unknown};
type HarEntry = {
	request?: {method?: unknown; url?: unknown; headers?: NameValue[]; postData?: {text?: unknown; mimeType?: unknown}};
	response?: {
		status?: unknown;
		headers?: NameValue[];
		content?: {text?: unknown; encoding?: unknown; mimeType?: unknown};
		redirectURL?: unknown;
	};
};

/** The entries when the text is a HAR document; undefined otherwise. */
export function harEntries(text: string): HarEntry[] | undefined {
	if (!/^\s*\{/.test(text) || !text.includes('"entries"')) return undefined;
	try {
		const entries = (JSON.parse(text) as {log?: {entries?: unknown}}).log?.entries;
		return Array.isArray(entries) ? (entries as HarEntry[]) : undefined;
	} catch {
		return undefined;
	}
}

function headerMap(list: NameValue[] | undefined): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const {name, value} of list ?? []) {
		if (typeof name !== 'string' || typeof value !== 'string' || name.startsWith(':')) continue;
		const key = name.toLowerCase();
		headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
	}

	return headers;
}

/** The error a redirect carries in its query or fragment. */
function redirectError(location: string): RawExchange['error'] {
	const [, query = '', fragment = ''] = /^[^?#]*(?:\?([^#]*))?(?:#(.*))?$/s.exec(location) ?? [];
	for (const part of [query, fragment]) {
		const parameters = parseParameters(part);
		if (parameters.error)
			return {
				code: parameters.error,
				...(parameters.error_description ? {description: parameters.error_description} : {}),
			};
	}

	return undefined;
}

/** A string value of `$Config` (a JSON string, so JSON's escapes). */
function configValue(html: string, name: string): string | undefined {
	const raw = new RegExp(`"${name}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|\\d+)`).exec(html)?.[1];
	if (raw === undefined) return undefined;
	try {
		const value = JSON.parse(raw) as unknown;
		return String(value);
	} catch {
		return undefined;
	}
}

/** The error an HTML page shows or posts on: Entra's error page, a credential error, a form_post. */
function pageError(html: string): {error: NonNullable<RawExchange['error']>; details: string[]} | undefined {
	const input = (name: string) => {
		const tag = new RegExp(`<input[^>]*\\bname=["']${name}["'][^>]*>`, 'i').exec(html)?.[0];
		const value = tag ? /\bvalue=(?:"([^"]*)"|'([^']*)')/i.exec(tag) : undefined;
		return value ? decodeHtmlEntities(value[1] ?? value[2] ?? '') : undefined;
	};

	const posted = input('error');
	if (posted) {
		const description = input('error_description');
		return {error: {code: posted, ...(description ? {description} : {})}, details: []};
	}

	const service = configValue(html, 'strServiceExceptionMessage');
	const code = configValue(html, 'iErrorCode');
	if (service || (code && code !== '0')) {
		const details = ['correlationId', 'strTimestamp', 'sessionId']
			.map(name => [name, configValue(html, name)] as const)
			.filter(([name, value]) => value && name !== 'sessionId')
			.map(([name, value]) => `${name === 'correlationId' ? 'Correlation ID' : 'Timestamp'}: ${value}`);
		return {
			error: {
				code: code ? `AADSTS${code}` : (/AADSTS\d+/.exec(service ?? '')?.[0] ?? 'error'),
				...(service ? {description: service} : {}),
			},
			details,
		};
	}

	const credential = configValue(html, 'sErrorCode');
	if (credential && credential !== '0') {
		const text = configValue(html, 'sErrTxt');
		return {error: {code: `AADSTS${credential}`, ...(text ? {description: text} : {})}, details: []};
	}

	return undefined;
}

function contentText(content: NonNullable<HarEntry['response']>['content']): string | undefined {
	if (typeof content?.text !== 'string' || content.text === '') return undefined;
	if (content.encoding !== 'base64') return content.text;
	const mime = typeof content.mimeType === 'string' ? content.mimeType : '';
	return /json|text|html|xml|javascript|x-www-form-urlencoded/i.test(mime)
		? Buffer.from(content.text, 'base64').toString('utf8')
		: undefined;
}

export function readHar(entries: readonly HarEntry[]): {exchanges: RawExchange[]; errors: string[]} {
	const exchanges: RawExchange[] = [];
	entries.forEach((entry, index) => {
		const {request, response} = entry;
		if (typeof request?.url !== 'string') return;
		const exchange = rawExchange(typeof request.method === 'string' ? request.method : 'GET', request.url, index + 1);
		exchange.requestHeaders = headerMap(request.headers);
		exchange.responseHeaders = headerMap(response?.headers);
		const status = typeof response?.status === 'number' ? response.status : 0;
		// 0: cancelled or blocked before an answer (Chrome's `_error`, mostly net::ERR_ABORTED as one
		// navigation replaces another): no status to judge, and no failure.
		exchange.status = status > 0 ? status : null;
		const posted = typeof request.postData?.text === 'string' ? request.postData.text : undefined;
		if (posted) exchange.requestBody = posted;

		const location =
			exchange.responseHeaders.location ?? (typeof response?.redirectURL === 'string' ? response.redirectURL : '');
		const text = contentText(response?.content);
		const mime = typeof response?.content?.mimeType === 'string' ? response.content.mimeType : '';
		const page = text && /html/i.test(mime) ? pageError(text) : undefined;
		const postedError = posted && /(?:^|&)error=/.test(posted) ? redirectError(`?${posted}`) : undefined;
		const error = (location ? redirectError(location) : undefined) ?? page?.error ?? postedError;
		if (error) {
			exchange.error = error;
			exchange.body = [
				`error: ${error.code}`,
				...(error.description ? [`error_description: ${error.description}`] : []),
				...(page?.details ?? []),
			].join('\n');
		} else if (text && !/html/i.test(mime)) {
			exchange.body = text;
		}

		exchanges.push(exchange);
	});

	return {exchanges, errors: []};
}
