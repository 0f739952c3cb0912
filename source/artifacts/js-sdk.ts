/**
The Azure SDK for JavaScript's log (`AZURE_LOG_LEVEL`, @azure/logger): `azure:<package>[ <sub>]:<level>
<message>`, no timestamp (a host may add one). The pipeline's `Request: {…}` is pretty JSON over the
following lines (closing `}` at column 0), then `Response status code: 403` and `Headers: {…}`.
Bodies are never logged: the error text is in the exception the program printed.
*/
import {type RawExchange, rawExchange, setHeader} from './exchange.ts';
import {errorRecords} from './lines.ts';

const namespace = /^(?:\d{4}-\d\d-\d\dT[\d:.]+Z\s+)?azure:([\w-]+)(?: [\w-]+)?:(?:verbose|info|warning|error) ?(.*)$/;

function isRecordStart(line: string): boolean {
	return namespace.test(line);
}

/** The JSON that opens at the end of line `index` and closes with `}` at column 0; `end` is its last line. */
function readJson(lines: readonly string[], index: number): {value: unknown; end: number} {
	const parts = ['{'];
	let end = index;
	while (end + 1 < lines.length && !isRecordStart(lines[end + 1]!)) {
		end++;
		parts.push(lines[end]!);
		if (lines[end] === '}') break;
	}

	const text = parts.join('\n');
	try {
		return {value: JSON.parse(text), end};
	} catch {
		// Truncated or interleaved: the fields that matter, read one by one.
		const field = (name: string) => new RegExp(`"${name}":\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(text)?.[1];
		const headers: Record<string, string> = {};
		for (const pair of text.matchAll(/^\s+"([\w-]+)":\s*"((?:[^"\\]|\\.)*)",?$/gm)) headers[pair[1]!] = pair[2]!;
		return {value: {url: field('url'), method: field('method'), headers}, end};
	}
}

function headersOf(value: unknown): Record<string, string> {
	const record = (value ?? {}) as Record<string, unknown>;
	const map = (record._headersMap ?? record) as Record<string, unknown>;
	const headers: Record<string, string> = {};
	for (const [name, item] of Object.entries(map)) {
		if (typeof item === 'string' || typeof item === 'number') headers[name] = String(item);
		else if (item && typeof item === 'object' && 'value' in item)
			headers[name] = String((item as {value: unknown}).value);
	}

	return headers;
}

export function readJsSdk(lines: readonly string[]): {exchanges: RawExchange[]; errors: string[]} {
	const exchanges: RawExchange[] = [];
	/** The request each package's pipeline logged last, waiting for its status. */
	const open = new Map<string, RawExchange>();
	let answered: RawExchange | undefined;
	for (let index = 0; index < lines.length; index++) {
		const match = namespace.exec(lines[index]!);
		if (!match) continue;
		const [, pkg, message] = match as unknown as [string, string, string];
		if (message === 'Request: {') {
			const {value, end} = readJson(lines, index);
			const request = (value ?? {}) as {url?: unknown; method?: unknown; headers?: unknown};
			if (typeof request.url === 'string') {
				const exchange = rawExchange(
					typeof request.method === 'string' ? request.method : 'GET',
					request.url,
					index + 1,
				);
				for (const [name, item] of Object.entries(headersOf(request.headers)))
					setHeader(exchange.requestHeaders, name, item);
				exchanges.push(exchange);
				open.set(pkg, exchange);
			}

			index = end;
		} else if (/^Response status code: \d{3}/.test(message)) {
			answered = open.get(pkg);
			if (answered) {
				answered.status = Number(/\d{3}/.exec(message)![0]);
				open.delete(pkg);
			}
		} else if (message === 'Headers: {') {
			const {value, end} = readJson(lines, index);
			if (answered)
				for (const [name, item] of Object.entries(headersOf(value))) setHeader(answered.responseHeaders, name, item);
			answered = undefined;
			index = end;
		}
	}

	const message = (line: string) => namespace.exec(line)?.[2] ?? line;
	return {exchanges, errors: errorRecords(lines, {isRecordStart, message})};
}
