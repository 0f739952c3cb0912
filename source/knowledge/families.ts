import {codeFix} from './code-fixes.ts';
import type {KnowledgeEntry} from './types.ts';

/**
One entry for every family id of shared/taxonomy.md that is not an AADSTS code, plus `other`
(an authentication failure outside every family). Data only: `explain` fills the `{placeholders}`
from what it found in the pasted text.
*/

const armTenantMismatch: KnowledgeEntry = {
	family: 'arm-token-tenant-mismatch',
	codes: ['InvalidAuthenticationTokenTenant'],
	title: "Token from another tenant than the subscription's",
	explanation:
		"Azure Resource Manager rejected the call (401) because the access token was issued by tenant {tokenTenant}, but subscription {subscriptionId} belongs to tenant {subscriptionTenant}. ARM only accepts tokens from the subscription's home tenant (or, for cross-tenant writes, an auxiliary token). The identity itself may be fine: it signed in to the wrong tenant.",
	causes: [
		{
			text: "The token was requested from the wrong tenant's authority (a default or 'common' tenant, the user's home tenant, or a guest's home tenant instead of the subscription's).",
			confirm:
				"Decode the token and compare its 'tid' and 'iss' with the subscription's tenant: authfix decode <token>. 'tid' should be {subscriptionTenant}.",
			fixes: [
				codeFix(
					'sign-in',
					{tenant: '{subscriptionTenant}'},
					{text: "Get a fresh token from the subscription's home tenant, with tenant and subscription pinned:"},
				),
				codeFix('pin-tenant', {tenant: '{subscriptionTenant}', subscription: '{subscriptionId}'}),
				codeFix(
					'select-subscription',
					{subscription: '{subscriptionId}'},
					{text: 'Select the subscription explicitly so later commands use the right context:'},
				),
				codeFix('allow-tenant', {tenant: '{subscriptionTenant}'}),
			],
		},
		{
			text: 'A pipeline service connection (Azure DevOps, GitHub azure/login) is bound to another tenant than the subscription it deploys to.',
			confirm:
				"Open the service connection (or the AZURE_TENANT_ID secret) and compare its tenant id with {subscriptionTenant}; in the job, run 'az account show --query tenantId -o tsv'.",
			fixes: [
				{
					text: "Point the service connection (or azure/login 'tenant-id') at the subscription's tenant {subscriptionTenant}.",
				},
			],
		},
		{
			text: 'A cached token or CLI context from an earlier tenant was reused (token cache, a token passed in as a variable, an old az profile).',
			confirm:
				"Run 'az account show' and check 'tenantId'; check the age and 'tid' of any token handed to the failing tool.",
			fixes: [
				{
					text: 'Request a new token for the right tenant rather than reusing a stored one:',
					command:
						'az account get-access-token --tenant {subscriptionTenant} --resource https://management.core.windows.net/',
				},
			],
		},
		{
			text: 'The Azure CLI context was not refreshed after a subscription moved to another tenant, or after switching subscriptions (a transfer can also take up to an hour to propagate).',
			confirm: 'az account list --query "[?id==\'{subscriptionId}\'].tenantId" -o tsv',
			fixes: [codeFix('sign-in', {tenant: '{subscriptionTenant}'}, {text: 'Refresh the context from the new tenant:'})],
		},
	],
	verify:
		'Replay the same failing call (authfix replay <METHOD> <URL>): it should now succeed, and later reads and writes in subscription {subscriptionId} succeed too.',
	prevent:
		"Add a preflight assertion before each deployment stage ('authfix check --json', or compare 'az account show --query tenantId' with the expected tenant) and request tokens per environment with the tenant pinned, never from a shared or cached context.",
	links: [
		'https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-invalid-authentication-token-tenant',
		'https://learn.microsoft.com/cli/azure/authenticate-azure-cli',
	],
	phrases: [
		'access token is from the wrong issuer',
		'associated with this subscription',
		'invalidauthenticationtokentenant',
		'please use the authority (url)',
	],
	httpStatus: 401,
};

