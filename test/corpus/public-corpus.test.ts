/**
Real error texts collected from public issues and Q&A threads (test/corpus/public.jsonl), labelled
by hand with the family the taxonomy rules give (by meaning, not by what the classifier says). None
of them is in the dev corpus. Top-1 family accuracy must be at least 90 %; the score and every miss
are printed so a regression names its records.
*/
import {readFileSync} from 'node:fs';
import {expect, test} from 'vitest';
import {explainText} from '../../source/explain/explain.ts';
import {namesFamily} from './corpora.ts';

type CorpusRecord = {id: string; family: string; codes: string[]; source: string; text: string; notes: string};

const read = (name: string): CorpusRecord[] =>
	readFileSync(new URL(name, import.meta.url), 'utf8')
		.split('\n')
		.filter(line => line.trim() !== '')
		.map(line => JSON.parse(line) as CorpusRecord);

const records = read('./public.jsonl');

test('the public corpus is there, labelled, sourced and free of tokens', () => {
	expect(records.length).toBeGreaterThanOrEqual(150);
	const ids = new Set<string>();
	for (const record of records) {
		expect(record.family, record.id).toMatch(/^(?:[a-z]+(?:-[a-z]+)*|aadsts-\d+)$/);
		expect(record.source, record.id).toMatch(/^https:\/\//);
		expect(record.text.trim().length, record.id).toBeGreaterThan(10);
		expect(record.text, record.id).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
		expect(record.text, record.id).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
		expect(ids.has(record.id), record.id).toBe(false);
		ids.add(record.id);
	}
});

test('no public record repeats a dev-corpus text', () => {
	const dev = new Set(read('./dev.jsonl').map(record => record.text));
	expect(records.filter(record => dev.has(record.text)).map(record => record.id)).toEqual([]);
});

test('top-1 family accuracy over the public corpus is at least 90 %', () => {
	const misses: string[] = [];
	for (const record of records) {
		const findings = explainText(record.text).findings;
		const got = findings[0]?.family ?? '(no finding)';
		if (!namesFamily(record.family, findings))
			misses.push(`${record.id}: expected ${record.family}, got ${got} [${findings.map(f => f.family).join(', ')}]`);
	}

	const accuracy = (records.length - misses.length) / records.length;
	console.log(`public corpus: ${records.length - misses.length}/${records.length} (${(accuracy * 100).toFixed(1)} %)`);
	if (misses.length > 0) console.log(`misses:\n  ${misses.join('\n  ')}`);
	expect(accuracy).toBeGreaterThanOrEqual(0.9);
});

test('every code a record is labelled with is reported by its first finding (95 %)', () => {
	const missing: string[] = [];
	let total = 0;
	for (const record of records) {
		const [finding] = explainText(record.text).findings;
		for (const code of record.codes) {
			total++;
			if (!finding?.codes.some(found => found.toLowerCase() === code.toLowerCase()))
				missing.push(`${record.id}: ${code}`);
		}
	}

	if (missing.length > 0) console.log(`codes not reported:\n  ${missing.join('\n  ')}`);
	expect(missing.length).toBeLessThanOrEqual(Math.floor(total * 0.05));
});

/**
Real pastes often lose their code (retyped, translated, redacted). Every public record labelled with
an AADSTS family is run again with its code removed (prefixed and bare): the sentence alone must
still name the family for at least 80 % of them. Some codes share one message (16000/50020,
70001/700016, 700213/7002137/7002138, 50013/700027), so 100 % is not reachable by meaning alone.
*/
test('AADSTS records with their code removed still name their family (>= 80 %)', () => {
	const misses: string[] = [];
	const coded = records.filter(record => record.family.startsWith('aadsts-'));
	for (const record of coded) {
		const digits = record.family.slice('aadsts-'.length);
		const stripped = record.text
			.replace(/AADSTS ?\d+:? ?/gi, '')
			.replace(new RegExp(`(?<!\\d)${digits}(?!\\d)`, 'g'), '');
		const got = explainText(stripped).findings[0]?.family ?? '(no finding)';
		if (got !== record.family) misses.push(`${record.id}: expected ${record.family}, got ${got}`);
	}

	const accuracy = (coded.length - misses.length) / coded.length;
	console.log(
		`code-stripped AADSTS records: ${coded.length - misses.length}/${coded.length} (${(accuracy * 100).toFixed(1)} %)`,
	);
	if (misses.length > 0) console.log(`misses:\n  ${misses.join('\n  ')}`);
	expect(accuracy).toBeGreaterThanOrEqual(0.8);
});
