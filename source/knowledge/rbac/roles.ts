/**
Azure RBAC role definitions as data. `builtin-roles.json` holds 60 real built-in roles (ids, names,
permissions) exactly as `az role definition list` prints them; its `source` field says where they
were taken from (easimon/azure-builtin-roles at a pinned commit, every GUID cross-checked against
Microsoft's own roleName → GUID map). Built-in role ids are the same in every cloud.
*/
import data from './builtin-roles.json' with {type: 'json'};

/** One entry of a role's `permissions`: NotActions subtract from Actions within the same entry only. */
export type RolePermission = {
	readonly actions: readonly string[];
	readonly notActions: readonly string[];
	readonly dataActions: readonly string[];
	readonly notDataActions: readonly string[];
};

export type RoleDefinition = {
	/** The role's GUID (its `name` in ARM). */
	readonly id: string;
	readonly roleName: string;
	readonly description: string;
	readonly roleType: 'BuiltInRole' | 'CustomRole';
	readonly assignableScopes: readonly string[];
	readonly permissions: readonly RolePermission[];
	readonly createdOn?: string;
	readonly updatedOn?: string;
};

/** Where the built-in definitions come from (URL and commit), for reports and the docs. */
export const builtInRolesSource: {readonly url: string; readonly retrieved: string; readonly docs: string} =
	data.source;

export const builtInRoles: readonly RoleDefinition[] = data.roles.map(role => ({
	id: role.id,
	roleName: role.roleName,
	description: role.description,
	roleType: 'BuiltInRole',
	assignableScopes: role.assignableScopes,
	permissions: role.permissions,
	createdOn: role.createdOn,
	updatedOn: role.updatedOn,
}));

const guidPattern = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/**
The GUID of a role definition id. ARM names the same definition both ways,
`/subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}` and
`/providers/Microsoft.Authorization/roleDefinitions/{guid}`: the trailing GUID is what identifies it.
*/
export function roleGuidOf(roleDefinitionId: string): string | undefined {
	return guidPattern.exec(roleDefinitionId.trim())?.[1]?.toLowerCase();
}

/** A built-in role by name (any case), GUID or role definition id. */
export function builtInRole(nameOrId: string): RoleDefinition | undefined {
	const guid = roleGuidOf(nameOrId);
	if (guid) return builtInRoles.find(role => role.id === guid);
	const key = nameOrId.trim().toLowerCase();
	return builtInRoles.find(role => role.roleName.toLowerCase() === key);
}

/** `/providers/Microsoft.Authorization/roleDefinitions/{guid}`: the tenant-level id of a definition. */
export function roleDefinitionIdOf(role: Pick<RoleDefinition, 'id'>, scope?: string): string {
	const prefix = scope && /^\/subscriptions\/[^/]+/i.exec(scope)?.[0];
	return `${prefix ?? ''}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`;
}
