/**
A scenario is data: the directory, subscriptions and permissions of a small cloud. The sandbox's
Entra and ARM rules are the same for every scenario; a failure comes from what the data holds.
*/

export type TenantDefinition = {
	readonly id: string;
	readonly displayName: string;
	readonly defaultDomain: string;
	/** Seconds the tenant's token service clock is off by (negative: behind). Tokens carry its times. */
	readonly clockOffsetSeconds?: number;
	/** `admin-only`: users may not consent; a sign-in to an app without admin consent fails (AADSTS50000). */
	readonly userConsent?: 'allowed' | 'admin-only';
};

export type ResourceDefinition = {
	/** ARM resource id below the resource group, e.g. `providers/Microsoft.Storage/storageAccounts/stdata`. */
	readonly path: string;
	readonly type: string;
	readonly location: string;
	/** Scopes in other subscriptions this resource links to: reading it needs an auxiliary token per tenant. */
	readonly linkedScopes?: readonly string[];
	readonly properties?: Readonly<Record<string, unknown>>;
	/** POST actions it answers (`listKeys`), with the body of the answer. */
	readonly actions?: Readonly<Record<string, unknown>>;
};

export type SubscriptionDefinition = {
	readonly id: string;
	readonly displayName: string;
	/** The home tenant (ARM's `tenantId`). */
	readonly tenantId: string;
	/** Tenants that manage it (Lighthouse); ARM accepts their tokens too. */
	readonly managedByTenants?: readonly string[];
	readonly resourceGroups: ReadonlyArray<{
		readonly name: string;
		readonly location: string;
		readonly resources?: readonly ResourceDefinition[];
	}>;
};

export type SecretDefinition = {
	readonly id: string;
	readonly value: string;
	/** Seconds from sandbox start; negative: already expired (AADSTS7000222). */
	readonly expiresInSeconds?: number;
};

export type FederatedCredentialDefinition = {
	readonly name: string;
	/**
	`{authorityHost}` stands for the sandbox's own authority host; `{githubIssuer}`,
	`{azurePipelinesIssuer}` (then `/<organization id>`) and `{aksIssuer}` (then `/<tenant>/<cluster>/`)
	for its workload issuers (workload-issuers.ts).
	*/
	readonly issuer: string;
	readonly subject: string;
	readonly audiences: readonly string[];
};

export type AppDefinition = {
	/** A short name for people and for fix operations. */
	readonly name: string;
	readonly appId: string;
	readonly displayName: string;
	readonly homeTenantId: string;
	readonly multiTenant?: boolean;
	/** A public client (device code, ROPC without a secret). */
	readonly publicClient?: boolean;
	readonly secrets?: readonly SecretDefinition[];
	/** A symmetric key for client assertions signed HS256 (client_secret_jwt). */
	readonly assertionSigningKey?: string;
	/** A certificate credential (private_key_jwt): the sandbox makes its key and certificate in the state folder. */
	readonly certificateCredential?: boolean;
	readonly federatedCredentials?: readonly FederatedCredentialDefinition[];
	/** App ID URIs that name this app as a resource (e.g. `api://…`). */
	readonly identifierUris?: readonly string[];
	/** Delegated scopes this app exposes as an API. */
	readonly exposedScopes?: readonly string[];
	/** The access-token version this app wants as a resource (Entra's accessTokenAcceptedVersion). */
	readonly accessTokenVersion?: 1 | 2;
};

export type ServicePrincipalDefinition = {
	readonly appId: string;
	readonly tenantId: string;
	readonly objectId: string;
};

export type ManagedIdentityDefinition = {
	readonly name: string;
	readonly kind: 'system-assigned' | 'user-assigned';
	readonly tenantId: string;
	readonly clientId: string;
	readonly objectId: string;
	/** The ARM id of the identity (user-assigned) or of the resource it belongs to (system-assigned). */
	readonly resourceId: string;
};

export type UserDefinition = {
	readonly userPrincipalName: string;
	readonly displayName: string;
	readonly objectId: string;
	readonly tenantId: string;
	readonly password: string;
	/** `sync-error`: the on-premises password hash never synced; sign-in fails with AADSTS50000. */
	readonly passwordState?: 'ok' | 'sync-error';
};

