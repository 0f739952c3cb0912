/**
Line-level helpers the log readers share: lines without colour codes, header lines, statuses named
by their reason phrase, and the error records of a log (exception text, `ERROR` records, AADSTS
lines), which carry what a request trace leaves out.
*/
import {stripTerminalEscapes} from '../explain/normalize.ts';

/** The text's lines: Windows line ends, colour codes and stray control characters gone. */
export function linesOf(text: string): string[] {
	return text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map(line => stripTerminalEscapes(line));
}

/** `Name: value` or `Name:value` (the .NET form); undefined for anything else. */
export function headerLine(line: string): [string, string] | undefined {
	const match = /^\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*:\s?(.*)$/.exec(line);
	if (!match || /^https?$/i.test(match[1]!)) return undefined;
	return [match[1]!, match[2]!.trim()];
}

const reasons: Readonly<Record<string, number>> = {
	ok: 200,
	created: 201,
	accepted: 202,
	nocontent: 204,
	found: 302,
	badrequest: 400,
	unauthorized: 401,
	forbidden: 403,
	notfound: 404,
	conflict: 409,
	preconditionfailed: 412,
	toomanyrequests: 429,
	internalservererror: 500,
	badgateway: 502,
	serviceunavailable: 503,
	gatewaytimeout: 504,
};

/** `BadRequest`, `Bad Request`, `Forbidden` → the status. */
export function statusOfReason(reason: string): number | undefined {
	return reasons[reason.replace(/[\s_-]/g, '').toLowerCase()];
}

/** A line that opens an error record: an AADSTS code, an exception or error, a failed status in words. */
const errorLine =
	/\bAADSTS\d{5,}|\b(?:ERROR|CRITICAL|FATAL)\b|\bError:|\b\w*(?:Error|Exception)\b[:(]|\bStatusCode=[45]\d\d|\bStatus: [45]\d\d \(|^RESPONSE [45]\d\d\b|received HTTP status [45]\d\d|\bfailed to acquire\b|\bget_token failed\b/;

/** Lines that continue an error record: ids and times ESTS and ARM print, code and message lines. */
const continuation =
	/^\s*(?:Trace ID|Correlation ID|Timestamp|Code|Message|Target|Status|Inner error|ErrorCode|HTTP StatusCode|CorrelationId)\b|^\s*(?:\{|"|\}|at |\d+ -|[-─│]|\|)/;

/**
The error records of a log, in order, each the error line and the lines that continue it (at most
eight). Records already seen (tools print the same error twice) are left out; at most `limit`
records, the last ones kept (the final error is the one that ended the run).
*/
export function errorRecords(
	lines: readonly string[],
	options: {
		readonly isRecordStart: (line: string) => boolean;
		readonly message: (line: string) => string;
		readonly limit?: number;
	},
): string[] {
	const records: string[] = [];
	const seen = new Set<string>();
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index]!;
		// A traceback's source lines (`    raise HttpResponseError(…)`) name exceptions without being one.
		if (line.length > 8000 || !errorLine.test(line) || /^\s+(?:raise |File "|return |\^)/.test(line)) continue;
		const record = [options.message(line).trim()];
		let next = index + 1;
		while (
			next < lines.length &&
			record.length < 8 &&
			lines[next]!.trim() !== '' &&
			!options.isRecordStart(lines[next]!) &&
			(continuation.test(lines[next]!) || record.length === 1)
		) {
			record.push(lines[next]!.trim());
			next++;
		}

		const text = record.join('\n');
		// The same error printed again by another logger: same text after the logger's name.
		const key = text.replace(/^[\w.:\s-]*?(?=AADSTS|\(|\w+Error|\w+Exception)/, '').slice(0, 400);
		if (!seen.has(key)) {
			seen.add(key);
			records.push(text);
		}

		index = next - 1;
	}

	const limit = options.limit ?? 6;
	return records.length > limit ? records.slice(-limit) : records;
}

export type LineRule = readonly [pattern: RegExp, handle: (match: RegExpExecArray) => void];

/** Hands `text` to the first rule whose pattern matches it; false when none does. */
export function dispatch(text: string, rules: readonly LineRule[]): boolean {
	for (const [pattern, handle] of rules) {
		const match = pattern.exec(text);
		if (match) {
			handle(match);
			return true;
		}
	}

	return false;
}
