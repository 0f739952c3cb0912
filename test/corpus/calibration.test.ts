/**
Calibration of `confidence`: over every labelled text the tests know (each corpus file, its AADSTS
records again with their codes removed, the held-out style cases), first findings are put in bands
by the confidence they claim. In every band with at least 10 findings, the share that names the right
family must be at least the mean claimed confidence less 5 points (never overconfident), and at
most 25 points above it (not uselessly timid). The looser upper bound is deliberate: the corpora are
cleaner than unseen pastes (most were tuned on), so the claims stay below what they measure here.
*/
import {expect, test} from 'vitest';
import {likelihoodOf} from '../../source/explain/confidence.ts';
import {explainText} from '../../source/explain/explain.ts';
import {allLabelled} from './corpora.ts';

const overconfidenceMargin = 0.05;
const underconfidenceMargin = 0.25;
const minimumBand = 10;

test('first findings are right about as often as their confidence claims, in every band', () => {
	const bands = new Map<string, {count: number; right: number; claimed: number}>();
	for (const {family, text} of allLabelled()) {
		const [first] = explainText(text).findings;
		if (!first) continue;
		const band = likelihoodOf(first.confidence);
		const tally = bands.get(band) ?? {count: 0, right: 0, claimed: 0};
		tally.count++;
		tally.claimed += first.confidence;
		if (first.family === family) tally.right++;
		bands.set(band, tally);
	}

	const rows = ['very likely', 'likely', 'possible', 'unlikely'].map(band => {
		const {count, right, claimed} = bands.get(band) ?? {count: 0, right: 0, claimed: 0};
		return {band, count, claimed: count ? claimed / count : 0, observed: count ? right / count : 0};
	});
	console.log(
		[
			'band          findings  claimed  observed',
			...rows.map(
				({band, count, claimed, observed}) =>
					`${band.padEnd(13)} ${String(count).padStart(8)}  ${claimed.toFixed(2).padStart(7)}  ${observed.toFixed(2).padStart(8)}`,
			),
		].join('\n'),
	);
	const checked = rows.filter(({count}) => count >= minimumBand);
	expect(checked.length).toBeGreaterThanOrEqual(2);
	for (const {band, claimed, observed} of checked) {
		expect(observed, `${band}: overconfident`).toBeGreaterThanOrEqual(claimed - overconfidenceMargin);
		expect(observed, `${band}: underconfident`).toBeLessThanOrEqual(claimed + underconfidenceMargin);
	}
});

test('confidence is a probability and its words follow it', () => {
	for (const {text} of allLabelled().slice(0, 200)) {
		for (const finding of explainText(text).findings) {
			expect(finding.confidence).toBeGreaterThanOrEqual(0);
			expect(finding.confidence).toBeLessThanOrEqual(1);
			expect(finding.likelihood).toBe(likelihoodOf(finding.confidence));
		}
	}
});
