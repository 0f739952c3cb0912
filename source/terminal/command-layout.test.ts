import {describe, expect, test} from 'vitest';
import {layoutCommand, layoutUrl, shellWords} from './command-layout.ts';

const guid = '11111111-2222-3333-4444-555555555555';
const joined = (lines: readonly string[]) => lines.join('\n').replaceAll(' \\\n  ', ' ');

describe('a command laid out for the screen survives copying', () => {
	test('one that fits stays one line', () => {
		expect(layoutCommand(`az login --tenant ${guid}`, 76)).toEqual({
			lines: [`az login --tenant ${guid}`],
			shortened: false,
		});
	});

	test('a long shell command breaks between words with a continuation the shell joins again', () => {
		const command = `az role assignment create --assignee ${guid} --role Reader --scope /subscriptions/${guid}`;
		const {lines, shortened} = layoutCommand(command, 60);
		expect(shortened).toBe(false);
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
		for (const line of lines.slice(0, -1)) expect(line.endsWith(' \\')).toBe(true);
		expect(joined(lines)).toBe(command);
		// No id is cut: each one is whole on a line.
		expect(lines.filter(line => line.includes(guid))).toHaveLength(2);
	});

	test('a quoted JSON longer than a line is never wrapped: shortened in the middle, and said so', () => {
		const json = `'{"name":"cross-tenant-identity","issuer":"https://login.microsoftonline.com/${guid}/v2.0","subject":"${guid}","audiences":["api://AzureADTokenExchange"]}'`;
		const command = `az ad app federated-credential create --id ${guid} --parameters ${json}`;
		const {lines, shortened} = layoutCommand(command, 76);
		expect(shortened).toBe(true);
		for (const line of lines) expect([...line].length).toBeLessThanOrEqual(76);
		expect(lines.some(line => line.includes(`${guid} `) || line.endsWith(guid))).toBe(true);
		const last = lines.at(-1)!;
		expect(last).toMatch(/^ {2}'\{"name".*….*"\]\}'$/);
		// Nothing of the JSON spills onto another line: it is one (shortened) word.
		expect(lines.filter(line => line.includes('{'))).toHaveLength(1);
	});

	test('code and headers are not shell: never given a backslash', () => {
		const code = `new DefaultAzureCredential({tenantId: '${guid}', additionallyAllowedTenants: ['*']})`;
		const {lines, shortened} = layoutCommand(code, 40);
		expect(lines).toHaveLength(1);
		expect(shortened).toBe(true);
		expect(lines[0]).not.toContain('\\');
	});

	test('shell words keep their quotes', () => {
		expect(shellWords(`a --p '{"x": 1}' "b c" d\\ e`)).toEqual(['a', '--p', `'{"x": 1}'`, '"b c"', 'd\\ e']);
	});
});

describe('a URL laid out for reading', () => {
	test('breaks after a slash, never inside the subscription id', () => {
		const url = `https://management.azure.com/subscriptions/${guid}/resourcegroups/rg-app?api-version=2021-04-01`;
		const {lines, shortened} = layoutUrl(url, 76, 72);
		expect(shortened).toBe(false);
		expect(lines.length).toBeGreaterThan(1);
		expect([...lines[0]!].length).toBeLessThanOrEqual(72);
		for (const line of lines.slice(1)) expect([...line].length).toBeLessThanOrEqual(76);
		expect(lines.map(line => line.trimStart()).join('')).toBe(url);
		expect(lines.some(line => line.includes(guid))).toBe(true);
	});

	test('a short one stays on its line', () => {
		expect(layoutUrl('https://arm.test/subscriptions/1111', 76)).toEqual({
			lines: ['https://arm.test/subscriptions/1111'],
			shortened: false,
		});
	});
});
