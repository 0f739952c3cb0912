/**
The conformance corpus is data the other tests of this folder stand on: it must stay well-formed,
sourced, labelled, and free of anything that looks like a token or a key.
*/
import {readFileSync} from 'node:fs';
import {expect, test} from 'vitest';
import {exchanges} from './corpus.ts';

test('at least 150 exchanges, each with a stable id, a kind, a situation and a source link', () => {
	expect(exchanges.length).toBeGreaterThanOrEqual(150);
	const ids = new Set<string>();
	for (const entry of exchanges) {
		expect(entry.id).toMatch(/^ce-\d{4}$/);
		expect(ids.has(entry.id), entry.id).toBe(false);
		ids.add(entry.id);
		expect(entry.kind, entry.id).toMatch(/^[a-z]+(?:-[a-z\d]+)*$/);
		expect(entry.situation.length, entry.id).toBeGreaterThan(10);
		expect(entry.source.url, entry.id).toMatch(/^https:\/\//);
		expect(['sdk-recording', 'github-issue', 'msal-test-data', 'microsoft-docs', 'source-code-comment']).toContain(
			entry.source.kind,
		);
		if (entry.source.commit !== null) expect(entry.source.commit, entry.id).toMatch(/^[\da-f]{40}$/);
		expect(['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment', 'unknown']).toContain(entry.cloud);
		const {status, body, headers} = entry.response;
		if (status !== null) expect(status, entry.id).toBeGreaterThanOrEqual(200);
		// Something to compare: a status, a body or a header.
		expect(status !== null || (body !== null && body !== '') || Object.keys(headers).length > 0, entry.id).toBe(true);
	}
});

test('every error response with a body is labelled with a family of the taxonomy', () => {
	const unlabelled = exchanges.filter(
		entry =>
			entry.family === undefined &&
			entry.response.body !== null &&
			entry.response.body !== '' &&
			((entry.response.status ?? 0) >= 400 || /error|401|403|deny/.test(entry.kind)),
	);
	expect(unlabelled.map(entry => entry.id)).toEqual([]);
	for (const entry of exchanges) {
		if (entry.family === undefined) continue;
		expect(entry.family, entry.id).toMatch(
			/^(?:aadsts-\d+|arm-token-tenant-mismatch|arm-wrong-audience|token-expired|arm-aux-token|authorization-failed|subscription-context|api-invalid-audience|cli-not-logged-in|managed-identity-unavailable|credential-chain-failed|other)$/,
		);
		if (entry.family.startsWith('aadsts-')) {
			expect(JSON.stringify(entry.response.body), entry.id).toContain(entry.family.slice('aadsts-'.length));
		}
	}
});

test('nothing in the corpus looks like a signed token or a private key', () => {
	const text = readFileSync(new URL('./exchanges.jsonl', import.meta.url), 'utf8');
	expect(text).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\./);
	expect(text).not.toMatch(/PRIVATE KEY/);
	// Form bodies carry placeholders only (Bad_Secret is kubelogin's deliberately wrong test secret).
	expect(text).not.toMatch(
		/[&"](?:client_secret|password|refresh_token|client_assertion|assertion|device_code)=(?!<|\[REDACTED\]|Sanitized|Bad_Secret)/,
	);
});
