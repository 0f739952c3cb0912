/**
Generated inputs: thousands of random and mutated corpus texts from a seeded PRNG (the same run
every time), and megabyte pastes shaped to provoke backtracking. Whatever comes in, explain never
throws, its JSON round-trips, and no escape sequence or control character reaches the output.
*/
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {explainText} from '../../source/explain/explain.ts';
import {formatReport} from '../../source/explain/format.ts';
import {createStyle} from '../../source/terminal/style.ts';

const corpus = readFileSync(new URL('./dev.jsonl', import.meta.url), 'utf8')
	.split('\n')
	.filter(line => line.trim() !== '')
	.map(line => (JSON.parse(line) as {text: string}).text);

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const hostile = [
	'\u001B[31m',
	'\u001B]0;title\u0007',
	'\u001B]8;;http://evil\u001B\\',
	'\u009B2J',
	'\u001BP+q\u001B\\',
	'\u0000',
	'\r',
	'\u0007',
	'\u202E',
	'\\u001b[2J',
	'&#27;[31m',
	'\\\\\\"',
	'\\n\\t',
	'&quot;',
	'**',
	'```',
	'│ ',
	'##[error]',
	'AADSTS',
	'error_codes":[',
	"'",
	'"',
	'\uD800',
];

function mutate(random: () => number, text: string): string {
	let result = text;
	const steps = 1 + Math.floor(random() * 6);
	for (let step = 0; step < steps; step++) {
		const at = Math.floor(random() * (result.length + 1));
		const choice = random();
		if (choice < 0.3) {
			result = result.slice(0, at) + hostile[Math.floor(random() * hostile.length)]! + result.slice(at);
		} else if (choice < 0.45) {
			result = result.slice(0, at) + result.slice(at + Math.floor(random() * 40));
		} else if (choice < 0.6) {
			result = JSON.stringify(result);
		} else if (choice < 0.7) {
			result = result.replace(/['"<>&]/g, character => `&#${character.codePointAt(0)};`);
		} else if (choice < 0.8) {
			const other = corpus[Math.floor(random() * corpus.length)]!;
			result = result.slice(0, at) + other.slice(0, Math.floor(random() * other.length)) + result.slice(at);
		} else if (choice < 0.9) {
			result = result.replace(/ /g, () => (random() < 0.1 ? '\n' : ' '));
		} else {
			result = result.slice(0, at) + String(Math.floor(random() * 1e8)) + result.slice(at);
		}
	}

	return result;
}

function randomText(random: () => number): string {
	const length = Math.floor(random() * 2000);
	let text = '';
	for (let index = 0; index < length; index++) {
		const kind = random();
		text +=
			kind < 0.6
				? String.fromCharCode(32 + Math.floor(random() * 95))
				: kind < 0.8
					? String.fromCharCode(Math.floor(random() * 0x250))
					: kind < 0.9
						? hostile[Math.floor(random() * hostile.length)]!
						: String.fromCharCode(Math.floor(random() * 0xffff));
	}

	return text;
}

const control = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

function check(text: string) {
	const report = explainText(text);
	const json = JSON.stringify(report);
	expect(JSON.parse(json)).toEqual(report);
	expect(json).not.toMatch(/\\u00(?:1b|07|9b|00)/i);
	const human = formatReport(report, {style: createStyle(false), width: 80});
	expect(control.test(human)).toBe(false);
	return report;
}

describe('generated inputs', () => {
	test('4000 random and mutated texts: never a throw, never an escape sequence out', () => {
		const random = prng(20_261_122);
		let recognised = 0;
		for (let index = 0; index < 4000; index++) {
			const text = index % 3 === 0 ? randomText(random) : mutate(random, corpus[index % corpus.length]!);
			if (check(text).findings.length > 0) recognised++;
		}

		// Mutations keep most of the corpus recognisable: the generator really exercised the classifier.
		expect(recognised).toBeGreaterThan(1500);
	});

	test.each([
		['one long word', 'a'.repeat(1_000_000)],
		['repeated prefixes', 'AADSTS'.repeat(170_000)],
		['repeated code contexts', 'error code: 1234 '.repeat(60_000)],
		['quotes without ends', "wrong issuer '".repeat(70_000)],
		['no full stops', 'subscription token audience tenant '.repeat(30_000)],
		['backslashes', '\\'.repeat(1_000_000)],
		['escapes', '\u001B['.repeat(500_000)],
		['entities', '&#'.repeat(500_000)],
		['a real error padded to a megabyte', `${'x '.repeat(400_000)}${corpus[0]}${' y'.repeat(100_000)}`],
	])('1 MB: %s', (_name, text) => {
		check(text);
	});
});
