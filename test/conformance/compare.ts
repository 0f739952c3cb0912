/**
Compares a recorded response with the sandbox's answer to the same request: status, header names,
WWW-Authenticate parameters, JSON field names and types, the values that name the error (`error`,
`suberror`, `error_codes`, `error.code`) and the message templates. Ids, GUIDs, quoted values, hosts
and times differ by nature and are masked (`templateOf`); everything else must match or be listed,
with a reason, as a known difference.
*/
import type {RecordedResponse} from './corpus.ts';

/** What the sandbox answered: status, lower-case header names, the body parsed when it is JSON. */
export type Answer = {
	readonly status: number;
	readonly headers: Readonly<Record<string, string>>;
	readonly body: unknown;
};

/** One place where the sandbox does not answer as recorded. `key` names it stably; `detail` shows it. */
export type Difference = {readonly key: string; readonly detail: string};

/**
Headers of Microsoft's front ends that say nothing about authentication: dates, servers, cookies,
telemetry, caching and throttling counters, CORS. No client (and no check of authfix) reads them,
so the sandbox need not send them.
*/
export const infrastructureHeaders: readonly RegExp[] = [
	/^date$/,
	/^server$/,
	/^connection$/,
	/^transfer-encoding$/,
	/^content-length$/,
	/^set-cookie$/,
	/^p3p$/,
	/^x-content-type-options$/,
	/^x-xss-protection$/,
	/^x-powered-by$/,
	/^x-aspnet-version$/,
	/^x-ms-ests-server$/,
	/^x-ms-clitelem$/,
	/^x-ms-srs$/,
	/^x-ms-ags-diagnostic$/,
	/^x-ms-keyvault-/,
	/^x-ms-ratelimit-remaining-/,
	/^x-cache$/,
	/^nel$/,
	/^report-to$/,
	/^vary$/,
	/^access-control-allow-methods$/,
	/^pragma$/,
	/^content-disposition$/,
	/^strict-transport-security$/,
	/^expires$/,
	/^cache-control$/,
	/^retry-after$/,
];

const guid = /[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}/gi;

