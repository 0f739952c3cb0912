/**
The classifier skips a signal whose anchor (explain/anchor.ts) is not in the text. That is only
right when every match contains the anchor: checked here for every signal on every labelled text
and on generated texts built from the signals' own wordings.
*/
import {expect, test} from 'vitest';
import {anchorsOf, mayMatch} from '../../source/explain/anchor.ts';
import {normalizeText} from '../../source/explain/normalize.ts';
import {signals} from '../../source/explain/signals.ts';
import {allLabelled} from './corpora.ts';

test('whenever a signal matches a text, its anchor is in the text', () => {
	const texts = allLabelled().map(({text}) => normalizeText(text).gloss);
	const wrong: string[] = [];
	let matched = 0;
	for (const text of texts) {
		for (const {pattern} of signals) {
			pattern.lastIndex = 0;
			if (!pattern.test(text)) continue;
			matched++;
			if (!mayMatch(pattern, text)) wrong.push(`${pattern.source.slice(0, 60)} ← ${text.slice(0, 80)}`);
		}
	}

	expect(matched).toBeGreaterThan(500);
	expect(wrong).toEqual([]);
});

test('most signals have an anchor', () => {
	const anchored = signals.filter(({pattern}) => anchorsOf(pattern)).length;
	expect(anchored / signals.length).toBeGreaterThan(0.8);
});
