import type {KnowledgeEntry} from '../types.ts';
import {aadsts, docs, showAppCommand, troubleshooting} from './shared.ts';

/** The application proving who it is: secrets, certificates, client assertions, the app's own registration. */
export const clientCredentialEntries: readonly KnowledgeEntry[] = [
	aadsts('7000215', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'Invalid client secret: the value sent is not a current secret of the app',
		explanation:
			'The token endpoint compared the client_secret in the request with the secrets registered on app {clientId} and none matched. The portal shows two values per secret, its ID (a GUID) and its Value (shown once, at creation); only the Value works. The secret may also belong to another app, have been rotated, or been mangled on its way into the configuration.',
		causes: [
			{
				text: 'The secret ID (a GUID) was configured instead of the secret value.',
				confirm:
					'Compare what you configured with the secret list: `az ad app credential list --id {clientId} --query "[].{id:keyId, hint:hint, ends:endDateTime}"`. If your configured value equals a keyId, it is the ID; a real value starts with the 3-character hint and is about 40 characters long.',
				fixes: [
					{
						text: 'Create a new secret and store its value (shown only once) where the app reads its secret.',
						command:
							'az ad app credential reset --id {clientId} --append --display-name authfix --years 1 --query password -o tsv',
						portal:
							'Entra ID > App registrations > (app {clientId}) > Certificates & secrets > New client secret: copy the Value column, not the Secret ID',
					},
				],
			},
			{
				text: 'The secret belongs to a different app registration or environment than the client_id sent (copied across dev/test/prod, or a bot/connection id that differs from the app id).',
				confirm:
					'Check that the client_id in the request is {clientId} and that the secret list of that app has a secret whose hint matches the first characters of the configured value.',
				fixes: [
					{
						text: 'Pair the client id and the secret from the same app registration, per environment.',
						command: 'az ad app credential list --id {clientId} -o table',
					},
				],
			},
			{
				text: 'The secret was rotated or deleted, and the running configuration (Key Vault reference, pipeline variable, app setting, cached container image) still holds the old value.',
				confirm:
					'List the secrets with `az ad app credential list --id {clientId}` and compare their start dates with when the configured value was last updated; restart the app after updating its settings.',
				fixes: [
					{
						text: 'Update every place the secret is stored, then restart or redeploy so the new value is read.',
					},
				],
			},
			{
				text: 'The value was altered in transit: surrounding quotes or whitespace, a shell expanding `$`, or special characters (`+`, `/`, `=`) not URL-encoded in the form body.',
				confirm:
					'Print the length of the configured value (never the value) and compare with the ~40 characters of an Entra secret; look for `$` or `+` in it and for manual string building of the request body.',
				fixes: [
					{
						text: 'Quote the secret in single quotes in shells, trim whitespace, and let the library form-encode the body instead of concatenating strings.',
					},
				],
			},
		],
		verify:
			'Request a token with the same client id and the new secret (`az login --service-principal -u {clientId} -p <new-secret-value> --tenant {tenantId} --allow-no-subscriptions`), then replay the failing call with `authfix replay`.',
		prevent:
			'Store the secret value in one place (Key Vault) referenced by every environment, alert before secrets expire, or replace secrets with a certificate or workload identity federation.',
		links: [docs.clientCredentials, docs.appCredentials],
		phrases: [
			'invalid client secret provided',
			'invalid client secret is provided',
			'the client secret value, not the client secret id',
		],
	}),
	aadsts('7000222', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'The client secret has expired',
		explanation:
			'App {clientId} authenticated with a secret whose end date has passed. Entra rejects expired secrets even if the value is correct. A new secret must be created and rolled out to every place that uses the old one.',
		causes: [
			{
				text: 'The secret configured in the app or pipeline reached its expiry date (often 6, 12 or 24 months after creation).',
				confirm:
					'List the secrets and their end dates: `az ad app credential list --id {clientId} --query "[].{hint:hint, ends:endDateTime}" -o table`.',
				fixes: [
					{
						text: 'Create a new secret, update the configuration with its value, then delete the expired one.',
						command:
							'az ad app credential reset --id {clientId} --append --display-name rotated --years 1 --query password -o tsv',
						portal: 'Entra ID > App registrations > (app {clientId}) > Certificates & secrets > New client secret',
					},
				],
			},
			{
				text: 'A tool ships a shared default app id whose secret expired (sample code, a project-provided app registration).',
				confirm:
					'Check whether {clientId} is an app registration in your own tenant: `az ad app show --id {clientId}`; if it is not found, the secret is not yours to renew.',
				fixes: [
					{
						text: 'Register your own app, give it the permissions the tool documents, and configure its id and secret in the tool.',
						command: 'az ad app create --display-name my-tool-app',
					},
				],
			},
		],
		verify:
			'Acquire a token with the new secret and replay the failing call (`authfix replay`); the token endpoint returns 200.',
		prevent:
			'Track secret end dates (alert 30 days ahead), rotate with overlap using `--append`, or move to a certificate or a federated credential that does not expire.',
		links: [docs.appCredentials, docs.certificateCredentials],
		phrases: ['client secret keys are expired', 'create new keys for your app', 'client secret keys for app'],
	}),
	aadsts('700016', {
		oauthError: 'unauthorized_client',
		httpStatus: 400,
		title: 'Application not found in the tenant the request went to',
		explanation:
			'Entra looked for an application with identifier {clientId} in the tenant named in the authority{tenantNameAside} and found none. Either the id is wrong (a placeholder, a typo, an object id instead of the application id), or the request went to a tenant where the app is not registered and has no service principal.',
		causes: [
			{
				text: 'The request went to the wrong tenant: the app is single-tenant and registered in another tenant, or `common`/`organizations` resolved to the user\u2019s home tenant.',
				confirm:
					'Find where the app lives: `az ad app show --id {clientId} --query "{appId:appId, audience:signInAudience}"` signed in to its home tenant, and compare that tenant id with the one in the authority ({authority}).',
				fixes: [
					{
						text: 'Use the tenant-specific authority of the tenant where the app is registered.',
						command: 'az login --service-principal -u {clientId} --tenant {tenantId} -p <secret-or-certificate.pem>',
						portal: 'Entra ID > App registrations > (app) > Overview: copy "Directory (tenant) ID" into the authority',
					},
				],
			},
			{
				text: 'The client id is wrong: a sample placeholder never replaced, a typo or trailing space, the object id or a secret id used instead of the application (client) id.',
				confirm:
					'Check the identifier in the message: it must be the "Application (client) ID" GUID shown on the app\u2019s Overview page; `az ad app show --id {clientId}` fails for a wrong one.',
				fixes: [
					{
						text: 'Configure the application (client) id exactly, without spaces.',
						command: 'az ad app list --display-name <app-name> --query "[].{name:displayName, appId:appId}" -o table',
					},
				],
			},
			{
				text: 'A multi-tenant app has no service principal in this tenant yet: nobody consented to it here.',
				confirm: 'In the target tenant run `az ad sp show --id {clientId}`; "does not exist" confirms it.',
				fixes: [
					{
						text: 'Have an administrator of the target tenant consent, which creates the service principal.',
						command: 'az ad sp create --id {clientId}',
						portal:
							'Open https://login.microsoftonline.com/{tenantId}/adminconsent?client_id={clientId} as an administrator of the target tenant',
					},
				],
			},
			{
				text: 'The app registration was deleted, or a managed identity / service principal was recreated with a new id.',
				confirm:
					'Entra ID > App registrations > Deleted applications; or `az ad app show --id {clientId}` returns not found in every tenant you own.',
				fixes: [{text: 'Restore the deleted app within 30 days, or configure the new id everywhere.'}],
			},
		],
		verify:
			'Request a token again with the corrected tenant and client id; the error changes or a token is issued. Replay the failing call with `authfix replay`.',
		prevent:
			'Pin both the tenant id and the client id in configuration per environment and fail fast at start-up when either is missing or a placeholder.',
		links: [troubleshooting('error-code-AADSTS70001-app-not-found-in-directory'), docs.multiTenant],
		phrases: ['was not found in the directory', 'you may have sent your authentication request to the wrong tenant'],
	}),
	aadsts('700027', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'Client assertion has an invalid signature or an unknown key',
		explanation:
			'The app {clientId} authenticated with a signed JWT (certificate credential) that Entra could not validate: the certificate that signed it is not registered on the app, or the assertion was built wrongly. The message usually names the thumbprint the client used.',
		causes: [
			{
				text: 'The certificate used to sign is not uploaded to the app registration (a renewed certificate, a different environment\u2019s certificate, or only the private key rotated).',
				confirm:
					'Compare the thumbprint in the message with the registered ones: `az ad app credential list --id {clientId} --cert --query "[].{thumbprint:customKeyIdentifier, ends:endDateTime}" -o table`.',
				fixes: [
					{
						text: 'Upload the public part of the certificate the client signs with.',
						command: 'az ad app credential reset --id {clientId} --cert @<certificate.pem> --append',
						portal:
							'Entra ID > App registrations > (app {clientId}) > Certificates & secrets > Certificates > Upload certificate',
					},
				],
			},
			{
				text: 'Subject name + issuer (SNI) authentication: the library did not send the x5c chain, so Entra looked for a registered thumbprint instead.',
				confirm:
					'Check the client configuration for "send X5C"/"sendCertificateChain"; SNI only works for apps configured to trust the issuer.',
				fixes: [
					{text: 'Enable sending the certificate chain (x5c) in the library, or register the certificate on the app.'},
				],
			},
			{
				text: 'The assertion is malformed: wrong `x5t`/`kid` header, wrong algorithm, or signed with a key that does not match the certificate.',
				confirm:
					'Decode the assertion header and claims with `authfix decode <assertion>` and check `x5t#S256`/`x5t`, `aud` (the token endpoint), `iss` and `sub` (= {clientId}).',
				fixes: [
					{
						text: 'Build the assertion with MSAL or @azure/identity\u2019s ClientCertificateCredential rather than by hand.',
					},
				],
			},
		],
		verify: 'Request a token with the certificate again; then replay the failing call with `authfix replay`.',
		prevent: 'Upload the next certificate before the old one expires and keep both registered during rollover.',
		links: [docs.certificateCredentials],
		phrases: [
			'client assertion contains an invalid signature',
			'client assertion failed signature validation',
			'thumbprint of key used by client',
			'used to sign the client assertion is not registered',
		],
	}),
	aadsts('700024', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'Client assertion is outside its valid time range',
		explanation:
			'The signed JWT the client sent as its credential (a certificate assertion or a federated token from GitHub, Kubernetes, Azure DevOps) was already expired or not yet valid when it reached Entra. Federated tokens are short-lived (GitHub and Azure DevOps tokens live minutes), so reusing one later fails.',
		causes: [
			{
				text: 'A federated token was fetched once and reused after it expired (a long job, a retry step, a token cached in a file).',
				confirm:
					'Compare "expiry time of assertion" with "Current time" in the message; decode the assertion with `authfix decode <assertion>` to see `exp`.',
				fixes: [
					{
						text: 'Fetch a fresh federated token right before each exchange; for the Azure CLI in GitHub Actions, log in again in later steps.',
						command:
							'az login --service-principal -u {clientId} --tenant {tenantId} --federated-token "$(cat $AZURE_FEDERATED_TOKEN_FILE)"',
					},
				],
			},
			{
				text: 'A library cached its client assertion past its lifetime (known in some MSAL versions).',
				confirm:
					'The "assertion valid from" time is far in the past or 1970; check the library version\u2019s release notes.',
				fixes: [{text: 'Upgrade the authentication library, or build a new assertion for each token request.'}],
			},
			{
				text: 'The clock of the machine that signed the assertion is wrong.',
				confirm:
					'Compare the machine clock with UTC (`date -u`); a skew of minutes puts `nbf`/`exp` outside the window.',
				fixes: [{text: 'Enable time synchronisation (NTP) on the host.', command: 'timedatectl set-ntp true'}],
			},
		],
		verify: 'Exchange a freshly fetched assertion; a token is issued. Replay the call with `authfix replay`.',
		prevent: 'Never persist client assertions; acquire them per request and let the library refresh the access token.',
		links: [docs.certificateCredentials, docs.workloadIdentityFederation],
		phrases: ['client assertion is not within its valid time range', 'expiry time of assertion'],
	}),
	aadsts('7000218', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'The request has no client secret or assertion, but the app is treated as confidential',
		explanation:
			'Entra expected the client to authenticate (a secret or a client assertion) and the request carried neither. This happens when a confidential flow forgets the credential, or when a public-client flow (device code, username/password) is used with an app whose default client type is confidential.',
		causes: [
			{
				text: 'A public-client flow (device code, ROPC, Integrated Windows Auth) against an app registration not marked as a public client.',
				confirm:
					'Check `az ad app show --id {clientId} --query isFallbackPublicClient`; false (or null) with a device-code or password flow confirms it.',
				fixes: [
					{
						text: 'Allow public client flows on the app registration (only for apps that really are public clients).',
						command: 'az ad app update --id {clientId} --is-fallback-public-client true',
						portal:
							'Entra ID > App registrations > (app) > Authentication > Advanced settings > Allow public client flows: Yes',
					},
				],
			},
			{
				text: 'A confidential client (web app, daemon, on-behalf-of) sent no secret: the setting is empty or not read.',
				confirm: 'Check the app configuration for an empty client secret / certificate path at start-up.',
				fixes: [{text: 'Provide the client secret or certificate to the library configuration.'}],
			},
			{
				text: 'The redirect URI used is registered under the Web platform, which makes Entra treat the request as confidential.',
				confirm: 'Compare the redirect_uri in the request with the platform it is registered under: ' + showAppCommand,
				fixes: [
					{text: 'Register native redirect URIs under "Mobile and desktop applications" (public client), not "Web".'},
				],
			},
		],
		verify: 'Run the flow again; the token endpoint returns a token.',
		links: [troubleshooting('confidential-client-application-authentication-error-aadsts7000218'), docs.deviceCode],
		phrases: ["must contain the following parameter: 'client_assertion' or 'client_secret'"],
	}),
	aadsts('70002', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'Error validating the client credentials',
		explanation:
			'A generic client-authentication failure: the credential presented for app {clientId} was not accepted, or the app may not use this flow. Newer responses usually carry a more specific code (7000215, 7000222, 700027, 7000218); when one is present, it is the cause.',
		causes: [
			{
				text: 'The client secret does not match (wrong value, secret id instead of value, rotated secret).',
				confirm: 'List the app\u2019s secrets and hints: `az ad app credential list --id {clientId} -o table`.',
				fixes: [
					{
						text: 'Create a new secret and configure its value.',
						command: 'az ad app credential reset --id {clientId} --append --query password -o tsv',
					},
				],
			},
			{
				text: 'A public client (native app, device code) sends a secret, or a public client flow is used with a confidential-only app.',
				confirm:
					'Check `az ad app show --id {clientId} --query isFallbackPublicClient` and whether the flow sends client_secret.',
				fixes: [{text: 'Send no secret from a public client, or allow public client flows on the registration.'}],
			},
		],
		verify: 'Acquire a token again; it succeeds.',
		prevent:
			'Prefer certificates or federated credentials over secrets, and treat invalid_client as a configuration error rather than retrying.',
		links: [docs.clientCredentials, docs.authCode],
		phrases: ['the specified client_secret does not match the expected value'],
	}),
	aadsts('700025', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'Public client must not send a secret or assertion',
		explanation:
			'The app is a public client (desktop, mobile, device code, SPA) for this request, and public clients cannot hold credentials, yet a client_secret or client_assertion was sent.',
		causes: [
			{
				text: 'The code sends a client secret while using a public-client redirect URI or flow.',
				confirm:
					'Inspect the token request: a client_secret plus a "Mobile and desktop" redirect URI or device-code flow confirms it.',
				fixes: [
					{
						text: 'Remove the secret from public-client code, or use a Web redirect URI for a confidential web app.',
						portal:
							'Entra ID > App registrations > (app) > Authentication: check which platform the redirect URI is under',
					},
				],
			},
		],
		verify: 'Repeat the sign-in without the secret; a token is issued.',
		links: [docs.authCode],
		phrases: ["client is public so neither 'client_assertion' nor 'client_secret' should be presented"],
	}),
	aadsts('7000112', {
		oauthError: 'unauthorized_client',
		httpStatus: 400,
		title: 'The application (its service principal) is disabled',
		explanation:
			'Sign-in for the application is disabled in this tenant: the service principal of {clientId} has accountEnabled = false, so Entra issues no tokens for it.',
		causes: [
			{
				text: 'An administrator disabled sign-in for the enterprise application (or a security tool did).',
				confirm: 'Run `az ad sp show --id {clientId} --query accountEnabled`; false confirms it.',
				fixes: [
					{
						text: 'Re-enable the service principal if the disablement was not intentional.',
						command: 'az ad sp update --id {clientId} --set accountEnabled=true',
						portal: 'Entra ID > Enterprise applications > (app) > Properties > Enabled for users to sign in?: Yes',
					},
				],
			},
		],
		verify: 'Acquire a token again for the app; it succeeds.',
		links: [troubleshooting('error-code-aadsts7000112-application-is-disabled'), docs.disableUserSignIn],
		phrases: ['application is disabled'],
	}),
	aadsts('70001', {
		oauthError: 'unauthorized_client',
		httpStatus: 400,
		title: 'The application is disabled or not available in this tenant',
		explanation:
			'Entra refused the application {clientId}: it is disabled or does not exist in the tenant the request went to.',
		causes: [
			{
				text: 'The app is not registered in the tenant of the authority (wrong tenant, single-tenant app).',
				confirm: 'Run `az ad sp show --id {clientId}` in the tenant of the request; not found confirms it.',
				fixes: [
					{
						text: 'Send the request to the tenant where the app is registered, or have an admin consent to it in this tenant.',
						portal:
							'Open https://login.microsoftonline.com/{tenantId}/adminconsent?client_id={clientId} as an administrator',
					},
				],
			},
			{
				text: 'The service principal is disabled.',
				confirm: '`az ad sp show --id {clientId} --query accountEnabled` returns false.',
				fixes: [{text: 'Enable it.', command: 'az ad sp update --id {clientId} --set accountEnabled=true'}],
			},
		],
		verify: 'Retry the sign-in; a token is issued.',
		links: [troubleshooting('error-code-AADSTS70001-app-not-found-in-directory')],
	}),
	aadsts('700011', {
		oauthError: 'unauthorized_client',
		httpStatus: 400,
		title: 'Client application not found in the organisation tenant',
		explanation:
			'A client application requested a token from this tenant but the app {clientId} does not exist in it. It is the older form of AADSTS700016.',
		causes: [
			{
				text: 'Wrong client id or wrong tenant in the authority.',
				confirm: 'Run `az ad sp show --id {clientId}` in the tenant of the request.',
				fixes: [
					{
						text: 'Use the app\u2019s own tenant in the authority, or consent to the app in this tenant.',
						command: 'az ad sp create --id {clientId}',
					},
				],
			},
		],
		verify: 'Retry with the corrected tenant or client id; a token is issued.',
		links: [docs.multiTenant],
	}),
	aadsts('50012', {
		title: 'Authentication failed: certificate or client assertion not accepted',
		explanation:
			'Entra rejected the certificate or client assertion: its subject or thumbprint is not authorised, the chain is invalid, or the assertion\u2019s signature is invalid.',
		causes: [
			{
				text: 'The signing certificate is not registered on the app (or expired).',
				confirm:
					'Run `az ad app credential list --id {clientId} --cert -o table` and compare thumbprints and end dates.',
				fixes: [
					{
						text: 'Upload the current certificate to the app registration.',
						command: 'az ad app credential reset --id {clientId} --cert @<certificate.pem> --append',
					},
				],
			},
			{
				text: 'For certificate-based user sign-in, the issuing CA or its CRL is not configured in the tenant.',
				confirm: 'Entra ID > Security > Certificate authorities: the issuing CA is missing.',
				fixes: [
					{
						text: 'Upload the root and intermediate CAs of the user certificate.',
						portal: 'Entra ID > Protection > Security Center > Certificate authorities',
					},
				],
			},
		],
		verify: 'Retry the token request with the registered certificate.',
		links: [docs.certificateCredentials],
	}),
	aadsts('700030', {
		httpStatus: 400,
		title: 'Certificate subject name is not authorised for the app',
		explanation:
			'The app authenticates by certificate subject name and issuer (SNI), and the subject names in the presented certificate are not the ones trusted for the app.',
		causes: [
			{
				text: 'The certificate was reissued with a different subject, or the trusted subject configured on the app is different.',
				confirm:
					'Compare the subject names listed in the message with the subject configured on the app (trustedCertificateSubjects in the manifest).',
				fixes: [
					{
						text: 'Use a certificate with the configured subject, or update the trusted subject on the app.',
						portal: 'Entra ID > App registrations > (app) > Manifest: trustedCertificateSubjects',
					},
				],
			},
		],
		verify: 'Retry the token request.',
		links: [docs.certificateCredentials],
		phrases: ['subject name in certificate'],
	}),
	aadsts('50146', {
		title: 'The app must be configured with its own signing key',
		explanation:
			'The app requires an application-specific signing key (for example because it maps claims), and none is configured, or it expired or is not yet valid.',
		causes: [
			{
				text: 'Claims mapping / acceptMappedClaims without a custom signing key, or the key expired.',
				confirm:
					'Check the service principal\u2019s keyCredentials: `az ad sp show --id {clientId} --query keyCredentials`.',
				fixes: [
					{
						text: 'Add a signing certificate to the service principal, or stop requiring mapped claims.',
						portal: 'Entra ID > Enterprise applications > (app) > Single sign-on > SAML Certificates',
					},
				],
			},
		],
		verify: 'Sign in again; a token is issued.',
		links: ['https://learn.microsoft.com/entra/identity-platform/saml-claims-customization'],
		phrases: ['configured with an app-specific signing key', 'configured with an application-specific signing key'],
	}),
	aadsts('50003', {
		title: 'Missing signing key or certificate for the application',
		explanation:
			'Sign-in failed because no signing key or certificate is configured for the app (typical for SAML single sign-on apps whose signing certificate was deleted or expired).',
		causes: [
			{
				text: 'The SAML signing certificate is missing, inactive or expired on the enterprise app.',
				confirm:
					'Entra ID > Enterprise applications > (app) > Single sign-on > SAML Certificates: check the status and expiry.',
				fixes: [
					{
						text: 'Create a new signing certificate, make it active, and update the application with its metadata.',
						portal:
							'Entra ID > Enterprise applications > (app) > Single sign-on > SAML Certificates > Edit > New certificate > Make certificate active',
					},
				],
			},
		],
		verify: 'Sign in to the app again.',
		links: [troubleshooting('error-code-AADSTS50003-cert-or-key-not-configured')],
		phrases: ['missing signing key or certificate', 'no signing key configured in the app'],
	}),
	aadsts('7000114', {
		httpStatus: 400,
		title: 'The application may not make application on-behalf-of calls',
		explanation:
			'The app {clientId} tried an on-behalf-of exchange with an app-only token as the assertion, which is not allowed for it.',
		causes: [
			{
				text: 'The OBO assertion is an app-only token (client credentials) instead of a user\u2019s delegated token.',
				confirm:
					'Decode the incoming assertion with `authfix decode <token>`: it has `roles` and no `scp`, `idtyp` is `app`.',
				fixes: [
					{
						text: 'Use the client-credentials flow for app-only calls; use OBO only with user tokens whose `aud` is this API.',
						portal: 'See the on-behalf-of flow documentation for the supported token types',
					},
				],
			},
		],
		verify: 'Call the downstream API with a token from the right flow.',
		links: [docs.onBehalfOf],
		phrases: ['make application on-behalf-of calls'],
	}),
];
