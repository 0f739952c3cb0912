/**
The classifier: the rules (classify.ts) and the learned model (learned.ts) together. Pure.

- An error code decides (an AADSTS code, an ARM or IDX code: the taxonomy's rule): the rules'
  answer stands, and the model is not even loaded.
- A family the rules name with a score of 5 or more (a signal, relation or AADSTS phrase beyond the
  supporting words of a last resort) stands too. The model's probability for that family is what
  the calibration reads: the same answer from both is surer than the rules' alone. Two families with
  nearly the same evidence stay a tie the report is not sure about.
- Otherwise (only supporting words, only `other`, or nothing) the model decides, the rules' evidence
  added as log-odds: for their family, or for `other` when they saw an authentication failure of no
  family. Where the rules name no family, the model must be at least even sure before it names one;
  it can say `other` over a family the rules named weakly; it never names a family the rules rule
  out (counter-evidence, words only in a list of alternative causes); an AADSTS error it leaves to
  the rules, which name the code.

These parameters were chosen on the tuning share of the second collected round (extra-tuning-2),
with the rules' answers from before they were tuned on those texts (the rules as of the commits that
added each round) against the model trained without each text: there, the rules named the right
family for 100 of 126 texts and the combination for 115. Every gain was a text the rules left with
no family or only supporting words; overriding a family they named with more evidence only lost.
*/
import {entryForFamily} from '../knowledge/index.ts';
import {type Candidate, classifyByRules, contains, quote, type RulesAnswer, withConfidence} from './classify.ts';
import type {Features} from './features.ts';
import {
	type Calibration,
	calibrated,
	calibration,
	knownFeatures,
	type LearnedModel,
	learnedModel,
	probabilities,
	type Route,
	softmax,
	strongestFeatures,
	unnamedAadsts,
} from './learned.ts';
import type {NormalizedText} from './normalize.ts';

/** How the rules and the model are combined. */
export type Combination = {
	/** A family the rules name with at least this score (wording or an AADSTS phrase) stands. */
	readonly strongScore: number;
	/** The model's probability needed to name a family where the rules name none, or only `other`. */
	readonly minimumClaim: number;
	/** Log-odds the rules' weak wording (below strongScore) adds to the model's score for their family. */
	readonly weakBonus: number;
	/** Log-odds the rules' `other` (an authentication failure of no family) adds to the model's `other`. */
	readonly otherBonus: number;
};

export const combination: Combination = {strongScore: 5, minimumClaim: 0.5, weakBonus: 2, otherBonus: 2};

/** A runner-up with at least this share of the first's probability makes the report say it is not sure. */
const closeProbabilityRatio = 0.5;

/** A family the combined probability puts at least this high is listed after the first. */
const secondaryProbability = 0.15;

const maxFindings = 4;

/** How much the rules' first candidate adds to the model's score for its family (log-odds). */
function ruleBonus(candidate: Candidate, {weakBonus, otherBonus}: Combination): number {
	if (candidate.basis === 'other') return otherBonus;
	return candidate.basis === 'wording' || candidate.basis === 'phrase' ? weakBonus : 0;
}

/** What was decided for a text, before calibration. */
export type Decision = {
	readonly route: Route;
	/** What the calibration of the route reads (0..1). */
	readonly score: number;
	/** First the finding, then the families that follow it; empty when nothing was recognised. */
	readonly candidates: readonly Candidate[];
	/** How much evidence each candidate has, relative to the others (the share of confidence left to them). */
	readonly weights: readonly number[];
	/** For two families with nearly the same evidence: the first's share of the probability that it is one of them. */
	readonly share?: number;
};

/** The model's class for a family: its own, or the one class of every AADSTS family. */
function classOf(model: LearnedModel, family: string): number {
	return model.classes.indexOf(family.startsWith('aadsts-') ? unnamedAadsts : family);
}

function modelCandidate(
	family: string,
	normalized: NormalizedText,
	model: LearnedModel,
	features: Features,
	classIndex: number,
): Candidate {
	const evidence = strongestFeatures(model, features, classIndex, 2)
		.sort((a, b) => a.index - b.index)
		.map(({index}) => quote(normalized, Math.max(0, normalized.gloss.lastIndexOf(' ', index - 30) + 1), 80));
	return {
		family,
		entry: entryForFamily(family),
		codes: [],
		score: 0,
		basis: family === 'other' ? 'other' : 'model',
		confidence: 0,
		evidence: [...new Set(evidence)],
	};
}

