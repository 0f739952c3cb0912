/**
The held-out style cases of weak-families.cases.ts: the three families that real texts without an
error code missed most, in every tool's wording and six languages. The tuning share was used while
the signals were generalised and must stay at 95 %; the sealed shares (one written with it, one
when the work was done) were never tuned or trained on: they measure unseen wordings, so their bars
are regression guards below what they measured (40/41 and 29/30 with the learned model: 90 % each)
and their scores are printed.
*/
import {describe, expect, test} from 'vitest';
import {explainText} from '../../source/explain/explain.ts';
import {sealed, sealedLate, tuning, type WeakCase} from './weak-families.cases.ts';

function accuracy(cases: readonly WeakCase[], label: string): number {
	const misses = cases.filter(([, family, text]) => explainText(text).findings[0]?.family !== family);
	console.log(
		`${label}: ${cases.length - misses.length}/${cases.length}${misses.map(([name, family]) => `\n  miss ${name} (${family})`).join('')}`,
	);
	return (cases.length - misses.length) / cases.length;
}

describe('the weak families in every tool and language', () => {
	test('tuning share: at least 95 %', () => {
		expect(accuracy(tuning, 'weak families, tuning share')).toBeGreaterThanOrEqual(0.95);
	});

	test('sealed share: at least 90 % (measured, never tuned against)', () => {
		expect(accuracy(sealed, 'weak families, sealed share')).toBeGreaterThanOrEqual(0.9);
	});

	test('late sealed share: at least 90 % (measured, never tuned against)', () => {
		expect(accuracy(sealedLate, 'weak families, late sealed share')).toBeGreaterThanOrEqual(0.9);
	});

	test('each of the three families is written in each of the six languages, in the first two shares', () => {
		const languages = ['German', 'French', 'Spanish', 'Japanese', 'Portuguese', 'Chinese'];
		for (const share of [tuning, sealed]) {
			for (const family of ['cli-not-logged-in', 'api-invalid-audience', 'managed-identity-unavailable']) {
				const names = share.filter(([, labelled]) => labelled === family).map(([name]) => name);
				for (const language of languages)
					expect(
						names.some(name => name.startsWith(language)),
						`${family} ${language}`,
					).toBe(true);
			}
		}
	});
});