const armWrongAudience: KnowledgeEntry = {
	family: 'arm-wrong-audience',
	codes: ['InvalidAuthenticationTokenAudience'],
	title: 'Token minted for another resource than Azure Resource Manager',
	explanation:
		"Azure Resource Manager rejected the token (401) because its audience ('aud') is {audience}, not ARM. ARM accepts only its own audiences for this cloud (e.g. https://management.core.windows.net/ or https://management.azure.com/). The token is valid, just for another API or another cloud.",
	causes: [
		{
			text: 'The token was requested for another API (Graph, Key Vault, Storage, Data Lake, a custom app) and reused for an ARM call.',
			confirm: "Decode the token (authfix decode <token>) and read 'aud'; it should be the ARM resource.",
			fixes: [
				{
					text: 'Request a token for ARM itself (scope {armResource}.default):',
					command: 'az account get-access-token --resource {armResource}',
				},
				codeFix('token-for-resource', {resource: '{armResource}', scope: '{armResource}.default'}),
			],
		},
		{
			text: "A sovereign cloud mismatch: a public-cloud ARM token sent to Azure Government or China ARM, or the reverse (SDK 'credential_scopes'/'audience' left at the public default).",
			confirm: "Compare the token's 'aud' host with the ARM endpoint you call; run 'az cloud show --query name'.",
			fixes: [
				{
					text: 'Select the right cloud and sign in again:',
					command: 'az cloud set --name {cloudName} && az login',
				},
				{
					text: "In SDK code, set the ARM scope for the cloud (e.g. 'https://management.usgovcloudapi.net/.default') as credential scopes / audience.",
				},
			],
		},
		{
			text: "Scopes without the resource prefix, or a v1 'resource' and v2 'scope' mixed up, so the token is for the app itself or Graph.",
			confirm: "Look at the scope or resource your code requests; 'aud' of the token shows what you got.",
			fixes: [
				codeFix(
					'token-for-resource',
					{resource: '{armResource}', scope: '{armResource}.default'},
					{text: "Use '<ARM resource>/.default' as the only scope for ARM calls."},
				),
			],
		},
	],
	verify: 'Replay the failing ARM call with a token whose aud is the ARM resource of this cloud: it should succeed.',
	prevent:
		"Request one token per resource and cloud; never reuse a token across APIs. 'authfix check' flags a token whose audience does not match.",
	links: ['https://learn.microsoft.com/azure/azure-resource-manager/management/control-plane-and-data-plane'],
	phrases: [
		'obtained for wrong audience or resource',
		'should exactly match with one of the allowed audiences',
		'invalidauthenticationtokenaudience',
	],
	httpStatus: 401,
};

const tokenExpired: KnowledgeEntry = {
	family: 'token-expired',
	codes: ['ExpiredAuthenticationToken', 'IDX10223', 'IDX10222', 'IDX10230'],
	title: 'Token used after it expired (or before it became valid)',
	explanation:
		"The API rejected an access token whose lifetime check failed: it was used after 'exp' (or before 'nbf'). Access tokens live 60 to 90 minutes by default, so long-running jobs, tokens passed around as variables, and clock skew all cause this.",
	causes: [
		{
			text: 'A long-running operation or script kept using one token past its expiry (polling, a deployment, a notebook or a window left open).',
			confirm: "Decode the token (authfix decode <token>) and compare 'exp' with the time of the failure.",
			fixes: [
				{
					text: 'Let the credential fetch tokens per request (SDK credentials refresh automatically) instead of caching a raw token; for the CLI, get a new one:',
					command: 'az account get-access-token --resource {resource}',
				},
				codeFix('fresh-token', {resource: '{resource}', scope: '{resource}/.default'}),
			],
		},
		{
			text: 'A token was captured once (az account get-access-token, a pipeline variable) and handed to another tool that outlived it.',
			confirm: "Check where the failing tool gets its token and the token's 'exp'.",
			fixes: [
				codeFix(
					'fresh-token',
					{resource: '{resource}', scope: '{resource}/.default'},
					{text: 'Pass a credential, not a token; or refresh the token right before each step.'},
				),
			],
		},
		{
			text: "Clock skew: the machine's clock is ahead or behind, so a fresh token looks expired or not yet valid ('nbf').",
			confirm: "Compare the machine's UTC time with an NTP source (timedatectl status; w32tm /query /status).",
			fixes: [{text: 'Synchronise the clock (enable NTP) and allow a few minutes of clock skew in token validation.'}],
		},
	],
	verify:
		'Replay the failing call with a freshly acquired token: it should succeed, and keep succeeding past the old expiry time.',
	prevent:
		'Use SDK credentials that refresh tokens themselves, refresh before each stage of a long pipeline, and keep clocks synchronised.',
	links: ['https://learn.microsoft.com/entra/identity-platform/access-tokens#token-lifetime'],
	phrases: [
		'expiredauthenticationtoken',
		'lifetime validation failed',
		'is earlier than current utc time',
		'the token is expired',
		'token is expired',
		'the token has expired',
		'access token has expired',
		'token is not yet valid',
		'the token is not yet valid',
	],
	httpStatus: 401,
};

