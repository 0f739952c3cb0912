import {describe, expect, test} from 'vitest';
import {subscriptionA} from '../../test/fakes/services.ts';
import {UsageError} from '../usage-error.ts';
import {parseReplayRequest, splitCommandLine} from './request.ts';

const armUrl = (subscription: string) =>
	`https://management.azure.com/subscriptions/${subscription}/resourcegroups/rg?api-version=2021-04-01`;

describe('replay request parsing', () => {
	test('a pasted curl line: method, URL, headers; the pasted Authorization header is not reused', () => {
		const request = parseReplayRequest(
			[
				`curl -sS -X PUT -H 'Authorization: Bearer abc.def.ghi' -H "Content-Type: application/json" --data '{"a":1}' "${armUrl(subscriptionA)}"`,
			],
			[],
			undefined,
		);
		expect(request).toMatchObject({
			method: 'PUT',
			url: armUrl(subscriptionA),
			headers: {'Content-Type': 'application/json'},
			body: '{"a":1}',
		});
		expect(JSON.stringify(request.headers)).not.toContain('abc.def.ghi');
		expect(request.notes[0]).toContain('not reused');
	});

	test('a pasted az rest line', () => {
		const request = parseReplayRequest(
			[`az rest --method get --url ${armUrl(subscriptionA)} --headers x-ms-foo=bar`],
			[],
			undefined,
		);
		expect(request).toMatchObject({method: 'GET', url: armUrl(subscriptionA), headers: {'x-ms-foo': 'bar'}});
	});

	test('quotes and line continuations split as a shell would', () => {
		expect(splitCommandLine(`curl -H "a: b c" \\\n 'd e'`)).toEqual(['curl', '-H', 'a: b c', 'd e']);
		expect(() => splitCommandLine(`curl "open`)).toThrow(UsageError);
	});
});

describe('pasted curl lines: an option value is never the URL', () => {
	const url = armUrl(subscriptionA);
	const other = 'https://other.example/collect';
	const curl = (options: string) => parseReplayRequest([`curl ${options} '${url}'`], [], undefined);

	test.each([
		'-X GET',
		'--request GET',
		`-H 'Referer: ${other}'`,
		'-u app:password',
		`-o ${other}`,
		`-A ${other}`,
		`-e ${other}`,
		`--cacert ${other}`,
		`--cert ${other}`,
		`--key ${other}`,
		'-m 30',
		'--max-time 30',
		'--connect-timeout 5',
		`-w ${other}`,
		`--write-out ${other}`,
		`-b ${other}`,
		`-c ${other}`,
		`--interface ${other}`,
		'-r 0-99',
		'--retry 3',
		`-D ${other}`,
		`--output-dir ${other}`,
		`--oauth2-bearer ${other}`,
		`--proxy-header ${other}`,
		`--noproxy ${other}`,
		'--max-redirs 2',
		`--variable ${other}`,
	])('curl %s URL', options => {
		expect(curl(`-sS ${options}`).url).toBe(url);
		expect(curl(`${options} --compressed`).url).toBe(url);
	});

	test("attached values: -XPOST, --request=POST, -sXPUT, -H'a: b', -d'…', --data=…", () => {
		expect(curl(`-XPOST -H'Content-Type: application/json' -d'{"a":1}'`)).toMatchObject({
			method: 'POST',
			url,
			headers: {'Content-Type': 'application/json'},
			body: '{"a":1}',
		});
		expect(curl(`--request=PATCH --data='{"b":2}'`)).toMatchObject({method: 'PATCH', url, body: '{"b":2}'});
		expect(curl('-sXPUT')).toMatchObject({method: 'PUT', url});
		expect(curl(`-sSLH 'x-ms-foo: bar'`)).toMatchObject({method: 'GET', url, headers: {'x-ms-foo': 'bar'}});
		expect(parseReplayRequest([`curl --url '${url}' -I`], [], undefined)).toMatchObject({method: 'HEAD', url});
	});

	test('bodies: -d joins with &, --json sets JSON headers, -G moves data into the query, --data-urlencode encodes', () => {
		expect(curl(`-d a=1 --data-raw b=2`)).toMatchObject({method: 'POST', body: 'a=1&b=2'});
		expect(curl(`--json '{"a":1}'`)).toMatchObject({
			method: 'POST',
			body: '{"a":1}',
			headers: {'Content-Type': 'application/json', Accept: 'application/json'},
		});
		const get = curl(`-G --data-urlencode '$filter=name eq 1' -d top=2`);
		expect(get).toMatchObject({method: 'GET', body: undefined});
		expect(new URL(get.url).search).toBe('?api-version=2021-04-01&$filter=name%20eq%201&top=2');
		for (const options of [
			'-d @body.json',
			'--data-binary @body.json',
			'--json @body.json',
			"--data-urlencode 'a@file'",
		])
			expect(() => curl(options), options).toThrow('reads the body from a file');
		expect(() => curl('-T body.json')).toThrow('sends a file or a form');
		expect(() => curl('-F a=b')).toThrow('sends a file or a form');
	});

	test('pasted credentials are not used, and two URLs are refused rather than guessed', () => {
		const request = curl('-u app:hunter2');
		expect(JSON.stringify(request.headers)).not.toContain('hunter2');
		expect(request.notes).toEqual(['the given -u credentials were not used: replay always sends fresh tokens']);
		expect(() => curl(`--some-future-option ${other}`)).toThrow('more than one URL');
		expect(() => parseReplayRequest(['curl -sS'], [], undefined)).toThrow('no URL found');
		expect(() => curl('-H')).toThrow(UsageError);
	});
});

