import type {ClientCertificate} from './certificates.ts';
import type {
	AppDefinition,
	ConsentGrantDefinition,
	FederatedCredentialDefinition,
	FixOperation,
	FixOperationName,
	ManagedIdentityDefinition,
	RoleAssignmentDefinition,
	Scenario,
	SecretDefinition,
	ServicePrincipalDefinition,
	SubscriptionDefinition,
	TenantDefinition,
	UserDefinition,
} from './scenario.ts';

type Mutable<T> = {-readonly [K in keyof T]: T[K]};

export type Tenant = Mutable<TenantDefinition>;
export type App = Omit<AppDefinition, 'secrets' | 'federatedCredentials'> & {
	secrets: Array<SecretDefinition & {readonly expiresAt?: number}>;
	federatedCredentials: FederatedCredentialDefinition[];
	/** Set at start for apps with `certificateCredential`. */
	certificate?: ClientCertificate;
};
export type User = Mutable<UserDefinition>;

export type DeviceCodeGrant = {
	readonly deviceCode: string;
	readonly userCode: string;
	readonly clientId: string;
	readonly tenantId: string;
	readonly scope: string;
	readonly expiresAt: number;
	approvedBy?: string;
};

export type RefreshGrant = {
	readonly clientId: string;
	readonly tenantId: string;
	readonly userObjectId: string;
	readonly scope: string;
};

export type OperationLogEntry = {readonly at: string; readonly operation: FixOperation; readonly result: string};

/** Thrown when an operation cannot apply (unknown app, bad scope…): a usage problem of the caller. */
export class OperationError extends Error {
	override readonly name = 'OperationError';
}

/**
The sandbox's directory and permissions at this moment: the scenario's data, changed only by
explicit operations. Entra, ARM and Graph read it; nothing in here knows scenario names.
*/
export class World {
	readonly scenario: Scenario;
	readonly tenants: Tenant[];
	readonly subscriptions: readonly SubscriptionDefinition[];
	readonly apps: App[];
	readonly servicePrincipals: ServicePrincipalDefinition[];
	readonly managedIdentities: readonly ManagedIdentityDefinition[];
	readonly users: User[];
	readonly roleAssignments: RoleAssignmentDefinition[];
	readonly consentGrants: ConsentGrantDefinition[];
	readonly deviceCodes = new Map<string, DeviceCodeGrant>();
	readonly refreshTokens = new Map<string, RefreshGrant>();
	readonly operations: OperationLogEntry[] = [];
	readonly #now: () => number;

	/** `issuers`: more issuer placeholders (`{githubIssuer}`…) and the URLs they stand for. */
	constructor(
		scenario: Scenario,
		authorityHost: string,
		now: () => number,
		issuers: Readonly<Record<string, string>> = {},
	) {
		this.scenario = scenario;
		this.#now = now;
		const started = now();
		const placeholders = {'{authorityHost}': authorityHost, ...issuers};
		const expand = (credential: FederatedCredentialDefinition) => ({
			...credential,
			issuer: Object.entries(placeholders).reduce(
				(issuer, [name, url]) => issuer.replaceAll(name, url),
				credential.issuer,
			),
		});
		this.tenants = scenario.tenants.map(tenant => ({...tenant}));
		this.subscriptions = scenario.subscriptions;
		this.apps = scenario.apps.map(app => ({
			...app,
			secrets: (app.secrets ?? []).map(secret => ({
				...secret,
				expiresAt: secret.expiresInSeconds === undefined ? undefined : started + secret.expiresInSeconds * 1000,
			})),
			federatedCredentials: (app.federatedCredentials ?? []).map(expand),
		}));
		this.servicePrincipals = [...scenario.servicePrincipals];
		this.managedIdentities = scenario.managedIdentities ?? [];
		this.users = (scenario.users ?? []).map(user => ({...user}));
		this.roleAssignments = [...scenario.roleAssignments];
		this.consentGrants = [...(scenario.consentGrants ?? [])];
		this.#expandIssuer = expand;
	}

	readonly #expandIssuer: (credential: FederatedCredentialDefinition) => FederatedCredentialDefinition;

	now(): number {
		return this.#now();
	}

	/** A tenant by GUID or by one of its domain names. */
	findTenant(idOrDomain: string): Tenant | undefined {
		const key = idOrDomain.toLowerCase();
		return this.tenants.find(tenant => tenant.id === key || tenant.defaultDomain.toLowerCase() === key);
	}

	findApp(appIdOrName: string): App | undefined {
		const key = appIdOrName.toLowerCase();
		return [...this.apps, ...firstPartyClients].find(app => app.appId === key || app.name.toLowerCase() === key);
	}

