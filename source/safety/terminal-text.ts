import {mapJsonStrings} from './json-strings.ts';

/**
Pasted text is data: before any of it reaches a terminal, escape sequences (CSI, OSC, DCS, APC,
PM, SOS and lone ESC pairs, in 7-bit and 8-bit forms) are removed and the remaining C0/C1
control characters are shown as visible `\xNN`, except newline and tab. Carriage returns become
newlines so that text cannot overwrite what was printed before it.
*/
const escapeSequence =
	/\u001B\[[0-?]*[ -/]*[@-~]|\u009B[0-?]*[ -/]*[@-~]|(?:\u001B[\]PX^_]|[\u0090\u0098\u009D-\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[ -/]*[0-~]?/g;
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

export function neutralizeTerminalText(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(escapeSequence, '')
		.replace(controlCharacter, character => `\\x${character.codePointAt(0)!.toString(16).padStart(2, '0')}`);
}

/**
JSON for a terminal: every string in it, keys too, is neutralised as the human output is (escape
sequences removed; C0 and C1 controls, DEL, line separators and bidirectional overrides shown as
`\xNN`), so a consumer that prints values raw (`jq -r`) cannot be made to run an escape sequence
either. Newlines and tabs stay what they were.
*/
export function terminalSafeJson(value: unknown): string {
	return JSON.stringify(neutralizeJsonValue(value));
}

/** Neutralises every string inside a JSON-like value, keys too (claim names are pasted data as well). */
export function neutralizeJsonValue(value: unknown): unknown {
	return mapJsonStrings(value, neutralizeTerminalText, neutralizeTerminalText);
}
