import {describe, expect, test} from 'vitest';
import {audiences, mintToken} from '../../test/support/mint.ts';
import {createStyle} from '../terminal/style.ts';
import {analyzeToken} from './analyze.ts';
import {decodeJwt} from './jwt.ts';
import {decodeJson, hasProblems, renderDecodeText, signatureNotChecked} from './report.ts';

const now = Date.UTC(2026, 10, 22, 12, 0, 0);

async function reportFor(options: Parameters<typeof mintToken>[0] = {}) {
	const minted = await mintToken({now, ...options});
	const analysis = analyzeToken(decodeJwt(minted.token), {now, timeZone: 'UTC'});
	return {minted, report: {...analysis, signature: signatureNotChecked}};
}

describe('renderDecodeText', () => {
	test('fits 80 columns and never prints the token or its signature', async () => {
		const {minted, report} = await reportFor({
			version: '1.0',
			audience: audiences.arm,
			expiresIn: -7200,
			claims: {groups: Array.from({length: 40}, (_, index) => `0000000${index % 10}-1111-2222-3333-444444444444`)},
		});
		const text = renderDecodeText(report, {style: createStyle(false), columns: 80});
		for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
		const [header, payload, signature] = minted.token.split('.');
		for (const part of [header!, payload!, signature!]) expect(text).not.toContain(part.slice(0, 24));
		expect(text).toMatch(/^Access token \(v1\.0\) sha256:[0-9a-f]{8}\n/);
		expect(text).toContain('\n  for https://management.core.windows.net/ (Azure Resource Manager, AzureCloud)\n');
		expect(text).toContain('\n  user alex@contoso.example\n  expired 2 h ago (2026-11-22 10:00:00 UTC)\n');
		expect(text).toMatch(/✗ expired: Expired 2 h ago \(2026-11-22 10:00:00 UTC\)/);
		expect(text).toContain('• v1-token:');
		expect(text).toContain('- not checked (use --verify');
		expect(text).toContain('… (');
	});

	test('pasted escape sequences in claims never reach the terminal', async () => {
		const {report} = await reportFor({
			claims: {name: 'Alex\u001B]0;pwned\u0007\u001B[2J', 'evil\u001B[31m': 'x\r\u009B2Jy'},
		});
		for (const color of [false, true]) {
			const text = renderDecodeText(report, {style: createStyle(color), columns: 80});
			const withoutStyles = text.replace(/\u001B\[(?:[0-9]{1,2})m/g, '');
			expect(withoutStyles).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
		}
	});

	test('a secret in a claim is redacted before the value is wrapped: no piece of it is left on either line', async () => {
		const password = 'Zq4vT9mWx2LpR7kNc8Hd';
		// Cut across lines at 40 columns, the cut falling inside the password, before the '@' that marks it as a password.
		const {report} = await reportFor({claims: {ctx: `https://alice:${password}@proxy-${'x'.repeat(50)}.example:3128`}});
		const text = renderDecodeText(report, {style: createStyle(false), columns: 40});
		expect(text).toContain('alice:[redacted]@');
		for (let start = 0; start + 8 <= password.length; start++)
			expect(text).not.toContain(password.slice(start, start + 8));
	});

	test('a clean token says so, and the signature line shows the check', async () => {
		const {report} = await reportFor();
		const verified = {...report, signature: {verified: true, reason: "signed by the issuer's key k1 (https://x/keys)"}};
		const text = renderDecodeText(verified, {style: createStyle(false), columns: 80});
		expect(text).toContain('✓ nothing wrong found in the claims');
		expect(text).toContain("✓ verified: signed by the issuer's key k1");
		expect(hasProblems(verified)).toBe(false);
		expect(hasProblems({...report, signature: {verified: false, reason: 'x'}})).toBe(true);
	});
});

test('decodeJson has exactly the documented fields plus fingerprint and explainedHeader', async () => {
	const {minted, report} = await reportFor({kind: 'id'});
	const document = decodeJson(report);
	expect(Object.keys(document)).toEqual([
		'header',
		'claims',
		'kind',
		'version',
		'explained',
		'findings',
		'signature',
		'fingerprint',
		'explainedHeader',
	]);
	expect(document).toMatchObject({kind: 'id', version: '2.0', signature: {verified: null}});
	expect(JSON.stringify(document)).not.toContain(minted.token.split('.')[2]!);
	expect(hasProblems(report)).toBe(true);
});
