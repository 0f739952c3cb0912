/**
Why ARM refuses an operation (403), read from the identity's Azure RBAC as ARM lists it: its role
assignments at the scope and above (its own and its groups'), the role definitions behind them,
the deny assignments there, its PIM eligibilities. The verdict follows Microsoft's order (a deny
assignment blocks whatever the roles grant; an assignment with an ABAC condition grants only when
the condition holds), then tells apart the causes a 403 has:
- a deny assignment blocks it (DenyAssignmentAuthorizationFailed): what made it must exclude the identity;
- a PIM-eligible role would grant it, and is not active: activate it;
- only conditional assignments grant it: meet the condition or get an unconditioned role;
- the roles grant it now, but the token predates the grant (a group joined after the token's `iat`,
  or an assignment made after it): get a fresh token; and when nothing says so, a grant newer than
  the failing call still is that (propagation takes up to ten minutes);
- no role grants it: the least privileged built-in role that does, and the exact `az role assignment
  create` to run, at the refused scope.
A LinkedAuthorizationFailed names a second operation at a linked scope (a subnet's join, an
identity's assign): that one is what is checked.
*/

import type {Finding} from '../findings/finding.ts';
import {
	type Caller,
	type DenyAssignment,
	decideAccess,
	type RoleAssignment,
	scopeCovers,
} from '../knowledge/rbac/access.ts';
import {planeOf, roleGrants} from '../knowledge/rbac/actions.ts';
import {rolesGranting} from '../knowledge/rbac/least-privilege.ts';
import {builtInRole, type RoleDefinition} from '../knowledge/rbac/roles.ts';
import {decodeToken} from '../ports/access-token.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {RoleEligibility, TokenResult} from '../ports/services.ts';
import {requestAuthorization} from '../target/authorization.ts';
import {subscriptionScope} from '../target/resource.ts';
import {shortTime} from '../token/time.ts';
import type {CheckContext} from './context.ts';
import {describeFailure, findingFor} from './finding-builders.ts';
import {loginFix} from './fixes.ts';
import {graphGet} from './graph.ts';
import {isRecordLike} from './records.ts';

const {pass, fail, warn, skip, error: errored} = findingFor('role-assignments', 'Role assignments');

/**
Tokens carry `iat` five minutes before they are issued (Entra's allowance for clock skew), in whole
seconds: a grant within the second after `iat` + 5 minutes may still be older than the token.
*/
const issuedSkewMs = 5 * 60_000 + 1000;

type Settled<T> = {readonly value: T} | {readonly error: unknown};

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	try {
		return {value: await promise};
	} catch (error) {
		return {error};
	}
}

/** The operation and scope to look at, and where they came from. */
async function whatToCheck(
	context: CheckContext,
): Promise<{action: string; scope: string; origin: 'linked' | 'given' | 'url' | 'subscription'} | undefined> {
	const {target} = context;
	if (target.linkedAction && target.linkedScope)
		return {action: target.linkedAction, scope: target.linkedScope, origin: 'linked'};
	if (target.action && target.scope) return {action: target.action, scope: target.scope, origin: 'given'};
	const fromUrl = target.url ? requestAuthorization('GET', target.url) : undefined;
	if (target.action && fromUrl) return {action: target.action, scope: fromUrl.scope, origin: 'given'};
	if (fromUrl) return {...fromUrl, origin: 'url'};
	const subscriptionId = await context.subscriptionId().catch(() => undefined);
	if (!subscriptionId) return undefined;
	return {
		action: target.action ?? 'Microsoft.Resources/subscriptions/read',
		scope: target.scope ?? subscriptionScope(subscriptionId),
		origin: 'subscription',
	};
}

/** ARM's refusal of a list: 403 (no read access there) apart from anything else. */
function refused(result: Settled<unknown>): boolean {
	return 'error' in result && result.error instanceof AdapterError && result.error.status === 403;
}

