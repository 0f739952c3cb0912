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

/** How an option of a pasted command line is read. */
type OptionSpec = {
	/** The values it takes: none, one (the next word, or attached), or one or more words (az's nargs='+'). */
	readonly takes: 'none' | 'one' | 'many';
	/** Why a paste with it is refused: it changes where, or how safely, a token would travel. */
	readonly refused?: string;
};

/** A command line's options: every spelling ('-X', '--request') to its canonical (long) name and how it is read. */
type Dialect = {
	readonly tool: 'curl' | 'az rest';
	readonly options: ReadonlyMap<string, OptionSpec & {readonly name: string}>;
	/** curl reads `-sSk` as three flags and `-XPOST` as `-X POST`; az only `-mPOST`. */
	readonly bundles: boolean;
};

function dialect(
	tool: Dialect['tool'],
	bundles: boolean,
	groups: ReadonlyArray<readonly [readonly string[], OptionSpec]>,
): Dialect {
	const options = new Map<string, OptionSpec & {name: string}>();
	for (const [spellings, spec] of groups) {
		for (const spelling of spellings) {
			const names = spelling.split(' ');
			const name = names.at(-1)!;
			for (const each of names) options.set(each, {...spec, name});
		}
	}

	return {tool, options, bundles};
}

const elsewhere = 'sends the call to another address than the URL names, and a token with it';
const throughProxy = 'sends the call, and a token with it, through a proxy';
const insecure = 'turns off the check of the server certificate, so a token could go to whoever answers';

