/**
The Azure SDK for .NET's events (Azure-Core, Azure-Identity) as the two usual listeners render
them: `[Informational] Azure-Core: Request [<id>] GET <url>` with `Name:value` header lines below
(AzureEventSourceListener), or `info: Azure.Core[1]` with the message indented six spaces below
(Microsoft.Extensions.Logging's console). `Error response [<id>] 401 Unauthorized (00.2s)` pairs with
its request by id; bodies appear only with content logging (`Error response [<id>] content: …`).
HttpClient's own records (`Start processing HTTP request POST <url>` … `End processing HTTP request
after 322ms - BadRequest`) are read too: they are the only trace of MSAL.NET's token requests.
*/
import {type RawExchange, rawExchange, setHeader} from './exchange.ts';
import {dispatch, errorRecords, headerLine, statusOfReason} from './lines.ts';

const listenerLine = /^\[(?:Verbose|Informational|Warning|Error|Critical|LogAlways)\] ([\w.-]+): ?(.*)$/;
const consoleLine = /^(?:trce|dbug|info|warn|fail|crit): ([\w.-]+)\[\d+\]\s*$/;
/** The debug/trace logger's `Category: Level: message`. */
const categoryLine = /^([\w.]+): (?:Trace|Debug|Information|Warning|Error|Critical): (.*)$/;

export function isDotnetRecordStart(line: string): boolean {
	return listenerLine.test(line) || consoleLine.test(line) || categoryLine.test(line);
}

type DotnetRecord = {readonly source: string; readonly lines: string[]; readonly at: number};

/** The records of the log: their source and message lines. */
function recordsOf(lines: readonly string[]): DotnetRecord[] {
	const records: DotnetRecord[] = [];
	let current: DotnetRecord | undefined;
	let indented = false;
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index]!;
		const listener = listenerLine.exec(line) ?? categoryLine.exec(line);
		const console = listener ? undefined : consoleLine.exec(line);
		if (listener) {
			current = {source: listener[1]!, lines: [listener[2]!], at: index + 1};
			indented = false;
			records.push(current);
		} else if (console) {
			current = {source: console[1]!, lines: [], at: index + 1};
			indented = true;
			records.push(current);
		} else if (current && (indented ? /^ {6}/.test(line) : line.trim() !== '')) {
			current.lines.push(indented ? line.slice(6) : line);
		} else {
			current = undefined;
		}
	}

	return records;
}

export function readDotnetSdk(lines: readonly string[]): {exchanges: RawExchange[]; errors: string[]} {
	const exchanges: RawExchange[] = [];
	const byId = new Map<string, RawExchange>();
	let httpClient: RawExchange | undefined;
	for (const record of recordsOf(lines)) {
		const [first = '', ...rest] = record.lines;
		const headersInto = (headers: Record<string, string>) => {
			for (const line of rest) {
				const header = headerLine(line);
				if (header && header[0] !== 'client assembly') setHeader(headers, header[0], header[1]);
			}
		};

		dispatch(first, [
			[
				/^Request \[([^\]]+)\] ([A-Z]+) (\S+)/,
				([, id, method, url]) => {
					// A retry logs the request again under the same id: the latest attempt is the exchange.
					const exchange = rawExchange(method!, url!, record.at);
					headersInto(exchange.requestHeaders);
					byId.set(id!, exchange);
					exchanges.push(exchange);
				},
			],
			[
				/^(?:Error response|Response) \[([^\]]+)\] content(?: block \d+)?: ?(.*)$/,
				([, id, content]) => {
					const exchange = byId.get(id!);
					if (exchange) exchange.body = [exchange.body ?? '', content!, ...rest].join('\n').trim();
				},
			],
			[
				/^Request \[([^\]]+)\] content: ?(.*)$/,
				([, id, content]) => {
					const exchange = byId.get(id!);
					if (exchange) exchange.requestBody = [content!, ...rest].join('\n');
				},
			],
			[
				/^(?:Error response|Response) \[([^\]]+)\] (\d{3})\b/,
				([, id, status]) => {
					const exchange = byId.get(id!);
					if (!exchange) return;
					exchange.status = Number(status);
					headersInto(exchange.responseHeaders);
				},
			],
			[
				/^Request \[([^\]]+)\] exception (.*)$/s,
				([, id, exception]) => {
					const exchange = byId.get(id!);
					if (exchange) exchange.body = [exception!, ...rest].join('\n');
				},
			],
			[
				/(?:Start processing|Sending) HTTP request ([A-Z]+) (\S+)/,
				([, method, url]) => {
					// HttpClient logs one request twice (the logical and the client handler).
					if (!httpClient || httpClient.status !== null || httpClient.url !== url) {
						httpClient = rawExchange(method!, url!, record.at);
						exchanges.push(httpClient);
					}
				},
			],
			[
				/(?:End processing HTTP request|Received HTTP response) after [\d.]+ms - (\w+)/,
				([, reason]) => {
					const status = statusOfReason(reason!) ?? (/^\d{3}$/.test(reason!) ? Number(reason) : undefined);
					if (httpClient && status !== undefined) httpClient.status = status;
				},
			],
		]);
	}

	const message = (line: string) =>
		(listenerLine.exec(line) ?? categoryLine.exec(line))?.[2] ?? line.replace(/^ {6}/, '');
	return {exchanges, errors: errorRecords(lines, {isRecordStart: isDotnetRecordStart, message})};
}