/**
A message with its variable parts masked, so two answers compare by wording alone: quoted values
('…', with the doubled quotes some recorders leave), URL origins, GUIDs, Entra and ARM times, hex
thumbprints and user codes, and the placeholders recorders and reporters put in (`<…>`, `[REDACTED]`, `{id}`,
`xxxx-…`). Whitespace (CRLF or a space before `Trace ID:`, the 2021 and 2025 separators) folds to
one space.
*/
export function templateOf(text: string): string {
	return text
		.replaceAll(/(?<![A-Za-z])'+[^']*'+(?![A-Za-z])/g, "'{}'")
		.replaceAll(/(https?:\/\/[^/\s'",\]]+)([^\s'",\]?]*)\?[^\s'",\]]+/g, '$1$2?{query}')
		.replaceAll(/https?:\/\/[^/\s'",\]]+/g, '{origin}')
		.replaceAll(guid, '{guid}')
		.replaceAll(/\b[x*]{4,}(?:-[x*]{3,})*\b|\[REDACTED\]|<[^<>\s][^<>]*>|\{id\}/gi, '{guid}')
		.replaceAll(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?Z?/g, '{time}')
		.replaceAll(/\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d:\d\d [AP]M/g, '{time}')
		.replaceAll(/\b(?!AADSTS)[A-Z\d]{8,}\b/g, '{code}')
		.replaceAll(/\s*(Trace ID:|Correlation ID:|Timestamp:)/g, ' $1')
		.replaceAll(/\s+/g, ' ')
		.trim();
}

/** `Bearer a="x", b="y"` (or Storage's unquoted, space-separated form) as its scheme and parameters. */
export function parseChallenge(header: string): {scheme: string; parameters: Array<[string, string]>} {
	const scheme = /^\s*(\S+)/.exec(header)?.[1] ?? '';
	const parameters: Array<[string, string]> = [];
	for (const match of header
		.slice(header.indexOf(scheme) + scheme.length)
		.matchAll(/([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]+)/g)) {
		const value = match[2]!;
		parameters.push([match[1]!, value.startsWith('"') ? value.slice(1, -1) : value]);
	}

	return {scheme, parameters};
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeOf(value) === 'object';
}

/** Field names and JSON types, recursively; arrays by their first element. */
function shapeDifferences(recorded: unknown, actual: unknown, path: string, extras: boolean): Difference[] {
	const recordedType = typeOf(recorded);
	const actualType = typeOf(actual);
	if (recordedType !== actualType) {
		return [{key: `type:${path}`, detail: `${path}: recorded ${recordedType}, sandbox ${actualType}`}];
	}

	if (isObject(recorded) && isObject(actual)) {
		const differences: Difference[] = [];
		for (const name of Object.keys(recorded)) {
			const at = path ? `${path}.${name}` : name;
			if (!(name in actual))
				differences.push({key: `field:${at}`, detail: `${at}: recorded, not in the sandbox's answer`});
			else differences.push(...shapeDifferences(recorded[name], actual[name], at, extras));
		}

		if (extras) {
			for (const name of Object.keys(actual)) {
				const at = path ? `${path}.${name}` : name;
				if (!(name in recorded)) differences.push({key: `extra:${at}`, detail: `${at}: in the sandbox's answer only`});
			}
		}

		return differences;
	}

	if (Array.isArray(recorded) && Array.isArray(actual) && recorded.length > 0 && actual.length > 0) {
		return shapeDifferences(recorded[0], actual[0], `${path}[]`, extras);
	}

	return [];
}

/** Values that name the error: compared exactly. */
const codePaths = ['error', 'suberror', 'error_codes', 'error.code', 'code', 'odata.error.code', 'statusCode'];
/** Human messages: compared by template. */
const messagePaths = ['error_description', 'error.message', 'message', 'Message', 'odata.error.message.value'];

function at(value: unknown, path: string): unknown {
	let current: unknown = value;
	for (const name of path.split('.')) {
		if (!isObject(current)) return undefined;
		current = current[name];
	}

	return current;
}

/** A body recorded as text: JSON when it parses; else the text with truncation marks removed. */
function readRecordedBody(body: unknown): {json: unknown; text?: string} {
	if (typeof body !== 'string') return {json: body};
	try {
		return {json: JSON.parse(body)};
	} catch {
		return {json: undefined, text: body.replace(/\s*(?:\(truncated\.\.\.\)|\.{4,}|…)\s*("\s*\})?\s*$/, '')};
	}
}

/**
The message a text body carries: the `error_description` or `message` of cut-off JSON, or the text
itself; undefined for cut-off JSON that shows no message.
*/
function messageOfText(text: string): {path: string; message: string} | undefined {
	const field = /"(error_description|message)"\s*:\s*"((?:[^"\\]|\\.)*)/.exec(text);
	if (!field) return /^\s*[{"]/.test(text) ? undefined : {path: '', message: text};
	let message = field[2]!;
	try {
		message = JSON.parse(`"${message.replace(/\\$/, '')}"`) as string;
	} catch {}
	return {path: field[1]!, message};
}

function messageOf(body: unknown, preferred: string): string | undefined {
	for (const path of preferred ? [preferred, ...messagePaths] : messagePaths) {
		const value = at(body, path);
		if (typeof value === 'string') return value;
	}

	return undefined;
}

function headersOf(response: RecordedResponse): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(response.headers ?? {})) {
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}

	return headers;
}

function challengeDifferences(recorded: string, actual: string | undefined): Difference[] {
	if (actual === undefined)
		return [{key: 'header:www-authenticate', detail: `recorded ${recorded}; the sandbox sent none`}];
	const a = parseChallenge(recorded);
	const b = parseChallenge(actual);
	const differences: Difference[] = [];
	if (a.scheme.toLowerCase() !== b.scheme.toLowerCase()) {
		differences.push({key: 'challenge:scheme', detail: `recorded ${a.scheme}, sandbox ${b.scheme}`});
	}

	const names = (challenge: typeof a) => challenge.parameters.map(([name]) => name).join(', ');
	if (names(a) !== names(b)) {
		differences.push({key: 'challenge:parameters', detail: `recorded ${names(a)}; sandbox ${names(b)}`});
	}

	for (const [name, value] of a.parameters) {
		const other = b.parameters.find(([candidate]) => candidate === name)?.[1];
		if (other !== undefined && templateOf(value) !== templateOf(other)) {
			differences.push({
				key: `challenge:${name}`,
				detail: `recorded ${templateOf(value)}; sandbox ${templateOf(other)}`,
			});
		}
	}

	return differences;
}

/**
Every difference between a recorded response and the sandbox's answer. A recording that shows only
the inner error object (`{code, message}` from a deployment's details) is compared with the
sandbox's inner error object, and fields the recording does not show are not counted as extras.
*/
export function compareAnswer(recorded: RecordedResponse, answer: Answer): Difference[] {
	const differences: Difference[] = [];
	if (recorded.status !== null && recorded.status !== answer.status) {
		differences.push({key: 'status', detail: `recorded ${recorded.status}, sandbox ${answer.status}`});
	}

	const recordedHeaders = headersOf(recorded);
	for (const name of Object.keys(recordedHeaders)) {
		if (name === 'www-authenticate' || infrastructureHeaders.some(pattern => pattern.test(name))) continue;
		if (!(name in answer.headers)) differences.push({key: `header:${name}`, detail: `${name}: recorded, not sent`});
	}

	const challenge = recordedHeaders['www-authenticate'];
	if (challenge !== undefined) differences.push(...challengeDifferences(challenge, answer.headers['www-authenticate']));
	else if (Object.keys(recordedHeaders).length > 0 && answer.headers['www-authenticate'] !== undefined) {
		differences.push({
			key: 'header-extra:www-authenticate',
			detail: `the sandbox sent ${answer.headers['www-authenticate']}; the recording has none`,
		});
	}

	const {json, text} = readRecordedBody(recorded.body);
	if (recorded.body === null || recorded.body === undefined || recorded.body === '') return differences;
	if (text !== undefined) {
		// Cut off, shortened or only a message: its wording must begin the sandbox's.
		const found = messageOfText(text);
		if (!found) return differences;
		const {path, message} = found;
		const theirs = messageOf(answer.body, path);
		const recordedTemplate = templateOf(message);
		if (theirs === undefined || !templateOf(theirs).startsWith(recordedTemplate)) {
			differences.push({
				key: 'message',
				detail: `recorded ${recordedTemplate}\n    sandbox  ${theirs === undefined ? '(no message)' : templateOf(theirs)}`,
			});
		}

		return differences;
	}

	const inner = isObject(json) && !('error' in json) && !('odata.error' in json) && isObject(at(answer.body, 'error'));
	const actual = inner ? at(answer.body, 'error') : answer.body;
	differences.push(...shapeDifferences(json, actual, '', !inner));
	for (const path of codePaths) {
		const value = at(json, path);
		if (value === undefined || typeOf(value) === 'object') continue;
		const theirs = at(actual, path);
		if (theirs !== undefined && JSON.stringify(value) !== JSON.stringify(theirs)) {
			differences.push({
				key: `value:${path}`,
				detail: `${path}: recorded ${JSON.stringify(value)}, sandbox ${JSON.stringify(theirs)}`,
			});
		}
	}

	for (const path of messagePaths) {
		const value = at(json, path);
		const theirs = at(actual, path);
		if (typeof value !== 'string' || typeof theirs !== 'string') continue;
		if (templateOf(value) !== templateOf(theirs)) {
			differences.push({
				key: `message:${path}`,
				detail: `recorded ${templateOf(value)}\n    sandbox  ${templateOf(theirs)}`,
			});
		}
	}

	return differences;
}

/** Whether a difference is one a case lists: by its key, or by a listed prefix ending in `*`. */
export function isListed(difference: Difference, listed: Readonly<Record<string, string>>): boolean {
	return Object.keys(listed).some(key =>
		key.endsWith('*') ? difference.key.startsWith(key.slice(0, -1)) : key === difference.key,
	);
}
