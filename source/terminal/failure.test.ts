import {describe, expect, test} from 'vitest';
import {CloudError} from '../cloud/resolve.ts';
import {InputError, UsageError} from '../usage-error.ts';
import {failureJson, failureOf, wantsJson} from './failure.ts';

describe('an error that ends a command', () => {
	test('has a code and the documented exit code', () => {
		expect(failureOf(new UsageError('bad flag'))).toEqual({code: 'usage', message: 'bad flag', exitCode: 2});
		expect(failureOf(new InputError('not a file'))).toEqual({code: 'input', message: 'not a file', exitCode: 2});
		expect(failureOf(new CloudError('unknown cloud'))).toMatchObject({code: 'cloud', exitCode: 2});
		expect(failureOf(new TypeError('x is undefined'))).toEqual({
			code: 'unexpected',
			message: 'unexpected error: x is undefined',
			exitCode: 1,
		});
	});

	test('with --json it is one line of JSON, redacted and neutralised', () => {
		const json = failureJson(failureOf(new Error('boom \u009B2J client_secret=abcdef1234567890abcdef')));
		expect(json.endsWith('\n')).toBe(true);
		expect(json.trimEnd().split('\n')).toHaveLength(1);
		const {error} = JSON.parse(json) as {error: {code: string; message: string}};
		expect(error.code).toBe('unexpected');
		expect(error.message).not.toContain('abcdef1234567890abcdef');
		expect(json).not.toContain('\u009B');
	});

	test('--json is read from the raw arguments, up to --', () => {
		expect(wantsJson(['--timeout', 'soon', '--json'])).toBe(true);
		expect(wantsJson(['explain', '--', '--json'])).toBe(false);
	});
});
