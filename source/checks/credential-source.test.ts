import {describe, expect, test} from 'vitest';
import {
	appId,
	fakeServices,
	subscriptionA,
	subscriptionB,
	tenantA,
	tenantB,
	tokenResult,
} from '../../test/fakes/services.ts';
import {credentialAvailability} from '../credentials/availability.ts';
import type {Services} from '../ports/services.ts';
import type {Target} from '../target/target.ts';
import {runChecks} from './run-checks.ts';

function servicesWith(env: Record<string, string>, overrides: Partial<Services> = {}): Services {
	const base = fakeServices({tokens: async request => tokenResult('t', request.tenantId)});
	return fakeServices({
		tokens: async request => tokenResult('t', request.tenantId),
		overrides: {env, credentials: {...base.credentials, availability: () => credentialAvailability(env)}, ...overrides},
	});
}

async function sourceFinding(
	env: Record<string, string>,
	target: Partial<Target> = {},
	overrides: Partial<Services> = {},
) {
	const [finding] = await runChecks(
		['credential-source'],
		{credential: 'cli', auxTenants: [], subscriptionId: subscriptionB, ...target},
		servicesWith(env, overrides),
		{timeoutMs: 5000},
	);
	return finding!;
}

const secret = 'sandbox-not-a-real-secret';

