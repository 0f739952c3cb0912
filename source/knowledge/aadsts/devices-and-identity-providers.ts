import {codeFix} from '../code-fixes.ts';
import type {KnowledgeEntry} from '../types.ts';
import {aadsts, docs, readSignInLogShort, retryLater, singleCause, troubleshooting} from './shared.ts';

const contactIdp: {text: string; portal: string} = {
	text: 'Check the federated identity provider\u2019s logs for the time of the sign-in and fix the error there (AD FS, PingFederate, Okta, a social IdP).',
	portal: 'Entra ID > Custom domain names > (federated domain): note the IdP, then its own event logs',
};

/** Device identity (registration, Windows Hello, brokers) and external identity providers behind the sign-in. */
export const deviceAndIdpEntries: readonly KnowledgeEntry[] = [
	singleCause('700003', {
		title: 'Device object was not found in the tenant',
		explanation:
			'The device presented during sign-in has no device object in the user\u2019s home tenant any more: it was deleted (the audit log records "Delete device"). Device-based Conditional Access and single sign-on fail until the device is registered or joined again.',
		cause:
			'An administrator or a clean-up job deleted the device object, while the device still believes it is registered or joined.',
		confirm:
			'Run `dsregcmd /status` on Windows (AzureAdJoined / WorkplaceJoined YES) and look for the device id in Entra ID > Devices; the audit log shows "Delete device".',
		fix: {
			text: 'Register or join the device again: Entra joined: `dsregcmd /forcerecovery`; hybrid joined: `dsregcmd /leave` then reboot; registered: disconnect the work account and add it again.',
			command: 'dsregcmd /forcerecovery',
			portal: 'Settings > Accounts > Access work or school > (account) > Disconnect, then Connect',
		},
		verify: 'Sign in again; `dsregcmd /status` shows the device registered and the sign-in succeeds.',
		links: [troubleshooting('error-code-aadsts700003-device-object-not-found'), docs.deviceIdentity],
		phrases: ['device object was not found in the tenant', 'your organization has deleted this device'],
	}),
	singleCause('135011', {
		title: 'The device used for authentication is disabled',
		explanation: 'The device presented during sign-in is disabled in Entra ID, so its identity cannot be used.',
		cause: 'An administrator disabled the device object (lost device, offboarding).',
		confirm: 'Find the device in Entra ID > Devices and check "Enabled".',
		fix: {
			text: 'Have an administrator re-enable the device, or register another device.',
			portal: 'Entra ID > Devices > All devices > (device) > Enable',
		},
		verify: 'Sign in again from the device.',
		links: [docs.deviceIdentity],
		phrases: ['device used during the authentication is disabled'],
	}),
	singleCause('130004', {
		title: 'Windows Hello for Business key not configured for the user',
		explanation: 'The user principal does not have the NGC (Windows Hello for Business) key that the sign-in used.',
		cause:
			'The Hello key on the device is not registered in Entra ID (provisioning incomplete or the key was removed).',
		confirm: 'Run `dsregcmd /status` and check NgcSet / NgcKeyId; check the user\u2019s authentication methods.',
		fix: {
			text: 'Reset the Windows Hello PIN on the device so the key is re-provisioned, or sign in with a password.',
			portal: 'Settings > Accounts > Sign-in options > PIN (Windows Hello) > I forgot my PIN',
		},
		verify: 'Sign in with Windows Hello again.',
		links: [docs.deviceIdentity],
		phrases: ["doesn't have the ngc id key configured", 'does not have the ngc id key configured'],
	}),
	singleCause('130005', {
		title: 'Windows Hello for Business key signature verification failed',
		explanation: 'The signature made with the Windows Hello (NGC) key could not be verified.',
		cause: 'The Hello key on the device and the one registered in Entra ID no longer match.',
		confirm: 'Run `dsregcmd /status` and compare NgcKeyId with the keys registered for the user.',
		fix: {
			text: 'Reset the Windows Hello PIN to re-provision the key.',
			portal: 'Settings > Accounts > Sign-in options > PIN > I forgot my PIN',
		},
		verify: 'Sign in with Windows Hello again.',
		links: [docs.deviceIdentity],
		phrases: ['ngc key signature verified failed'],
	}),
	singleCause('130007', {
		title: 'The device holding the Windows Hello key is disabled',
		explanation: 'The device referenced by the Windows Hello (NGC) key is disabled in Entra ID.',
		cause: 'The device object was disabled by an administrator.',
		confirm: 'Entra ID > Devices > (device): Enabled is No.',
		fix: {
			text: 'Re-enable the device, or use another sign-in method.',
			portal: 'Entra ID > Devices > All devices > (device) > Enable',
		},
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.deviceIdentity],
	}),
	singleCause('130008', {
		title: 'The device of the Windows Hello key was not found',
		explanation: 'The device referenced by the Windows Hello (NGC) key does not exist in the directory.',
		cause: 'The device object was deleted while the key remains on the device.',
		confirm: 'Look for the device id from `dsregcmd /status` in Entra ID > Devices.',
		fix: {text: 'Register or join the device again, then reset the PIN.', command: 'dsregcmd /forcerecovery'},
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.deviceIdentity],
		phrases: ["the device referenced by the ngc key wasn't found", 'device referenced by the ngc key'],
	}),
	singleCause('50187', {
		title: 'Device authentication could not be performed',
		explanation: 'The service failed to perform device authentication during the sign-in.',
		cause:
			'The device information was not provided, typically because the browser or app does not pass the device identity.',
		confirm: readSignInLogShort + ' Device info is empty.',
		fix: {
			text: 'Sign in with a browser or broker that passes the device identity (Edge, Chrome with the Microsoft SSO extension, the Windows broker).',
			portal: 'Install the "Microsoft Single Sign On" extension for Chrome',
		},
		verify: 'Sign in again; the sign-in log shows the device.',
		links: [docs.deviceIdentity],
		phrases: ['failed to perform device authentication'],
	}),
	singleCause('50192', {
		title: 'No credential included in the sign-in request (certificate-based authentication)',
		explanation:
			'The sign-in expected a raw credential, such as the user\u2019s certificate in certificate-based authentication, and none arrived; a proxy may have stripped it.',
		cause: 'The browser sent no client certificate, or a TLS-inspecting proxy removed it before it reached Entra.',
		confirm: 'Try from a network without TLS inspection; check that the certificate is installed with its private key.',
		fix: {
			text: 'Exclude certauth.login.microsoftonline.com from TLS inspection and make sure the certificate is available to the browser.',
			portal: 'Proxy configuration: bypass TLS inspection for *.certauth.login.microsoftonline.com',
		},
		verify: 'Sign in with the certificate again.',
		links: [docs.certificateBasedAuth],
		phrases: ['no credential was included in the sign-in request'],
	}),
	singleCause('50168', {
		title: 'Windows accounts SSO token missing or expired in the browser',
		explanation:
			'The browser could obtain an SSO token through the Windows Accounts extension, but the token was not in the request or had expired.',
		cause: 'The Chrome Windows Accounts / Microsoft SSO extension is missing, disabled or stale.',
		confirm: 'Check chrome://extensions for the Windows Accounts or Microsoft Single Sign On extension.',
		fix: {
			text: 'Install or re-enable the extension and sign in again.',
			portal: 'Chrome Web Store > Microsoft Single Sign On',
		},
		verify: 'Sign in again without a prompt.',
		links: [docs.deviceIdentity],
		phrases: ['windows 10 accounts extension'],
	}),
	singleCause('51006', {
		title: 'Integrated Windows authentication claim missing: sign in again',
		explanation:
			'The session token lacks the integrated Windows authentication claim the request needs, so the user must sign in again.',
		cause:
			'The existing session was created without Windows integrated auth (e.g. password sign-in) and the app or policy requires it.',
		confirm: readSignInLogShort,
		fix: codeFix(
			'sign-in',
			{tenant: '{tenantId}'},
			{text: 'Sign in again from the domain-joined device on the corporate network.'},
		),
		verify: 'The new session carries the claim and access works.',
		links: [docs.seamlessSso],
		phrases: ['missing the integrated windows authentication claim'],
	}),
	singleCause('50127', {
		title: 'A broker app must be installed',
		explanation:
			'The user needs to install a broker app (Microsoft Authenticator, Company Portal) to access this content, usually because of a device-based policy on mobile.',
		cause: 'A Conditional Access policy needs device state on iOS/Android, which requires the broker.',
		confirm: readSignInLogShort,
		fix: {
			text: 'Install Microsoft Authenticator (iOS) or Company Portal (Android) and sign in again.',
			portal: 'App Store / Google Play: Microsoft Authenticator or Intune Company Portal',
		},
		verify: 'Sign in again through the broker.',
		links: [docs.conditionalAccessGrant],
		phrases: ['needs to install a broker app'],
	}),
	singleCause('220450', {
		title: 'Unsupported Android WebView version',
		explanation: 'The Chrome WebView version on the Android device is not supported for sign-in.',
		cause: 'An outdated Android System WebView.',
		confirm: 'Check the Android System WebView version in the Play Store.',
		fix: {text: 'Update Android System WebView and Chrome.', portal: 'Google Play > Android System WebView > Update'},
		verify: 'Sign in again in the app.',
		links: [docs.deviceIdentity],
		phrases: ["chrome webview version isn't supported", 'chrome webview version is not supported'],
	}),
	singleCause('221000', {
		title: 'Resource does not accept device-only tokens',
		explanation:
			'A device-only token was requested for a resource that is not configured to accept device-only tokens.',
		cause: 'A device-only flow (no user) targets a resource that requires a user.',
		confirm: 'Check the flow: the request has no user context.',
		fix: {
			text: 'Request a user token for this resource, or use a resource that supports device-only tokens.',
			portal: 'Review the client\u2019s token request',
		},
		verify: 'Request the token again with a user context.',
		links: [docs.deviceIdentity],
		phrases: ['configured to accept device-only tokens'],
	}),
	singleCause('240001', {
		title: 'User not authorised to register devices',
		explanation: 'The user is not allowed to register or join devices in Entra ID (bulk enrolment token).',
		cause: 'Device settings restrict who may join devices, or the user hit the device limit.',
		confirm:
			'Entra ID > Devices > Device settings: "Users may join devices to Microsoft Entra" and "Maximum number of devices per user".',
		fix: {
			text: 'Allow the user (or group) to join devices, or remove stale devices.',
			portal: 'Entra ID > Devices > Device settings',
		},
		verify: 'Register the device again.',
		links: [docs.deviceIdentity],
		phrases: ["isn't authorized to register devices", 'is not authorized to register devices'],
	}),
	singleCause('50014', {
		title: 'Guest user in pending state: account does not exist in the directory',
		explanation:
			'The user account does not exist in the directory (for example a guest who has not redeemed the invitation), or the app chose the wrong tenant.',
		cause: 'The guest invitation was not redeemed, or the app signs in to a tenant the user is not in.',
		confirm: 'Check the guest in Entra ID > Users: "Invitation state" is PendingAcceptance.',
		fix: {
			text: 'Have the user redeem the invitation (or resend it).',
			portal: 'Entra ID > Users > (guest) > B2B invitation > Resend invitation',
		},
		verify: 'The guest signs in after redeeming.',
		links: [docs.b2bInvite],
	}),
	singleCause('50015', {
		title: 'Legal age group consent required',
		explanation: 'The user requires legal age group consent (a minor) before signing in.',
		cause: 'The account is flagged as a minor and needs parental consent.',
		confirm: readSignInLogShort,
		fix: {
			text: 'Complete the parental consent process for the account.',
			portal: 'Entra ID > Users > (user) > Properties > Age group and consent provided for minor',
		},
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.signInLogs],
		phrases: ['requires legal age group consent'],
	}),
	singleCause('54000', {
		title: 'Minor user blocked by legal age group rule',
		explanation: 'The user is a minor and a legal age group rule blocks the sign-in.',
		cause: 'Age group settings on the account block access.',
		confirm: readSignInLogShort,
		fix: {
			text: 'An administrator reviews the user\u2019s age group and consent settings.',
			portal: 'Entra ID > Users > (user) > Properties > Age group',
		},
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.signInLogs],
	}),
	singleCause('17003', {
		title: 'User key could not be provisioned',
		explanation: 'Microsoft Entra ID could not provision the user key (Windows Hello / credential key).',
		cause: 'A provisioning failure on the credential key.',
		confirm: readSignInLogShort,
		fix: {
			text: 'Retry provisioning (reset the Windows Hello PIN) later.',
			portal: 'Settings > Accounts > Sign-in options > PIN',
		},
		verify: 'Provisioning completes.',
		links: [docs.deviceIdentity],
		phrases: ["can't provision the user key"],
	}),
	singleCause('40008', {
		title: 'Federated OAuth identity provider: non-retryable server error',
		explanation: 'The external (federated) identity provider returned a server error that will not succeed on retry.',
		cause: 'A failure at the external identity provider.',
		confirm: 'Check the IdP\u2019s status and logs at the time of the sign-in.',
		fix: contactIdp,
		verify: 'Sign in again once the IdP works.',
		links: [docs.signInLogs],
	}),
	singleCause('40009', {
		title: 'Federated OAuth identity provider: refresh token redemption failed',
		explanation: 'Redeeming the refresh token at the external identity provider failed for this user.',
		cause: 'The IdP rejected the refresh token (expired, revoked).',
		confirm: 'Check the IdP\u2019s logs.',
		fix: codeFix(
			'sign-in',
			{tenant: '{tenantId}'},
			{text: 'Sign in again interactively so the IdP issues a new token.'},
		),
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.signInLogs],
	}),
	singleCause('40010', {
		title: 'Federated OAuth identity provider: retryable server error',
		explanation: 'The external identity provider returned a transient server error.',
		cause: 'A temporary problem at the federated identity provider.',
		confirm: 'Retry after a short wait.',
		fix: retryLater,
		verify: 'A retry succeeds.',
		links: [docs.signInLogs],
	}),
	singleCause('40015', {
		title: 'Federated OAuth identity provider: authorization code redemption failed',
		explanation: 'Redeeming the authorization code at the external identity provider failed.',
		cause: 'The IdP rejected the code (misconfigured client, expired code).',
		confirm: 'Check the IdP\u2019s logs and the federation (client id/secret) configuration in Entra.',
		fix: contactIdp,
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.signInLogs],
	}),
	singleCause('20012', {
		title: 'Invalid WS-Federation message from the federated IdP',
		explanation: 'The WS-Federation message from the user\u2019s federated identity provider is not valid.',
		cause: 'A misconfigured federation (AD FS relying party, token-signing certificate, claim rules).',
		confirm: 'Check AD FS / IdP event logs and the domain\u2019s federation settings.',
		fix: contactIdp,
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.samlSso],
	}),
	singleCause('5000819', {
		title: 'SAML assertion email claim missing or not matching the external domain',
		explanation:
			'The SAML assertion from a federated (direct federation) IdP has no email address claim, or its domain does not match the external realm.',
		cause: 'The partner IdP does not send the email claim, or sends one of another domain.',
		confirm: 'Capture the SAML response from the IdP and read the email claim.',
		fix: {
			text: 'Configure the partner IdP to send the user\u2019s email in the expected domain.',
			portal: 'Entra ID > External Identities > All identity providers > (SAML/WS-Fed IdP)',
		},
		verify: 'Sign in again through the partner IdP.',
		links: [docs.b2bInvite],
		phrases: ["email address claim is missing or doesn't match domain"],
	}),
	singleCause('90081', {
		title: 'Invalid WS-Federation message',
		explanation:
			'An error occurred when the service tried to process a WS-Federation message; the message is not valid.',
		cause: 'The app or IdP sends a malformed WS-Federation request or response.',
		confirm: 'Capture the WS-Fed message (wa, wtrealm, wctx parameters) and validate it.',
		fix: {
			text: 'Correct the WS-Federation configuration (realm, reply URL) of the application.',
			portal: 'Entra ID > Enterprise applications > (app) > Single sign-on',
		},
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.samlSso],
		phrases: ['tried to process a ws-federation message'],
	}),
	singleCause('90084', {
		title: 'Guest accounts are not allowed for this site (WS-Federation)',
		explanation:
			'The WS-Federation application does not allow guest accounts, and the signed-in user is a guest in this tenant.',
		cause: 'A guest user signs in to an application that only accepts members.',
		confirm: 'Check whether the user is a guest (userType Guest).',
		fix: {
			text: 'Use a member account, or change the application to accept guests.',
			portal: 'Entra ID > Users > (user) > Properties > User type',
		},
		verify: 'Sign in with a member account.',
		links: [docs.b2bInvite],
		phrases: ["guest accounts aren't allowed for this site", 'guest accounts are not allowed for this site'],
	}),
	singleCause('90085', {
		title: 'Company object not provisioned yet',
		explanation: 'The service cannot issue a token because the company (tenant) object has not been provisioned yet.',
		cause: 'A newly created tenant or subscription still provisioning.',
		confirm: 'The tenant was created very recently.',
		fix: retryLater,
		verify: 'A later retry succeeds.',
		links: [docs.signInLogs],
		phrases: ["company object hasn't been provisioned yet", 'company object has not been provisioned'],
	}),
	singleCause('50177', {
		title: 'External challenge not supported for pass-through users',
		explanation:
			'An external security challenge (custom control) is not supported for users signing in with pass-through authentication.',
		cause: 'A Conditional Access custom control targets pass-through authentication users.',
		confirm: readSignInLogShort,
		fix: {
			text: 'Exclude pass-through users from the custom control, or use Entra MFA instead.',
			portal: 'Entra ID > Protection > Conditional Access > (policy)',
		},
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.passThroughAuth],
		phrases: [
			"external challenge isn't supported for passthrough users",
			'external challenge is not supported for passthrough users',
		],
	}),
	singleCause('50178', {
		title: 'Session control not supported for pass-through users',
		explanation: 'A session control is not supported for users signing in with pass-through authentication.',
		cause: 'A Conditional Access session control targets pass-through users.',
		confirm: readSignInLogShort,
		fix: {
			text: 'Adjust the policy\u2019s session controls or its user scope.',
			portal: 'Entra ID > Protection > Conditional Access > (policy) > Session',
		},
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.passThroughAuth],
		phrases: [
			"session control isn't supported for passthrough users",
			'session control is not supported for passthrough users',
		],
	}),
	singleCause('50161', {
		title: 'External security challenge configuration invalid',
		explanation:
			'The claims sent by the external provider (custom control or external MFA) are not enough, or a requested claim is missing.',
		cause: 'A misconfigured custom control / external authentication method.',
		confirm: readSignInLogShort,
		fix: {
			text: 'Fix the external provider configuration (claims it must return).',
			portal: 'Entra ID > Protection > Conditional Access > Custom controls',
		},
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.conditionalAccessGrant],
		phrases: ["claims sent by external provider isn't enough", 'claims sent by external provider is not enough'],
	}),
	aadsts('50166', {
		title: 'Request to an external OIDC endpoint or claims provider failed',
		explanation:
			"Entra ID could not complete a request to an outside endpoint it needs for this sign-in. In workload identity federation this is the usual case: to validate a federated assertion Entra fetches the OIDC discovery document and keys of the federated credential's issuer (an AKS or Kubernetes OIDC issuer, GitHub, another identity provider), and that fetch failed. Less often, an external claims provider behind a Conditional Access custom control failed or throttled.",
		causes: [
			{
				text: "The federated credential's issuer does not serve OIDC discovery and its keys publicly (a private cluster's issuer, a storage account with public access off, a mistyped issuer URL, an outage at the issuer)",
				confirm:
					'From outside your network, `curl -sf "<issuer>/.well-known/openid-configuration"` must return JSON whose jwks_uri also answers; compare that issuer, character for character, with the federated credential of the app.',
				fixes: [
					{
						text: "List the app's federated credentials and check the issuer each one names:",
						command:
							'az ad app federated-credential list --id {clientId} --query "[].{name:name, issuer:issuer, subject:subject}" -o table',
					},
					{
						text: "Make the issuer's discovery document and keys publicly reachable (for AKS, the managed OIDC issuer), and set the credential's issuer to exactly the URL the tokens carry in `iss`.",
						command:
							'az aks show --resource-group <resource-group> --name <cluster> --query oidcIssuerProfile.issuerUrl -o tsv',
					},
				],
			},
			{
				text: 'An external claims provider (a Conditional Access custom control) failed or is throttling',
				confirm: readSignInLogShort,
				fixes: [retryLater],
			},
		],
		verify: 'Request the token again with the same assertion source; the exchange succeeds.',
		links: [docs.workloadIdentityFederation, docs.federationConsiderations, docs.conditionalAccessGrant],
		phrases: ['failed to send the request to the claims provider', 'request to external oidc endpoint failed'],
	}),
	singleCause('50170', {
		title: 'External controls mapping missing',
		explanation: 'The external controls mapping is missing for a Conditional Access custom control.',
		cause: 'A custom control was configured without its mapping.',
		confirm: 'Check the custom controls in Conditional Access.',
		fix: {
			text: 'Recreate the custom control with its mapping.',
			portal: 'Entra ID > Protection > Conditional Access > Custom controls',
		},
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.conditionalAccessGrant],
		phrases: ['the external controls mapping is missing'],
	}),
];
