/**
Every credential source authfix can see from where it runs, interpreted from the environment and the
tools' files (given, never read here): a GitHub Actions job (azure/login's OIDC), an Azure Pipelines
service connection, Terraform's azurerm/azuread provider, Kubernetes workload identity, the AZURE_*
variables, managed identity, and the developer tools' sign-ins (Azure CLI, Azure PowerShell, azd,
VS Code, Visual Studio). Each becomes one line of facts: which identity, which tenant, which
subscription, and where that came from.
*/
import type {ProfileSubscription} from '../ports/services.ts';
import type {Availability, ChainCredential, Sdk} from './chains.ts';
import {
	type LocalSignIn,
	parseAzd,
	parseAzurePowerShellContext,
	parseVisualStudioTokenProviders,
	parseVsCodeAuthRecord,
	type StoreTexts,
} from './local-stores.ts';
import {exchangeAudience, parseServiceAccountSubject} from './subjects.ts';

type Env = Readonly<Record<string, string | undefined>>;

export type SourceId =
	| 'github-actions'
	| 'azure-pipelines'
	| 'terraform'
	| 'kubernetes'
	| 'workload-identity'
	| 'environment'
	| 'managed-identity'
	| 'azure-cli'
	| 'azure-powershell'
	| 'azd'
	| 'vscode'
	| 'visual-studio'
	| 'shared-token-cache';

/** How to get the federated assertion a source uses (variable names, never their values). */
export type AssertionSource =
	/** GitHub's ID token endpoint: GET `$url&audience=…` with `Authorization: Bearer $token` → `{"value"}`. */
	| {readonly kind: 'github'; readonly urlVariable: string; readonly tokenVariable: string; readonly audience: string}
	/** Azure Pipelines: POST `$uri?api-version=7.1&serviceConnectionId=…` with the job's access token → `{"oidcToken"}`. */
	| {
			readonly kind: 'azure-pipelines';
			readonly uriVariable: string;
			readonly tokenVariable: string;
			readonly serviceConnectionId: string;
	  }
	/** The assertion itself in a variable (AzureCLI@2's `idToken`, ARM_OIDC_TOKEN). */
	| {readonly kind: 'variable'; readonly variable: string}
	/** A file (AZURE_FEDERATED_TOKEN_FILE, ARM_OIDC_TOKEN_FILE_PATH). */
	| {readonly kind: 'file'; readonly variable: string; readonly path: string};

/** A value and the variable (or file) it was read from. */
export type Sourced = {readonly value: string; readonly from: string};

/** Two settings that name different things for the same role: each tool reads its own. */
export type Disagreement = {
	readonly what: 'tenant' | 'client' | 'subscription';
	readonly used: Sourced;
	readonly other: Sourced;
	/** Who reads which: `Terraform reads ARM_TENANT_ID; the Azure SDKs and az read AZURE_TENANT_ID`. */
	readonly readers: string;
};

export type DetectedSource = {
	readonly id: SourceId;
	/** What it is, for people: `GitHub Actions OIDC (azure/login)`. */
	readonly label: string;
	/** How it signs in: `client secret`, `workload identity federation`, `user`. */
	readonly method?: string;
	readonly identity?: Sourced;
	readonly tenant?: Sourced;
	readonly subscription?: Sourced;
	/** Where the rest came from (variables, files). */
	readonly from: readonly string[];
	/** The federated assertion it exchanges, when it federates. */
	readonly assertion?: AssertionSource;
	/** What is wrong or worth knowing, each a sentence. */
	readonly problems: readonly string[];
	readonly notes: readonly string[];
	readonly disagreements: readonly Disagreement[];
};

export type SourceInputs = {
	readonly env: Env;
	readonly stores?: StoreTexts;
	/** The Azure CLI's folder and its azureProfile.json subscriptions. */
	readonly azureCli?: {readonly directory: string; readonly subscriptions: readonly ProfileSubscription[] | undefined};
	/** The decoded claims of AZURE_FEDERATED_TOKEN_FILE, when it could be read. */
	readonly federatedToken?: Readonly<Record<string, unknown>>;
	/** @azure/identity's persistent token cache (~/.IdentityService), as the cache adapter lists it. */
	readonly identityCache?: {
		readonly path: string;
		readonly tenants: readonly string[];
		readonly accounts: readonly string[];
	};
};

const set = (env: Env, name: string) => (env[name] ?? '') !== '';