	findServicePrincipal(appId: string, tenantId: string): ServicePrincipalDefinition | undefined {
		const found = this.servicePrincipals.find(sp => sp.appId === appId && sp.tenantId === tenantId);
		if (found || !isFirstPartyClient(appId) || !this.findTenant(tenantId)) return found;
		return {appId, tenantId, objectId: derivedObjectId(appId, tenantId)};
	}

	findManagedIdentity(selector: {clientId?: string; objectId?: string; resourceId?: string; name?: string}) {
		return this.managedIdentities.find(
			identity =>
				(selector.clientId !== undefined && identity.clientId === selector.clientId.toLowerCase()) ||
				(selector.objectId !== undefined && identity.objectId === selector.objectId.toLowerCase()) ||
				(selector.resourceId !== undefined &&
					identity.resourceId.toLowerCase() === selector.resourceId.toLowerCase()) ||
				(selector.name !== undefined && identity.name === selector.name),
		);
	}

	findUser(userPrincipalName: string): User | undefined {
		const key = userPrincipalName.toLowerCase();
		return this.users.find(user => user.userPrincipalName.toLowerCase() === key);
	}

	findSubscription(id: string): SubscriptionDefinition | undefined {
		const key = id.toLowerCase();
		return this.subscriptions.find(subscription => subscription.id === key);
	}

	/** The tenant's token clock: the sandbox's time plus the tenant's offset. */
	tenantTime(tenantId: string): number {
		const offset = this.findTenant(tenantId)?.clockOffsetSeconds ?? 0;
		return this.now() + offset * 1000;
	}

	/** Whether `principalId` holds any role at `scope` or above it. */
	hasRoleAt(principalId: string, scope: string): boolean {
		const target = scope.toLowerCase().replace(/\/+$/, '');
		return this.roleAssignments.some(assignment => {
			if (assignment.principalId !== principalId) return false;
			const granted = assignment.scope.toLowerCase().replace(/\/+$/, '');
			return target === granted || target.startsWith(granted + '/');
		});
	}

	hasAdminConsent(clientAppId: string, tenantId: string): boolean {
		return this.consentGrants.some(
			grant => grant.clientAppId === clientAppId && grant.tenantId === tenantId && grant.consentType === 'admin',
		);
	}

	hasConsent(clientAppId: string, tenantId: string, userObjectId: string): boolean {
		if (isFirstPartyClient(clientAppId)) return true;
		return this.consentGrants.some(
			grant =>
				grant.clientAppId === clientAppId &&
				grant.tenantId === tenantId &&
				(grant.consentType === 'admin' || grant.principalId === userObjectId),
		);
	}

	/** Applies one explicit operation, logs it and returns what changed, in a sentence. */
	apply(operation: FixOperation): string {
		const result = this.#apply(operation);
		this.operations.push({at: new Date(this.now()).toISOString(), operation, result});
		return result;
	}

	#apply(operation: FixOperation): string {
		checkFields(operation);
		switch (operation.op) {
			case 'assign-role': {
				if (!/^\/subscriptions\/[\da-f-]{36}(\/|$)/i.test(operation.scope)) {
					throw new OperationError(`assign-role: scope must start with /subscriptions/{id}: ${operation.scope}`);
				}
				this.roleAssignments.push({principalId: operation.principalId, role: operation.role, scope: operation.scope});
				return `assigned ${operation.role} to ${operation.principalId} at ${operation.scope}`;
			}

			case 'grant-admin-consent': {
				const app = this.#requireApp(operation.clientAppId);
				const tenant = this.#requireTenant(operation.tenantId);
				if (tenant.id !== app.homeTenantId && !app.multiTenant) {
					throw new OperationError(`grant-admin-consent: ${app.name} is single-tenant (home ${app.homeTenantId})`);
				}

				let created = '';
				if (!this.findServicePrincipal(app.appId, tenant.id)) {
					const objectId = operation.servicePrincipalObjectId ?? derivedObjectId(app.appId, tenant.id);
					this.servicePrincipals.push({appId: app.appId, tenantId: tenant.id, objectId});
					created = ` (service principal ${objectId} created)`;
				}

				this.consentGrants.push({clientAppId: app.appId, tenantId: tenant.id, consentType: 'admin'});
				return `admin consent granted to ${app.name} in tenant ${tenant.id}${created}`;
			}

			case 'add-federated-credential': {
				const app = this.#requireApp(operation.app);
				const credential = this.#expandIssuer(operation.credential);
				app.federatedCredentials.push(credential);
				return `federated credential '${credential.name}' added to ${app.name} (issuer ${credential.issuer}, subject ${credential.subject})`;
			}

			case 'add-client-secret': {
				const app = this.#requireApp(operation.app);
				const expiresIn = operation.secret.expiresInSeconds;
				app.secrets.push({
					...operation.secret,
					expiresAt: expiresIn === undefined ? undefined : this.now() + expiresIn * 1000,
				});
				return `secret '${operation.secret.id}' added to ${app.name}`;
			}

			case 'clear-clock-offset': {
				const tenant = this.#requireTenant(operation.tenantId);
				tenant.clockOffsetSeconds = 0;
				return `token clock of tenant ${tenant.id} set right`;
			}

			case 'reset-user-password': {
				const user = this.findUser(operation.userPrincipalName);
				if (!user) throw new OperationError(`reset-user-password: no user ${operation.userPrincipalName}`);
				user.passwordState = 'ok';
				if (operation.password !== undefined) user.password = operation.password;
				return `password of ${user.userPrincipalName} reset and synced`;
			}

			case 'approve-device-code': {
				const grant = [...this.deviceCodes.values()].find(candidate => candidate.userCode === operation.userCode);
				if (!grant) throw new OperationError(`approve-device-code: no pending code ${operation.userCode}`);
				const user = this.findUser(operation.userPrincipalName);
				if (!user) throw new OperationError(`approve-device-code: no user ${operation.userPrincipalName}`);
				grant.approvedBy = user.userPrincipalName;
				return `device code ${operation.userCode} approved by ${user.userPrincipalName}`;
			}

			default: {
				const unknown = operation as {op?: unknown};
				throw new OperationError(`unknown operation: ${String(unknown.op)}`);
			}
		}
	}

	#requireApp(appIdOrName: string): App {
		const app = this.findApp(appIdOrName);
		if (!app) throw new OperationError(`no app ${appIdOrName}`);
		return app;
	}

	#requireTenant(id: string): Tenant {
		const tenant = this.findTenant(id);
		if (!tenant) throw new OperationError(`no tenant ${id}`);
		return tenant;
	}
}

