import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import type {KnowledgeEntry} from '../types.ts';
import {aadstsEntries} from './index.ts';

const allowedPlaceholders = new Set([
	'tenantNameAside',
	'tokenTenant',
	'subscriptionTenant',
	'tenantId',
	'subscriptionId',
	'clientId',
	'resource',
	'audience',
	'expectedAudience',
	'authority',
	'issuer',
	'code',
]);

/** The labelled dev corpus, copied into the repository so this runs from a clone alone. */
const corpusFile = fileURLToPath(new URL('../../../test/corpus/dev.jsonl', import.meta.url));

/**
Every AADSTS code named in shared/reference/azure-auth-facts.md (the research notes the project was started
from, which live outside the repository), listed here so the check runs from a clone.
*/
const factsCodes = [
	'AADSTS50001',
	'AADSTS50049',
	'AADSTS50076',
	'AADSTS53003',
	'AADSTS7000215',
	'AADSTS700024',
	'AADSTS70011',
	'AADSTS70021',
	'AADSTS700211',
	'AADSTS700212',
	'AADSTS700213',
	'AADSTS7002137',
	'AADSTS7002138',
	'AADSTS700222',
	'AADSTS700236',
	'AADSTS901002',
	'AADSTS7000218',
	'AADSTS7000222',
	'AADSTS90002',
	'AADSTS900144',
	'AADSTS700022',
	'AADSTS700016',
	'AADSTS500011',
	'AADSTS700226',
	'AADSTS700229',
];

/** Every text field of an entry, for the placeholder check. */
function texts(entry: KnowledgeEntry): string[] {
	return [
		entry.title,
		entry.explanation,
		entry.verify,
		entry.prevent ?? '',
		...entry.causes.flatMap(cause => [
			cause.text,
			cause.confirm,
			...cause.fixes.flatMap(fix => [fix.text, fix.command ?? '', fix.portal ?? '']),
		]),
	];
}

/** AADSTS codes named in a text, with or without the prefix when it is an `error_codes` array. */
function codesIn(text: string): string[] {
	const found = [...text.matchAll(/AADSTS(\d{4,})/g)].map(match => 'AADSTS' + match[1]);
	for (const array of text.matchAll(/"error_codes"\s*:\s*\[([\d,\s]+)\]/g)) {
		for (const digits of array[1]!.split(',')) {
			if (digits.trim()) found.push('AADSTS' + digits.trim());
		}
	}
	return found;
}

const byCode = new Map(aadstsEntries.map(entry => [entry.codes[0], entry]));

