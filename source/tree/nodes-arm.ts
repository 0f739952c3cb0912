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

/** Assign the least privileged role the role-assignments check found, at the refused scope. */
const grantRole = {
	effect: {
		kind: 'sandbox',
		operation: 'assign-role',
		params: {principalId: '{principalId}', role: '{role}', scope: '{roleScope}'},
	},
	steps: [
		{
			text: 'An Owner, User Access Administrator or Role Based Access Control Administrator runs',
			command:
				'az role assignment create --assignee-object-id {principalId} --assignee-principal-type {principalType} --role "{role}" --scope {roleScope}',
		},
		{text: 'Role assignments take up to ten minutes to apply; then get a fresh token'},
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
			{
				label: 'My code (an Azure SDK credential)',
				next: 'tm-fix-sdk',
				recommended: true,
				facts: {credential: 'default'},
			},
			{label: 'The Azure CLI or a script around it', next: 'tm-fix-login', facts: {credential: 'cli'}},
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
			{
				label: 'My code requests it with a scope',
				next: 'aud-fix-code',
				recommended: true,
				facts: {credential: 'default'},
			},
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
		// The check's evidence: a token just handed out that looks expired here, while its credential holds it valid.
		title: 'Only a token just handed out that is already expired here points at a clock',
		routes: [{when: {fact: 'skew'}, label: 'just handed out, already expired (clock skew)', next: 'exp-fix-clock'}],
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
		why: 'The token was used past its lifetime: tokens live about an hour and must be requested again, not stored or copied.',
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
		next: {pass: 'exp-kept', fail: 'stale-fix-purge'},
	},
	{
		kind: 'question',
		id: 'exp-kept',
		prompt:
			'A fresh token is valid here, so the clocks agree: the token that failed was used past its lifetime. Where was it kept?',
		help: 'Tokens live about an hour. Only a token just handed out that is already expired points at a clock.',
		answers: [
			{
				label: 'My code keeps it (a variable, a file, its own cache) instead of asking each time',
				next: 'exp-fix-code',
				recommended: true,
				facts: {credential: 'default'},
			},
			{label: 'I copied or pasted it (a header, a script, an environment variable)', next: 'exp-fix-refresh'},
		],
	},
	{
		kind: 'fix',
		id: 'exp-fix-code',
		title: 'Ask the credential for a token on every call',
		why: 'The token was used past its lifetime: credentials cache and refresh tokens themselves, while a token kept in a variable or a file expires.',
		mode: 'manual',
		action: 'refresh-token',
		effects: [{kind: 'fresh-token'}],
		steps: [
			codeFixStep('fresh-token', {resource: '{expectedAudience}', scope: '{expectedAudience}/.default'}),
			{text: 'Where one must be kept, get a new one before its expires_on (getToken() returns expiresOnTimestamp)'},
		],
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
	// Auxiliary tokens for cross-tenant calls. A LinkedAuthorizationFailed that names the operation
	// missing on the linked scope (a subnet's join, an identity's assign) is a role missing there.
	{
		kind: 'route',
		id: 'aux-start',
		title: 'A linked scope refused: another tenant, or a role missing there',
		routes: [
			{
				when: {fact: 'linkedAction'},
				label: 'the error names the operation missing on the linked scope',
				next: 'authz-token-tenant',
			},
		],
		otherwise: 'aux-subscription-tenant',
	},
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
	// 401 vs 403: authenticated, but not allowed. The role-assignments check reads the identity's
	// Azure RBAC for the refused operation and says which of a 403's causes it is.
	{
		kind: 'check',
		id: 'authz-token-tenant',
		check: 'token-tenant',
		title: "Making sure the token is from the subscription's tenant (a 401 in disguise)",
		next: {pass: 'authz-roles', fail: 'tm-why'},
	},
	{
		kind: 'check',
		id: 'authz-roles',
		check: 'role-assignments',
		title: 'Reading the role assignments, deny assignments and PIM eligibility for the refused operation',
		// Granted now: the failing call's token predates the grant.
		next: {pass: 'authz-fix-fresh-token', fail: 'authz-why', skip: 'authz-fix-role'},
	},
	{
		kind: 'route',
		id: 'authz-why',
		title: 'What keeps the operation from the identity',
		routes: [
			{when: {fact: 'denyAssignmentId'}, label: 'a deny assignment blocks it', next: 'authz-fix-deny'},
			{when: {fact: 'eligibleRole'}, label: 'an eligible role is not active (PIM)', next: 'authz-fix-pim'},
			{when: {fact: 'staleToken'}, label: 'the token predates the grant', next: 'authz-fix-fresh-token'},
			{
				when: {fact: 'roleCondition'},
				label: 'only an assignment with a condition grants it',
				next: 'authz-fix-condition',
			},
		],
		otherwise: 'authz-fix-role',
	},
	{
		kind: 'fix',
		id: 'authz-fix-role',
		title: 'Assign the least privileged role that grants the operation',
		why: 'Authentication works, but no role of {principalId} grants {action} at {scope} (403). {role} is the least privileged built-in role that does; assigned at {roleScope}, it grants no more than needed.',
		mode: 'admin',
		action: 'assign-role',
		effects: [grantRole.effect],
		steps: grantRole.steps,
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'authz-fix-pim',
		title: 'Activate your eligible role in Privileged Identity Management',
		why: '{principalId} holds no active role that grants {action} at {scope}, but is eligible for {eligibleRole} at {eligibleScope}: an eligible role grants nothing until it is activated.',
		mode: 'browser',
		action: 'activate-role',
		effects: [
			{
				kind: 'sandbox',
				operation: 'activate-eligible-role',
				params: {principalId: '{principalId}', role: '{eligibleRole}', scope: '{eligibleScope}'},
			},
		],
		steps: [
			{
				text: 'Portal: Privileged Identity Management > My roles > Azure resources > Eligible assignments > {eligibleRole} > Activate',
			},
			{
				text: 'Or with the Azure CLI (the REST API PIM uses; a new request name each time)',
				command:
					'az rest --method put --url "https://management.azure.com{eligibleScope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/$(uuidgen)?api-version=2020-10-01" --body \'{"properties":{"principalId":"{principalId}","roleDefinitionId":"{eligibleRoleId}","requestType":"SelfActivate","justification":"authfix","scheduleInfo":{"expiration":{"type":"AfterDuration","duration":"PT8H"}}}}\'',
			},
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'authz-fix-deny',
		title: 'Have the deny assignment exclude the identity',
		why: "Deny assignment '{denyAssignment}' blocks {action} at {scope}, whatever the roles grant. Azure makes deny assignments for what manages the resources (a deployment stack's deny settings, a managed application): only that can exclude {principalId}.",
		mode: 'admin',
		action: 'exclude-from-deny',
		effects: [
			{
				kind: 'sandbox',
				operation: 'exclude-from-deny-assignment',
				params: {denyAssignmentId: '{denyAssignmentId}', principalId: '{principalId}'},
			},
		],
		steps: [
			{
				text: 'See the deny assignment and what made it',
				command:
					"az rest --method get --url 'https://management.azure.com{scope}/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01&$filter=atScope()'",
			},
			{
				text: "A deployment stack's owner deploys it again with the identity among the excluded principals of its deny settings",
				command:
					'az stack group create --name <stack> --resource-group <resource-group> --template-file <template> --deny-settings-mode denyWriteAndDelete --deny-settings-excluded-principals {principalId} --action-on-unmanage detachAll',
			},
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'authz-fix-fresh-token',
		title: 'Get a fresh token',
		why: '{grantedRole} grants {action} at {scope}, but the failing call sent a token issued before the grant (a token keeps the group memberships of the moment it was issued). A new token carries the change.',
		mode: 'safe',
		action: 'refresh-token',
		effects: [{kind: 'fresh-token'}],
		steps: [
			{
				text: "The Azure CLI: drop the tenant's cached tokens (a backup is kept), then sign in again",
				command: 'authfix cache purge --tenant {tokenTenant}',
			},
			{text: 'An SDK credential: restart the process, or make a new credential'},
			{text: 'Role changes take up to ten minutes to reach ARM'},
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'authz-fix-condition',
		title: "Meet the assignment's condition, or get a role without one",
		why: 'Only an assignment with an ABAC condition grants {action} at {scope}, and ARM grants it only when the request meets the condition: {roleCondition}',
		mode: 'admin',
		action: 'assign-role',
		effects: [grantRole.effect],
		steps: [{text: 'Make the request meet the condition (the container, tags or values it names)'}, ...grantRole.steps],
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
