/**
Held-out style texts written for this test, not taken from the dev corpus: other clients, other
wording, retranslated sentences, codes stripped or written bare, escaped and decorated pastes.
They check that the classifier follows the meaning of a message, not one paste.
*/
import {describe, expect, test} from 'vitest';
import {explainText} from '../../source/explain/explain.ts';
import {cases, tenantA, tenantB} from './heldout.cases.ts';

describe('held-out style texts', () => {
	test.each(cases)('%s → %s', (_name, family, text) => {
		const report = explainText(text);
		expect(report.findings[0]?.family).toBe(family);
	});

	test('there are at least 30 of them', () => {
		expect(cases.length).toBeGreaterThanOrEqual(30);
	});

	test('text with no sign of an auth failure gives no findings', () => {
		expect(
			explainText('npm ERR! code ENOENT\nnpm ERR! syscall open\nnpm ERR! path /app/package.json').findings,
		).toEqual([]);
		expect(explainText('Build succeeded. 0 warnings, 0 errors.').findings).toEqual([]);
	});

	test('the tenants of a reworded mismatch are told apart', () => {
		const [finding] = explainText(cases[2]![2]).findings;
		expect(finding?.entities.tokenTenant).toBe(tenantA);
		expect(finding?.entities.subscriptionTenant).toBe(tenantB);
		expect(finding?.fixes.map(fix => fix.command)).toContain(`az login --tenant ${tenantB}`);
	});
});
