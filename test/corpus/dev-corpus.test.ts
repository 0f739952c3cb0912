/**
Every record of the shared dev corpus (real error texts, labelled): top-1 family accuracy must be
at least 95 %. Misses are printed so a regression names its records.
*/
import {readFileSync} from 'node:fs';
import {expect, test} from 'vitest';
import {explainText} from '../../source/explain/explain.ts';
import {namesFamily} from './corpora.ts';

type CorpusRecord = {id: string; family: string; codes: string[]; text: string};

const corpusPath = new URL('./dev.jsonl', import.meta.url);
const records: CorpusRecord[] = readFileSync(corpusPath, 'utf8')
	.split('\n')
	.filter(line => line.trim() !== '')
	.map(line => JSON.parse(line) as CorpusRecord);

test('the corpus is there and labelled', () => {
	expect(records.length).toBeGreaterThanOrEqual(50);
	for (const record of records) expect(record.family).toMatch(/^(?:[a-z-]+|aadsts-\d+)$/);
});

test('top-1 family accuracy over the dev corpus is at least 95 %', () => {
	const misses: string[] = [];
	for (const record of records) {
		const findings = explainText(record.text).findings;
		const got = findings[0]?.family ?? '(no finding)';
		if (!namesFamily(record.family, findings)) misses.push(`${record.id}: expected ${record.family}, got ${got}`);
	}

	const accuracy = (records.length - misses.length) / records.length;
	console.log(`dev corpus: ${records.length - misses.length}/${records.length} (${(accuracy * 100).toFixed(1)} %)`);
	if (misses.length > 0) console.log(`misses:\n  ${misses.join('\n  ')}`);
	expect(accuracy).toBeGreaterThanOrEqual(0.95);
});

test('every code a record is labelled with is reported by its first finding', () => {
	const missing: string[] = [];
	for (const record of records) {
		const [finding] = explainText(record.text).findings;
		for (const code of record.codes) {
			if (!finding?.codes.some(found => found.toLowerCase() === code.toLowerCase()))
				missing.push(`${record.id}: ${code}`);
		}
	}

	if (missing.length > 0) console.log(`codes not reported:\n  ${missing.join('\n  ')}`);
	expect(missing.length).toBeLessThanOrEqual(Math.floor(records.length * 0.05));
});

test('records labelled other come out as known: false', () => {
	for (const record of records) {
		const [finding] = explainText(record.text).findings;
		if (record.family === 'other' && finding) expect(finding.known).toBe(false);
	}
});