const armAuxToken: KnowledgeEntry = {
	family: 'arm-aux-token',
	codes: ['LinkedAuthorizationFailed'],
	title: 'Cross-tenant call needs a valid auxiliary token',
	explanation:
		"The request touches a resource in another tenant (a linked subscription, a peered network, a shared image, a hub in another tenant). ARM authorises the primary token for subscription {subscriptionId} and needs, for each other tenant, an auxiliary token in the 'x-ms-authorization-auxiliary' header: at most three, every one valid and unexpired. A bad or expired auxiliary token gives a 401 naming the client and tenant of that token; a missing one gives LinkedAuthorizationFailed (403).",
	causes: [
		{
			text: "No auxiliary token was sent for the other tenant (the tool does not support it, or it was not configured: az --aux-tenants, Terraform 'auxiliary_tenant_ids').",
			confirm: 'authfix tenant {linkedSubscriptionId}',
			fixes: [
				{
					text: "Find the linked subscription's tenant (the command above), sign in to it with the same identity, and check that a token for it can be issued:",
					command:
						'az login --tenant <linked-tenant-id> && az account get-access-token --tenant <linked-tenant-id> --resource https://management.core.windows.net/',
				},
				{
					text: "Check whether the failing request carried an 'x-ms-authorization-auxiliary' header: rerun the command with --debug and look for it in the request headers.",
				},
				codeFix(
					'aux-tenants',
					{otherTenant: '<linked-tenant-id>', subscription: '{subscriptionId}'},
					{
						text: "With the CLI use '--aux-tenants <linked-tenant-id>' on the command (where supported); in Terraform set 'auxiliary_tenant_ids' on the azurerm provider; in the SDKs, an auxiliary tenant on the client (Go's AuxiliaryTenants, JavaScript's auxiliaryAuthenticationHeaderPolicy, Java's withAuxiliaryCredential).",
					},
				),
			],
		},
		{
			text: 'An auxiliary token was sent but is expired, for the wrong tenant or audience, or there are more than three.',
			confirm: "Decode each auxiliary token: 'aud' must be ARM, 'tid' the other tenant, 'exp' in the future.",
			fixes: [{text: 'Acquire fresh ARM tokens for each linked tenant right before the call; send at most three.'}],
		},
		{
			text: 'The identity has permission on the primary scope but not on the linked scope (LinkedAuthorizationFailed, variant A).',
			confirm:
				'Read the linked scope in the message and list role assignments there: az role assignment list --scope <linked-scope> --assignee {clientId}',
			fixes: [
				{
					text: 'Grant the identity the needed role on the linked scope (e.g. Network Contributor on the remote virtual network).',
					command:
						'az role assignment create --assignee {clientId} --role "Network Contributor" --scope <linked-scope>',
				},
			],
		},
	],
	verify:
		'Replay the cross-tenant call with the auxiliary header (authfix replay …): it should succeed without LinkedAuthorizationFailed.',
	prevent:
		"Declare every tenant a deployment touches (auxiliary tenants) and give the identity a role in each; check with 'authfix check' before the stage.",
	links: ['https://learn.microsoft.com/azure/azure-resource-manager/management/authenticate-multi-tenant'],
	phrases: [
		'linkedauthorizationfailed',
		'x-ms-authorization-auxiliary',
		'auxiliary token',
		'is not authorized to access linked subscription',
		'on the linked scope',
		'linked scope(s)',
		'aux-tenants',
		'auxiliary tenant',
	],
	httpStatus: 403,
};

