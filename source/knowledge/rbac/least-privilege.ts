/**
Which built-in roles grant an operation, least privileged first: the role to ask for when a call is
refused with 403. Without the providers' operations catalogue (which would let one count the
operations each wildcard stands for), privilege is read from the role definitions themselves:

1. For a read (`…/read`, `…/get…/action`, `…/list…/action`, `…/read…/action`), roles that only read
   come first: reading needs no role that can change things.
2. Roles that name the operation's own resource (a pattern that is not boilerplate) come before the
   general roles (`*`, `*\/read`: Owner, Contributor, Reader…), which come before roles that grant it
   only through boilerplate every other role carries (`Microsoft.Resources/subscriptions/resourceGroups/read`,
   `Microsoft.Authorization/*\/read`, `Microsoft.Support/*`…: a Kubernetes role is not the way to read
   a resource group).
3. Roles aimed at the operation's provider (most of their own patterns are of it) first.
4. Roles that name the operation outright before those that reach it by a wildcard.
5. Narrower roles first: every pattern weighs by how much it can stand for (`*` the most, a
   provider-wide `Microsoft.Network/*` much more than `Microsoft.Compute/virtualMachines/*`, a named
   operation 1); boilerplate does not count.
6. Fewer patterns, then the name.
Roles whose assignable scopes do not cover the scope are left out.
*/
import {scopeCovers} from './access.ts';
import {grantingPatterns, type Plane, planeOf} from './actions.ts';
import {builtInRoles, type RoleDefinition} from './roles.ts';

const rootPatterns = new Set(['*', '*/read']);

/** A pattern this many of the roles carry is boilerplate: it says nothing about what a role is for. */
const boilerplateShare = 0.1;

export type RankedRole = {
	readonly role: RoleDefinition;
	/** The role's patterns that grant the operation. */
	readonly grantedBy: readonly string[];
};

function patternCounts(roles: readonly RoleDefinition[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const role of roles) {
		const patterns = new Set(
			role.permissions.flatMap(permission => permission.actions.map(item => item.toLowerCase())),
		);
		for (const pattern of patterns) counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
	}

	return counts;
}

/** Whether an operation only reads: `…/read`, or an action whose verb reads (`getSecret`, `listKeys`, `readMetadata`). */
export function isRead(action: string): boolean {
	const segments = action.toLowerCase().split('/');
	const last = segments.at(-1) ?? '';
	if (last === 'read') return true;
	return last === 'action' && /^(?:read|get|list)/.test(segments.at(-2) ?? '');
}

/** How much a pattern can stand for, by how early its wildcard comes. */
function weight(pattern: string): number {
	if (pattern === '*') return 1e8;
	const star = pattern.indexOf('*');
	if (star === -1) return 1;
	const fixedSegments = pattern.slice(0, star).split('/').length - 1;
	return [1e6, 1e5, 1e3, 1e2][fixedSegments] ?? 10;
}

const providerOf = (pattern: string) => pattern.split('/')[0]?.toLowerCase() ?? '';

/** The roles that grant `action` at `scope`, least privileged first (see the module comment). */
export function rolesGranting(
	action: string,
	options: {readonly plane?: Plane; readonly scope?: string; readonly roles?: readonly RoleDefinition[]} = {},
): RankedRole[] {
	const roles = options.roles ?? builtInRoles;
	const plane = options.plane ?? planeOf(action, roles);
	const counts = patternCounts(roles);
	const boilerplate = (pattern: string) =>
		!rootPatterns.has(pattern) && (counts.get(pattern.toLowerCase()) ?? 0) >= boilerplateShare * roles.length;
	const own = (pattern: string) => !rootPatterns.has(pattern) && !boilerplate(pattern);
	const provider = providerOf(action);
	const read = isRead(action);

	const ranked = roles.flatMap(role => {
		if (options.scope !== undefined && !assignableAt(role, options.scope)) return [];
		const grantedBy = role.permissions.flatMap(permission => grantingPatterns(permission, action, plane));
		if (grantedBy.length === 0) return [];
		const patterns = role.permissions.flatMap(permission => [...permission.actions, ...permission.dataActions]);
		const ownPatterns = patterns.filter(pattern => own(pattern));
		const readOnly = ownPatterns.every(pattern => isRead(pattern)) && !patterns.includes('*');
		// Data patterns name the role's own resource by construction (no role carries them as boilerplate).
		const grantsOwn = plane === 'data' || grantedBy.some(pattern => own(pattern));
		const tier = grantsOwn ? 0 : grantedBy.some(pattern => rootPatterns.has(pattern)) ? 1 : 2;
		const providers = new Map<string, number>();
		for (const pattern of ownPatterns)
			providers.set(providerOf(pattern), (providers.get(providerOf(pattern)) ?? 0) + 1);
		const most = Math.max(0, ...providers.values());
		const aimed = most > 0 && providers.get(provider) === most;
		const named = grantedBy.some(pattern => !pattern.includes('*'));
		const breadth = patterns
			.filter(pattern => rootPatterns.has(pattern) || !boilerplate(pattern))
			.reduce((sum, pattern) => sum + weight(pattern), 0);
		const key = [read && !readOnly ? 1 : 0, tier, aimed ? 0 : 1, named ? 0 : 1, breadth, patterns.length];
		return [{role, grantedBy, key}];
	});
	ranked.sort((a, b) => {
		for (let index = 0; index < a.key.length; index++) {
			const difference = a.key[index]! - b.key[index]!;
			if (difference !== 0) return difference;
		}

		return a.role.roleName.localeCompare(b.role.roleName);
	});
	return ranked.map(({role, grantedBy}) => ({role, grantedBy}));
}

/** The least privileged built-in role that grants `action` at `scope`, if any does. */
export function leastPrivilegedRole(
	action: string,
	options: {readonly plane?: Plane; readonly scope?: string} = {},
): RoleDefinition | undefined {
	return rolesGranting(action, options)[0]?.role;
}

/** Whether a role may be assigned at `scope` (`/` covers every scope). */
function assignableAt(role: RoleDefinition, scope: string): boolean {
	return role.assignableScopes.some(assignable => scopeCovers(assignable, scope));
}