export type RoleAssignmentDefinition = {
	/** The object id of a service principal, managed identity, user or group. */
	readonly principalId: string;
	/** A built-in role's name (source/knowledge/rbac holds their definitions). */
	readonly role: string;
	readonly scope: string;
	/** Seconds before the sandbox started that it was made (default: a day). */
	readonly createdSecondsAgo?: number;
	/** An ABAC condition (version 2.0): the sandbox holds none of them to be met. */
	readonly condition?: string;
};

/** A security group of a tenant; a member joined this many seconds before the sandbox started (default: a day). */
export type GroupDefinition = {
	readonly id: string;
	readonly displayName: string;
	readonly tenantId: string;
	readonly members: ReadonlyArray<{readonly objectId: string; readonly addedSecondsAgo?: number}>;
};

/** A deny assignment, as Azure makes them for deployment stacks and managed applications. */
export type DenyAssignmentDefinition = {
	/** Its GUID. */
	readonly id: string;
	readonly name: string;
	readonly description?: string;
	readonly scope: string;
	readonly actions: readonly string[];
	readonly notActions?: readonly string[];
	readonly dataActions?: readonly string[];
	readonly notDataActions?: readonly string[];
	/** `00000000-0000-0000-0000-000000000000` (type SystemDefined) is everyone. */
	readonly principals: ReadonlyArray<{readonly id: string; readonly type: string}>;
	readonly excludePrincipals?: ReadonlyArray<{readonly id: string; readonly type: string}>;
	readonly doNotApplyToChildScopes?: boolean;
	readonly isSystemProtected?: boolean;
};

/** A PIM eligibility: the principal may activate the role at the scope, and holds nothing until it does. */
export type EligibleAssignmentDefinition = {
	readonly principalId: string;
	readonly role: string;
	readonly scope: string;
};

export type ConsentGrantDefinition = {
	readonly clientAppId: string;
	readonly tenantId: string;
	/** `admin`: for all users; `user`: for one user (objectId). */
	readonly consentType: 'admin' | 'user';
	readonly principalId?: string;
};

/**
Where a workload runs and gets its federated token: a GitHub Actions job, an Azure Pipelines job with
a service connection, a Kubernetes pod. Its token comes from the sandbox's issuer of that kind.
*/
export type WorkloadDefinition =
	| {
			readonly kind: 'github-actions';
			readonly name: string;
			/** `owner/repo`. */
			readonly repository: string;
			readonly repositoryId: string;
			readonly repositoryOwnerId: string;
			/** `refs/heads/main`, `refs/tags/v1`. */
			readonly ref: string;
			/** The environment the job references: GitHub then puts it in the subject. */
			readonly environment?: string;
			readonly eventName?: string;
			readonly workflow?: string;
			readonly workflowFile?: string;
			readonly sha?: string;
			/** GitHub's immutable subjects: `repo:OWNER@ID/REPO@ID:…` (repositories created after July 15, 2026). */
			readonly idBasedSubject?: boolean;
	  }
	| {
			readonly kind: 'azure-pipelines';
			readonly name: string;
			readonly organization: string;
			readonly organizationId: string;
			readonly project: string;
			readonly projectId: string;
			readonly serviceConnection: {readonly id: string; readonly name: string};
	  }
	| {
			readonly kind: 'kubernetes';
			readonly name: string;
			/** The tenant and cluster ids of the AKS issuer URL. */
			readonly tenantId: string;
			readonly clusterId: string;
			readonly namespace: string;
			readonly serviceAccount: string;
	  };

/** How a client reproduces the failure, and repeats it after the fix. */
export type ReplayDefinition = {
	/**
	Who signs in: an app name (client credentials), a user principal name (password), a managed
	identity name, or a workload (its token is exchanged for `exchangeFor`'s).
	*/
	readonly identity: string;
	/** The tenant the token is asked from. */
	readonly tenantId: string;
	/** The resource the token is for (`/.default` is appended for v2). */
	readonly resource: string;
	/** Tenants to get auxiliary tokens from (`x-ms-authorization-auxiliary`). */
	readonly auxiliaryTenants?: readonly string[];
	/** A user's sign-in goes through this public client app. */
	readonly clientApp?: string;
	/** A managed identity's or a workload's token is exchanged (federated credential) for this app's token. */
	readonly exchangeFor?: string;
	/**
	The tool that makes the call, when it is not a plain SDK client: Terraform reads ARM_* (its tenant
	is `tenantId`), and `env` holds what else its environment sets (the AZURE_* it ignores).
	*/
	readonly client?: {readonly tool: 'terraform'; readonly env?: Readonly<Record<string, string>>};
	/** GET a resource, or POST one of its actions (`…/listKeys`). */
	readonly method: 'GET' | 'POST';
	/** ARM path with query, e.g. `/subscriptions/…?api-version=2022-12-01`. */
	readonly path: string;
	/**
	The client sends a token it got this many seconds ago instead of a fresh one (a cached token: it
	carries the group memberships of that moment).
	*/
	readonly heldToken?: {readonly issuedSecondsAgo: number};
	/** What the failing replay gets: an ARM error code or an AADSTS code ('' when it succeeds). */
	readonly expectedError: string;
};