const authorizationFailed: KnowledgeEntry = {
	family: 'authorization-failed',
	codes: [
		'AuthorizationFailed',
		'DenyAssignmentAuthorizationFailed',
		'Authorization_RequestDenied',
		'ForbiddenByRbac',
		'AuthorizationPermissionMismatch',
	],
	title: 'Signed in fine, but not allowed to do this (403)',
	explanation:
		'This is authorisation, not authentication: the token was accepted (it is not a 401), but the identity {clientId} has no role that allows the action on this scope (403). Signing in again does not help unless a role was just granted; granting the right role on the right scope does. (A 401 would mean the token itself is wrong: tenant, audience, expiry.)',
	causes: [
		{
			text: 'The identity has no role assignment that includes this action at this scope (or above it).',
			confirm: 'az role assignment list --assignee {clientId} --all -o table',
			fixes: [
				{
					text: 'Ask an Owner / User Access Administrator to grant a role that includes the action, at the smallest scope that works:',
					command:
						'az role assignment create --assignee {clientId} --role Contributor --scope /subscriptions/{subscriptionId}',
				},
			],
		},
		{
			text: 'The role was granted recently and has not propagated, or the token predates it (role changes can take minutes; tokens keep old group claims).',
			confirm: "Check the assignment's creation time; decode the token and compare 'iat' with it.",
			fixes: [
				codeFix('sign-in', {tenant: '{tenantId}'}, {text: 'Wait a few minutes, then sign in again for a fresh token:'}),
			],
		},
		{
			text: 'A data-plane permission is needed (Key Vault RBAC, Storage data roles, Graph application permissions) and only a control-plane role exists; or a deny assignment / policy blocks it.',
			confirm:
				"Read the action in the message (e.g. 'Microsoft.KeyVault/vaults/secrets/getSecret/action' needs 'Key Vault Secrets User'); for Graph, check the app's API permissions and admin consent.",
			fixes: [
				{
					text: 'Assign the data-plane role on the resource (e.g. Key Vault Secrets User / Storage Blob Data Contributor), or grant and consent the Graph permission:',
					command:
						'az role assignment create --assignee {clientId} --role "Key Vault Secrets User" --scope <resource-id>',
				},
			],
		},
		{
			text: 'The call is made with another identity or subscription than intended (a sandbox subscription, a different service principal).',
			confirm: 'az account show -o table',
			fixes: [
				codeFix('select-subscription', {subscription: '{subscriptionId}'}, {text: 'Select the intended subscription:'}),
			],
		},
	],
	verify:
		'Replay the same call after the role is granted and a fresh token is used: it should return 2xx instead of 403.',
	prevent:
		'Manage role assignments as code with the deployment, grant least-privilege roles at the right scope, and run a preflight what-if before deploying.',
	links: ['https://learn.microsoft.com/azure/role-based-access-control/troubleshooting'],
	phrases: [
		'does not have authorization to perform action',
		'authorization_requestdenied',
		'insufficient privileges to complete the operation',
		'caller is not authorized to perform action',
		'forbiddenbyrbac',
		'authorizationpermissionmismatch',
		'this request is not authorized to perform this operation using this permission',
		'does not have secrets get permission',
		'deniedwithnovalidrbac',
		'the access is denied because of the deny assignment',
		'denyassignmentauthorizationfailed',
	],
	httpStatus: 403,
};

const subscriptionContext: KnowledgeEntry = {
	family: 'subscription-context',
	codes: ['SubscriptionNotFound', 'InvalidSubscriptionId'],
	title: 'Subscription not found or not visible in this context',
	explanation:
		'The subscription {subscriptionId} is wrong, missing or invisible to the signed-in identity: it belongs to another tenant, the identity has no role on it, the id has a typo, or the CLI was logged in without subscriptions.',
	causes: [
		{
			text: 'The identity has no role on the subscription, so it is invisible (e.g. a service principal without an assignment, azure/login "No subscriptions found").',
			confirm: 'az account list --all -o table',
			fixes: [
				{
					text: 'Grant the identity a role on the subscription (an Owner does this):',
					command:
						'az role assignment create --assignee {clientId} --role Reader --scope /subscriptions/{subscriptionId}',
				},
			],
		},
		{
			text: 'The subscription lives in another tenant than the one signed in to.',
			confirm: 'authfix tenant {subscriptionId}',
			fixes: [
				codeFix('sign-in', {tenant: '{tenantId}'}, {text: "Sign in to the subscription's tenant and select it:"}),
				codeFix('select-subscription', {subscription: '{subscriptionId}'}, {text: 'Then select the subscription:'}),
			],
		},
		{
			text: "The CLI is signed in with '--allow-no-subscriptions' or the default subscription is stale (a tenant-level account), or the id/name has a typo.",
			confirm: "az account show --query '{id:id,name:name,tenant:tenantId}'",
			fixes: [
				codeFix(
					'select-subscription',
					{subscription: '{subscriptionId}'},
					{text: 'Pick the right subscription explicitly:'},
				),
			],
		},
		{
			text: 'The subscription is new, disabled, or its resource provider is not registered yet.',
			confirm:
				'az account show --subscription {subscriptionId} --query state; az provider list --query "[?registrationState!=\'Registered\'].namespace"',
			fixes: [
				{
					text: 'Register the provider the command needs:',
					command: 'az provider register --namespace <Provider.Namespace>',
				},
			],
		},
	],
	verify: "'az account show' names the intended subscription and tenant, and the failing command runs.",
	prevent: 'Pin tenant and subscription ids in every pipeline stage and assert them in a preflight step.',
	links: ['https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-not-found'],
	phrases: [
		'subscriptionnotfound',
		'invalidsubscriptionid',
		'no subscriptions found for',
		'error in setting up subscription',
		"doesn't exist in cloud",
		'does not exist in cloud',
		'subscription not found',
		'no subscription found',
		'is not a valid subscription',
	],
	httpStatus: 404,
};