/** The first of these variables that is set, with its name. */
function first(env: Env, ...names: string[]): Sourced | undefined {
	const name = names.find(candidate => set(env, candidate));
	return name ? {value: env[name]!.trim(), from: name} : undefined;
}

/** Go's strconv.ParseBool, as Terraform reads boolean variables; undefined when unset or not a boolean. */
function boolOf(value: string | undefined): boolean | undefined {
	if (value === undefined) return undefined;
	if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
	if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
	return undefined;
}

const sameId = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function disagreement(
	what: Disagreement['what'],
	used: Sourced | undefined,
	other: Sourced | undefined,
	readers: string,
): Disagreement[] {
	return used && other && !sameId(used.value, other.value) ? [{what, used, other, readers}] : [];
}

const empty = {problems: [], notes: [], disagreements: []} as const;

export type TerraformMethod =
	| 'client-certificate'
	| 'client-secret'
	| 'oidc-token'
	| 'azure-pipelines-oidc'
	| 'github-oidc'
	| 'managed-identity'
	| 'azure-cli'
	| 'none';

const terraformMethodLabel: Record<TerraformMethod, string> = {
	'client-certificate': 'client certificate',
	'client-secret': 'client secret',
	'oidc-token': 'OIDC token',
	'azure-pipelines-oidc': 'Azure Pipelines OIDC',
	'github-oidc': 'GitHub Actions OIDC',
	'managed-identity': 'managed identity',
	'azure-cli': 'Azure CLI',
	none: 'nothing',
};

