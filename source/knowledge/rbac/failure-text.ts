/**
What an ARM authorisation failure says, read from its message: the operation and scope refused,
who was refused, and for the variants the deny assignment that blocked it, the linked scope whose
operation is missing, or the linked subscription another tenant's token is needed for. The
templates are ARM's own (research: AuthorizationFailed with and without the ABAC wording,
DenyAssignmentAuthorizationFailed, LinkedAuthorizationFailed in its three forms).
*/

export type AuthorizationFailure = {
	readonly code: 'AuthorizationFailed' | 'DenyAssignmentAuthorizationFailed' | 'LinkedAuthorizationFailed';
	/** The first quoted value: a user's name or an app's client id. */
	readonly client?: string;
	readonly objectId?: string;
	readonly action?: string;
	readonly scope?: string;
	/** The message says "or an ABAC condition not fulfilled". */
	readonly condition?: boolean;
	readonly denyAssignmentName?: string;
	readonly denyAssignmentId?: string;
	readonly denyScope?: string;
	readonly linkedAction?: string;
	readonly linkedScopes?: readonly string[];
	readonly linkedSubscription?: string;
	readonly currentTenant?: string;
};

const quoted = "'([^']*)'";
const client = String.raw`The\s+client(?:\s+'([^']*)'\s+with\s+object\s+id\s+'([^']*)')?`;

const patterns = {
	failed: new RegExp(
		`${client}\\s+does not have authorization( or an ABAC condition not fulfilled)? to perform action ${quoted} over scope ${quoted}`,
		'i',
	),
	deny: new RegExp(
		`${client}\\s+has permission to perform action ${quoted} on scope ${quoted}; however, the access is denied because of the deny assignment with name ${quoted} and Id ${quoted} at scope ${quoted}`,
		'i',
	),
	linkedPermission: new RegExp(
		`${client}\\s+has permission to perform action ${quoted} on scope ${quoted};? however,? it does not have permission to perform action ${quoted} on the linked scope\\(s\\) ?${quoted}`,
		'i',
	),
	linkedTenant: new RegExp(
		`${client}\\s+has permission to perform action ${quoted} on scope ${quoted},? however the current tenant ${quoted} is not authorized to access linked subscription ${quoted}`,
		'i',
	),
	linkedMissing: new RegExp(
		`${client}\\s+has permission to perform action ${quoted} on scope ${quoted},? however the linked subscription ${quoted} was not found`,
		'i',
	),
} as const;

const usable = (value: string | undefined) => (value && !/^[*x-]+$|^<.*>$/i.test(value) ? value : undefined);

function who(match: RegExpExecArray) {
	const name = usable(match[1]);
	const objectId = usable(match[2]);
	return {...(name ? {client: name} : {}), ...(objectId ? {objectId} : {})};
}

/** The failure an ARM 403 message describes, or undefined when the text is not one. */
export function parseAuthorizationFailure(text: string): AuthorizationFailure | undefined {
	const flat = text.replaceAll(/\s+/g, ' ');
	const failed = patterns.failed.exec(flat);
	if (failed) {
		return {
			code: 'AuthorizationFailed',
			...who(failed),
			action: failed[4]!,
			scope: failed[5]!,
			...(failed[3] ? {condition: true} : {}),
		};
	}

	const deny = patterns.deny.exec(flat);
	if (deny) {
		return {
			code: 'DenyAssignmentAuthorizationFailed',
			...who(deny),
			action: deny[3]!,
			scope: deny[4]!,
			denyAssignmentName: deny[5]!,
			denyAssignmentId: deny[6]!,
			denyScope: deny[7]!,
		};
	}

	const linked = patterns.linkedPermission.exec(flat);
	if (linked) {
		return {
			code: 'LinkedAuthorizationFailed',
			...who(linked),
			action: linked[3]!,
			scope: linked[4]!,
			linkedAction: linked[5]!,
			linkedScopes: linked[6]!
				.split(',')
				.map(scope => scope.trim())
				.filter(Boolean),
		};
	}

	const tenant = patterns.linkedTenant.exec(flat);
	if (tenant) {
		return {
			code: 'LinkedAuthorizationFailed',
			...who(tenant),
			action: tenant[3]!,
			scope: tenant[4]!,
			currentTenant: tenant[5]!,
			linkedSubscription: tenant[6]!,
		};
	}

	const missing = patterns.linkedMissing.exec(flat);
	if (missing) {
		return {
			code: 'LinkedAuthorizationFailed',
			...who(missing),
			action: missing[3]!,
			scope: missing[4]!,
			linkedSubscription: missing[5]!,
		};
	}

	return undefined;
}

/** The GUID of a deny assignment id as ARM prints it in the message: without dashes. */
export function denyAssignmentGuid(printed: string): string | undefined {
	const hex = printed.replaceAll('-', '').toLowerCase();
	if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
