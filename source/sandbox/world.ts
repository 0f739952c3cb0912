import {createHash} from 'node:crypto';
import {
	type AccessDecision,
	type Caller,
	type DenyAssignment,
	decideAccess,
	type RoleAssignment,
	scopeCovers,
} from '../knowledge/rbac/access.ts';
import {planeOf} from '../knowledge/rbac/actions.ts';
import {builtInRole, type RoleDefinition, roleDefinitionIdOf} from '../knowledge/rbac/roles.ts';
import type {ClientCertificate} from './certificates.ts';
import type {
	AppDefinition,
	ConsentGrantDefinition,
	FederatedCredentialDefinition,
	FixOperation,
	FixOperationName,
	ManagedIdentityDefinition,
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

/** A role assignment as ARM keeps it, with the built-in role's name. */
export type RoleAssignmentRecord = RoleAssignment & {readonly role: string; readonly createdOn: string};

export type GroupRecord = {
	readonly id: string;
	readonly displayName: string;
	readonly tenantId: string;
	/** Epoch ms each member joined. */
	readonly members: Array<{readonly objectId: string; readonly addedAt: number}>;
};

export type DenyAssignmentRecord = DenyAssignment & {
	readonly excludePrincipals: Array<{readonly id: string; readonly type: string}>;
	readonly createdOn: string;
};

/** A PIM eligibility (roleEligibilityScheduleInstances): nothing is granted until it is activated. */
export type EligibilityRecord = {
	readonly id: string;
	readonly principalId: string;
	readonly principalType: string;
	readonly role: string;
	readonly roleDefinitionId: string;
	readonly scope: string;
	readonly createdOn: string;
	readonly endDateTime: string;
};

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
	readonly roleAssignments: RoleAssignmentRecord[];
	readonly groups: GroupRecord[];
	readonly denyAssignments: DenyAssignmentRecord[];
	readonly eligibleAssignments: EligibilityRecord[];
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
		const before = (seconds: number | undefined) => started - (seconds ?? 86_400) * 1000;
		this.groups = (scenario.groups ?? []).map(group => ({
			id: group.id,
			displayName: group.displayName,
			tenantId: group.tenantId,
			members: group.members.map(member => ({objectId: member.objectId, addedAt: before(member.addedSecondsAgo)})),
		}));
		this.roleAssignments = scenario.roleAssignments.map(assignment =>
			this.#assignment(
				assignment.principalId,
				assignment.role,
				assignment.scope,
				before(assignment.createdSecondsAgo),
				{
					...(assignment.condition ? {condition: assignment.condition} : {}),
				},
			),
		);
		this.denyAssignments = (scenario.denyAssignments ?? []).map(deny => ({
			id: `${deny.scope}/providers/Microsoft.Authorization/denyAssignments/${deny.id}`,
			name: deny.name,
			...(deny.description ? {description: deny.description} : {}),
			scope: deny.scope,
			doNotApplyToChildScopes: deny.doNotApplyToChildScopes ?? false,
			permissions: [
				{
					actions: deny.actions,
					notActions: deny.notActions ?? [],
					dataActions: deny.dataActions ?? [],
					notDataActions: deny.notDataActions ?? [],
				},
			],
			principals: deny.principals,
			excludePrincipals: [...(deny.excludePrincipals ?? [])],
			isSystemProtected: deny.isSystemProtected ?? true,
			createdOn: new Date(before(undefined)).toISOString(),
		}));
		this.eligibleAssignments = (scenario.eligibleAssignments ?? []).map(eligible => {
			const role = requireRole(eligible.role);
			return {
				id: stableGuid('eligibility', eligible.principalId, role.id, eligible.scope),
				principalId: eligible.principalId,
				principalType: this.principalTypeOf(eligible.principalId),
				role: role.roleName,
				roleDefinitionId: roleDefinitionIdOf(role, eligible.scope),
				scope: eligible.scope,
				createdOn: new Date(before(undefined)).toISOString(),
				endDateTime: new Date(started + 180 * 86_400_000).toISOString(),
			};
		});
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

	/** `User`, `Group` or `ServicePrincipal` (apps and managed identities), as role assignments name them. */
	principalTypeOf(objectId: string): string {
		const key = objectId.toLowerCase();
		if (this.users.some(user => user.objectId === key)) return 'User';
		if (this.groups.some(group => group.id === key)) return 'Group';
		return 'ServicePrincipal';
	}

	/** The groups `objectId` is a member of at time `at` (epoch ms; default now). */
	groupsOf(objectId: string, at: number = this.now()): string[] {
		const key = objectId.toLowerCase();
		return this.groups
			.filter(group => group.members.some(member => member.objectId === key && member.addedAt <= at))
			.map(group => group.id);
	}

	/** ARM's decision for one request (knowledge/rbac's order: deny assignments, roles, conditions). */
	decide(caller: Caller, action: string, scope: string): AccessDecision {
		return decideAccess({
			caller,
			action,
			plane: planeOf(action),
			scope,
			assignments: this.roleAssignments,
			denyAssignments: this.denyAssignments,
			roleOf: roleDefinitionId => builtInRole(roleDefinitionId),
		});
	}

	/** Whether `objectId` (or one of its groups) holds a role at `scope`, above it or below it. */
	hasAnyRoleWithin(objectId: string, scope: string): boolean {
		const caller = [objectId.toLowerCase(), ...this.groupsOf(objectId)];
		return this.roleAssignments.some(
			assignment =>
				caller.includes(assignment.principalId) &&
				(scopeCovers(assignment.scope, scope) || scopeCovers(scope, assignment.scope)),
		);
	}

	/**
	A new role assignment (ARM's PUT of a role assignment, or the assign-role operation): a built-in
	role by name or id. Throws OperationError for an unknown role or one the principal already holds there.
	*/
	assignRole(principalId: string, roleNameOrId: string, scope: string, name?: string): RoleAssignmentRecord {
		const role = requireRole(roleNameOrId);
		const key = principalId.toLowerCase();
		if (
			this.roleAssignments.some(
				assignment =>
					assignment.principalId === key &&
					assignment.role === role.roleName &&
					assignment.scope.toLowerCase() === scope.toLowerCase(),
			)
		) {
			throw new OperationError(`${role.roleName} is already assigned to ${key} at ${scope}`);
		}

		const assignment = this.#assignment(principalId, role.roleName, scope, this.now(), {}, name);
		this.roleAssignments.push(assignment);
		return assignment;
	}

	#assignment(
		principalId: string,
		roleName: string,
		scope: string,
		createdAt: number,
		extra: {readonly condition?: string} = {},
		name?: string,
	): RoleAssignmentRecord {
		const role = requireRole(roleName);
		const guid = name ?? stableGuid('assignment', principalId, role.id, scope, String(createdAt));
		const createdOn = new Date(createdAt).toISOString();
		return {
			id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid}`,
			roleDefinitionId: roleDefinitionIdOf(role, scope),
			role: role.roleName,
			principalId: principalId.toLowerCase(),
			principalType: this.principalTypeOf(principalId),
			scope,
			createdOn,
			...(extra.condition ? {condition: extra.condition} : {}),
		};
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

				const assignment = this.assignRole(operation.principalId, operation.role, operation.scope);
				return `assigned ${assignment.role} to ${operation.principalId} at ${operation.scope}`;
			}

			case 'activate-eligible-role': {
				const role = requireRole(operation.role);
				const eligible = this.eligibleAssignments.find(
					candidate =>
						candidate.principalId === operation.principalId.toLowerCase() &&
						candidate.role === role.roleName &&
						candidate.scope.toLowerCase() === operation.scope.toLowerCase(),
				);
				if (!eligible) {
					throw new OperationError(
						`activate-eligible-role: ${operation.principalId} is not eligible for ${role.roleName} at ${operation.scope}`,
					);
				}

				this.assignRole(eligible.principalId, eligible.role, eligible.scope);
				return `${operation.principalId} activated its eligible role ${role.roleName} at ${eligible.scope} (PIM)`;
			}

			case 'add-group-member': {
				const group = this.groups.find(candidate => candidate.id === operation.groupId.toLowerCase());
				if (!group) throw new OperationError(`add-group-member: no group ${operation.groupId}`);
				const objectId = operation.objectId.toLowerCase();
				if (!group.members.some(member => member.objectId === objectId))
					group.members.push({objectId, addedAt: this.now()});
				return `${objectId} added to group ${group.displayName}`;
			}

			case 'exclude-from-deny-assignment': {
				const key = operation.denyAssignmentId.toLowerCase().replaceAll('-', '');
				const deny = this.denyAssignments.find(
					candidate => (candidate.id.split('/').at(-1) ?? '').toLowerCase().replaceAll('-', '') === key,
				);
				if (!deny)
					throw new OperationError(`exclude-from-deny-assignment: no deny assignment ${operation.denyAssignmentId}`);
				const principalId = operation.principalId.toLowerCase();
				if (!deny.excludePrincipals.some(principal => principal.id === principalId)) {
					deny.excludePrincipals.push({id: principalId, type: this.principalTypeOf(principalId)});
				}

				return `${principalId} excluded from deny assignment '${deny.name}'`;
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
	'activate-eligible-role': ['principalId', 'role', 'scope'],
	'exclude-from-deny-assignment': ['denyAssignmentId', 'principalId'],
	'add-group-member': ['groupId', 'objectId'],
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

	if ((operation.op === 'assign-role' || operation.op === 'activate-eligible-role') && !builtInRole(operation.role)) {
		throw new OperationError(`${operation.op}: role must be a built-in role's name, not ${operation.role}`);
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

/** A built-in role by name; a scenario naming another is a mistake in the scenario. */
function requireRole(name: string): RoleDefinition {
	const role = builtInRole(name);
	if (!role) throw new OperationError(`no built-in role '${name}'`);
	return role;
}

/** A GUID derived from the parts, so the same scenario names its assignments the same way every run. */
function stableGuid(...parts: readonly string[]): string {
	const hex = createHash('sha256').update(parts.join('|')).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable object id for a service principal the sandbox creates: the app id with the tenant's first block. */
function derivedObjectId(appId: string, tenantId: string): string {
	return `${appId.slice(0, 9)}${tenantId.slice(0, 4)}${appId.slice(13)}`;
}
