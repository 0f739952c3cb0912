import {describe, expect, test} from 'vitest';
import {audiences, mintToken, unsignedToken} from '../../test/support/mint.ts';
import {decodeJwt, extractToken, TokenFormatError} from './jwt.ts';

describe('extractToken', () => {
	test('accepts the shapes people paste a token in', async () => {
		const {token} = await mintToken();
		for (const pasted of [
			token,
			`  ${token}\n`,
			`Bearer ${token}`,
			`bearer   ${token}`,
			`Authorization: Bearer ${token}`,
			`"${token}"`,
			`\uFEFF${token}`,
			JSON.stringify({accessToken: token, expiresOn: '2026-01-01 00:00:00.000000', tokenType: 'Bearer'}),
			JSON.stringify({token_type: 'Bearer', expires_in: 3599, access_token: token}),
		]) {
			expect(extractToken(pasted)).toBe(token);
		}
	});
});

describe('decodeJwt', () => {
	test('returns the header, the claims and a fingerprint, not the token', async () => {
		const {token, claims} = await mintToken({audience: audiences.arm});
		const decoded = decodeJwt(`Bearer ${token}`);
		expect(decoded.claims).toEqual(claims);
		expect(decoded.header).toMatchObject({alg: 'RS256', typ: 'JWT'});
		expect(decoded.fingerprint).toMatch(/^sha256:[0-9a-f]{8}$/);
		expect(decoded.signatureMissing).toBe(false);
		expect(JSON.stringify(decoded)).not.toContain(token.split('.')[2]);
	});

	test('decodes a token whose signature was removed, and says so', async () => {
		const {token} = await mintToken();
		const [header, payload] = token.split('.');
		expect(decodeJwt(`${header}.${payload}.`).signatureMissing).toBe(true);
	});

	const header = {alg: 'RS256', typ: 'JWT'};
	const cases: Array<[string, string, RegExp]> = [
		['empty', '   ', /no token given/],
		['"Bearer" alone', 'Bearer ', /no token given/],
		['two parts', 'eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ', /three parts.*found 2/],
		['four parts', 'a.b.c.d', /found 4/],
		['a JWE (five parts)', 'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d', /encrypted token \(JWE\)/],
		['bad base64url', 'eyJhbGciOiJSUzI1NiJ9.ab+c/d==.sig', /payload is not base64url/],
		['a header that is not JSON', `${Buffer.from('hello').toString('base64url')}.eyJhIjoxfQ.sig`, /header is not JSON/],
		['a payload that is a JSON array', unsignedToken(header, [1, 2]), /payload is JSON but not an object/],
		['a payload that is a JSON string', unsignedToken(header, '"text"'), /payload is JSON but not an object/],
		['a header without alg', unsignedToken({typ: 'JWT'}, {a: 1}), /no "alg"/],
		['a three-part JWE header', unsignedToken({alg: 'dir', enc: 'A256GCM'}, {a: 1}), /encrypted token/],
		['a space inside', 'eyJhbGciOiJSUzI1NiJ9 .eyJhIjoxfQ.sig', /no spaces/],
		['binary', '\u0000\u0001\u00ff.\u0002.\u0003', /characters that cannot appear/],
		['a signature that is not base64url', `${unsignedToken(header, {a: 1})}$$`, /signature is not base64url/],
		['too long', `eyJ${'A'.repeat(70_000)}.a.b`, /too long/],
	];
	test.each(cases)('refuses %s with a one-line reason', (_name, input, message) => {
		let thrown: unknown;
		try {
			decodeJwt(input);
		} catch (error) {
			thrown = error;
		}

		expect(thrown).toBeInstanceOf(TokenFormatError);
		expect((thrown as Error).message).toMatch(message);
		expect((thrown as Error).message).not.toContain('\n');
	});
});
