import {describe, expect, test} from 'vitest';
import {featuresOf, wordFeature} from './features.ts';
import {calibrated, knownFeatures, learnedModel, parseModel, probabilities, strongestFeatures} from './learned.ts';
import {normalizeText} from './normalize.ts';

const gloss = (text: string) => normalizeText(text).gloss;

describe('features', () => {
	test('words lose the digits of codes and ids; an HTTP status stays', () => {
		expect(wordFeature('aadsts50076')).toBe('aadsts#');
		expect(wordFeature('idx10223')).toBe('idx#');
		expect(wordFeature('8e7d6c5b')).toBe('#');
		expect(wordFeature('12345')).toBe('#');
		expect(wordFeature('401')).toBe('401');
		expect(wordFeature('oauth2')).toBe('oauth2');
		expect(wordFeature('x'.repeat(41))).toBeUndefined();
	});

	test('words, neighbouring pairs and concepts, each with where it first occurs', () => {
		const text = gloss('Please run az login. Please run az login again.');
		const features = featuresOf(text);
		expect(features.get('please')).toBe(0);
		expect(features.get('az login')).toBe(text.indexOf('login'));
		expect(features.has('@developerTool')).toBe(true);
		expect(features.has('@relation:cli-not-logged-in')).toBe(true);
	});

	test('a Han character is a word, a run of kana another', () => {
		const features = featuresOf('管理エラーです');
		expect([...features.keys()].filter(feature => !feature.startsWith('@'))).toEqual([
			'管',
			'理',
			'管 理',
			'エラーです',
			'理 エラーです',
		]);
	});

	test('a relation inside a list of alternative causes is no relation', () => {
		const features = featuresOf(gloss('Access token is missing, invalid, audience is incorrect, or have expired.'));
		expect(features.has('@enumeratedCauses')).toBe(true);
		expect(features.has('@relation:api-invalid-audience')).toBe(false);
	});

	test('on a huge paste only the features a model knows are kept', () => {
		const text = gloss('managed identity endpoint timed out '.repeat(20_000));
		const known = featuresOf(text, {
			feature: name => name.startsWith('identity') || name.startsWith('timed'),
			pairAfter: word => word === 'timed',
		});
		// 'identity endpoint' is never built: no kept pair starts with 'identity'.
		expect([...known.keys()].filter(feature => !feature.startsWith('@'))).toEqual(['identity', 'timed', 'timed out']);
	});
});

describe('the model', () => {
	const model = parseModel('aadsts other tool\n0 10 -10\nlogin\t2:300 1:-50\nsignature\t1:200');

	test('is parsed from its text: classes, biases and weights in hundredths', () => {
		expect(model.classes).toEqual(['aadsts', 'other', 'tool']);
		expect(model.bias).toEqual([0, 0.1, -0.1]);
		expect(model.weights.get('login')).toEqual([2, 3, 1, -0.5]);
	});

	test('gives a probability to every class, from the features it knows', () => {
		const features = new Map([
			['login', 0],
			['unknown', 5],
		]);
		const probability = probabilities(model, features);
		expect(probability.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 10);
		expect(probability.indexOf(Math.max(...probability))).toBe(2);
		expect(probabilities(model, new Map())).toEqual(probabilities(model, new Map([['unknown', 0]])));
	});

	test('names the features that speak most for a class, as evidence', () => {
		const features = new Map([
			['signature', 3],
			['login', 9],
		]);
		expect(strongestFeatures(model, features, 2, 2)).toEqual([{feature: 'login', index: 9}]);
	});

	test('the committed model reads its own features', () => {
		const shipped = learnedModel();
		expect(shipped.classes).toEqual(expect.arrayContaining(['aadsts', 'other', 'cli-not-logged-in']));
		const features = knownFeatures(shipped, gloss('ManagedIdentityCredential: no managed identity endpoint found'));
		const probability = probabilities(shipped, features);
		expect(shipped.classes[probability.indexOf(Math.max(...probability))]).toBe('managed-identity-unavailable');
	});
});

test('calibration steps map a score to the probability of its step', () => {
	const steps = [
		[0.5, 0.3],
		[0.9, 0.7],
		[1, 0.95],
	] as const;
	expect(calibrated(steps, 0.2)).toBe(0.3);
	expect(calibrated(steps, 0.5)).toBe(0.3);
	expect(calibrated(steps, 0.51)).toBe(0.7);
	expect(calibrated(steps, 1)).toBe(0.95);
});
