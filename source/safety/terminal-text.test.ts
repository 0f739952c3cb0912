import {expect, test} from 'vitest';
import {neutralizeTerminalText} from './terminal-text.ts';

test('removes CSI, OSC and 8-bit sequences and shows other control characters', () => {
	const hostile = 'a\u001B[31mred\u001B[0m b\u001B]0;title\u0007 c\u001B]8;;http://x\u001B\\link d\u009B2J e\u0000f\rg';
	const safe = neutralizeTerminalText(hostile);
	expect(safe).toBe('ared b clink d e\\x00f\ng');
	expect(safe).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
});
