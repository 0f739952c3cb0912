import {describe, expect, test} from 'vitest';
import {aadstsEntries} from './aadsts/index.ts';
import {distinctionOf, distinctions} from './distinctions.ts';
import {familyEntries} from './families.ts';
import {
	entryForCode,
	entryForFamily,
	errorLookupUrl,
	knowledgeEntries,
	normalizeCode,
	otherEntry,
	unknownAadstsEntry,
} from './index.ts';
import type {KnowledgeEntry} from './types.ts';

const taxonomyFamilies = [
	'arm-token-tenant-mismatch',
	'arm-wrong-audience',
	'token-expired',
	'arm-aux-token',
	'authorization-failed',
	'subscription-context',
	'api-invalid-audience',
	'cli-not-logged-in',
	'managed-identity-unavailable',
	'credential-chain-failed',
];

/** The placeholders `explain` fills (types.ts), the two it derives (cloud, ARM resource) and the linked subscription. */
const knownPlaceholders = new Set([
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
	'cloudName',
	'armResource',
	'linkedSubscriptionId',
]);

function texts(entry: KnowledgeEntry): string[] {
	return [
		entry.title,
		entry.explanation,
		entry.verify,
		entry.prevent ?? '',
		...entry.causes.flatMap(cause => [
			cause.text,
			cause.confirm,
			...cause.fixes.flatMap(fix => [
				fix.text,
				fix.command ?? '',
				fix.code ?? '',
				fix.portal ?? '',
				// Each language's own fix is filled the same way.
				...Object.values(fix.inLanguage ?? {}).flatMap(own => [own.text, own.command ?? '', own.code ?? '']),
			]),
		]),
	];
}

describe('family entries', () => {
	test('there is exactly one entry for every taxonomy family, in taxonomy order', () => {
		expect(familyEntries.map(entry => entry.family)).toEqual(taxonomyFamilies);
	});

	test.each([...familyEntries, otherEntry])('$family is complete', entry => {
		expect(entry.title.length).toBeGreaterThan(10);
		expect(entry.explanation.length).toBeGreaterThan(60);
		expect(entry.verify.length).toBeGreaterThan(20);
		expect(entry.causes.length).toBeGreaterThanOrEqual(2);
		for (const cause of entry.causes) {
			expect(cause.text.length).toBeGreaterThan(20);
			expect(cause.confirm.length).toBeGreaterThan(5);
			expect(cause.fixes.length).toBeGreaterThanOrEqual(1);
		}
	});

	test('every placeholder is one explain knows how to fill', () => {
		for (const entry of knowledgeEntries) {
			for (const text of texts(entry)) {
				for (const match of text.matchAll(/\{([a-zA-Z]+)\}/g))
					expect(knownPlaceholders, `${entry.family}: ${match[0]}`).toContain(match[1]);
			}
		}
	});

	test('phrases are lower case, specific and not shared between entries', () => {
		const seen = new Map<string, string>();
		for (const entry of familyEntries) {
			for (const phrase of entry.phrases ?? []) {
				expect(phrase).toBe(phrase.toLowerCase());
				expect(phrase.length).toBeGreaterThanOrEqual(8);
				expect(seen.get(phrase), `phrase '${phrase}'`).toBeUndefined();
				seen.set(phrase, entry.family);
			}
		}
	});

	test('the seed failures are covered in depth', () => {
		const tenant = entryForFamily('arm-token-tenant-mismatch')!;
		const all = texts(tenant).join('\n');
		expect(all).toMatch(/service connection/);
		expect(all).toMatch(/cached token/i);
		expect(all).toMatch(/az login --tenant \{subscriptionTenant\}/);
		expect(all).toMatch(/az account set --subscription \{subscriptionId\}/);
		expect(tenant.verify).toMatch(/[Rr]eplay/);
		expect(tenant.prevent).toMatch(/preflight/);
		const audience = texts(entryForFamily('api-invalid-audience')!).join('\n');
		for (const form of [/ID token/, /v1/, /differs by a character/, /without the resource prefix/, /Graph/])
			expect(audience).toMatch(form);
		const aux = texts(entryForFamily('arm-aux-token')!).join('\n');
		expect(aux).toMatch(/at most three/);
		expect(aux).toMatch(/401 naming the client and tenant/);
		expect(texts(entryForFamily('authorization-failed')!).join('\n')).toMatch(/401/);
	});
});

describe('lookups', () => {
	test('by family and by ARM code', () => {
		expect(entryForFamily('token-expired')?.family).toBe('token-expired');
		expect(entryForFamily('other')).toBe(otherEntry);
		expect(entryForFamily('no-such-family')).toBeUndefined();
		expect(entryForCode('InvalidAuthenticationTokenTenant')?.family).toBe('arm-token-tenant-mismatch');
		expect(entryForCode('linkedauthorizationfailed')?.family).toBe('arm-aux-token');
	});

	test('codes are normalised with and without the AADSTS prefix', () => {
		expect(normalizeCode('50076')).toBe('AADSTS50076');
		expect(normalizeCode('aadsts50076')).toBe('AADSTS50076');
		expect(normalizeCode('AuthorizationFailed')).toBe('authorizationfailed');
	});

	test('no code belongs to two entries', () => {
		const owners = new Map<string, string>();
		for (const entry of knowledgeEntries) {
			for (const code of entry.codes) {
				const key = normalizeCode(code);
				expect(owners.get(key), `${code} in ${entry.family} and ${owners.get(key)}`).toBeUndefined();
				owners.set(key, entry.family);
			}
		}
	});

	test('AADSTS entries are found by their code', () => {
		for (const entry of aadstsEntries) {
			expect(entry.family).toMatch(/^aadsts-\d+$/);
			expect(entryForCode(entry.family.slice('aadsts-'.length))?.family).toBe(entry.family);
		}
	});

	test('an unknown AADSTS code gets its family and the official lookup', () => {
		const entry = unknownAadstsEntry('9999991');
		expect(entry.family).toBe('aadsts-9999991');
		expect(errorLookupUrl('9999991')).toBe('https://login.microsoftonline.com/error?code=9999991');
		expect(entry.causes[0]!.fixes[0]!.text).toContain('https://login.microsoftonline.com/error?code=9999991');
	});
});

describe('distinctions', () => {
	test('name taxonomy families (or an aadsts-* prefix), each pair once, each with a question', () => {
		const known = new Set(familyEntries.map(entry => entry.family));
		const seen = new Set<string>();
		for (const {families, question} of distinctions) {
			for (const family of families) expect(known.has(family) || family === 'aadsts-*', family).toBe(true);
			const key = [...families].sort().join(' ');
			expect(seen.has(key), key).toBe(false);
			seen.add(key);
			expect(question).toMatch(/\?/);
		}
	});

	test('are found in either order, the wildcard matching every AADSTS family', () => {
		expect(distinctionOf('api-invalid-audience', 'arm-wrong-audience')).toBe(
			distinctionOf('arm-wrong-audience', 'api-invalid-audience'),
		);
		expect(distinctionOf('aadsts-50076', 'cli-not-logged-in')?.families).toEqual(['cli-not-logged-in', 'aadsts-*']);
		expect(distinctionOf('token-expired', 'subscription-context')).toBeUndefined();
	});
});
