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
