import type {KnowledgeEntry} from '../types.ts';
import {aadsts, docs, showAppCommand, troubleshooting} from './shared.ts';

/** The app registration\u2019s own configuration: redirect URIs, response types, SAML single sign-on. */
export const appConfigurationEntries: readonly KnowledgeEntry[] = [
	aadsts('50011', {
		oauthError: 'invalid_request',
		title: 'Redirect URI (reply URL) does not match the app registration',
		explanation:
			'The redirect_uri in the sign-in request (or the Assertion Consumer Service URL of a SAML request) is not one of the redirect URIs registered for app {clientId}. The comparison is exact: scheme, host, port, path, trailing slash and case all count, and the URI must be registered under the right platform (Web, Single-page application, Mobile and desktop).',
		causes: [
			{
				text: 'The redirect URI is not registered at all (a new environment, a new port for local development, a deployment slot or a custom domain).',
				confirm: 'Compare the redirect URI in the error with the registered ones: ' + showAppCommand,
				fixes: [
					{
						text: 'Add the exact URI under the right platform. Note that --web-redirect-uris replaces the list, so pass the existing URIs too.',
						command:
							'az ad app update --id {clientId} --web-redirect-uris <existing-uris...> <redirect-uri-from-the-error>',
						portal: 'Entra ID > App registrations > (app {clientId}) > Authentication > (platform) > Add URI',
					},
				],
			},
			{
				text: 'It differs by a detail: http vs https (often a reverse proxy or App Service terminating TLS, so the app builds an http:// URI), a trailing slash, letter case, or the port.',
				confirm:
					'Put the URI from the error next to the registered one character by character; "More details" in newer messages mentions case sensitivity.',
				fixes: [
					{
						text: 'Make the app build the public https URI (honour X-Forwarded-Proto / forwarded headers), or register the exact variant it sends.',
						portal: 'ASP.NET Core: app.UseForwardedHeaders(); other stacks: configure the public base URL',
					},
				],
			},
			{
				text: 'The request uses another app\u2019s client id (a different environment\u2019s registration) whose redirect URIs differ.',
				confirm: 'Check that the client_id in the authorize URL is {clientId}, the app you configured.',
				fixes: [{text: 'Configure the client id of the registration that holds this redirect URI.'}],
			},
			{
				text: 'SAML: the ACS URL sent by the application is not among the enterprise app\u2019s Reply URLs.',
				confirm:
					'Decode the SAMLRequest and compare AssertionConsumerServiceURL with Basic SAML Configuration > Reply URL.',
				fixes: [
					{
						text: 'Add the ACS URL as a Reply URL.',
						portal:
							'Entra ID > Enterprise applications > (app) > Single sign-on > Basic SAML Configuration > Reply URL',
					},
				],
			},
		],
		verify: 'Sign in again; Entra redirects back to the app without the error.',
		prevent:
			'Register redirect URIs for every environment as code (Bicep/Terraform or az scripts) and derive the app\u2019s redirect URI from one setting.',
		links: [troubleshooting('error-code-AADSTS50011-redirect-uri-mismatch'), docs.replyUrl],
		phrases: [
			'does not match the reply addresses configured for the application',
			'does not match the reply urls configured for the application',
			'does not match the redirect uris configured for the application',
		],
	}),
	aadsts('500113', {
		title: 'No reply address is registered for the application',
		explanation: 'The app registration has no redirect URI at all, so Entra has nowhere to send the sign-in response.',
		causes: [
			{
				text: 'The app was registered without any redirect URI, or they were all removed.',
				confirm: 'Run ' + showAppCommand + '; all lists are empty.',
				fixes: [
					{
						text: 'Register the redirect URI the app uses, under the right platform.',
						command: 'az ad app update --id {clientId} --web-redirect-uris <redirect-uri>',
						portal: 'Entra ID > App registrations > (app) > Authentication > Add a platform',
					},
				],
			},
			{
				text: 'The app is a SAML enterprise application without a Reply URL (Assertion Consumer Service URL).',
				confirm:
					'Entra ID > Enterprise applications > (app) > Single sign-on > Basic SAML Configuration: Reply URL is empty.',
				fixes: [
					{
						text: 'Set the Reply URL from the service provider\u2019s metadata.',
						portal:
							'Entra ID > Enterprise applications > (app) > Single sign-on > Basic SAML Configuration > Reply URL',
					},
				],
			},
		],
		verify: 'Sign in again; the response reaches the app.',
		prevent: 'Register redirect URIs together with the app, as code, for every environment.',
		links: [docs.replyUrl],
		phrases: ['no reply address is registered for the application'],
	}),
	aadsts('900971', {
		title: 'No reply address provided',
		explanation:
			'The sign-in request carried no redirect URI and Entra could not pick one, for example a SAML request whose Identifier (Entity ID) matches no configured app reply URL, or an OIDC request without redirect_uri for an app with several.',
		causes: [
			{
				text: 'SAML: the Identifier (Entity ID) the service provider sends does not match the enterprise application, so no Reply URL is found.',
				confirm:
					'Decode the SAMLRequest: compare its Issuer with Basic SAML Configuration > Identifier, and check that a Reply URL is set.',
				fixes: [
					{
						text: 'Make the Identifier match and set the Reply URL (ACS URL).',
						portal: 'Entra ID > Enterprise applications > (app) > Single sign-on > Basic SAML Configuration',
					},
				],
			},
			{
				text: 'OIDC/OAuth: the authorize request omits redirect_uri.',
				confirm: 'Look at the authorize URL parameters.',
				fixes: [{text: 'Send the redirect_uri explicitly; it must be registered.', command: showAppCommand}],
			},
		],
		verify: 'Sign in again; the response is posted to the app.',
		prevent:
			'Configure SAML apps from the service provider\u2019s metadata file so Identifier and Reply URL always match what it sends.',
		links: [docs.samlSso, docs.replyUrl],
		phrases: ['no reply address provided'],
	}),
	aadsts('700054', {
		title: "response_type 'id_token' is not enabled for the application",
		explanation:
			'The app requested an ID token from the authorize endpoint (implicit or hybrid flow, e.g. response_type=id_token or code id_token), but ID token issuance through the implicit grant is not enabled on the registration.',
		causes: [
			{
				text: 'The app (often ASP.NET OpenID Connect middleware with response_type=code id_token, or an older SPA) uses the implicit/hybrid flow and "ID tokens" is not ticked.',
				confirm:
					'Run `az ad app show --id {clientId} --query web.implicitGrantSettings`; enableIdTokenIssuance false confirms it.',
				fixes: [
					{
						text: 'Enable ID token issuance, or (better) switch the app to the authorization code flow with PKCE.',
						command: 'az ad app update --id {clientId} --enable-id-token-issuance true',
						portal:
							'Entra ID > App registrations > (app) > Authentication > Implicit grant and hybrid flows > ID tokens',
					},
				],
			},
			{
				text: 'An older library (MSAL.js 1.x, ADAL.js) that only supports the implicit flow.',
				confirm: 'Check the SPA\u2019s dependencies for msal 1.x or adal-angular.',
				fixes: [
					{
						text: 'Upgrade to @azure/msal-browser (authorization code flow with PKCE) and register the redirect URI as a Single-page application.',
						command: 'npm install @azure/msal-browser',
					},
				],
			},
		],
		verify: 'Sign in again; the ID token is returned.',
		prevent: 'Use the authorization code flow (with PKCE for SPAs), which needs no implicit grant.',
		links: [docs.authCode, docs.spaApps],
		phrases: [
			"response_type 'id_token' is not enabled for the application",
			"response_type 'id_token' isn't enabled for the application",
		],
	}),
	aadsts('70005', {
		title: 'Unsupported response type',
		explanation:
			'The response_type requested is not enabled for the app, e.g. response_type=token without implicit access tokens enabled, or id_token without the openid scope.',
		causes: [
			{
				text: "response_type 'token' requested while access-token issuance (implicit grant) is disabled.",
				confirm: 'Run `az ad app show --id {clientId} --query web.implicitGrantSettings`.',
				fixes: [
					{
						text: 'Enable access-token issuance, or move to the authorization code flow.',
						command: 'az ad app update --id {clientId} --enable-access-token-issuance true',
					},
				],
			},
			{
				text: 'response_type id_token without the openid scope.',
				confirm: 'Check the scope parameter of the authorize request.',
				fixes: [{text: 'Add openid to the scopes.'}],
			},
		],
		verify: 'Sign in again; the requested token is returned.',
		links: [docs.authCode],
		phrases: ["response type 'token' isn't enabled for the app", "response type 'token' is not enabled for the app"],
	}),
	aadsts('70007', {
		title: 'Unsupported response_mode',
		explanation:
			'The response_mode value in the request is not supported for this response type (for example query with an ID token).',
		causes: [
			{
				text: 'response_mode=query combined with a token in the response, or a typo.',
				confirm: 'Check response_mode and response_type in the authorize request.',
				fixes: [
					{
						text: 'Use form_post or fragment for responses containing tokens; query only for code.',
						portal: 'Review the authorize request parameters',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.authCode],
		phrases: ['unsupported value of response_mode'],
	}),
	aadsts('70004', {
		title: 'Invalid redirect URI',
		explanation:
			'The redirect address the client specified does not match any configured address or any address on the OIDC approve list.',
		causes: [
			{
				text: 'The redirect URI is not registered for the app.',
				confirm: showAppCommand,
				fixes: [
					{
						text: 'Register the URI under the right platform.',
						portal: 'Entra ID > App registrations > (app) > Authentication > Add URI',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.replyUrl],
		phrases: ['addresses on the oidc approve list'],
	}),
	aadsts('50010', {
		title: 'Audience URI validation failed: no token audiences configured',
		explanation:
			'The app has no configured audience (Identifier / App ID URI), so the token audience could not be validated; common with SAML apps missing an Identifier.',
		causes: [
			{
				text: 'No Identifier (Entity ID) or App ID URI on the app.',
				confirm: 'Run `az ad app show --id {clientId} --query identifierUris`.',
				fixes: [
					{
						text: 'Set an Identifier / App ID URI.',
						command: 'az ad app update --id {clientId} --identifier-uris api://{clientId}',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.samlSso],
		phrases: ['no token audiences were configured'],
	}),
	aadsts('75005', {
		title: 'SAML request not supported by Entra',
		explanation:
			'The SAML request the application sent for single sign-on is not valid or not supported (bad encoding, wrong binding, malformed XML).',
		causes: [
			{
				text: 'The service provider sends a malformed or unsupported SAMLRequest.',
				confirm: 'Decode the SAMLRequest (base64 + inflate for redirect binding) and validate it.',
				fixes: [
					{
						text: 'Fix the SP\u2019s SAML configuration (binding, encoding, NameIDPolicy).',
						portal: 'Entra ID > Enterprise applications > (app) > Single sign-on > Test',
					},
				],
			},
		],
		verify: 'Test single sign-on again.',
		links: [troubleshooting('error-code-AADSTS75005-not-a-valid-saml-request'), docs.samlSso],
		phrases: ['the request is not a valid saml2 protocol message'],
	}),
	aadsts('750054', {
		title: 'SAMLRequest or SAMLResponse missing from the redirect binding',
		explanation:
			'For HTTP-Redirect binding, SAMLRequest or SAMLResponse must be present as query string parameters, and they are missing.',
		causes: [
			{
				text: 'The app sends a plain GET to the SAML endpoint (or IdP-initiated sign-in is misconfigured).',
				confirm: 'Check the URL that reaches login.microsoftonline.com/…/saml2.',
				fixes: [
					{
						text: 'Send the SAMLRequest parameter, or use the app\u2019s user access URL for IdP-initiated sign-in.',
						portal: 'Entra ID > Enterprise applications > (app) > Properties > User access URL',
					},
				],
			},
		],
		verify: 'Test single sign-on again.',
		links: [troubleshooting('error-code-AADSTS750054-saml-request-not-present')],
		phrases: ['samlrequest or samlresponse must be present as query string parameters'],
	}),
	aadsts('7500514', {
		title: 'Supported SAML response type not found',
		explanation:
			'A federated IdP returned a SAML message that is neither a Response nor an Assertion in the expected namespaces.',
		causes: [
			{
				text: 'The federated identity provider (AD FS, PingFederate, …) sends an unexpected SAML response format.',
				confirm: 'Capture the SAML response from the IdP and check its root element and namespace.',
				fixes: [
					{
						text: 'Configure the IdP to send a SAML 2.0 Response.',
						portal: 'IdP relying-party configuration for Microsoft Entra ID',
					},
				],
			},
		],
		verify: 'Sign in again through the IdP.',
		links: [troubleshooting('error-code-aadsts7500514-supported-type-saml-response-not-found')],
		phrases: ['a supported type of saml response was not found'],
	}),
	aadsts('75011', {
		title: 'Authentication method does not match the requested one (SAML)',
		explanation:
			'The SAML request asked for a specific authentication method (RequestedAuthnContext), and the user authenticated with another one.',
		causes: [
			{
				text: 'The SP requests e.g. PasswordProtectedTransport while the user signed in with SSO/MFA/Windows auth.',
				confirm: 'Decode the SAMLRequest and read RequestedAuthnContext.',
				fixes: [
					{
						text: 'Remove RequestedAuthnContext from the SP\u2019s request, or use a matching method.',
						portal: 'Service provider SAML settings',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [troubleshooting('error-code-AADSTS75011-auth-method-mismatch')],
		phrases: ["doesn't match requested authentication method", 'does not match requested authentication method'],
	}),
	aadsts('76021', {
		title: 'The application requires signed requests',
		explanation: 'The enterprise app is configured to require signed SAML requests and the request was not signed.',
		causes: [
			{
				text: 'Request signing verification is on, and the SP does not sign.',
				confirm:
					'Entra ID > Enterprise applications > (app) > Single sign-on > Verification certificates: "Require verification certificates" is on.',
				fixes: [
					{
						text: 'Sign the requests with the uploaded certificate, or turn off the requirement.',
						portal: 'Entra ID > Enterprise applications > (app) > Single sign-on > Verification certificates',
					},
				],
			},
		],
		verify: 'Test single sign-on.',
		links: [troubleshooting('error-code-aadsts76021-request-not-signed')],
		phrases: ['the request sent by client is not signed'],
	}),
	aadsts('50008', {
		title: 'SAML assertion missing or misconfigured',
		explanation: 'The SAML assertion from the federation provider is missing or misconfigured.',
		causes: [
			{
				text: 'The federated IdP sends an assertion without required claims (ImmutableID/NameID) or with a wrong audience.',
				confirm: 'Capture the IdP response and check NameID, audience and the issuer.',
				fixes: [
					{
						text: 'Fix the claim rules on the federation provider.',
						portal:
							'AD FS > Relying Party Trusts > Microsoft Office 365 Identity Platform > Edit Claim Issuance Policy',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.samlSso],
		phrases: ['saml assertion is missing or misconfigured'],
	}),
	aadsts('501241', {
		title: 'Mandatory input missing from claims transformation (NameID)',
		explanation:
			'Entra could not build the SAML response because the source attribute of the NameID (Unique User Identifier) claim is missing for this user.',
		causes: [
			{
				text: 'The NameID claim maps to an attribute the user does not have (e.g. an empty extension attribute or mail).',
				confirm:
					'Check User Attributes & Claims > Unique User Identifier and the user\u2019s value for that attribute.',
				fixes: [
					{
						text: 'Map NameID to an attribute every user has, or fill it in.',
						portal:
							'Entra ID > Enterprise applications > (app) > Single sign-on > Attributes & Claims > Unique User Identifier',
					},
				],
			},
		],
		verify: 'Test single sign-on for the user.',
		links: [docs.samlSso],
		phrases: ['missing from transformation id'],
	}),
	aadsts('20001', {
		title: 'WS-Federation sign-in response error from the federated IdP',
		explanation:
			'There is an issue with the federated identity provider (AD FS or third party) for the user\u2019s domain.',
		causes: [
			{
				text: 'The IdP returned an error or an invalid WS-Fed response.',
				confirm: 'Check the IdP\u2019s event logs for the time of the sign-in.',
				fixes: [{text: 'Resolve the issue on the identity provider.', portal: 'AD FS management console / IdP logs'}],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.samlSso],
	}),
];
