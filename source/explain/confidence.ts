/**
How sure a finding is, as a probability (0..1) and in words. The probability of a first finding is
calibrated with the learned classifier (learned.ts `calibration`, fitted by
scripts/train-classifier.ts on findings of texts left out of the model's training): for its route
(an error code, the rules' strong wording, the model) and its score, the share of such findings that
named the right family. test/corpus/calibration.test.ts checks that no band claims more than it
delivers on texts nothing was tuned on.
*/

/** How a candidate was decided, strongest first: `model` when the learned classifier named it. */
export type Basis = 'aadsts-code' | 'service-code' | 'wording' | 'phrase' | 'model' | 'other';

export type Likelihood = 'very likely' | 'likely' | 'possible' | 'unlikely';

/** A rival this close (share of the first's evidence) makes the report say it is not sure. */
export const closeRivalRatio = 0.75;

export function likelihoodOf(confidence: number): Likelihood {
	if (confidence >= 0.9) return 'very likely';
	if (confidence >= 0.7) return 'likely';
	if (confidence >= 0.45) return 'possible';
	return 'unlikely';
}
