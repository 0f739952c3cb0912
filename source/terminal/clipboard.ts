import {neutralizeTerminalText} from '../safety/terminal-text.ts';

/**
The OSC 52 sequence that asks the terminal to put `text` on the clipboard. Written only when the
user presses the copy key, with text authfix composed (commands filled with command-safe values);
what was pasted never reaches it, and its control characters are neutralised first.
*/
export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(neutralizeTerminalText(text), 'utf8').toString('base64')}\u0007`;
}
