import {expect, test} from 'vitest';
import {neutralizeTerminalText, terminalSafeJson} from './terminal-text.ts';

test('removes CSI, OSC and 8-bit sequences and shows other control characters', () => {
	const hostile = 'a\u001B[31mred\u001B[0m b\u001B]0;title\u0007 c\u001B]8;;http://x\u001B\\link d\u009B2J e\u0000f\rg';
	const safe = neutralizeTerminalText(hostile);
	expect(safe).toBe('ared b clink d e\\x00f\ng');
	expect(safe).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
});

test('terminalSafeJson escapes what JSON.stringify leaves raw and keeps the value', () => {
	const value = {text: 'a\u009B2J b\u202Eevil\u2066 c\u007F d\u2028e\u001B[0m', list: [1, null]};
	const json = terminalSafeJson(value);
	expect(json).toBe('{"text":"a\\u009b2J b\\u202eevil\\u2066 c\\u007f d\\u2028e\\u001b[0m","list":[1,null]}');
	expect(json).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
	expect(JSON.parse(json)).toEqual(value);
});
