import type {KnowledgeEntry} from '../types.ts';
import {aadsts, docs, freshSignIn, readSignInLog, troubleshooting} from './shared.ts';

/** Grants presented at the token endpoint: refresh tokens, authorization codes, assertions, device codes, malformed requests. */
export const grantEntries: readonly KnowledgeEntry[] = [
	aadsts('700082', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'Refresh token expired after 90 days of inactivity',
		explanation:
			'The refresh token had not been used for longer than its inactivity limit (90 days by default), so Entra no longer accepts it. This is the expected end of a token\u2019s life: the user must sign in again to get a new one.',
		causes: [
			{
				text: 'A cached sign-in (Azure CLI, PowerShell, an app\u2019s token cache, a tool that shells out to az) was not used for 90 days.',
				confirm:
					'The message gives the issue date and "was inactive for 90.00:00:00"; `az account show` still lists the account although tokens fail.',
				fixes: freshSignIn,
			},
			{
				text: 'An application stores a user\u2019s refresh token (drive mounts, mail connectors, sync tools) and the user stopped using it.',
				confirm: 'The tool\u2019s last successful sync is more than 90 days old.',
				fixes: [
					{
						text: 'Re-authorise the connection in the application (sign in again through its setup).',
						portal: 'Open the application\u2019s account or connection settings and sign in again',
					},
				],
			},
		],
		verify: 'Run the failing command again (or `az account get-access-token`); it returns a token.',
		prevent:
			'Use a service principal or managed identity for unattended jobs instead of a user\u2019s refresh token; refresh stored tokens regularly.',
		links: [docs.refreshTokens],
		phrases: ['the refresh token has expired due to inactivity', 'and was inactive for'],
	}),
	aadsts('70008', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'Refresh token or authorization code expired or was revoked',
		explanation:
			'The grant presented (a refresh token or an authorization code) has expired or been revoked. Authorization codes live about 10 minutes; refresh tokens end after inactivity, revocation or password changes.',
		causes: [
			{
				text: 'A stale refresh token in a cache (CLI, PowerShell, app) that expired or was revoked.',
				confirm: 'Check when the account last signed in; `az account get-access-token` fails with the same code.',
				fixes: freshSignIn,
			},
			{
				text: 'An authorization code redeemed too late (after a debugger pause or slow redirect handling).',
				confirm: 'Compare the time between the redirect and the token request.',
				fixes: [{text: 'Redeem the code immediately after the redirect; start the sign-in again to get a new code.'}],
			},
		],
		verify: 'Sign in again and repeat the call; it succeeds.',
		prevent:
			'Handle invalid_grant by sending the user to an interactive sign-in; use workload identities for unattended jobs.',
		links: [docs.refreshTokens],
		phrases: ['the provided authorization code or refresh token has expired'],
	}),
	aadsts('50173', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'Grant revoked: a fresh sign-in is needed (password change or token revocation)',
		explanation:
			'The refresh token or session was revoked: the user changed or reset their password, or an administrator revoked their sessions, so tokens issued before the "TokensValidFrom" time are no longer valid. A new interactive sign-in issues fresh tokens.',
		causes: [
			{
				text: 'The user changed or reset their password after the token was issued.',
				confirm:
					'The message compares the grant\u2019s issue time with TokensValidFrom; a password change between them confirms it.',
				fixes: freshSignIn,
			},
			{
				text: 'An administrator or a security tool revoked the user\u2019s sessions (Revoke sessions, risk remediation).',
				confirm: 'Entra ID > Users > (user) > Audit logs: look for "Invalidate all refresh tokens for user".',
				fixes: [
					{
						text: 'Sign in again in every application; clear the application\u2019s token cache.',
						command: 'authfix cache purge',
					},
				],
			},
		],
		verify: 'Sign in again and repeat the call; it succeeds.',
		prevent:
			'Applications must handle invalid_grant by sending the user to an interactive sign-in rather than retrying the refresh.',
		links: [troubleshooting('error-code-aadsts50173-grant-expired-revoked'), docs.revokeAccess],
		phrases: ['the provided grant has expired due to it being revoked', 'a fresh auth token is needed'],
	}),
	aadsts('54005', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'Authorization code already redeemed',
		explanation: 'The authorization code was already exchanged for tokens; a code can be redeemed exactly once.',
		causes: [
			{
				text: 'The code is redeemed twice: both a middleware (e.g. OpenID Connect handler) and your own code redeem it, or a retry resends the same request.',
				confirm: 'Check the logs for two POSTs to /token with the same code.',
				fixes: [
					{
						text: 'Redeem each code once; after the first redemption use the refresh token (or MSAL\u2019s cache) for further tokens.',
						portal: 'Review the app\u2019s authentication middleware: only one component may handle the code',
					},
				],
			},
			{
				text: 'The browser replayed the redirect (refresh of the callback page, back button).',
				confirm: 'The failure happens when the callback URL is reloaded.',
				fixes: [{text: 'Redirect away from the callback URL after handling it; start a new sign-in on failure.'}],
			},
		],
		verify: 'Sign in once more; tokens are issued and later calls use the cache.',
		prevent:
			'Let one component (the framework middleware or MSAL) own code redemption, and use the token cache afterwards.',
		links: [docs.authCode],
		phrases: ['authorization code was already redeemed'],
	}),
	aadsts('70000', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'Invalid grant: the code, refresh token or assertion is not valid',
		explanation:
			'The grant presented is invalid, malformed, or was issued for another client, tenant or redirect URI. Common with authorization codes that were altered, redeemed by another app, or expired, and with refresh tokens used with a different client id.',
		causes: [
			{
				text: 'The authorization code was altered or truncated before redemption (browser extensions or privacy features rewriting the redirect URL, manual copying).',
				confirm:
					'Compare the code received on the redirect with the one sent to /token; try in a clean browser profile.',
				fixes: [
					{
						text: 'Start the sign-in again in a browser without extensions rewriting URLs, and redeem the code unchanged.',
						portal: 'Use a private window or disable URL-rewriting extensions, then sign in again',
					},
				],
			},
			{
				text: 'The grant was issued for another client id, redirect URI or tenant than the one redeeming it.',
				confirm:
					'Check that client_id, redirect_uri and tenant in the token request equal those of the authorize request.',
				fixes: [{text: 'Redeem with the same client id, redirect URI and tenant as the authorize request.'}],
			},
			{
				text: 'A cached refresh token became invalid (revoked, user changed, cache copied between machines).',
				confirm: 'Clearing the cache and signing in again fixes it.',
				fixes: freshSignIn,
			},
			{
				text: 'The request was denied because one or more requested scopes are unauthorized or expired: the user never granted them to this client, or the grant was removed.',
				confirm:
					'The message says scopes are unauthorized or expired; list the grants with `az ad app permission list-grants --id {clientId}`.',
				fixes: [
					{
						text: 'Have the user sign in interactively and consent to the scopes, or grant admin consent.',
						command: 'az ad app permission admin-consent --id {clientId}',
					},
				],
			},
		],
		verify: 'Sign in again and repeat the call; it succeeds.',
		prevent:
			'Redeem codes immediately and unchanged, keep authorize and token requests on the same client id, tenant and redirect URI, and send users to interactive sign-in on invalid_grant.',
		links: [docs.authCode, docs.refreshTokens],
		phrases: [
			"the refresh token isn't valid",
			'provided grant is invalid or malformed',
			'one or more scopes requested are unauthorized or expired',
			'authorization code is malformed or invalid',
		],
	}),
	aadsts('9002313', {
		httpStatus: 400,
		title: 'Invalid request: the request is malformed or invalid',
		explanation:
			'The token request could not be parsed or its parameters do not fit together: a grant for another flow, a code verifier or redirect URI that does not match, a truncated value, or an outdated library building requests the service no longer accepts.',
		causes: [
			{
				text: 'An outdated library (ADAL, old passport/oauth modules) sends a request shape the endpoint now rejects.',
				confirm: 'Check the library: ADAL (adal-node, Microsoft.IdentityModel.Clients.ActiveDirectory) is retired.',
				fixes: [
					{
						text: 'Migrate to MSAL (msal-node, MSAL.NET, MSAL Python) or @azure/identity.',
						command: 'npm install @azure/msal-node',
					},
				],
			},
			{
				text: 'Parameters do not match the flow: the redirect_uri or code_verifier differs from the authorize request, an empty or double-encoded parameter, or a code sent in the wrong field.',
				confirm:
					'Capture the POST to /token (Fiddler, library debug logs) and compare each parameter with the authorize request.',
				fixes: [{text: 'Send exactly the redirect_uri and code_verifier of the authorize request, URL-encoded once.'}],
			},
		],
		verify: 'Repeat the sign-in; tokens are issued.',
		prevent:
			'Use a maintained MSAL library and let it build protocol requests; log the request parameters (never secrets) on failure.',
		links: [docs.authCode],
		phrases: ['request is malformed or invalid'],
	}),
	aadsts('90014', {
		oauthError: 'invalid_request',
		httpStatus: 400,
		title: 'A required field is missing from the request',
		explanation:
			'The request lacks a field the flow requires, named in the message, for example client_secret or client_assertion for a confidential app, code for code redemption, or refresh_token.',
		causes: [
			{
				text: 'A confidential (web) app registration is used from a public client (desktop, console, device code) that sends no secret: "client_secret or client_assertion" is missing.',
				confirm:
					'The message names the missing parameter; check the app\u2019s platform and `az ad app show --id {clientId} --query isFallbackPublicClient`.',
				fixes: [
					{
						text: 'Register the client as a public client (native redirect URI, public client flows allowed), or send the secret from a confidential client.',
						command: 'az ad app update --id {clientId} --is-fallback-public-client true',
						portal:
							'Entra ID > App registrations > (app) > Authentication > Add a platform > Mobile and desktop applications',
					},
				],
			},
			{
				text: 'Code builds the form body by hand and omits a parameter (grant_type, client_id, code, redirect_uri).',
				confirm: 'Capture the request body and compare with the flow\u2019s documented parameters.',
				fixes: [{text: 'Add the missing parameter, or use MSAL to build the request.'}],
			},
		],
		verify: 'Send the request again; tokens are issued.',
		prevent:
			'Decide per app registration whether it is a public or a confidential client and configure the library to match.',
		links: [docs.authCode, docs.clientCredentials],
		phrases: ['the request body must contain the following parameter'],
	}),
	aadsts('900144', {
		oauthError: 'invalid_request',
		httpStatus: 400,
		title: 'The request body must contain a named parameter',
		explanation:
			'A required parameter of the flow is missing; the message names it (grant_type, client_id, scope, code, …). Often the body was sent as JSON or query string instead of application/x-www-form-urlencoded.',
		causes: [
			{
				text: 'The body is JSON, or parameters are in the URL query string, so Entra sees none of them.',
				confirm: 'Check the Content-Type of the POST: it must be application/x-www-form-urlencoded.',
				fixes: [
					{
						text: 'Send the parameters form-encoded in the body.',
						command:
							'curl -s -X POST https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token -H "Content-Type: application/x-www-form-urlencoded" -d grant_type=client_credentials -d client_id={clientId} --data-urlencode "scope={resource}/.default" --data-urlencode "client_secret=$CLIENT_SECRET"',
					},
				],
			},
			{
				text: 'The named parameter is simply missing or empty (an unset environment variable).',
				confirm: 'Check the configuration value the parameter is built from.',
				fixes: [{text: 'Set the missing value.'}],
			},
		],
		verify: 'Send the request again; it returns a token.',
		links: [docs.clientCredentials],
		phrases: [
			"must contain the following parameter: 'grant_type'",
			"must contain the following parameter: 'client_id'",
		],
	}),
	aadsts('50013', {
		httpStatus: 400,
		title: 'Assertion is invalid (issuer, lifetime, format or signature)',
		explanation:
			'The assertion presented (an on-behalf-of user token, a SAML bearer assertion, a client assertion) was rejected: it is expired, malformed, signed by an unexpected issuer, does not match the API version, or is not meant for this client.',
		causes: [
			{
				text: 'On-behalf-of: the incoming user token is expired, or its audience is not the middle-tier API ({clientId}).',
				confirm:
					'Decode the incoming token with `authfix decode <token>`: `exp` in the past, or `aud` not equal to {clientId} / its App ID URI.',
				fixes: [
					{
						text: 'Have the client request a token for the middle-tier API (scope api://{clientId}/<scope>) and pass that token; refresh it before it expires.',
						portal: 'See the on-behalf-of flow: the assertion must be an access token whose aud is the middle tier',
					},
				],
			},
			{
				text: 'The assertion is a v1 token presented where a v2 one is expected (or the reverse), or an ID token instead of an access token.',
				confirm: 'Decode it: check `ver`, `iss` and whether it is an ID token.',
				fixes: [{text: 'Use an access token for the API from the matching endpoint version.'}],
			},
		],
		verify: 'Repeat the exchange with a fresh, correctly targeted token; it succeeds.',
		prevent:
			'Validate incoming tokens (audience, expiry) in the middle tier before the OBO exchange, and use MSAL to perform it.',
		links: [docs.onBehalfOf],
		phrases: ['assertion is invalid because of various reasons', "assertion isn't a primary refresh token"],
	}),
	aadsts('500133', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'On-behalf-of assertion is not within its valid time range',
		explanation:
			'The user access token passed as the on-behalf-of assertion had expired (or was not yet valid) when the middle-tier API exchanged it. The middle tier must not cache and reuse the incoming token after its expiry.',
		causes: [
			{
				text: 'The API exchanges a user token it received earlier (cached, queued job, long-running request) after the token expired.',
				confirm:
					'Compare "Current time" and "expiry time of assertion" in the message; decode the assertion with `authfix decode <token>`.',
				fixes: [
					{
						text: 'Exchange the incoming token when the request arrives and cache the OBO result (MSAL caches it); for background work, use a refresh-token-capable flow or app-only permissions.',
						portal: 'See the on-behalf-of flow documentation on token caching',
					},
				],
			},
			{
				text: 'The client sends an expired token to the API (no refresh before calling).',
				confirm: 'The API receives tokens whose `exp` is already past.',
				fixes: [{text: 'Acquire tokens with MSAL\u2019s silent call before every API call; it refreshes as needed.'}],
			},
			{
				text: 'Clock skew on the machine running the API.',
				confirm: 'Compare the host clock with UTC (`date -u`).',
				fixes: [{text: 'Enable time synchronisation.', command: 'timedatectl set-ntp true'}],
			},
		],
		verify: 'Call the API with a fresh user token; the OBO exchange succeeds.',
		prevent:
			'Exchange incoming tokens immediately and rely on MSAL\u2019s OBO cache; for background work use app-only permissions.',
		links: [docs.onBehalfOf],
		phrases: [
			"ensure that the access token isn't expired before using it for user assertion",
			'before using it for user assertion',
		],
	}),
	aadsts('50089', {
		title: 'Authentication failed because the flow token expired',
		explanation:
			'The sign-in flow took too long (an abandoned page, a slow MFA step), so its internal flow token expired. Codes, refresh tokens and sessions also expire normally over time.',
		causes: [
			{
				text: 'The user left the sign-in page open too long before finishing.',
				confirm: readSignInLog,
				fixes: [
					{
						text: 'Start the sign-in again and complete it promptly.',
						portal: 'Close the sign-in window and sign in again',
					},
				],
			},
		],
		verify: 'Sign in again; it completes.',
		links: [docs.refreshTokens],
		phrases: ['flow token expired'],
	}),
	aadsts('700084', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'Single-page app refresh token reached its fixed 24-hour lifetime',
		explanation:
			'Refresh tokens issued to single-page applications have a fixed lifetime of 24 hours that cannot be extended. After it, the SPA must send the user through the authorize endpoint again (silently via a hidden iframe if the session allows).',
		causes: [
			{
				text: 'The SPA kept using a refresh token for more than 24 hours.',
				confirm: 'The message states the SPA refresh token lifetime and issue date.',
				fixes: [
					{
						text: 'Catch the error and call acquireTokenRedirect/acquireTokenPopup (MSAL.js does so when silent renewal fails).',
						portal: 'In the SPA, handle InteractionRequiredAuthError by calling acquireTokenRedirect',
					},
				],
			},
		],
		verify: 'Sign in again in the SPA; new tokens are issued.',
		links: [docs.refreshTokens, docs.spaApps],
		phrases: ['issued to a single page app (spa)', 'fixed, limited lifetime of'],
	}),
	aadsts('700005', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'Authorization code redeemed against another tenant',
		explanation:
			'The authorization code was issued for one tenant (or /common) and redeemed at another tenant\u2019s token endpoint. A code must be redeemed against the same tenant it was acquired for.',
		causes: [
			{
				text: 'The authorize request used /common or /organizations and the token request a specific tenant (or the reverse, or two different tenants).',
				confirm: 'Compare the authority of the authorize URL with the token endpoint URL.',
				fixes: [
					{
						text: 'Use the same authority for both requests.',
						portal: 'Configure one authority (tenant) in the app for both sign-in and token redemption',
					},
				],
			},
		],
		verify: 'Sign in again; the code is redeemed.',
		links: [docs.authCode],
		phrases: ['intended to use against other tenant'],
	}),
	aadsts('70016', {
		oauthError: 'authorization_pending',
		httpStatus: 400,
		title: 'Device code flow: authorization pending',
		explanation:
			'The device is polling for a token and the user has not finished signing in at the verification page yet. This is expected while the user signs in; the client keeps polling at the given interval.',
		causes: [
			{
				text: 'The user has not yet entered the code at https://microsoft.com/devicelogin, or is still completing MFA.',
				confirm: 'The polling continues until the code expires (15 minutes).',
				fixes: [
					{
						text: 'Open the verification URL, enter the code, and finish signing in.',
						portal: 'https://microsoft.com/devicelogin',
					},
				],
			},
		],
		verify: 'The polling client receives a token once the user finishes.',
		links: [docs.deviceCode],
		phrases: ['authorization is pending'],
	}),
	aadsts('70018', {
		title: 'Device code flow: wrong verification code entered',
		explanation:
			'The user typed a user code that does not match the device-code request, so the authorization is not approved.',
		causes: [
			{
				text: 'A typo in the code, or a code from an older request.',
				confirm: 'Compare the code shown by the command with the one typed.',
				fixes: [
					{
						text: 'Start the device-code sign-in again and enter the new code exactly.',
						command: 'az login --use-device-code --tenant {tenantId}',
					},
				],
			},
		],
		verify: 'The command completes its sign-in.',
		links: [docs.deviceCode],
		phrases: ['user typing in wrong user code'],
	}),
	aadsts('70019', {
		oauthError: 'expired_token',
		httpStatus: 400,
		title: 'Device code flow: verification code expired',
		explanation: 'The device code expired (after 15 minutes) before the user finished signing in.',
		causes: [
			{
				text: 'The user did not complete the sign-in in time.',
				confirm: 'More than 15 minutes passed since the code was shown.',
				fixes: [
					{
						text: 'Start again and complete the sign-in within the time limit.',
						command: 'az login --use-device-code --tenant {tenantId}',
					},
				],
			},
		],
		verify: 'The new sign-in completes.',
		links: [docs.deviceCode],
		phrases: ['verification code expired'],
	}),
	aadsts('90120', {
		title: 'Device code request was already authorised or declined',
		explanation: 'The device-code request was already completed or declined; its user code cannot be used again.',
		causes: [
			{
				text: 'The user code was entered a second time, or on another device after completion.',
				confirm: 'The first client already received a token or a decline.',
				fixes: [{text: 'Start a new device-code sign-in.', command: 'az login --use-device-code --tenant {tenantId}'}],
			},
		],
		verify: 'The new sign-in completes.',
		links: [docs.deviceCode],
		phrases: ['the request was already authorized or declined'],
	}),
	aadsts('50134', {
		title: 'Device code flow authorised in the wrong data centre',
		explanation:
			'The user completed the device-code sign-in in a data centre other than the one holding the original request (for example across sovereign clouds), so it cannot be authorised.',
		causes: [
			{
				text: 'The verification page of another cloud was used, or the request crossed regions.',
				confirm: 'Compare the cloud of the command (`az cloud show --query name`) with the verification URL used.',
				fixes: [
					{
						text: 'Use the verification URL printed by the command, in the same cloud.',
						command: 'az login --use-device-code',
					},
				],
			},
		],
		verify: 'The sign-in completes.',
		links: [docs.deviceCode, docs.nationalClouds],
		phrases: ['the authorizing party must be in the same data center'],
	}),
	aadsts('50132', {
		httpStatus: 400,
		phrases: ['session is not valid due to password expiration', "session isn't valid due to password expiration"],
		title: 'Session invalid after password expiry or change',
		explanation: 'The single sign-on session is no longer valid because the password expired or was changed recently.',
		causes: [
			{
				text: 'The user\u2019s password changed or expired after the session started.',
				confirm: readSignInLog,
				fixes: freshSignIn,
			},
		],
		verify: 'Sign in again with the new password.',
		links: [docs.refreshTokens],
	}),
	aadsts('50133', {
		httpStatus: 400,
		title: 'Session revoked after password expiry or change',
		explanation:
			'The session was revoked because the user\u2019s password expired or was recently changed; a fresh sign-in is required.',
		causes: [
			{
				text: 'A password change or reset invalidated the session.',
				confirm: readSignInLog,
				fixes: freshSignIn,
			},
		],
		verify: 'Sign in again with the new password.',
		links: [docs.refreshTokens],
		phrases: ['session is invalid due to expiration or recent password change'],
	}),
	aadsts('50027', {
		httpStatus: 400,
		title: 'Invalid JWT token',
		explanation:
			'A JWT presented to Entra (an ID token, client assertion or external token) is invalid: missing nonce or sub, duplicate claims, unexpected issuer or audience, outside its validity, badly formatted, or failing signature verification.',
		causes: [
			{
				text: 'The token\u2019s issuer or audience is not what Entra expects for this flow, or it expired.',
				confirm: 'Decode it with `authfix decode <token>` and check `iss`, `aud`, `exp`, `nbf`, `sub`.',
				fixes: [
					{
						text: 'Send a fresh token from the expected issuer for the expected audience.',
						command: 'authfix decode <token>',
					},
				],
			},
		],
		verify: 'Repeat the request with a valid token.',
		links: [docs.certificateCredentials],
		phrases: ['invalid jwt token because of the following reasons', 'jwt token is invalid or malformed'],
	}),
	aadsts('50196', {
		httpStatus: 400,
		title: 'Client loop detected: too many identical requests',
		explanation:
			'The app made many identical sign-in or token requests in a short time, which indicates a faulty loop (no token cache, retrying on every error). Entra blocks it until it calms down.',
		causes: [
			{
				text: 'The app does not cache tokens, or retries interactive sign-in in a redirect loop.',
				confirm:
					'Count requests in the sign-in logs for this user and app within a minute; browser dev tools show a redirect loop.',
				fixes: [
					{
						text: 'Cache tokens (use MSAL\u2019s cache), stop retrying on errors that need user action, and break redirect loops.',
						portal: 'Review the app\u2019s sign-in logic; see MSAL error handling',
					},
				],
			},
		],
		verify: 'The app signs in once and reuses its token.',
		links: [docs.msalErrors],
		phrases: ['a client loop has been detected', 'client loop has been detected', 'encountered a client request loop'],
	}),
	aadsts('501481', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'PKCE code verifier does not match the code challenge',
		explanation:
			'The code_verifier sent with the token request does not hash to the code_challenge sent in the authorize request.',
		causes: [
			{
				text: 'The verifier was regenerated or lost between the redirect and the token request (multiple tabs, storage cleared, two sign-ins interleaved).',
				confirm: 'Log the SHA-256 of the verifier and compare with the challenge of the authorize request.',
				fixes: [
					{
						text: 'Keep the verifier from the same sign-in attempt and send it unchanged; start a new sign-in if it is lost.',
						portal: 'Clear the app state and sign in again in a single tab',
					},
				],
			},
		],
		verify: 'Sign in again; the code is redeemed.',
		links: [docs.pkce],
		phrases: ["doesn't match the code_challenge", 'does not match the code_challenge'],
	}),
	aadsts('700020', {
		oauthError: 'interaction_required',
		httpStatus: 400,
		title: 'The access grant requires interaction',
		explanation:
			'The grant cannot be used silently: the user has to interact (sign in, consent, MFA) before a token is issued.',
		causes: [
			{
				text: 'A silent request (refresh, prompt=none) needs a user step.',
				confirm: 'The request was silent; interactive sign-in succeeds.',
				fixes: freshSignIn,
			},
		],
		verify: 'After the interactive sign-in, repeat the call.',
		links: [docs.msalErrors],
		phrases: ['the access grant requires interaction'],
	}),
	aadsts('240002', {
		httpStatus: 400,
		title: 'An ID token cannot be used as a jwt-bearer grant',
		explanation:
			'The request used an ID token as the assertion of a jwt-bearer (on-behalf-of) grant. Only access tokens can be exchanged.',
		causes: [
			{
				text: 'The client passed its ID token to the API, and the API used it for on-behalf-of.',
				confirm: 'Decode the assertion with `authfix decode <token>`: `aud` is the client id and there is no `scp`.',
				fixes: [
					{
						text: 'Have the client request an access token for the API and send that instead.',
						portal: 'Request scope api://<api-app-id>/<scope> in the client and send the access token',
					},
				],
			},
		],
		verify: 'Repeat the OBO exchange with an access token.',
		links: [docs.onBehalfOf],
		phrases: ["the id_token can't be used as"],
	}),
	aadsts('90023', {
		oauthError: 'invalid_request',
		httpStatus: 400,
		title: 'Invalid STS request',
		explanation:
			'The authentication service request is not valid. Seen with legacy WS-Trust/SAML logins (SharePoint clients), and with token redemptions from a browser by an app not registered as a single-page application.',
		causes: [
			{
				text: 'A browser-side code redemption by an app whose redirect URI is registered as Web instead of Single-page application.',
				confirm:
					'The error mentions cross-origin token redemption; check the redirect URI platform in the app registration.',
				fixes: [
					{
						text: 'Register the redirect URI under the Single-page application platform.',
						portal: 'Entra ID > App registrations > (app) > Authentication > Add a platform > Single-page application',
					},
				],
			},
			{
				text: 'A legacy library posting a malformed WS-Trust / SAML request.',
				confirm: 'The client uses username/password against SharePoint/Office 365 via an old library.',
				fixes: [{text: 'Move to MSAL with a supported flow (interactive, device code or app-only).'}],
			},
		],
		verify: 'Sign in again; the request is accepted.',
		links: [docs.spaApps],
		phrases: ['invalid sts request'],
	}),
	aadsts('9002326', {
		oauthError: 'invalid_request',
		httpStatus: 400,
		title: 'Cross-origin token redemption is allowed only for single-page application redirect URIs',
		explanation:
			'The token request came from a browser (with an Origin header) but the redirect URI is registered under the Web platform. Browser code must use a redirect URI registered as a Single-page application, which also enables PKCE without a secret.',
		causes: [
			{
				text: 'The SPA\u2019s redirect URI is under "Web" in the app registration.',
				confirm:
					'Run `az ad app show --id {clientId} --query "{web:web.redirectUris, spa:spa.redirectUris}"`; the URI in the request is under web.',
				fixes: [
					{
						text: 'Move the redirect URI to the Single-page application platform.',
						command:
							'az rest --method patch --url "https://graph.microsoft.com/v1.0/applications(appId=\'{clientId}\')" --body \'{"spa":{"redirectUris":["<redirect-uri>"]}}\'',
						portal: 'Entra ID > App registrations > (app) > Authentication > Add a platform > Single-page application',
					},
				],
			},
			{
				text: 'Server-side code is called through a browser (a proxy or dev server forwards the Origin header), so Entra sees a cross-origin request.',
				confirm: 'Check whether the POST to /token carries an Origin header.',
				fixes: [
					{
						text: 'Redeem codes on the server without forwarding the browser\u2019s Origin header, or use the SPA platform for browser code.',
					},
				],
			},
		],
		verify: 'Sign in again in the browser; the code is redeemed.',
		links: [docs.spaApps],
		phrases: ['cross-origin token redemption is permitted only for the'],
	}),
	aadsts('9002327', {
		oauthError: 'invalid_request',
		httpStatus: 400,
		title: 'SPA tokens may only be redeemed via cross-origin requests',
		explanation:
			'The code or refresh token was issued to a Single-page application redirect URI, but it is being redeemed from a server (no Origin header). SPA grants can only be redeemed from the browser.',
		causes: [
			{
				text: 'A back end redeems a code obtained with a SPA redirect URI.',
				confirm:
					'The redirect URI is under spa in `az ad app show --id {clientId} --query spa.redirectUris` while the token request comes from a server.',
				fixes: [
					{
						text: 'Register the server\u2019s redirect URI under Web and use it for server-side redemption.',
						portal: 'Entra ID > App registrations > (app) > Authentication > Web > Add URI',
					},
				],
			},
		],
		verify: 'Redeem the code again from the right platform.',
		links: [docs.spaApps],
		phrases: ['may only be redeemed via cross-origin requests'],
	}),
	aadsts('90056', {
		title: 'Bad resource request: the code must be POSTed to the token endpoint',
		explanation:
			'The app sent the wrong kind of request to an endpoint, for example a GET to /token or a code to /authorize.',
		causes: [
			{
				text: 'The code-redemption request is a GET or goes to the authorize endpoint.',
				confirm:
					'Check the method and URL: it must be POST https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token.',
				fixes: [
					{
						text: 'POST the code to the token endpoint shown under App registrations > Endpoints.',
						portal: 'Entra ID > App registrations > Endpoints',
					},
				],
			},
		],
		verify: 'Redeem the code with a POST; tokens are issued.',
		links: [docs.authCode],
	}),
	aadsts('900561', {
		title: 'The endpoint only accepts certain HTTP methods',
		explanation:
			'The endpoint received a request with an HTTP verb it does not accept (for example GET instead of POST). It can also come from a user pressing the browser back button and can then be ignored.',
		causes: [
			{
				text: 'A GET was sent to an endpoint that only accepts POST (such as /token), or the browser replayed a request.',
				confirm: 'The message lists the valid verbs and the one received.',
				fixes: [
					{
						text: 'Use the accepted method.',
						command:
							'curl -s -X POST https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token -d grant_type=client_credentials -d client_id={clientId}',
					},
				],
			},
		],
		verify: 'Repeat the request with the correct method.',
		links: [docs.authCode],
		phrases: ['the endpoint only accepts'],
	}),
];
