/**
A paste that lost its code still names the right entry: every distinctive phrase of every AADSTS
entry, alone in a sentence, must lead explain to that entry's family (and the family signals must
not shadow it). Misses are printed.
*/
import {expect, test} from 'vitest';
import {explainText} from '../../source/explain/explain.ts';
import {aadstsEntries} from '../../source/knowledge/aadsts/index.ts';

test('each AADSTS phrase, code stripped, names its own family', () => {
	const misses: string[] = [];
	let total = 0;
	for (const entry of aadstsEntries) {
		for (const phrase of entry.phrases ?? []) {
			if (phrase.length < 12) continue;
			total++;
			const got = explainText(`Error: ${phrase}.`).findings[0]?.family;
			if (got !== entry.family) misses.push(`${entry.family} <- "${phrase}" gave ${got ?? '(nothing)'}`);
		}
	}

	if (misses.length > 0) console.log(`phrase misses:\n  ${misses.join('\n  ')}`);
	expect(misses.length).toBeLessThanOrEqual(Math.floor(total * 0.02));
});
