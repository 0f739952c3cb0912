/**
The labelled texts the corpus tests read: every `*.jsonl` file beside this module (dev.jsonl,
public.jsonl and any further corpus dropped in, such as a tuning and a held-out share of new texts),
the public AADSTS records again with their codes removed, and the held-out style cases written for
the tests. Adding a corpus is adding its JSONL file: corpus-files.test.ts and calibration.test.ts
pick it up.
*/
import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {cases as heldoutCases} from './heldout.cases.ts';
import {sealed, sealedLate, tuning} from './weak-families.cases.ts';

export type CorpusRecord = {
	id: string;
	family: string;
	codes: string[];
	source: string;
	text: string;
	notes: string;
};

/** A text with the family it should get, and the set it comes from. */
export type Labelled = {readonly set: string; readonly id: string; readonly family: string; readonly text: string};

const folder = fileURLToPath(new URL('.', import.meta.url));

export function readCorpus(name: string): CorpusRecord[] {
	return readFileSync(new URL(name, import.meta.url), 'utf8')
		.split('\n')
		.filter(line => line.trim() !== '')
		.map(line => JSON.parse(line) as CorpusRecord);
}

/** Every JSONL corpus file beside this module, sorted by name. */
export function corpusFiles(): string[] {
	return readdirSync(folder)
		.filter(name => name.endsWith('.jsonl'))
		.sort();
}

/**
Whether a report gets a record's family right. A record labelled `other` means "none of the
taxonomy's families" (shared/taxonomy.md lists no `other`): reporting `other` and recognising
nothing are the same verdict there (`explain` exits 1 for both), so both are right for it, and
only for it; every other label must be the first finding's family.
*/
export function namesFamily(expected: string, findings: ReadonlyArray<{family: string}>): boolean {
	const [first] = findings;
	return first ? first.family === expected : expected === 'other';
}

/** An AADSTS record's text with its code removed, prefixed and bare (pastes lose codes). */
export function withoutCode(record: {family: string; text: string}): string {
	const digits = record.family.slice('aadsts-'.length);
	return record.text.replace(/AADSTS ?\d+:? ?/gi, '').replace(new RegExp(`(?<!\\d)${digits}(?!\\d)`, 'g'), '');
}

/** Every labelled text the tests know, each tagged with its set. */
export function allLabelled(): Labelled[] {
	const labelled: Labelled[] = [];
	for (const file of corpusFiles()) {
		const set = file.replace(/\.jsonl$/, '');
		for (const record of readCorpus(file)) {
			labelled.push({set, id: record.id, family: record.family, text: record.text});
			if (record.family.startsWith('aadsts-'))
				labelled.push({set: `${set} (code removed)`, id: record.id, family: record.family, text: withoutCode(record)});
		}
	}

	for (const [name, family, text] of heldoutCases) labelled.push({set: 'heldout cases', id: name, family, text});
	for (const [name, family, text] of tuning) labelled.push({set: 'weak families (tuning)', id: name, family, text});
	for (const [name, family, text] of sealed) labelled.push({set: 'weak families (sealed)', id: name, family, text});
	for (const [name, family, text] of sealedLate)
		labelled.push({set: 'weak families (late sealed)', id: name, family, text});
	return labelled;
}
