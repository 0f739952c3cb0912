/**
The request traces of Python's azure-core, as `az … --debug` prints them (logger
`cli.azure.cli.core.sdk.policies`, `cli.azure.cli.core.util` for `az rest`, and
`azure.core.pipeline.policies._universal` in old az) and as Python programs log them
(`…http_logging_policy` at INFO, `…_universal` with logging_enable): `Request URL: '…'`,
`Request method: '…'`, `Request headers:` with `    'Name': 'value'` lines, `Request body:`,
`Response status: 403` (or `'403'`), `Response headers:`, `Response content:` and the body. Two
loggers may trace the same request: their records are read as one exchange. The urllib3 line
(`https://host:443 "POST /path HTTP/1.1" 401 645`) is the only trace of MSAL's token requests.
*/
import {type RawExchange, rawExchange, setHeader} from './exchange.ts';
import {dispatch, errorRecords} from './lines.ts';

const level = '(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)';

/**
A logging record's prefix: optional time, optional level, a dotted logger name (or az's
`az_command_data_logger`), optional level, a colon. Continuation lines of a record have none.
*/
const recordPrefix = new RegExp(
	String.raw`^(?:\d{4}-\d\d-\d\d[ T][\d:.,]+\s+)?(?:${level}[: ]\s*)?([A-Za-z_][\w-]*(?:\.[\w-]+)+|az_command_data_logger)\s*(?:${level}\s*)?:\s?`,
);

/** The command log az keeps in ~/.azure/commands: `CMD-LOG-LINE-BEGIN <pid> | <time> | ERROR | az_command_data_logger | <text>`. */
const commandLogPrefix = /^CMD-LOG-LINE-BEGIN \d+ \| [^|]+ \| \w+ \| ([\w.]+) \| /;

export function recordStart(line: string): {logger: string; length: number} | undefined {
	const match = recordPrefix.exec(line) ?? commandLogPrefix.exec(line);
	return match ? {logger: match[1]!, length: match[0].length} : undefined;
}

/** A line without its record prefix. */
export function messageOf(line: string): string {
	const start = recordStart(line);
	return start ? line.slice(start.length) : line;
}

/** Python's repr of a string: single quotes, backslash escapes. */
function unrepr(text: string): string {
	return text.replace(/\\(['"\\])/g, '$1');
}

const headerPair = /'((?:[^'\\]|\\.)*)': '((?:[^'\\]|\\.)*)'/g;
const keyLine =
	/^(?:Request URL: |Request method: |Request headers:|Request body:|Response status: |Response headers:|Response content:|No body was attached|A body is sent|This request has no body|File upload|Body contains|File attachments|Body is streamable)/;
const urllib3 = /^(https?):\/\/([^\s:"/]+)(?::(\d+))? "([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3}) (?:\d+|-)/;

/** An exchange and the loggers that traced it. */
type Traced = RawExchange & {loggers?: Set<string>};

const base = (url: string) =>
	url
		.replace(/[?#].*$/s, '')
		.replace(/:443(?=\/|$)/, '')
		.toLowerCase();

export function readPythonTrace(lines: readonly string[]): {exchanges: RawExchange[]; errors: string[]} {
	const exchanges: RawExchange[] = [];
	/** The exchange each logger is tracing now. */
	const byLogger = new Map<string, Traced>();
	let logger = '';
	// Set inside the rules' closures: typed as the union, not narrowed to its first value.
	let mode = 'none' as 'none' | 'request-headers' | 'response-headers' | 'request-body' | 'response-body';
	let modeLogger = '';
	let awaitingFirst = false;
	let body: string[] = [];
	let bodyOf: RawExchange | undefined;

	const endBody = () => {
		if (bodyOf && body.length > 0) {
			const text = body.join('\n').trim();
			if (text !== '' && text !== 'None') {
				if (mode === 'request-body') bodyOf.requestBody = text;
				else bodyOf.body = text;
			}
		}

		body = [];
		bodyOf = undefined;
	};

	for (let index = 0; index < lines.length; index++) {
		const line = lines[index]!;
		const start = recordStart(line);
		const message = start ? line.slice(start.length) : line;
		if (start) logger = start.logger;

		if (mode === 'request-body' || mode === 'response-body') {
			if (!start) {
				body.push(message);
				continue;
			}

			// az logs the body as a record of its own, right after `Response content:`.
			if (awaitingFirst && logger === modeLogger && !keyLine.test(message)) {
				body.push(message);
				awaitingFirst = false;
				continue;
			}

			endBody();
			mode = 'none';
		}

		const headers = mode === 'request-headers' || mode === 'response-headers' ? mode : undefined;
		const handled = dispatch(message, [
			[
				/^Request URL: '(.*)'\s*$/,
				([, quoted]) => {
					const url = unrepr(quoted!);
					// A second logger tracing the same request (http_logging_policy beside _universal): one exchange.
					const last = exchanges.at(-1) as Traced | undefined;
					if (last?.loggers && !last.loggers.has(logger) && base(last.url) === base(url)) {
						last.loggers.add(logger);
						if (/=REDACTED\b/.test(last.url) && !/=REDACTED\b/.test(url)) last.url = url;
						byLogger.set(logger, last);
					} else {
						const exchange = Object.assign(rawExchange('GET', url, index + 1), {loggers: new Set([logger])});
						exchanges.push(exchange);
						byLogger.set(logger, exchange);
					}

					mode = 'none';
				},
			],
			[
				/^Request method: '(\w+)'/,
				([, method]) => {
					const exchange = byLogger.get(logger);
					if (exchange) exchange.method = method!.toUpperCase();
				},
			],
			[/^Request headers:\s*$/, () => (mode = 'request-headers')],
			[/^Response headers:\s*$/, () => (mode = 'response-headers')],
			[
				/^(Request body|Response content):\s*$/,
				([, which]) => {
					mode = which === 'Request body' ? 'request-body' : 'response-body';
					modeLogger = logger;
					awaitingFirst = true;
					bodyOf = byLogger.get(logger);
				},
			],
			[
				/^Response status: '?(\d{3})'?/,
				([, status]) => {
					const exchange = byLogger.get(logger);
					if (exchange) exchange.status = Number(status);
					mode = 'none';
				},
			],
			[
				/^\s*'/,
				() => {
					const exchange = byLogger.get(logger);
					if (!exchange || !headers) return;
					for (const pair of message.matchAll(headerPair)) {
						setHeader(
							headers === 'request-headers' ? exchange.requestHeaders : exchange.responseHeaders,
							unrepr(pair[1]!),
							unrepr(pair[2]!),
						);
					}
				},
			],
			[
				urllib3,
				([, scheme, host, port, method, path, status]) => {
					if (!logger.startsWith('urllib3.connectionpool')) return;
					const url = `${scheme}://${host}${port && port !== (scheme === 'https' ? '443' : '80') ? `:${port}` : ''}${path}`;
					// Inside a traced request it is the same request; otherwise it is the only trace there is.
					const traced = [...byLogger.values()].some(
						exchange => exchange.status === null && base(exchange.url) === base(url),
					);
					if (!traced) {
						const exchange = rawExchange(method!, url, index + 1);
						exchange.status = Number(status);
						exchanges.push(exchange);
					}

					mode = 'none';
				},
			],
		]);
		if (!handled && start) mode = 'none';
	}

	if (mode === 'request-body' || mode === 'response-body') endBody();
	for (const exchange of exchanges) delete (exchange as {loggers?: Set<string>}).loggers;
	return {
		exchanges,
		errors: errorRecords(lines, {isRecordStart: line => recordStart(line) !== undefined, message: messageOf}),
	};
}