describe('credential-source: every source here, compared with the target', () => {
	test("Terraform's ARM_TENANT_ID names another tenant than the subscription's: it fails and names the variable to set", async () => {
		const finding = await sourceFinding({
			ARM_CLIENT_ID: appId,
			ARM_CLIENT_SECRET: secret,
			ARM_TENANT_ID: tenantA,
			ARM_SUBSCRIPTION_ID: subscriptionB,
			AZURE_CLIENT_ID: appId,
			AZURE_CLIENT_SECRET: secret,
			AZURE_TENANT_ID: tenantB,
		});
		expect(finding).toMatchObject({
			status: 'fail',
			fix: {command: `export ARM_TENANT_ID=${tenantB}`},
			facts: {
				credentialOrigin: 'terraform',
				credentialTenant: tenantA,
				tenantVariable: 'ARM_TENANT_ID',
				subscriptionTenant: tenantB,
				// The failing client is Terraform: the walk's code fixes are shown in its terms.
				language: 'terraform',
			},
		});
		expect(finding.detail).toContain(
			`Terraform (azurerm/azuread) signs in to tenant ${tenantA} (ARM_TENANT_ID), but the target is in tenant ${tenantB}.`,
		);
		expect(finding.lines?.[0]).toBe(
			"✗ not the target's tenant 22222222…: Terraform (azurerm/azuread): identity aaaaaaaa…, tenant 11111111…, subscription 44444444…, client secret (ARM_CLIENT_SECRET) (from ARM_CLIENT_ID, ARM_TENANT_ID, ARM_SUBSCRIPTION_ID, ARM_CLIENT_SECRET)",
		);
		expect(JSON.stringify(finding)).not.toContain(secret);
	});

	test('ARM_* right and AZURE_* wrong: a warning that two tenants are set, and which tool reads which', async () => {
		const finding = await sourceFinding({
			ARM_CLIENT_ID: appId,
			ARM_CLIENT_SECRET: secret,
			ARM_TENANT_ID: tenantB,
			ARM_SUBSCRIPTION_ID: subscriptionB,
			AZURE_TENANT_ID: tenantA,
		});
		expect(finding.status).toBe('warn');
		expect(finding.detail).toContain(
			`Two tenants are set: ARM_TENANT_ID=${tenantB} and AZURE_TENANT_ID=${tenantA}. Terraform reads ARM_TENANT_ID; the Azure SDKs`,
		);
		expect(finding.fix?.command).toBe(`export AZURE_TENANT_ID=${tenantB}`);
	});

	test("an Azure Pipelines service connection bound to another tenant fails with the service connection's fix", async () => {
		const finding = await sourceFinding({
			TF_BUILD: 'True',
			SYSTEM_OIDCREQUESTURI: 'https://dev.azure.com/fabrikam/_apis/oidc',
			SYSTEM_ACCESSTOKEN: 'job-access-token',
			AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: 'c0ffee00-0000-0000-0000-000000000001',
			AZURESUBSCRIPTION_CLIENT_ID: appId,
			AZURESUBSCRIPTION_TENANT_ID: tenantA,
		});
		expect(finding).toMatchObject({
			status: 'fail',
			facts: {credentialOrigin: 'azure-pipelines', tenantVariable: 'AZURESUBSCRIPTION_TENANT_ID'},
		});
		expect(finding.fix?.text).toContain('Service connections');
		expect(JSON.stringify(finding)).not.toContain('job-access-token');
	});

	test('a GitHub job without id-token: write fails: no OIDC token can be had', async () => {
		const finding = await sourceFinding({GITHUB_ACTIONS: 'true', AZURE_CLIENT_ID: appId, AZURE_TENANT_ID: tenantB});
		expect(finding.status).toBe('fail');
		expect(finding.detail).toContain('permissions: id-token: write');
	});

	test('every problem found is said, the failures first', async () => {
		const finding = await sourceFinding({
			GITHUB_ACTIONS: 'true',
			ARM_CLIENT_ID: appId,
			ARM_CLIENT_SECRET: secret,
			ARM_TENANT_ID: tenantA,
			ARM_SUBSCRIPTION_ID: subscriptionB,
		});
		expect(finding.status).toBe('fail');
		expect(finding.detail).toMatch(
			/^Terraform \(azurerm\/azuread\) signs in to tenant .* GitHub Actions OIDC \(azure\/login\): ACTIONS_ID_TOKEN_REQUEST_URL.* And 1 more\./,
		);
		expect(finding.facts).toMatchObject({credentialOrigin: 'terraform'});
	});

	test('which credential each SDK would use: the one sentence, for all five SDKs that agree', async () => {
		const finding = await sourceFinding({
			AZURE_CLIENT_ID: appId,
			AZURE_CLIENT_SECRET: secret,
			AZURE_TENANT_ID: tenantB,
		});
		expect(finding.lines).toContain(
			'DefaultAzureCredential: your JavaScript, Python, .NET, Java or Go app would use EnvironmentCredential (tenant 2222…) before it ever reaches AzureCliCredential (tenant 1111…) (order not confirmed for every version)',
		);
		expect(finding.lines?.find(line => line.startsWith('! another') || line.startsWith('✗'))).toContain('Azure CLI');
	});

	test('--sdk python@1.12.0: that version ignores AZURE_TOKEN_CREDENTIALS; --chain walks its own order', async () => {
		const env = {
			AZURE_CLIENT_ID: appId,
			AZURE_CLIENT_SECRET: secret,
			AZURE_TENANT_ID: tenantB,
			AZURE_TOKEN_CREDENTIALS: 'dev',
		};
		const finding = await sourceFinding(env, {
			sdk: {sdk: 'python', version: '1.12.0'},
			chain: ['AzureCliCredential', 'EnvironmentCredential'],
		});
		expect(finding.lines).toContain(
			'DefaultAzureCredential: your Python 1.12.0 app would use EnvironmentCredential (tenant 2222…) before it ever reaches AzureCliCredential (tenant 1111…); azure-identity 1.12.0 ignores AZURE_TOKEN_CREDENTIALS (read since 1.23.0)',
		);
		expect(finding.lines).toContain(
			'ChainedTokenCredential(AzureCliCredential, EnvironmentCredential): your ChainedTokenCredential would use AzureCliCredential (tenant 1111…) before it ever reaches EnvironmentCredential (tenant 2222…)',
		);
		// The SDK asked for is the client's language.
		expect(finding.facts).toMatchObject({language: 'python'});
	});

	test('without --sdk or a failing tool, the sources do not claim a language', async () => {
		const finding = await sourceFinding({
			AZURE_CLIENT_ID: appId,
			AZURE_CLIENT_SECRET: secret,
			AZURE_TENANT_ID: tenantB,
		});
		expect(finding.facts?.['language']).toBeUndefined();
	});

	test("the developer tools' sign-ins are lines of facts; a sign-in elsewhere is marked, not failed", async () => {
		const powershell = JSON.stringify({
			DefaultContextKey: 'k',
			Contexts: {
				k: {Account: {Id: 'dev@fabrikam.com', Type: 'User'}, Tenant: {Id: tenantA}, Subscription: {Id: subscriptionA}},
			},
		});
		const finding = await sourceFinding(
			{},
			{subscriptionId: subscriptionA},
			{
				stores: {read: async () => ({'azure-powershell': {path: '/h/.Azure/AzureRmContext.json', text: powershell}})},
			},
		);
		expect(finding.status).toBe('pass');
		expect(finding.lines).toContain(
			'Azure PowerShell (Az.Accounts): identity dev@fabrikam.com, tenant 11111111…, subscription 33333333…, User (from /h/.Azure/AzureRmContext.json)',
		);
		const elsewhere = await sourceFinding(
			{},
			{},
			{
				stores: {read: async () => ({'azure-powershell': {path: '/h/.Azure/AzureRmContext.json', text: powershell}})},
			},
		);
		expect(elsewhere.status).toBe('warn');
		expect(
			elsewhere.lines?.some(line => line.startsWith("✗ not the target's tenant 22222222…: Azure PowerShell")),
		).toBe(true);
	});
});
