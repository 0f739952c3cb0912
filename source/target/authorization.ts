/**
What a call asks ARM to authorise: an operation (`Microsoft.Storage/storageAccounts/listKeys/action`)
at a scope (`/subscriptions/{id}/resourceGroups/{rg}/providers/…`). One validator for each, and the
one reading of an ARM request as the operation and scope ARM checks for it: GET reads, PUT and PATCH
write, DELETE deletes, a POST to `{resource}/{name}` is `{type}/{name}/action`; listing a collection
reads its type at the parent's scope; an extension resource (`…/providers/Microsoft.Authorization/roleAssignments`)
is authorised at the resource it extends.
*/
import {UsageError} from '../usage-error.ts';

declare const brand: unique symbol;

/** An RBAC operation name: `{Provider}/{type}[/{type}…]/{read|write|delete|name/action}`. */
export type ArmAction = string & {readonly [brand]: 'ArmAction'};
/** An RBAC scope: `/`, a management group, a subscription, a resource group or a resource id. */
export type ArmScope = string & {readonly [brand]: 'ArmScope'};

const actionPattern = /^[A-Za-z][\w.-]*(?:\/[\w.*-]+)+$/;
const scopePattern = /^\/(?:[\w.()~-]+(?:\/[\w.()~-]+)*)?$/;

export function parseArmAction(value: string): ArmAction | undefined {
	const trimmed = value.trim();
	return trimmed.length <= 300 && actionPattern.test(trimmed) ? (trimmed as ArmAction) : undefined;
}

export function parseArmScope(value: string): ArmScope | undefined {
	const trimmed = value.trim();
	const scope = trimmed.length > 1 ? trimmed.replace(/\/+$/, '') : trimmed;
	return scope.length <= 1000 && scopePattern.test(scope) ? (scope as ArmScope) : undefined;
}

export function armActionFrom(value: string, source: string): ArmAction {
	const action = parseArmAction(value);
	if (action) return action;
	throw new UsageError(
		`${source} takes an operation such as Microsoft.Storage/storageAccounts/read, not '${value.slice(0, 80)}'`,
	);
}

export function armScopeFrom(value: string, source: string): ArmScope {
	const scope = parseArmScope(value);
	if (scope) return scope;
	throw new UsageError(
		`${source} takes a scope such as /subscriptions/<id>/resourceGroups/<group>, not '${value.slice(0, 80)}'`,
	);
}

const verbs: Readonly<Record<string, string>> = {
	GET: 'read',
	HEAD: 'read',
	PUT: 'write',
	PATCH: 'write',
	DELETE: 'delete',
};

/**
The operation and scope ARM authorises for a request (a path or a URL, with or without a query), or
undefined when the path is not an ARM resource path.
*/
export function requestAuthorization(
	method: string,
	pathOrUrl: string,
): {readonly action: ArmAction; readonly scope: ArmScope} | undefined {
	let path = pathOrUrl;
	try {
		path = new URL(pathOrUrl).pathname;
	} catch {
		path = pathOrUrl.split(/[?#]/)[0] ?? '';
	}

	const segments = path
		.split('/')
		.filter(Boolean)
		.map(segment => {
			try {
				return decodeURIComponent(segment);
			} catch {
				return segment;
			}
		});
	const verb = method.toUpperCase() === 'POST' ? 'action' : verbs[method.toUpperCase()];
	if (!verb || segments.length === 0) return undefined;
	const scopeOf = (parts: readonly string[]) => parseArmScope(`/${parts.join('/')}`);
	const result = (action: string, parts: readonly string[]) => {
		const scope = scopeOf(parts);
		const armAction = parseArmAction(action);
		return scope && armAction ? {action: armAction, scope} : undefined;
	};

	const last = segments.map(segment => segment.toLowerCase()).lastIndexOf('providers');
	if (last === -1 || last + 1 >= segments.length) {
		// Subscriptions and resource groups: Microsoft.Resources by their own paths.
		if (segments[0]?.toLowerCase() !== 'subscriptions' || segments.length > 4 || verb === 'action') return undefined;
		if (segments.length === 2) return result(`Microsoft.Resources/subscriptions/${verb}`, segments);
		if (segments[2]?.toLowerCase() !== 'resourcegroups') return undefined;
		return result(
			`Microsoft.Resources/subscriptions/resourcegroups/${verb}`,
			segments.length === 3 ? segments.slice(0, 2) : segments,
		);
	}

	// {scope}/providers/{namespace}/{type}/{name}[/{type}/{name}…][/{type} | /{action}]
	const namespace = segments[last + 1]!;
	const rest = segments.slice(last + 2);
	if (rest.length === 0) return undefined;
	const types = rest.filter((_segment, index) => index % 2 === 0);
	const odd = rest.length % 2 === 1;
	if (odd && verb === 'action') {
		// A POST to a resource: its last segment names the action.
		const name = types.pop()!;
		if (types.length === 0) return undefined;
		return result(`${namespace}/${types.join('/')}/${name}/action`, segments.slice(0, -1));
	}

	const action = `${namespace}/${types.join('/')}/${verb === 'action' ? 'read' : verb}`;
	// Listing a collection is reading its type at the parent's scope.
	return result(action, odd ? segments.slice(0, rest.length === 1 ? last : -1) : segments);
}
