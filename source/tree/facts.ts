/**
What a session knows, by name: one name per fact, typed. Facts come in at four boundaries, each of
which names them with these names and nothing else: the pasted error (`explain`'s entities), the
live checks (a finding's facts), a pick from a live list, and the decode entry (a token's claims).
Tree texts name facts as `{placeholders}` (engine/fill.ts fills them); `tree/index.ts` checks at
compile time that every placeholder is a FactName, so a typo fails the typecheck.
*/

/** Every fact the tree, the engine and the services read. */
export const factNames = [
	// The failing call and where it goes.
	'subscriptionId',
	'linkedSubscriptionId',
	'requestUrl',
	'requestMethod',
	'failedWith',
	'auxiliaryHeader',
	// Tenants: the subscription's, the token's, the one an error names, the auxiliary one.
	'subscriptionTenant',
	'tokenTenant',
	'tenantId',
	'targetTenantId',
	'auxTenant',
	// Who signs in and what for.
	'clientId',
	// The client the user runs, as a credential kind (target.ts credentialKindFrom): the replay uses it too.
	'credential',
	'principalId',
	'userPrincipalName',
	'signInKind',
	'audience',
	'expectedAudience',
	'armAudience',
	'resource',
	'issuer',
	'authority',
	'code',
	// The ids support traces a token endpoint's refusal by.
	'traceId',
	'correlationId',
	// The language (or tool) of the failing client (knowledge/languages.ts): from the pasted error, or
	// the SDK or tool the credential sources show. Code fixes are shown in it.
	'language',
	// Clock skew the checks measured.
	'skew',
	'auxSkew',
	// Federated credentials across tenants (the federated-credential check).
	'homeAppId',
	'homeAppPrincipalId',
	'homeAppConsented',
	'homeAppFederated',
	'identityTenantId',
	'identityObjectId',
	'identityIssuer',
	// The credential source in use (the credential-source check) and the assertion it federates.
	'credentialOrigin',
	'credentialTenant',
	'tenantVariable',
	'assertionIssuer',
	'assertionSubject',
	'assertionAudience',
	'ficName',
	// Authorisation (403): the operation refused and its scope, the linked ones of a
	// LinkedAuthorizationFailed, and what the role-assignments check found.
	'action',
	'scope',
	'linkedAction',
	'linkedScope',
	'principalType',
	/** The least privileged built-in role that grants the operation, and the scope to assign it at. */
	'role',
	'roleScope',
	/** A role that grants it now, and since when (the token may predate it). */
	'grantedRole',
	'grantedAt',
	'staleToken',
	/** A PIM-eligible (not active) role that would grant it, and its scope. */
	'eligibleRole',
	'eligibleRoleId',
	'eligibleScope',
	/** The deny assignment that blocks it. */
	'denyAssignment',
	'denyAssignmentId',
	/** The ABAC condition of the only assignments that grant it. */
	'roleCondition',
] as const;

export type FactName = (typeof factNames)[number];

/** Facts learnt so far: strings only; redacted again when saved or printed. */
export type Facts = Readonly<Partial<Record<FactName, string>>>;

const known = new Set<string>(factNames);

export function isFactName(name: string): name is FactName {
	return known.has(name);
}

/**
The facts among a record's entries (a finding's report, `explain`'s entities, a live list's item):
the ones with a FactName and a non-empty string value. Anything else is the source's own detail.
*/
export function factsOf(record: Readonly<Record<string, unknown>> | undefined): Facts {
	const facts: Partial<Record<FactName, string>> = {};
	for (const [name, value] of Object.entries(record ?? {})) {
		if (isFactName(name) && typeof value === 'string' && value !== '') facts[name] = value;
	}

	return facts;
}

type Letter =
	| 'a'
	| 'b'
	| 'c'
	| 'd'
	| 'e'
	| 'f'
	| 'g'
	| 'h'
	| 'i'
	| 'j'
	| 'k'
	| 'l'
	| 'm'
	| 'n'
	| 'o'
	| 'p'
	| 'q'
	| 'r'
	| 's'
	| 't'
	| 'u'
	| 'v'
	| 'w'
	| 'x'
	| 'y'
	| 'z';
type IsWord<S extends string> = S extends ''
	? false
	: S extends `${infer Head}${infer Rest}`
		? Lowercase<Head> extends Letter
			? Rest extends ''
				? true
				: IsWord<Rest>
			: false
		: false;

/** The `{name}` placeholders of a string literal type, as `fillPlaceholders` finds them (letters only). */
export type PlaceholdersOf<S> = S extends `${string}{${infer Tail}`
	? Tail extends `${infer Name}}${infer Rest}`
		? IsWord<Name> extends true
			? Name | PlaceholdersOf<Rest>
			: PlaceholdersOf<Tail>
		: never
	: never;

/** Every string literal inside a value's type (the `as const` tree nodes). */
export type StringsOf<T> = T extends string
	? T
	: T extends readonly (infer Item)[]
		? StringsOf<Item>
		: T extends object
			? {[Key in keyof T]: StringsOf<T[Key]>}[keyof T]
			: never;

/** The placeholders in `T`'s strings that name no fact: `never` when every one is a FactName. */
export type UnknownPlaceholders<T> = Exclude<PlaceholdersOf<StringsOf<T>>, FactName>;
