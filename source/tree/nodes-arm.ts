/**
Azure Resource Manager paths: wrong tenant (the seed failure), wrong audience, expired tokens,
auxiliary tokens, 401 vs 403, the subscription context and stale caches.
*/
import {codeFixStep} from '../knowledge/index.ts';
import type {TreeNode} from './types.ts';

/** The ARM token the walk's checks asked for (`expectedAudience`), requested in the client's own API. */
const armTokenInCode = codeFixStep('token-for-resource', {
	resource: '{expectedAudience}',
	scope: '{expectedAudience}/.default',
});

/** Sign in to the subscription's tenant and select the subscription: what every fix for a wrong or stale sign-in ends with. */
const signInToSubscription = {
	effect: {kind: 'sign-in', tenant: '{subscriptionTenant}'},
	steps: [
		{text: 'Sign in to the tenant the subscription belongs to', command: 'az login --tenant {subscriptionTenant}'},
		{text: 'Select the subscription', command: 'az account set --subscription {subscriptionId}'},
	],
} as const;

export const armNodes = [
	// Wrong tenant: the token's issuer is not the subscription's tenant.
	{
		kind: 'check',
		id: 'tm-subscription-tenant',
		check: 'subscription-tenant',
		title: 'Finding the tenant the subscription belongs to',
		next: {pass: 'tm-token-tenant', fail: 'subctx-fix-set'},
	},
	{
		kind: 'check',
		id: 'tm-token-tenant',
		check: 'token-tenant',
		title: "Comparing your token's tenant with the subscription's tenant",
		next: {pass: 'tm-source', fail: 'tm-why'},
	},
	{
		kind: 'check',
		id: 'tm-source',
		check: 'credential-source',
		// authfix's own token is right: the failing call may come from a tool or pipeline that signs in elsewhere.
		title: 'Looking at every credential source here, and the tenant each signs in to',
		next: {pass: 'tm-cache', fail: 'src-why', warn: 'tm-cache', error: 'tm-cache'},
	},
	{
		kind: 'check',
		id: 'tm-why',
		check: 'cache-state',
		title: 'Telling a sign-in to the wrong tenant from a stale cache of an earlier tenant',
		// The caches file the subscription under another tenant: a stale cache, purged with a backup.
		next: {pass: 'tm-fix-login', fail: 'stale-fix-purge', skip: 'tm-fix-login', error: 'tm-fix-login'},
	},
	{
		kind: 'check',
		id: 'tm-cache',
		check: 'cache-state',
		title: 'Looking for cached tokens of another tenant',
		next: {pass: 'tm-ask-client', fail: 'stale-fix-purge'},
	},
	{
		kind: 'question',
		id: 'tm-ask-client',
		prompt: 'authfix now gets a token from the right tenant. Which client made the failing call?',
		help: 'SDK credentials pick their tenant on their own; pin it to {subscriptionTenant}.',
		answers: [
			{label: 'My code (an Azure SDK credential)', next: 'tm-fix-sdk', recommended: true},
			{label: 'The Azure CLI or a script around it', next: 'tm-fix-login'},
		],
	},
	{
		kind: 'fix',
		id: 'tm-fix-login',
		title: 'Sign in to the tenant that owns the subscription',
		why: 'The token came from tenant {tokenTenant}, but subscription {subscriptionId} lives in tenant {subscriptionTenant}. ARM only accepts tokens from the tenant the subscription belongs to.',
		mode: 'safe',
		action: 'login-tenant',
		effects: [signInToSubscription.effect],
		steps: signInToSubscription.steps,
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'tm-fix-sdk',
		title: "Pin the credential to the subscription's tenant",
		why: 'Credentials default to the home tenant of the signed-in identity; subscription {subscriptionId} needs tokens from {subscriptionTenant}.',
		mode: 'manual',
		action: 'login-tenant',
		effects: [signInToSubscription.effect],
		steps: [
			{text: 'Environment for DefaultAzureCredential', command: 'export AZURE_TENANT_ID={subscriptionTenant}'},
			codeFixStep('pin-tenant', {tenant: '{subscriptionTenant}', subscription: '{subscriptionId}'}),
		],
		next: 'verify',
	},
	// Wrong audience.
	{
		kind: 'check',
		id: 'aud-check',
		check: 'token-audience',
		title: "Checking the token's audience against Azure Resource Manager",
		next: {pass: 'aud-ask-client', fail: 'aud-fix'},
	},
	{
		kind: 'fix',
		id: 'aud-fix',
		title: 'Request the token for Azure Resource Manager',
		why: 'The token was minted for {audience}; ARM accepts only its own audience ({expectedAudience}).',
		mode: 'safe',
		action: 'token-audience',
		effects: [{kind: 'request-audience', audience: '{expectedAudience}'}],
		steps: [{text: 'Azure CLI', command: 'az account get-access-token --resource {expectedAudience}'}, armTokenInCode],
		next: 'verify',
	},
	{
		kind: 'question',
		id: 'aud-ask-client',
		prompt: "authfix's own token has the right audience. Where does the failing token come from?",
		answers: [
			{label: 'My code requests it with a scope', next: 'aud-fix-code', recommended: true},
			{label: 'I pasted a token copied from somewhere else', next: 'aud-fix'},
		],
	},
	{
		kind: 'fix',
		id: 'aud-fix-code',
		title: 'Ask for the ARM scope in code',
		why: 'A token is only valid for the resource named in the scope it was requested for.',
		mode: 'manual',
		action: 'token-audience',
		effects: [{kind: 'request-audience', audience: '{armAudience}'}],
		steps: [armTokenInCode, {text: 'Do not reuse a Graph or ID token for ARM calls'}],
		next: 'verify',
	},
	// Expired tokens. An expired auxiliary token reads like any expired token: the request's header or
	// the error's words tell it apart.
	{
		kind: 'route',
		id: 'exp-start',
		title: 'An expired auxiliary token is a cross-tenant call',
		routes: [
			{
				when: {fact: 'auxiliaryHeader'},
				label: 'the call sends x-ms-authorization-auxiliary',
				next: 'aux-subscription-tenant',
			},
			{
				when: {fact: 'paste', matches: 'auxiliary'},
				label: 'the error names the auxiliary token',
				next: 'aux-subscription-tenant',
			},
		],
		otherwise: 'exp-check',
	},
	{
		kind: 'check',
		id: 'exp-check',
		check: 'token-expiry',
		title: "Checking the token's lifetime and this machine's clock",
		next: {pass: 'exp-aux', fail: 'exp-why'},
	},
	{
		kind: 'route',
		id: 'exp-why',
		title: 'A token born expired points at a clock, not at a stored token',
		routes: [{when: {fact: 'skew'}, label: 'issued already expired (clock skew)', next: 'exp-fix-clock'}],
		otherwise: 'exp-fix-refresh',
	},
	{
		kind: 'check',
		id: 'exp-aux',
		check: 'aux-tokens',
		title: 'Checking the auxiliary tokens of a cross-tenant call',
		next: {pass: 'exp-cache', fail: 'aux-why', skip: 'exp-cache'},
	},
	{
		kind: 'fix',
		id: 'exp-fix-refresh',
		title: 'Get a fresh token',
		why: 'The token expired; tokens live about an hour and must be requested again, not stored.',
		mode: 'safe',
		action: 'refresh-token',
		effects: [{kind: 'fresh-token'}],
		steps: [
			{
				text: 'A new token (the Azure CLI refreshes it)',
				command: 'az account get-access-token --resource {expectedAudience}',
			},
		],
		next: 'verify',
	},
	{
		kind: 'check',
		id: 'exp-cache',
		check: 'cache-state',
		title: 'Looking for expired tokens held in the caches',
		next: {pass: 'exp-ask', fail: 'stale-fix-purge'},
	},
	{
		kind: 'question',
		id: 'exp-ask',
		prompt: 'Fresh tokens are fine here. Where did the expired one come from?',
		answers: [
			{
				label: 'My code keeps a token instead of asking the credential each time',
				next: 'exp-fix-code',
				recommended: true,
			},
			{label: "This machine's clock is wrong", next: 'exp-fix-clock'},
		],
	},
	{
		kind: 'fix',
		id: 'exp-fix-code',
		title: 'Ask the credential for a token on every call',
		why: 'Credentials cache and refresh tokens themselves; a token kept in a variable expires.',
		mode: 'manual',
		action: 'refresh-token',
		effects: [{kind: 'fresh-token'}],
		steps: [codeFixStep('fresh-token', {resource: '{expectedAudience}', scope: '{expectedAudience}/.default'})],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'exp-fix-clock',
		title: "Correct this machine's clock",
		why: 'Token lifetimes are checked against the server clock with little skew allowed.',
		mode: 'admin',
		action: 'fix-clock',
		// In the sandbox the clock that is off is the tenant's token service's.
		effects: [
			{kind: 'sandbox', operation: 'clear-clock-offset', params: {tenantId: '{tokenTenant}'}},
			{kind: 'fresh-token'},
		],
		steps: [{text: 'Turn on time synchronisation', command: 'sudo timedatectl set-ntp true'}],
		next: 'verify',
	},
	// Auxiliary tokens for cross-tenant calls.
	{
		kind: 'check',
		id: 'aux-subscription-tenant',
		check: 'subscription-tenant',
		title: 'Finding the tenant of each subscription involved',
		next: {pass: 'aux-check', fail: 'subctx-fix-set'},
	},
	{
		kind: 'check',
		id: 'aux-check',
		check: 'aux-tokens',
		title: 'Checking the auxiliary tokens (x-ms-authorization-auxiliary)',
		next: {pass: 'aux-ask', fail: 'aux-why'},
	},
	{
		kind: 'route',
		id: 'aux-why',
		title: 'An auxiliary token born expired points at a clock',
		routes: [{when: {fact: 'auxSkew'}, label: 'issued already expired (clock skew)', next: 'aux-fix-clock'}],
		otherwise: 'aux-fix',
	},
	{
		kind: 'fix',
		id: 'aux-fix-clock',
		title: 'Correct the clock, then send a fresh auxiliary token',
		why: 'The token from tenant {auxTenant} was already expired when it was issued: its issuer and this machine disagree on the time by {auxSkew}. ARM rejects the whole call when one auxiliary token is expired.',
		mode: 'admin',
		action: 'fix-clock',
		effects: [
			{kind: 'sandbox', operation: 'clear-clock-offset', params: {tenantId: '{auxTenant}'}},
			{kind: 'aux-token', tenant: '{auxTenant}'},
		],
		steps: [
			{text: 'Turn on time synchronisation', command: 'sudo timedatectl set-ntp true'},
			{
				text: 'Then a fresh token from the other tenant',
				command: 'az account get-access-token --tenant {auxTenant} --resource {expectedAudience}',
			},
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'aux-fix',
		title: 'Send a fresh token from the other tenant as an auxiliary token',
		why: 'The resource links to tenant {auxTenant}; ARM needs a valid token from that tenant in x-ms-authorization-auxiliary (at most three).',
		mode: 'safe',
		action: 'aux-token',
		effects: [{kind: 'aux-token', tenant: '{auxTenant}'}],
		steps: [
			{
				text: 'A token from the other tenant',
				command: 'az account get-access-token --tenant {auxTenant} --resource {expectedAudience}',
			},
			{text: 'Send it beside the main token', command: 'x-ms-authorization-auxiliary: Bearer <token-from-{auxTenant}>'},
			codeFixStep('aux-tenants', {otherTenant: '{auxTenant}', subscription: '{subscriptionId}'}),
		],
		next: 'verify',
	},
	{
		kind: 'question',
		id: 'aux-ask',
		prompt: 'The auxiliary tokens look valid. Does the identity exist in the other tenant?',
		help: 'An auxiliary token can only be issued by a tenant where the identity has a service principal.',
		answers: [
			{label: 'No, or not sure', next: 'aux-fix-principal', recommended: true},
			{label: 'Yes', next: 'aux-fix'},
		],
	},
	{
		kind: 'fix',
		id: 'aux-fix-principal',
		title: 'Provision the app in the other tenant',
		why: 'A multi-tenant app needs a service principal (admin consent) in {auxTenant} before that tenant issues tokens for it.',
		mode: 'admin',
		action: 'provision-principal',
		effects: [
			{kind: 'sandbox', operation: 'grant-admin-consent', params: {clientAppId: '{clientId}', tenantId: '{auxTenant}'}},
		],
		steps: [{text: 'An admin of the other tenant runs', command: 'az ad sp create --id {clientId}'}],
		next: 'verify',
	},
	// 401 vs 403: authenticated, but not allowed.
	{
		kind: 'check',
		id: 'authz-token-tenant',
		check: 'token-tenant',
		title: "Making sure the token is from the subscription's tenant (a 401 in disguise)",
		next: {pass: 'authz-fix-role', fail: 'tm-why'},
	},
	{
		kind: 'fix',
		id: 'authz-fix-role',
		title: 'Grant a role on the subscription',
		why: 'Authentication works; the identity has no role assignment that allows the action (403 AuthorizationFailed).',
		mode: 'admin',
		action: 'assign-role',
		effects: [
			{
				kind: 'sandbox',
				operation: 'assign-role',
				params: {principalId: '{principalId}', role: 'Reader', scope: '/subscriptions/{subscriptionId}'},
			},
		],
		steps: [
			{
				text: 'An Owner or User Access Administrator runs',
				command:
					'az role assignment create --assignee {principalId} --role Reader --scope /subscriptions/{subscriptionId}',
			},
			{text: 'Role assignments take up to a few minutes to apply'},
		],
		next: 'verify',
	},
	// The subscription context.
	{
		kind: 'check',
		id: 'subctx-cli',
		check: 'cli-context',
		title: 'Looking at the Azure CLI sign-in and its subscriptions',
		next: {pass: 'subctx-tenant', fail: 'cli-fix-login'},
	},
	{
		kind: 'check',
		id: 'subctx-tenant',
		check: 'subscription-tenant',
		title: 'Finding the tenant of the subscription',
		next: {pass: 'subctx-token-tenant', fail: 'subctx-fix-access'},
	},
	{
		kind: 'check',
		id: 'subctx-token-tenant',
		check: 'token-tenant',
		title: "Comparing the token's tenant with the subscription's",
		next: {pass: 'subctx-fix-set', fail: 'tm-why'},
	},
	{
		kind: 'fix',
		id: 'subctx-fix-set',
		title: 'Select the subscription',
		why: 'The current context points at another subscription, or the subscription is in tenant {subscriptionTenant}.',
		mode: 'safe',
		action: 'set-subscription',
		effects: [signInToSubscription.effect],
		steps: signInToSubscription.steps,
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'subctx-fix-access',
		title: 'Get access to the subscription',
		why: 'No tenant you can sign in to shows subscription {subscriptionId}: the id is wrong or you have no role on it.',
		mode: 'admin',
		action: 'assign-role',
		effects: [
			{
				kind: 'sandbox',
				operation: 'assign-role',
				params: {principalId: '{principalId}', role: 'Reader', scope: '/subscriptions/{subscriptionId}'},
			},
		],
		steps: [
			{text: 'Check the id', command: 'az account list --all --output table'},
			{
				text: 'Ask an owner for a role',
				command:
					'az role assignment create --assignee {principalId} --role Reader --scope /subscriptions/{subscriptionId}',
			},
		],
		next: 'verify',
	},
	// Stale caches.
	{
		kind: 'check',
		id: 'stale-cache',
		check: 'cache-state',
		title: 'Looking at which tenants and accounts the token caches hold',
		next: {pass: 'stale-token-tenant', fail: 'stale-fix-purge'},
	},
	{
		kind: 'check',
		id: 'stale-token-tenant',
		check: 'token-tenant',
		// The caches are clean (just looked): a wrong tenant here is the sign-in's.
		title: "Comparing the token's tenant with the subscription's",
		next: {pass: 'tm-ask-client', fail: 'tm-fix-login'},
	},
	{
		kind: 'fix',
		id: 'stale-fix-purge',
		title: 'Purge the stale cache entries (with a backup) and sign in again',
		why: 'The caches hold tokens of tenant {tokenTenant}; clients pick them up before asking for new ones.',
		mode: 'safe',
		action: 'purge-cache',
		effects: [{kind: 'purge-cache', tenant: '{tokenTenant}'}, signInToSubscription.effect],
		steps: [
			{
				text: 'Purge, keeping a backup (`authfix cache restore` brings it back)',
				command: 'authfix cache purge --tenant {tokenTenant}',
			},
			...signInToSubscription.steps,
		],
		next: 'verify',
	},
] as const satisfies readonly TreeNode[];