/** One explicit, logged change to the sandbox's directory or permissions. */
export type FixOperation =
	| {
			readonly op: 'assign-role';
			readonly principalId: string;
			/** A built-in role's name. */
			readonly role: string;
			readonly scope: string;
	  }
	/** The principal activates its PIM-eligible role at the scope: an active assignment from now on. */
	| {readonly op: 'activate-eligible-role'; readonly principalId: string; readonly role: string; readonly scope: string}
	/** What made the deny assignment (a deployment stack's deny settings) excludes the principal from it. */
	| {readonly op: 'exclude-from-deny-assignment'; readonly denyAssignmentId: string; readonly principalId: string}
	/** An object joins a security group now (tokens issued before do not carry it). */
	| {readonly op: 'add-group-member'; readonly groupId: string; readonly objectId: string}
	| {
			readonly op: 'grant-admin-consent';
			readonly clientAppId: string;
			readonly tenantId: string;
			/** The object id of the service principal consent creates in that tenant (when it has none). */
			readonly servicePrincipalObjectId?: string;
	  }
	| {readonly op: 'add-federated-credential'; readonly app: string; readonly credential: FederatedCredentialDefinition}
	| {readonly op: 'add-client-secret'; readonly app: string; readonly secret: SecretDefinition}
	| {readonly op: 'clear-clock-offset'; readonly tenantId: string}
	| {readonly op: 'reset-user-password'; readonly userPrincipalName: string; readonly password?: string}
	| {readonly op: 'approve-device-code'; readonly userCode: string; readonly userPrincipalName: string};

export type FixOperationName = FixOperation['op'];

export const fixOperationNames: readonly FixOperationName[] = [
	'assign-role',
	'activate-eligible-role',
	'exclude-from-deny-assignment',
	'add-group-member',
	'grant-admin-consent',
	'add-federated-credential',
	'add-client-secret',
	'clear-clock-offset',
	'reset-user-password',
	'approve-device-code',
];

/** A seeded Azure CLI profile: what `az` believes before anyone signs in again. */
export type AzureCliSeed = {
	readonly servicePrincipal: string;
	readonly secret: string;
	readonly subscriptions: ReadonlyArray<{readonly id: string; readonly tenantId: string; readonly isDefault?: boolean}>;
};

export type Scenario = {
	readonly name: string;
	/** One line for `authfix sandbox --scenario list`. */
	readonly description: string;
	readonly tenants: readonly TenantDefinition[];
	readonly subscriptions: readonly SubscriptionDefinition[];
	readonly apps: readonly AppDefinition[];
	readonly servicePrincipals: readonly ServicePrincipalDefinition[];
	readonly managedIdentities?: readonly ManagedIdentityDefinition[];
	readonly workloads?: readonly WorkloadDefinition[];
	readonly users?: readonly UserDefinition[];
	readonly roleAssignments: readonly RoleAssignmentDefinition[];
	readonly groups?: readonly GroupDefinition[];
	readonly denyAssignments?: readonly DenyAssignmentDefinition[];
	readonly eligibleAssignments?: readonly EligibleAssignmentDefinition[];
	readonly consentGrants?: readonly ConsentGrantDefinition[];
	/** Device code sign-ins by this user are approved at once. */
	readonly deviceCodeAutoApprove?: string;
	readonly azureCli?: AzureCliSeed;
	readonly replay: ReplayDefinition;
	/** What leads to a state where the replay succeeds: sandbox operations, then client-side changes. */
	readonly fix: {
		readonly operations: readonly FixOperation[];
		/** Client-side changes to the replay (another tenant, resource, identity). */
		readonly replay?: Partial<Omit<ReplayDefinition, 'expectedError'>>;
		/** One sentence: what the fix is. */
		readonly summary: string;
	};
};
