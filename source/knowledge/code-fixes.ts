/**
The fixes that live in the client's own code or configuration, in each language's real API: pin the
tenant, allow another tenant, ask for a token for the right resource, ask again instead of keeping
a token, send auxiliary tokens, name the managed identity, use workload identity, sign in again.
One home for that text: knowledge entries take their language-specific fixes from here (a fix's
`inLanguage`), `explain` shows the one for the language it detected in the paste, and the decision
tree's code fix nodes show the one for the language the walk knows.

The API names come from the SDKs' sources: @azure/identity 4.14 (`DefaultAzureCredentialOptions`:
`tenantId`, `additionallyAllowedTenants`, `managedIdentityClientId`; `WorkloadIdentityCredential`'s
`tenantId`, `clientId`, `tokenFilePath`; @azure/core-rest-pipeline's
`auxiliaryAuthenticationHeaderPolicy({scopes, credentials})`); azure-identity for Python
(`DefaultAzureCredential` raises TypeError on `tenant_id`, takes `additionally_allowed_tenants` and
`managed_identity_client_id`; `AzureCliCredential(tenant_id=)`, `WorkloadIdentityCredential(tenant_id=,
client_id=, token_file_path=)`); Azure.Identity for .NET (`DefaultAzureCredentialOptions`: `TenantId`,
`AdditionallyAllowedTenants`, `ManagedIdentityClientId`; `WorkloadIdentityCredentialOptions`:
`TenantId`, `ClientId`, `TokenFilePath`); azure-identity for Java (`DefaultAzureCredentialBuilder`:
`tenantId`, `additionallyAllowedTenants`, `managedIdentityClientId`; `WorkloadIdentityCredentialBuilder`:
`tenantId`, `clientId`, `tokenFilePath`; azure-core's `TokenRequestContext().addScopes()`; the
resource manager's `withAuxiliaryCredential`); azidentity for Go (`DefaultAzureCredentialOptions`:
`TenantID`, `AdditionallyAllowedTenants`; `ManagedIdentityCredentialOptions{ID: ClientID(…)}`;
`WorkloadIdentityCredentialOptions`: `TenantID`, `ClientID`, `TokenFilePath`; `arm.ClientOptions`'s
`AuxiliaryTenants`); Az.Accounts (`Connect-AzAccount -Tenant -Subscription`, `-Identity -AccountId`,
`-ServicePrincipal -ApplicationId -FederatedToken`, `Get-AzAccessToken -ResourceUrl`); the azurerm
provider (`tenant_id`, `subscription_id`, `auxiliary_tenant_ids`, `use_msi`, `use_oidc`,
`client_id`, `oidc_token_file_path`); azd (`azd auth login --tenant-id`, `--managed-identity`,
`--client-id`; `azd env set AZURE_SUBSCRIPTION_ID`); the Azure CLI 2.45 (`az login --identity
--username`, `--federated-token`, `az deployment group create --aux-tenants`). Where a language has
no confirmed way, it has no entry, and the fix's text for every language is shown instead.

Values are `{placeholders}` (explain fills them from the paste, the tree from the session's facts)
or readable stand-ins such as `<other-tenant-id>`.
*/
import type {LanguageId} from './languages.ts';
import type {CodeFixKind, KnowledgeFix, LanguageFix} from './types.ts';

export type {CodeFixKind} from './types.ts';

/** What a code fix is filled with: placeholders such as '{subscriptionTenant}' or stand-ins such as '<other-tenant-id>'. */
export type CodeFixSlots = {
	/** The tenant to sign in to or pin. */
	readonly tenant?: string;
	readonly subscription?: string;
	/** The resource (v1 form, as `az --resource` and `Get-AzAccessToken -ResourceUrl` take it). */
	readonly resource?: string;
	/** The scope to request (`<resource>/.default`). */
	readonly scope?: string;
	/** The tenant of the linked resource, for auxiliary tokens. */
	readonly otherTenant?: string;
	/** The managed identity's or the app's client id. */
	readonly clientId?: string;
};

type Filled = Required<CodeFixSlots>;

