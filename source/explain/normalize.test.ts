import {describe, expect, test} from 'vitest';
import {
	boundLength,
	decodeFormEncoding,
	decodeHtmlEntities,
	maxAnalysedLength,
	normalizeText,
	stripHtmlTags,
	stripLinePrefixes,
	stripMarkdown,
	stripTerminalEscapes,
	unescapeLiterals,
	unwrapTerminalLines,
} from './normalize.ts';

describe('normalisers', () => {
	test('JSON escaped three levels deep becomes plain text', () => {
		const nested = String.raw`{"message": "\"{\\n  \\\"message\\\": \\\"\\\\\\\"AADSTS50076: Due to a configuration change\\\\\\\\r\\\\\\\\nTrace ID: abc\\\\\\\"\\\"\\n}\""}`;
		const {flat} = normalizeText(nested);
		expect(flat).toContain('"AADSTS50076: Due to a configuration change');
		expect(flat).toContain('Trace ID: abc');
		expect(flat).not.toMatch(/\\/);
	});

	test('literal \\n and \\t become white space, \\u escapes characters', () => {
		expect(unescapeLiterals(String.raw`a\nb\tc\r\nd \u0027x\u0027`)).toBe("a\nb\tc\n\nd 'x'");
	});

	test('Markdown backslash escapes', () => {
		expect(unescapeLiterals(String.raw`invalid\_client \*\*x\*\* \[a\] \#1`)).toBe('invalid_client **x** [a] #1');
	});

	test('lines wrapped by a terminal at its width are joined without a space', () => {
		const message = `(InvalidAuthenticationTokenTenant) The access token is from the wrong issuer 'https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/'. It must match the tenant.`;
		const wrapped = message.match(/.{1,80}/g)!.join('\n');
		expect(unwrapTerminalLines(`${wrapped}\nnext line`)).toBe(`${message}\nnext line`);
		expect(normalizeText(wrapped).flat).toContain('wrong issuer');
		const prose = 'short line\nanother short line\nthird';
		expect(unwrapTerminalLines(prose)).toBe(prose);
	});

	test('HTML tags of an error page go, placeholders in angle brackets stay', () => {
		expect(
			stripHtmlTags('<div class="err"><span>AADSTS50105:</span> Your administrator<br/>has</div> <tenant-id>'),
		).toBe('  AADSTS50105:  Your administrator has  <tenant-id>');
	});

	test('HTML entities, named and numeric', () => {
		expect(decodeHtmlEntities('&quot;a&quot; &#39;b&#39; &#x27;c&#x27; &amp;&lt;&gt; &bogus;')).toBe(
			`"a" 'b' 'c' &<> &bogus;`,
		);
	});

	test('Markdown emphasis and back-ticks go, *** masks stay', () => {
		expect(stripMarkdown("**AADSTS7000215: x.\nT**race `code` tenant '***'\n> quoted")).toBe(
			"AADSTS7000215: x.\nTrace code tenant '***'\nquoted",
		);
	});

	test('CI prefixes, Terraform boxes and log-viewer pipes', () => {
		const log = [
			'2024-03-01T10:00:00.1234567Z ##[error]ERROR: boom',
			'##[error]Script failed',
			'│ Error: building account',
			'[2021-07-04T10:14:54.088Z] ErrorCode: X',
			"errorMessage: 'y' | stdout",
			'    + CategoryInfo : WriteError',
		].join('\n');
		expect(
			stripLinePrefixes(log)
				.split('\n')
				.map(line => line.trim()),
		).toEqual([
			'ERROR: boom',
			'Script failed',
			'Error: building account',
			'ErrorCode: X',
			"errorMessage: 'y'   stdout",
			'CategoryInfo : WriteError',
		]);
	});

	test('terminal escape sequences are removed', () => {
		expect(stripTerminalEscapes('\u001B[31mred\u001B[0m \u001B]0;title\u0007ok\u0000')).toBe('red ok');
	});

	test('control characters that decoding makes (HTML entities, \\u escapes) are removed too', () => {
		expect(
			normalizeText('identifier &#x202e;abc&#x1b;[31m&#x1b;]0;pwn&#x7; and \\u009b2Jdef\\u2066 was not found').flat,
		).toBe('identifier abc and def was not found');
	});

	test('hard wraps are joined in the flat form and case is folded in lower', () => {
		const normalized = normalizeText('Correlation\n ID: 1\r\nTimestamp:   2');
		expect(normalized.flat).toBe('Correlation ID: 1 Timestamp: 2');
		expect(normalized.lower).toBe('correlation id: 1 timestamp: 2');
	});

	test('huge input keeps its head and tail within the bound', () => {
		const huge = `AADSTS50076 ${'x'.repeat(maxAnalysedLength * 2)} tail-marker`;
		const bounded = boundLength(huge);
		expect(bounded.length).toBeLessThanOrEqual(maxAnalysedLength + 5);
		expect(bounded.startsWith('AADSTS50076')).toBe(true);
		expect(bounded.endsWith('tail-marker')).toBe(true);
	});
});

describe('decodeFormEncoding', () => {
	test('a pasted redirect URL or form body reads as words', () => {
		expect(
			decodeFormEncoding(
				'error_description=AADSTS50011%3a+The+reply+URL+specified+in+the+request+does+not+match%3a+%2712345%27.',
			),
		).toBe("error_description=AADSTS50011: The reply URL specified in the request does not match: '12345'.");
		expect(decodeFormEncoding('MSALErrorDescriptionKey=The+resource+principal+named+x+was+not+found')).toBe(
			'MSALErrorDescriptionKey=The resource principal named x was not found',
		);
	});

	test('a lone plus, a single escape or a base64-like run is left alone', () => {
		for (const text of ['C++ and 1+1', 'disk at 100%25', 'abc+def/ghi==', 'Status: 401 (Unauthorized)'])
			expect(decodeFormEncoding(text)).toBe(text);
	});
});
