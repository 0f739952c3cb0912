import {newRequestId, type SandboxResponse} from './http.ts';

/** An Entra token-endpoint failure: OAuth error, AADSTS code and message, HTTP status. */
export type EntraFailure = {
	readonly error: string;
	readonly code: number;
	readonly message: string;
	readonly status?: number;
	readonly suberror?: string;
	/** false: Entra's body for this code has no `error_uri` (the federated-credential mismatches). */
	readonly errorUri?: false;
};

/** `2026-11-22 02:00:41Z`: the timestamp format of Entra error bodies. */
export function entraTimestamp(epochMs: number): string {
	return new Date(epochMs)
		.toISOString()
		.replace('T', ' ')
		.replace(/\.\d+Z$/, 'Z');
}

/**
The body Entra sends: `error_description` starts with the AADSTS code and ends with the trace id,
correlation id and timestamp (the current single-space form), repeated as fields.
*/
export function entraError(failure: EntraFailure, now: number, correlationId: string): SandboxResponse {
	const traceId = newRequestId();
	const timestamp = entraTimestamp(now);
	return {
		status: failure.status ?? (failure.error === 'invalid_client' ? 401 : 400),
		headers: {'x-ms-request-id': traceId, 'client-request-id': correlationId},
		body: {
			error: failure.error,
			error_description: `AADSTS${failure.code}: ${failure.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
			error_codes: [failure.code],
			timestamp,
			trace_id: traceId,
			correlation_id: correlationId,
			...(failure.errorUri === false
				? {}
				: {error_uri: `https://login.microsoftonline.com/error?code=${failure.code}`}),
			...(failure.suberror ? {suberror: failure.suberror} : {}),
		},
	};
}

