/**
Calibration of `confidence`. First findings are put in bands by the confidence they claim (very
likely, likely, possible, unlikely) and each band's share of right families is compared with its mean
claim, in two groups: the texts nothing was tuned or trained on (the sealed weak-family cases, any
sealed or held-out corpus file and its AADSTS records with their code removed) and every labelled
text. In every band with at least 10 findings, a group may be at most 7 points overconfident, or, in
a band too small for its share to be that exact, no more than chance explains: its share of right
families at least the claim less 1.645 standard errors (a one-sided 95 % binomial bound, which for
11 findings at 0.8 is 20 points, for 200 under 5). The tuned texts are easier than unseen pastes, so
over every text a band may also be up to 25 points underconfident, no more.
*/
import {expect, test} from 'vitest';
import {likelihoodOf} from '../../source/explain/confidence.ts';
import {explainText} from '../../source/explain/explain.ts';
import {allLabelled, type Labelled} from './corpora.ts';

const overconfidenceMargin = 0.07;
const underconfidenceMargin = 0.25;
const minimumBand = 10;
const bandNames = ['very likely', 'likely', 'possible', 'unlikely'];

/**
Texts that no signal was tuned on and the learned model never saw: they estimate how the claims hold
on unseen pastes. (A tuning record with its code removed is no longer one: the model learned its
words, only not its code.)
*/
const untuned = ({set}: Labelled) => /sealed|held-?out/.test(set) && set !== 'heldout cases';

type Band = {band: string; count: number; claimed: number; observed: number};

/** How far below its claim a band's share of right families may fall: 7 points, or chance in a small band. */
function allowance({count, claimed}: Band): number {
	return Math.max(overconfidenceMargin, 1.645 * Math.sqrt((claimed * (1 - claimed)) / count));
}

function bands(texts: readonly Labelled[]): Band[] {
	const tallies = new Map<string, {count: number; right: number; claimed: number}>();
	for (const {family, text} of texts) {
		const [first] = explainText(text).findings;
		if (!first) continue;
		const band = likelihoodOf(first.confidence);
		const tally = tallies.get(band) ?? {count: 0, right: 0, claimed: 0};
		tally.count++;
		tally.claimed += first.confidence;
		if (first.family === family) tally.right++;
		tallies.set(band, tally);
	}

	return bandNames.map(band => {
		const {count, right, claimed} = tallies.get(band) ?? {count: 0, right: 0, claimed: 0};
		return {band, count, claimed: count ? claimed / count : 0, observed: count ? right / count : 0};
	});
}

function print(label: string, rows: readonly Band[]): void {
	console.log(
		[
			`${label}\n  band          findings  claimed  observed`,
			...rows.map(
				({band, count, claimed, observed}) =>
					`  ${band.padEnd(13)} ${String(count).padStart(8)}  ${claimed.toFixed(2).padStart(7)}  ${observed.toFixed(2).padStart(8)}`,
			),
		].join('\n'),
	);
}

const labelled = allLabelled();

test('on texts no signal was tuned on, no band claims more than it delivers', () => {
	const rows = bands(labelled.filter(untuned));
	print('untuned texts', rows);
	const checked = rows.filter(({count}) => count >= minimumBand);
	expect(checked.length).toBeGreaterThanOrEqual(1);
	for (const row of checked)
		expect(row.observed, `${row.band}: overconfident`).toBeGreaterThanOrEqual(row.claimed - allowance(row));
});

test('over every labelled text, each band is right about as often as it claims', () => {
	const rows = bands(labelled);
	print('every labelled text', rows);
	const checked = rows.filter(({count}) => count >= minimumBand);
	expect(checked.length).toBeGreaterThanOrEqual(2);
	for (const row of checked) {
		const {band, claimed, observed} = row;
		expect(observed, `${band}: overconfident`).toBeGreaterThanOrEqual(claimed - allowance(row));
		expect(observed, `${band}: underconfident`).toBeLessThanOrEqual(claimed + underconfidenceMargin);
	}
});

test('confidence is a probability and its words follow it', () => {
	for (const {text} of labelled.slice(0, 200)) {
		for (const finding of explainText(text).findings) {
			expect(finding.confidence).toBeGreaterThanOrEqual(0);
			expect(finding.confidence).toBeLessThanOrEqual(1);
			expect(finding.likelihood).toBe(likelihoodOf(finding.confidence));
		}
	}
});