const apiInvalidAudience: KnowledgeEntry = {
	family: 'api-invalid-audience',
	codes: ['IDX10214', 'IDX10208', 'InvalidAudience'],
	title: 'The API rejected the token: it was issued for another audience',
	explanation:
		"An API (Microsoft Graph, Key Vault, Storage, Service Bus, or your own) checked the token's 'aud' claim and it is not the API's identifier. The token was issued for something else: another API, the client app itself (an ID token), or a URI that differs from the one the API expects. Expected: {expectedAudience}; got: {audience}.",
	causes: [
		{
			text: 'The token is for another API (for example an Outlook, ARM or App Service token sent to Graph, or a Graph token sent to your API).',
			confirm: "Decode the token (authfix decode <token>) and compare 'aud' with the API's App ID URI or client id.",
			fixes: [
				{
					text: 'Request the token for the API you call:',
					command: 'az account get-access-token --resource {expectedAudience}',
				},
				codeFix('token-for-resource', {resource: '{expectedAudience}', scope: '{expectedAudience}/.default'}),
			],
		},
		{
			text: "An ID token was sent as an access token ('aud' is the client's own id; /.auth/me, ADAL.js id_token, 'idtyp' or 'nonce' claims).",
			confirm: "authfix decode <token> reports the kind 'id' and 'aud' = your client id.",
			fixes: [
				codeFix(
					'token-for-resource',
					{resource: '{expectedAudience}', scope: '{expectedAudience}/.default'},
					{
						text: "Acquire an access token for the API's scope (acquireTokenSilent with '<api>/.default' or the API's scopes) and send that.",
					},
				),
			],
		},
		{
			text: "v1 vs v2 mismatch: a v1 token carries the App ID URI ('api://…') as 'aud', a v2 token the GUID client id, and the API accepts only one of them; or 'accessTokenAcceptedVersion' changed.",
			confirm: "Compare 'ver' and 'aud' in the token with the API's ValidAudiences setting.",
			fixes: [
				{
					text: "Accept both the App ID URI and the client id as valid audiences in the API, or set 'accessTokenAcceptedVersion' consistently in the app manifest.",
				},
			],
		},
		{
			text: 'The App ID URI in the request differs by a character (trailing slash, http vs https, a typo) from the one the API validates; or scopes were given without the resource prefix.',
			confirm:
				"Compare character by character the scope requested, the token's 'aud' and the API's configured audience.",
			fixes: [
				{
					text: "Use the exact App ID URI plus the scope name (e.g. 'api://my-api/access_as_user' or 'api://my-api/.default').",
				},
			],
		},
	],
	verify: 'Replay the call with a token whose aud equals what the API expects: it should succeed.',
	prevent: 'Request one token per API with its full scope; validate both forms of the audience in your own APIs.',
	links: [
		'https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens',
		'https://learn.microsoft.com/entra/identity-platform/id-tokens',
	],
	phrases: [
		'invalid audience',
		'audience validation failed',
		'invalidaudience',
		'invalid authorization token audience',
		'the audience is invalid',
		'audience is invalid',
		'token audience is invalid',
	],
	httpStatus: 401,
};

