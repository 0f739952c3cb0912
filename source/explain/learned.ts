/**
The learned classifier: a multinomial logistic regression over the features of a paste
(features.ts), trained on the labelled tuning corpora by scripts/train-classifier.ts and committed as
data (model-data.ts). It generalises from how the collected texts are worded where no rule fires or
the rules are weak; combine.ts decides when it is asked and how its answer joins the rules'.

The model is text, parsed on first use: a paste decided by its error code never pays for it.
Its format (written by the training script, read only here):
- line 1: the classes, separated by spaces (the families, `other`, and `aadsts` for every token
  endpoint error: which code it is, is the rules' to say);
- line 2: each class's bias, in hundredths;
- then one line per feature: the feature, a tab, and `class:weight` pairs (weight in hundredths)
  separated by spaces; a feature has a weight only for the classes it speaks for or against.
*/
import {type Features, featuresOf} from './features.ts';
import {calibration as calibrationData, model as modelText} from './model-data.ts';

export type LearnedModel = {
	readonly classes: readonly string[];
	readonly bias: readonly number[];
	/** Per feature, pairs of a class index and a weight: `[class, weight, class, weight, …]`. */
	readonly weights: ReadonlyMap<string, readonly number[]>;
	/** The first words of the word pairs among the features. */
	readonly pairStarts: ReadonlySet<string>;
};

/** The model's one class for every AADSTS family: the rules name the code. */
export const unnamedAadsts = 'aadsts';

export function parseModel(text: string): LearnedModel {
	const lines = text.split('\n');
	const classes = (lines[0] ?? '').split(' ');
	const bias = (lines[1] ?? '').split(' ').map(value => Number(value) / 100);
	const weights = new Map<string, number[]>();
	for (let index = 2; index < lines.length; index++) {
		const line = lines[index]!;
		const tab = line.indexOf('\t');
		if (tab <= 0) continue;
		const pairs: number[] = [];
		for (const pair of line.slice(tab + 1).split(' ')) {
			const colon = pair.indexOf(':');
			pairs.push(Number(pair.slice(0, colon)), Number(pair.slice(colon + 1)) / 100);
		}

		weights.set(line.slice(0, tab), pairs);
	}

	const pairStarts = new Set([...weights.keys()].filter(name => name.includes(' ')).map(name => name.split(' ')[0]!));
	return {classes, bias, weights, pairStarts};
}

let shipped: LearnedModel | undefined;

/** The committed model, parsed once, on first use. */
export function learnedModel(): LearnedModel {
	shipped ??= parseModel(modelText);
	return shipped;
}

/** The features of a gloss that the model knows (the rest carry no weight): bounded work on huge pastes. */
export function knownFeatures(model: LearnedModel, gloss: string): Features {
	return featuresOf(gloss, {feature: name => model.weights.has(name), pairAfter: word => model.pairStarts.has(word)});
}

/** The model's probability of each of its classes (same order as `model.classes`). */
export function probabilities(model: LearnedModel, features: Features): number[] {
	const scores = [...model.bias];
	for (const feature of features.keys()) {
		const pairs = model.weights.get(feature);
		if (!pairs) continue;
		for (let index = 0; index < pairs.length; index += 2) scores[pairs[index]!]! += pairs[index + 1]!;
	}

	return softmax(scores);
}

export function softmax(scores: readonly number[]): number[] {
	const top = Math.max(...scores);
	const exps = scores.map(score => Math.exp(score - top));
	const sum = exps.reduce((total, value) => total + value, 0);
	return exps.map(value => value / sum);
}

/**
How a first finding was decided, for its calibration: by an error code (AADSTS or a service's),
by the rules' strong wording, or by the model (alone or with the rules' weak evidence).
*/
export type Route = 'code' | 'rules' | 'model';

/**
A step function from a route's score (0..1) to the share of findings that were right: `[upTo,
probability]` steps in increasing order, the last reaching 1.
*/
export type Steps = ReadonlyArray<readonly [upTo: number, probability: number]>;

export type Calibration = Readonly<Record<Route, Steps>>;

/** The committed calibration (fitted with the model, on findings of texts left out of its training). */
export const calibration: Calibration = calibrationData;

/** The probability that a first finding decided on `route` with `score` names the right family. */
export function calibrated(steps: Steps, score: number): number {
	for (const [upTo, probability] of steps) if (score <= upTo) return probability;
	return steps.at(-1)?.[1] ?? 0;
}

/** The words around a feature's first occurrence in the gloss: the model's evidence. */
export function strongestFeatures(
	model: LearnedModel,
	features: Features,
	classIndex: number,
	count: number,
): Array<{feature: string; index: number}> {
	const contributions: Array<{feature: string; index: number; weight: number}> = [];
	for (const [feature, index] of features) {
		const pairs = model.weights.get(feature);
		if (!pairs) continue;
		for (let at = 0; at < pairs.length; at += 2)
			if (pairs[at] === classIndex && pairs[at + 1]! > 0) contributions.push({feature, index, weight: pairs[at + 1]!});
	}

	return contributions
		.sort((a, b) => b.weight - a.weight || a.index - b.index)
		.slice(0, count)
		.map(({feature, index}) => ({feature, index}));
}
