/**
Identifiers people meet in Entra tokens, named. Application ids are the same in every tenant; the
ARM audiences are the four strings ARM accepts (azure-auth-facts.md §4.1) plus their sovereign-cloud
counterparts.
*/

/**
First-party application (client) ids people meet in sign-in errors and tokens, and the app ids of
Microsoft's resources (APIs). Sources: Microsoft Learn, "Verify first-party Microsoft applications in
sign-in reports" (its table "Application IDs of commonly used Microsoft applications",
https://learn.microsoft.com/troubleshoot/entra/entra-id/governance/verify-first-party-apps-sign-in),
the Azure SDK and CLI sources for the developer tools' client ids, and, for a few (Edge, Launcher), the
AADSTS messages themselves, which print an application's id beside its name.
*/
export const wellKnownApplications: Readonly<Record<string, string>> = {
	// Developer and admin tools.
	'04b07795-8ddb-461a-bbee-02f9e1bf7b46': 'Microsoft Azure CLI, also used by azd and developer sign-in',
	'1950a258-227b-4e31-a9cf-717495945fc2': 'Microsoft Azure PowerShell',
	'872cd9fa-d31f-45e0-9eab-6e460a02d1f1': 'Visual Studio',
	'04f0c124-f2bc-4f59-8241-bf6df9866bbd': 'Visual Studio',
	'aebc6443-996d-45c2-90f0-388ff96faa56': 'Visual Studio Code',
	'a69788c6-1d43-44ed-9ca3-b83e194da255': 'Azure Data Studio',
	'14d82eec-204b-4c2f-b7e8-296a70dab67e': 'Microsoft Graph Command Line Tools (Graph PowerShell SDK)',
	'de8bc8b5-d9f9-48b1-a8ad-b748da725064': 'Graph Explorer',
	'1b730954-1685-4b74-9bfd-dac224a7b894': 'Azure Active Directory PowerShell',
	'fb78d390-0c51-40cd-8e17-fdbfab77341b': 'Exchange Online PowerShell (Exchange REST API Based PowerShell)',
	'9bc3ab49-b65d-410a-85ad-de819febfddc': 'SharePoint Online Management Shell',
	'12128f48-ec9e-42f0-b203-ea49fb6af367': 'Microsoft Teams PowerShell',
	'80faf920-1908-4b52-b5ef-a8e7bedfc67a': 'Azure Kubernetes Service AAD Client (kubelogin)',
	'cb1056e2-e479-49de-ae31-7812af012ed8': 'Microsoft Entra Connect (Azure AD Connect)',
	'c44b4083-3bb0-49c1-b47d-974e53cbdf3c': 'Azure Portal',
	'499b84ac-1321-427f-aa17-267ca6975798': 'Azure DevOps',
	// Apps people sign in to.
	'd3590ed6-52b3-4102-aeff-aad2292ab01c': 'Microsoft Office',
	'0f698dd4-f011-4d23-a33e-b36416dcb1e6': 'Microsoft Office Client Service',
	'4765445b-32c6-49b0-83e6-1d93765276ca': 'OfficeHome (Microsoft 365 web)',
	'89bee1f7-5e6e-4d8a-9f3d-ecd601259da7': 'Office365 Shell WCSS-Client',
	'4345a7b9-9a63-4910-a426-35363201d503': 'O365 Suite UX',
	'00000006-0000-0ff1-ce00-000000000000': 'Microsoft Office 365 Portal',
	'1fec8e78-bce4-4aaf-ab1b-5451cc387264': 'Microsoft Teams',
	'5e3ce6c0-2b1f-4285-8d4b-75ee78787346': 'Microsoft Teams Web Client',
	'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe': 'Microsoft Teams Services',
	'27922004-5251-4030-b22d-91ecd9a37ea4': 'Outlook Mobile',
	'ab9b8c07-8f02-4f72-87fa-80105867a763': 'OneDrive SyncEngine',
	'af124e86-4e96-495a-b70a-90f90ab96707': 'OneDrive iOS App',
	'2d4d3d8e-2be3-4bef-9f87-7875a61c29de': 'OneNote',
	'08e18876-6177-487e-b8b5-cf950c1e598c': 'SharePoint Online Web Client Extensibility',
	'c9a559d2-7aab-4f13-a6ed-e7e9c52aec87': 'Microsoft Forms',
	'871c010f-5e61-4fb1-83ac-98610a7e9110': 'Microsoft Power BI',
	'9ba1a5c7-f17a-4de9-a1f1-6178c8d51223': 'Microsoft Intune Company Portal',
	'74bcdadc-2fdc-4bb3-8459-76d06952a0e9': 'Microsoft Intune Web Company Portal',
	'fc0f3af4-6835-4174-b806-f7db311fd2f3': 'Microsoft Intune Windows Agent',
	'38aa3b87-a06d-4817-b275-7a316988d93b': 'Windows Sign In',
	'29d9ed98-a469-4536-ade2-f981bc1d605e': 'Microsoft Authentication Broker',
	'4813382a-8fa7-425e-ab75-3b753aab3abb': 'Microsoft Authenticator App',
	'ecd6b820-32c2-49b6-98a6-444530e5a77a': 'Microsoft Edge',
	'f44b1140-bc5e-48c6-8dc0-5cf5a53c0e34': 'Microsoft Edge',
	'cb5b7de5-2ef8-4fb2-9600-9feadb91dc45': 'Microsoft Launcher',
	'9cdead84-a844-4324-93f2-b2e6bb768d07': 'Azure Virtual Desktop',
	'a4a365df-50f1-4397-bc59-1a1564b8bb9c': 'Microsoft Remote Desktop',
	'45a330b1-b1ec-4cc1-9161-9f03992aa49f': 'Windows Store for Business',
	'93625bc8-bfe2-437a-97e0-3d0060024faa': 'Microsoft password reset service',
	'0000000c-0000-0000-c000-000000000000': 'Microsoft App Access Panel (My Apps)',
	// Resources: the app ids of Microsoft's APIs (as 'aud', or named as the resource in an error).
	'00000003-0000-0000-c000-000000000000': 'Microsoft Graph',
	'00000002-0000-0000-c000-000000000000': 'Azure AD Graph (retired; use Microsoft Graph)',
	'797f4846-ba00-4fd7-ba43-dac1f8f63013': 'Windows Azure Service Management API (Azure Resource Manager)',
	'00000002-0000-0ff1-ce00-000000000000': 'Office 365 Exchange Online',
	'00000003-0000-0ff1-ce00-000000000000': 'Office 365 SharePoint Online',
	'00000004-0000-0ff1-ce00-000000000000': 'Skype for Business Online',
	'00000005-0000-0ff1-ce00-000000000000': 'Yammer',
	'00000007-0000-0000-c000-000000000000': 'Dataverse (Dynamics CRM)',
	'00000009-0000-0000-c000-000000000000': 'Power BI Service',
	'0000000a-0000-0000-c000-000000000000': 'Microsoft Intune',
	'c5393580-f805-4401-95e8-94b7a6ef2fc2': 'Office 365 Management APIs',
	'cfa8b339-82a2-471a-a3c9-0fc0be7a4093': 'Azure Key Vault',
	'e406a681-f3d4-42a8-90b6-c2b029497af1': 'Azure Storage',
	'022907d3-0f1b-48f7-badc-1ba6abab6d66': 'Azure SQL Database',
	'2746ea77-4702-4b45-80ca-3c97e680e8b7': 'Azure Data Explorer (Kusto)',
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
