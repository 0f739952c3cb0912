/**
How Azure RBAC decides one request, in Microsoft's order (Learn, "How Azure RBAC determines if a
user has access to a resource"): the role assignments and deny assignments that apply at the
request's scope are gathered; a deny assignment that covers the caller and the operation blocks it;
otherwise the caller's roles (its own assignments and its groups', at the scope or above) must
grant the operation; an assignment with a condition grants only when its condition holds.
The sandbox's ARM decides with this, and the role-assignments check explains a 403 with it.
*/
import {type Plane, permissionsCover, roleGrants} from './actions.ts';
import type {RoleDefinition, RolePermission} from './roles.ts';

/** "All principals" in a deny assignment (type SystemDefined): everyone. */
export const everyonePrincipalId = '00000000-0000-0000-0000-000000000000';

export type RoleAssignment = {
	/** The assignment's ARM id (`{scope}/providers/Microsoft.Authorization/roleAssignments/{guid}`). */
	readonly id: string;
	readonly roleDefinitionId: string;
	readonly principalId: string;
	/** `User`, `Group`, `ServicePrincipal` or `ForeignGroup`. */
	readonly principalType: string;
	readonly scope: string;
	/** An ABAC condition (conditionVersion 2.0): the assignment grants only when it holds. */
	readonly condition?: string | null;
	/** ISO 8601. */
	readonly createdOn?: string;
};

export type DenyPrincipal = {readonly id: string; readonly type: string};

export type DenyAssignment = {
	readonly id: string;
	readonly name: string;
	readonly description?: string;
	readonly scope: string;
	readonly doNotApplyToChildScopes: boolean;
	readonly permissions: readonly RolePermission[];
	readonly principals: readonly DenyPrincipal[];
	readonly excludePrincipals: readonly DenyPrincipal[];
	readonly isSystemProtected?: boolean;
};

/** Who calls: the token's object id and the groups ARM counts for it. */
export type Caller = {readonly objectId: string; readonly groups: readonly string[]};

export type Grant = {readonly assignment: RoleAssignment; readonly role: RoleDefinition};

export type AccessDecision =
	| {readonly kind: 'allowed'; readonly grants: readonly Grant[]}
	/** A deny assignment blocks it; `grants` are the roles that would have allowed it. */
	| {readonly kind: 'denied'; readonly deny: DenyAssignment; readonly grants: readonly Grant[]}
	/** Only assignments with a condition grant it, and no condition holds. */
	| {readonly kind: 'condition'; readonly conditional: readonly Grant[]}
	| {readonly kind: 'no-role'};

/** Whether `scope` is `parent` or lies below it (case-insensitive; `/` covers every scope). */
export function scopeCovers(parent: string, scope: string): boolean {
	const normal = (value: string) => value.toLowerCase().replace(/\/+$/, '');
	const above = normal(parent);
	const below = normal(scope);
	return above === '' || below === above || below.startsWith(`${above}/`);
}

function sameId(a: string, b: string): boolean {
	return a.toLowerCase() === b.toLowerCase();
}

/** Whether an assignment is the caller's: to its object id, or to one of its groups. */
export function assignedToCaller(assignment: Pick<RoleAssignment, 'principalId'>, caller: Caller): boolean {
	return (
		sameId(assignment.principalId, caller.objectId) ||
		caller.groups.some(group => sameId(group, assignment.principalId))
	);
}

/** Whether a deny assignment blocks this caller from this operation at this scope. */
export function denyBlocks(
	deny: DenyAssignment,
	request: {readonly caller: Caller; readonly action: string; readonly plane: Plane; readonly scope: string},
): boolean {
	const {caller} = request;
	const inScope = deny.doNotApplyToChildScopes
		? scopeCovers(deny.scope, request.scope) && scopeCovers(request.scope, deny.scope)
		: scopeCovers(deny.scope, request.scope);
	if (!inScope) return false;
	const names = (principal: DenyPrincipal) =>
		sameId(principal.id, everyonePrincipalId) || assignedToCaller({principalId: principal.id}, caller);
	if (!deny.principals.some(principal => names(principal))) return false;
	if (deny.excludePrincipals.some(principal => assignedToCaller({principalId: principal.id}, caller))) return false;
	return permissionsCover(deny.permissions, request.action, request.plane);
}

/** The caller's assignments at or above `scope` whose role grants the operation. */
export function grantsFor(request: {
	readonly caller: Caller;
	readonly action: string;
	readonly plane: Plane;
	readonly scope: string;
	readonly assignments: readonly RoleAssignment[];
	readonly roleOf: (roleDefinitionId: string) => RoleDefinition | undefined;
}): Grant[] {
	return request.assignments.flatMap(assignment => {
		if (!scopeCovers(assignment.scope, request.scope) || !assignedToCaller(assignment, request.caller)) return [];
		const role = request.roleOf(assignment.roleDefinitionId);
		return role && roleGrants(role, request.action, request.plane) ? [{assignment, role}] : [];
	});
}

/** The decision for one request (see the module comment). */
export function decideAccess(request: {
	readonly caller: Caller;
	readonly action: string;
	readonly plane: Plane;
	readonly scope: string;
	readonly assignments: readonly RoleAssignment[];
	readonly denyAssignments?: readonly DenyAssignment[];
	readonly roleOf: (roleDefinitionId: string) => RoleDefinition | undefined;
	/** Whether an assignment's condition holds for this request (default: it does not). */
	readonly conditionHolds?: (assignment: RoleAssignment) => boolean;
}): AccessDecision {
	const grants = grantsFor(request);
	const deny = (request.denyAssignments ?? []).find(candidate => denyBlocks(candidate, request));
	if (deny) return {kind: 'denied', deny, grants};
	const holds = request.conditionHolds ?? (() => false);
	const effective = grants.filter(grant => !grant.assignment.condition || holds(grant.assignment));
	if (effective.length > 0) return {kind: 'allowed', grants: effective};
	if (grants.length > 0) return {kind: 'condition', conditional: grants};
	return {kind: 'no-role'};
}
