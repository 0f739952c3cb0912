/**
The capabilities checks need from the outside world, each a small interface, types only. Concrete
adapters (az, files, @azure/identity, fetch) implement them in `source/adapters/`;
`adapters/create-services.ts` builds the one `Services` object; tests pass in-memory ones. Checks
import only `source/ports/`: these types, AdapterError and AccessToken.
*/
import type {Cloud} from '../cloud/cloud.ts';
import type {StoreTexts} from '../credentials/local-stores.ts';
import type {DenyAssignment, RoleAssignment} from '../knowledge/rbac/access.ts';
import type {RoleDefinition} from '../knowledge/rbac/roles.ts';
import type {AccessToken} from './access-token.ts';

/** Time is an input: epoch milliseconds. */
export type Clock = {now(): number};

/** Per-call options every external call accepts. */
export type CallOptions = {readonly signal?: AbortSignal};

/** A token and where it came from. */
export type TokenResult = {
	readonly token: AccessToken;
	/** Epoch ms, as the issuer of the token said (az's expiresOn, identity's expiresOnTimestamp). */
	readonly expiresOn: number | undefined;
	/** The tenant the client asked for or reported (az prints it). */
	readonly tenantId: string | undefined;
	/** Which credential produced it: `AzureCliCredential`, `EnvironmentCredential`, … */
	readonly source: string;
};

/** The Azure CLI's current account (`az account show`), as stored in azureProfile.json. */
export type AzAccount = {
	readonly subscriptionId: string;
	readonly subscriptionName: string;
	readonly tenantId: string;
	readonly homeTenantId: string | undefined;
	readonly environmentName: string;
	readonly userName: string;
	readonly userType: string;
	readonly state: string;
	readonly managedByTenants: readonly string[];
};

/** The Azure CLI as a program: every call bounded in time, cancellable, no shell. */
export type AzureCli = {
	/** `az account show`; throws AdapterError `not-installed`, `not-signed-in`, `timeout`, `garbage`, `failed`. */
	accountShow(options?: CallOptions): Promise<AzAccount>;
	/** `az account get-access-token --resource R [--tenant T | --subscription S]`. */
	getAccessToken(
		request: {readonly resource: string; readonly tenantId?: string; readonly subscriptionId?: string},
		options?: CallOptions,
	): Promise<TokenResult>;
	/** `az cloud show`: the active cloud's name and endpoints. */
	cloudShow(options?: CallOptions): Promise<{readonly name: string; readonly resourceManager: string}>;
};

/** One subscription entry of azureProfile.json, trimmed to what diagnosis needs. */
export type ProfileSubscription = {
	readonly id: string;
	readonly name: string;
	readonly tenantId: string;
	readonly homeTenantId: string | undefined;
	readonly environmentName: string;
	readonly isDefault: boolean;
	readonly userName: string;
	readonly userType: string;
};

/** What an MSAL token cache (MSAL Python's or msal-node's unified layout) holds tokens for. Never the secrets. */
export type MsalCacheSummary = {
	readonly accounts: ReadonlyArray<{
		readonly homeAccountId: string;
		readonly username: string;
		readonly realm: string;
		readonly environment: string;
	}>;
	readonly accessTokens: ReadonlyArray<{
		readonly clientId: string;
		readonly realm: string;
		readonly environment: string;
		readonly target: string;
		/** Epoch ms. */
		readonly expiresOn: number | undefined;
		readonly homeAccountId: string;
	}>;
	readonly refreshTokens: number;
};

/** The Azure CLI's files under AZURE_CONFIG_DIR (read-only here). */
export type AzureCliFiles = {
	readonly directory: string;
	/** undefined when the file does not exist; throws AdapterError `garbage` when it cannot be parsed. */
	readProfile(): Promise<readonly ProfileSubscription[] | undefined>;
	readMsalCache(): Promise<MsalCacheSummary | undefined>;
	/** client id and tenant of each service principal entry; secrets are never read out. */
	readServicePrincipals(): Promise<
		ReadonlyArray<{readonly clientId: string; readonly tenant: string; readonly kind: string}> | undefined
	>;
	/** The active cloud name from `config`, if set. */
	readActiveCloudName(): Promise<string | undefined>;
	/** `clouds.config` as text (clouds made by `az cloud register`), undefined when absent. */
	readCloudsConfig(): Promise<string | undefined>;
};

export type CredentialKind = 'cli' | 'env' | 'managed-identity' | 'workload-identity' | 'default';
export const credentialKinds: readonly CredentialKind[] = [
	'cli',
	'env',
	'managed-identity',
	'workload-identity',
	'default',
];

