import type {KnowledgeEntry} from '../types.ts';
import {aadsts, docs, readSignInLog, troubleshooting} from './shared.ts';

const adminConsentUrl = 'https://login.microsoftonline.com/{tenantId}/adminconsent?client_id={clientId}';

/** Consent, permissions, resources and scopes: what the app asked for and whether the tenant allows it. */
export const consentEntries: readonly KnowledgeEntry[] = [
	aadsts('65001', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'No consent: the user or an administrator has not consented to the app',
		explanation:
			'App {clientId} asked for a token for permissions nobody in tenant {tenantId} has consented to, and the request was silent or non-interactive (refresh token, on-behalf-of, client credentials, device code), so Entra could not show a consent prompt. Someone must consent: the user interactively, or an administrator for the whole tenant.',
		causes: [
			{
				text: 'The permissions were never granted in this tenant (new app, new tenant, or new permission added to the registration), and user consent is disabled or the permission needs an admin.',
				confirm:
					'List what is configured and what is granted: `az ad app permission list --id {clientId}` and `az ad app permission list-grants --id {clientId}`; a configured permission without a grant confirms it.',
				fixes: [
					{
						text: 'Grant admin consent for the configured permissions.',
						command: 'az ad app permission admin-consent --id {clientId}',
						portal:
							'Entra ID > App registrations > (app {clientId}) > API permissions > Grant admin consent for <tenant>',
					},
					{
						text: 'Or have an administrator of the user\u2019s tenant open the admin consent URL.',
						portal: 'Open ' + adminConsentUrl + ' in a browser as an administrator of the tenant and accept',
					},
				],
			},
			{
				text: 'The code acquires the token silently (cache, refresh token, on-behalf-of) before the user ever went through an interactive sign-in with these scopes.',
				confirm:
					'Check the flow: an AcquireTokenSilent / OBO call with scopes that were not in the first interactive request.',
				fixes: [
					{
						text: 'Catch the interaction-required error and send an interactive authorization request for the same scopes; in OBO, return the error to the client so it can prompt.',
					},
				],
			},
			{
				text: 'On-behalf-of: the middle-tier API has no consent for the downstream API, and its client app is not listed as a knownClientApplication for combined consent.',
				confirm:
					'Check the middle-tier app\u2019s grants: `az ad app permission list-grants --id <middle-tier-app-id>`.',
				fixes: [
					{
						text: 'Grant admin consent on the middle-tier app, or add the client app id to its knownClientApplications so one consent covers both.',
						command: 'az ad app permission admin-consent --id <middle-tier-app-id>',
					},
				],
			},
		],
		verify:
			'Run the same sign-in or token request again; it succeeds without a consent error, and the grant appears in `az ad app permission list-grants --id {clientId}`.',
		prevent:
			'Declare every permission on the app registration, grant admin consent as part of deployment to each tenant, and request incremental scopes interactively.',
		links: [docs.adminConsent, docs.consent, docs.userConsent],
		phrases: [
			'has not consented to use the application',
			"hasn't consented to use the application",
			'send an interactive authorization request for this user and resource',
		],
	}),
	aadsts('500011', {
		oauthError: 'invalid_resource',
		httpStatus: 400,
		title: 'Resource principal not found in the tenant',
		explanation:
			'The token request named a resource (`resource`, or the prefix of `scope`) that has no service principal in tenant {tenantId}. Usually the resource URI is wrong (an instance URL instead of the service\u2019s App ID URI, a doubled scheme or slash), the request went to the wrong tenant, or the API\u2019s app was never provisioned in this tenant.',
		causes: [
			{
				text: 'The resource identifier is wrong: an instance host name instead of the service\u2019s App ID URI (for example a specific DPS or Key Vault URL instead of https://azure-devices-provisioning.net or https://vault.azure.net), a malformed URI (double scheme, extra slash), or a typo.',
				confirm:
					'Look the resource up in the tenant: `az ad sp list --filter "servicePrincipalNames/any(n:n eq \'{resource}\')" --query "[].{name:displayName, appId:appId}"`; an empty list means no such resource here.',
				fixes: [
					{
						text: 'Request the token for the service\u2019s App ID URI (or its application id GUID), e.g. https://management.azure.com/, https://graph.microsoft.com, https://vault.azure.net, https://storage.azure.com.',
						command: 'az account get-access-token --resource <app-id-uri-of-the-service> --tenant {tenantId}',
					},
				],
			},
			{
				text: 'The request went to the wrong tenant: the resource (a custom API) is registered in another tenant and is single-tenant, or the user signed in to their home tenant instead of the API\u2019s tenant.',
				confirm: 'Find the tenant of the API\u2019s app registration and compare with {tenantId} in the error.',
				fixes: [{text: 'Use the API\u2019s tenant in the authority.', command: 'az login --tenant <api-tenant-id>'}],
			},
			{
				text: 'A multi-tenant API (yours or a third party\u2019s) was never installed in this tenant: no administrator consented to it, so it has no service principal here.',
				confirm: 'Run `az ad sp show --id <api-app-id>` in {tenantId}; not found confirms it.',
				fixes: [
					{
						text: 'Create the API\u2019s service principal by admin consent (or directly).',
						command: 'az ad sp create --id <api-app-id>',
						portal:
							'Open https://login.microsoftonline.com/{tenantId}/adminconsent?client_id=<api-app-id> as an administrator',
					},
				],
			},
			{
				text: 'A first-party Azure service whose service principal is missing because the resource provider is not registered in the subscription or tenant.',
				confirm: 'Check the provider: `az provider show -n <Microsoft.Namespace> --query registrationState`.',
				fixes: [{text: 'Register the resource provider.', command: 'az provider register -n <Microsoft.Namespace>'}],
			},
		],
		verify:
			'Request the token again (`az account get-access-token --resource <resource> --tenant {tenantId}`), decode it with `authfix decode` and check `aud`, then replay the failing call.',
		prevent:
			'Keep resource identifiers as constants per cloud (never build them from instance host names), and provision API service principals as part of tenant onboarding.',
		links: [troubleshooting('error-code-aadsts500011-resource-principal-not-found'), docs.scopes],
		phrases: ['the resource principal named', 'was not found in the tenant named'],
	}),
	aadsts('50001', {
		oauthError: 'invalid_resource',
		httpStatus: 400,
		title: 'The resource is disabled or does not exist',
		explanation:
			'The resource named in the token request is unknown or disabled in this tenant. Older responses say "The application named … was not found in the tenant named …"; managed identity endpoints (IMDS) return it as invalid_resource for a resource URI Entra does not know.',
		causes: [
			{
				text: 'The resource URI is wrong or belongs to another cloud (for example a public-cloud URI used in Azure China or US Gov), or has an extra path.',
				confirm:
					'Compare {resource} with the service\u2019s documented App ID URI for this cloud (`az cloud show --query endpoints`).',
				fixes: [
					{
						text: 'Request the token for the correct resource URI of this cloud.',
						command: 'az account get-access-token --resource <app-id-uri-of-the-service>',
					},
				],
			},
			{
				text: 'The resource\u2019s service principal is disabled in the tenant.',
				confirm: 'Run `az ad sp show --id <resource-app-id> --query accountEnabled`.',
				fixes: [
					{
						text: 'Enable it if that is intended.',
						command: 'az ad sp update --id <resource-app-id> --set accountEnabled=true',
					},
				],
			},
		],
		verify: 'Request the token again; it is issued with the expected `aud` (`authfix decode`).',
		links: [docs.scopes, docs.managedIdentities],
		phrases: ["resource is disabled or doesn't exist", 'the application named'],
	}),
	aadsts('500014', {
		httpStatus: 400,
		title: 'The resource\u2019s service principal is disabled',
		explanation:
			'The API the token is for has a disabled service principal in this tenant: a subscription or license lapsed, or an administrator disabled the application, so no tokens are issued for it.',
		causes: [
			{
				text: 'An administrator (or a lapsed license) disabled the resource application\u2019s service principal.',
				confirm:
					'Run `az ad sp show --id <resource-id-from-the-error> --query "{name:displayName, enabled:accountEnabled}"`.',
				fixes: [
					{
						text: 'Re-enable the service principal (or renew the subscription that provides it).',
						command: 'az ad sp update --id <resource-id-from-the-error> --set accountEnabled=true',
						portal:
							'Entra ID > Enterprise applications > (resource app) > Properties > Enabled for users to sign in?: Yes',
					},
				],
			},
		],
		verify: 'Request the token again; it is issued.',
		links: [docs.disableUserSignIn],
		phrases: ['the service principal for resource', 'subscription within the tenant has lapsed'],
	}),
	aadsts('65002', {
		httpStatus: 400,
		title: 'First-party app and resource need preauthorization',
		explanation:
			'A Microsoft-owned application id was used to request a token for a Microsoft-owned API it is not preauthorized for. Someone is probably reusing a Microsoft app id (such as the Azure CLI\u2019s or PowerShell\u2019s) for a resource those apps may not call.',
		causes: [
			{
				text: 'Your code uses a Microsoft first-party client id (for example the Azure CLI\u2019s 04b07795-8ddb-461a-bbee-02f9e1bf7b46) to call an API that has not preauthorized it.',
				confirm:
					'Check whether {clientId} is one of Microsoft\u2019s app ids rather than an app registered in your tenant: `az ad app show --id {clientId}` fails for it.',
				fixes: [
					{
						text: 'Register your own app, give it the API permissions it needs, and use its client id.',
						command: 'az ad app create --display-name my-client --public-client-redirect-uris http://localhost',
					},
				],
			},
		],
		verify: 'Acquire the token with your own client id; it is issued.',
		links: [docs.consent],
		phrases: ['must be configured via preauthorization'],
	}),
	aadsts('65004', {
		oauthError: 'access_denied',
		title: 'The user declined consent',
		explanation: 'The consent prompt was shown and the user declined it (or closed it), so the app got no permission.',
		causes: [
			{
				text: 'The user chose Cancel on the consent prompt, or is not allowed to consent and dismissed the request.',
				confirm: readSignInLog,
				fixes: [
					{
						text: 'Sign in again and accept the consent prompt, or have an admin grant consent for the tenant.',
						command: 'az ad app permission admin-consent --id {clientId}',
					},
				],
			},
		],
		verify: 'Sign in again; the app receives a token.',
		links: [docs.consent],
		phrases: ['user declined to consent to access the app', 'declined to consent to access'],
	}),
	aadsts('65005', {
		httpStatus: 400,
		title: 'Misconfigured application: requested resource is not in its required permissions',
		explanation:
			'The app requested access to a resource that is not listed in its required resource access (API permissions), or the resource cannot be found. For SAML apps it can mean the Identifier (Entity ID) is wrong.',
		causes: [
			{
				text: 'The API is not in the app\u2019s API permissions (requiredResourceAccess), or a scope/role of it is missing.',
				confirm: 'Run `az ad app permission list --id {clientId}` and compare with the resource and scopes requested.',
				fixes: [
					{
						text: 'Add the API permission, then grant consent.',
						command:
							'az ad app permission add --id {clientId} --api <resource-app-id> --api-permissions <permission-id>=Scope && az ad app permission admin-consent --id {clientId}',
						portal: 'Entra ID > App registrations > (app) > API permissions > Add a permission',
					},
				],
			},
			{
				text: 'SAML: the Identifier (Entity ID) sent by the application differs from the one configured in Entra.',
				confirm:
					'Compare the Issuer in the SAML request with Enterprise applications > (app) > Single sign-on > Identifier.',
				fixes: [
					{
						text: 'Make the Identifier match exactly.',
						portal: 'Entra ID > Enterprise applications > (app) > Single sign-on > Basic SAML Configuration',
					},
				],
			},
		],
		verify: 'Sign in again; the token is issued.',
		links: [troubleshooting('error-code-AADSTS650056-misconfigured-app')],
		phrases: ['required resource access list'],
	}),
	aadsts('650052', {
		title: 'The app needs a service the organisation has not subscribed to or enabled',
		explanation:
			'The app requests access to an API (a Microsoft service such as Dynamics, Power BI or Exchange, or a partner API) that has no enabled service principal in this organisation, usually because the service is not licensed or was disabled.',
		causes: [
			{
				text: 'The tenant does not have the service (no subscription/licence), or its service principal is disabled.',
				confirm:
					'Run `az ad sp list --display-name "<service name from the error>" --query "[].{appId:appId, enabled:accountEnabled}"`.',
				fixes: [
					{
						text: 'Enable or license the service in the tenant, or remove the permission for it from the app.',
						portal: 'Entra ID > Enterprise applications > (service) > Properties > Enabled for users to sign in?: Yes',
					},
				],
			},
		],
		verify: 'Sign in again; the consent and token succeed.',
		links: [docs.consent],
		phrases: ["hasn't subscribed to or enabled", 'has not subscribed to or enabled'],
	}),
	aadsts('650054', {
		title: 'The app asks for a resource that was removed',
		explanation:
			'The application requested permissions on a resource (API) that no longer exists or is not available in this tenant.',
		causes: [
			{
				text: 'A permission on the app registration points to an API that was deleted or never existed in this tenant.',
				confirm:
					'Run `az ad app permission list --id {clientId}` and check each resourceAppId with `az ad sp show --id <resourceAppId>`.',
				fixes: [
					{
						text: 'Remove the stale permission from the app registration.',
						command: 'az ad app permission delete --id {clientId} --api <resourceAppId>',
					},
				],
			},
		],
		verify: 'Sign in again; consent succeeds.',
		links: [docs.consent],
		phrases: ['removed or is no longer available'],
	}),
	aadsts('650056', {
		httpStatus: 400,
		title: 'Misconfigured application: no permissions listed for the resource, or no admin consent',
		explanation:
			'The client requested a token for an API it has not listed in its API permissions, or the tenant administrator has not consented. It can also mean the client id or certificate in the request does not match the app.',
		causes: [
			{
				text: 'The API is missing from the client app\u2019s requested permissions.',
				confirm: 'Run `az ad app permission list --id {clientId}` and look for the API named in the error.',
				fixes: [
					{
						text: 'Add the API permission and grant admin consent.',
						command:
							'az ad app permission add --id {clientId} --api <resource-app-id> --api-permissions <permission-id>=Scope && az ad app permission admin-consent --id {clientId}',
						portal:
							'Entra ID > App registrations > (app) > API permissions > Add a permission, then Grant admin consent',
					},
				],
			},
			{
				text: 'The permission is listed but not consented in this tenant.',
				confirm: 'Run `az ad app permission list-grants --id {clientId}`.',
				fixes: [{text: 'Grant admin consent.', command: 'az ad app permission admin-consent --id {clientId}'}],
			},
		],
		verify: 'Sign in or request the token again; it is issued.',
		links: [troubleshooting('error-code-AADSTS650056-misconfigured-app')],
		phrases: ['the client has not listed any permissions for'],
	}),
	aadsts('650057', {
		httpStatus: 400,
		title: 'Invalid resource: not listed in the client\u2019s requested permissions',
		explanation:
			'The client requested access to a resource that is not among the API permissions of its app registration. The message lists the resource asked for and the valid resources from the registration.',
		causes: [
			{
				text: 'The code requests a resource or scope the registration does not declare (a typo, another API, a wrong App ID URI).',
				confirm:
					'Compare "Resource value from request" with "List of valid resources from app registration" in the message.',
				fixes: [
					{
						text: 'Add the resource to the app\u2019s API permissions, or request the resource the app declares.',
						command:
							'az ad app permission add --id {clientId} --api <resource-app-id> --api-permissions <permission-id>=Scope',
					},
				],
			},
		],
		verify: 'Request the token again; it is issued.',
		links: [docs.consent],
		phrases: ['list of valid resources from app registration', 'resource value from request'],
	}),
	aadsts('90008', {
		title: 'The app needs at least sign-in and read user profile permission',
		explanation:
			'The application requests a token for itself but has no consent to Microsoft Graph User.Read (sign in and read user profile), the minimum an interactive app needs.',
		causes: [
			{
				text: 'User.Read was removed from the app\u2019s API permissions or never consented.',
				confirm:
					'Run `az ad app permission list --id {clientId}`: Microsoft Graph (00000003-0000-0000-c000-000000000000) User.Read is missing.',
				fixes: [
					{
						text: 'Add Microsoft Graph User.Read and grant consent.',
						command:
							'az ad app permission add --id {clientId} --api 00000003-0000-0000-c000-000000000000 --api-permissions e1fe6dd8-ba31-4d61-89e7-88639da4683d=Scope && az ad app permission admin-consent --id {clientId}',
					},
				],
			},
		],
		verify: 'Sign in again; a token is issued.',
		links: [docs.consent],
		phrases: ['specifying the sign-in and read user profile permission'],
	}),
	aadsts('90094', {
		title: 'Administrator consent is required',
		explanation:
			'The app requests permissions that only an administrator can grant (or user consent is disabled in the tenant), so the user cannot consent alone.',
		causes: [
			{
				text: 'The requested permissions need admin consent, or the tenant disabled user consent.',
				confirm:
					'Check Entra ID > Enterprise applications > Consent and permissions > User consent settings, and whether the permissions are marked "Admin consent required".',
				fixes: [
					{
						text: 'Have an administrator grant consent for the tenant.',
						command: 'az ad app permission admin-consent --id {clientId}',
						portal: 'Open ' + adminConsentUrl + ' as an administrator',
					},
				],
			},
		],
		verify: 'Sign in again; no consent prompt blocks the user.',
		links: [docs.adminConsent, docs.userConsent],
	}),
	aadsts('90095', {
		title: 'User must ask an administrator for consent (admin consent workflow)',
		explanation:
			'With the admin consent workflow enabled, the user was told they need to request approval from an administrator before using the app.',
		causes: [
			{
				text: 'The app needs permissions the user cannot grant; a request to the admins is pending or not yet made.',
				confirm: 'Entra ID > Enterprise applications > Admin consent requests: look for the app.',
				fixes: [
					{
						text: 'An administrator reviews and approves the request.',
						portal:
							'Entra ID > Enterprise applications > Admin consent requests > (app) > Review permissions and consent',
					},
				],
			},
		],
		verify: 'After approval, sign in again; the app works.',
		links: [docs.adminConsent],
		phrases: ['ask the admin for consent', 'need to ask the admin'],
	}),
	aadsts('90099', {
		title: 'Application not authorised in the customer tenant for partner delegated admins',
		explanation:
			'A partner (GDAP/DAP) delegated administrator used an application that has not been authorised in the customer tenant. Partner apps must be pre-consented in each customer tenant.',
		causes: [
			{
				text: 'The partner application has no consent in the customer tenant.',
				confirm: 'In the customer tenant run `az ad sp show --id {clientId}`; not found confirms it.',
				fixes: [
					{
						text: 'Pre-consent the application in the customer tenant (Partner Center consent API or an admin consent by a customer admin).',
						portal:
							'Open https://login.microsoftonline.com/<customer-tenant-id>/adminconsent?client_id={clientId} as a customer administrator',
					},
				],
			},
		],
		verify: 'Repeat the delegated-admin operation; it succeeds.',
		links: [docs.adminConsent],
		phrases: ['partner delegated administrators can use them'],
	}),
	aadsts('70011', {
		oauthError: 'invalid_scope',
		httpStatus: 400,
		title: 'The requested scope is not valid',
		explanation:
			'The `scope` parameter is malformed or not valid for this flow. Client-credentials requests must ask for `<resource>/.default`; delegated requests need full scope URIs (or Graph short names); and a single request cannot mix resources.',
		causes: [
			{
				text: 'Client credentials (or a managed identity via v2) requested an individual scope or a bare resource instead of `<resource>/.default`.',
				confirm:
					'Look at the scope in the message: anything other than a single `…/.default` in a client-credentials request is invalid.',
				fixes: [
					{
						text: 'Request `<resource>/.default`; for ARM the scope is https://management.azure.com//.default (double slash, because the resource ends in /).',
						command: 'az account get-access-token --scope https://management.azure.com//.default',
					},
				],
			},
			{
				text: 'The scope lacks its resource prefix (e.g. `user_impersonation` alone), has a typo in the App ID URI, or names a scope the API does not expose.',
				confirm:
					'Compare the scope with the API\u2019s "Expose an API" page: `az ad app show --id <api-app-id> --query "{uris:identifierUris, scopes:api.oauth2PermissionScopes[].value}"`.',
				fixes: [
					{text: 'Use `<App ID URI>/<scope>` exactly as the API exposes it (e.g. api://<api-app-id>/access_as_user).'},
				],
			},
			{
				text: 'A v1 `resource` value was passed as the v2 `scope`, or the scope list contains spaces/commas wrongly encoded.',
				confirm: 'Inspect the request body: scopes are space-separated and URL-encoded.',
				fixes: [{text: 'Send a space-separated, URL-encoded scope list; let MSAL build it.'}],
			},
		],
		verify: 'Request the token again; decode it with `authfix decode` and check `aud` and `scp`/`roles`.',
		prevent: 'Build scopes from constants per API and cloud; use `/.default` for app-only flows.',
		links: [docs.scopes, docs.clientCredentials],
		phrases: ["the provided value for the input parameter 'scope'", "must include a 'scope' input parameter"],
	}),
	aadsts('700022', {
		oauthError: 'invalid_scope',
		httpStatus: 400,
		title: 'Scope contains more than one resource',
		explanation:
			'A single token request asked for scopes of several resources (e.g. Graph and ARM). An access token has one audience, so each resource needs its own request.',
		causes: [
			{
				text: 'The scope list mixes resources, e.g. `https://graph.microsoft.com/.default https://management.azure.com//.default`.',
				confirm: 'Look at the scope in the request: more than one resource prefix confirms it.',
				fixes: [
					{
						text: 'Request one resource per token call (OpenID scopes such as openid, profile, offline_access may accompany it).',
						command: 'az account get-access-token --scope https://graph.microsoft.com/.default',
					},
				],
			},
		],
		verify: 'Request each token separately; both succeed.',
		links: [docs.scopes],
		phrases: ['because it contains more than one resource'],
	}),
	aadsts('700023', {
		httpStatus: 400,
		title: 'Scope without a resource when requesting an access token',
		explanation:
			'The request asked for an access token with only resource-less scopes (for example only openid/profile), so Entra has no resource to issue it for.',
		causes: [
			{
				text: 'The scope list has no API scope.',
				confirm: 'Inspect the scope parameter.',
				fixes: [
					{
						text: 'Add the API scope, e.g. https://graph.microsoft.com/User.Read.',
						command: 'az account get-access-token --scope https://graph.microsoft.com/.default',
					},
				],
			},
		],
		verify: 'Request the token again; it is issued for the API.',
		links: [docs.scopes],
	}),
	aadsts('28002', {
		httpStatus: 400,
		title: 'Scope not valid when requesting an access token',
		explanation:
			'The value of the scope parameter is not valid for an access token request, typically a scope unknown to the resource or malformed.',
		causes: [
			{
				text: 'A misspelled or unexposed scope, or a scope of another resource.',
				confirm: 'Compare the scope in the message with the API\u2019s exposed scopes.',
				fixes: [
					{
						text: 'Request a scope the API exposes.',
						command: 'az ad app show --id <api-app-id> --query api.oauth2PermissionScopes[].value',
					},
				],
			},
		],
		verify: 'Request the token again.',
		links: [docs.scopes],
	}),
	aadsts('28003', {
		httpStatus: 400,
		title: 'Empty scope when redeeming an authorization code',
		explanation: 'The authorization code was redeemed with an empty scope parameter.',
		causes: [
			{
				text: 'The code-redemption request omits `scope`.',
				confirm: 'Inspect the POST to /token: scope is missing or empty.',
				fixes: [
					{
						text: 'Send the same scopes in the token request as in the authorize request.',
						portal: 'See the authorization code flow: redeem a code for an access token',
					},
				],
			},
		],
		verify: 'Redeem a new code with scopes; it succeeds.',
		links: [docs.authCode],
		phrases: ["can't be empty when requesting an access token", 'cannot be empty when requesting an access token'],
	}),
	aadsts('901002', {
		httpStatus: 400,
		title: "The 'resource' parameter is not supported on the v2.0 endpoint",
		explanation:
			'The request went to the v2.0 token endpoint (`/oauth2/v2.0/token`) with the v1 `resource` parameter. The v2.0 endpoint wants `scope=<resource>/.default` instead.',
		causes: [
			{
				text: 'Code or a tool mixes v1 parameters with the v2.0 endpoint.',
				confirm: 'Look at the request URL (`/oauth2/v2.0/token`) and body (`resource=`).',
				fixes: [
					{
						text: 'Send `scope=<resource>/.default` to the v2.0 endpoint (or use the v1 endpoint `/oauth2/token` with `resource`).',
						command:
							'curl -s -X POST https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token -d client_id={clientId} -d grant_type=client_credentials --data-urlencode "scope={resource}/.default" --data-urlencode "client_secret=$CLIENT_SECRET"',
					},
				],
			},
		],
		verify: 'Request the token again; it is issued.',
		links: [docs.scopes, docs.clientCredentials],
		phrases: ["the 'resource' request parameter"],
	}),
	aadsts('90009', {
		httpStatus: 400,
		title: 'App requests a token for itself with a non-GUID identifier',
		explanation:
			'The app {clientId} asked for a token whose resource is the app itself, identified by its App ID URI. Requesting a token for yourself is only supported when the resource is given as the application id GUID.',
		causes: [
			{
				text: 'The resource/scope is the app\u2019s own App ID URI (e.g. api://my-app or https://contoso.com/my-api) while the client id is the same app.',
				confirm:
					'Compare the resource in the request with the App ID URI of {clientId}: `az ad app show --id {clientId} --query identifierUris`.',
				fixes: [
					{
						text: 'Use the application id GUID as the resource (scope `{clientId}/.default`), or call the API with a separate client app.',
						command: 'az account get-access-token --scope {clientId}/.default',
					},
				],
			},
			{
				text: 'A v1 request passes the app\u2019s own App ID URI as `resource` for a token to call itself.',
				confirm:
					'The v1 token request has resource = one of the app\u2019s identifierUris and client_id = the same app.',
				fixes: [
					{
						text: 'Pass the application id GUID as the resource instead.',
						command: 'az account get-access-token --resource {clientId}',
					},
				],
			},
		],
		verify: 'Request the token again; it is issued with `aud` = {clientId}.',
		prevent:
			'Give each API a separate client app registration for callers, or address the app by its application id when it calls itself.',
		links: [docs.scopes],
		phrases: ['requesting a token for itself', 'using the guid-based application id'],
	}),
	aadsts('50105', {
		title: 'The user is not assigned to the application',
		explanation:
			'The enterprise application requires assignment ("Assignment required?" = Yes), and the signed-in user is not assigned to it, directly or through a group.',
		causes: [
			{
				text: 'User assignment is required on the enterprise application and this user (or their group) is not assigned.',
				confirm:
					'Run `az ad sp show --id {clientId} --query appRoleAssignmentRequired` (true) and check Enterprise applications > (app) > Users and groups for the user.',
				fixes: [
					{
						text: 'Assign the user or a group they belong to.',
						command:
							'az rest --method post --url "https://graph.microsoft.com/v1.0/servicePrincipals/<sp-object-id>/appRoleAssignedTo" --body \'{"principalId":"<user-object-id>","resourceId":"<sp-object-id>","appRoleId":"00000000-0000-0000-0000-000000000000"}\'',
						portal: 'Entra ID > Enterprise applications > (app) > Users and groups > Add user/group',
					},
				],
			},
			{
				text: 'The user is in an assigned group, but the group is nested (nested groups are not supported for app assignment) or the assignment is to another app instance.',
				confirm: 'Check that the group assigned is one the user is a direct member of.',
				fixes: [{text: 'Assign the user\u2019s direct group or the user.'}],
			},
			{
				text: 'Assignment was not intended for this app.',
				confirm: 'Ask the app owner whether every tenant user should have access.',
				fixes: [
					{
						text: 'Turn off assignment required.',
						command: 'az ad sp update --id {clientId} --set appRoleAssignmentRequired=false',
					},
				],
			},
		],
		verify: 'The user signs in again and reaches the app.',
		prevent:
			'Assign groups rather than individual users, and include the assignment in the app\u2019s onboarding steps.',
		links: [troubleshooting('error-code-AADSTS50105-user-not-assigned-role'), docs.assignUsers],
		phrases: [
			'is not assigned to a role for the application',
			"isn't assigned to a role for the",
			'block users unless they are specifically granted',
			'is blocked because they are not a direct member of a group with access',
		],
	}),
	aadsts('9002341', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'The user must permit single sign-on',
		explanation:
			'The user has not granted permission for the application to perform single sign-on, so a silent token request cannot complete.',
		causes: [
			{
				text: 'A silent/SSO request for an app the user has not allowed SSO for.',
				confirm: 'The error comes from a silent (prompt=none or broker) request.',
				fixes: [
					{
						text: 'Send the user through an interactive sign-in so they can allow it.',
						portal: 'Retry the sign-in interactively (prompt=select_account)',
					},
				],
			},
		],
		verify: 'After interactive sign-in, silent requests succeed.',
		links: [docs.consent],
		phrases: ['required to permit single sign-on'],
	}),
];
