import {codeFix} from '../code-fixes.ts';
import type {KnowledgeEntry} from '../types.ts';
import {aadsts, docs, readSignInLog, troubleshooting} from './shared.ts';

const resetPassword = {
	text: 'Reset the user\u2019s password (an administrator), or let the user reset it through self-service password reset.',
	command: 'az ad user update --id <upn> --password <temporary-password> --force-change-password-next-sign-in true',
	portal: 'Entra ID > Users > (user) > Reset password',
};

/** The user signing in: passwords, lockouts, disabled accounts, hybrid password validation, seamless SSO. */
export const userEntries: readonly KnowledgeEntry[] = [
	aadsts('50126', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'Invalid username or password',
		explanation:
			'Entra could not validate the credentials: the username or password is wrong. For scripts using username/password (ROPC, legacy WS-Trust libraries) it also appears for accounts that cannot sign in that way, such as federated (AD FS) users, accounts without a cloud password, or personal accounts.',
		causes: [
			{
				text: 'The password (or username) is wrong, expired or was changed, and the script or tool still has the old one.',
				confirm: readSignInLog,
				fixes: [
					codeFix(
						'sign-in',
						{tenant: '{tenantId}'},
						{text: 'Sign in interactively to confirm the credentials, then update the stored password (or reset it).'},
					),
					resetPassword,
				],
			},
			{
				text: 'Username/password (ROPC) is used for an account that cannot use it: a federated domain, a guest/B2B account, a personal account, or an account with MFA.',
				confirm:
					'Check the domain\u2019s authentication type: `az rest --method get --url https://graph.microsoft.com/v1.0/domains/<domain> --query authenticationType`; "Federated" confirms it.',
				fixes: [
					{
						text: 'Replace the username/password flow with an interactive, device code, or service principal flow.',
						command: 'az login --service-principal -u {clientId} --tenant {tenantId} -p <secret>',
					},
				],
			},
			{
				text: 'A legacy client library (ADAL, SharePoint WS-Trust/SAML login such as SharePlum, XrmTooling OAuth with password) that Microsoft is retiring.',
				confirm: 'The stack trace shows ADAL (Microsoft.IdentityModel.Clients.ActiveDirectory) or a WS-Trust login.',
				fixes: [{text: 'Move to MSAL with an interactive or app-only connection.'}],
			},
		],
		verify: 'The same sign-in succeeds with the corrected credentials or flow.',
		prevent:
			'Do not automate with user passwords; use service principals, managed identities or federated credentials.',
		links: [docs.ropc],
		phrases: ['error validating credentials due to invalid username or password', 'invalid username or password'],
	}),
	aadsts('50053', {
		httpStatus: 400,
		title: 'Account locked, or sign-in blocked from a malicious IP address',
		explanation:
			'Either the account is locked (smart lockout) after too many wrong passwords, or the sign-in was blocked because it came from an IP address with malicious activity. The sign-in log\u2019s failure reason tells which.',
		causes: [
			{
				text: 'Smart lockout: too many failed attempts with a wrong password (often a script or old device retrying a stale password).',
				confirm: readSignInLog + ' Look for repeated 50126 failures before the lock.',
				fixes: [
					{
						text: 'Wait for the lockout to end, then fix the client that keeps sending the old password.',
						portal: 'Entra ID > Monitoring & health > Sign-in logs > filter by user and error 50126 to find the client',
					},
				],
			},
			{
				text: 'The sign-in came from an IP address flagged for malicious activity.',
				confirm: 'The sign-in log failure reason mentions a malicious IP.',
				fixes: [
					{
						text: 'Sign in from another network; an admin can review risk in Identity Protection.',
						portal: 'Entra ID > Protection > Identity Protection > Risky sign-ins',
					},
				],
			},
		],
		verify: 'After the lockout period the user signs in with the right password.',
		prevent: 'Update stored passwords everywhere at once; avoid password-based automation.',
		links: [docs.smartLockout, docs.riskyUsers],
		phrases: [
			'tried to sign in too many times with an incorrect user id or password',
			'sign-in was blocked because it came from an ip address',
		],
	}),
	aadsts('50055', {
		oauthError: 'invalid_grant',
		httpStatus: 400,
		title: 'Password expired',
		explanation:
			'The user\u2019s password has expired, so the sign-in or session ended. The user must change it (interactively) before signing in again.',
		causes: [
			{
				text: 'The password reached its expiry under the tenant\u2019s password policy; non-interactive sign-ins cannot show the change prompt.',
				confirm: readSignInLog,
				fixes: [
					{
						text: 'Sign in interactively and change the password, or have an administrator reset it.',
						portal: 'https://aka.ms/sspr',
						command:
							'az ad user update --id <upn> --password <temporary-password> --force-change-password-next-sign-in true',
					},
				],
			},
			{
				text: 'A service account used by automation has an expiring password.',
				confirm:
					'The account is used by scripts; check passwordPolicies: `az ad user show --id <upn> --query passwordPolicies`.',
				fixes: [{text: 'Replace the service account with a service principal or managed identity.'}],
			},
		],
		verify: 'Sign in with the new password.',
		prevent:
			'Use self-service password reset with notifications before expiry; never run automation as a user whose password expires.',
		links: [docs.passwordReset],
		phrases: ['the password is expired'],
	}),
	aadsts('50057', {
		httpStatus: 400,
		title: 'User account is disabled',
		explanation:
			'The account is disabled (accountEnabled = false) in Entra ID, or the on-premises account it is synchronised from is disabled.',
		causes: [
			{
				text: 'An administrator disabled the account, or offboarding or a sync from on-premises AD disabled it.',
				confirm: 'Run `az ad user show --id <upn> --query accountEnabled`; false confirms it.',
				fixes: [
					{
						text: 'Re-enable the account if it should sign in (for synchronised users, enable it in on-premises AD).',
						command: 'az ad user update --id <upn> --account-enabled true',
						portal: 'Entra ID > Users > (user) > Edit properties > Settings > Account enabled',
					},
				],
			},
			{
				text: 'The account is synchronised from on-premises Active Directory, where it is disabled; enabling it in Entra is overwritten by the next sync.',
				confirm:
					'Run `az ad user show --id <upn> --query onPremisesSyncEnabled`; true means the source of authority is AD.',
				fixes: [
					{
						text: 'Enable the account in on-premises Active Directory and wait for (or trigger) the next sync.',
						command: 'Start-ADSyncSyncCycle -PolicyType Delta',
					},
				],
			},
		],
		verify: 'The user signs in again.',
		prevent:
			'Run automation as service principals or managed identities, not as user accounts that offboarding can disable.',
		links: [troubleshooting('error-code-aadsts50057-user-account-is-disabled')],
		phrases: ['the user account is disabled'],
	}),
	aadsts('500571', {
		title: 'Guest user account is disabled',
		explanation:
			'The guest (B2B) account that represents this user in the resource tenant is disabled there, so the resource tenant refuses the sign-in even though the home account works.',
		causes: [
			{
				text: 'The resource tenant disabled the guest account.',
				confirm:
					'In the resource tenant: `az ad user list --filter "mail eq \'<user-email>\'" --query "[].accountEnabled"`.',
				fixes: [
					{
						text: 'The resource tenant admin re-enables the guest.',
						command: 'az ad user update --id <guest-object-id> --account-enabled true',
					},
				],
			},
		],
		verify: 'The guest signs in again.',
		links: [troubleshooting('error-code-aadsts500571-guest-user-account-is-disabled')],
		phrases: ['guest user account is disabled'],
	}),
	aadsts('50056', {
		title: 'Invalid or null password',
		explanation: 'No password exists in the directory for this user, or an empty password was sent.',
		causes: [
			{
				text: 'The script sends an empty password, or the account has no cloud password (passwordless, federated).',
				confirm: 'Check the value the script reads; check the user\u2019s authentication methods.',
				fixes: [resetPassword],
			},
		],
		verify: 'Sign in with a valid password or another method.',
		links: [docs.passwordReset],
		phrases: ["password doesn't exist in the directory for this user", 'invalid or null password'],
	}),
	aadsts('50064', {
		title: 'Credential validation failed',
		explanation:
			'Validation of the username or password failed, in the cloud or at the federated or on-premises validator. It is a close relative of AADSTS50126.',
		causes: [
			{
				text: 'Wrong credentials, or a failure validating them (federated or hybrid).',
				confirm: readSignInLog,
				fixes: [
					codeFix('sign-in', {tenant: '{tenantId}'}, {text: 'Sign in interactively to confirm the credentials.'}),
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.passwordReset],
		phrases: ['credential validation on username or password has failed'],
	}),
	aadsts('50144', {
		title: 'On-premises Active Directory password expired',
		explanation:
			'The user\u2019s on-premises AD password has expired (hybrid identity with pass-through or federated authentication).',
		causes: [
			{
				text: 'The user’s password in on-premises Active Directory expired.',
				confirm: readSignInLog,
				fixes: [
					{
						text: 'Change the password on-premises or through self-service reset with password writeback.',
						portal: 'https://aka.ms/sspr',
					},
				],
			},
		],
		verify: 'Sign in with the new password.',
		links: [docs.passwordReset],
		phrases: ['active directory password has expired'],
	}),
	aadsts('50135', {
		title: 'Password change required due to account risk',
		explanation: 'Identity Protection requires the user to change their password because the account is at risk.',
		causes: [
			{
				text: 'A user-risk policy detected risk (leaked credentials, suspicious sign-ins).',
				confirm: 'Entra ID > Protection > Identity Protection > Risky users.',
				fixes: [
					{
						text: 'Change the password through the secure password change prompt, or have an admin reset it and dismiss the risk.',
						portal: 'Entra ID > Protection > Identity Protection > Risky users > Reset password',
					},
				],
			},
		],
		verify: 'Sign in after the change.',
		links: [docs.riskyUsers],
		phrases: ['password change is required due to account risk'],
	}),
	aadsts('50058', {
		title: 'No signed-in session for single sign-on (silent sign-in failed)',
		explanation:
			'A silent request (prompt=none, hidden iframe, SSO) found no usable session: the user is not signed in, third-party cookies are blocked, or the session was for another account. The app should fall back to an interactive sign-in.',
		causes: [
			{
				text: 'The user is not signed in in this browser, or the session expired.',
				confirm: 'The request was silent (prompt=none / acquireTokenSilent through an iframe).',
				fixes: [
					{
						text: 'Fall back to an interactive sign-in (loginRedirect/acquireTokenPopup).',
						portal: 'Handle InteractionRequiredAuthError by calling acquireTokenRedirect or acquireTokenPopup',
					},
				],
			},
			{
				text: 'Third-party cookies are blocked, so the hidden iframe cannot see the session.',
				confirm: 'It fails in Safari/with tracking prevention and works elsewhere.',
				fixes: [
					{
						text: 'Use redirect or popup instead of iframe-based silent renewal; refresh tokens (SPA platform) avoid iframes.',
					},
				],
			},
		],
		verify: 'After the interactive sign-in, silent calls succeed.',
		prevent:
			'Use redirect or popup interaction as the fallback for every silent call, and the SPA platform\u2019s refresh tokens instead of hidden iframes.',
		links: [docs.spaApps, docs.msalErrors],
		phrases: [
			'a silent sign-in request was sent but no user is signed in',
			"session information isn't sufficient for single-sign-on",
			'session information is not sufficient for single-sign-on',
		],
	}),
	aadsts('50140', {
		title: '"Keep me signed in" interrupt',
		explanation:
			'An expected interrupt where the user is asked whether to stay signed in. It is part of the normal flow, not a failure.',
		causes: [
			{
				text: 'The "Stay signed in?" prompt was shown.',
				confirm: 'The user saw the prompt during sign-in.',
				fixes: [{text: 'Answer the prompt; nothing needs fixing.', portal: 'Select Yes or No on "Stay signed in?"'}],
			},
		],
		verify: 'The sign-in continues.',
		links: [docs.signInLogs],
		phrases: ['keep me signed in'],
	}),
	aadsts('16001', {
		title: 'Account selection invalid',
		explanation:
			'The account tile the user selected was rejected by the session logic; the user can pick from an updated list or another account.',
		causes: [
			{
				text: 'A stale session tile or race condition in the account picker.',
				confirm: 'The error appears after picking an account.',
				fixes: [
					{
						text: 'Pick the account again or use another one; sign out of stale sessions.',
						portal: 'Use "Use another account" on the sign-in page',
					},
				],
			},
		],
		verify: 'Sign in with a valid account.',
		links: [docs.signInLogs],
		phrases: ['selects on a tile that the session select logic has rejected'],
	}),
	aadsts('80001', {
		title: 'Pass-through authentication agent cannot reach Active Directory',
		explanation:
			'The pass-through authentication agent cannot connect to on-premises Active Directory to validate the password.',
		causes: [
			{
				text: 'The agent servers cannot reach domain controllers or are not in the users\u2019 forest.',
				confirm: 'Check the agent status: Entra ID > Entra Connect > Pass-through authentication.',
				fixes: [
					{
						text: 'Restore connectivity from the agent servers to AD; install agents in the right forest.',
						portal: 'Entra ID > Entra Connect > Connect Sync > Pass-through authentication',
					},
				],
			},
		],
		verify: 'Users sign in again.',
		links: [docs.passThroughAuth],
		phrases: ['authentication agent is unable to connect to active directory'],
	}),
	aadsts('80002', {
		title: 'Pass-through authentication: password validation timed out',
		explanation:
			'With pass-through authentication, the on-premises agent forwards the password to Active Directory; that validation request timed out.',
		causes: [
			{
				text: 'Active Directory is slow or unavailable for the agents.',
				confirm: 'Check domain controller health and the agent event logs.',
				fixes: [
					{
						text: 'Make sure AD is available and responding to the agents.',
						portal: 'Entra ID > Entra Connect > Pass-through authentication',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.passThroughAuth],
		phrases: ['password validation request timed out'],
	}),
	aadsts('80005', {
		title: 'Pass-through authentication: unexpected error from the agent',
		explanation: 'An unknown error occurred while processing the response from the authentication agent.',
		causes: [
			{
				text: 'A transient problem with the agent.',
				confirm: 'Check the agent\u2019s logs.',
				fixes: [
					{
						text: 'Retry; if it persists, open a support ticket with the correlation id.',
						portal: 'Entra ID > Entra Connect > Pass-through authentication',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.passThroughAuth],
		phrases: ['processing the response from the authentication agent'],
	}),
	aadsts('80007', {
		title: 'Pass-through authentication agent cannot validate the password',
		explanation: 'The authentication agent could not validate the user\u2019s password.',
		causes: [
			{
				text: 'An error in Active Directory or on the authentication agent prevented password validation.',
				confirm: 'Check the agent logs and AD health.',
				fixes: [
					{
						text: 'Fix the agent or AD problem shown in its logs.',
						portal: 'Entra ID > Entra Connect > Pass-through authentication',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.passThroughAuth],
		phrases: ["authentication agent is unable to validate user's password"],
	}),
	aadsts('80010', {
		title: 'Pass-through authentication agent cannot decrypt the password',
		explanation: 'The authentication agent is unable to decrypt the password it received.',
		causes: [
			{
				text: 'The agent\u2019s certificate or registration is broken.',
				confirm: 'Check the agent status in the portal.',
				fixes: [
					{
						text: 'Re-register or reinstall the agent.',
						portal: 'Entra ID > Entra Connect > Pass-through authentication',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.passThroughAuth],
		phrases: ['authentication agent is unable to decrypt password'],
	}),
	aadsts('80012', {
		title: 'Sign-in outside the allowed logon hours',
		explanation: 'The user tried to sign in outside the logon hours allowed in Active Directory.',
		causes: [
			{
				text: 'Logon hours are restricted on the AD account.',
				confirm: 'Check the account\u2019s logon hours in Active Directory Users and Computers.',
				fixes: [
					{
						text: 'Sign in within the allowed hours or change them.',
						portal: 'Active Directory Users and Computers > (user) > Account > Logon Hours',
					},
				],
			},
		],
		verify: 'Sign in within the allowed hours.',
		links: [docs.passThroughAuth],
		phrases: ['log on outside of the allowed hours', 'outside of the allowed hours'],
	}),
	aadsts('80013', {
		title: 'Time skew between the authentication agent and AD',
		explanation:
			'The authentication attempt failed because of clock skew between the machine running the authentication agent and Active Directory.',
		causes: [
			{
				text: 'The agent server\u2019s clock drifted.',
				confirm: 'Compare the agent server time with the domain controllers (`w32tm /stripchart /computer:<dc>`).',
				fixes: [{text: 'Fix time synchronisation on the agent server.', command: 'w32tm /resync'}],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.passThroughAuth],
		phrases: ['due to time skew between the machine running the authentication agent'],
	}),
	aadsts('80014', {
		title: 'Pass-through validation exceeded the maximum time',
		explanation: 'The validation request was answered after the maximum elapsed time.',
		causes: [
			{
				text: 'The authentication agent or Active Directory answered too slowly.',
				confirm: 'Check agent and AD performance.',
				fixes: [
					{
						text: 'Retry; open a support ticket with the correlation id if it persists.',
						portal: 'Entra ID > Entra Connect > Pass-through authentication',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.passThroughAuth],
		phrases: ['responded after maximum elapsed time exceeded'],
	}),
	aadsts('81004', {
		title: 'Seamless SSO: Kerberos authentication failed',
		explanation:
			'The Kerberos attempt for seamless single sign-on failed; the user is usually asked for a password instead.',
		causes: [
			{
				text: 'The device cannot get a Kerberos ticket for AZUREADSSOACC (not domain-joined, no line of sight to a DC, intranet zone not configured).',
				confirm: 'Run `klist` on the device and check for a ticket for HTTP/autologon.microsoftazuread-sso.com.',
				fixes: [
					{
						text: 'Add https://autologon.microsoftazuread-sso.com to the intranet zone and sign in from the corporate network.',
						portal: 'Group Policy > Site to Zone Assignment List',
					},
				],
			},
		],
		verify: 'The user signs in without a password prompt.',
		links: [docs.seamlessSso],
		phrases: ['kerberos authentication attempt failed'],
	}),
	aadsts('81010', {
		title: 'Seamless SSO: Kerberos ticket expired or invalid',
		explanation: 'Seamless SSO failed because the user\u2019s Kerberos ticket has expired or is invalid.',
		causes: [
			{
				text: 'A stale Kerberos ticket, or the AZUREADSSOACC key was rolled over.',
				confirm: 'Run `klist` and check the ticket times.',
				fixes: [{text: 'Purge tickets and sign in again.', command: 'klist purge'}],
			},
		],
		verify: 'The user signs in silently again.',
		links: [docs.seamlessSso],
		phrases: ['kerberos ticket has expired or is invalid'],
	}),
	aadsts('81012', {
		title: 'Seamless SSO: different user on the device',
		explanation: 'The user signing in to Entra is different from the user signed in to the device.',
		causes: [
			{
				text: 'Another account is typed than the Windows session\u2019s account.',
				confirm: 'Compare the UPN typed with `whoami /upn`.',
				fixes: [
					{
						text: 'Sign in with the device user\u2019s account, or accept the password prompt for the other one.',
						command: 'whoami /upn',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.seamlessSso],
		phrases: ['different from the user signed into the device'],
	}),
	aadsts('81007', {
		title: 'Tenant not enabled for seamless SSO',
		explanation: 'Seamless single sign-on was attempted but the tenant has not enabled it.',
		causes: [
			{
				text: 'Seamless SSO is off in Entra Connect.',
				confirm: 'Entra ID > Entra Connect: Seamless single sign-on is Disabled.',
				fixes: [
					{
						text: 'Enable seamless SSO in Entra Connect, or ignore (users get a password prompt).',
						portal: 'Entra Connect > Change user sign-in > Enable single sign-on',
					},
				],
			},
		],
		verify: 'Users sign in silently.',
		links: [docs.seamlessSso],
		phrases: ["the tenant isn't enabled for seamless sso", 'not enabled for seamless sso'],
	}),
	aadsts('50180', {
		title: 'Integrated Windows authentication needed',
		explanation: 'Integrated Windows authentication is required; the tenant must be enabled for seamless SSO.',
		causes: [
			{
				text: 'A flow needing Windows integrated auth on a tenant without seamless SSO.',
				confirm: 'Check Entra Connect seamless SSO.',
				fixes: [
					{
						text: 'Enable seamless SSO, or use an interactive flow.',
						portal: 'Entra Connect > Change user sign-in > Enable single sign-on',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.seamlessSso],
		phrases: ['integrated windows authentication is needed'],
	}),
	aadsts('50017', {
		title: 'Certificate validation failed (certificate-based authentication)',
		explanation:
			'Validating the user\u2019s certificate failed: the issuing CA is not in the trusted list, or its CRL could not be downloaded or is misconfigured.',
		causes: [
			{
				text: 'The issuing certificate authority is not uploaded to the tenant\u2019s trusted CAs.',
				confirm: 'Entra ID > Protection > Security Center > Certificate authorities: the issuer is missing.',
				fixes: [
					{
						text: 'Upload the root and intermediate CAs.',
						portal: 'Entra ID > Protection > Security Center > Certificate authorities > Upload',
					},
				],
			},
			{
				text: 'The CRL distribution point is unreachable or misconfigured.',
				confirm: 'Fetch the CRL URL configured for the CA.',
				fixes: [{text: 'Publish the CRL at a reachable URL and update the CA configuration.'}],
			},
		],
		verify: 'Sign in with the certificate again.',
		links: [
			troubleshooting('error-code-aadsts50017-certificate-based-authentication-failed'),
			docs.certificateBasedAuth,
		],
		phrases: ['cannot find issuing certificate in trusted certificates list'],
	}),
	aadsts('220501', {
		title: 'Unable to download the certificate revocation list',
		explanation:
			'Certificate-based authentication failed because Entra could not download a valid CRL for the user\u2019s certificate.',
		causes: [
			{
				text: 'The CRL URL is unreachable from the internet, too large, or returns an error.',
				confirm: 'Download the CRL URL from outside the corporate network.',
				fixes: [
					{
						text: 'Publish the CRL at a publicly reachable URL.',
						portal: 'Entra ID > Protection > Security Center > Certificate authorities',
					},
				],
			},
		],
		verify: 'Sign in with the certificate again.',
		links: [troubleshooting('error-code-aadsts220501-unable-to-download-certificate-revocation-list')],
		phrases: ['unable to download crl'],
	}),
];
