import {describe, expect, test} from 'vitest';
import {UsageError} from '../usage-error.ts';
import {splitGlobalFlags} from './args.ts';

describe('splitGlobalFlags', () => {
	test('takes global flags from anywhere before `--` and leaves the rest in order', () => {
		const {flags, rest} = splitGlobalFlags(['explain', '--json', 'text', '--cloud=AzureChinaCloud', '--', '--json']);
		expect(flags.json).toBe(true);
		expect(flags.cloud).toBe('AzureChinaCloud');
		expect(rest).toEqual(['explain', 'text', '--', '--json']);
	});

	test('a value flag without its value is a usage error', () => {
		expect(() => splitGlobalFlags(['check', '--timeout'])).toThrow(UsageError);
		expect(() => splitGlobalFlags(['check', '--cloud', '--json'])).toThrow(UsageError);
	});
});