/**
curl's options (7.88, as `curl --help all` lists them, and the newer ones of curl 8). Every option that
takes a value is here, so a value is never read as the URL; an option not here is read as a flag, and
a second URL then makes the paste ambiguous (refused rather than guessed).
*/
const curl = dialect('curl', true, [
	[
		['--abstract-unix-socket', '--unix-socket'],
		{takes: 'one', refused: 'sends the call over a local socket instead of to the URL, and a token with it'},
	],
	[['--resolve', '--connect-to'], {takes: 'one', refused: elsewhere}],
	[
		['--doh-url'],
		{takes: 'one', refused: 'resolves the host with another DNS server, which decides where a token goes'},
	],
	[
		['-x --proxy', '--preproxy', '--proxy1.0', '--socks4', '--socks4a', '--socks5', '--socks5-hostname'],
		{takes: 'one', refused: throughProxy},
	],
	[['-k --insecure', '--proxy-insecure', '--doh-insecure'], {takes: 'none', refused: insecure}],
	[
		['-K --config'],
		{takes: 'one', refused: 'reads more options (a proxy, another address) from a file authfix cannot see'},
	],
	[
		[
			'--alt-svc',
			'--aws-sigv4',
			'--cacert',
			'--capath',
			'-E --cert',
			'--cert-type',
			'--ciphers',
			'--connect-timeout',
			'-C --continue-at',
			'-b --cookie',
			'-c --cookie-jar',
			'--create-file-mode',
			'--crlfile',
			'--curves',
			'-d --data',
			'--data-ascii',
			'--data-binary',
			'--data-raw',
			'--data-urlencode',
			'--delegation',
			'--dns-interface',
			'--dns-ipv4-addr',
			'--dns-ipv6-addr',
			'--dns-servers',
			'-D --dump-header',
			'--ech',
			'--egd-file',
			'--engine',
			'--etag-compare',
			'--etag-save',
			'--expect100-timeout',
			'-F --form',
			'--form-string',
			'--ftp-account',
			'--ftp-alternative-to-user',
			'--ftp-method',
			'-P --ftp-port',
			'--ftp-ssl-ccc-mode',
			'--happy-eyeballs-timeout-ms',
			'-H --header',
			'--hostpubmd5',
			'--hostpubsha256',
			'--hsts',
			'--interface',
			'--ip-tos',
			'--json',
			'--keepalive-cnt',
			'--keepalive-time',
			'--key',
			'--key-type',
			'--knownhosts',
			'--krb',
			'--libcurl',
			'--limit-rate',
			'--local-port',
			'--login-options',
			'--mail-auth',
			'--mail-from',
			'--mail-rcpt',
			'--max-filesize',
			'--max-redirs',
			'-m --max-time',
			'--netrc-file',
			'--noproxy',
			'--oauth2-bearer',
			'-o --output',
			'--output-dir',
			'--parallel-max',
			'--pass',
			'--pinnedpubkey',
			'--proto',
			'--proto-default',
			'--proto-redir',
			'--proxy-cacert',
			'--proxy-capath',
			'--proxy-cert',
			'--proxy-cert-type',
			'--proxy-ciphers',
			'--proxy-crlfile',
			'--proxy-header',
			'--proxy-key',
			'--proxy-key-type',
			'--proxy-pass',
			'--proxy-pinnedpubkey',
			'--proxy-service-name',
			'--proxy-tls13-ciphers',
			'--proxy-tlsauthtype',
			'--proxy-tlspassword',
			'--proxy-tlsuser',
			'-U --proxy-user',
			'--pubkey',
			'-Q --quote',
			'--random-file',
			'-r --range',
			'--rate',
			'-e --referer',
			'-X --request',
			'--request-target',
			'--retry',
			'--retry-delay',
			'--retry-max-time',
			'--sasl-authzid',
			'--service-name',
			'--sigalgs',
			'--socks5-gssapi-service',
			'-Y --speed-limit',
			'-y --speed-time',
			'--ssl-sessions',
			'--stderr',
			'-t --telnet-option',
			'--tftp-blksize',
			'-z --time-cond',
			'--tls-max',
			'--tls13-ciphers',
			'--tlsauthtype',
			'--tlspassword',
			'--tlsuser',
			'--trace',
			'--trace-ascii',
			'--trace-config',
			'-T --upload-file',
			'--upload-flags',
			'--url',
			'--url-query',
			'-u --user',
			'-A --user-agent',
			'--variable',
			'--vlan-priority',
			'-w --write-out',
		],
		{takes: 'one'},
	],
	[
		[
			'--anyauth',
			'-a --append',
			'--basic',
			'--ca-native',
			'--cert-status',
			'--compressed',
			'--compressed-ssh',
			'--create-dirs',
			'--crlf',
			'--digest',
			'-q --disable',
			'--disable-eprt',
			'--disable-epsv',
			'--disallow-username-in-url',
			'--doh-cert-status',
			'--dump-ca-embed',
			'-f --fail',
			'--fail-early',
			'--fail-with-body',
			'--false-start',
			'--follow',
			'--form-escape',
			'--ftp-create-dirs',
			'--ftp-pasv',
			'--ftp-pret',
			'--ftp-skip-pasv-ip',
			'--ftp-ssl-ccc',
			'--ftp-ssl-control',
			'-G --get',
			'-g --globoff',
			'--haproxy-protocol',
			'-I --head',
			'-h --help',
			'--http0.9',
			'-0 --http1.0',
			'--http1.1',
			'--http2',
			'--http2-prior-knowledge',
			'--http3',
			'--http3-only',
			'--ignore-content-length',
			'-i --include',
			'-4 --ipv4',
			'-6 --ipv6',
			'-j --junk-session-cookies',
			'-l --list-only',
			'-L --location',
			'--location-trusted',
			'--mail-rcpt-allowfails',
			'-M --manual',
			'--metalink',
			'--mptcp',
			'--negotiate',
			'-n --netrc',
			'--netrc-optional',
			'-: --next',
			'--no-alpn',
			'-N --no-buffer',
			'--no-clobber',
			'--no-keepalive',
			'--no-npn',
			'--no-progress-meter',
			'--no-sessionid',
			'--ntlm',
			'--ntlm-wb',
			'--out-null',
			'-Z --parallel',
			'--parallel-immediate',
			'--path-as-is',
			'--post301',
			'--post302',
			'--post303',
			'-# --progress-bar',
			'--proxy-anyauth',
			'--proxy-basic',
			'--proxy-ca-native',
			'--proxy-digest',
			'--proxy-http2',
			'--proxy-negotiate',
			'--proxy-ntlm',
			'--proxy-ssl-allow-beast',
			'--proxy-ssl-auto-client-cert',
			'--proxy-tlsv1',
			'-p --proxytunnel',
			'--raw',
			'-J --remote-header-name',
			'-O --remote-name',
			'--remote-name-all',
			'-R --remote-time',
			'--remove-on-error',
			'--retry-all-errors',
			'--retry-connrefused',
			'--sasl-ir',
			'-S --show-error',
			'-s --silent',
			'--skip-existing',
			'--socks5-basic',
			'--socks5-gssapi',
			'--socks5-gssapi-nec',
			'--ssl',
			'--ssl-allow-beast',
			'--ssl-auto-client-cert',
			'--ssl-no-revoke',
			'--ssl-reqd',
			'--ssl-revoke-best-effort',
			'-2 --sslv2',
			'-3 --sslv3',
			'--styled-output',
			'--suppress-connect-headers',
			'--tcp-fastopen',
			'--tcp-nodelay',
			'--tftp-no-options',
			'--tls-earlydata',
			'-1 --tlsv1',
			'--tlsv1.0',
			'--tlsv1.1',
			'--tlsv1.2',
			'--tlsv1.3',
			'--tr-encoding',
			'--trace-time',
			'-B --use-ascii',
			'-v --verbose',
			'-V --version',
			'--xattr',
		],
		{takes: 'none'},
	],
]);

