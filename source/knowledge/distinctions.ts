/**
When a paste fits two families about equally, `explain` says it is not sure, names both and asks
the question that tells them apart. One entry per pair of families that real pastes confuse; a
family id ending in `*` stands for every id with that prefix (`aadsts-*`). Data only.
*/

export type Distinction = {
	readonly families: readonly [string, string];
	/** A question the user can answer from what they see, each answer naming the family it points to. */
	readonly question: string;
};

export const distinctions: readonly Distinction[] = [
	{
		families: ['arm-wrong-audience', 'api-invalid-audience'],
		question:
			'Which service refused the token? Azure Resource Manager (management.azure.com: az, Terraform, the ARM SDKs) means a token minted for another resource reached ARM; any other API (Graph, Key Vault, Storage, your own API) means that API expected another audience.',
	},
	{
		families: ['cli-not-logged-in', 'credential-chain-failed'],
		question:
			'Does the message list several credentials tried one after another (EnvironmentCredential, ManagedIdentityCredential, AzureCliCredential, …)? Several means the whole chain failed; only the Azure CLI, azd or Azure PowerShell means that tool is not signed in.',
	},
	{
		families: ['managed-identity-unavailable', 'credential-chain-failed'],
		question:
			'Does the message list several credentials tried one after another? Several means the whole chain failed; only ManagedIdentityCredential (or IMDS) means the managed identity itself is missing here.',
	},
	{
		families: ['managed-identity-unavailable', 'cli-not-logged-in'],
		question:
			'Where does the code run? On an Azure host (VM, App Service, Functions, AKS) it should use its managed identity; on a laptop or CI runner it should use the Azure CLI (or azd) sign-in.',
	},
	{
		families: ['token-expired', 'api-invalid-audience'],
		question:
			"In the token the API rejected (authfix decode shows it), is 'exp' in the past, or is 'aud' not the API's identifier? A past 'exp' means it expired; a foreign 'aud' means it was issued for another audience.",
	},
	{
		families: ['token-expired', 'arm-wrong-audience'],
		question:
			"In the token ARM rejected (authfix decode shows it), is 'exp' in the past, or is 'aud' something other than https://management.azure.com/? A past 'exp' means it expired; another 'aud' means it was minted for another resource.",
	},
	{
		families: ['token-expired', 'cli-not-logged-in'],
		question:
			"Does 'az account get-access-token' work? If it fails, the CLI's sign-in expired: sign in again. If it works, an API rejected an old token your code or pipeline kept.",
	},
	{
		families: ['arm-token-tenant-mismatch', 'subscription-context'],
		question:
			"Does the error name a token issuer or tenant that differs from the subscription's (run 'authfix tenant <subscription-id>' and compare with 'az account show --query tenantId')? A different tenant means the token is from the wrong tenant; the same tenant means the subscription is wrong or invisible in this context.",
	},
	{
		families: ['arm-token-tenant-mismatch', 'arm-aux-token'],
		question:
			'Does the call touch a resource in a second tenant (a linked subscription, a peered network, a shared image gallery)? Yes means it needs an auxiliary token for that tenant; no means the primary token is from the wrong tenant.',
	},
	{
		families: ['authorization-failed', 'arm-aux-token'],
		question:
			'Is the missing permission on a scope in another subscription or tenant (a linked scope)? Yes means the cross-tenant (auxiliary) part failed; no means the identity lacks a role on this scope.',
	},
	{
		families: ['authorization-failed', 'subscription-context'],
		question:
			"Is the response a 403 naming an action the identity may not perform? That is a missing role. A 'not found' for the subscription itself means the wrong or an invisible subscription.",
	},
	{
		families: ['authorization-failed', 'api-invalid-audience'],
		question:
			'Was the status 401 or 403? A 401 means the token itself was rejected (its audience); a 403 means the token was accepted but the identity lacks permission.',
	},
	{
		families: ['cli-not-logged-in', 'subscription-context'],
		question:
			"Does 'az account show' print an account? No means the CLI is not signed in; yes, but not the subscription you need, means the subscription is wrong or not visible to that account.",
	},
	{
		families: ['cli-not-logged-in', 'aadsts-*'],
		question:
			'Does the complete error carry an AADSTS code? With one, Entra refused the sign-in for that reason; without one, the CLI simply has no sign-in yet.',
	},
	{
		families: ['managed-identity-unavailable', 'aadsts-*'],
		question:
			'Did the managed identity endpoint answer? No answer, or "identity not assigned", means there is no usable managed identity here; an AADSTS code means Entra refused the identity\'s token request.',
	},
	{
		families: ['token-expired', 'aadsts-*'],
		question:
			'Did an API reject a token it was sent (the token expired), or did the sign-in or token endpoint refuse to issue one (an AADSTS error)?',
	},
	{
		families: ['api-invalid-audience', 'aadsts-*'],
		question:
			'Did an API reject a token it was sent (its audience), or did the sign-in or token endpoint refuse to issue one (an AADSTS error)?',
	},
];

function matches(pattern: string, family: string): boolean {
	return pattern.endsWith('*') ? family.startsWith(pattern.slice(0, -1)) : pattern === family;
}

/** The distinction between two families, in either order, if there is one. */
export function distinctionOf(first: string, second: string): Distinction | undefined {
	return distinctions.find(
		({families: [a, b]}) => (matches(a, first) && matches(b, second)) || (matches(a, second) && matches(b, first)),
	);
}
