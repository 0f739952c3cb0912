// Trains explain's learned classifier on the tuning corpora and writes source/explain/model-data.ts
// (Node 22 strips the types): `node scripts/train-classifier.ts`. Same corpora, same bytes: the
// folds come from a hash of each text's id, the optimiser runs a fixed number of full passes in a
// fixed order, and weights are rounded to hundredths. `--evaluate` prints, instead of writing, the
// accuracy before (rules alone) and after (rules with the model): cross-validated on the tuning
// texts, and on the sealed and held-out texts, which are read only to be measured.
//
// Trained on: dev.jsonl, public.jsonl and extra-tuning*.jsonl (every collected round's tuning share)
// and the tuning share of weak-families.cases.ts. Never on extra-sealed-*.jsonl, extra-heldout.jsonl,
// the sealed shares of weak-families.cases.ts or heldout.cases.ts.
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {classifyByRules, type RulesAnswer} from '../source/explain/classify.ts';
import {assess, combination, type Decision, decide} from '../source/explain/combine.ts';
import {featuresOf} from '../source/explain/features.ts';
import {
	type Calibration,
	knownFeatures,
	type LearnedModel,
	parseModel,
	probabilities,
	type Route,
	type Steps,
	unnamedAadsts,
} from '../source/explain/learned.ts';
import {type NormalizedText, normalizeText} from '../source/explain/normalize.ts';
import {namesFamily, readCorpus, withoutCode} from '../test/corpus/corpora.ts';
import {cases as heldoutCases} from '../test/corpus/heldout.cases.ts';
import {sealed, sealedLate, tuning as weakTuning} from '../test/corpus/weak-families.cases.ts';
import type {FirstLook} from './first-looks.ts';

/** The labelled texts the model learns from. */
export const tuningFiles = [
	'dev.jsonl',
	'public.jsonl',
	'extra-tuning.jsonl',
	'extra-tuning-2.jsonl',
	'extra-tuning-3.jsonl',
	'extra-tuning-4.jsonl',
	'extra-tuning-5.jsonl',
	'extra-tuning-6.jsonl',
];

export const options = {
	/** Folds of the cross-validation whose left-out findings calibrate the confidence. */
	folds: 5,
	/** A feature must occur in this many training texts to be learned at all. */
	minimumTexts: 2,
	passes: 300,
	learningRate: 0.5,
	/** L1 (sparsity: most features get no weight at all) and L2 strength, per text. */
	l1: 3e-4,
	l2: 1e-5,
	/** Fewest findings a calibration step rests on. */
	minimumStep: 20,
};

type Labelled = {readonly set: string; readonly id: string; readonly family: string; readonly text: string};

/** A labelled text as the classifier sees it: normalised, with its features and the rules' answer. */
type Prepared = Labelled & {
	readonly normalized: NormalizedText;
	readonly features: readonly string[];
	readonly rules: RulesAnswer;
};

export function tuningTexts(): Labelled[] {
	const texts: Labelled[] = [];
	for (const file of tuningFiles)
		for (const record of readCorpus(file))
			texts.push({set: file.replace(/\.jsonl$/, ''), id: record.id, family: record.family, text: record.text});
	for (const [id, family, text] of weakTuning) texts.push({set: 'weak families (tuning)', id, family, text});
	return texts;
}

export function prepare(text: Labelled): Prepared {
	const normalized = normalizeText(text.text);
	const features = [...featuresOf(normalized.gloss).keys()].sort();
	return {...text, normalized, features, rules: classifyByRules(normalized)};
}

/** An AADSTS record again with its code removed (pastes lose codes), or nothing. */
function codeRemoved(text: Prepared): Prepared | undefined {
	return text.family.startsWith('aadsts-')
		? prepare({...text, set: `${text.set} (code removed)`, text: withoutCode(text)})
		: undefined;
}

export function foldOf(text: Labelled, folds: number): number {
	return createHash('sha256').update(`${text.set}\u0000${text.id}`).digest().readUInt32BE(0) % folds;
}