type CodeFixSpec = {
	/** The fix in words, for any language: what `explain` shows when it does not know the client's. */
	readonly text: (slots: Filled) => string;
	readonly command?: (slots: Filled) => string;
	readonly inLanguage: (slots: Filled) => Partial<Record<LanguageId, LanguageFix>>;
};

const armScope = 'https://management.azure.com/.default';

/** A snippet of several lines: short ones, so each fits a terminal of 80 columns beside a long id or scope. */
const lines = (...all: readonly string[]) => all.join('\n');

/** Every SDK asks for a token the same way in every fix: the scope first, on a line of its own. */
const getToken = (scope: string): Partial<Record<LanguageId, string>> => ({
	javascript: lines(`const scope = "${scope}";`, 'const token = await credential.getToken(scope);'),
	python: lines(`scope = "${scope}"`, 'token = credential.get_token(scope)'),
	dotnet: lines(
		`var scope = "${scope}";`,
		'var token = await credential.GetTokenAsync(',
		'    new TokenRequestContext(new[] { scope }));',
	),
	java: lines(
		`String scope = "${scope}";`,
		'AccessToken token = credential',
		'    .getToken(new TokenRequestContext().addScopes(scope)).block();',
	),
	// Not `[]string{scope}`: a word in braces reads as a placeholder to fill.
	go: lines('token, err := cred.GetToken(ctx, policy.TokenRequestOptions{', `    Scopes: []string{"${scope}"},`, '})'),
});

/** One option of each SDK's DefaultAzureCredential, in that SDK's syntax: `tenantId: "…"`, `TenantId = "…"`, … */
type DefaultCredentialOption = Partial<Record<'javascript' | 'python' | 'dotnet' | 'java' | 'go', string>>;

/** Each SDK's DefaultAzureCredential built with one option set. */
function defaultCredentialWith(option: DefaultCredentialOption): Partial<Record<LanguageId, string>> {
	const snippets: Partial<Record<LanguageId, string>> = {};
	if (option.javascript)
		snippets.javascript = lines('const credential = new DefaultAzureCredential({', `    ${option.javascript},`, '});');
	if (option.python) snippets.python = lines('credential = DefaultAzureCredential(', `    ${option.python})`);
	if (option.dotnet)
		snippets.dotnet = lines(
			'var credential = new DefaultAzureCredential(',
			'    new DefaultAzureCredentialOptions',
			'    {',
			`        ${option.dotnet},`,
			'    });',
		);
	if (option.java)
		snippets.java = lines(
			'TokenCredential credential = new DefaultAzureCredentialBuilder()',
			`    ${option.java}`,
			'    .build();',
		);
	if (option.go)
		snippets.go = lines(
			'cred, err := azidentity.NewDefaultAzureCredential(',
			'    &azidentity.DefaultAzureCredentialOptions{',
			`        ${option.go},`,
			'    })',
		);
	return snippets;
}

/** The same sentence for each SDK, with its snippet. */
function inSdks(text: string, snippets: Partial<Record<LanguageId, string>>): Partial<Record<LanguageId, LanguageFix>> {
	return Object.fromEntries(Object.entries(snippets).map(([language, code]) => [language, {text, code}]));
}

