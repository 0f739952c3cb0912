/**
Every labelled corpus file beside this test (dev.jsonl, public.jsonl and whatever further corpus is
dropped in: a tuning share and a held-out share of newly collected texts) is checked the same way:
well formed and free of tokens, top-1 family accuracy of at least 95 % per file (a record labelled
`other` is also right when nothing is recognised: corpora.ts namesFamily), and explain's human
output of every record fits 80 columns. Adding a corpus is adding its JSONL file. The accuracy per
family and every miss are printed.

Six files measure how the classifier does on wordings it has not seen, and were never tuned or
trained on: extra-sealed-2.jsonl … extra-sealed-6.jsonl (a third of the texts collected for the
second to sixth rounds, set aside by a hash of their ids before any tuning) and extra-heldout.jsonl
(a share of the first collection the lead held back from every engineer until the classifier was
done). Their bars are regression guards below what they measured (see the corpus README): sealed-2
94.6 % → bar 90 %, sealed-3 85 %, sealed-4 87.1 %, sealed-5 84.2 % and sealed-6 93.8 % → bar 80 %,
held-out 81.4 % → bar 75 %. Only their
per-family counts are printed, not their misses, so that nobody tunes on them by accident; tuning on
them would make them worthless as a measure. Every other file must reach 95 %.
*/
import {describe, expect, test} from 'vitest';
import {explainText} from '../../source/explain/explain.ts';
import {formatReport} from '../../source/explain/format.ts';
import {createStyle} from '../../source/terminal/style.ts';
import {corpusFiles, namesFamily, readCorpus} from './corpora.ts';

const files = corpusFiles();

test('the shipped corpora are there', () => {
	expect(files).toEqual(expect.arrayContaining(['dev.jsonl', 'public.jsonl']));
});

describe.each(files)('%s', file => {
	const records = readCorpus(file);

	test('is labelled, sourced and free of tokens', () => {
		expect(records.length).toBeGreaterThan(0);
		const ids = new Set<string>();
		for (const record of records) {
			expect(record.family, record.id).toMatch(/^(?:[a-z]+(?:-[a-z]+)*|aadsts-\d+)$/);
			expect(record.text.trim().length, record.id).toBeGreaterThan(10);
			expect(record.text, record.id).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
			expect(record.text, record.id).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
			expect(ids.has(record.id), record.id).toBe(false);
			ids.add(record.id);
		}
	});

	const untunedBars: Readonly<Record<string, number>> = {
		'extra-sealed-2.jsonl': 0.9,
		'extra-sealed-3.jsonl': 0.8,
		'extra-sealed-4.jsonl': 0.8,
		'extra-sealed-5.jsonl': 0.8,
		'extra-sealed-6.jsonl': 0.8,
		'extra-heldout.jsonl': 0.75,
	};
	const isSealed = /sealed|held-?out/.test(file);
	const bar = untunedBars[file] ?? 0.95;
	test(`top-1 family accuracy is at least ${bar * 100} %${isSealed ? ' (never tuned against)' : ''}`, () => {
		const perFamily = new Map<string, {right: number; total: number}>();
		const misses: string[] = [];
		for (const record of records) {
			const findings = explainText(record.text).findings;
			const got = findings[0]?.family ?? '(no finding)';
			const key = record.family.startsWith('aadsts-') ? 'aadsts-*' : record.family;
			const tally = perFamily.get(key) ?? {right: 0, total: 0};
			tally.total++;
			if (namesFamily(record.family, findings)) tally.right++;
			else
				misses.push(`${record.id}: expected ${record.family}, got ${got} [${findings.map(f => f.family).join(', ')}]`);
			perFamily.set(key, tally);
		}

		const right = records.length - misses.length;
		console.log(
			[
				`${file}: ${right}/${records.length} (${((right / records.length) * 100).toFixed(1)} %)`,
				...[...perFamily]
					.sort(([a], [b]) => a.localeCompare(b))
					.map(([family, {right, total}]) => `  ${family.padEnd(30)} ${right}/${total}`),
				...(isSealed ? [] : misses.map(miss => `  miss ${miss}`)),
			].join('\n'),
		);
		expect(right / records.length).toBeGreaterThanOrEqual(bar);
	});

	test('human output of every record fits 80 columns (commands, inline ones too, links, id rows and unbreakable words aside)', () => {
		const style = createStyle(false);
		const wide: string[] = [];
		for (const record of records) {
			for (const line of formatReport(explainText(record.text), {style, width: 80}).split('\n')) {
				// A command written inline stays whole on a line of its own (it must survive copying).
				if (line.length <= 80 || /^\s*\$ |^\s*https?:\/\/|^\s{4}\S.*\s{2}\S|^\s*\(?`[^`]+`[).,;:]*$/.test(line))
					continue;
				if (
					line
						.trim()
						.split(' ')
						.some(word => word.length > 50)
				)
					continue;
				wide.push(`${record.id}: ${line}`);
			}
		}

		expect(wide).toEqual([]);
	});
});
