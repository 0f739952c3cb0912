import {codeFix} from '../code-fixes.ts';
import type {KnowledgeEntry, KnowledgeFix} from '../types.ts';

/**
Building blocks shared by the AADSTS tables: the entry constructor, official links, and the confirm/fix
sentences that many codes repeat. Pure data and pure functions.
*/

type CodeEntryBody = Omit<KnowledgeEntry, 'family' | 'codes'>;

/** The official error-code reference; every entry links it. */
export const errorCodesReference = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes';

/** Microsoft's own lookup page for one code. */
export function errorLookup(digits: string): string {
	return 'https://login.microsoftonline.com/error?code=' + digits;
}

/** A Microsoft troubleshooting article in the Entra app-integration set. */
export function troubleshooting(slug: string): string {
	return 'https://learn.microsoft.com/troubleshoot/entra/entra-id/app-integration/' + slug;
}

/**
One code entry: `family` and `codes` follow from the digits, and the official lookup page and error-code
reference are appended to the links.
*/
export function aadsts(digits: string, body: CodeEntryBody): KnowledgeEntry {
	return {
		family: 'aadsts-' + digits,
		codes: ['AADSTS' + digits],
		...body,
		links: [...(body.links ?? []), errorLookup(digits), errorCodesReference],
	};
}

/** Official documentation pages used across entries. */
export const docs = {
	clientCredentials: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow',
	onBehalfOf: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow',
	deviceCode: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code',
	authCode: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow',
	ropc: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth-ropc',
	certificateCredentials: 'https://learn.microsoft.com/entra/identity-platform/certificate-credentials',
	appCredentials: 'https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials',
	scopes: 'https://learn.microsoft.com/entra/identity-platform/scopes-oidc',
	consent: 'https://learn.microsoft.com/entra/identity-platform/permissions-consent-overview',
	adminConsent: 'https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent',
	userConsent: 'https://learn.microsoft.com/entra/identity/enterprise-apps/configure-user-consent',
	replyUrl: 'https://learn.microsoft.com/entra/identity-platform/reply-url',
	refreshTokens: 'https://learn.microsoft.com/entra/identity-platform/refresh-tokens',
	revokeAccess: 'https://learn.microsoft.com/entra/identity/users/users-revoke-access',
	nationalClouds: 'https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud',
	workloadIdentityFederation: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation',
	federationCreateTrust: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust',
	federationConsiderations: 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations',
	appTrustManagedIdentity:
		'https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity',
	managedIdentities: 'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview',
	conditionalAccessTroubleshoot:
		'https://learn.microsoft.com/entra/identity/conditional-access/troubleshoot-conditional-access',
	conditionalAccessGrant:
		'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant',
	sessionLifetime: 'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
	mfa: 'https://learn.microsoft.com/entra/identity/authentication/concept-mfa-howitworks',
	securityDefaults: 'https://learn.microsoft.com/entra/fundamentals/security-defaults',
	smartLockout: 'https://learn.microsoft.com/entra/identity/authentication/howto-password-smart-lockout',
	b2bInvite: 'https://learn.microsoft.com/entra/external-id/add-users-administrator',
	crossTenantAccess: 'https://learn.microsoft.com/entra/external-id/cross-tenant-access-overview',
	tenantRestrictions: 'https://learn.microsoft.com/entra/external-id/tenant-restrictions-v2',
	assignUsers: 'https://learn.microsoft.com/entra/identity/enterprise-apps/assign-user-or-group-access-portal',
	appRoles: 'https://learn.microsoft.com/entra/identity-platform/howto-add-app-roles-in-apps',
	signInLogs: 'https://learn.microsoft.com/entra/identity/monitoring-health/concept-sign-ins',
	azureCliSignIn: 'https://learn.microsoft.com/cli/azure/authenticate-azure-cli',
	msalErrors: 'https://learn.microsoft.com/entra/msal/dotnet/advanced/exceptions/msal-error-handling',
	spaApps: 'https://learn.microsoft.com/entra/identity-platform/scenario-spa-app-registration',
	multiTenant: 'https://learn.microsoft.com/entra/identity-platform/howto-convert-app-to-be-multi-tenant',
	supportedAccounts: 'https://learn.microsoft.com/entra/identity-platform/supported-accounts-validation',
	samlSso: 'https://learn.microsoft.com/entra/identity/enterprise-apps/debug-saml-sso-issues',
	passThroughAuth:
		'https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-pass-through-authentication',
	seamlessSso: 'https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-sso',
	certificateBasedAuth:
		'https://learn.microsoft.com/entra/identity/authentication/concept-certificate-based-authentication',
	deviceIdentity: 'https://learn.microsoft.com/entra/identity/devices/overview',
	tls: 'https://learn.microsoft.com/troubleshoot/entra/entra-id/app-integration/application-using-tls-1dot0-1dot1-authentication-fail',
	pkce: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code',
	githubActionsOidc: 'https://learn.microsoft.com/azure/developer/github/connect-from-azure-openid-connect',
	aksWorkloadIdentity: 'https://learn.microsoft.com/azure/aks/workload-identity-overview',
	disableUserSignIn: 'https://learn.microsoft.com/entra/identity/enterprise-apps/disable-user-sign-in-portal',
	passwordReset: 'https://learn.microsoft.com/entra/fundamentals/users-reset-password-azure-portal',
	riskyUsers: 'https://learn.microsoft.com/entra/id-protection/howto-identity-protection-remediate-unblock',
} as const;