/**
The class a family is learned as: every AADSTS family is one class, `aadsts` (a token endpoint
error). Which code it is, is the rules' to say (a code, or an entry's official wording); a model
that named codes from a few texts each would be sure of codes it has seen once.
*/
export function classOf(family: string): string {
	return family.startsWith('aadsts-') ? unnamedAadsts : family;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
Multinomial logistic regression with L1 and L2 penalties, fitted by full-batch AdaGrad with a
proximal step for L1 (weights that do not earn their keep become exactly zero). Binary features,
no normalisation by length: a long log's unrelated words carry no weight, so they do not dilute the
error line's. Returns the model as text (model-data.ts's format).
*/
export function trainModel(texts: readonly Prepared[]): string {
	const counts = new Map<string, number>();
	for (const text of texts) for (const feature of text.features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
	const vocabulary = [...counts]
		.filter(([, count]) => count >= options.minimumTexts)
		.map(([feature]) => feature)
		.sort(compare);
	const featureIndex = new Map(vocabulary.map((feature, index) => [feature, index]));
	const classes = [...new Set(texts.map(text => classOf(text.family)))].sort(compare);
	const classIndex = new Map(classes.map((name, index) => [name, index]));
	const rows = texts.map(text => ({
		features: text.features.map(feature => featureIndex.get(feature)).filter(index => index !== undefined),
		label: classIndex.get(classOf(text.family))!,
	}));

	const k = classes.length;
	const n = rows.length;
	const weights = new Float64Array(vocabulary.length * k);
	const bias = new Float64Array(k);
	const squared = new Float64Array(weights.length);
	const squaredBias = new Float64Array(k);
	const gradient = new Float64Array(weights.length);
	const gradientBias = new Float64Array(k);
	const scores = new Float64Array(k);
	for (let pass = 0; pass < options.passes; pass++) {
		gradient.fill(0);
		gradientBias.fill(0);
		for (const row of rows) {
			for (let c = 0; c < k; c++) scores[c] = bias[c]!;
			for (const feature of row.features) for (let c = 0; c < k; c++) scores[c]! += weights[feature * k + c]!;
			let top = Number.NEGATIVE_INFINITY;
			for (let c = 0; c < k; c++) top = Math.max(top, scores[c]!);
			let sum = 0;
			for (let c = 0; c < k; c++) {
				scores[c] = Math.exp(scores[c]! - top);
				sum += scores[c]!;
			}

			for (let c = 0; c < k; c++) {
				const error = (scores[c]! / sum - (c === row.label ? 1 : 0)) / n;
				gradientBias[c]! += error;
				for (const feature of row.features) gradient[feature * k + c]! += error;
			}
		}

		for (let index = 0; index < weights.length; index++) {
			const step = gradient[index]! + options.l2 * weights[index]!;
			squared[index]! += step * step;
			const rate = options.learningRate / (Math.sqrt(squared[index]!) + 1e-8);
			const moved = weights[index]! - rate * step;
			const threshold = rate * options.l1;
			weights[index] = moved > threshold ? moved - threshold : moved < -threshold ? moved + threshold : 0;
		}

		for (let c = 0; c < k; c++) {
			squaredBias[c]! += gradientBias[c]! * gradientBias[c]!;
			bias[c]! -= (options.learningRate * gradientBias[c]!) / (Math.sqrt(squaredBias[c]!) + 1e-8);
		}
	}

	const hundredths = (value: number) => Math.round(value * 100);
	const lines = [classes.join(' '), [...bias].map(hundredths).join(' ')];
	for (const [index, feature] of vocabulary.entries()) {
		const pairs: string[] = [];
		for (let c = 0; c < k; c++) {
			const weight = hundredths(weights[index * k + c]!);
			if (weight !== 0) pairs.push(`${c}:${weight}`);
		}

		if (pairs.length > 0) lines.push(`${feature}\t${pairs.join(' ')}`);
	}

	return lines.join('\n');
}

type Outcome = {
	readonly text: Prepared;
	readonly decision: Decision;
	readonly right: boolean;
	readonly rulesRight: boolean;
	/** The model's own answer, as if no rule had fired: its most probable class and that probability. */
	readonly alone: {readonly name: string; readonly probability: number};
	/** The model's probability for a family (its class). */
	readonly probabilityOf: (family: string) => number;
};

function outcomeOf(text: Prepared, model: LearnedModel): Outcome {
	const decision = decide(text.rules, text.normalized, () => model);
	const probability = probabilities(model, knownFeatures(model, text.normalized.gloss));
	const best = probability.indexOf(Math.max(...probability));
	return {
		text,
		decision,
		right: namesFamily(text.family, decision.candidates),
		rulesRight: namesFamily(text.family, text.rules.candidates),
		alone: {name: model.classes[best]!, probability: probability[best]!},
		probabilityOf: family => probability[model.classes.indexOf(classOf(family))] ?? 0,
	};
}

/** Every tuning text (and its code-removed twin) decided by a model trained without its fold. */
function crossValidated(texts: readonly Prepared[]): Outcome[] {
	const outcomes: Outcome[] = [];
	for (let fold = 0; fold < options.folds; fold++) {
		const model = parseModel(trainModel(texts.filter(text => foldOf(text, options.folds) !== fold)));
		for (const text of texts.filter(text => foldOf(text, options.folds) === fold)) {
			outcomes.push(outcomeOf(text, model));
			const twin = codeRemoved(text);
			if (twin) outcomes.push(outcomeOf(twin, model));
		}
	}

	return outcomes;
}

/**
Isotonic regression (pool adjacent violators) of right against score, in steps of at least
`minimumStep` findings, each step's probability (right + 1) / (count + 2): a small step claims less
than it measured.
*/
export function fitSteps(points: ReadonlyArray<{score: number; right: boolean}>): Steps {
	type Block = {upTo: number; right: number; count: number};
	const mean = (block: Block) => block.right / block.count;
	const smoothed = (block: Block) => (block.right + 1) / (block.count + 2);
	const merge = (a: Block, b: Block): Block => ({upTo: b.upTo, right: a.right + b.right, count: a.count + b.count});
	const pool = (blocks: Block[], value: (block: Block) => number): Block[] => {
		const pooled: Block[] = [];
		for (const block of blocks) {
			pooled.push(block);
			while (pooled.length >= 2 && value(pooled.at(-2)!) >= value(pooled.at(-1)!)) {
				const after = pooled.pop()!;
				pooled.push(merge(pooled.pop()!, after));
			}
		}

		return pooled;
	};

	const single: Block[] = [];
	for (const {score, right} of [...points].sort((a, b) => a.score - b.score)) {
		const last = single.at(-1);
		if (last?.upTo === score) {
			last.count++;
			if (right) last.right++;
		} else single.push({upTo: score, right: right ? 1 : 0, count: 1});
	}

	// Adjacent steps are pooled where they violate the order, then the small ones join their neighbour.
	const sized: Block[] = [];
	for (const block of pool(single, mean)) {
		const last = sized.at(-1);
		if (last && last.count < options.minimumStep) sized[sized.length - 1] = merge(last, block);
		else sized.push(block);
	}

	if (sized.length >= 2 && sized.at(-1)!.count < options.minimumStep) {
		const after = sized.pop()!;
		sized.push(merge(sized.pop()!, after));
	}

	const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
	// No finding is certain: a step that never missed on these texts still claims at most 99 %.
	const steps: Array<readonly [number, number]> = [];
	for (const block of pool(sized, smoothed)) {
		const probability = Math.min(round(smoothed(block), 2), 0.99);
		if (steps.at(-1)?.[1] === probability) steps.pop();
		steps.push([round(block.upTo, 4), probability]);
	}

	if (steps.length > 0) steps[steps.length - 1] = [1, steps.at(-1)![1]];
	return steps;
}

/** The rules' answers from before they were tuned on each round (scripts/first-looks.ts). */
export function readFirstLooks(): readonly FirstLook[] {
	return JSON.parse(readFileSync(fileURLToPath(new URL('../test/corpus/first-looks.json', import.meta.url)), 'utf8'));
}

/**
The calibration of each route, from the findings of texts left out of the model's training. The
rules were tuned on these texts, so where they decide (a code, strong wording) their findings are
right more often here than on unseen pastes; the model's, out of fold, are not. So the rules' route
is calibrated on the rules' first looks (their answers on each collected round before any rule was
tuned on it: the only answers that show them on wordings they were not written for), each scored by
the model trained without that text, as `decide` scores them. The model's route is calibrated on its
own answer for every text, as if no rule had fired (where the rules are silent on these texts they
were tuned to be, which unseen pastes are not), except where it answers `aadsts`, which it leaves to
the rules.
*/
export function fitCalibration(outcomes: readonly Outcome[], firstLooks: readonly FirstLook[] = []): Calibration {
	const points = (route: Route) =>
		outcomes
			.filter(({decision}) => decision.route === route && decision.candidates.length > 0)
			.map(({decision, text}) => ({score: decision.score, right: decision.candidates[0]!.family === text.family}));
	const alone = outcomes
		.filter(({alone}) => alone.name !== unnamedAadsts)
		.map(({alone, text}) => ({score: alone.probability, right: alone.name === classOf(text.family)}));
	const looks = new Map(firstLooks.map(look => [`${look.set}\u0000${look.id}`, look]));
	const firstRules = outcomes.flatMap(outcome => {
		const look = looks.get(`${outcome.text.set}\u0000${outcome.text.id}`);
		// Where the rules decided then (a code-removed twin has a set of its own, and no first look).
		if (!look?.family) return [];
		const decided = (look.basis === 'wording' || look.basis === 'phrase') && look.score >= combination.strongScore;
		return decided ? [{score: outcome.probabilityOf(look.family), right: look.family === outcome.text.family}] : [];
	});
	return {
		code: fitSteps(points('code')),
		rules: fitSteps(firstRules.length > 0 ? firstRules : points('rules')),
		model: fitSteps([...points('model'), ...alone]),
	};
}

function moduleText(model: string, calibration: Calibration, summary: string): string {
	// As the formatter writes them: one step a line, unless there is only one.
	const steps = (route: Route) => {
		const items = calibration[route].map(([upTo, value]) => `[${upTo}, ${value}]`);
		return items.length === 1 ? `[${items[0]}]` : `[\n${items.map(item => `\t\t${item},\n`).join('')}\t]`;
	};
	return `/**
Generated by scripts/train-classifier.ts from the tuning corpora: do not edit; regenerate with
\`node scripts/train-classifier.ts\` (a test fails when this file is stale).
${summary} The format of \`model\` is described in learned.ts.
*/

/** The learned classifier: classes, biases, then one line per feature. */
export const model = \`${model}\`;

/** Per route, [score up to, probability right] steps, fitted on findings of texts left out of training. */
export const calibration = {
	code: ${steps('code')},
	rules: ${steps('rules')},
	model: ${steps('model')},
} as const;
`;
}

/** The text of source/explain/model-data.ts for the corpora as they are. */
export function buildModelModule(): string {
	const texts = tuningTexts().map(prepare);
	const model = trainModel(texts);
	const calibration = fitCalibration(crossValidated(texts), readFirstLooks());
	const [classes = '', , ...features] = model.split('\n');
	const summary = `${texts.length} texts, ${classes.split(' ').length} classes, ${features.length} features.`;
	return moduleText(model, calibration, summary);
}

const familyKey = (family: string) => (family.startsWith('aadsts-') ? 'aadsts-*' : family);

type Row = {readonly family: string; readonly right: readonly boolean[]};

/** Accuracy per family (AADSTS families together), one column per way of deciding. */
function table(title: string, columns: readonly string[], rows: readonly Row[]): string {
	const tally = new Map<string, {count: number; right: number[]}>();
	for (const {family, right} of rows) {
		for (const key of [familyKey(family), 'all']) {
			const entry = tally.get(key) ?? {count: 0, right: columns.map(() => 0)};
			entry.count++;
			for (const [index, isRight] of right.entries()) if (isRight) entry.right[index]!++;
			tally.set(key, entry);
		}
	}

	const cell = (part: number, whole: number) => `${part}/${whole} (${((part / whole) * 100).toFixed(1)} %)`;
	return [
		title,
		`| family | texts | ${columns.join(' | ')} |`,
		`|---|---|${columns.map(() => '---|').join('')}`,
		...[...tally]
			.sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : compare(a, b)))
			.map(
				([key, {count, right}]) =>
					`| ${key === 'all' ? '**all**' : key} | ${count} | ${right.map(part => cell(part, count)).join(' | ')} |`,
			),
	].join('\n');
}