const cliNotLoggedIn: KnowledgeEntry = {
	family: 'cli-not-logged-in',
	codes: [],
	title: 'The Azure CLI is not signed in (or not installed)',
	explanation:
		'The tool relies on the Azure CLI (or azd) for a token, and the CLI has no usable sign-in in this environment, or it is not installed or not on PATH for this process.',
	causes: [
		{
			text: "No one ran 'az login' in this environment (a new machine, a container, a CI job, a different user or AZURE_CONFIG_DIR).",
			confirm: 'az account show',
			fixes: [
				codeFix('sign-in', {tenant: '{tenantId}'}, {text: 'Sign in, pinned to the tenant you need:'}),
				{
					text: 'In CI, sign in as the pipeline identity (service principal, OIDC or managed identity) before the step.',
				},
			],
		},
		{
			text: "The sign-in expired or was cleared (refresh token expired, 'az logout', password change, Conditional Access).",
			confirm: 'az account get-access-token --query expiresOn',
			fixes: [codeFix('sign-in', {tenant: '{tenantId}'}, {text: 'Sign in again:'})],
		},
		{
			text: 'The Azure CLI is not installed, or not on the PATH of the process that runs the credential (Functions, containers, IDEs).',
			confirm: 'az version',
			fixes: [
				{
					text: 'Install the Azure CLI (https://aka.ms/azure-cli), or use a credential that fits the host (managed identity, workload identity, environment).',
				},
			],
		},
	],
	verify: "'az account show' prints the expected account and the failing command now runs.",
	prevent:
		"Check sign-in as the first pipeline step ('authfix check'), and use managed or workload identity on hosts without a person.",
	links: ['https://learn.microsoft.com/cli/azure/authenticate-azure-cli'],
	phrases: [
		"please run 'az login'",
		'please run az login',
		'run az login to setup account',
		"run 'az login' to setup account",
		'azure cli not found',
		'azure cli could not be found',
		'azureclicredential authentication unavailable',
		'please run azd auth login',
		"'az' is not recognized",
		'az: command not found',
		'please login using az login',
		'no accounts were found in the cache',
		"run 'az login' from a command prompt",
	],
};

const managedIdentityUnavailable: KnowledgeEntry = {
	family: 'managed-identity-unavailable',
	codes: [],
	title: 'No managed identity here, or not the one requested',
	explanation:
		'A managed-identity credential found no endpoint (IMDS at 169.254.169.254, App Service IDENTITY_ENDPOINT), or the endpoint answered that the requested identity is not assigned to this resource.',
	causes: [
		{
			text: 'The code runs where no managed identity exists (a laptop, a CI runner, a notebook cluster, a container without pod identity).',
			confirm:
				"curl -s -H Metadata:true 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' --max-time 3",
			fixes: [
				{
					text: 'Use a credential that fits the host: Azure CLI or workload identity locally and in CI, managed identity only on Azure hosts.',
				},
				codeFix('workload-identity', {tenant: '{tenantId}', clientId: '{clientId}'}),
			],
		},
		{
			text: 'A user-assigned identity is requested (client id {clientId}) but is not assigned to this resource, or no system-assigned identity is enabled.',
			confirm: 'az webapp identity show -g <group> -n <app>  (or az vm identity show …)',
			fixes: [
				{
					text: 'Assign the identity to the resource:',
					command: 'az vm identity assign -g <group> -n <vm> --identities <identity-resource-id>',
				},
				codeFix(
					'managed-identity-client-id',
					{clientId: '{clientId}'},
					{text: "Or pass the right client id (AZURE_CLIENT_ID / 'managedIdentityClientId'):"},
				),
			],
		},
		{
			text: 'The endpoint is there but unreachable or failing (pod identity/NMI binding, firewall, IMDS retries).',
			confirm: 'Check NMI/workload-identity webhook logs or the App Service IDENTITY_ENDPOINT variables.',
			fixes: [
				{
					text: 'Fix the identity binding (AzureIdentityBinding/ServiceAccount annotations) or move to workload identity.',
				},
			],
		},
	],
	verify: 'The token request to the managed identity endpoint returns an access token and the failing call succeeds.',
	prevent:
		'Select the credential explicitly per environment instead of relying on a chain, and assign identities in infrastructure code.',
	links: ['https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token'],
	phrases: [
		'managedidentitycredential authentication unavailable',
		'managedidentitycredential authentication failed',
		'no managed identity endpoint found',
		'no response from the imds endpoint',
		'failed to retrieve imds token',
		'the requested identity has not been assigned to this resource',
		'imds endpoint',
		'169.254.169.254',
	],
};

