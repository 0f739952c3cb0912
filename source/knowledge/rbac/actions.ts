/**
Matching an operation (`Microsoft.Storage/storageAccounts/listKeys/action`) against the permission
strings of roles and deny assignments, as Azure RBAC does:
- case-insensitive ("Permission strings are case-insensitive", Learn: custom roles);
- `*` spans any run of characters, across segments (`Microsoft.Compute/*`, `*\/read`);
- `/*\/` may also match a single `/`: Managed Identity Operator grants only
  `…/userAssignedIdentities/*\/assign/action` and is the documented role for
  `…/userAssignedIdentities/assign/action` (Microsoft does not publish the algorithm; this is the
  reading that fits every built-in role);
- NotActions subtract from the Actions of the same permission entry, never across roles (NotActions
  are not a deny rule); DataActions and NotDataActions do the same for data actions, which control
  plane patterns never match.
*/
import {builtInRoles, type RoleDefinition, type RolePermission} from './roles.ts';

export type Plane = 'control' | 'data';

const compiled = new Map<string, RegExp>();

function patternRegex(pattern: string, zeroSegments: boolean): RegExp {
	const key = `${zeroSegments ? 'z' : 'n'}${pattern.toLowerCase()}`;
	let regex = compiled.get(key);
	if (!regex) {
		const literal = (text: string) => text.replaceAll(/[.+?^${}()|[\]\\]/g, String.raw`\$&`);
		const source = pattern
			.toLowerCase()
			.split('/*/')
			.map(part => part.split('*').map(literal).join('.*'))
			.join(zeroSegments ? '/(?:.*/)?' : '/.*/');
		regex = new RegExp(`^${source}$`);
		compiled.set(key, regex);
	}

	return regex;
}

/** Whether one permission string (with wildcards) covers the operation. */
export function actionMatches(pattern: string, action: string, options: {zeroSegments?: boolean} = {}): boolean {
	return patternRegex(pattern, options.zeroSegments ?? true).test(action.toLowerCase());
}

/** The patterns of one permission entry that grant the operation on that plane (none when a NotAction removes it). */
export function grantingPatterns(permission: RolePermission, action: string, plane: Plane): readonly string[] {
	const allow = plane === 'data' ? permission.dataActions : permission.actions;
	const deny = plane === 'data' ? permission.notDataActions : permission.notActions;
	if (deny.some(pattern => actionMatches(pattern, action))) return [];
	return allow.filter(pattern => actionMatches(pattern, action));
}

/** Whether a set of permission entries (a role, a deny assignment) covers the operation. */
export function permissionsCover(permissions: readonly RolePermission[], action: string, plane: Plane): boolean {
	return permissions.some(permission => grantingPatterns(permission, action, plane).length > 0);
}

export function roleGrants(role: Pick<RoleDefinition, 'permissions'>, action: string, plane: Plane): boolean {
	return permissionsCover(role.permissions, action, plane);
}

/** The characters of a pattern that are not wildcards: how specific it is. */
function specificity(pattern: string): number {
	return pattern.replaceAll('*', '').length;
}

const everything = new Set(['*', '*/read']);

/**
Whether an operation is a data action. Resource providers say so per operation (`isDataAction`);
without that catalogue, the built-in roles tell: an operation some role lists by name as a data
action (or as an action) is one; otherwise the more specific of the data and control patterns that
cover it decides, a read, write or delete going to the control plane when any control pattern
covers it (the root patterns `*` and `*\/read` decide nothing here), and a data
pattern counts only when it covers the operation without collapsing a `/*\/` to `/`.
*/
export function planeOf(action: string, roles: readonly RoleDefinition[] = builtInRoles): Plane {
	const key = action.toLowerCase();
	const all = (pick: (permission: RolePermission) => readonly string[]) =>
		roles.flatMap(role => role.permissions.flatMap(pick));
	const dataPatterns = all(permission => permission.dataActions);
	const controlPatterns = all(permission => permission.actions).filter(pattern => !everything.has(pattern));
	if (dataPatterns.some(pattern => pattern.toLowerCase() === key)) return 'data';
	if (controlPatterns.some(pattern => pattern.toLowerCase() === key)) return 'control';
	const data = dataPatterns.filter(pattern => actionMatches(pattern, action, {zeroSegments: false}));
	if (data.length === 0) return 'control';
	const control = controlPatterns.filter(pattern => actionMatches(pattern, action));
	if (/\/(?:read|write|delete)$/i.test(action) && control.length > 0) return 'control';
	const best = (patterns: readonly string[]) => Math.max(-1, ...patterns.map(pattern => specificity(pattern)));
	return best(data) > best(control) ? 'data' : 'control';
}
