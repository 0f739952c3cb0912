/**
Held-out style texts written for heldout.test.ts, not taken from the dev corpus: other clients, other
wording, retranslated sentences, codes stripped or written bare, escaped and decorated pastes. Kept
apart from the test so the calibration test reads them too.
*/

export const tenantA = '11111111-aaaa-4bbb-8ccc-000000000001';
export const tenantB = '22222222-aaaa-4bbb-8ccc-000000000002';
const subscription = '33333333-aaaa-4bbb-8ccc-000000000003';
const guid = '44444444-aaaa-4bbb-8ccc-000000000004';

export type Case = readonly [name: string, family: string, text: string];

export const cases: readonly Case[] = [
	[
		'Graph rejects a token for another API',
		'api-invalid-audience',
		`{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure. Invalid audience.","innerError":{"date":"2024-05-01T10:00:00","request-id":"${guid}","client-request-id":"${guid}"}}}`,
	],
	[
		'ARM wrong audience, code stripped, retranslated',
		'arm-wrong-audience',
		"The access token was obtained for an incorrect audience or resource 'https://graph.microsoft.com'. It must exactly match one of the allowed audiences 'https://management.core.windows.net/','https://management.azure.com/'.",
	],
	[
		'ARM tenant mismatch, code stripped, reworded',
		'arm-token-tenant-mismatch',
		`The access token comes from the wrong issuer 'https://sts.windows.net/${tenantA}/'. It has to match the tenant 'https://sts.windows.net/${tenantB}/' that is associated with this subscription.`,
	],
	[
		'Azure PowerShell error record',
		'arm-token-tenant-mismatch',
		`Get-AzResourceGroup : InvalidAuthenticationTokenTenant: The access token is from the wrong issuer 'https://sts.windows.net/${tenantA}/'. It must match the tenant 'https://sts.windows.net/${tenantB}/' associated with this subscription.\nAt line:1 char:1\n+ Get-AzResourceGroup\n+ ~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : CloseError: (:) [Get-AzResourceGroup], CloudException\n    + FullyQualifiedErrorId : Microsoft.Azure.Commands.Resources.GetAzureResourceGroupCmdlet`,
	],
	[
		'tenant mismatch described in plain words',
		'arm-token-tenant-mismatch',
		'Deployment failed: the token was issued by a different tenant than the one this subscription belongs to.',
	],
	[
		'Terraform box with an expired ARM token',
		'token-expired',
		`│ Error: retrieving Resource Group "rg-app": resources.GroupsClient#Get: Failure responding to request: StatusCode=401 -- Original Error: autorest/azure: Service returned an error. Status=401 Code="ExpiredAuthenticationToken" Message="The access token expiry UTC time '6/15/2024 8:22:51 AM' is earlier than current UTC time '6/15/2024 9:27:25 AM'."\n│\n│   with azurerm_resource_group.main,\n│   on main.tf line 12:\n╵`,
	],
	[
		'Go autorest chain around an AADSTS code',
		'aadsts-7000215',
		`azure.BearerAuthorizer#WithAuthorization: Failed to refresh the Token for request to https://management.azure.com/subscriptions/${subscription}/resourcegroups?api-version=2021-04-01: StatusCode=401 -- Original Error: adal: Refresh request failed. Status Code = '401'. Response body: {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\\r\\nTrace ID: ${guid}\\r\\nCorrelation ID: ${guid}\\r\\nTimestamp: 2024-02-02 10:10:10Z","error_codes":[7000215]}`,
	],
	['bare code after Error Code', 'aadsts-530033', 'Sign-in failed.\nError Code: 530033\nRequest Id: ' + guid],
	[
		'bare code in error_codes only',
		'aadsts-50000',
		'{"error":"temporarily_unavailable","error_description":"There was an error issuing a token.","error_codes":[50000]}',
	],
	[
		'msal-node style bare code',
		'aadsts-700027',
		`invalid_client: 700027 - [2023-01-01 10:00:00Z]: Client assertion contains an invalid signature. [Reason - The key was not found.]`,
	],
	[
		'generic wrapper then the specific code',
		'aadsts-50126',
		'AADSTS70002: Error validating credentials. AADSTS50126: Invalid username or password.',
	],
	[
		'AADSTS50000 wrapping a revoked grant',
		'aadsts-50173',
		'AADSTS50000: There was an error issuing a token. AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed.',
	],
	[
		'JS ChainedTokenCredential aggregate error',
		'credential-chain-failed',
		'AggregateAuthenticationError: ChainedTokenCredential authentication failed.\nCredentialUnavailableError: EnvironmentCredential is unavailable. No underlying credential could be used.\nCredentialUnavailableError: ManagedIdentityCredential: Authentication failed. Message Attempted to use the IMDS endpoint, but it is not available.\nCredentialUnavailableError: Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions.',
	],
	[
		'.NET DefaultAzureCredential with literal \\n\\t',
		'credential-chain-failed',
		"Azure.Identity.CredentialUnavailableException: DefaultAzureCredential failed to retrieve a token from the included credentials. See the troubleshooting guide for more information. https://aka.ms/azsdk/net/identity/defaultazurecredential/troubleshoot\\n\\t- EnvironmentCredential authentication unavailable. Environment variables are not fully configured.\\n\\t- ManagedIdentityCredential authentication unavailable. No response received from the managed identity endpoint.\\n\\t- VisualStudioCredential authentication failed: Visual Studio Token provider can't be accessed",
	],
	[
		'Go azidentity chain',
		'credential-chain-failed',
		'DefaultAzureCredential: failed to acquire a token.\nAttempted credentials:\n\tEnvironmentCredential: missing environment variable AZURE_TENANT_ID\n\tWorkloadIdentityCredential: no client ID specified\n\tManagedIdentityCredential: managed identity timed out\n\tAzureCLICredential: Azure CLI not found on path',
	],
	[
		'JS AzureCliCredential asks for az login',
		'cli-not-logged-in',
		"CredentialUnavailableError: Please run 'az login' from a command prompt to authenticate before using this credential.",
	],
	[
		'GitHub Actions log line asking for az login',
		'cli-not-logged-in',
		"2024-03-01T10:00:00.1234567Z ##[error]ERROR: Please run 'az login' to setup account.",
	],
	['azd not logged in', 'cli-not-logged-in', 'ERROR: not logged in, run `azd auth login` to login'],
	[
		'managed identity network unreachable',
		'managed-identity-unavailable',
		'ManagedIdentityCredential: Network unreachable. Message: connect EHOSTUNREACH 169.254.169.254:80',
	],
	[
		'Python: no managed identity endpoint',
		'managed-identity-unavailable',
		'azure.identity._exceptions.CredentialUnavailableError: No managed identity endpoint found.',
	],
	[
		'.NET managed identity retries',
		'managed-identity-unavailable',
		'ManagedIdentityCredential authentication unavailable. Multiple attempts failed to obtain a token from the managed identity endpoint.',
	],
	[
		'LinkedAuthorizationFailed variant A without the code',
		'arm-aux-token',
		`The client 'deploy@contoso.com' with object id '${guid}' has permission to perform action 'Microsoft.Compute/virtualMachines/write' on scope '/subscriptions/${subscription}/resourceGroups/rg'; however, it does not have permission to perform action 'Microsoft.Compute/galleries/images/versions/read' on the linked scope(s) '/subscriptions/${guid}/resourceGroups/images' or the linked scope(s) are invalid.`,
	],
	[
		'bad auxiliary token',
		'arm-aux-token',
		`Authentication failed for auxiliary token: the 'x-ms-authorization-auxiliary' header contains an expired token for client '${guid}' in tenant '${tenantB}'.`,
	],
	[
		'Graph insufficient privileges',
		'authorization-failed',
		'{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}',
	],
	[
		'Storage data-plane permission',
		'authorization-failed',
		'Status: 403 (This request is not authorized to perform this operation using this permission.)\nErrorCode: AuthorizationPermissionMismatch',
	],
	[
		'Key Vault access policy',
		'authorization-failed',
		"The user, group or application 'appid=abc;oid=def;iss=https://sts.windows.net/x/' does not have secrets get permission on key vault 'kv-prod;location=westeurope'.",
	],
	[
		'subscription not found, reworded',
		'subscription-context',
		"ERROR: Subscription 'prod-sub' not found. Check the spelling and casing and try again.",
	],
	[
		'InvalidSubscriptionId',
		'subscription-context',
		"(InvalidSubscriptionId) The provided subscription identifier 'abc' is malformed or invalid.",
	],
	[
		'node jsonwebtoken expired',
		'token-expired',
		'TokenExpiredError: jwt expired\n    at /app/node_modules/jsonwebtoken/verify.js:190:21',
	],
	[
		'IDX10223 lifetime',
		'token-expired',
		"IDX10223: Lifetime validation failed. The token is expired. ValidTo: '01/01/2024 10:00:00', Current time: '01/01/2024 11:00:00'.",
	],
	[
		'WWW-Authenticate expired',
		'token-expired',
		`WWW-Authenticate: Bearer error="invalid_token", error_description="The token expired at '01/01/2024 10:00:00'"`,
	],
	[
		'WWW-Authenticate invalid audience',
		'api-invalid-audience',
		`WWW-Authenticate: Bearer error="invalid_token", error_description="The audience 'api://orders' is invalid"`,
	],
	[
		'node jsonwebtoken audience',
		'api-invalid-audience',
		'JsonWebTokenError: jwt audience invalid. expected: api://my-api',
	],
	[
		'HTML entities around a redirect mismatch',
		'aadsts-50011',
		'AADSTS50011: The redirect URI &#39;http://localhost:3000/callback&#39; specified in the request does not match the redirect URIs configured for the application &#39;' +
			guid +
			'&#39;.',
	],
	[
		'browser sign-in page',
		'aadsts-50105',
		"Sign in\nSorry, but we're having trouble signing you in.\nAADSTS50105: Your administrator has configured the application to block users unless they are specifically granted ('assigned') access to the application.",
	],
	[
		'Azure DevOps masked ids',
		'aadsts-700016',
		"##[error]AADSTS700016: Application with identifier '***' was not found in the directory '***'.",
	],
	[
		'Python dict repr from MSAL',
		'aadsts-50173',
		"{'error': 'invalid_grant', 'error_description': \"AADSTS50173: The provided grant has expired due to it being revoked.\\r\\nTrace ID: x\", 'error_codes': [50173]}",
	],
	[
		'Markdown-mangled code',
		'aadsts-7000222',
		'**Error:** `AADSTS7000222: The provided client secret keys for app are expired.`',
	],
	['an unknown AADSTS code still names its family', 'aadsts-9999991', 'AADSTS9999991: Something new went wrong.'],
	[
		'Key Vault wrong audience',
		'api-invalid-audience',
		'{"error":{"code":"Unauthorized","message":"AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com/."}}',
	],
	['PyJWT audience', 'api-invalid-audience', 'jwt.exceptions.InvalidAudienceError: Invalid audience'],
	[
		'IDX10231 delegate',
		'api-invalid-audience',
		'IDX10231: Audience validation failed. Delegate returned false, securitytoken: [PII is hidden].',
	],
	['PyJWT expired', 'token-expired', 'jwt.exceptions.ExpiredSignatureError: Signature has expired'],
	[
		'Service Bus expired token',
		'token-expired',
		'ExpiredToken: The token is expired. TrackingId:abc, SystemTracker:ns.servicebus.windows.net:queue, Timestamp:2024-01-01T10:00:00',
	],
	[
		'Cosmos DB RBAC',
		'authorization-failed',
		'Request blocked by Auth cosmos-acct : Request is blocked because principal [x] does not have required RBAC permissions to perform action [Microsoft.DocumentDB/databaseAccounts/readMetadata] on resource [/].',
	],
	[
		'Azure PowerShell wrong subscription',
		'subscription-context',
		'Set-AzContext : Please provide a valid tenant or a valid subscription.\nAt line:1 char:1',
	],
	[
		'Terraform cannot determine the subscription',
		'subscription-context',
		'Error: building account: unable to configure ResourceManagerAccount: subscription ID could not be determined and was not specified',
	],
	[
		'Terraform provider asks for az login',
		'cli-not-logged-in',
		"│ Error: building AzureRM Client: please ensure you have installed Azure CLI version 2.0.79 or newer. Error parsing json result from the Azure CLI: waiting for the Azure CLI: exit status 1: ERROR: Please run 'az login' to setup account.",
	],
	[
		'user-assigned identity not found',
		'managed-identity-unavailable',
		'ManagedIdentityCredential: No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.',
	],
	[
		'Functions cannot load the identity',
		'managed-identity-unavailable',
		'Microsoft.Azure.WebJobs.Host: Unable to load the proper Managed Identity.',
	],
	[
		'Python ChainedTokenCredential',
		'credential-chain-failed',
		'azure.core.exceptions.ClientAuthenticationError: ChainedTokenCredential failed to retrieve a token from the included credentials.\nAttempted credentials:\n\tAzureCliCredential: Azure CLI not found on path',
	],
	[
		'Java DefaultAzureCredential',
		'credential-chain-failed',
		'com.azure.identity.CredentialUnavailableException: EnvironmentCredential authentication unavailable. Tried EnvironmentCredential, ManagedIdentityCredential, AzureCliCredential but failed to acquire a token for any of them.',
	],
	[
		'ARM missing Authorization header is other',
		'other',
		'{"error":{"code":"AuthenticationFailed","message":"Authentication failed. The \'Authorization\' header is missing."}}',
	],
	[
		'Key Vault token from another tenant is other (not ARM)',
		'other',
		'AKV10032: Invalid issuer. Expected one of https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/, found https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/.',
	],
	[
		'code stripped: refresh token inactive',
		'aadsts-700082',
		"Farmer.FarmerException: 'ERROR: The refresh token has expired due to inactivity. The token was issued on 2023-04-20T18:48:41.6655773Z and was inactive for 90.00:00:00.",
	],
	[
		'code stripped: consent',
		'aadsts-65001',
		"The user or administrator has not consented to use the application with ID 'abc'. Send an interactive authorization request for this user and resource.",
	],
	[
		'code stripped: MFA required',
		'aadsts-50076',
		"Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access 'https://management.core.windows.net/'.",
	],
	[
		'code stripped: Conditional Access block',
		'aadsts-53003',
		'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
	],
	[
		'code stripped: app not in directory',
		'aadsts-700016',
		"Application with identifier 'abc' was not found in the directory 'contoso.onmicrosoft.com'.",
	],
	[
		'azure/login action could not sign in',
		'cli-not-logged-in',
		'Run azure/login@v1\n/usr/bin/az cloud set -n azurecloud\nDone setting cloud: "azurecloud"\nError: Az CLI Login failed. Please check the credentials. For more information refer https://aka.ms/create-secrets-for-GitHub-workflows',
	],
	[
		'custom API issuer problem is other',
		'other',
		'Bearer error="invalid_token", error_description="The signature is invalid"',
	],
];
