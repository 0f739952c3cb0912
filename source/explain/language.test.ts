import {describe, expect, test} from 'vitest';
import {detectLanguage} from './language.ts';
import {normalizeText} from './normalize.ts';

const tenant = '3308ead4-7bc2-49b9-b3d2-97258662db50';
const wrongIssuer = `The access token is from the wrong issuer 'https://sts.windows.net/1ab2ba87-e391-4635-91e6-62b63fdb55a6/'. It must match the tenant 'https://sts.windows.net/${tenant}/' associated with this subscription.`;

/** What explain does: the normalised paste, and the paste as it came. */
const detect = (text: string) => detectLanguage(normalizeText(text).text, text);

/** Real-shaped pastes, one or more per language, as the tools print them. */
const shapes: ReadonlyArray<readonly [string, string, string]> = [
	[
		'a Python traceback',
		'python',
		`Traceback (most recent call last):\n  File "/app/deploy.py", line 41, in <module>\n    client.resource_groups.get("rg")\nazure.core.exceptions.ClientAuthenticationError: (InvalidAuthenticationTokenTenant) ${wrongIssuer}`,
	],
	[
		"Python's DefaultAzureCredential, JSON-escaped in a log",
		'python',
		'{"msg": "DefaultAzureCredential failed to retrieve a token from the included credentials.\\nAttempted credentials:\\n\\tEnvironmentCredential: EnvironmentCredential authentication unavailable. Environment variables are not fully configured.\\nVisit https://aka.ms/azsdk/python/identity/environmentcredential/troubleshoot to troubleshoot this issue."}',
	],
	[
		'a .NET exception with its frames',
		'dotnet',
		`Unhandled exception. Azure.Identity.AuthenticationFailedException: ClientAssertionCredential authentication failed: AADSTS700213: No matching federated identity record found.\n   at Azure.Identity.CredentialDiagnosticScope.FailWrapAndThrow(Exception ex, String additionalMessage, Boolean isCredentialUnavailable)\n   at Azure.Identity.ClientAssertionCredential.GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)`,
	],
	[
		'a Java exception with its frames',
		'java',
		'com.azure.identity.CredentialUnavailableException: ManagedIdentityCredential authentication unavailable. Connection to IMDS endpoint cannot be established, Network is unreachable: connect.\n\tat com.azure.identity.implementation.IdentityClient.lambda$checkIMDSAvailable$50(IdentityClient.java:1208)\n\tat reactor.core.publisher.MonoCallable.call(MonoCallable.java:91)',
	],
	[
		"Java's log line of the chain",
		'java',
		'[com.azu.ide.ChainedTokenCredential] Azure Identity => Attempted credential EnvironmentCredential is unavailable.',
	],
	[
		"Go's DefaultAzureCredential",
		'go',
		'DefaultAzureCredential: failed to acquire a token.\nAttempted credentials:\n\tEnvironmentCredential: missing environment variable AZURE_TENANT_ID\n\tAzureCLICredential: Azure CLI not found on path',
	],
	[
		'Go autorest',
		'go',
		'keyvault.BaseClient#GetSecret: Failure responding to request: StatusCode=401 -- Original Error: autorest/azure: Service returned an error. Status=401 Code="Unauthorized" Message="AKV10022: Invalid audience."',
	],
	[
		'a Node.js stack of @azure/identity',
		'javascript',
		'AggregateAuthenticationError: ChainedTokenCredential authentication failed.\nCredentialUnavailableError: EnvironmentCredential is unavailable. No underlying credential could be used.\n    at AzureCliCredential.getToken (/srv/app/node_modules/@azure/identity/dist/commonjs/credentials/azureCliCredential.js:170:27)',
	],
	[
		'a PowerShell 5 error record',
		'powershell',
		`Get-AzResourceGroup : ${wrongIssuer}\nAt line:1 char:1\n+ Get-AzResourceGroup\n+ ~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : CloseError: (:) [Get-AzResourceGroup], CloudException\n    + FullyQualifiedErrorId : Microsoft.Azure.Commands.ResourceManager.Cmdlets.Implementation.GetAzureResourceGroupCmdlet`,
	],
	[
		'a PowerShell 7 error line',
		'powershell',
		'Connect-AzAccount: The provided account does not have access to subscription ID "x". Please try logging in with different credentials or a different subscription ID.',
	],
	[
		'a Terraform error box',
		'terraform',
		`╷\n│ Error: building account: could not acquire access token to parse claims: running Azure CLI: exit status 1: ERROR: ${wrongIssuer}\n│\n│   with provider["registry.terraform.io/hashicorp/azurerm"],\n│   on main.tf line 28, in provider "azurerm":\n│   28: provider "azurerm" {\n│\n╵`,
	],
	[
		"azd's deployment error",
		'azd',
		'ERROR: planning deployment: planning infrastructure provisioning: creating parameters file: fetching current principal id: getting tenant id for subscription',
	],
	[
		'a Bicep deployment',
		'bicep',
		`$ az deployment group create --resource-group rg --template-file main.bicep\nERROR: (InvalidAuthenticationTokenTenant) ${wrongIssuer}`,
	],
	[
		"the Azure CLI's own error",
		'azure-cli',
		'ERROR: AADSTS70043: The refresh token has expired or is invalid due to sign-in frequency checks by conditional access.\nTo re-authenticate, please run:\naz login --scope https://management.core.windows.net//.default',
	],
	[
		'a crash inside the Azure CLI',
		'azure-cli',
		'Traceback (most recent call last):\n  File "/opt/az/lib/python3.10/site-packages/azure/cli/core/auth/util.py", line 120, in aad_error_handler\n    raise AuthenticationError(error_description, msal_error=error, recommendation=recommendation)\nazure.cli.core.azclierror.AuthenticationError: AADSTS50076',
	],
];

