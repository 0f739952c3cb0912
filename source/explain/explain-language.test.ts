/**
`explain` in the user's language: the language the paste tells, on every finding; that language's
fixes first, in its real API, filled with the ids of the paste; the tool's own suggested command
first where the fix is to sign in again.
*/
import {describe, expect, test} from 'vitest';
import {createStyle} from '../terminal/style.ts';
import {type ExplainFinding, explainText} from './explain.ts';
import {formatReport} from './format.ts';

const tokenTenant = '1ab2ba87-e391-4635-91e6-62b63fdb55a6';
const tenant = '3308ead4-7bc2-49b9-b3d2-97258662db50';
const wrongIssuer = `(InvalidAuthenticationTokenTenant) The access token is from the wrong issuer 'https://sts.windows.net/${tokenTenant}/'. It must match the tenant 'https://sts.windows.net/${tenant}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${tenant}' to get the token.`;

/** The wrong-tenant error as each language's client prints it. */
const wrongTenantIn: Readonly<Record<string, string>> = {
	python: `Traceback (most recent call last):\n  File "/app/deploy.py", line 41, in <module>\nazure.core.exceptions.ClientAuthenticationError: ${wrongIssuer}`,
	dotnet: `Unhandled exception. Azure.RequestFailedException: ${wrongIssuer}\n   at Azure.ResourceManager.Resources.ResourceGroupCollection.Get(String resourceGroupName, CancellationToken cancellationToken)`,
	java: `com.azure.core.management.exception.ManagementException: Status code 401, ${wrongIssuer}\n\tat com.azure.core.management.implementation.polling.PollingUtils.lambda$0(PollingUtils.java:123)`,
	go: `GET https://management.azure.com/subscriptions/x\nRESPONSE 401: 401 Unauthorized\nERROR CODE: InvalidAuthenticationTokenTenant\n${wrongIssuer}\nazidentity: the credential signed in to the home tenant`,
	javascript: `RestError: ${wrongIssuer}\n    at handleErrorResponse (/srv/app/node_modules/@azure/core-client/dist/commonjs/deserializationPolicy.js:250:17)`,
	powershell: `Get-AzResourceGroup : ${wrongIssuer}\nAt line:1 char:1\n+ Get-AzResourceGroup\n    + CategoryInfo          : CloseError: (:) [Get-AzResourceGroup], CloudException\n    + FullyQualifiedErrorId : Microsoft.Azure.Commands.ResourceManager.Cmdlets.Implementation.GetAzureResourceGroupCmdlet`,
	terraform: `╷\n│ Error: building account: could not acquire access token to parse claims: running Azure CLI: exit status 1: ERROR: ${wrongIssuer}\n│\n│   with provider["registry.terraform.io/hashicorp/azurerm"],\n│   on main.tf line 28, in provider "azurerm":\n╵`,
	azd: `ERROR: deployment failed: failed invoking action 'provision': ${wrongIssuer}`,
	bicep: `$ az deployment group create --resource-group rg --template-file main.bicep\nERROR: ${wrongIssuer}`,
};

/** What the first fix must say in each language: its own API names, with the subscription's tenant filled in. */
const apiOf: Readonly<Record<string, RegExp>> = {
	python: new RegExp(`AzureCliCredential\\(\\s+tenant_id="${tenant}"\\)`),
	dotnet: new RegExp(`new DefaultAzureCredentialOptions\\s+\\{\\s+TenantId = "${tenant}"`),
	java: new RegExp(`new DefaultAzureCredentialBuilder\\(\\)\\s+\\.tenantId\\("${tenant}"\\)`),
	go: new RegExp(`azidentity\\.DefaultAzureCredentialOptions\\{\\s+TenantID: "${tenant}"`),
	javascript: new RegExp(`new DefaultAzureCredential\\(\\{\\s+tenantId: "${tenant}"`),
	powershell: new RegExp(`^Connect-AzAccount -Tenant ${tenant}$`),
	terraform: new RegExp(`provider "azurerm" \\{[^}]*\\}\\s+tenant_id\\s+= "${tenant}"`),
	azd: new RegExp(`^azd auth login --tenant-id ${tenant}$`),
	bicep: new RegExp(`^az login --tenant ${tenant} && az deployment group create --subscription `),
};

