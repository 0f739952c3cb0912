/**
Terraform's debug log (`TF_LOG=DEBUG|TRACE`) of the azurerm, azuread and azapi providers. Lines are
`<time> [LEVEL] provider.terraform-provider-azurerm_v4.14.0_x5: <message>` (`plugin.` before
Terraform 0.15; a CI may put its own time in front). A provider's HTTP dump comes in two shapes:
every line prefixed, or one record whose first line is prefixed and whose last line ends with
hclog's `: timestamp=…`. azurerm (go-autorest and go-azure-sdk) dumps `AzureRM Request:` with the
request line and headers, and `AzureRM Response for <url>:` with the status line, headers and body;
azuread brackets its dumps with `Begin/End AzureAD Request/Response`; azapi logs azcore records
(go-sdk.ts) and one `Live traffic: {json}` line per exchange. Token requests appear only as
`[DEBUG] POST https://login…/token`; their failure is in the provider's error (`received HTTP
status 400 with response: {…}`). Old azurerm dumps kept `Authorization: Bearer …`.
*/
import {type RawExchange, rawExchange, setHeader} from './exchange.ts';
import {readGoSdk} from './go-sdk.ts';
import {dispatch, errorRecords, headerLine} from './lines.ts';

const prefix =
	/^(?:\d{4}-\d\d-\d\dT[\d:.]+Z\s+(?=\d{4}-\d\d-\d\dT))?\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)\s+\[(TRACE|DEBUG|INFO|WARN|ERROR)\]\s+[\w./@-]+?(?::\s?|\s*$)/;