/** Real AADSTS failures, worded as Entra words them (see azure-auth-facts.md §1.4, §8). */
export const failures = {
	tenantNotFound: (tenant: string): EntraFailure => ({
		error: 'invalid_tenant',
		code: 90002,
		message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
	}),
	noTenant: (): EntraFailure => ({
		error: 'invalid_request',
		code: 50059,
		message: 'No tenant-identifying information found in either the request or implied by any provided credentials.',
	}),
	missingParameter: (name: string): EntraFailure => ({
		error: 'invalid_request',
		code: 900144,
		message: `The request body must contain the following parameter: '${name}'.`,
	}),
	/** A v2 request without `scope` (ce-0202); other missing parameters are AADSTS900144. */
	missingScope: (): EntraFailure => ({
		error: 'invalid_request',
		code: 90014,
		message:
			"The required field 'scope' is missing from the credential. Ensure that you have all the necessary parameters for the login request.",
	}),
	resourceNotSupported: (): EntraFailure => ({
		error: 'invalid_request',
		code: 901002,
		message: "The 'resource' request parameter is not supported.",
	}),
	invalidScope: (scope: string): EntraFailure => ({
		error: 'invalid_scope',
		code: 70011,
		message: `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
	}),
	clientCredentialsNeedDefault: (scope: string): EntraFailure => ({
		error: 'invalid_scope',
		code: 1002012,
		message: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
	}),
	multipleResources: (): EntraFailure => ({
		error: 'invalid_request',
		code: 28000,
		message:
			'Provided value for the input parameter scope is not valid because it contains more than one resource. Scope openid profile offline_access contains multiple resources.',
	}),
	appNotFound: (appId: string, tenant: string): EntraFailure => ({
		error: 'unauthorized_client',
		code: 700016,
		message: `Application with identifier '${appId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
	}),
	invalidSecret: (appId: string): EntraFailure => ({
		error: 'invalid_client',
		code: 7000215,
		message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
	}),
	secretExpired: (appId: string): EntraFailure => ({
		error: 'invalid_client',
		code: 7000222,
		message: `The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
	}),
	noClientCredential: (): EntraFailure => ({
		error: 'invalid_client',
		code: 7000218,
		message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
	}),
	assertionSignature: (): EntraFailure => ({
		error: 'invalid_client',
		code: 700027,
		message: 'Client assertion failed signature validation.',
	}),
	/** `thumbprint`: the assertion's x5t (or x5t#S256), base64url; Entra prints it in upper-case hex (ce-0026). */
	certificateNotFound: (thumbprint: string, appId: string): EntraFailure => ({
		error: 'invalid_client',
		code: 700027,
		message: `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${Buffer.from(thumbprint, 'base64url').toString('hex').toUpperCase()}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${appId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/${appId}']. Alternatively, SNI may be configured on the app. Please ensure that client assertion is being sent with the x5c claim in the JWT header using MSAL's WithSendX5C() method so that Azure Active Directory can validate the certificate being used.`,
	}),
	assertionTime: (now: number, notBefore: number, expiry: number): EntraFailure => ({
		error: 'invalid_client',
		code: 700024,
		message: `Client assertion is not within its valid time range. Current time: ${isoTicks(now)}, assertion valid from ${isoTicks(notBefore)}, expiry time of assertion ${isoTicks(expiry)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
	}),
	assertionMalformed: (): EntraFailure => ({
		error: 'invalid_request',
		code: 50027,
		message: 'JWT token is invalid or malformed.',
	}),
	federatedIssuer: (issuer: string): EntraFailure => noMatchingFederatedCredential(700211, 'issuer', issuer),
	federatedAudience: (audience: string): EntraFailure => noMatchingFederatedCredential(700212, 'audience', audience),
	federatedSubject: (subject: string): EntraFailure => noMatchingFederatedCredential(700213, 'subject', subject),
	/** The 2025 wording (ce-0145); no `error_uri`, as its siblings 700211/700213. */
	federatedSubjectCase: (subject: string): EntraFailure => ({
		error: 'invalid_client',
		code: 7002138,
		message: `No matching federated identity record found for presented assertion subject '${subject}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. See documentation at: https://learn.microsoft.com/entra/workload-id/workload-identity-federation. See breaking change notification and remediation at: https://learn.microsoft.com/en-us/entra/identity-platform/reference-breaking-changes#august-2024.`,
		errorUri: false,
	}),
	entraIssuerCrossTenant: (issuer: string): EntraFailure => ({
		error: 'invalid_request',
		code: 700236,
		message: `Entra ID tokens issued by issuer '${issuer}' may not be used for federated identity credential flows for applications or managed identities registered in this tenant.`,
	}),
	resourceNotFound: (resource: string, tenant: string): EntraFailure => ({
		error: 'invalid_resource',
		code: 500011,
		message: `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
	}),
	userNotFound: (tenantName: string): EntraFailure => ({
		error: 'invalid_grant',
		code: 50034,
		message: `The user account {EUII Hidden} does not exist in the ${tenantName} directory. To sign into this application, the account must be added to the directory.`,
	}),
	userNotInTenant: (userPrincipalName: string, tenantId: string): EntraFailure => ({
		error: 'invalid_grant',
		code: 50020,
		message: `User account '${userPrincipalName}' from identity provider 'live.com' does not exist in tenant '${tenantId}' and cannot access the application in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
	}),
	badPassword: (): EntraFailure => ({
		error: 'invalid_grant',
		code: 50126,
		message: 'Error validating credentials due to invalid username or password.',
	}),
	signInServiceError: (): EntraFailure => ({
		error: 'invalid_grant',
		code: 50000,
		message: 'There was an error issuing a token or an issue with our sign-in service.',
	}),
	consentRequired: (appId: string, name: string): EntraFailure => ({
		error: 'invalid_grant',
		code: 65001,
		suberror: 'consent_required',
		message: `The user or administrator has not consented to use the application with ID '${appId}' named '${name}'. Send an interactive authorization request for this user and resource.`,
	}),
	/** A refresh token Entra cannot read at all (ce-0200); one it reads but will not honour is AADSTS70000. */
	unreadableGrant: (): EntraFailure => ({
		error: 'invalid_grant',
		code: 9002313,
		suberror: 'bad_token',
		message: 'Invalid request. Request is malformed or invalid.',
	}),
	badGrant: (): EntraFailure => ({
		error: 'invalid_grant',
		code: 70000,
		message: 'Provided grant is invalid or malformed.',
	}),
	authorizationPending: (): EntraFailure => ({
		error: 'authorization_pending',
		code: 70016,
		message: 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
	}),
	deviceCodeExpired: (): EntraFailure => ({
		error: 'expired_token',
		code: 70020,
		message: "The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
	}),
	unsupportedGrant: (grant: string): EntraFailure => ({
		error: 'unsupported_grant_type',
		code: 70003,
		message: `The app requested an unsupported grant type '${grant}'.`,
	}),
	publicClientNeedsNoSecret: (): EntraFailure => ({
		error: 'invalid_request',
		code: 700025,
		message: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
	}),
	confidentialClientNeedsSecret: (): EntraFailure => ({
		error: 'invalid_client',
		code: 7000218,
		message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
	}),
	oboAudience: (): EntraFailure => ({
		error: 'invalid_grant',
		code: 50013,
		message:
			'Assertion failed signature validation or its audience does not match the client app presenting the assertion.',
	}),
	oboExpired: (): EntraFailure => ({
		error: 'invalid_grant',
		code: 500133,
		message:
			'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.',
	}),
	malformedBody: (): EntraFailure => ({
		error: 'invalid_request',
		code: 900561,
		message: 'The endpoint only accepts POST requests. Received a GET request.',
	}),
} as const;

/**
AADSTS700211/700212/700213 as recorded (ce-0122, ce-0143, ce-0144; 700212 has no recording and
follows its siblings): 401 invalid_client, a link to the documentation after the advice, no `error_uri`.
*/
function noMatchingFederatedCredential(code: number, part: string, value: string): EntraFailure {
	return {
		error: 'invalid_client',
		code,
		message: `No matching federated identity record found for presented assertion ${part} '${value}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://docs.microsoft.com/en-us/azure/active-directory/develop/workload-identity-federation`,
		errorUri: false,
	};
}

/** `2024-12-07T12:09:18.3149355Z`: .NET's round-trip time, with seven digits of fraction (ce-0068, ce-0124). */
function isoTicks(epochSeconds: number): string {
	const whole = Math.floor(epochSeconds);
	const fraction = Math.round((epochSeconds - whole) * 10_000_000);
	return new Date(whole * 1000).toISOString().replace(/\.\d+Z$/, `.${String(fraction).padStart(7, '0')}Z`);
}
