/**
Nodes shared by every path: the symptom picker, the health check, the verification (the replay of
the failing call) and the outcomes.
*/
import type {TreeNode} from './types.ts';

export const commonNodes = [
	{
		kind: 'question',
		id: 'symptom',
		prompt: 'What fails?',
		help: 'Pick the closest. Enter takes the first line, the full health check.',
		answers: [
			{label: 'Not sure: run the health check', next: 'health-cli', recommended: true},
			{label: 'A call to Azure Resource Manager returns 401', next: 'arm-401'},
			{label: 'A call returns 403 (authenticated, but not allowed)', next: 'authz-token-tenant'},
			{label: 'Sign-in or a token request fails with AADSTS…', next: 'aadsts-token'},
			{label: 'The Azure CLI says to run az login', next: 'cli-check'},
			{label: 'The subscription is not found or not the right one', next: 'subctx-cli'},
			{label: 'Graph, Key Vault or my own API rejects the token', next: 'api-aud-check'},
			{label: 'Managed identity is unavailable', next: 'mi-credential'},
			{label: 'DefaultAzureCredential failed', next: 'chain-credential'},
			{label: 'A federated credential (workload identity) is refused', next: 'fic-check'},
			{label: 'It worked before, now another tenant or account answers', next: 'stale-cache'},
		],
	},
	{
		kind: 'question',
		id: 'arm-401',
		prompt: 'ARM answered 401. Which error code does the response carry?',
		help: 'The code is in the JSON body ("code") and the WWW-Authenticate header.',
		answers: [
			{label: 'Not sure: check the token against the subscription', next: 'tm-subscription-tenant', recommended: true},
			{label: 'InvalidAuthenticationTokenTenant (wrong issuer)', next: 'tm-subscription-tenant'},
			{label: 'InvalidAuthenticationTokenAudience (wrong audience)', next: 'aud-check'},
			{label: 'ExpiredAuthenticationToken', next: 'exp-check'},
			{label: 'LinkedAuthorizationFailed or an auxiliary token error', next: 'aux-subscription-tenant'},
		],
	},
	// The health check: every check in order, each failure jumps to its fix.
	{
		kind: 'check',
		id: 'health-cli',
		check: 'cli-context',
		title: 'Looking at the Azure CLI sign-in',
		next: {pass: 'health-credential', fail: 'cli-fix-login', skip: 'health-credential'},
	},
	{
		kind: 'check',
		id: 'health-credential',
		check: 'credential-source',
		title: 'Finding the credential your code would use',
		next: {pass: 'health-subscription', fail: 'chain-ask', warn: 'health-subscription'},
	},
	{
		kind: 'check',
		id: 'health-subscription',
		check: 'subscription-tenant',
		title: 'Finding the tenant of the subscription',
		next: {pass: 'health-token', fail: 'subctx-fix-set'},
	},
	{
		kind: 'check',
		id: 'health-token',
		check: 'fresh-token',
		title: 'Getting a fresh token for Azure Resource Manager',
		next: {pass: 'health-token-tenant', fail: 'aadsts-advice'},
	},
	{
		kind: 'check',
		id: 'health-token-tenant',
		check: 'token-tenant',
		title: "Comparing the token's tenant with the subscription's",
		next: {pass: 'health-audience', fail: 'tm-why'},
	},
	{
		kind: 'check',
		id: 'health-audience',
		check: 'token-audience',
		title: "Checking the token's audience",
		next: {pass: 'health-expiry', fail: 'aud-fix'},
	},
	{
		kind: 'check',
		id: 'health-expiry',
		check: 'token-expiry',
		title: "Checking the token's lifetime and this machine's clock",
		next: {pass: 'health-cache', fail: 'exp-why'},
	},
	{
		kind: 'check',
		id: 'health-cache',
		check: 'cache-state',
		title: 'Looking for stale entries in the token caches',
		next: {pass: 'healthy', fail: 'stale-fix-purge', warn: 'healthy'},
	},
	// The verification every fix ends with.
	{
		kind: 'verify',
		id: 'verify',
		title: 'Replaying the failing call with a fresh token',
		next: {fixed: 'fixed', nowForbidden: 'authz-fix-role', stillFailing: 'still-failing'},
	},
	{
		kind: 'question',
		id: 'still-failing',
		prompt: 'The call still fails. What next?',
		help: 'The replay above shows the new error; the health check looks at everything else.',
		answers: [
			{label: 'Run the full health check', next: 'health-cli', recommended: true},
			{label: 'Pick the symptom again', next: 'symptom'},
			{label: 'Stop here and keep the report', next: 'unresolved'},
		],
	},
	{
		kind: 'outcome',
		id: 'fixed',
		verdict: 'fixed',
		summary: 'Verified: the failing call now succeeds.',
		advice: 'The session is saved; `authfix sessions export` gives a report to paste into an issue.',
	},
	{
		kind: 'outcome',
		id: 'healthy',
		verdict: 'healthy',
		summary: 'Every check passed: sign-in, subscription, token tenant, audience, lifetime and caches.',
		advice: 'If a call still fails, paste its error: `authfix explain` or the paste entry of `authfix`.',
	},
	{
		kind: 'outcome',
		id: 'unresolved',
		verdict: 'unresolved',
		summary: 'Not fixed yet.',
		advice: 'Export the session (`authfix sessions export --format md`) and attach it to a ticket.',
	},
	{
		kind: 'outcome',
		id: 'profile-skipped',
		verdict: 'info',
		summary: 'Nothing pinned: authfix keeps using the Azure CLI context.',
	},
	{
		kind: 'outcome',
		id: 'saved-session',
		verdict: 'info',
		summary: 'A saved session, shown as it was recorded.',
	},
	{
		kind: 'question',
		id: 'decode-ask',
		prompt: 'The claims are above. What did the API say about this token?',
		help: 'Only claims are kept; the token itself is never stored or printed.',
		answers: [
			{label: 'Not sure: run the health check', next: 'health-cli', recommended: true},
			{label: 'Wrong tenant or issuer', next: 'tm-subscription-tenant'},
			{label: 'Wrong audience', next: 'aud-check'},
			{label: 'Expired', next: 'exp-check'},
			{label: 'Graph or another API calls it invalid', next: 'api-aud-check'},
		],
	},
] as const satisfies readonly TreeNode[];