describe('detectLanguage', () => {
	test.each(shapes)('%s is %s', (_name, language, text) => {
		const found = detect(text);
		expect(found.id).toBe(language);
		expect(found.evidence.length).toBeGreaterThan(0);
		// Evidence is what the text says, as normalised (escapes undone, white space joined).
		const flat = `${normalizeText(text).flat} ${text.replace(/\s+/g, ' ')}`;
		for (const evidence of found.evidence) expect(flat).toContain(evidence.replace(/…$/, ''));
	});

	test('names the language with its library', () => {
		expect(detect(shapes[0]![2]).name).toBe('Python (azure-identity)');
		expect(detect('nothing here').name).toBe('unknown');
	});

	test('the outer tool wins: Terraform running the Azure CLI, PowerShell running .NET', () => {
		// The Azure CLI's own message inside Terraform's error box.
		expect(detect(shapes.find(([name]) => name === 'a Terraform error box')![2]).id).toBe('terraform');
		// Az.Accounts is .NET: its exception names appear in the PowerShell record.
		const record =
			'Exception      : Azure.Identity.CredentialUnavailableException\nInvocationInfo : {Get-AzAccessToken}\nLine           : $token = (Get-AzAccessToken).Token\nPosition       : At line:1 char:14\n                 + $token = (Get-AzAccessToken).Token';
		expect(detect(record).id).toBe('powershell');
	});

	test('an SDK quoting the Azure CLI speaks its own language', () => {
		const python = `Traceback (most recent call last):\n  File "/app/main.py", line 9, in <module>\nazure.core.exceptions.ClientAuthenticationError: AzureCliCredential.get_token failed: ERROR: AADSTS70043: The refresh token has expired.\nTo re-authenticate, please run:\naz login --scope https://management.core.windows.net//.default`;
		expect(detect(python).id).toBe('python');
	});

	test('a PowerShell record of a native command is the program it ran', () => {
		const native = `python : ERROR: Please run 'az login' to setup account.\nAt line:1 char:1\n+ python -m azure.cli account show\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : NotSpecified: (ERROR: Please r... setup account.:String) [], RemoteException\n    + FullyQualifiedErrorId : NativeCommandError`;
		expect(detect(native).id).toBe('azure-cli');
	});

	test('a mere mention tells nothing: every SDK names every tool', () => {
		expect(detect("Please run 'az login' from a command prompt to authenticate before using this credential.").id).toBe(
			'unknown',
		);
		expect(detect('AzurePowerShellCredential: Please run Connect-AzAccount to set up an account').id).toBe('unknown');
		expect(detect(wrongIssuer).id).toBe('unknown');
	});

	test('a Terraform box needs Terraform or its tools around it, not any pipe', () => {
		expect(detect('│ Error: something unrelated happened').id).toBe('unknown');
	});

	test('stays linear on a megabyte of near-cues', () => {
		const text = `${'com.aaaa.'.repeat(40_000)} ${'at a.b.c.d('.repeat(20_000)} ${'File "x'.repeat(20_000)}`;
		expect(detect(text).id).toBe('unknown');
		expect(detectLanguage('')).toEqual({id: 'unknown', name: 'unknown', evidence: []});
	});
});

