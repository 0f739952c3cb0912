/**
The learned classifier's committed model (source/explain/model-data.ts) is what
scripts/train-classifier.ts builds from the tuning corpora as they are: a change to a corpus, to
the features or to the rules the calibration reads makes this test fail until the model is
regenerated (`node scripts/train-classifier.ts`). Training is deterministic, so the comparison is
byte for byte.
*/
import {readFile} from 'node:fs/promises';
import {expect, test} from 'vitest';
import {buildModelModule, fitSteps, tuningFiles, tuningTexts} from '../../scripts/train-classifier.ts';

test('source/explain/model-data.ts is up to date (regenerate: node scripts/train-classifier.ts)', {
	timeout: 300_000,
}, async () => {
	const committed = await readFile(new URL('../../source/explain/model-data.ts', import.meta.url), 'utf8');
	expect(committed).toBe(buildModelModule());
	// Small enough to ship in the one chunk `explain` loads.
	expect(committed.length).toBeLessThan(60_000);
});

test('the model learns from the tuning texts only, never a sealed or held-out one', () => {
	expect(tuningFiles.some(file => /sealed|held-?out/.test(file))).toBe(false);
	const sets = new Set(tuningTexts().map(({set}) => set));
	expect([...sets].some(set => /sealed|held-?out|heldout/.test(set))).toBe(false);
	expect(sets).toEqual(
		new Set([
			'dev',
			'public',
			'extra-tuning',
			'extra-tuning-2',
			'extra-tuning-3',
			'extra-tuning-4',
			'extra-tuning-5',
			'extra-tuning-6',
			'weak families (tuning)',
		]),
	);
});

test('calibration steps rise with the score, rest on enough findings and never claim certainty', () => {
	const points = Array.from({length: 200}, (_, index) => ({score: index / 200, right: index % 10 < index / 20}));
	const steps = fitSteps(points);
	expect(steps.at(-1)?.[0]).toBe(1);
	for (const [index, [upTo, probability]] of steps.entries()) {
		expect(probability).toBeLessThanOrEqual(0.99);
		if (index > 0) {
			expect(upTo).toBeGreaterThan(steps[index - 1]![0]);
			expect(probability).toBeGreaterThan(steps[index - 1]![1]);
		}
	}

	expect(fitSteps(points.map(point => ({...point, right: true})))).toEqual([[1, 0.99]]);
	// Twenty findings, all wrong below 0.5 and all right above, and no fewer than twenty a step.
	expect(fitSteps(points.slice(0, 40).map((point, index) => ({...point, right: index >= 20})))).toEqual([
		[0.095, 0.05],
		[1, 0.95],
	]);
});