/** Whether a credential can be used here, and why (from the environment, without a network call). */
export type CredentialAvailability = {
	readonly kind: Exclude<CredentialKind, 'default'>;
	/** The @azure/identity class name. */
	readonly name: string;
	readonly available: boolean;
	readonly reason: string;
	/** Some of its variables are set but not enough to use it (a half-configured EnvironmentCredential). */
	readonly partial?: boolean;
};

/** Credentials through @azure/identity. */
export type Credentials = {
	/** Which credentials the environment configures, in DefaultAzureCredential's order. */
	availability(): readonly CredentialAvailability[];
	/** A token for `scope` (…/.default) from the given credential; throws AdapterError with a clear code. */
	getToken(
		kind: CredentialKind,
		request: {readonly scope: string; readonly tenantId?: string},
		options?: CallOptions,
	): Promise<TokenResult>;
};

/** An HTTP exchange, reduced to what diagnosis and replay need. Bodies are bounded. */
export type HttpResult = {
	readonly status: number;
	readonly headers: Readonly<Record<string, string>>;
	readonly body: string;
};

/** A subscription as ARM describes it. */
export type ArmSubscription = {
	readonly subscriptionId: string;
	readonly tenantId: string;
	readonly displayName: string;
	readonly state: string;
	readonly managedByTenants: readonly string[];
};

/** A tenant as ARM's /tenants lists it. */
export type ArmTenant = {readonly tenantId: string; readonly displayName: string; readonly domains: readonly string[]};

/** A PIM eligibility (roleEligibilityScheduleInstances): a role the principal may activate, and holds nothing of until then. */
export type RoleEligibility = {
	readonly id: string;
	readonly roleDefinitionId: string;
	/** The role's name as PIM shows it (expandedProperties), when ARM gives it. */
	readonly roleName: string | undefined;
	readonly principalId: string;
	readonly principalType: string;
	readonly scope: string;
	readonly status: string;
	readonly endDateTime: string | undefined;
};

/** HTTP to ARM, Graph and issuers of the chosen cloud. */
export type Http = {
	/**
	Sends one request. Refuses (AdapterError `refused`) any non-https URL; throws `timeout`, `tls`,
	`refused` (connection refused), `failed` for transport failures. Any HTTP status resolves.
	*/
	send(
		request: {
			readonly method: string;
			readonly url: string;
			readonly headers?: Readonly<Record<string, string>>;
			readonly body?: string;
		},
		options?: CallOptions,
	): Promise<HttpResult>;
	/** The authenticated subscription read through the ARM SubscriptionClient (with managedByTenants). */
	getSubscription(subscriptionId: string, token: AccessToken, options?: CallOptions): Promise<ArmSubscription>;
	/** Every subscription the token's identity sees (ARM's SubscriptionClient). */
	listSubscriptions(token: AccessToken, options?: CallOptions): Promise<readonly ArmSubscription[]>;
	/** Every tenant the token's identity belongs to, with its display name. */
	listTenants(token: AccessToken, options?: CallOptions): Promise<readonly ArmTenant[]>;
	/**
	Verifies a JWT's signature against its issuer's JWKS (OIDC discovery on the issuer), only when the
	issuer is this cloud's authority. Never throws: `verified: null` when it was not checked, with
	`unreachable` when the issuer's metadata or keys could not be read (token/verify.ts).
	*/
	verifySignature(
		token: AccessToken,
		options?: CallOptions,
	): Promise<{readonly verified: boolean | null; readonly reason: string; readonly unreachable?: true}>;
	/**
	Azure RBAC as ARM lists it for `scope` (`/subscriptions/…[/resourceGroups/…[/providers/…]]`),
	following nextLink on ARM's own host only. A refusal is AdapterError `http` with ARM's status and
	error code (`detail`): reading role and deny assignments needs read access at the scope.
	`filter` is ARM's `$filter` (`atScope() and assignedTo('{objectId}')`).
	*/
	listRoleAssignments(
		scope: string,
		token: AccessToken,
		filter: string | undefined,
		options?: CallOptions,
	): Promise<readonly RoleAssignment[]>;
	/** One role definition by its id (either form), with its permissions. */
	getRoleDefinition(roleDefinitionId: string, token: AccessToken, options?: CallOptions): Promise<RoleDefinition>;
	listDenyAssignments(
		scope: string,
		token: AccessToken,
		filter: string | undefined,
		options?: CallOptions,
	): Promise<readonly DenyAssignment[]>;
	/** The caller's own PIM eligibilities at, above and below `scope` (`$filter=asTarget()`): no read access needed. */
	listRoleEligibilities(scope: string, token: AccessToken, options?: CallOptions): Promise<readonly RoleEligibility[]>;
};

/** A token cache or state file authfix knows about. */
export type CacheFile = {
	readonly path: string;
	readonly owner: 'azure-cli' | 'azure-identity' | 'authfix';
	readonly what: string;
	readonly bytes: number;
	/** Tenants it holds tokens or accounts for (when readable). */
	readonly tenants: readonly string[];
	readonly accounts: readonly string[];
};