describe('outer tools and misleading cues', () => {
	const id = (text: string) => detectLanguage(text).id;
	test("the Terraform providers' auth library around the Azure CLI is Terraform", () => {
		expect(
			id(
				"unable to build authorizer for Resource Manager API: could not configure AzureCli Authorizer: obtaining tenant ID: running Azure CLI: exit status 1: ERROR: Please run 'az login' to setup account.",
			),
		).toBe('terraform');
		expect(
			id(
				"cannot read group: default auth: azure-cli: cannot get access token: ERROR: Please run 'az login' to setup account.",
			),
		).toBe('terraform');
		expect(
			id(
				'2024-11-13T09:02:15.569+0100 [DEBUG] provider.terraform-provider-azapi_v1.15.0.exe: GET http://169.254.169.254/',
			),
		).toBe('terraform');
	});

	test("PowerShell's own formats win over the .NET exception they show", () => {
		expect(
			id(
				'Message        : ManagedIdentityCredential authentication failed: Service request failed.\n   Status: 400 (Bad Request)',
			),
		).toBe('powershell');
		expect(
			id(
				'DEBUG: SharedTokenCacheCredential.GetToken was unable to retrieve an access token. Exception: Azure.Identity.CredentialUnavailableException (0x80131500)',
			),
		).toBe('powershell');
		expect(
			id(
				"The term 'Connect-AzAccount' is not recognized as the name of a cmdlet, function, script file, or operable program.",
			),
		).toBe('powershell');
		// A named Az cmdlet is what the user ran, even when it ran a native program (RemoteException).
		expect(
			id(
				'Publish-AzBicepModule: Unhandled exception. Azure.RequestFailedException: Service request failed.\nSystem.Management.Automation.RemoteException',
			),
		).toBe('powershell');
		// The Azure CLI's --debug lines name their logger: not PowerShell's debug stream.
		expect(id("DEBUG: cli.knack.cli: Command arguments: ['account', 'show']")).not.toBe('powershell');
	});

	test('cues any language shows are no cues: D-Bus errors, the .NET page the Java SDK links', () => {
		expect(id('File "/app/main.py", line 3\nsecretstorage.exceptions: org.freedesktop.DBus.Error.ServiceUnknown')).toBe(
			'python',
		);
		expect(
			id(
				'22/01/11 15:47:17 INFO KeyVaultClient: CredentialUnavailableException message=EnvironmentCredential authentication unavailable. https://aka.ms/azsdk/net/identity/environmentcredential/troubleshoot',
			),
		).toBe('java');
	});

	test("azd's own sign-in messages", () => {
		expect(id('Not logged in, run `azd auth login` to login to Azure')).toBe('azd');
		expect(id('Exception: Not authenticated. Run: azd auth login')).toBe('azd');
	});
});
