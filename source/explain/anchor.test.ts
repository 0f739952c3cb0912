import {describe, expect, test} from 'vitest';
import {anchorsOf, mayMatch} from './anchor.ts';

describe('anchors of a pattern', () => {
	test('the longest literal run of each top-level alternative', () => {
		expect(anchorsOf(/invalidauthenticationtokentenant/)).toEqual(['invalidauthenticationtokentenant']);
		expect(anchorsOf(/\bwrong issuer\b/)).toEqual(['wrong issuer']);
		expect(anchorsOf(/(?:must|has to) match (?:with )?(?:the tenant|one)/)).toEqual([' match ']);
		expect(anchorsOf(/use the authority \(url\)/)).toEqual(['use the authority (url)']);
		expect(anchorsOf(/idx10214|audience validation failed/)).toEqual(['idx10214', 'audience validation failed']);
	});

	test('an optional or repeated character ends the run; a required one stays in it', () => {
		expect(anchorsOf(/managed identity?endpoint/)).toEqual(['managed identit']);
		expect(anchorsOf(/token expired+ at/)).toEqual(['token expired']);
		expect(anchorsOf(/abcd{0,3}efgh/)).toEqual(['efgh']);
	});

	test('no anchor where the reader cannot vouch for one', () => {
		// An alternative with no literal of three characters or more, a Unicode escape, /iu folding.
		expect(anchorsOf(/foo bar|[a-z]+/)).toBeUndefined();
		expect(anchorsOf(/\u00e9tat invalide/)).toBeUndefined();
		expect(anchorsOf(/invalid audience/iu)).toBeUndefined();
		expect(anchorsOf(/ab/)).toBeUndefined();
	});

	test('case-insensitive patterns compare in lower case', () => {
		expect(anchorsOf(/Invalid Audience/i)).toEqual(['invalid audience']);
		expect(mayMatch(/Invalid Audience/i, 'The INVALID AUDIENCE claim')).toBe(true);
		expect(mayMatch(/invalid audience/, 'The INVALID AUDIENCE claim')).toBe(false);
	});

	test('a pattern whose anchor is missing from the text is never run (so never compiled)', () => {
		let ran = false;
		const pattern = /needle in a haystack/;
		const original = pattern.exec.bind(pattern);
		pattern.exec = text => {
			ran = true;
			return original(text);
		};
		expect(mayMatch(pattern, 'nothing here')).toBe(false);
		expect(ran).toBe(false);
	});
});
