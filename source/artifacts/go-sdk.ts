/**
The Azure SDK for Go's log (`AZURE_SDK_GO_LOGGING=all`): `[Jun 20 08:24:01.505467] Response: ==>
REQUEST/RESPONSE (Try=1/…) -- RESPONSE RECEIVED`, then the request again (`   GET <url>` and its
headers, indented three spaces), a dashed line, `   RESPONSE Status: 500 …` and the response
headers, and, with IncludeBody, the body between dashed lines. Also the error text Go programs
print (azcore's ResponseError, azidentity's AuthenticationFailedError): `GET <url>`, dashes,
`RESPONSE 401 Unauthorized`, dashes, the body. Terraform's azapi provider logs the same records.
*/
import {type RawExchange, rawExchange, setHeader} from './exchange.ts';
import {errorRecords, headerLine} from './lines.ts';

const recordLine = /^(?:\[DEBUG\] )?\[?[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d\.\d{6}\]? (\w+): ?(.*)$/;
const dashes = /^\s*-{20,}\s*$/;
const requestLine = /^\s*([A-Z]{3,7}) (https?:\/\/\S+)\s*$/;

export function isGoRecordStart(line: string): boolean {
	return recordLine.test(line);
}

/** The dump after a Response record's first line: up to a blank line or the next record. */
function dumpOf(lines: readonly string[], index: number): {dump: string[]; end: number} {
	const dump: string[] = [];
	let end = index;
	while (end + 1 < lines.length && lines[end + 1]!.trim() !== '' && !recordLine.test(lines[end + 1]!)) {
		end++;
		dump.push(lines[end]!);
	}

	return {dump, end};
}

/** `METHOD URL`, headers, dashes, `RESPONSE …`, headers, dashes, body, dashes: as one exchange. */
function exchangeOf(dump: readonly string[], at: number, transportError: boolean): RawExchange | undefined {
	const first = requestLine.exec(dump[0] ?? '');
	if (!first) return undefined;
	const exchange = rawExchange(first[1]!, first[2]!, at);
	let part: 'request' | 'response' | 'body' | 'done' = 'request';
	const body: string[] = [];
	for (const line of dump.slice(1)) {
		if (dashes.test(line)) {
			part = part === 'request' ? 'response' : part === 'response' ? 'body' : 'done';
			continue;
		}

		if (part === 'body') {
			body.push(line);
			continue;
		}

		const status = /^\s*RESPONSE (?:Status: )?(\d{3})\b/.exec(line);
		if (status) {
			exchange.status = Number(status[1]);
			continue;
		}

		const header = part === 'request' || part === 'response' ? headerLine(line) : undefined;
		if (header && !/^(?:Request contained no body|ERROR CODE)$/i.test(header[0]))
			setHeader(part === 'request' ? exchange.requestHeaders : exchange.responseHeaders, header[0], header[1]);
		else if (transportError && part === 'request' && line.trim() !== '') body.push(line.trim());
	}

	if (body.length > 0) exchange.body = body.join('\n');
	return exchange;
}

export function readGoSdk(lines: readonly string[]): {exchanges: RawExchange[]; errors: string[]} {
	const exchanges: RawExchange[] = [];
	for (let index = 0; index < lines.length; index++) {
		const record = recordLine.exec(lines[index]!);
		if (record && record[1] === 'Response' && /REQUEST\/RESPONSE/.test(record[2]!)) {
			const {dump, end} = dumpOf(lines, index);
			const exchange = exchangeOf(dump, index + 1, /REQUEST ERROR/.test(record[2]!));
			if (exchange) exchanges.push(exchange);
			index = end;
		} else if (!record && requestLine.test(lines[index]!) && dashes.test(lines[index + 1] ?? '')) {
			// The error text of azcore/azidentity: up to the third dashed line.
			const dump = [lines[index]!];
			let end = index;
			let seen = 0;
			while (end + 1 < lines.length && seen < 3) {
				end++;
				dump.push(lines[end]!);
				if (dashes.test(lines[end]!)) seen++;
			}

			const exchange = exchangeOf(dump, index + 1, false);
			if (exchange?.status !== null && exchange) exchanges.push(exchange);
			index = end;
		}
	}

	const message = (line: string) => recordLine.exec(line)?.[2] ?? line;
	return {exchanges, errors: errorRecords(lines, {isRecordStart: isGoRecordStart, message})};
}