/** `az rest`'s options (Azure CLI 2.45) and the CLI's global ones. */
const azRest = dialect('az rest', false, [
	[
		[
			'-m --method',
			'-u --uri --url',
			'-b --body',
			'--resource',
			'--output-file',
			'-o --output',
			'--query',
			'--subscription',
		],
		{takes: 'one'},
	],
	[['--headers', '--uri-parameters --url-parameters'], {takes: 'many'}],
	[['--skip-authorization-header', '--debug', '--verbose', '--only-show-errors', '-h --help'], {takes: 'none'}],
]);

type ReadOption = {readonly name: string; readonly given: string; readonly values: readonly string[]};

/**
The one reader of a pasted command line's words: options in every form (`-X POST`, `-XPOST`,
`--request POST`, `--request=POST`, `-sSk`), each with its values, and the words left (the URLs). A
refused option ends the reading with a UsageError that says why.
*/
function readCommandLine(words: readonly string[], syntax: Dialect): {options: ReadOption[]; positionals: string[]} {
	const options: ReadOption[] = [];
	const positionals: string[] = [];
	const refuse = (given: string, why: string) =>
		new UsageError(
			`replay: the pasted ${syntax.tool} line has ${given}, which ${why}. authfix replays a call only to the host its URL names, over verified TLS: remove ${given} (or give METHOD and URL)`,
		);
	for (let index = 0; index < words.length; index++) {
		const word = words[index]!;
		const take = (given: string, spec: OptionSpec & {name: string}, attached: string | undefined) => {
			if (spec.refused) throw refuse(given, spec.refused);
			if (spec.takes === 'none') {
				if (attached !== undefined)
					throw new UsageError(`replay: ${given} takes no value in the pasted ${syntax.tool} line`);
				options.push({name: spec.name, given, values: []});
				return;
			}

			const values = attached === undefined ? [] : [attached];
			if (attached === undefined) {
				const next = words[index + 1];
				if (next === undefined)
					throw new UsageError(`replay: ${given} needs a value in the pasted ${syntax.tool} line`);
				values.push(next);
				index++;
			}

			// az's nargs='+': the words up to the next option.
			while (spec.takes === 'many' && words[index + 1] !== undefined && !words[index + 1]!.startsWith('-'))
				values.push(words[++index]!);
			options.push({name: spec.name, given, values});
		};

		if (word === '--') {
			positionals.push(...words.slice(index + 1));
			break;
		}

		if (word.startsWith('--')) {
			const at = word.indexOf('=');
			const given = at === -1 ? word : word.slice(0, at);
			const attached = at === -1 ? undefined : word.slice(at + 1);
			const spec = syntax.options.get(given);
			// curl's `--no-<flag>` turns a flag off; an option authfix does not know is read as a flag.
			if (spec) take(given, spec, attached);
			continue;
		}

		if (word.startsWith('-') && word.length > 1) {
			if (!syntax.bundles) {
				const whole = syntax.options.get(word);
				const short = syntax.options.get(word.slice(0, 2));
				if (whole) take(word, whole, undefined);
				else if (short && short.takes !== 'none') take(word.slice(0, 2), short, word.slice(2));
				continue;
			}

			for (let at = 1; at < word.length; at++) {
				const given = `-${word[at]}`;
				const spec = syntax.options.get(given);
				if (!spec) continue;
				if (spec.takes === 'none') {
					take(given, spec, undefined);
					continue;
				}

				take(given, spec, at + 1 < word.length ? word.slice(at + 1) : undefined);
				break;
			}

			continue;
		}

		positionals.push(word);
	}

	return {options, positionals};
}

