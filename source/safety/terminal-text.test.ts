import {expect, test} from 'vitest';
import {neutralizeTerminalText, terminalSafeJson} from './terminal-text.ts';

test('removes CSI, OSC and 8-bit sequences and shows other control characters', () => {
	const hostile = 'a\u001B[31mred\u001B[0m b\u001B]0;title\u0007 c\u001B]8;;http://x\u001B\\link d\u009B2J e\u0000f\rg';
	const safe = neutralizeTerminalText(hostile);
	expect(safe).toBe('ared b clink d e\\x00f\ng');
	expect(safe).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
});

test('terminalSafeJson neutralises every string, keys too, as the human output does', () => {
	const value = {
		text: 'a\u009B2J b\u202Eevil\u2066 c\u007F d\u2028e\u001B[0m',
		'claim\u001B]0;x\u0007': 'f\u001B[31mred\u001B[0m\tg\nh\u0000',
		list: [1, null, {nested: 'i\u001B]8;;https://evil.example\u0007link'}],
	};
	const json = terminalSafeJson(value);
	expect(json).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
	// What `jq -r '.. | strings'` and `keys[]` would print: the parsed keys and values, raw.
	const parsed = JSON.parse(json) as Record<string, unknown>;
	const printed: string[] = [];
	const print = (item: unknown): void => {
		if (typeof item === 'string') printed.push(item);
		else if (typeof item === 'object' && item !== null) {
			for (const [key, nested] of Object.entries(item)) {
				printed.push(key);
				print(nested);
			}
		}
	};
	print(parsed);
	expect(printed.join('\n')).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
	expect(parsed).toEqual({
		text: 'a b\\x202eevil\\x2066 c\\x7f d\\x2028e',
		claim: 'fred\tg\nh\\x00',
		list: [1, null, {nested: 'ilink'}],
	});
});