/**
Decides between the rules' candidates and the model. `model` is called only when the rules' answer
is not settled by an error code.
*/
export function decide(
	{candidates: rules, ruledOut}: RulesAnswer,
	normalized: NormalizedText,
	model: () => LearnedModel,
	parameters: Combination = combination,
): Decision {
	const [top] = rules;
	const ruleWeights = rules.map(candidate => Math.max(candidate.score, 1));
	if (top && (top.basis === 'aadsts-code' || top.basis === 'service-code'))
		return {route: 'code', score: 1, candidates: rules, weights: ruleWeights};

	const learned = model();
	const features = knownFeatures(learned, normalized.gloss);
	const probability = probabilities(learned, features);
	if (top && (top.basis === 'wording' || top.basis === 'phrase') && top.score >= parameters.strongScore) {
		const probabilityOf = (candidate: Candidate) => {
			const index = classOf(learned, candidate.family);
			return index === -1 ? 0 : probability[index]!;
		};

		// Two families with nearly the same evidence: the model says how likely it is one of them,
		// the rules' evidence splits that between them, and the report says it is not sure.
		const tied = rules.find(candidate => candidate.close);
		return {
			route: 'rules',
			score: Math.min(
				1,
				probabilityOf(top) +
					(tied && classOf(learned, tied.family) !== classOf(learned, top.family) ? probabilityOf(tied) : 0),
			),
			...(tied ? {share: Math.max(top.score, tied.score) / (top.score + tied.score)} : {}),
			candidates: rules,
			weights: ruleWeights,
		};
	}

	// The rules' weak evidence joins the model's as log-odds for their family.
	const scores = probability.map(value => Math.log(Math.max(value, 1e-9)));
	if (top) {
		const index = classOf(learned, top.family);
		if (index !== -1) scores[index]! += ruleBonus(top, parameters);
	}

	// What the rules rule out is no answer, and its probability goes to no other: what is left after
	// it is all the more unsure.
	const combined = softmax(scores).map((value, index) => (ruledOut.has(learned.classes[index]!) ? 0 : value));
	const order = combined.map((_, index) => index).sort((a, b) => combined[b]! - combined[a]! || a - b);
	const best = order[0]!;
	const bestClass = learned.classes[best]!;
	const rulesNameNone = !top || top.family === 'other';
	// Where the rules name no family, a family the model is not sure of is no finding: `other` stays.
	const unsureClaim =
		bestClass !== unnamedAadsts && bestClass !== 'other' && rulesNameNone && combined[best]! < parameters.minimumClaim;
	const settled = bestClass === unnamedAadsts || unsureClaim || (bestClass === 'other' && !top);
	const family = settled ? top?.family : bestClass;
	if (family === undefined) return {route: 'model', score: 0, candidates: [], weights: []};

	const firstIndex = classOf(learned, family);
	const first =
		rules.find(candidate => candidate.family === family) ??
		modelCandidate(family, normalized, learned, features, firstIndex);
	const probabilityOf = (candidate: Candidate) => {
		const index = classOf(learned, candidate.family);
		return index === -1 ? 0 : combined[index]!;
	};

	const followers = new Map<string, Candidate>();
	for (const candidate of rules) if (candidate.family !== family) followers.set(candidate.family, candidate);
	for (const index of order) {
		const name = learned.classes[index]!;
		if (combined[index]! < secondaryProbability) break;
		if (name === family || name === unnamedAadsts || name === 'other' || followers.has(name)) continue;
		followers.set(name, modelCandidate(name, normalized, learned, features, index));
	}

	const rest = [...followers.values()].sort((a, b) => probabilityOf(b) - probabilityOf(a)).slice(0, maxFindings - 1);
	// A claim too unsure to make leaves `other` with the probability that the claim is wrong.
	const score = unsureClaim ? 1 - combined[best]! : firstIndex === -1 ? 0 : combined[firstIndex]!;
	const rival = rest.find(candidate => !contains(first, candidate.family));
	const candidates = rest.map(candidate => {
		const {close: _, ...plain} = candidate;
		return candidate === rival && probabilityOf(candidate) >= closeProbabilityRatio * score
			? {...plain, close: true}
			: plain;
	});
	const {close: _, ...plainFirst} = first;
	return {
		route: 'model',
		score,
		candidates: [plainFirst, ...candidates],
		weights: [score, ...rest.map(candidate => Math.max(probabilityOf(candidate), 0.01))],
	};
}

/** The decision's candidates with their calibrated confidences. */
export function assess(decision: Decision, steps: Calibration = calibration): Candidate[] {
	const confidence = calibrated(steps[decision.route], decision.score) * (decision.share ?? 1);
	return withConfidence(decision.candidates, confidence, decision.weights);
}

/** Ranked candidates, most likely first, with calibrated confidences; empty when nothing was recognised. */
export function classify(normalized: NormalizedText): Candidate[] {
	return assess(decide(classifyByRules(normalized), normalized, learnedModel));
}
