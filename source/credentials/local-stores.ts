/**
What the developer tools on this machine are signed in as, read from their own files (the texts come
through the CredentialStores port; nothing here touches a disk): Azure PowerShell's
AzureRmContext.json, azd's config.json and auth.json, the VS Code Azure extension's authentication
record, Visual Studio's token provider list. Secrets are never read out: these files hold none that
authfix keeps.
*/

export type StoreName = 'azure-powershell' | 'azd-config' | 'azd-auth' | 'vscode-auth-record' | 'visual-studio';

/** The text of each store file that exists, with where it was found. */
export type StoreTexts = Readonly<Partial<Record<StoreName, {readonly path: string; readonly text: string}>>>;

/** One developer sign-in as its tool keeps it. */
export type LocalSignIn = {
	readonly account?: string;
	/** `User`, `ServicePrincipal`, `ManagedService`… as the tool names it. */
	readonly accountType?: string;
	readonly tenantId?: string;
	readonly subscriptionId?: string;
	readonly subscriptionName?: string;
	readonly environment?: string;
	/** Anything that changes how the sign-in is used (azd delegating to the Azure CLI). */
	readonly note?: string;
};

function parse(text: string | undefined): Record<string, unknown> | undefined {
	if (text === undefined) return undefined;
	try {
		// PowerShell writes a byte order mark.
		const value = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

function record(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

const guid = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
Azure PowerShell's current context (`DefaultContextKey` in AzureRmContext.json): the account, its
tenant, the subscription and the environment. Undefined when the file holds no usable context.
*/
export function parseAzurePowerShellContext(content: string): LocalSignIn | undefined {
	const file = parse(content);
	if (!file) return undefined;
	const contexts = record(file['Contexts']);
	const key = text(file['DefaultContextKey']);
	const context = record((key && contexts[key]) ?? Object.values(contexts)[0]);
	const account = record(context['Account']);
	const tenant = record(context['Tenant']);
	const subscription = record(context['Subscription']);
	const environment = record(context['Environment']);
	const tenantId =
		text(tenant['Id']) ??
		text(record(subscription['ExtendedProperties'])['HomeTenant']) ??
		text(record(account['ExtendedProperties'])['Tenants'])?.split(',')[0];
	const signIn: LocalSignIn = {
		...(text(account['Id']) ? {account: text(account['Id'])} : {}),
		...(text(account['Type']) ? {accountType: text(account['Type'])} : {}),
		...(tenantId && guid.test(tenantId) ? {tenantId: tenantId.toLowerCase()} : {}),
		...(text(subscription['Id']) ? {subscriptionId: text(subscription['Id'])!.toLowerCase()} : {}),
		...(text(subscription['Name']) ? {subscriptionName: text(subscription['Name'])} : {}),
		...(text(environment['Name']) ? {environment: text(environment['Name'])} : {}),
	};
	return signIn.account || signIn.tenantId ? signIn : undefined;
}

/** A dotted azd config key, nested (`{"auth":{"useAzCliAuth":"true"}}`) or flat. */
function azdValue(config: Record<string, unknown> | undefined, key: string): unknown {
	if (!config) return undefined;
	if (key in config) return config[key];
	let value: unknown = config;
	for (const part of key.split('.')) value = record(value)[part];
	return value;
}

/**
azd's sign-in: `auth.account.currentUser` in auth.json (a user's `homeAccountId` = `<oid>.<tenant>`,
a service principal's client and tenant id, or a managed identity), `defaults.subscription` and
`auth.useAzCliAuth` in config.json (azd then asks the Azure CLI for every token).
*/
export function parseAzd(configText: string | undefined, authText: string | undefined): LocalSignIn | undefined {
	const config = parse(configText);
	const auth = parse(authText);
	const current = record(azdValue(auth, 'auth.account.currentUser') ?? azdValue(config, 'auth.account.currentUser'));
	const subscription = text(azdValue(config, 'defaults.subscription'));
	const delegates = /^(1|true)$/i.test(String(azdValue(config, 'auth.useAzCliAuth') ?? ''));
	const cloud = text(azdValue(config, 'cloud.name'));
	const homeAccount = text(current['homeAccountId']);
	const tenantId = text(current['tenantId']) ?? homeAccount?.split('.')[1];
	const signIn: LocalSignIn = {
		...(homeAccount
			? {account: `user ${homeAccount.split('.')[0]}`, accountType: 'User'}
			: text(current['clientId'])
				? {account: text(current['clientId']), accountType: 'ServicePrincipal'}
				: current['managedIdentity'] === true
					? {account: 'managed identity', accountType: 'ManagedService'}
					: {}),
		...(tenantId && guid.test(tenantId) ? {tenantId: tenantId.toLowerCase()} : {}),
		...(subscription ? {subscriptionId: subscription.toLowerCase()} : {}),
		...(cloud ? {environment: cloud} : {}),
		...(delegates ? {note: 'auth.useAzCliAuth is on: azd uses the Azure CLI sign-in'} : {}),
	};
	return Object.keys(signIn).length > 0 ? signIn : undefined;
}

/** The VS Code Azure extension's authentication record (the one the SDKs' VisualStudioCodeCredential reads). */
export function parseVsCodeAuthRecord(content: string): LocalSignIn | undefined {
	const file = parse(content);
	if (!file) return undefined;
	const tenantId = text(file['tenantId']) ?? text(file['homeAccountId'])?.split('.')[1];
	const account = text(file['username']);
	if (!account && !tenantId) return undefined;
	return {
		...(account ? {account, accountType: 'User'} : {}),
		...(tenantId && guid.test(tenantId) ? {tenantId: tenantId.toLowerCase()} : {}),
		...(text(file['authority']) ? {environment: text(file['authority'])} : {}),
	};
}

/** Visual Studio's token providers (tokenprovider.json): it keeps no account in a file, only the programs that sign in. */
export function parseVisualStudioTokenProviders(content: string): {providers: number} | undefined {
	const file = parse(content);
	const providers = file?.['TokenProviders'];
	return Array.isArray(providers) ? {providers: providers.length} : undefined;
}