describe('AADSTS knowledge base', () => {
	it('has at least 150 code entries', () => {
		expect(aadstsEntries.length).toBeGreaterThanOrEqual(150);
	});

	it('names each entry by exactly one well-formed, unique code, with the matching family', () => {
		const seen = new Set<string>();
		for (const entry of aadstsEntries) {
			expect(entry.codes).toHaveLength(1);
			const code = entry.codes[0]!;
			expect(code).toMatch(/^AADSTS\d+$/);
			expect(entry.family).toBe('aadsts-' + code.slice('AADSTS'.length));
			expect(seen.has(code), `duplicate ${code}`).toBe(false);
			seen.add(code);
		}
	});

	it('gives every entry a title, explanation, ranked causes with confirm and fixes, verify and links', () => {
		for (const entry of aadstsEntries) {
			const code = entry.codes[0];
			expect(entry.title.trim().length, code).toBeGreaterThan(5);
			expect(entry.explanation.trim().length, code).toBeGreaterThan(60);
			expect(entry.causes.length, code).toBeGreaterThanOrEqual(1);
			for (const cause of entry.causes) {
				expect(cause.text.trim().length, code).toBeGreaterThan(20);
				expect(cause.confirm.trim(), code).not.toBe('');
				expect(cause.fixes.length, code).toBeGreaterThanOrEqual(1);
				for (const fix of cause.fixes) expect(fix.text.trim(), code).not.toBe('');
			}
			const topFixes = entry.causes[0]!.fixes;
			expect(
				topFixes.some(fix => Boolean(fix.command?.trim() || fix.portal?.trim())),
				`${code}: the top cause needs a command or portal steps`,
			).toBe(true);
			expect(entry.verify.trim().length, code).toBeGreaterThan(14);
			expect(entry.links?.length ?? 0, code).toBeGreaterThanOrEqual(1);
			for (const link of entry.links ?? []) expect(link, code).toMatch(/^https:\/\/\S+$/);
			if (entry.httpStatus !== undefined) expect([400, 401, 403]).toContain(entry.httpStatus);
		}
	});

	it('has no escaping left over in its text (literal \\u sequences, HTML entities)', () => {
		for (const entry of aadstsEntries) {
			for (const text of texts(entry)) {
				expect(text, entry.codes[0]).not.toMatch(/\\u[0-9a-f]{4}|&(amp|lt|gt|quot|#\d+);/i);
			}
		}
	});

	it('uses only the placeholders explain can fill', () => {
		for (const entry of aadstsEntries) {
			for (const text of texts(entry)) {
				for (const match of text.matchAll(/\{([A-Za-z]+)\}/g)) {
					expect(allowedPlaceholders.has(match[1]!), `${entry.codes[0]}: {${match[1]}}`).toBe(true);
				}
			}
		}
	});

	it('has lower-case phrases of at least three words, none shared between entries', () => {
		const owner = new Map<string, string>();
		for (const entry of aadstsEntries) {
			for (const phrase of entry.phrases ?? []) {
				const code = entry.codes[0]!;
				expect(phrase, code).toBe(phrase.toLowerCase());
				expect(phrase, code).toBe(phrase.trim().replace(/\s+/g, ' '));
				expect(phrase.split(' ').length, `${code}: "${phrase}"`).toBeGreaterThanOrEqual(3);
				expect(owner.get(phrase), `"${phrase}" in ${owner.get(phrase)} and ${code}`).toBeUndefined();
				owner.set(phrase, code);
			}
		}
	});

	it('has no phrase that contains another entry’s phrase (the classifier would match both)', () => {
		const all = aadstsEntries.flatMap(entry => (entry.phrases ?? []).map(phrase => ({phrase, code: entry.codes[0]})));
		for (const a of all) {
			for (const b of all) {
				if (a.code !== b.code)
					expect(a.phrase.includes(b.phrase), `${a.code} "${a.phrase}" ⊃ ${b.code} "${b.phrase}"`).toBe(false);
			}
		}
	});

	it('covers every AADSTS code in the dev corpus', () => {
		const lines = readFileSync(corpusFile, 'utf8').split('\n').filter(Boolean);
		const codes = new Set<string>();
		for (const line of lines) {
			const record = JSON.parse(line) as {codes?: string[]; text: string};
			for (const code of record.codes ?? []) if (/^AADSTS\d+$/.test(code)) codes.add(code);
			for (const code of codesIn(record.text)) codes.add(code);
		}
		expect(codes.size).toBeGreaterThan(20);
		const missing = [...codes].filter(code => !byCode.has(code));
		expect(missing).toEqual([]);
	});

	it('recognises each corpus AADSTS text by its own phrases once the code is removed, and by no other entry', () => {
		const records = readFileSync(corpusFile, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map(line => JSON.parse(line) as {id: string; family: string; text: string})
			.filter(record => record.family.startsWith('aadsts-'));
		expect(records.length).toBeGreaterThan(20);
		for (const record of records) {
			const text = record.text
				.replace(/AADSTS\d+/g, ' ')
				.replace(/\\[rnt]/g, ' ')
				.replace(/\s+/g, ' ')
				.toLowerCase();
			const matching = aadstsEntries
				.filter(entry => (entry.phrases ?? []).some(phrase => text.includes(phrase)))
				.map(entry => entry.family);
			expect(matching, record.id).toEqual([record.family]);
		}
	});

	it('covers every AADSTS code in the auth facts reference', () => {
		const missing = factsCodes.filter(code => !byCode.has(code));
		expect(missing).toEqual([]);
	});

	it('explains the seed codes in depth', () => {
		const deep = [
			'AADSTS50000',
			'AADSTS700236',
			'AADSTS7000215',
			'AADSTS7000222',
			'AADSTS700016',
			'AADSTS500011',
			'AADSTS65001',
			'AADSTS50076',
			'AADSTS53003',
			'AADSTS70021',
			'AADSTS700213',
		];
		for (const code of deep) {
			const entry = byCode.get(code)!;
			expect(entry, code).toBeDefined();
			expect(entry.causes.length, code).toBeGreaterThanOrEqual(2);
			expect(entry.prevent, code).toBeTruthy();
			expect(entry.phrases?.length ?? 0, code).toBeGreaterThanOrEqual(1);
		}
	});

	it('walks AADSTS50000 through its four documented causes', () => {
		const causes = byCode
			.get('AADSTS50000')!
			.causes.map(cause => cause.text.toLowerCase())
			.join('\n');
		expect(causes).toMatch(/password/);
		expect(causes).toMatch(/on-behalf-of/);
		expect(causes).toMatch(/device code/);
		expect(causes).toMatch(/symmetric/);
	});

	it('gives AADSTS700236 the cross-tenant federation path with the exact commands', () => {
		const entry = byCode.get('AADSTS700236')!;
		const commands = entry.causes.flatMap(cause => cause.fixes.map(fix => fix.command ?? '')).join('\n');
		expect(commands).toContain('az ad app create');
		expect(commands).toContain('--sign-in-audience AzureADMultipleOrgs');
		expect(commands).toContain('az ad app federated-credential create');
		expect(commands).toContain('https://login.microsoftonline.com/{tenantId}/v2.0');
		expect(commands).toContain('api://AzureADTokenExchange');
		const portals = entry.causes.flatMap(cause => cause.fixes.map(fix => fix.portal ?? '')).join('\n');
		expect(portals).toMatch(/https:\/\/login\.microsoftonline\.com\/<resource-tenant-id>\/adminconsent\?client_id=/);
		expect(commands).toContain('az role assignment create');
	});

	it('pairs the OAuth error value where it is fixed', () => {
		expect(byCode.get('AADSTS7000215')!.oauthError).toBe('invalid_client');
		expect(byCode.get('AADSTS500011')!.oauthError).toBe('invalid_resource');
		expect(byCode.get('AADSTS70011')!.oauthError).toBe('invalid_scope');
		expect(byCode.get('AADSTS700082')!.oauthError).toBe('invalid_grant');
	});
});