describe('pasted curl lines that would send a token elsewhere are refused', () => {
	const url = armUrl(subscriptionA);
	const refusals: Array<[string, RegExp]> = [
		['-x http://127.0.0.1:9', /has -x, which sends the call, and a token with it, through a proxy/],
		['--proxy http://127.0.0.1:9', /has --proxy, which .* through a proxy/],
		['--proxy=http://127.0.0.1:9', /has --proxy, which .* through a proxy/],
		['-xhttp://127.0.0.1:9', /has -x, which .* through a proxy/],
		['-sSx http://127.0.0.1:9', /has -x, which .* through a proxy/],
		['--socks5-hostname 127.0.0.1:9', /through a proxy/],
		['--resolve management.azure.com:443:127.0.0.1', /has --resolve, which sends the call to another address/],
		['--connect-to management.azure.com:443:127.0.0.1:9', /has --connect-to, which sends the call to another address/],
		['--unix-socket /tmp/s', /over a local socket/],
		['-k', /has -k, which turns off the check of the server certificate/],
		['--insecure', /has --insecure, which turns off the check/],
		['-sk', /has -k, which turns off the check/],
		['-ksS', /has -k, which turns off the check/],
		['-K curlrc', /reads more options .* from a file/],
	];

	test.each(refusals)('curl %s URL', (options, message) => {
		for (const line of [`curl ${options} '${url}'`, `curl '${url}' ${options}`]) {
			let error: unknown;
			try {
				parseReplayRequest([line], [], undefined);
			} catch (caught) {
				error = caught;
			}

			expect(error, line).toBeInstanceOf(UsageError);
			expect((error as Error).message).toMatch(message);
			expect((error as Error).message).toContain(
				'authfix replays a call only to the host its URL names, over verified TLS',
			);
		}
	});

	test('the same words as values of other options are not refused', () => {
		const request = parseReplayRequest([`curl -H 'x-note: -k --proxy' -d '-x' '${url}'`], [], undefined);
		expect(request).toMatchObject({url, body: '-x', headers: {'x-note': '-k --proxy'}});
	});
});

describe('pasted az rest lines', () => {
	const url = armUrl(subscriptionA);

	test('every option that takes a value, in each spelling; --uri-parameters join the query', () => {
		const request = parseReplayRequest(
			[
				`az rest --resource https://management.core.windows.net/ -m put --uri ${url} --output-file out.json -o json --query 'value[0]' --subscription ${subscriptionA} --skip-authorization-header --headers '{"x-ms-a":"1"}' x-ms-b=2 --uri-parameters top=5 '$filter=a eq b' --body '{"c":3}' --only-show-errors`,
			],
			[],
			undefined,
		);
		expect(request).toMatchObject({
			method: 'PUT',
			headers: {'x-ms-a': '1', 'x-ms-b': '2'},
			body: '{"c":3}',
		});
		expect(new URL(request.url).search).toBe('?api-version=2021-04-01&top=5&%24filter=a%20eq%20b');
		expect(new URL(request.url).pathname).toBe(new URL(url).pathname);
	});

	test('attached values: --method=post, -mPOST, -u=…, -b…', () => {
		expect(parseReplayRequest([`az rest --method=post --url=${url} -b{}`], [], undefined)).toMatchObject({
			method: 'POST',
			url,
			body: '{}',
		});
		expect(parseReplayRequest([`az rest -mDELETE -u ${url}`], [], undefined)).toMatchObject({method: 'DELETE', url});
	});

	test('a body from a file, a stray word and bad --headers JSON are usage errors', () => {
		expect(() => parseReplayRequest([`az rest --url ${url} --body @body.json`], [], undefined)).toThrow(
			'reads the body from a file',
		);
		expect(() => parseReplayRequest([`az rest --url ${url} get`], [], undefined)).toThrow('cannot place');
		expect(() => parseReplayRequest([`az rest --url ${url} --headers '{bad'`], [], undefined)).toThrow(
			'not valid JSON',
		);
	});
});