const credentialChainFailed: KnowledgeEntry = {
	family: 'credential-chain-failed',
	codes: [],
	title: 'Every credential in the chain failed',
	explanation:
		'DefaultAzureCredential (or a ChainedTokenCredential) tried each credential in turn (environment, workload identity, managed identity, Azure CLI, PowerShell, …) and none produced a token. Each line of the message says why one credential was skipped; the fix is to make exactly one of them work here.',
	causes: [
		{
			text: 'Nothing is configured in this environment: no AZURE_* variables, no managed identity, no signed-in CLI.',
			confirm: 'Read each "Attempted credentials" line; run az account show; env | grep ^AZURE_',
			fixes: [
				codeFix('sign-in', {tenant: '{tenantId}'}, {text: 'Locally, sign in with the CLI:'}),
				{
					text: 'In CI or on a server, set AZURE_TENANT_ID, AZURE_CLIENT_ID and a secret/certificate or federated token, or use a managed identity.',
				},
				codeFix('workload-identity', {tenant: '{tenantId}', clientId: '{clientId}'}),
			],
		},
		{
			text: 'The credential you expected was tried but failed for its own reason (a bad secret, a missing identity, an expired CLI login).',
			confirm: 'Find that credential in the list and read its reason; run authfix explain on that line alone.',
			fixes: [{text: 'Use that credential directly (not the chain) to get its real error, then fix it.'}],
		},
	],
	verify:
		'The credential returns a token (az account get-access-token, or the SDK call) and the failing call succeeds.',
	prevent: 'Prefer a specific credential per environment over DefaultAzureCredential in production.',
	links: ['https://aka.ms/azsdk/js/identity/defaultazurecredential/troubleshoot'],
	phrases: [
		'defaultazurecredential failed to retrieve a token',
		'chainedtokencredential authentication failed',
		'attempted credentials',
		'failed to retrieve a token from the included credentials',
		'defaultazurecredential authentication failed',
	],
};

/** The taxonomy's families other than `aadsts-<code>`, in taxonomy order. */
export const familyEntries: readonly KnowledgeEntry[] = [
	armTenantMismatch,
	armWrongAudience,
	tokenExpired,
	armAuxToken,
	authorizationFailed,
	subscriptionContext,
	apiInvalidAudience,
	cliNotLoggedIn,
	managedIdentityUnavailable,
	credentialChainFailed,
];

/** The text shows an authentication failure but no family fits: generic guidance, `known: false`. */
export const otherEntry: KnowledgeEntry = {
	family: 'other',
	codes: [],
	title: 'An authentication failure authfix does not recognise specifically',
	explanation:
		"The text shows a service rejecting a sign-in or a token, but none of authfix's known failure families fits. Most such failures come down to the token's issuer (iss), audience (aud) or tenant (tid) not being what the service expects, or the token being expired.",
	causes: [
		{
			text: "The token's issuer or tenant is not what the service accepts (a token from another tenant, a v1 vs v2 issuer, a service configured for one tenant only).",
			confirm:
				"Decode the token: authfix decode <token>, and compare 'iss' and 'tid' with the tenant the service trusts.",
			fixes: [
				{
					text: 'Decode the token the service rejected and compare iss, aud and tid with what the service expects:',
					command: 'authfix decode <token>',
				},
				{
					text: "Request the token from the tenant the service trusts, or add that issuer to the service's valid issuers.",
				},
			],
		},
		{
			text: "The token's audience is not the service's identifier.",
			confirm: "Compare 'aud' (authfix decode <token>) with the service's App ID URI or resource.",
			fixes: [{text: "Request the token for the service's own resource/scope."}],
		},
		{
			text: 'The token is expired, or the request carries no or a malformed Authorization header.',
			confirm: "Check 'exp' in the decoded token and the Authorization header of the request.",
			fixes: [{text: 'Send a fresh bearer token: "Authorization: Bearer <token>".'}],
		},
	],
	verify: 'Replay the failing request with the corrected token: it should succeed.',
	prevent: "Validate iss/aud/tid in a preflight ('authfix check') before calling the service.",
	links: ['https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens'],
};
