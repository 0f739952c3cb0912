import {codeFix} from '../code-fixes.ts';
import type {KnowledgeEntry} from '../types.ts';
import {aadsts, docs, readSignInLog, troubleshooting} from './shared.ts';

/** The token service itself, transport, throttling and generic request errors. */
export const serviceEntries: readonly KnowledgeEntry[] = [
	aadsts('50000', {
		httpStatus: 400,
		title: 'Error issuing a token, or an issue with the sign-in service',
		explanation:
			'A generic token-issuance error that hides several distinct causes. Microsoft\u2019s troubleshooting names five: the user\u2019s password is expired, invalid or out of sync (or the session was revoked); missing or invalid parameters in an on-behalf-of request; consent problems in the device code flow; a symmetric signing key on the application or service principal; and a resource API that exposes no delegated permission. When another AADSTS code appears beside it, that code is the real cause.',
		causes: [
			{
				text: 'The user\u2019s password is expired, invalid or out of sync between on-premises AD and Entra ID (hybrid, federated accounts), or the user\u2019s session was revoked.',
				confirm:
					readSignInLog +
					' Check `az ad user show --id <upn> --query "{enabled:accountEnabled, lastPasswordChange:lastPasswordChangeDateTime}"` and, for hybrid users, the sync status in Entra Connect.',
				fixes: [
					{
						text: 'Reset the user\u2019s password, then confirm the new password signs in to Entra ID (for synchronised users, wait for or trigger password hash sync).',
						command:
							'az ad user update --id <upn> --password <temporary-password> --force-change-password-next-sign-in true',
						portal: 'Entra ID > Users > (user) > Reset password',
					},
					codeFix('sign-in', {tenant: '{tenantId}'}, {text: 'Sign in again so the revoked session is replaced.'}),
				],
			},
			{
				text: 'An on-behalf-of request has missing or invalid parameters: wrong client_id, no client secret/assertion, an assertion whose `aud` is not this API, or no requested_token_use=on_behalf_of.',
				confirm:
					'Capture the OBO POST and check every parameter: grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer, client_id={clientId}, client_secret or client_assertion, assertion (decode it with `authfix decode <token>`: `aud` must be {clientId} or its App ID URI), scope, requested_token_use=on_behalf_of.',
				fixes: [
					{
						text: 'Send a complete OBO request with a valid client id and credential, and the incoming access token for this API as the assertion.',
						command:
							'curl -s -X POST https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer -d client_id={clientId} --data-urlencode "client_secret=$CLIENT_SECRET" --data-urlencode "assertion=$INCOMING_TOKEN" --data-urlencode "scope=https://graph.microsoft.com/.default" -d requested_token_use=on_behalf_of',
					},
				],
			},
			{
				text: 'Device code flow: the user signed in and accepted the consent dialog, but the client application has no service principal in the tenant, or users may not consent to it (tenant consent policy or an allow-list requiring admin consent).',
				confirm:
					'Run `az ad sp show --id {clientId}` in the user\u2019s tenant (it must exist under Enterprise applications), and check Enterprise applications > Consent and permissions > User consent settings.',
				fixes: [
					{
						text: 'Have an administrator grant consent (which also creates the service principal).',
						command: 'az ad app permission admin-consent --id {clientId}',
						portal:
							'Open https://login.microsoftonline.com/{tenantId}/adminconsent?client_id={clientId} as an administrator',
					},
				],
			},
			{
				text: 'A symmetric signing key is configured on the application or its service principal; v2.0 tokens must be signed with a certificate (asymmetric key).',
				confirm:
					'Look for keyCredentials with type Symmetric and usage Sign: `az ad app show --id {clientId} --query "keyCredentials[?type==\'Symmetric\']"` and `az ad sp show --id {clientId} --query "keyCredentials[?type==\'Symmetric\']"` (or Get-MgApplication / Get-MgServicePrincipal).',
				fixes: [
					{
						text: 'Remove the symmetric key from the app (Remove-MgApplicationKey) and from the service principal (Remove-MgServicePrincipalKey); if a signing key is needed, use a signing certificate instead.',
						command:
							'Remove-MgServicePrincipalKey -ServicePrincipalId <sp-object-id> -KeyId <symmetric-key-id> -Proof <proof-jwt>',
						portal:
							'Entra ID > App registrations > (app {clientId}) > Manifest: delete the keyCredentials entry with "type": "Symmetric", "usage": "Sign", then Save',
					},
				],
			},
			{
				text: 'A delegated flow (e.g. authorization code with `<api>/.default`) requests a multi-tenant resource API that exposes only application permissions, no delegated permission.',
				confirm:
					'Check the API app: `az ad app show --id <api-app-id> --query api.oauth2PermissionScopes` returns an empty list.',
				fixes: [
					{
						text: 'Expose a delegated permission (scope) on the resource API and consent to it in the client app.',
						portal: 'Entra ID > App registrations > (API) > Expose an API > Add a scope',
					},
				],
			},
		],
		verify:
			'Repeat the sign-in or token request; it succeeds, and the sign-in log for the new correlation id shows Success.',
		prevent:
			'Keep hybrid password sync healthy, build OBO requests with MSAL, grant consent during onboarding, and use certificates, never symmetric keys, for signing.',
		links: [troubleshooting('error-code-aadsts50000-issuing-token-sign-in-service'), docs.onBehalfOf, docs.deviceCode],
		phrases: ['there was an error issuing a token', 'an issue with our sign-in service'],
	}),
	aadsts('1002016', {
		oauthError: 'invalid_request',
		httpStatus: 400,
		title: 'Client uses deprecated TLS 1.0/1.1 or 3DES',
		explanation:
			'The client connected to Entra with TLS 1.0 or 1.1, or a 3DES cipher, which Entra no longer accepts. The fix is on the calling machine: its operating system, runtime or HTTP library must negotiate TLS 1.2 or later. Server-side TLS settings of your own web server do not govern outbound calls.',
		causes: [
			{
				text: 'The runtime or HTTP library defaults to an old protocol: .NET Framework before 4.7 (or without SchUseStrongCrypto), old PowerShell 5.1 defaults, an old OpenSSL/cURL in PHP or Python, Java 7.',
				confirm:
					'Test TLS 1.2 from the same machine: `curl -sv --tlsv1.2 --tls-max 1.2 https://login.microsoftonline.com/ -o /dev/null` and `openssl s_client -connect login.microsoftonline.com:443 -tls1_2 </dev/null`; check the runtime version.',
				fixes: [
					{
						text: 'Force TLS 1.2 in the process (PowerShell/.NET), or set the registry keys that make .NET use the OS defaults.',
						command: '[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12',
					},
					{
						text: '.NET Framework machine-wide: enable strong crypto and reboot.',
						command:
							'reg add HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319 /v SchUseStrongCrypto /t REG_DWORD /d 1 /f && reg add HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\.NETFramework\\v4.0.30319 /v SchUseStrongCrypto /t REG_DWORD /d 1 /f',
					},
					{text: 'PHP/cURL: upgrade libcurl and OpenSSL, or set CURLOPT_SSLVERSION to CURL_SSLVERSION_TLSv1_2.'},
				],
			},
			{
				text: 'The operating system has TLS 1.2 disabled or lacks the ciphers (old Windows Server without updates).',
				confirm:
					'Check SCHANNEL protocol settings under HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols.',
				fixes: [{text: 'Enable TLS 1.2 in SCHANNEL and install updates, then reboot.'}],
			},
			{
				text: 'A proxy or TLS-inspection appliance re-originates the connection with an old protocol.',
				confirm: 'Test from a network path without the proxy.',
				fixes: [{text: 'Update the proxy\u2019s outbound TLS settings.'}],
			},
		],
		verify: 'The TLS 1.2 test connects, and the token request succeeds.',
		prevent: 'Keep runtimes and OS patched; never pin TLS versions in code.',
		links: [docs.tls],
		phrases: [
			'you are using tls version 1.0, 1.1 and/or 3des cipher',
			'which are deprecated to improve the security posture of azure ad',
		],
	}),
	aadsts('90033', {
		httpStatus: 400,
		title: 'Directory service temporarily unavailable',
		explanation:
			'The Microsoft Online Directory Service was not available for the request. It is a transient service-side error.',
		causes: [
			{
				text: 'A transient outage on the Entra side.',
				confirm: 'Check https://status.azure.com and the Microsoft 365 service health; retry after a short wait.',
				fixes: [{text: 'Retry with exponential back-off.', portal: 'https://status.azure.com'}],
			},
		],
		verify: 'A retry succeeds.',
		links: ['https://status.azure.com'],
	}),
	aadsts('90006', {
		httpStatus: 400,
		title: 'External service temporarily unavailable',
		explanation: 'A service Entra depends on was temporarily unavailable. The request can be retried.',
		causes: [
			{
				text: 'A transient dependency failure.',
				confirm: 'Check https://status.azure.com; a retry after a few seconds succeeds.',
				fixes: [{text: 'Retry with exponential back-off.', portal: 'https://status.azure.com'}],
			},
		],
		verify: 'A retry succeeds.',
		links: ['https://status.azure.com'],
	}),
	aadsts('50033', {
		httpStatus: 400,
		title: 'Transient error, retry',
		explanation: 'A transient error not related to database operations occurred in the token service.',
		causes: [
			{
				text: 'A temporary service problem.',
				confirm: 'Retry: it succeeds after a short wait.',
				fixes: [{text: 'Retry with back-off.', portal: 'https://status.azure.com'}],
			},
		],
		verify: 'A retry succeeds.',
		links: ['https://status.azure.com'],
	}),
	aadsts('90024', {
		httpStatus: 400,
		title: 'Request budget exceeded (transient)',
		explanation: 'A transient error: the request budget for the operation was exceeded. Try again.',
		causes: [
			{
				text: 'Temporary load on the service.',
				confirm: 'A retry after a short wait succeeds.',
				fixes: [{text: 'Retry with exponential back-off.', portal: 'https://status.azure.com'}],
			},
		],
		verify: 'A retry succeeds.',
		links: ['https://status.azure.com'],
	}),
	aadsts('90055', {
		httpStatus: 400,
		title: 'Tenant throttled: too many requests',
		explanation: 'The tenant sends too many requests to the token service and is being throttled.',
		causes: [
			{
				text: 'Apps request tokens far too often (no token cache, a token per call, retry storms).',
				confirm: 'Count sign-ins per app in the sign-in logs; look for bursts of identical requests.',
				fixes: [
					{
						text: 'Cache tokens until shortly before expiry (MSAL and @azure/identity do this), and back off on errors.',
						portal: 'Entra ID > Monitoring & health > Sign-in logs > group by application',
					},
				],
			},
		],
		verify: 'Request rates drop and tokens are issued again.',
		links: [docs.msalErrors],
		phrases: ['there are too many incoming requests'],
	}),
	aadsts('90004', {
		httpStatus: 400,
		title: 'Request is not properly formatted',
		explanation:
			'The request to the endpoint is malformed: its parameters or encoding do not follow the protocol the endpoint expects.',
		causes: [
			{
				text: 'Hand-built requests with wrong encoding or missing structure.',
				confirm: 'Capture the request and compare with the documented protocol.',
				fixes: [{text: 'Use MSAL or @azure/identity to build requests.', command: 'npm install @azure/identity'}],
			},
		],
		verify: 'Repeat the request; it is accepted.',
		links: [docs.authCode],
		phrases: ["the request isn't properly formatted"],
	}),
	aadsts('90015', {
		title: 'Query string too long',
		explanation: 'The request\u2019s query string is too long (too many scopes, large state or claims values).',
		causes: [
			{
				text: 'A very long state, claims or scope parameter in the authorize URL.',
				confirm: 'Measure the length of the authorize URL.',
				fixes: [
					{
						text: 'Shorten state (store data server-side), request fewer scopes, or use response_mode=form_post.',
						portal: 'Review the app\u2019s authorize request parameters',
					},
				],
			},
		],
		verify: 'Sign in again; it is accepted.',
		links: [docs.authCode],
		phrases: ['the query string is too long'],
	}),
	aadsts('90100', {
		httpStatus: 400,
		title: 'A request parameter is empty or not valid',
		explanation: 'One of the request parameters is empty or invalid; the message usually names it.',
		causes: [
			{
				text: 'An unset configuration value produced an empty parameter.',
				confirm: 'Check the parameter named in the message against the configuration.',
				fixes: [{text: 'Set the missing value.', portal: 'Review the application configuration for empty values'}],
			},
		],
		verify: 'Repeat the request.',
		links: [docs.authCode],
		phrases: ['the parameter is empty or not valid'],
	}),
	aadsts('90102', {
		title: 'Value must be a valid absolute URI',
		explanation: 'A parameter that must be an absolute URI (redirect_uri, resource) is relative or malformed.',
		causes: [
			{
				text: 'The redirect_uri or resource is relative, has spaces, or lacks the scheme.',
				confirm: 'Inspect the parameter in the request.',
				fixes: [
					{
						text: 'Send the full absolute URI (scheme, host, path), URL-encoded.',
						portal: 'Review the redirect URI configured in the app',
					},
				],
			},
		],
		verify: 'Repeat the request.',
		links: [docs.replyUrl],
		phrases: ['the value must be a valid absolute uri'],
	}),
	aadsts('900384', {
		httpStatus: 400,
		title: 'JWT failed signature validation',
		explanation:
			'A JWT sent to Entra (a client assertion or an external token) failed signature validation; the detailed reason is in the message.',
		causes: [
			{
				text: 'The token was signed with a key Entra cannot find or trust (unregistered certificate, external IdP keys not reachable, key rotated).',
				confirm:
					'Decode the token header with `authfix decode <token>` and compare `kid`/`x5t` with the registered or published keys.',
				fixes: [
					{
						text: 'Register the current certificate, or make the external issuer\u2019s JWKS reachable and current.',
						command: 'az ad app credential list --id {clientId} --cert -o table',
					},
				],
			},
		],
		verify: 'Repeat the request with a correctly signed token.',
		links: [docs.certificateCredentials, docs.workloadIdentityFederation],
		phrases: ['jwt token failed signature validation'],
	}),
	aadsts('50006', {
		title: 'Signature verification failed',
		explanation:
			'Signature verification failed because of an invalid signature on a signed request or assertion (SAML request, client assertion).',
		causes: [
			{
				text: 'The request was signed with a certificate not configured in Entra, or altered after signing.',
				confirm: 'Compare the signing certificate with the one configured for the app.',
				fixes: [
					{
						text: 'Configure the certificate the application signs with.',
						portal: 'Entra ID > Enterprise applications > (app) > Single sign-on > Verification certificates',
					},
				],
			},
		],
		verify: 'Repeat the sign-in.',
		links: [docs.samlSso],
		phrases: ['signature verification failed because of an invalid signature'],
	}),
	aadsts('50048', {
		httpStatus: 400,
		title: 'Subject does not match issuer in the client assertion',
		explanation: 'In the client assertion, the `sub` and `iss` claims must both be the client id; here they differ.',
		causes: [
			{
				text: 'A hand-built client assertion sets `iss` or `sub` to something other than the application id.',
				confirm: 'Decode the assertion with `authfix decode <assertion>`: `iss` and `sub` must equal {clientId}.',
				fixes: [
					{
						text: 'Set both `iss` and `sub` to the application (client) id, or let MSAL build the assertion.',
						portal: 'See the certificate credentials documentation for the assertion format',
					},
				],
			},
		],
		verify: 'Request a token with the corrected assertion.',
		links: [docs.certificateCredentials],
		phrases: ['subject mismatches issuer claim in the client assertion'],
	}),
	aadsts('70003', {
		oauthError: 'unsupported_grant_type',
		httpStatus: 400,
		title: 'Unsupported grant type',
		explanation: 'The grant_type sent is not supported, misspelled, or not allowed for this app or endpoint.',
		causes: [
			{
				text: 'A typo in grant_type, or a grant the endpoint does not support (for example password for a personal account, or the v1 name on the v2 endpoint).',
				confirm: 'Check grant_type in the request body.',
				fixes: [
					{
						text: 'Use a supported grant type for the flow (client_credentials, authorization_code, refresh_token, urn:ietf:params:oauth:grant-type:device_code, urn:ietf:params:oauth:grant-type:jwt-bearer).',
						portal: 'See the protocol documentation for the flow',
					},
				],
			},
		],
		verify: 'Repeat the request with a valid grant type.',
		links: [docs.clientCredentials, docs.authCode],
		phrases: ['returned an unsupported grant type'],
	}),
];
