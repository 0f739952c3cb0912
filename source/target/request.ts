/**
The call to replay, read from what the user gave: METHOD and URL, or a pasted `curl` or `az rest`
command line (split as a POSIX shell would, without expansion). A pasted Authorization header is
never kept: replay always sends fresh tokens.
*/
import {UsageError} from '../usage-error.ts';
import {parseRequestUrl, type RequestUrl} from './resource.ts';

/** The request to replay, as the user gave it (never with their Authorization header). */
export type ReplayRequest = {
	readonly method: string;
	readonly url: RequestUrl;
	readonly headers: Readonly<Record<string, string>>;
	readonly body: string | undefined;
	/** Notes about what was dropped from a pasted command line. */
	readonly notes: readonly string[];
};

/** Splits a pasted command line the way a POSIX shell would for plain words and quotes (no expansion). */
export function splitCommandLine(text: string): string[] {
	const words: string[] = [];
	let current = '';
	let inWord = false;
	let quote: '"' | "'" | undefined;
	const source = text.replace(/\\\r?\n/g, ' ');
	for (let index = 0; index < source.length; index++) {
		const char = source[index]!;
		if (quote) {
			if (char === quote) quote = undefined;
			else if (char === '\\' && quote === '"' && /["\\$`]/.test(source[index + 1] ?? '')) current += source[++index];
			else current += char;
			continue;
		}

		if (char === '"' || char === "'") {
			quote = char;
			inWord = true;
		} else if (char === '\\' && index + 1 < source.length) {
			current += source[++index];
			inWord = true;
		} else if (/\s/.test(char)) {
			if (inWord) words.push(current);
			current = '';
			inWord = false;
		} else {
			current += char;
			inWord = true;
		}
	}

	if (quote) throw new UsageError('replay: the pasted command line has an unclosed quote');
	if (inWord) words.push(current);
	return words;
}

const secretHeaders = new Set(['authorization', 'x-ms-authorization-auxiliary']);

function addHeader(headers: Record<string, string>, notes: string[], line: string): void {
	const at = line.indexOf(':');
	if (at <= 0) throw new UsageError(`replay: a header must look like 'Name: value', not '${line.slice(0, 40)}'`);
	const name = line.slice(0, at).trim();
	const value = line.slice(at + 1).trim();
	if (!/^[A-Za-z0-9-]+$/.test(name)) throw new UsageError(`replay: '${name.slice(0, 40)}' is not a header name`);
	if (['host', 'content-length', 'transfer-encoding', 'connection'].includes(name.toLowerCase())) {
		throw new UsageError(`replay: the ${name} header is set by authfix, not by hand`);
	}

	if (/[\r\n]/.test(value)) throw new UsageError(`replay: the ${name} header value has a line break`);
	if (secretHeaders.has(name.toLowerCase())) {
		notes.push(`the given ${name} header was not reused: replay always sends fresh tokens`);
		return;
	}

	headers[name] = value;
}

/** Reads `authfix replay` positionals: METHOD URL, a pasted `curl …` or `az rest …` line (as one or many words). */
export function parseReplayRequest(
	positionals: readonly string[],
	extraHeaders: readonly string[],
	data: string | undefined,
): ReplayRequest {
	const words =
		positionals.length === 1 && /^\s*(curl|az)\s/.test(positionals[0]!)
			? splitCommandLine(positionals[0]!)
			: [...positionals];
	const headers: Record<string, string> = {};
	const notes: string[] = [];
	let method: string | undefined;
	let url: string | undefined;
	let body = data;
	if (words[0] === 'curl') {
		for (let index = 1; index < words.length; index++) {
			const word = words[index]!;
			const next = () => {
				const value = words[++index];
				if (value === undefined) throw new UsageError(`replay: ${word} needs a value in the pasted curl line`);
				return value;
			};

			if (word === '-X' || word === '--request') method = next().toUpperCase();
			else if (word === '-H' || word === '--header') addHeader(headers, notes, next());
			else if (['-d', '--data', '--data-raw', '--data-binary', '--json'].includes(word)) body = next();
			else if (word === '--url') url = next();
			else if (word === '-I' || word === '--head') method = 'HEAD';
			else if (/^-(?:[a-zA-Z]+)$/.test(word) || word.startsWith('--')) {
				if (
					[
						'-u',
						'--user',
						'-o',
						'--output',
						'-A',
						'--user-agent',
						'-e',
						'--referer',
						'--cacert',
						'--max-time',
						'-m',
					].includes(word)
				)
					index++;
			} else url ??= word;
		}

		method ??= body === undefined ? 'GET' : 'POST';
	} else if (words[0] === 'az' && words[1] === 'rest') {
		for (let index = 2; index < words.length; index++) {
			const word = words[index]!;
			const next = () => {
				const value = words[++index];
				if (value === undefined) throw new UsageError(`replay: ${word} needs a value in the pasted az rest line`);
				return value;
			};

			if (word === '--method' || word === '-m') method = next().toUpperCase();
			else if (word === '--url' || word === '--uri' || word === '-u') url = next();
			else if (word === '--body' || word === '-b') body = next();
			else if (word === '--headers') {
				// az rest takes KEY=VALUE words or one JSON object.
				while (words[index + 1] !== undefined && !words[index + 1]!.startsWith('--')) {
					const value = words[++index]!;
					if (value.trim().startsWith('{')) {
						try {
							for (const [key, item] of Object.entries(JSON.parse(value) as Record<string, unknown>))
								addHeader(headers, notes, `${key}: ${String(item)}`);
						} catch {
							throw new UsageError('replay: --headers in the az rest line is not valid JSON');
						}
					} else {
						const at = value.indexOf('=');
						if (at > 0) addHeader(headers, notes, `${value.slice(0, at)}: ${value.slice(at + 1)}`);
					}
				}
			} else if (word === '--resource' || word === '--output' || word === '-o' || word === '--query') index++;
		}

		method ??= 'GET';
	} else {
		if (words.length !== 2)
			throw new UsageError('replay: give METHOD and URL (or paste a curl or az rest command line)');
		method = words[0]!.toUpperCase();
		url = words[1];
	}

	if (!url) throw new UsageError('replay: no URL found');
	if (!/^[A-Z]+$/.test(method)) throw new UsageError(`replay: '${method.slice(0, 20)}' is not an HTTP method`);
	if (!['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(method))
		throw new UsageError(`replay: unsupported method ${method}`);
	for (const line of extraHeaders) addHeader(headers, notes, line);
	const parsed = parseRequestUrl(url);
	if (!parsed) throw new UsageError(`replay: '${url.slice(0, 80)}' is not an http(s) URL`);
	return {method, url: parsed.href as RequestUrl, headers, body, notes};
}