const first = (text: string): ExplainFinding => explainText(text).findings[0]!;

describe('fixes in the language of the paste', () => {
	test.each(Object.keys(wrongTenantIn))('a wrong tenant from %s: that language first, with its API', language => {
		const finding = first(wrongTenantIn[language]!);
		expect(finding.family).toBe('arm-token-tenant-mismatch');
		expect(finding.language.id).toBe(language);
		const [fix] = finding.fixes;
		expect(fix?.language).toBe(language);
		expect(fix?.code ?? fix?.command).toMatch(apiOf[language]!);
		// The same order inside the cause, which the human output prints.
		expect(finding.causeDetails[0]!.fixes[0]).toEqual(fix);
		// Selecting the subscription in its own terms too, where the language has them.
		if (language === 'powershell') expect(finding.fixes[1]?.command).toMatch(/^Set-AzContext -Subscription /);
		if (language === 'azd') expect(finding.fixes[1]?.command).toMatch(/^azd env set AZURE_SUBSCRIPTION_ID /);
		// Filled, never a raw placeholder.
		expect(JSON.stringify(finding)).not.toMatch(/\{(?:subscriptionTenant|tenantId|subscriptionId)\}/);
	});

	test("Python's DefaultAzureCredential is never given tenant_id (it raises TypeError)", () => {
		const text = JSON.stringify(first(wrongTenantIn.python!).fixes);
		expect(text).not.toMatch(/DefaultAzureCredential\(\s*tenant_id/);
		expect(text).toContain('additionally_allowed_tenants');
	});

	test('every finding carries the language and what told it; unknown when nothing does', () => {
		const report = explainText(wrongTenantIn.python!);
		for (const finding of report.findings) {
			expect(finding.language.id).toBe('python');
			expect(finding.language.name).toBe('Python (azure-identity)');
			expect(finding.language.evidence[0]).toMatch(/Traceback|File "|ClientAuthenticationError/);
		}

		const plain = first(wrongIssuer);
		expect(plain.language).toEqual({id: 'unknown', name: 'unknown', evidence: []});
		// Without a language, the fixes are the knowledge base's own, for any language, in their order.
		expect(plain.fixes.every(fix => fix.language === undefined)).toBe(true);
		expect(plain.fixes[0]?.command).toBe(`az login --tenant ${tenant}`);
		expect(plain.fixes.some(fix => /tenantId in JavaScript, TenantId in \.NET/.test(fix.text))).toBe(true);
	});

	test('the other code fixes in each language: audience, expiry, auxiliary tenants, managed identity', () => {
		const audience = first(
			`Traceback (most recent call last):\nazure.core.exceptions.ClientAuthenticationError: (InvalidAuthenticationTokenAudience) The access token has been obtained for wrong audience or resource 'https://graph.microsoft.com'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.azure.com/'.`,
		);
		expect(audience.family).toBe('arm-wrong-audience');
		expect(audience.fixes[0]?.code).toMatch(
			/^scope = "https:\/\/management\.\S+\.default"\ntoken = credential\.get_token\(scope\)$/,
		);

		const expired = first(
			'Azure.RequestFailedException: The access token expiry UTC time is earlier than current UTC time. ExpiredAuthenticationToken\n   at Azure.Core.HttpPipelineExtensions.ProcessMessageAsync(HttpPipeline pipeline, HttpMessage message)',
		);
		expect(expired.family).toBe('token-expired');
		expect(expired.fixes[0]?.code).toContain('credential.GetTokenAsync(');

		const aux = first(
			`╷\n│ Error: LinkedAuthorizationFailed: The client has permission to perform action 'Microsoft.Network/virtualNetworks/peer/action' on scope '/subscriptions/x', however the current tenant '${tenant}' is not authorized to access linked subscription 'y'.\n│   with provider["registry.terraform.io/hashicorp/azurerm"],\n╵`,
		);
		expect(aux.family).toBe('arm-aux-token');
		expect(aux.fixes[0]?.code).toMatch(/auxiliary_tenant_ids = \["<linked-tenant-id>"\]/);

		const identity = first(
			'com.azure.identity.CredentialUnavailableException: ManagedIdentityCredential authentication unavailable. The requested identity has not been assigned to this resource.\n\tat com.azure.identity.implementation.IdentityClient.lambda$authenticateToIMDSEndpoint$1(IdentityClient.java:600)',
		);
		expect(identity.family).toBe('managed-identity-unavailable');
		expect(identity.fixes.map(fix => fix.code ?? '').join('\n')).toContain('.managedIdentityClientId("<client-id>")');
	});

	test('the human output says which language, and prints code without a shell prompt', () => {
		const text = formatReport(explainText(wrongTenantIn.terraform!), {style: createStyle(false), width: 80});
		expect(text).toContain('fixes in Terraform');
		expect(text).toMatch(/\n {9}provider "azurerm" \{\n {11}features \{\}\n/);
		expect(text).not.toMatch(/\$ provider/);
	});
});

describe("the tool's own suggestion, gentlest first", () => {
	const seventy043 =
		'ERROR: AADSTS70043: The refresh token has expired or is invalid due to sign-in frequency checks by conditional access. The token was issued on 2022-06-29T17:30:46.0555083Z and the maximum allowed lifetime for this request is 43200.\nTo re-authenticate, please run:\naz login --scope https://management.core.windows.net//.default';

	test('AADSTS70043: az login --scope from the error, not az logout', () => {
		const finding = first(seventy043);
		expect(finding.family).toBe('aadsts-70043');
		expect(finding.fixes[0]).toMatchObject({
			command: 'az login --scope https://management.core.windows.net//.default',
			suggested: true,
			language: 'azure-cli',
		});
		expect(finding.causeDetails[0]!.fixes[0]).toEqual(finding.fixes[0]);
		const logout = finding.fixes.findIndex(fix => fix.command?.startsWith('az logout'));
		const login = finding.fixes.findIndex(fix => fix.command?.startsWith('az login --tenant'));
		expect(login).toBeGreaterThan(0);
		if (logout >= 0) expect(logout).toBeGreaterThan(login);
	});

	test('the newer advice (az logout, then az login --tenant --scope): the login alone', () => {
		const finding = first(
			`ERROR: AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '797f4846-ba00-4fd7-ba43-dac1f8f63013'.\nRun the command below to authenticate interactively; additional arguments may be added as needed:\naz logout\naz login --tenant "${tenant}" --scope "https://management.core.windows.net//.default"`,
		);
		expect(finding.family).toBe('aadsts-50076');
		expect(finding.fixes[0]?.command).toBe(
			`az login --tenant ${tenant} --scope https://management.core.windows.net//.default`,
		);
	});

	test('where signing in again is not the fix, the suggestion does not go first', () => {
		const finding = first(
			`ERROR: AADSTS700016: Application with identifier '11111111-2222-3333-4444-555555555555' was not found in the directory '${tenant}'.\nRun the command below to authenticate interactively; additional arguments may be added as needed:\naz logout\naz login --tenant "${tenant}"`,
		);
		expect(finding.family).toBe('aadsts-700016');
		expect(finding.fixes.some(fix => fix.suggested)).toBe(false);
	});

	test("Az.Accounts' advice for PowerShell", () => {
		const finding = first(
			`Message        : Your Azure credentials have not been set up or have expired, please run Connect-AzAccount to set up\n                 your Azure credentials.\n                 Authentication failed against tenant ${tenant}. User interaction is\n                 required. If you need to access subscriptions in that tenant, please rerun\n                 'Connect-AzAccount' with additional parameter '-TenantId ${tenant}'.`,
		);
		expect(finding.language.id).toBe('powershell');
		expect(finding.fixes[0]).toMatchObject({command: `Connect-AzAccount -Tenant ${tenant}`, suggested: true});
	});
});
