import {describe, expect, test} from 'vitest';
import {wrap} from './wrap.ts';

describe('wrap', () => {
	test('breaks at spaces, never inside an inline `command`, which copies whole', () => {
		const text =
			'Check `az ad user show --id <upn> --query "{enabled:accountEnabled, lastPasswordChange:lastPasswordChangeDateTime}"` and the sync status.';
		const lines = wrap(text, 60, '  ');
		expect(lines).toContain(
			'  `az ad user show --id <upn> --query "{enabled:accountEnabled, lastPasswordChange:lastPasswordChangeDateTime}"`',
		);
		expect(lines.join(' ').replaceAll(/\s+/g, ' ').trim()).toBe(text);
		for (const line of lines.filter(line => !line.includes('`'))) expect(line.length).toBeLessThanOrEqual(60);
	});
});
