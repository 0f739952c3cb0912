/**
How sure a finding is, as a probability (0..1) and in words. The probability starts from how the
family was decided (its own error code, the official wording, a paraphrase, a phrase of a code entry
that lost its code, or nothing specific) and how strong the evidence is, and drops when another
family has nearly as much evidence. The base values are calibrated on the texts no signal was tuned
on (AADSTS records with their code removed, sealed and held-out cases): in each band, findings are
right at least as often as they claim (test/corpus/calibration.test.ts measures it).
*/

/** How a candidate was decided, strongest first. */
export type Basis = 'aadsts-code' | 'service-code' | 'wording' | 'phrase' | 'other';

export type Likelihood = 'very likely' | 'likely' | 'possible' | 'unlikely';

/** The probability that a first finding decided this way, with this score, names the right family. */
export function baseConfidence(basis: Basis, score: number): number {
	switch (basis) {
		case 'aadsts-code': {
			return 0.97;
		}

		case 'service-code': {
			return 0.95;
		}

		case 'wording': {
			return score >= 10 ? 0.93 : score >= 8 ? 0.86 : score >= 6 ? 0.74 : 0.5;
		}

		case 'phrase': {
			return score >= 8 ? 0.9 : 0.78;
		}

		case 'other': {
			// Right about two times in three over the corpora: texts labelled 'other' are; AADSTS texts that lost their code are not.
			return 0.55;
		}
	}
}

/**
A rival with at least half the evidence of the first finding takes probability from it: with equal
evidence, the first keeps a little over half of what it would have had alone.
*/
export function rivalFactor(score: number, rivalScore: number): number {
	if (score <= 0 || rivalScore <= 0) return 1;
	const ratio = Math.min(rivalScore / score, 1);
	return 1 - 0.45 * Math.max(0, (ratio - 0.5) / 0.5);
}

/** A rival this close (share of the first's score) makes the report say it is not sure. */
export const closeRivalRatio = 0.75;

export function likelihoodOf(confidence: number): Likelihood {
	if (confidence >= 0.9) return 'very likely';
	if (confidence >= 0.7) return 'likely';
	if (confidence >= 0.45) return 'possible';
	return 'unlikely';
}