export type CacheBackup = {
	readonly name: string;
	readonly directory: string;
	readonly createdAt: string;
	readonly files: readonly string[];
	/** What it takes on disk (it holds tokens: 0600 files in 0700 folders). */
	readonly bytes: number;
};

/** A backup folder without its manifest: a purge cut short while writing it (or writing it right now). */
export type IncompleteBackup = {
	readonly name: string;
	readonly directory: string;
	readonly bytes: number;
};

/** The backups folder: where it is, what it takes, its complete backups (oldest first) and any cut short. */
export type CacheBackups = {
	readonly directory: string;
	readonly bytes: number;
	readonly backups: readonly CacheBackup[];
	readonly incomplete: readonly IncompleteBackup[];
};

/**
A partial copy of a cache that an interrupted authfix write left beside it (`<file>.authfix-XXXXXX`,
the temporary name of a write before its rename). It holds tokens; its contents are never shown.
*/
export type CacheLeftover = {
	readonly path: string;
	/** The cache it is a copy of. */
	readonly of: string;
	readonly bytes: number;
};

export type PurgePlan = {
	readonly tenant: string | undefined;
	/** Files removed whole. */
	readonly remove: readonly string[];
	/** Files rewritten without the tenant's entries. */
	readonly rewrite: ReadonlyArray<{readonly path: string; readonly removedEntries: number}>;
	/** Partial copies left by an interrupted write, removed without a backup (the cache itself holds all of it). */
	readonly leftovers: readonly string[];
};

/** Token caches on disk: list, purge with backup, restore, prune old backups. */
export type TokenCaches = {
	list(): Promise<readonly CacheFile[]>;
	leftovers(): Promise<readonly CacheLeftover[]>;
	plan(tenant: string | undefined): Promise<PurgePlan>;
	/** Backs up (fully, fsync'd) everything the plan touches, then applies it and removes the plan's leftovers. */
	purge(
		plan: PurgePlan,
		hooks?: {readonly afterStep?: (step: string) => Promise<void>},
	): Promise<CacheBackup | undefined>;
	backups(): Promise<CacheBackups>;
	/**
	Removes all but the newest `keep` (at least 1) complete backups, never `protect`, and backups cut
	short more than an hour ago; a dry run only says which.
	*/
	prune(
		keep: number,
		options?: {readonly protect?: string; readonly dryRun?: boolean},
	): Promise<ReadonlyArray<CacheBackup | IncompleteBackup>>;
	/** Brings a backup's files back byte for byte (checked whole before anything is written) and removes leftovers; idempotent. */
	restore(name: string | undefined): Promise<{readonly backup: CacheBackup; readonly leftovers: readonly string[]}>;
};

/** Reads small local files a check needs (a federated token file). */
export type LocalFiles = {
	/** undefined when the file does not exist; throws AdapterError `failed` otherwise. */
	readText(path: string, maxBytes: number): Promise<string | undefined>;
};

/**
The job's OIDC token, asked from the CI system the job runs in, as its own tools ask for it. Throws
AdapterError (`http` with the status, `garbage` when the answer holds no token, `timeout`…).
*/
export type JobTokens = {
	/** GitHub Actions: GET `url&audience=…` with `Authorization: Bearer requestToken` → `{"value"}`. */
	github(
		request: {readonly url: string; readonly requestToken: string; readonly audience: string},
		options?: CallOptions,
	): Promise<AccessToken>;
	/** Azure Pipelines: POST `uri?api-version=7.1&serviceConnectionId=…` with the job's access token → `{"oidcToken"}`. */
	azurePipelines(
		request: {readonly uri: string; readonly accessToken: string; readonly serviceConnectionId: string},
		options?: CallOptions,
	): Promise<AccessToken>;
};

/** The developer tools' sign-in files (Azure PowerShell, azd, VS Code, Visual Studio), read-only and bounded. */
export type CredentialStores = {
	/** The text of each file that exists; a file that cannot be read is left out. */
	read(): Promise<StoreTexts>;
};

/** Every port, injected as one object. */
export type Services = {
	readonly cloud: Cloud;
	readonly azureCli: AzureCli;
	readonly azureCliFiles: AzureCliFiles;
	readonly credentials: Credentials;
	readonly http: Http;
	readonly caches: TokenCaches;
	readonly files: LocalFiles;
	readonly jobTokens: JobTokens;
	readonly stores: CredentialStores;
	readonly clock: Clock;
	/** Environment variables the checks interpret (credential configuration); read-only. */
	readonly env: Readonly<Record<string, string | undefined>>;
	/** Milliseconds that bound one external call. */
	readonly timeoutMs: number;
};