/** Per operation, the fields it needs (`a.b`: field b of object a); typed so a new operation cannot be left out. */
const requiredFields: Readonly<Record<FixOperationName, readonly string[]>> = {
	'assign-role': ['principalId', 'role', 'scope'],
	'grant-admin-consent': ['clientAppId', 'tenantId'],
	'add-federated-credential': ['app', 'credential.name', 'credential.issuer', 'credential.subject'],
	'add-client-secret': ['app', 'secret.id', 'secret.value'],
	'clear-clock-offset': ['tenantId'],
	'reset-user-password': ['userPrincipalName'],
	'approve-device-code': ['userCode', 'userPrincipalName'],
};

/** Operations also arrive as JSON over HTTP: every field they need must be a non-empty string. */
function checkFields(operation: FixOperation) {
	const fields = Object.hasOwn(requiredFields, operation.op) ? requiredFields[operation.op] : undefined;
	if (!fields) throw new OperationError(`unknown operation: ${String((operation as {op?: unknown}).op)}`);
	for (const field of fields) {
		let value: unknown = operation;
		for (const key of field.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
		if (typeof value !== 'string' || value === '') {
			throw new OperationError(`${operation.op}: '${field}' must be a non-empty string`);
		}
	}

	if (operation.op === 'assign-role' && !['Reader', 'Contributor', 'Owner'].includes(operation.role)) {
		throw new OperationError(`assign-role: role must be Reader, Contributor or Owner, not ${operation.role}`);
	}

	if (operation.op === 'add-federated-credential' && !Array.isArray(operation.credential.audiences)) {
		throw new OperationError("add-federated-credential: 'credential.audiences' must be a list");
	}
}

/**
Microsoft's own public clients exist in every tenant, consent given, as in Entra: users can sign in
to the sandbox with the real Azure CLI (`az login -u`, `--use-device-code`) and Azure PowerShell.
*/
const firstPartyClients: readonly App[] = [
	{
		name: 'azure-cli',
		appId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
		displayName: 'Microsoft Azure CLI',
		homeTenantId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
		multiTenant: true,
		publicClient: true,
		secrets: [],
		federatedCredentials: [],
	},
	{
		name: 'azure-powershell',
		appId: '1950a258-227b-4e31-a9cf-717495945fc2',
		displayName: 'Microsoft Azure PowerShell',
		homeTenantId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
		multiTenant: true,
		publicClient: true,
		secrets: [],
		federatedCredentials: [],
	},
];

/** Microsoft's public clients the sandbox knows (the Azure CLI, Azure PowerShell): both of the family of client ids (FOCI). */
export function isFirstPartyClient(appId: string): boolean {
	return firstPartyClients.some(app => app.appId === appId);
}

/** A stable object id for a service principal the sandbox creates: the app id with the tenant's first block. */
function derivedObjectId(appId: string, tenantId: string): string {
	return `${appId.slice(0, 9)}${tenantId.slice(0, 4)}${appId.slice(13)}`;
}
