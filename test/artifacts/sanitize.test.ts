/**
What the artifact readers replace before an exchange leaves them, by structure: credential headers
(the scheme word of Authorization stays), cookies, sign-in material in query strings, fragments and
form bodies, a password in a URL. Diagnostic values stay.
*/
import {describe, expect, test} from 'vitest';
import {cleanBody, cleanHeaderValue, cleanUrl} from '../../source/artifacts/sanitize.ts';

describe('headers', () => {
	test('credentials become a marker; what tools already masked and ordinary headers stay', () => {
		expect(cleanHeaderValue('Authorization', 'Bearer abcdefghijklmnopqrstuvwxyz0123456789ABCD')).toMatch(
			/^Bearer \[redacted sha256:[0-9a-f]{8}\]$/,
		);
		expect(cleanHeaderValue('cookie', 'ESTSAUTH=abc; buid=def')).toMatch(/^\[redacted/);
		expect(cleanHeaderValue('Set-Cookie', 'fpc=AgTzq; path=/')).toMatch(/^\[redacted/);
		expect(cleanHeaderValue('x-ms-authorization-auxiliary', 'Bearer a.b.c')).toMatch(/^Bearer \[redacted/);
		for (const masked of ['*****', 'REDACTED', '***', '<redacted>'])
			expect(cleanHeaderValue('Authorization', masked)).toBe(masked);
		expect(cleanHeaderValue('x-ms-request-id', 'ee6d27e1-141c-44eb-a871-a2b2d980aa15')).toBe(
			'ee6d27e1-141c-44eb-a871-a2b2d980aa15',
		);
	});

	test('a Location or Referer header is a URL: its secret parameters go', () => {
		expect(cleanHeaderValue('location', 'https://app.example/cb#id_token=eyJx.eyJy.sig&state=s1')).toMatch(
			/^https:\/\/app\.example\/cb#id_token=\[redacted\]&state=\[redacted\]$/,
		);
	});
});

describe('URLs', () => {
	test('query and fragment: codes, tokens, SAML, state go; error, client id, api-version stay', () => {
		const url = cleanUrl(
			'https://login.microsoftonline.com/t/oauth2/v2.0/authorize?client_id=c1&code=0.AXYZlongcode&SAMLRequest=PHNhbWw%2B&api-version=1.0&state=abc#access_token=tok&error=access_denied&error_description=AADSTS50105%3A+blocked',
		);
		expect(url).toBe(
			'https://login.microsoftonline.com/t/oauth2/v2.0/authorize?client_id=c1&code=[redacted]&SAMLRequest=[redacted]&api-version=1.0&state=[redacted]#access_token=[redacted]&error=access_denied&error_description=AADSTS50105%3A+blocked',
		);
	});

	test('a password in the authority goes, the user name stays; text that is no URL is left alone', () => {
		expect(cleanUrl('https://proxyuser:Pa55word@proxy.example:3128/path')).toBe(
			'https://proxyuser@proxy.example:3128/path',
		);
		expect(cleanUrl('not a url')).toBe('not a url');
	});
});

describe('bodies', () => {
	test('a form body loses its secret fields; JSON and text stay for the redaction on output', () => {
		expect(
			cleanBody('grant_type=client_credentials&client_id=c1&client_secret=abc8Q~xyz&client_assertion=eyJ.eyJ.s'),
		).toBe('grant_type=client_credentials&client_id=c1&client_secret=[redacted]&client_assertion=[redacted]');
		expect(cleanBody('{"error":"invalid_client"}')).toBe('{"error":"invalid_client"}');
	});
});