function bodyFromFile(tool: string, given: string): UsageError {
	return new UsageError(
		`replay: ${given} in the pasted ${tool} line reads the body from a file; give the body itself with --data`,
	);
}

/** What a pasted line asks for, before its URL is checked. */
type Pasted = {
	method: string | undefined;
	url: string | undefined;
	body: string | undefined;
	/** Query parameters to add to the URL (curl --url-query and -G, az --uri-parameters), already encoded. */
	query: string[];
};

/** curl's `--data-urlencode` forms: `content`, `=content`, `name=content` (the `@file` forms read a file). */
function urlencodedData(value: string, given: string): string {
	const at = value.indexOf('=');
	const file = value.indexOf('@');
	if (file !== -1 && (at === -1 || file < at)) throw bodyFromFile('curl', given);
	if (at === -1) return encodeURIComponent(value);
	return `${value.slice(0, at)}=${encodeURIComponent(value.slice(at + 1))}`;
}

function fromCurl(words: readonly string[], headers: Record<string, string>, notes: string[]): Pasted {
	const {options, positionals} = readCommandLine(words, curl);
	const urls: string[] = [];
	const data: string[] = [];
	const query: string[] = [];
	let method: string | undefined;
	let head = false;
	let get = false;
	let json = false;
	for (const {name, given, values} of options) {
		const value = values[0] ?? '';
		switch (name) {
			case '--request': {
				method = value.toUpperCase();
				break;
			}

			case '--header': {
				addHeader(headers, notes, value);
				break;
			}

			case '--data':
			case '--data-ascii':
			case '--data-binary':
			case '--json': {
				if (value.startsWith('@')) throw bodyFromFile('curl', given);
				data.push(value);
				json ||= name === '--json';
				break;
			}

			case '--data-raw': {
				data.push(value);
				break;
			}

			case '--data-urlencode': {
				data.push(urlencodedData(value, given));
				break;
			}

			case '--url': {
				urls.push(value);
				break;
			}

			case '--url-query': {
				query.push(value.startsWith('+') ? value.slice(1) : urlencodedData(value, given));
				break;
			}

			case '--head': {
				head = true;
				break;
			}

			case '--get': {
				get = true;
				break;
			}

			case '--upload-file':
			case '--form':
			case '--form-string': {
				throw new UsageError(
					`replay: ${given} in the pasted curl line sends a file or a form; give the body itself with --data`,
				);
			}

			case '--user':
			case '--oauth2-bearer': {
				notes.push(`the given ${given} credentials were not used: replay always sends fresh tokens`);
				break;
			}
		}
	}

	urls.push(...positionals);
	if (urls.length > 1) {
		throw new UsageError(
			`replay: the pasted curl line has more than one URL ('${urls[0]!.slice(0, 60)}', '${urls[1]!.slice(0, 60)}'); replay one call at a time (an option authfix does not know may have taken one of them as its value)`,
		);
	}

	if (json) {
		headers['Content-Type'] ??= 'application/json';
		headers['Accept'] ??= 'application/json';
	}

	let body = data.length > 0 ? data.join('&') : undefined;
	if (get && body !== undefined) {
		query.push(body);
		body = undefined;
	}

	method ??= head ? 'HEAD' : get ? 'GET' : body === undefined ? undefined : 'POST';
	return {method, url: urls[0], body, query};
}