const level = /^(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d )?\[(?:TRACE|DEBUG|INFO|WARN|ERROR)\] /;
const hclogSuffix = /:\s*(?:@?[\w.]+=(?:"[^"]*"|\S*)\s+)*timestamp="?[\dT:.+Z-]+"?\s*$/;

type Line = {readonly text: string; readonly start: boolean};

/**
The provider's messages: prefixes, level tags, hclog suffixes and the error box's borders gone. A
record Terraform logged at ERROR keeps that as an `Error:` in front (its error text has no other).
*/
function messagesOf(lines: readonly string[]): Line[] {
	return lines.map(line => {
		const match = prefix.exec(line);
		const text = (match ? line.slice(match[0].length) : line.replace(/^[│╷╵]\s?/, ''))
			.replace(level, '')
			.replace(hclogSuffix, '');
		return {text: match?.[1] === 'ERROR' && !/\bError:/.test(text) ? `Error: ${text}` : text, start: match !== null};
	});
}

const opener =
	/^(?:\w+ Request:|\w+ Response(?: for| Error:|:)|Live traffic:|=+ (?:Begin|End) AzureAD|Request to \S+ completed|(?:POST|GET) https?:\/\/|\[?[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d\.\d{6})/;

/** The dump after an opener: in the single-record shape up to the next prefixed line, else up to the next opener. */
function dumpAfter(lines: readonly Line[], index: number): {dump: string[]; end: number} {
	const singleRecord = lines[index + 1] !== undefined && !lines[index + 1]!.start;
	const dump: string[] = [];
	let end = index;
	while (end + 1 < lines.length) {
		const next = lines[end + 1]!;
		if (singleRecord ? next.start : opener.test(next.text)) break;
		end++;
		dump.push(next.text);
	}

	return {dump, end};
}

/** `HTTP/2.0 403 Forbidden` or a request line, then headers, a blank line, the body. */
function readHttpDump(dump: readonly string[], into: RawExchange, side: 'request' | 'response'): void {
	let index = 0;
	while (index < dump.length && dump[index]!.trim() === '') index++;
	const status = /^HTTP\/[\d.]+ (\d{3})/.exec(dump[index] ?? '');
	if (status) into.status = Number(status[1]);
	if (status || /^[A-Z]+ \S+ HTTP\/[\d.]+$/.test(dump[index] ?? '')) index++;
	for (; index < dump.length && dump[index]!.trim() !== ''; index++) {
		const header = headerLine(dump[index]!);
		if (header) setHeader(side === 'request' ? into.requestHeaders : into.responseHeaders, header[0], header[1]);
	}

	const body = dump
		.slice(index + 1)
		.join('\n')
		.replace(/=+ End AzureAD (?:Request|Response) =+\s*$/, '')
		.trim();
	if (body === '') return;
	if (side === 'request') into.requestBody = body;
	else into.body = body;
}

/** The URL of a dumped request: `https://` + Host + the request line's path. */
function urlOfRequestDump(dump: readonly string[]): {method: string; url: string} | undefined {
	const line = dump.map(text => /^([A-Z]+) (\S+) HTTP\/[\d.]+$/.exec(text.trim())).find(Boolean);
	const host = dump.map(text => /^Host:\s*(\S+)/i.exec(text.trim())?.[1]).find(Boolean);
	if (!line) return undefined;
	const target = line[2]!;
	if (/^https?:\/\//.test(target)) return {method: line[1]!, url: target};
	return host ? {method: line[1]!, url: `https://${host}${target}`} : undefined;
}

export function readTerraform(lines: readonly string[]): {exchanges: RawExchange[]; errors: string[]} {
	const messages = messagesOf(lines);
	const exchanges: RawExchange[] = [];
	const pending: RawExchange[] = [];
	let tokenUrl: string | undefined;
	const base = (url: string) => url.replace(/:443(?=\/)/, '').toLowerCase();
	const take = (url: string, method?: string) => {
		const at = pending.findIndex(item => base(item.url) === base(url) && (!method || item.method === method));
		return at === -1 ? undefined : pending.splice(at, 1)[0];
	};

	for (let index = 0; index < messages.length; index++) {
		const text = messages[index]!.text;
		const at = index + 1;
		/** A dump that follows the opener: read, then skipped. */
		const dump = () => {
			const read = dumpAfter(messages, index);
			index = read.end;
			return read.dump;
		};

		dispatch(text, [
			[
				/^(?:\w+ Request:\s*$|=+ Begin AzureAD Request =+)/,
				() => {
					const lines = dump();
					const target = urlOfRequestDump(lines);
					if (!target) return;
					const exchange = rawExchange(target.method, target.url, at);
					readHttpDump(
						lines.filter(line => !/^Request ID:/.test(line)),
						exchange,
						'request',
					);
					pending.push(exchange);
				},
			],
			[
				/^\w+ Response for (\S+?):?\s*$/,
				([, url]) => {
					const exchange = take(url!) ?? rawExchange('GET', url!, at);
					readHttpDump(dump(), exchange, 'response');
					exchanges.push(exchange);
				},
			],
			[
				/^=+ Begin AzureAD Response =+/,
				() => {
					const lines = dump();
					const target = /^([A-Z]+) (https?:\/\/\S+)/.exec(lines.find(line => /^[A-Z]+ https?:\/\//.test(line)) ?? '');
					if (!target) return;
					const exchange = take(target[2]!, target[1]) ?? rawExchange(target[1]!, target[2]!, at);
					readHttpDump(
						lines.filter(line => !/^(?:[A-Z]+ https?:\/\/|Request ID:)/.test(line)),
						exchange,
						'response',
					);
					exchanges.push(exchange);
				},
			],
			[/^\w+ Request: ([A-Z]+) to (\S+)/, ([, method, url]) => pending.push(rawExchange(method!, url!, at))],
			[
				/^\w+ Response: (\d{3})\b.*? for (\S+)/,
				([, status, url]) => {
					const exchange = take(url!) ?? rawExchange('GET', url!, at);
					exchange.status = Number(status);
					exchanges.push(exchange);
				},
			],
			[
				/^\w+ Response Error: (.*) for (\S+)$/,
				([, error, url]) => {
					const exchange = take(url!) ?? rawExchange('GET', url!, at);
					exchange.body = error!;
					exchanges.push(exchange);
				},
			],
			[
				/^Live traffic: (\{.*\})\s*$/,
				([, json]) => {
					const exchange = liveTraffic(json!, at);
					if (exchange) exchanges.push(exchange);
				},
			],
			[
				/^(?:POST|GET) (https?:\/\/\S+\/(?:oauth2\/(?:v2\.0\/)?token|metadata\/identity\/oauth2\/token|MSI\/token)\S*)$/i,
				([, url]) => {
					tokenUrl = url!;
				},
			],
			[
				/received HTTP status (\d{3}) with response: (\{.*\})/,
				([, status, body]) => {
					// The token request's failure is only in the provider's error.
					if (!tokenUrl) return;
					const exchange = rawExchange('POST', tokenUrl, at);
					exchange.status = Number(status);
					exchange.body = body!;
					exchanges.push(exchange);
				},
			],
		]);
	}

	const texts = messages.map(line => line.text);
	const fromGo = readGoSdk(texts).exchanges;
	// Requests with no response in the log (a token request, a cut log) are exchanges without a status.
	const all = [...exchanges, ...pending, ...fromGo].sort((a, b) => a.at - b.at);
	return {
		exchanges: all,
		errors: errorRecords(texts, {isRecordStart: line => opener.test(line), message: line => line}),
	};
}

/** azapi's one-line record: `{"request":{"headers","method","url","body"},"response":{"statusCode","headers","body"}}`. */
function liveTraffic(json: string, at: number): RawExchange | undefined {
	try {
		const value = JSON.parse(json) as {
			request?: {method?: unknown; url?: unknown; headers?: Record<string, unknown>; body?: unknown};
			response?: {statusCode?: unknown; headers?: Record<string, unknown>; body?: unknown};
		};
		if (typeof value.request?.url !== 'string') return undefined;
		const exchange = rawExchange(String(value.request.method ?? 'GET'), value.request.url, at);
		for (const [name, item] of Object.entries(value.request.headers ?? {}))
			setHeader(exchange.requestHeaders, name, String(item));
		for (const [name, item] of Object.entries(value.response?.headers ?? {}))
			setHeader(exchange.responseHeaders, name, String(item));
		if (typeof value.response?.statusCode === 'number') exchange.status = value.response.statusCode;
		if (typeof value.response?.body === 'string' && value.response.body !== '') exchange.body = value.response.body;
		if (typeof value.request.body === 'string' && value.request.body !== '') exchange.requestBody = value.request.body;
		return exchange;
	} catch {
		return undefined;
	}
}
