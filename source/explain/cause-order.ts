/**
Re-ranks an entry's causes with what the text shows: a Key Vault action puts the data-plane
cause first, an ID token puts the ID-token cause first, and so on. Keyed by family and by the
start of the cause's text, so the knowledge data stays plain data.
*/
type Hint = {
	readonly family: string;
	/** The start of the cause's text (lower case). */
	readonly cause: string;
	/** Evidence in the flat lower-case text. */
	readonly when: RegExp;
};

const hints: readonly Hint[] = [
	{
		family: 'authorization-failed',
		cause: 'a data-plane permission',
		when: /microsoft\.keyvault|forbiddenbyrbac|storage|blob|authorization_requestdenied|insufficient privileges|dataactions|does not have (?:secrets|keys|certificates)/,
	},
	{
		family: 'authorization-failed',
		cause: 'the role was granted recently',
		when: /recently (?:granted|assigned|changed)|propagat/,
	},
	{family: 'api-invalid-audience', cause: 'an id token was sent', when: /id[ _]?token|\/\.auth\/me|idtyp|nonce/},
	{
		family: 'api-invalid-audience',
		cause: 'v1 vs v2 mismatch',
		when: /\bv1\b|\bv2\b|accesstokenacceptedversion|api:\/\//,
	},
	{
		family: 'arm-wrong-audience',
		cause: 'a sovereign cloud mismatch',
		when: /usgovcloudapi|chinacloudapi|microsoftonline\.us|azure ?(?:us ?)?gov|azure ?china/,
	},
	{family: 'token-expired', cause: 'clock skew', when: /not yet valid|idx10222|clock|skew|nbf/},
	{family: 'token-expired', cause: 'a token was captured once', when: /get-access-token|pipeline|variable/},
	{
		family: 'subscription-context',
		cause: 'the cli is signed in with',
		when: /allow-no-subscriptions|tenant level account|doesn't exist in cloud|does not exist in cloud|setting up subscription/,
	},
	{
		family: 'subscription-context',
		cause: 'the subscription is new',
		when: /subscription [0-9a-f-]{36} was not found|provider|not registered|disabled/,
	},
	{
		family: 'subscription-context',
		cause: 'the subscription lives in another tenant',
		when: /another tenant|different tenant|wrong tenant|--tenant/,
	},
	{
		family: 'cli-not-logged-in',
		cause: 'the azure cli is not installed',
		when: /not found on path|not installed|not recognized|command not found|could not be found|no such file/,
	},
	{family: 'cli-not-logged-in', cause: 'the sign-in expired', when: /expired|logged out|revoked|refresh token/},
	{
		family: 'managed-identity-unavailable',
		cause: 'a user-assigned identity',
		when: /not been assigned|identity not found|client[_ ]?id|user[- ]assigned/,
	},
	{
		family: 'managed-identity-unavailable',
		cause: 'the endpoint is there',
		when: /pod-identity|nmi|404|retries|status code/,
	},
	{
		family: 'arm-aux-token',
		cause: 'the identity has permission on the primary scope',
		when: /on the linked scope|linked scope\(s\)/,
	},
	{
		family: 'arm-aux-token',
		cause: 'an auxiliary token was sent',
		when: /auxiliary token|x-ms-authorization-auxiliary|expired/,
	},
	{
		family: 'arm-token-tenant-mismatch',
		cause: 'a pipeline service connection',
		when: /service connection|azure devops|pipeline|azure\/login|github actions|##\[error\]|\*\*\*/,
	},
	{
		family: 'arm-token-tenant-mismatch',
		cause: 'the azure cli context was not refreshed',
		when: /transferred|moved (?:to|the subscription)/,
	},
];

/** The indexes of `causes` in the order to show them: hinted causes first, then the entry's order. */
export function orderCauses(family: string, causes: readonly {readonly text: string}[], lower: string): number[] {
	const promoted: number[] = [];
	for (const hint of hints) {
		if (hint.family !== family || !hint.when.test(lower)) continue;
		const index = causes.findIndex(cause => cause.text.toLowerCase().startsWith(hint.cause));
		if (index !== -1 && !promoted.includes(index)) promoted.push(index);
	}

	return [...promoted, ...causes.map((_cause, index) => index).filter(index => !promoted.includes(index))];
}