function bands(title: string, outcomes: readonly Outcome[], steps: Calibration): string {
	const names = ['very likely', 'likely', 'possible', 'unlikely'];
	const bandOf = (confidence: number) => (confidence >= 0.9 ? 0 : confidence >= 0.7 ? 1 : confidence >= 0.45 ? 2 : 3);
	const tally = names.map(() => ({count: 0, claimed: 0, right: 0}));
	for (const {decision, text} of outcomes) {
		if (decision.candidates.length === 0) continue;
		const confidence = assess(decision, steps)[0]!.confidence;
		const entry = tally[bandOf(confidence)]!;
		entry.count++;
		entry.claimed += confidence;
		if (decision.candidates[0]!.family === text.family) entry.right++;
	}

	return [
		title,
		'| band | findings | claimed | observed |',
		'|---|---|---|---|',
		...tally.map(
			({count, claimed, right}, index) =>
				`| ${names[index]} | ${count} | ${count ? (claimed / count).toFixed(2) : '-'} | ${count ? (right / count).toFixed(2) : '-'} |`,
		),
	].join('\n');
}

/** The measurements, as Markdown tables. */
export function evaluate(): string {
	const texts = tuningTexts().map(prepare);
	const outcomes = crossValidated(texts);
	const calibration = fitCalibration(outcomes, readFirstLooks());
	const model = parseModel(trainModel(texts));
	const measured = (labelled: readonly Labelled[]) => labelled.map(prepare).map(text => outcomeOf(text, model));
	const columns = ['before (rules)', 'after (rules + model)'];
	const rows = (list: readonly Outcome[]): Row[] =>
		list.map(({text, rulesRight, right}) => ({family: text.family, right: [rulesRight, right]}));
	// The model by itself, out of fold: `aadsts` is right for any AADSTS family (the rules name the code).
	const withAlone = (list: readonly Outcome[]): Row[] =>
		list.map(({text, rulesRight, right, alone}) => ({
			family: text.family,
			right: [rulesRight, alone.name === classOf(text.family), right],
		}));
	const sealedSets: Array<[string, Labelled[]]> = [
		[
			'extra-sealed-2.jsonl',
			readCorpus('extra-sealed-2.jsonl').map(({id, family, text}) => ({set: 'extra-sealed-2', id, family, text})),
		],
		[
			'extra-sealed-3.jsonl',
			readCorpus('extra-sealed-3.jsonl').map(({id, family, text}) => ({set: 'extra-sealed-3', id, family, text})),
		],
		[
			'extra-sealed-4.jsonl',
			readCorpus('extra-sealed-4.jsonl').map(({id, family, text}) => ({set: 'extra-sealed-4', id, family, text})),
		],
		[
			'extra-sealed-5.jsonl',
			readCorpus('extra-sealed-5.jsonl').map(({id, family, text}) => ({set: 'extra-sealed-5', id, family, text})),
		],
		[
			'extra-sealed-6.jsonl',
			readCorpus('extra-sealed-6.jsonl').map(({id, family, text}) => ({set: 'extra-sealed-6', id, family, text})),
		],
		['weak families (sealed)', sealed.map(([id, family, text]) => ({set: 'weak sealed', id, family, text}))],
		['weak families (late sealed)', sealedLate.map(([id, family, text]) => ({set: 'weak late', id, family, text}))],
		['heldout.cases.ts', heldoutCases.map(([id, family, text]) => ({set: 'heldout', id, family, text}))],
	];
	const tuned = outcomes.filter(({text}) => !text.set.endsWith('(code removed)'));
	const sections = [
		table(
			`Cross-validated (${options.folds} folds) on the tuning texts: the model never saw the text it decides, but the rules were tuned on all of them (their column is no estimate for unseen texts)`,
			['rules', 'model alone', 'rules + model'],
			withAlone(tuned),
		),
		table(
			'Cross-validated, AADSTS tuning texts with their code removed',
			columns,
			rows(outcomes.filter(({text}) => text.set.endsWith('(code removed)'))),
		),
	];
	const sealedOutcomes: Outcome[] = [];
	for (const [name, labelled] of sealedSets) {
		const list = measured(labelled);
		if (name !== 'heldout.cases.ts') sealedOutcomes.push(...list);
		sections.push(table(`${name} (never trained on)`, columns, rows(list)));
	}

	const untunedTwins = measured(
		readCorpus('extra-sealed-2.jsonl')
			.filter(({family}) => family.startsWith('aadsts-'))
			.map(({id, family, text}) => ({
				set: 'extra-sealed-2 (code removed)',
				id,
				family,
				text: withoutCode({family, text}),
			})),
	);
	sections.push(
		bands('Calibration, cross-validated tuning texts (what it was fitted on)', outcomes, calibration),
		bands('Calibration, sealed texts (never trained on)', [...sealedOutcomes, ...untunedTwins], calibration),
	);
	return sections.join('\n\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	if (process.argv.includes('--evaluate')) console.log(evaluate());
	else {
		const target = new URL('../source/explain/model-data.ts', import.meta.url);
		const text = buildModelModule();
		await writeFile(target, text);
		console.log(`wrote ${target.pathname} (${text.length} bytes)`);
	}
}
