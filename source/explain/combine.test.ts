import {describe, expect, test} from 'vitest';
import {type Candidate, classifyByRules, type RulesAnswer} from './classify.ts';
import {assess, decide} from './combine.ts';
import {explainText} from './explain.ts';
import {type LearnedModel, parseModel} from './learned.ts';
import {normalizeText} from './normalize.ts';

/** A model of four classes whose words are plain: `cli`, `imds` and `sas` speak for a class each. */
const model: LearnedModel = parseModel(
	[
		'aadsts cli-not-logged-in managed-identity-unavailable other',
		'0 0 0 0',
		'cli\t1:400',
		'imds\t2:400',
		'sas\t3:400',
		'maybe\t1:80',
	].join('\n'),
);
const fake = () => model;
const unused = () => {
	throw new Error('the model was loaded');
};

const candidate = (family: string, basis: Candidate['basis'], score: number): Candidate => ({
	family,
	entry: undefined,
	codes: [],
	score,
	basis,
	confidence: 0,
	evidence: [],
});
const answer = (candidates: Candidate[], ruledOut: string[] = []): RulesAnswer => ({
	candidates,
	ruledOut: new Set(ruledOut),
});
const familiesOf = (rules: RulesAnswer, text: string) =>
	decide(rules, normalizeText(text), fake).candidates.map(({family}) => family);

describe('how the rules and the model combine', () => {
	test('an error code decides without loading the model', () => {
		const text = 'AADSTS50076: you must use multi-factor authentication.';
		const normalized = normalizeText(text);
		const decision = decide(classifyByRules(normalized), normalized, unused);
		expect(decision.route).toBe('code');
		expect(decision.candidates[0]?.family).toBe('aadsts-50076');
	});

	test('where the rules are silent, the model names a family it is sure of, and nothing it is not', () => {
		expect(familiesOf(answer([]), 'the imds went away')).toEqual(['managed-identity-unavailable']);
		expect(familiesOf(answer([]), 'maybe')).toEqual([]);
		// Its `other` without any sign of an authentication failure from the rules is no finding either.
		expect(familiesOf(answer([]), 'sas')).toEqual([]);
	});

	test("the rules' `other` stands unless the model is sure of a family", () => {
		const other = answer([candidate('other', 'other', 0)]);
		expect(familiesOf(other, 'cli maybe')[0]).toBe('cli-not-logged-in');
		expect(familiesOf(other, 'maybe')[0]).toBe('other');
	});

	test('a family the rules name with enough evidence stands, however the model reads the words', () => {
		const rules = answer([candidate('managed-identity-unavailable', 'wording', 7)]);
		const agreeing = decide(rules, normalizeText('imds'), fake);
		const disagreeing = decide(rules, normalizeText('cli'), fake);
		expect(disagreeing.candidates[0]?.family).toBe('managed-identity-unavailable');
		expect(disagreeing.route).toBe('rules');
		// The model's probability for the same family is what the calibration reads.
		expect(disagreeing.score).toBeLessThan(0.1);
		expect(agreeing.score).toBeGreaterThan(0.9);
		// Calibrated on the rules' first looks, where the model's disagreement did not tell their misses
		// apart: never surer for it.
		expect(assess(disagreeing)[0]!.confidence).toBeLessThanOrEqual(assess(agreeing)[0]!.confidence);
	});

	test('supporting words alone give way to a model that reads the text otherwise, `other` included', () => {
		const weak = answer([candidate('cli-not-logged-in', 'wording', 4)]);
		expect(familiesOf(weak, 'sas')[0]).toBe('other');
		expect(familiesOf(weak, 'imds')[0]).toBe('managed-identity-unavailable');
		expect(familiesOf(weak, 'nothing known')[0]).toBe('cli-not-logged-in');
	});

	test('the model never names a family the rules rule out', () => {
		expect(familiesOf(answer([candidate('other', 'other', 0)], ['cli-not-logged-in']), 'cli')).not.toContain(
			'cli-not-logged-in',
		);
	});

	test('a token endpoint error is left to the rules, which name its code', () => {
		const aadsts = parseModel('aadsts other\n300 0');
		const phrase = answer([candidate('aadsts-50126', 'phrase', 4.5)]);
		expect(decide(phrase, normalizeText('x'), () => aadsts).candidates[0]?.family).toBe('aadsts-50126');
		expect(decide(answer([]), normalizeText('x'), () => aadsts).candidates).toEqual([]);
	});

	test('two families the rules find nearly equal evidence for stay a tie, and neither is claimed likely', () => {
		const report = explainText('The token was rejected: audience mismatch. The token expired.');
		expect(report.unsure?.families).toEqual(expect.arrayContaining(['api-invalid-audience', 'token-expired']));
		const [first, second] = report.findings;
		expect(first!.confidence).toBeLessThan(0.7);
		expect(second!.confidence).toBeLessThanOrEqual(first!.confidence);
	});
});

describe('the committed model where the rules find no family', () => {
	test.each([
		['Azure CLI isn’t logged in', 'cli-not-logged-in'],
		['Your credentials in the Azure CLI token cache have gone stale. Log back in.', 'cli-not-logged-in'],
		['The identity endpoint returned status 410 Gone', 'managed-identity-unavailable'],
		['Token from IMDS never arrived; the pod has no aad-pod-identity binding', 'managed-identity-unavailable'],
	])('%s → %s', (text, family) => {
		expect(classifyByRules(normalizeText(text)).candidates.filter(({family}) => family !== 'other')).toEqual([]);
		const [finding] = explainText(text).findings;
		expect(finding).toMatchObject({family, known: true, codes: []});
		expect(finding!.evidence.join(' ')).toMatch(/\w{4,}/);
		// As sure as the model's answers out of fold were at that probability, never an error code's certainty.
		expect(finding!.confidence).toBeLessThan(0.99);
	});

	test('text with no sign of a sign-in failure stays without findings', () => {
		for (const text of [
			'Build succeeded. 0 warnings, 0 errors.',
			'npm ERR! code ENOENT\nnpm ERR! path /app/package.json',
		])
			expect(explainText(text).findings).toEqual([]);
	});
});