function fromAzRest(words: readonly string[], headers: Record<string, string>, notes: string[]): Pasted {
	const {options, positionals} = readCommandLine(words, azRest);
	if (positionals.length > 0)
		throw new UsageError(
			`replay: the pasted az rest line has a word authfix cannot place: '${positionals[0]!.slice(0, 40)}'`,
		);
	const pasted: Pasted = {method: undefined, url: undefined, body: undefined, query: []};
	// az takes KEY=VALUE words or one JSON object for --headers and --uri-parameters.
	const pairs = (given: string, values: readonly string[]) =>
		values.flatMap(value => {
			if (!value.trim().startsWith('{')) {
				const at = value.indexOf('=');
				return at > 0 ? [[value.slice(0, at), value.slice(at + 1)] as const] : [];
			}

			try {
				return Object.entries(JSON.parse(value) as Record<string, unknown>).map(
					([key, item]) => [key, String(item)] as const,
				);
			} catch {
				throw new UsageError(`replay: ${given} in the az rest line is not valid JSON`);
			}
		});
	for (const {name, given, values} of options) {
		const value = values[0] ?? '';
		if (name === '--method') pasted.method = value.toUpperCase();
		else if (name === '--url') pasted.url = value;
		else if (name === '--body') {
			if (value.startsWith('@')) throw bodyFromFile('az rest', given);
			pasted.body = value;
		} else if (name === '--headers') {
			for (const [key, item] of pairs(given, values)) addHeader(headers, notes, `${key}: ${item}`);
		} else if (name === '--url-parameters') {
			for (const [key, item] of pairs(given, values))
				pasted.query.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
		}
	}

	pasted.method ??= 'GET';
	return pasted;
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
	let pasted: Pasted;
	if (words[0] === 'curl') pasted = fromCurl(words.slice(1), headers, notes);
	else if (words[0] === 'az' && words[1] === 'rest') pasted = fromAzRest(words.slice(2), headers, notes);
	else {
		if (words.length !== 2)
			throw new UsageError('replay: give METHOD and URL (or paste a curl or az rest command line)');
		pasted = {method: words[0]!.toUpperCase(), url: words[1], body: undefined, query: []};
	}

	const {url, query} = pasted;
	const body = pasted.body ?? data;
	const method = pasted.method ?? (body === undefined ? 'GET' : 'POST');
	if (!url) throw new UsageError('replay: no URL found');
	if (!/^[A-Z]+$/.test(method)) throw new UsageError(`replay: '${method.slice(0, 20)}' is not an HTTP method`);
	if (!['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(method))
		throw new UsageError(`replay: unsupported method ${method}`);
	for (const line of extraHeaders) addHeader(headers, notes, line);
	const parsed = parseRequestUrl(url);
	if (!parsed) throw new UsageError(`replay: '${url.slice(0, 80)}' is not an http(s) URL`);
	if (query.length > 0) parsed.search = [parsed.search.slice(1), ...query].filter(part => part !== '').join('&');
	return {method, url: parsed.href as RequestUrl, headers, body, notes};
}