/**
How Terraform's azurerm provider would authenticate (go-azure-sdk's order: client certificate, client
secret, an OIDC token given, Azure Pipelines OIDC, GitHub OIDC, managed identity when use_msi, the
Azure CLI when use_cli, which is on by default). The first method whose inputs are present is the
one, and a failure there is not retried with the next.
*/
export function terraformAuth(env: Env): {method: TerraformMethod; inputs: string[]; assertion?: AssertionSource} {
	const useOidc = boolOf(env.ARM_USE_OIDC) === true || boolOf(env.ARM_USE_AKS_WORKLOAD_IDENTITY) === true;
	const certificate = first(env, 'ARM_CLIENT_CERTIFICATE', 'ARM_CLIENT_CERTIFICATE_PATH');
	if (certificate) return {method: 'client-certificate', inputs: [certificate.from]};
	const secret = first(env, 'ARM_CLIENT_SECRET', 'ARM_CLIENT_SECRET_FILE_PATH');
	if (secret) return {method: 'client-secret', inputs: [secret.from]};
	if (useOidc) {
		const token = first(env, 'ARM_OIDC_TOKEN', 'ARM_OIDC_TOKEN_FILE_PATH');
		const aksToken =
			boolOf(env.ARM_USE_AKS_WORKLOAD_IDENTITY) === true ? first(env, 'AZURE_FEDERATED_TOKEN_FILE') : undefined;
		const given = token ?? aksToken;
		if (given) {
			return {
				method: 'oidc-token',
				inputs: [given.from],
				assertion:
					given.from === 'ARM_OIDC_TOKEN'
						? {kind: 'variable', variable: 'ARM_OIDC_TOKEN'}
						: {kind: 'file', variable: given.from, path: given.value},
			};
		}

		const url = first(env, 'ARM_OIDC_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'SYSTEM_OIDCREQUESTURI');
		const requestToken = first(env, 'ARM_OIDC_REQUEST_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'SYSTEM_ACCESSTOKEN');
		const connection = first(env, 'ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID', 'ARM_OIDC_AZURE_SERVICE_CONNECTION_ID');
		if (connection && url && requestToken) {
			return {
				method: 'azure-pipelines-oidc',
				inputs: [connection.from, url.from, requestToken.from],
				assertion: {
					kind: 'azure-pipelines',
					uriVariable: url.from,
					tokenVariable: requestToken.from,
					serviceConnectionId: connection.value,
				},
			};
		}

		if (url && requestToken) {
			return {
				method: 'github-oidc',
				inputs: [url.from, requestToken.from],
				assertion: {
					kind: 'github',
					urlVariable: url.from,
					tokenVariable: requestToken.from,
					audience: exchangeAudience,
				},
			};
		}
	}

	if (boolOf(env.ARM_USE_MSI) === true) return {method: 'managed-identity', inputs: ['ARM_USE_MSI']};
	if (boolOf(env.ARM_USE_CLI) !== false)
		return {method: 'azure-cli', inputs: set(env, 'ARM_USE_CLI') ? ['ARM_USE_CLI'] : []};
	return {method: 'none', inputs: ['ARM_USE_CLI']};
}

const terraformVariables = [
	'ARM_CLIENT_ID',
	'ARM_CLIENT_ID_FILE_PATH',
	'ARM_TENANT_ID',
	'ARM_SUBSCRIPTION_ID',
	'ARM_CLIENT_SECRET',
	'ARM_CLIENT_SECRET_FILE_PATH',
	'ARM_CLIENT_CERTIFICATE',
	'ARM_CLIENT_CERTIFICATE_PATH',
	'ARM_USE_OIDC',
	'ARM_OIDC_TOKEN',
	'ARM_OIDC_TOKEN_FILE_PATH',
	'ARM_USE_MSI',
	'ARM_USE_CLI',
	'ARM_USE_AKS_WORKLOAD_IDENTITY',
	'ARM_AUXILIARY_TENANT_IDS',
	'ARM_ENVIRONMENT',
	'ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID',
	'ARM_OIDC_AZURE_SERVICE_CONNECTION_ID',
];

/** The ARM_* vs AZURE_* pairs: Terraform reads the first, the Azure SDKs, azd and az the second. */
export function armVersusAzure(env: Env): Disagreement[] {
	const readers = (arm: string, azure: string) =>
		`Terraform reads ${arm}; the Azure SDKs (EnvironmentCredential, WorkloadIdentityCredential) and scripts read ${azure}`;
	return [
		...disagreement(
			'tenant',
			first(env, 'ARM_TENANT_ID'),
			first(env, 'AZURE_TENANT_ID'),
			readers('ARM_TENANT_ID', 'AZURE_TENANT_ID'),
		),
		...disagreement(
			'client',
			first(env, 'ARM_CLIENT_ID'),
			first(env, 'AZURE_CLIENT_ID'),
			readers('ARM_CLIENT_ID', 'AZURE_CLIENT_ID'),
		),
		...disagreement(
			'subscription',
			first(env, 'ARM_SUBSCRIPTION_ID'),
			first(env, 'AZURE_SUBSCRIPTION_ID'),
			readers('ARM_SUBSCRIPTION_ID', 'AZURE_SUBSCRIPTION_ID'),
		),
	];
}

function terraformSource(env: Env, cli: DetectedSource | undefined): DetectedSource | undefined {
	const used = terraformVariables.filter(name => set(env, name));
	if (used.length === 0) return undefined;
	const auth = terraformAuth(env);
	const problems: string[] = [];
	const notes: string[] = [];
	const aks = boolOf(env.ARM_USE_AKS_WORKLOAD_IDENTITY) === true;
	let identity = first(env, 'ARM_CLIENT_ID', 'ARM_CLIENT_ID_FILE_PATH');
	let tenant = first(env, 'ARM_TENANT_ID');
	if (aks) {
		// azurerm imports the webhook's variables and refuses values that contradict them.
		identity ??= first(env, 'AZURE_CLIENT_ID');
		tenant ??= first(env, 'AZURE_TENANT_ID');
		for (const [arm, azure] of [
			['ARM_CLIENT_ID', 'AZURE_CLIENT_ID'],
			['ARM_TENANT_ID', 'AZURE_TENANT_ID'],
		] as const) {
			if (set(env, arm) && set(env, azure) && !sameId(env[arm]!, env[azure]!)) {
				problems.push(
					`With ARM_USE_AKS_WORKLOAD_IDENTITY, azurerm stops with "mismatch between supplied … and that provided by AKS Workload Identity": ${arm}=${env[arm]} but ${azure}=${env[azure]}.`,
				);
			}
		}
	}

	if (auth.method === 'azure-cli') {
		tenant ??= cli?.tenant ? {value: cli.tenant.value, from: `the Azure CLI (${cli.tenant.from})`} : undefined;
		identity ??= cli?.identity ? {value: cli.identity.value, from: `the Azure CLI (${cli.identity.from})`} : undefined;
	}

	let subscription = first(env, 'ARM_SUBSCRIPTION_ID');
	if (!subscription && auth.method === 'azure-cli' && cli?.subscription) {
		subscription = {value: cli.subscription.value, from: `the Azure CLI's default (azurerm 4.35+)`};
	}

	if (!first(env, 'ARM_SUBSCRIPTION_ID') && auth.method !== 'azure-cli') {
		problems.push(
			'ARM_SUBSCRIPTION_ID is not set: azurerm 4.x stops with "`subscription_id` is a required provider property when performing a plan/apply operation".',
		);
	}

	if (
		auth.method === 'azure-cli' &&
		first(env, 'ARM_CLIENT_ID') &&
		!set(env, 'ARM_USE_OIDC') &&
		!set(env, 'ARM_USE_MSI')
	) {
		notes.push(
			'ARM_CLIENT_ID is set but no secret, certificate or OIDC setting: Terraform falls back to the Azure CLI sign-in, not that app.',
		);
	}

	if (set(env, 'ARM_USE_OIDC') && auth.method === 'azure-cli') {
		problems.push(
			'ARM_USE_OIDC is on, but no OIDC token, token file or token request (ACTIONS_ID_TOKEN_REQUEST_*, SYSTEM_OIDCREQUESTURI with a service connection) is there: Terraform falls back to the Azure CLI.',
		);
	}

	const auxiliary = (env.ARM_AUXILIARY_TENANT_IDS ?? '').split(';').filter(part => part.trim() !== '');
	if (auxiliary.length > 3) {
		problems.push(`ARM_AUXILIARY_TENANT_IDS names ${auxiliary.length} tenants; ARM takes at most 3.`);
	}

	if (auxiliary.length > 0) notes.push(`auxiliary tenants ${auxiliary.join(', ')} (ARM_AUXILIARY_TENANT_IDS)`);
	if (set(env, 'ARM_ENVIRONMENT')) notes.push(`environment ${env.ARM_ENVIRONMENT} (ARM_ENVIRONMENT)`);
	return {
		id: 'terraform',
		label: 'Terraform (azurerm/azuread)',
		method: `${terraformMethodLabel[auth.method]}${auth.inputs.length > 0 ? ` (${auth.inputs.join(', ')})` : ''}`,
		...(identity ? {identity} : {}),
		...(tenant ? {tenant} : {}),
		...(subscription ? {subscription} : {}),
		from: used,
		...(auth.assertion ? {assertion: auth.assertion} : {}),
		problems,
		notes,
		disagreements: armVersusAzure(env),
	};
}

function githubSource(env: Env): DetectedSource | undefined {
	if (env.GITHUB_ACTIONS !== 'true') return undefined;
	const problems: string[] = [];
	const notes: string[] = [];
	const hasRequest = set(env, 'ACTIONS_ID_TOKEN_REQUEST_URL') && set(env, 'ACTIONS_ID_TOKEN_REQUEST_TOKEN');
	if (!hasRequest) {
		problems.push(
			'ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: the job cannot request an OIDC token. Give it `permissions: id-token: write` (azure/login fails with "Failed to fetch federated token from GitHub").',
		);
	}

	const repository = first(env, 'GITHUB_REPOSITORY');
	if (repository) {
		const ref = env.GITHUB_REF ?? '';
		notes.push(
			`${repository.value}${ref ? ` at ${ref}` : ''}${env.GITHUB_EVENT_NAME ? ` (${env.GITHUB_EVENT_NAME})` : ''}${env.GITHUB_REPOSITORY_ID ? `, repository id ${env.GITHUB_REPOSITORY_ID}` : ''}`,
		);
	}

	const identity = first(env, 'AZURE_CLIENT_ID', 'ARM_CLIENT_ID');
	const tenant = first(env, 'AZURE_TENANT_ID', 'ARM_TENANT_ID');
	const subscription = first(env, 'AZURE_SUBSCRIPTION_ID', 'ARM_SUBSCRIPTION_ID');
	return {
		id: 'github-actions',
		label: 'GitHub Actions OIDC (azure/login)',
		method: 'workload identity federation',
		...(identity ? {identity} : {}),
		...(tenant ? {tenant} : {}),
		...(subscription ? {subscription} : {}),
		from: ['GITHUB_ACTIONS', ...(hasRequest ? ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'] : [])],
		...(hasRequest
			? {
					assertion: {
						kind: 'github',
						urlVariable: 'ACTIONS_ID_TOKEN_REQUEST_URL',
						tokenVariable: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
						audience: exchangeAudience,
					} as const,
				}
			: {}),
		problems,
		notes,
		disagreements: [],
	};
}

function pipelinesSource(env: Env): DetectedSource | undefined {
	if ((env.TF_BUILD ?? '').toLowerCase() !== 'true') return undefined;
	const problems: string[] = [];
	const notes: string[] = [];
	const identity = first(env, 'servicePrincipalId', 'AZURESUBSCRIPTION_CLIENT_ID', 'ARM_CLIENT_ID');
	const tenant = first(env, 'tenantId', 'AZURESUBSCRIPTION_TENANT_ID', 'ARM_TENANT_ID');
	const subscription = first(env, 'AZURE_SUBSCRIPTION_ID', 'ARM_SUBSCRIPTION_ID');
	const connection = first(
		env,
		'AZURESUBSCRIPTION_SERVICE_CONNECTION_ID',
		'ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID',
		'ARM_OIDC_AZURE_SERVICE_CONNECTION_ID',
	);
	let assertion: AssertionSource | undefined;
	let method: string | undefined;
	if (set(env, 'idToken')) {
		method = 'workload identity federation (idToken, valid 10 minutes)';
		assertion = {kind: 'variable', variable: 'idToken'};
	} else if (set(env, 'servicePrincipalKey')) {
		method = 'client secret (servicePrincipalKey)';
	} else if (set(env, 'SYSTEM_OIDCREQUESTURI') && connection) {
		method = 'workload identity federation';
		if (set(env, 'SYSTEM_ACCESSTOKEN')) {
			assertion = {
				kind: 'azure-pipelines',
				uriVariable: 'SYSTEM_OIDCREQUESTURI',
				tokenVariable: 'SYSTEM_ACCESSTOKEN',
				serviceConnectionId: connection.value,
			};
		} else {
			problems.push(
				"SYSTEM_ACCESSTOKEN is not in the step's environment, so no OIDC token can be requested: map it (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)).",
			);
		}
	}

	if (connection) notes.push(`service connection ${connection.value} (${connection.from})`);
	if (set(env, 'SYSTEM_COLLECTIONURI') || set(env, 'SYSTEM_TEAMPROJECT')) {
		notes.push(`${env.SYSTEM_COLLECTIONURI ?? ''}${env.SYSTEM_TEAMPROJECT ?? ''}`);
	}

	if (!identity && !connection) {
		notes.push(
			'no service connection variables: use AzureCLI@2 with addSpnToEnvironment: true, or set ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID',
		);
	}

	return {
		id: 'azure-pipelines',
		label: 'Azure Pipelines service connection',
		...(method ? {method} : {}),
		...(identity ? {identity} : {}),
		...(tenant ? {tenant} : {}),
		...(subscription ? {subscription} : {}),
		from: ['TF_BUILD', ...(set(env, 'SYSTEM_OIDCREQUESTURI') ? ['SYSTEM_OIDCREQUESTURI'] : [])],
		...(assertion ? {assertion} : {}),
		problems,
		notes,
		disagreements: [],
	};
}

function workloadSource(env: Env, claims: Readonly<Record<string, unknown>> | undefined): DetectedSource | undefined {
	const file = first(env, 'AZURE_FEDERATED_TOKEN_FILE');
	if (!file) return undefined;
	const account = typeof claims?.['sub'] === 'string' ? parseServiceAccountSubject(claims['sub']) : undefined;
	const kubernetes = account !== undefined || set(env, 'KUBERNETES_SERVICE_HOST');
	const problems: string[] = [];
	const notes: string[] = [];
	const identity = first(env, 'AZURE_CLIENT_ID');
	const tenant = first(env, 'AZURE_TENANT_ID');
	if (!identity || !tenant) {
		problems.push(
			`${[identity ? '' : 'AZURE_CLIENT_ID', tenant ? '' : 'AZURE_TENANT_ID'].filter(Boolean).join(' and ')} not set: ${kubernetes ? 'the service account lacks the azure.workload.identity/client-id (or tenant-id) annotation, or the pod the azure.workload.identity/use: "true" label' : 'WorkloadIdentityCredential needs both'}.`,
		);
	}

	if (account) notes.push(`service account ${account.namespace}/${account.name}`);
	if (typeof claims?.['iss'] === 'string') notes.push(`issuer ${claims['iss']}`);
	if (set(env, 'AZURE_AUTHORITY_HOST')) notes.push(`authority ${env.AZURE_AUTHORITY_HOST}`);
	return {
		id: kubernetes ? 'kubernetes' : 'workload-identity',
		label: kubernetes ? 'Kubernetes workload identity (AKS)' : 'Workload identity (AZURE_FEDERATED_TOKEN_FILE)',
		method: 'workload identity federation',
		...(identity ? {identity} : {}),
		...(tenant ? {tenant} : {}),
		...(first(env, 'AZURE_SUBSCRIPTION_ID') ? {subscription: first(env, 'AZURE_SUBSCRIPTION_ID')!} : {}),
		from: [file.from],
		assertion: {kind: 'file', variable: file.from, path: file.value},
		problems,
		notes,
		disagreements: [],
	};
}

function environmentSource(env: Env): DetectedSource | undefined {
	const tenant = first(env, 'AZURE_TENANT_ID');
	const client = first(env, 'AZURE_CLIENT_ID');
	const method = set(env, 'AZURE_CLIENT_SECRET')
		? 'client secret (AZURE_CLIENT_SECRET)'
		: set(env, 'AZURE_CLIENT_CERTIFICATE_PATH')
			? 'certificate (AZURE_CLIENT_CERTIFICATE_PATH)'
			: set(env, 'AZURE_USERNAME') && set(env, 'AZURE_PASSWORD')
				? 'username and password (AZURE_USERNAME)'
				: undefined;
	if (!method) return undefined;
	const identity = method.startsWith('username') ? first(env, 'AZURE_USERNAME') : client;
	const problems =
		tenant && client
			? []
			: [`${tenant ? 'AZURE_CLIENT_ID' : 'AZURE_TENANT_ID'} is not set: EnvironmentCredential is unavailable.`];
	return {
		id: 'environment',
		label: 'AZURE_* variables (EnvironmentCredential)',
		method,
		...(identity ? {identity} : {}),
		...(tenant ? {tenant} : {}),
		...(first(env, 'AZURE_SUBSCRIPTION_ID') ? {subscription: first(env, 'AZURE_SUBSCRIPTION_ID')!} : {}),
		from: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID'].filter(name => set(env, name)),
		problems,
		notes: [],
		disagreements: [],
	};
}

/** The managed identity endpoint the variables name (App Service, Azure Arc, Cloud Shell), in MSAL's order. */
export function managedIdentityEndpoint(env: Env): string | undefined {
	if (set(env, 'IDENTITY_ENDPOINT') && set(env, 'IDENTITY_HEADER')) {
		return set(env, 'IDENTITY_SERVER_THUMBPRINT')
			? 'Service Fabric (IDENTITY_ENDPOINT, IDENTITY_HEADER, IDENTITY_SERVER_THUMBPRINT)'
			: 'App Service (IDENTITY_ENDPOINT and IDENTITY_HEADER)';
	}

	if (set(env, 'IDENTITY_ENDPOINT') && set(env, 'IMDS_ENDPOINT'))
		return 'Azure Arc (IDENTITY_ENDPOINT and IMDS_ENDPOINT)';
	if (set(env, 'MSI_ENDPOINT')) return 'Cloud Shell or Machine Learning (MSI_ENDPOINT)';
	if (set(env, 'AZURE_POD_IDENTITY_AUTHORITY_HOST')) return 'IMDS at AZURE_POD_IDENTITY_AUTHORITY_HOST';
	return undefined;
}

function managedIdentitySource(env: Env): DetectedSource | undefined {
	const endpoint = managedIdentityEndpoint(env);
	if (!endpoint) return undefined;
	const client = first(env, 'AZURE_CLIENT_ID');
	return {
		id: 'managed-identity',
		label: 'Managed identity',
		method: endpoint,
		...(client ? {identity: {value: `user-assigned ${client.value}`, from: client.from}} : {}),
		from: ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'IMDS_ENDPOINT', 'MSI_ENDPOINT'].filter(name => set(env, name)),
		...empty,
	};
}

function azureCliSource(input: SourceInputs['azureCli']): DetectedSource | undefined {
	const current = input?.subscriptions?.find(subscription => subscription.isDefault);
	if (!input || !current) return undefined;
	const file = `${input.directory.replace(/\/+$/, '')}/azureProfile.json`;
	return {
		id: 'azure-cli',
		label: 'Azure CLI',
		method: current.userType === 'servicePrincipal' ? 'service principal' : current.userType || 'user',
		identity: {value: current.userName, from: file},
		tenant: {value: current.tenantId, from: file},
		subscription: {value: current.id, from: file},
		from: [file],
		...empty,
	};
}

function localSource(
	id: SourceId,
	label: string,
	signIn: LocalSignIn | undefined,
	path: string,
): DetectedSource | undefined {
	if (!signIn) return undefined;
	return {
		id,
		label,
		...(signIn.accountType ? {method: signIn.accountType} : {}),
		...(signIn.account ? {identity: {value: signIn.account, from: path}} : {}),
		...(signIn.tenantId ? {tenant: {value: signIn.tenantId, from: path}} : {}),
		...(signIn.subscriptionId ? {subscription: {value: signIn.subscriptionId, from: path}} : {}),
		from: [path],
		problems: [],
		notes: [signIn.environment ? `environment ${signIn.environment}` : '', signIn.note ?? ''].filter(Boolean),
		disagreements: [],
	};
}

/** Every source found, the ones a pipeline or workload uses first, the developer tools' sign-ins after. */
export function detectSources(input: SourceInputs): DetectedSource[] {
	const {env, stores = {}} = input;
	const cli = azureCliSource(input.azureCli);
	const azd = stores['azd-config'] ?? stores['azd-auth'];
	const visualStudio = stores['visual-studio'];
	const visualStudioProviders = visualStudio ? parseVisualStudioTokenProviders(visualStudio.text) : undefined;
	const cache = input.identityCache;
	const sources = [
		githubSource(env),
		pipelinesSource(env),
		terraformSource(env, cli),
		workloadSource(env, input.federatedToken),
		environmentSource(env),
		managedIdentitySource(env),
		cli,
		stores['azure-powershell']
			? localSource(
					'azure-powershell',
					'Azure PowerShell (Az.Accounts)',
					parseAzurePowerShellContext(stores['azure-powershell'].text),
					stores['azure-powershell'].path,
				)
			: undefined,
		azd
			? localSource(
					'azd',
					'Azure Developer CLI (azd)',
					parseAzd(stores['azd-config']?.text, stores['azd-auth']?.text),
					[stores['azd-config']?.path, stores['azd-auth']?.path].filter(Boolean).join(', '),
				)
			: undefined,
		stores['vscode-auth-record']
			? localSource(
					'vscode',
					'VS Code Azure account',
					parseVsCodeAuthRecord(stores['vscode-auth-record'].text),
					stores['vscode-auth-record'].path,
				)
			: undefined,
		visualStudio && visualStudioProviders
			? {
					id: 'visual-studio' as const,
					label: 'Visual Studio',
					method: `${visualStudioProviders.providers} token provider${visualStudioProviders.providers === 1 ? '' : 's'} (the account lives in Visual Studio, not in a file)`,
					from: [visualStudio.path],
					...empty,
				}
			: undefined,
		cache && cache.accounts.length > 0
			? {
					id: 'shared-token-cache' as const,
					label: "@azure/identity's shared token cache",
					identity: {value: cache.accounts.join(', '), from: cache.path},
					...(cache.tenants.length === 1 ? {tenant: {value: cache.tenants[0]!, from: cache.path}} : {}),
					from: [cache.path],
					problems: [],
					notes: cache.tenants.length > 1 ? [`tenants ${cache.tenants.join(', ')}`] : [],
					disagreements: [],
				}
			: undefined,
	];
	return sources.filter((source): source is DetectedSource => source !== undefined);
}

const short = (id: string) => (/^[\da-f]{8}-/i.test(id) ? `${id.slice(0, 8)}…` : id);

/** One line of facts: `GitHub Actions OIDC (azure/login): app aaaaaaaa…, tenant 11111111…, subscription 33333333… (from AZURE_CLIENT_ID, …)`. */
export function describeSource(source: DetectedSource, options: {readonly full?: boolean} = {}): string {
	const show = (value: string) => (options.full ? value : short(value));
	const parts = [
		source.identity ? `identity ${show(source.identity.value)}` : 'identity unknown',
		source.tenant ? `tenant ${show(source.tenant.value)}` : 'tenant unknown',
		...(source.subscription ? [`subscription ${show(source.subscription.value)}`] : []),
		...(source.method ? [source.method] : []),
	];
	const from = [
		...new Set(
			[source.identity?.from, source.tenant?.from, source.subscription?.from, ...source.from].filter(
				(item): item is string => item !== undefined,
			),
		),
	];
	const notes = source.notes.length > 0 ? `; ${source.notes.join('; ')}` : '';
	return `${source.label}: ${parts.join(', ')} (from ${from.join(', ')})${notes}`;
}

/**
What each credential class of a chain would find here, from the sources: the tenant it would get
tokens from and whether it can sign in at all. Differences between SDKs are kept where they matter
(Python's username/password needs no tenant, Visual Studio is .NET's, VS Code needs the broker).
*/
export function chainAvailability(
	input: SourceInputs,
	sources: readonly DetectedSource[],
): (kind: ChainCredential | undefined, name: string, sdk?: Sdk) => Availability {
	const {env} = input;
	const byId = (id: SourceId) => sources.find(source => source.id === id);
	const from = (source: DetectedSource | undefined, reason: string): Availability => ({
		available: 'yes',
		reason,
		...(source?.tenant ? {tenantId: source.tenant.value} : {}),
		...(source?.identity ? {identity: source.identity.value} : {}),
	});
	const no = (reason: string): Availability => ({available: 'no', reason});
	return (kind, _name, sdk) => {
		switch (kind) {
			case 'environment': {
				const source = byId('environment');
				const userPassword = source?.method?.startsWith('username');
				const tenantOptional = userPassword && sdk === 'python';
				if (source && (source.problems.length === 0 || (tenantOptional && set(env, 'AZURE_CLIENT_ID')))) {
					return from(source, source.method ?? 'AZURE_* variables');
				}

				return no(
					source?.problems[0] ??
						'no AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_USERNAME/AZURE_PASSWORD',
				);
			}

			case 'workload-identity': {
				const source = byId('kubernetes') ?? byId('workload-identity');
				if (source && source.problems.length === 0)
					return from(
						source,
						`AZURE_FEDERATED_TOKEN_FILE (${source.assertion?.kind === 'file' ? source.assertion.path : ''})`,
					);
				return no(source?.problems[0] ?? 'AZURE_FEDERATED_TOKEN_FILE not set');
			}

			case 'managed-identity': {
				const source = byId('managed-identity');
				if (source) return from(source, source.method ?? 'managed identity endpoint');
				return {
					available: 'maybe',
					reason: 'only the Azure VM metadata service (IMDS) could answer: on an Azure VM with an identity it would',
				};
			}

			case 'azure-cli': {
				const source = byId('azure-cli');
				return source
					? from(source, 'az is signed in')
					: no('az is not signed in (no default subscription in azureProfile.json)');
			}

			case 'azure-powershell': {
				const source = byId('azure-powershell');
				return source ? from(source, 'Connect-AzAccount context') : no('no Azure PowerShell context');
			}

			case 'azure-developer-cli': {
				const source = byId('azd');
				if (source?.notes.some(note => note.includes('useAzCliAuth'))) {
					const cli = byId('azure-cli');
					return cli
						? from(cli, 'azd delegates to the Azure CLI')
						: no('azd delegates to the Azure CLI, which is not signed in');
				}

				return source?.identity ? from(source, 'azd auth login') : no('azd is not signed in');
			}

			case 'visual-studio-code': {
				const source = byId('vscode');
				if (!source) return no('no VS Code Azure sign-in record');
				return {
					available: 'maybe',
					reason: 'VS Code has a sign-in; the SDK uses it only with its broker package installed',
					...(source.tenant ? {tenantId: source.tenant.value} : {}),
					...(source.identity ? {identity: source.identity.value} : {}),
				};
			}

			case 'visual-studio': {
				const source = byId('visual-studio');
				return source
					? {available: 'maybe', reason: 'Visual Studio token providers are installed'}
					: no('no Visual Studio token provider');
			}

			case 'shared-token-cache': {
				const source = byId('shared-token-cache');
				if (!source) return no("no account in @azure/identity's shared cache");
				return {
					available: source.identity?.value.includes(',') ? 'maybe' : 'yes',
					reason: 'an account in the shared token cache',
					...(source.tenant ? {tenantId: source.tenant.value} : {}),
				};
			}

			case 'intellij':
				return {available: 'maybe', reason: "authfix does not read IntelliJ's Azure Toolkit sign-in"};
			case 'broker':
				return no('needs the broker package and an interactive desktop session');
			case 'interactive-browser':
				return no('interactive: not part of an unattended run');
			default:
				return no('unknown credential');
		}
	};
}
