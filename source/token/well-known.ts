/**
Identifiers people meet in Entra tokens, named. Application ids are the same in every tenant; the
ARM audiences are the four strings ARM accepts (azure-auth-facts.md §4.1) plus their sovereign-cloud
counterparts.
*/

/** First-party application (client) ids and resource app ids. */
export const wellKnownApplications: Readonly<Record<string, string>> = {
	'04b07795-8ddb-461a-bbee-02f9e1bf7b46': 'Microsoft Azure CLI, also used by azd and developer sign-in',
	'1950a258-227b-4e31-a9cf-717495945fc2': 'Microsoft Azure PowerShell',
	'872cd9fa-d31f-45e0-9eab-6e460a02d1f1': 'Visual Studio',
	'aebc6443-996d-45c2-90f0-388ff96faa56': 'Visual Studio Code',
	'14d82eec-204b-4c2f-b7e8-296a70dab67e': 'Microsoft Graph Command Line Tools (Graph PowerShell SDK)',
	'1b730954-1685-4b74-9bfd-dac224a7b894': 'Azure Active Directory PowerShell',
	'c44b4083-3bb0-49c1-b47d-974e53cbdf3c': 'Azure Portal',
	'd3590ed6-52b3-4102-aeff-aad2292ab01c': 'Microsoft Office',
	'1fec8e78-bce4-4aaf-ab1b-5451cc387264': 'Microsoft Teams',
	'00000003-0000-0000-c000-000000000000': 'Microsoft Graph',
	'00000002-0000-0000-c000-000000000000': 'Azure AD Graph (retired; use Microsoft Graph)',
	'797f4846-ba00-4fd7-ba43-dac1f8f63013': 'Windows Azure Service Management API (Azure Resource Manager)',
	'00000002-0000-0ff1-ce00-000000000000': 'Office 365 Exchange Online',
	'00000003-0000-0ff1-ce00-000000000000': 'Office 365 SharePoint Online',
	'cfa8b339-82a2-471a-a3c9-0fc0be7a4093': 'Azure Key Vault',
	'e406a681-f3d4-42a8-90b6-c2b029497af1': 'Azure Storage',
	'499b84ac-1321-427f-aa17-267ca6975798': 'Azure DevOps',
	'2ff814a6-3304-4ab8-85cb-cd0e6f879c1d': 'Azure Databricks',
	'6dae42f8-4368-4678-94ff-3960e28e3630': 'Azure Kubernetes Service AAD Server',
};

/** Well-known tenants. */
export const wellKnownTenants: Readonly<Record<string, string>> = {
	'9188040d-6c67-4c5b-b112-36a304b66dad': 'the personal Microsoft account (MSA) tenant',
	'72f988bf-86f1-41af-91ab-2d7cd011db47': "Microsoft's own corporate tenant",
};

/** Resource (audience) URIs, compared without a trailing slash. */
const wellKnownResources: ReadonlyArray<readonly [string, string]> = [
	['https://management.core.windows.net', 'Azure Resource Manager, AzureCloud'],
	['https://management.azure.com', 'Azure Resource Manager, AzureCloud'],
	['https://management.core.chinacloudapi.cn', 'Azure Resource Manager, AzureChinaCloud'],
	['https://management.chinacloudapi.cn', 'Azure Resource Manager, AzureChinaCloud'],
	['https://management.core.usgovcloudapi.net', 'Azure Resource Manager, AzureUSGovernment'],
	['https://management.usgovcloudapi.net', 'Azure Resource Manager, AzureUSGovernment'],
	['https://graph.microsoft.com', 'Microsoft Graph'],
	['https://graph.microsoft.us', 'Microsoft Graph (US Government)'],
	['https://microsoftgraph.chinacloudapi.cn', 'Microsoft Graph (China)'],
	['https://graph.windows.net', 'Azure AD Graph (retired; use Microsoft Graph)'],
	['https://vault.azure.net', 'Azure Key Vault'],
	['https://storage.azure.com', 'Azure Storage'],
	['https://database.windows.net', 'Azure SQL Database'],
	['https://ossrdbms-aad.database.windows.net', 'Azure Database for PostgreSQL/MySQL'],
	['https://cognitiveservices.azure.com', 'Azure AI services'],
	['https://servicebus.azure.net', 'Azure Service Bus'],
	['https://eventhubs.azure.net', 'Azure Event Hubs'],
	['https://monitor.azure.com', 'Azure Monitor'],
	['https://api.loganalytics.io', 'Log Analytics'],
	['https://outlook.office.com', 'Exchange Online (Outlook)'],
	['https://outlook.office365.com', 'Exchange Online (Outlook)'],
	['https://app.vssps.visualstudio.com', 'Azure DevOps'],
	['api://AzureADTokenExchange', 'Entra workload identity federation (a token to exchange, not to call an API with)'],
];

/** Host aliases of the built-in clouds' Entra authorities (instance discovery metadata, azure-auth-facts.md §2). */
export const entraAuthorityAliases: Readonly<Record<string, readonly string[]>> = {
	AzureCloud: ['sts.windows.net', 'login.windows.net', 'login.microsoft.com', 'login.microsoftonline.com'],
	AzureChinaCloud: ['sts.chinacloudapi.cn', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'],
	AzureUSGovernment: ['login.microsoftonline.us', 'login.usgovcloudapi.net'],
};

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
	return typeof value === 'string' && guidPattern.test(value);
}

/** The name of an application id, resource URI or tenant id, when it is a well-known one. */
export function nameOf(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const lower = value.toLowerCase();
	if (Object.hasOwn(wellKnownApplications, lower)) return wellKnownApplications[lower];
	if (Object.hasOwn(wellKnownTenants, lower)) return wellKnownTenants[lower];
	const trimmed = value.replace(/\/+$/, '');
	return wellKnownResources.find(([uri]) => uri.toLowerCase() === trimmed.toLowerCase())?.[1];
}

/** True when the audience is one of Azure Resource Manager's, in any built-in cloud. */
export function isArmAudience(audience: unknown): boolean {
	return nameOf(audience)?.startsWith('Azure Resource Manager') === true;
}

/** Built-in Entra role template ids (`wids`). */
export const wellKnownDirectoryRoles: Readonly<Record<string, string>> = {
	'62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
	'b79fbf4d-3ef9-4689-8143-76b194e85509': 'member of the directory (every user has it)',
	'9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
	'158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
	'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
	'194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
	'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
	'729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
	'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
	'88d8e3e3-8f55-4a1e-953a-9b9898b8876b': 'Directory Readers',
};

/** What the `amr` values mean (RFC 8176 and Entra's own). */
export const authenticationMethods: Readonly<Record<string, string>> = {
	pwd: 'password',
	mfa: 'multi-factor authentication',
	rsa: 'RSA key (e.g. Microsoft Authenticator)',
	otp: 'one-time passcode',
	sms: 'SMS code',
	tel: 'phone call',
	fed: 'federated identity provider',
	wia: 'Windows integrated authentication',
	ngcmfa: 'Windows Hello / passwordless with MFA',
	wiaormfa: 'Windows integrated authentication or MFA',
	kba: 'knowledge-based authentication',
	face: 'face recognition',
	fido: 'FIDO2 security key',
	hwk: 'hardware-bound key',
	swk: 'software key',
	pop: 'proof of possession of a key',
	x509: 'certificate',
	sc: 'smart card',
};