const specs: Readonly<Record<CodeFixKind, CodeFixSpec>> = {
	'sign-in': {
		text: ({tenant}) => `Sign in again, to tenant ${tenant}:`,
		command: ({tenant}) => `az login --tenant ${tenant}`,
		inLanguage: ({tenant}) => ({
			powershell: {
				text: 'Sign Azure PowerShell in again, to the tenant:',
				command: `Connect-AzAccount -Tenant ${tenant}`,
			},
			azd: {text: 'Sign azd in again, to the tenant:', command: `azd auth login --tenant-id ${tenant}`},
		}),
	},
	'select-subscription': {
		text: ({subscription}) => `Select subscription ${subscription}:`,
		command: ({subscription}) => `az account set --subscription ${subscription}`,
		inLanguage: ({subscription}) => ({
			powershell: {text: 'Select the subscription:', command: `Set-AzContext -Subscription ${subscription}`},
			azd: {
				text: 'Point the azd environment at the subscription:',
				command: `azd env set AZURE_SUBSCRIPTION_ID ${subscription}`,
			},
			terraform: {
				text: 'Name the subscription for the azurerm provider (or subscription_id in its block):',
				command: `export ARM_SUBSCRIPTION_ID=${subscription}`,
			},
		}),
	},
	// Azure PowerShell and azd pin the tenant by signing in to it: the sign-in fix is theirs.
	'pin-tenant': {
		text: ({tenant}) =>
			`In code, pin the credential to tenant ${tenant}: tenantId in JavaScript, TenantId in .NET, tenantId() in Java, TenantID in Go; Python's DefaultAzureCredential takes none, so pin the credential it signs in with (tenant_id).`,
		inLanguage: ({tenant, subscription}) => ({
			...inSdks(
				'Pin the tenant on the credential:',
				defaultCredentialWith({
					javascript: `tenantId: "${tenant}"`,
					dotnet: `TenantId = "${tenant}"`,
					java: `.tenantId("${tenant}")`,
					go: `TenantID: "${tenant}"`,
				}),
			),
			python: {
				text: "Python's DefaultAzureCredential takes no tenant_id (it raises TypeError): pin the credential that signs in, e.g. the Azure CLI's, or allow the tenant with additionally_allowed_tenants:",
				code: lines('credential = AzureCliCredential(', `    tenant_id="${tenant}")`),
			},
			terraform: {
				text: 'Pin the tenant in the azurerm provider block (a tenant_id there wins over ARM_TENANT_ID):',
				code: lines(
					'provider "azurerm" {',
					'  features {}',
					`  tenant_id       = "${tenant}"`,
					`  subscription_id = "${subscription}"`,
					'}',
				),
			},
			bicep: {
				text: 'Sign in to the tenant, then deploy with the subscription named:',
				command: `az login --tenant ${tenant} && az deployment group create --subscription ${subscription} --resource-group <group> --template-file main.bicep`,
			},
		}),
	},
	'allow-tenant': {
		text: ({tenant}) =>
			`If the app works with several tenants, let the credential get tokens for tenant ${tenant} too (additionally allowed tenants, or AZURE_ADDITIONALLY_ALLOWED_TENANTS in JavaScript, .NET, Java and Go).`,
		inLanguage: ({tenant}) =>
			inSdks(
				'If the app works with several tenants, allow the credential to get tokens for this one too:',
				defaultCredentialWith({
					javascript: `additionallyAllowedTenants: ["${tenant}"]`,
					python: `additionally_allowed_tenants=["${tenant}"]`,
					dotnet: `AdditionallyAllowedTenants = { "${tenant}" }`,
					java: `.additionallyAllowedTenants("${tenant}")`,
					go: `AdditionallyAllowedTenants: []string{"${tenant}"}`,
				}),
			),
	},
	'token-for-resource': {
		text: ({scope}) => `In code, request the token for scope ${scope} (the resource followed by /.default).`,
		inLanguage: ({resource, scope}) => ({
			...inSdks('Request the token for the resource:', getToken(scope)),
			powershell: {text: 'Request the token for the resource:', command: `Get-AzAccessToken -ResourceUrl ${resource}`},
		}),
	},
	'fresh-token': {
		text: () =>
			'In code, ask the credential for a token right before each call (credentials cache and refresh it), or hand the SDK client the credential; never keep a token in a variable.',
		inLanguage: ({resource, scope}) => ({
			...inSdks(
				'Ask the credential right before each call (it caches and refreshes), never keep the token:',
				getToken(scope),
			),
			powershell: {
				text: 'Get a new token right before the call instead of reusing one:',
				command: `Get-AzAccessToken -ResourceUrl ${resource}`,
			},
		}),
	},
	'aux-tenants': {
		text: ({otherTenant}) =>
			`Send an auxiliary token from tenant ${otherTenant} with the call: --aux-tenants on az deployment, auxiliary_tenant_ids in Terraform, AuxiliaryTenants in Go's arm.ClientOptions, auxiliaryAuthenticationHeaderPolicy in JavaScript, withAuxiliaryCredential in Java.`,
		inLanguage: ({otherTenant, subscription}) => ({
			javascript: {
				text: "Add @azure/core-rest-pipeline's auxiliary header policy to the client, with a credential for the other tenant:",
				code: lines(
					'client.pipeline.addPolicy(auxiliaryAuthenticationHeaderPolicy({',
					`    scopes: "${armScope}",`,
					'    credentials: [new DefaultAzureCredential({',
					`        tenantId: "${otherTenant}",`,
					'    })],',
					'}));',
				),
			},
			java: {
				text: 'Give the resource manager a credential for the other tenant as an auxiliary credential:',
				code: lines(
					'TokenCredential other = new DefaultAzureCredentialBuilder()',
					`    .tenantId("${otherTenant}")`,
					'    .build();',
					'AzureResourceManager azure = AzureResourceManager.configure()',
					'    .withAuxiliaryCredential(other)',
					'    .authenticate(credential, profile)',
					`    .withSubscription("${subscription}");`,
				),
			},
			go: {
				text: "Name the other tenant in the client's options (every ARM client takes them), and allow the credential to get tokens for it:",
				code: lines(
					'cred, err := azidentity.NewDefaultAzureCredential(',
					'    &azidentity.DefaultAzureCredentialOptions{',
					`        AdditionallyAllowedTenants: []string{"${otherTenant}"},`,
					'    })',
					`client, err := armresources.NewClient("${subscription}", cred,`,
					'    &arm.ClientOptions{',
					`        AuxiliaryTenants: []string{"${otherTenant}"},`,
					'    })',
				),
			},
			terraform: {
				text: 'Name the other tenant in the azurerm provider block (or ARM_AUXILIARY_TENANT_IDS, at most three):',
				code: lines('provider "azurerm" {', '  features {}', `  auxiliary_tenant_ids = ["${otherTenant}"]`, '}'),
			},
			bicep: {
				text: 'Sign in to the other tenant too, then deploy with it as an auxiliary tenant:',
				command: `az login --tenant ${otherTenant} && az deployment group create --subscription ${subscription} --resource-group <group> --template-file main.bicep --aux-tenants ${otherTenant}`,
			},
			'azure-cli': {
				text: 'Sign in to the other tenant too, then pass it as an auxiliary tenant where the command takes one:',
				command: `az login --tenant ${otherTenant} && az deployment group create --subscription ${subscription} --resource-group <group> --template-file <template> --aux-tenants ${otherTenant}`,
			},
		}),
	},
	'managed-identity-client-id': {
		text: ({clientId}) =>
			`Name the user-assigned identity by its client id ${clientId}: AZURE_CLIENT_ID, or the credential's managed identity client id option.`,
		command: ({clientId}) => `export AZURE_CLIENT_ID=${clientId}`,
		inLanguage: ({clientId}) => ({
			...inSdks('Name the user-assigned identity on the credential:', {
				...defaultCredentialWith({
					javascript: `managedIdentityClientId: "${clientId}"`,
					python: `managed_identity_client_id="${clientId}"`,
					dotnet: `ManagedIdentityClientId = "${clientId}"`,
					java: `.managedIdentityClientId("${clientId}")`,
				}),
				// Go's DefaultAzureCredential takes the client id from AZURE_CLIENT_ID only: name it on the credential itself.
				go: lines(
					'cred, err := azidentity.NewManagedIdentityCredential(',
					'    &azidentity.ManagedIdentityCredentialOptions{',
					`        ID: azidentity.ClientID("${clientId}"),`,
					'    })',
				),
			}),
			powershell: {
				text: 'Sign in with the user-assigned identity:',
				command: `Connect-AzAccount -Identity -AccountId ${clientId}`,
			},
			terraform: {
				text: 'Use the managed identity in the azurerm provider block (or ARM_USE_MSI and ARM_CLIENT_ID):',
				code: lines('provider "azurerm" {', '  features {}', '  use_msi   = true', `  client_id = "${clientId}"`, '}'),
			},
			azd: {
				text: 'Sign azd in with the user-assigned identity:',
				command: `azd auth login --managed-identity --client-id ${clientId}`,
			},
			'azure-cli': {
				text: 'Sign in with the user-assigned identity:',
				command: `az login --identity --username ${clientId}`,
			},
		}),
	},
	'workload-identity': {
		text: ({tenant, clientId}) =>
			`Use workload identity federation: the app ${clientId} in tenant ${tenant}, with the federated token file (AZURE_FEDERATED_TOKEN_FILE) the platform projects.`,
		command: ({tenant, clientId}) =>
			`export AZURE_TENANT_ID=${tenant} AZURE_CLIENT_ID=${clientId} AZURE_FEDERATED_TOKEN_FILE=<path-to-the-federated-token>`,
		inLanguage: ({tenant, clientId}) => ({
			...inSdks('Use the workload identity credential, with the token file the platform projects:', {
				javascript: lines(
					'const credential = new WorkloadIdentityCredential({',
					`    tenantId: "${tenant}",`,
					`    clientId: "${clientId}",`,
					'    tokenFilePath: process.env.AZURE_FEDERATED_TOKEN_FILE,',
					'});',
				),
				python: lines(
					'credential = WorkloadIdentityCredential(',
					`    tenant_id="${tenant}",`,
					`    client_id="${clientId}",`,
					'    token_file_path=os.environ["AZURE_FEDERATED_TOKEN_FILE"])',
				),
				dotnet: lines(
					'var credential = new WorkloadIdentityCredential(',
					'    new WorkloadIdentityCredentialOptions',
					'    {',
					`        TenantId = "${tenant}",`,
					`        ClientId = "${clientId}",`,
					'        TokenFilePath = Environment.GetEnvironmentVariable(',
					'            "AZURE_FEDERATED_TOKEN_FILE"),',
					'    });',
				),
				java: lines(
					'TokenCredential credential = new WorkloadIdentityCredentialBuilder()',
					`    .tenantId("${tenant}")`,
					`    .clientId("${clientId}")`,
					'    .tokenFilePath(System.getenv("AZURE_FEDERATED_TOKEN_FILE"))',
					'    .build();',
				),
				go: lines(
					'cred, err := azidentity.NewWorkloadIdentityCredential(',
					'    &azidentity.WorkloadIdentityCredentialOptions{',
					`        TenantID:      "${tenant}",`,
					`        ClientID:      "${clientId}",`,
					'        TokenFilePath: os.Getenv("AZURE_FEDERATED_TOKEN_FILE"),',
					'    })',
				),
			}),
			powershell: {
				text: 'Sign in with the federated token:',
				command: `Connect-AzAccount -ServicePrincipal -ApplicationId ${clientId} -Tenant ${tenant} -FederatedToken (Get-Content $env:AZURE_FEDERATED_TOKEN_FILE -Raw)`,
			},
			terraform: {
				text: 'Use OIDC in the azurerm provider block (or ARM_USE_OIDC, ARM_CLIENT_ID, ARM_TENANT_ID, ARM_OIDC_TOKEN_FILE_PATH):',
				code: lines(
					'provider "azurerm" {',
					'  features {}',
					'  use_oidc             = true',
					`  client_id            = "${clientId}"`,
					`  tenant_id            = "${tenant}"`,
					'  oidc_token_file_path = "<path-to-the-federated-token>"',
					'}',
				),
			},
			'azure-cli': {
				text: 'Sign in with the federated token:',
				command: `az login --service-principal --username ${clientId} --tenant ${tenant} --federated-token "$(cat "$AZURE_FEDERATED_TOKEN_FILE")"`,
			},
		}),
	},
};

const defaults: Filled = {
	tenant: '{tenantId}',
	subscription: '{subscriptionId}',
	resource: '{resource}',
	scope: '{resource}/.default',
	otherTenant: '<other-tenant-id>',
	clientId: '{clientId}',
};

/**
A fix of this kind as a knowledge fix: its text for any language (and a command where one fits
every language), and the same fix in each language that has its own API for it.
*/
export function codeFix(
	kind: CodeFixKind,
	slots: CodeFixSlots = {},
	/** The entry's own sentence or command for any language, where it says more than the kind's. */
	own: {readonly text?: string; readonly command?: string} = {},
): KnowledgeFix {
	const spec = specs[kind];
	const filled: Filled = {...defaults, ...slots};
	const command = own.command ?? spec.command?.(filled);
	return {
		text: own.text ?? spec.text(filled),
		...(command === undefined ? {} : {command}),
		inLanguage: spec.inLanguage(filled),
		kind,
	};
}

/** The kinds, for tests and documentation. */
export const codeFixKinds = Object.keys(specs) as CodeFixKind[];
