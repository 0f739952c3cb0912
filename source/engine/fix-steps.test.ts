import {describe, expect, test} from 'vitest';
import {nodeById} from '../tree/index.ts';
import type {FixNode} from '../tree/types.ts';
import {fillCommand} from './fill.ts';
import {shownSteps} from './fix-steps.ts';

const tenant = '22222222-2222-2222-2222-222222222222';
const pinTenant = nodeById('tm-fix-sdk') as FixNode;

describe("a fix node's steps in the client's language", () => {
	test("the language fact picks each code step's own API; the other steps stay", () => {
		const [environment, code] = shownSteps(pinTenant.steps, {language: 'go', subscriptionTenant: tenant});
		expect(environment).toEqual({
			text: 'Environment for DefaultAzureCredential',
			command: 'export AZURE_TENANT_ID={subscriptionTenant}',
		});
		expect(fillCommand(code!.code!, {subscriptionTenant: tenant})).toContain(`TenantID: "${tenant}"`);
		expect(code!.code).toContain('azidentity.DefaultAzureCredentialOptions{');
	});

	test.each([
		['python', /AzureCliCredential\(\s+tenant_id="\{subscriptionTenant\}"\)/],
		['dotnet', /TenantId = "\{subscriptionTenant\}"/],
		['java', /\.tenantId\("\{subscriptionTenant\}"\)/],
		['javascript', /tenantId: "\{subscriptionTenant\}"/],
		['terraform', /tenant_id\s+= "\{subscriptionTenant\}"/],
	])('%s', (language, api) => {
		expect(shownSteps(pinTenant.steps, {language})[1]?.code).toMatch(api);
	});

	test('an unknown or missing language shows the step as written for any language', () => {
		for (const facts of [{}, {language: 'cobol'}, {language: 'unknown'}]) {
			const [, code] = shownSteps(pinTenant.steps, facts);
			expect(code?.code).toBeUndefined();
			expect(code?.text).toMatch(/tenantId in JavaScript, TenantId in \.NET/);
		}
	});

	test('a language without its own version of a step gets the one for any language', () => {
		// The Azure CLI has no code to pin a tenant in: the sentence stays.
		expect(shownSteps(pinTenant.steps, {language: 'azure-cli'})[1]?.text).toMatch(/^In code, pin the credential/);
	});
});