/** How to read the failing sign-in in the Entra sign-in logs, by its correlation id. */
export const readSignInLog =
	'Entra admin center > Monitoring & health > Sign-in logs (also "Service principal sign-ins" for apps): filter by the Correlation ID from the error and read "Failure reason" and the "Conditional Access" tab.';

/** The same through Microsoft Graph, for people without the portal. */
export const signInLogCommand =
	'az rest --method get --url "https://graph.microsoft.com/v1.0/auditLogs/signIns?\\$filter=correlationId eq \'<correlation-id>\'"';

/**
A fresh interactive sign-in to the tenant named in the error, the gentlest first: `az login` replaces
the account's stale refresh token and lets Entra run any prompt it needs; `az logout` (which signs out
every account) only when that is not enough.
*/
export const freshSignIn: readonly KnowledgeFix[] = [
	codeFix(
		'sign-in',
		{tenant: '{tenantId}'},
		{
			text: 'Sign in again, interactively, to the tenant in the error; this replaces the stale session and lets Entra run any prompt it needs.',
		},
	),
	{
		text: 'Only if that still fails: sign out first, which clears every cached account, then sign in again.',
		command: 'az logout && az login --tenant {tenantId}',
	},
];

/** The app registration as the token endpoint sees it. */
export const showAppCommand =
	'az ad app show --id {clientId} --query "{appId:appId, audience:signInAudience, web:web.redirectUris, spa:spa.redirectUris, publicClient:publicClient.redirectUris}"';

/** The shape of a code with one known cause: most of the long tail of the official table. */
type SingleCauseSpec = {
	readonly title: string;
	readonly explanation: string;
	readonly cause: string;
	readonly confirm: string;
	readonly fix: KnowledgeFix;
	readonly verify: string;
	readonly links: readonly string[];
	readonly phrases?: readonly string[];
	readonly oauthError?: string;
	readonly httpStatus?: number;
	readonly prevent?: string;
};

/** A code entry with a single ranked cause. */
export function singleCause(digits: string, spec: SingleCauseSpec): KnowledgeEntry {
	const {cause, confirm, fix, ...rest} = spec;
	return aadsts(digits, {...rest, causes: [{text: cause, confirm, fixes: [fix]}]});
}

/** The sign-in log is the first place to look for interactive sign-in failures. */
export const readSignInLogShort =
	'Find the failed sign-in by its Correlation ID in Entra ID > Monitoring & health > Sign-in logs.';

/** Transient service-side errors share their handling. */
export const retryLater: KnowledgeFix = {
	text: 'Retry after a short wait with exponential back-off; if it persists, open a support request with the correlation id and timestamp.',
	portal: 'https://status.azure.com',
};