/** The groups (name and id) Graph lists for the signed-in user now that `tokenGroups` lacks; none when Graph cannot say. */
async function groupsJoinedSince(
	context: CheckContext,
	tenant: string,
	tokenGroups: readonly string[],
): Promise<string[]> {
	const read = await graphGet(
		context,
		tenant || undefined,
		'me/transitiveMemberOf/microsoft.graph.group?$select=id,displayName',
		{
			as: 'target',
		},
	);
	if (!('body' in read) || !isRecordLike(read.body) || !Array.isArray(read.body['value'])) return [];
	return read.body['value'].filter(isRecordLike).flatMap(group => {
		const id = String(group['id'] ?? '').toLowerCase();
		if (!id || tokenGroups.includes(id)) return [];
		return [group['displayName'] ? `${String(group['displayName'])} (${id})` : id];
	});
}

function roleNameOf(definition: RoleDefinition | undefined, roleDefinitionId: string): string {
	return definition?.roleName ?? roleDefinitionId.split('/').at(-1) ?? roleDefinitionId;
}

export async function checkRoleAssignments(context: CheckContext): Promise<Finding> {
	const {services} = context;
	const subject = await whatToCheck(context);
	if (!subject) {
		return skip('No operation to look at: pass the refused one with --action and --scope (or the failing --url).', {
			fix: {
				text: "Name the operation and scope from the 403's message:",
				command: 'authfix check --action <Provider/type/operation> --scope <scope>',
			},
		});
	}

	const {action, scope} = subject;
	const plane = planeOf(action);
	let token: TokenResult;
	try {
		const arm = services.cloud.resourceManagerAudience;
		token =
			context.resource() === arm
				? await context.targetToken()
				: await context.tokenFor({resource: arm, tenantId: await context.expectedTenant()});
	} catch (error) {
		return errored(`No token for ARM to read the role assignments with: ${describeFailure(error).detail}`, {
			facts: {action, scope},
		});
	}

	const claims = decodeToken(token.token)?.claims;
	const objectId = typeof claims?.oid === 'string' ? claims.oid.toLowerCase() : undefined;
	if (!objectId) {
		return errored(
			`The ARM token (${token.token.fingerprint}) names no object id (oid): whose roles to read is unknown.`,
			{
				facts: {action, scope},
			},
		);
	}

	const principalType =
		claims?.idtyp === 'app'
			? 'ServicePrincipal'
			: claims?.scp !== undefined || claims?.upn !== undefined
				? 'User'
				: 'ServicePrincipal';
	const least = rolesGranting(action, {plane, scope})[0]?.role;
	const facts: Record<string, string> = {
		action,
		scope,
		principalId: objectId,
		principalType,
		...(least ? {role: least.roleName, roleScope: scope} : {}),
	};
	const what = `${action} at ${scope}${subject.origin === 'linked' ? ' (the linked scope)' : ''}`;
	const call = {signal: context.signal};
	const [assignments, denies, eligibilities] = await Promise.all([
		settle(services.http.listRoleAssignments(scope, token.token, `atScope() and assignedTo('${objectId}')`, call)),
		settle(services.http.listDenyAssignments(scope, token.token, 'atScope()', call)),
		settle(services.http.listRoleEligibilities(scope, token.token, call)),
	]);

	if ('error' in assignments && !refused(assignments)) {
		const failure = describeFailure(assignments.error);
		if (assignments.error instanceof AdapterError && assignments.error.status === 401)
			return warn(`ARM refused the token while listing role assignments (see the token checks): ${failure.detail}`, {
				facts,
			});
		return errored(`Could not list the role assignments at ${scope}: ${failure.detail}`, {facts});
	}

	// The definitions behind the assignments: built-in ones are known; others ARM says.
	const listed = 'value' in assignments ? assignments.value : [];
	const definitions = new Map<string, RoleDefinition | undefined>();
	await Promise.all(
		[...new Set(listed.map(assignment => assignment.roleDefinitionId))].map(async roleDefinitionId => {
			const known = builtInRole(roleDefinitionId);
			const definition =
				known ?? (await services.http.getRoleDefinition(roleDefinitionId, token.token, call).catch(() => undefined));
			definitions.set(roleDefinitionId, definition);
		}),
	);
	const roleOf = (roleDefinitionId: string) => definitions.get(roleDefinitionId) ?? builtInRole(roleDefinitionId);
	const denyList: readonly DenyAssignment[] = 'value' in denies ? denies.value : [];
	// ARM lists the groups' assignments too (assignedTo() follows the identity's groups as they are now).
	const groupsNow = listed.filter(assignment => assignment.principalType === 'Group').map(item => item.principalId);
	// A user's ARM token lists the groups of the moment it was issued (none: no claim), unless there
	// were too many (the overage claim `_claim_names`); an app's token lists none, and ARM looks them up.
	const overage =
		typeof claims?._claim_names === 'object' && claims._claim_names !== null && 'groups' in claims._claim_names;
	const tokenGroups = Array.isArray(claims?.groups)
		? claims.groups.map(group => String(group).toLowerCase())
		: principalType === 'User' && !overage
			? []
			: undefined;
	const decide = (caller: Caller) =>
		decideAccess({caller, action, plane, scope, assignments: listed, denyAssignments: denyList, roleOf});
	const now = decide({objectId, groups: groupsNow});

	const issued = typeof claims?.iat === 'number' ? claims.iat * 1000 : undefined;
	const freshFix =
		context.target.credential === 'cli'
			? loginFix(
					await context.account().catch(() => undefined),
					String(claims?.tid ?? ''),
					'Get a fresh token: sign in again (the Azure CLI hands out its cached token until it expires).',
				)
			: {
					text: 'Get a fresh token: restart the process (or make a new credential); the SDK credential keeps the old one until it expires.',
				};

	if (now.kind === 'denied') {
		const {deny} = now;
		const guid = deny.id.split('/').at(-1) ?? deny.id;
		const stack = /Deployment Stack '([^']+)'/i.exec(`${deny.name} ${deny.description ?? ''}`)?.[1];
		const stackName = stack?.split('/').at(-1);
		const stackGroup = stack ? /\/resourceGroups\/([^/]+)/i.exec(stack)?.[1] : undefined;
		const granted = now.grants.map(grant => grant.role.roleName);
		return fail(
			`Deny assignment '${deny.name}' at ${deny.scope} blocks ${what}${granted.length > 0 ? `, which ${granted.join(', ')} would grant` : ''}: deny assignments win over every role. Azure makes them for what manages the resources (${stack ? 'here a deployment stack' : 'deployment stacks, managed applications'}), and only that can exclude the identity.`,
			{
				fix: stack
					? {
							text: `An owner of the deployment stack deploys it again with this identity among the excluded principals of its deny settings:`,
							command: `az stack group create --name ${stackName ?? '<stack>'} --resource-group ${stackGroup ?? '<resource-group>'} --template-file <template> --deny-settings-mode denyWriteAndDelete --deny-settings-excluded-principals ${objectId} --action-on-unmanage detachAll`,
						}
					: {
							text: `Ask whoever manages the deny assignment's resources (its name says what made it) to exclude ${objectId}, or do this through them.`,
						},
				facts: {...facts, denyAssignment: deny.name, denyAssignmentId: guid},
			},
		);
	}

	if (now.kind === 'allowed') {
		const grant = now.grants[0]!;
		const granted = now.grants.map(item => `${item.role.roleName} at ${item.assignment.scope}`).join(', ');
		const grantFacts = {
			...facts,
			grantedRole: grant.role.roleName,
			...(grant.assignment.createdOn ? {grantedAt: grant.assignment.createdOn} : {}),
		};
		// The token's groups are the ones of the moment it was issued; ARM reads them from it.
		if (tokenGroups !== undefined && decide({objectId, groups: tokenGroups}).kind !== 'allowed') {
			return fail(
				`${granted} grant${now.grants.length === 1 ? 's' : ''} ${what} through group ${grant.assignment.principalId}, but this token (issued ${issued ? shortTime(issued) : 'earlier'}) does not list the group: the identity joined it afterwards. A new token carries it.`,
				{fix: freshFix, facts: {...grantFacts, staleToken: 'yes'}},
			);
		}

		const newest = Math.max(...now.grants.map(item => Date.parse(item.assignment.createdOn ?? '') || 0));
		if (issued !== undefined && newest > issued + issuedSkewMs) {
			return fail(
				`${granted} grant${now.grants.length === 1 ? 's' : ''} ${what} since ${shortTime(newest)}, after this token was issued (${shortTime(issued)}): a token from before the grant is refused until it is replaced.`,
				{fix: freshFix, facts: {...grantFacts, staleToken: 'yes'}},
			);
		}

		return pass(
			`${granted} grant${now.grants.length === 1 ? 's' : ''} ${what}${grant.assignment.createdOn ? ` (assigned ${shortTime(Date.parse(grant.assignment.createdOn))})` : ''}. Were a call for it refused (403), its token would be older than the grant or the change not yet at ARM (up to ten minutes): a fresh token, a little later, gets through.`,
			{fix: freshFix, facts: grantFacts},
		);
	}

	// A user's token lists its groups as they were when it was issued; Graph says what they are now.
	// A group joined since is invisible to ARM (and may be what would grant this) until a new token.
	if (tokenGroups !== undefined && principalType === 'User') {
		const joined = await groupsJoinedSince(context, String(claims?.tid ?? ''), tokenGroups);
		if (joined.length > 0) {
			return fail(
				`The identity is in group${joined.length === 1 ? '' : 's'} ${joined.join(', ')} now, which this token (issued ${issued ? shortTime(issued) : 'earlier'}) does not list: it joined after the token was issued, and ARM reads groups from the token. With a fresh token, what the group's roles grant counts (check again then).`,
				{fix: freshFix, facts: {...facts, staleToken: 'yes'}},
			);
		}
	}

	// Not granted: a PIM-eligible role would, an ABAC condition holds it back, or there is no role.
	const eligible = ('value' in eligibilities ? eligibilities.value : []).find((eligibility: RoleEligibility) => {
		const role = builtInRole(eligibility.roleDefinitionId);
		return scopeCovers(eligibility.scope, scope) && role !== undefined && roleGrants(role, action, plane);
	});
	if (eligible) {
		const role = roleNameOf(builtInRole(eligible.roleDefinitionId), eligible.roleDefinitionId);
		return fail(
			`No active role grants ${what}, but the identity is eligible for ${role} at ${eligible.scope} in Privileged Identity Management: eligible roles grant nothing until activated. Activate your eligible role ${role} in PIM.`,
			{
				fix: {
					text: `Activate ${role} (portal: Privileged Identity Management > My roles > Azure resources > Eligible assignments > Activate), or:`,
					command: `az rest --method put --url "${services.cloud.resourceManager}${eligible.scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/$(uuidgen)?api-version=2020-10-01" --body '{"properties":{"principalId":"${objectId}","roleDefinitionId":"${eligible.roleDefinitionId}","requestType":"SelfActivate","justification":"authfix: ${action}","scheduleInfo":{"expiration":{"type":"AfterDuration","duration":"PT8H"}}}}'`,
				},
				facts: {...facts, eligibleRole: role, eligibleRoleId: eligible.roleDefinitionId, eligibleScope: eligible.scope},
			},
		);
	}

	const leastSentence = least
		? `The least privileged built-in role that grants ${action} is ${least.roleName}.`
		: `No built-in role authfix knows grants ${action}: a custom role with it is needed.`;
	const assign = least
		? {
				text: `${leastSentence} Someone with Owner, User Access Administrator or Role Based Access Control Administrator at ${scope} assigns it:`,
				command: `az role assignment create --assignee-object-id ${objectId} --assignee-principal-type ${principalType} --role "${least.roleName}" --scope ${scope}`,
			}
		: {text: `${leastSentence} Define it, then assign it at ${scope}.`};

	if (now.kind === 'condition') {
		const conditional = now.conditional[0]!;
		return fail(
			`Only ${now.conditional.map(item => `${item.role.roleName} at ${item.assignment.scope}`).join(', ')} grant${now.conditional.length === 1 ? 's' : ''} ${what}, with an ABAC condition (${conditional.assignment.condition}): ARM grants it only when the request meets the condition ("or an ABAC condition not fulfilled").`,
			{fix: assign, facts: {...facts, roleCondition: conditional.assignment.condition ?? ''}},
		);
	}

	const seen = refused(assignments)
		? `ARM would not list the identity's role assignments at ${scope} (that needs Microsoft.Authorization/roleAssignments/read there): it holds no role there that reads them, so none that grants ${what}.`
		: listed.length === 0
			? `The identity (${principalType} ${objectId}) has no role assignment at ${scope} or above, its own or its groups', so none grants ${what}.`
			: `Its role assignments at ${scope} and above (${listed.map((item: RoleAssignment) => `${roleNameOf(roleOf(item.roleDefinitionId), item.roleDefinitionId)} at ${item.scope}`).join(', ')}) do not grant ${what}.`;
	return fail(`${seen} ${leastSentence}`, {fix: assign, facts});
}
