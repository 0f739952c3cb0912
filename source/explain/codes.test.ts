import {describe, expect, test} from 'vitest';
import {chooseCausalCode, findAadstsCodes} from './codes.ts';

const digits = (text: string) => findAadstsCodes(text).map(code => code.digits);

describe('AADSTS code extraction', () => {
	test('with the prefix, in any case and spacing', () => {
		expect(digits('AADSTS50076: MFA. aadsts700016 and AADSTS 90002')).toEqual(['50076', '700016', '90002']);
	});

	test('without the prefix where Entra and its clients print codes', () => {
		expect(digits('Error Code: 530033')).toEqual(['530033']);
		expect(digits('{"error_codes":[50079, 50158]}')).toEqual(['50079', '50158']);
		expect(digits('"error_codes": [ 9002313 ]')).toEqual(['9002313']);
		expect(digits('invalid_client: 700027 - [2021-06-10 22:21:00Z]: Client assertion')).toEqual(['700027']);
		expect(digits('interaction_required: 50076 - [2021]')).toEqual(['50076']);
		expect(digits('ServerError: invalid_grant: Error(s): 50126 - Timestamp')).toEqual(['50126']);
		expect(digits('see https://login.microsoftonline.com/error?code=500011')).toEqual(['500011']);
		expect(digits("errorNo: '50058'")).toEqual(['50058']);
	});

	test('other numbers are not codes', () => {
		expect(digits('Error Code: [1]')).toEqual([]);
		expect(digits('Status code: 401, HTTP 403, error code 500, port 50000')).toEqual([]);
		expect(digits('Error code: 80070005123')).toEqual([]);
	});

	test('repeats are counted once, at their first mention', () => {
		const [code] = findAadstsCodes(
			'x AADSTS50076 y "error_codes":[50076] z https://login.microsoftonline.com/error?code=50076',
		);
		expect(code).toEqual({digits: '50076', index: 2, count: 3, prefixed: true});
	});

	test('the specific code is chosen over a generic wrapper', () => {
		expect(
			chooseCausalCode(findAadstsCodes('AADSTS70002: Error validating credentials. AADSTS50126: Invalid'))?.digits,
		).toBe('50126');
		expect(chooseCausalCode(findAadstsCodes('AADSTS50000: error. AADSTS50173: grant revoked'))?.digits).toBe('50173');
		expect(chooseCausalCode(findAadstsCodes('AADSTS50000: There was an error issuing a token.'))?.digits).toBe('50000');
		expect(chooseCausalCode([])).toBeUndefined();
	});

	test('the first specific code wins among several', () => {
		expect(chooseCausalCode(findAadstsCodes('AADSTS700082 then AADSTS50173'))?.digits).toBe('700082');
	});
});
