import {codeFix} from '../code-fixes.ts';
import type {KnowledgeEntry} from '../types.ts';
import {aadsts, docs, freshSignIn, readSignInLog, signInLogCommand} from './shared.ts';

/** Interactive sign-in to the resource named in the error, so Entra can run MFA and Conditional Access. */
const interactiveForResource = codeFix(
	'sign-in',
	{tenant: '{tenantId}'},
	{
		text: 'Sign in interactively for the resource, so Entra can run the MFA prompt, then retry the call.',
		command: 'az login --tenant {tenantId} --scope {resource}/.default',
	},
);

/** Device state matters: a browser on the managed machine (or the broker) must carry the device identity. */
const deviceCompliantSignIn = {
	text: 'Sign in from a managed (Intune-enrolled, compliant or hybrid-joined) device with a browser or broker that passes the device identity (Edge, or Chrome with the Microsoft SSO extension; on Windows, Azure CLI 2.61 or later can sign in through the Web Account Manager broker).',
	command: 'az config set core.enable_broker_on_windows=true && az login --tenant {tenantId}',
};

/** Multi-factor authentication and Conditional Access decisions. */
export const conditionalAccessEntries: readonly KnowledgeEntry[] = [
	aadsts('50076', {
		httpStatus: 400,
		title: 'Multi-factor authentication required for this resource',
		explanation:
			'A Conditional Access policy, per-user MFA or a location change requires MFA to access {resource}, and the token request could not show an MFA prompt: it was a refresh, a silent or non-interactive call, a password (ROPC) flow or a service principal acting as a user. The user must sign in interactively for that resource.',
		causes: [
			{
				text: 'A cached sign-in (Azure CLI, PowerShell, SDK credential, tool) refreshes a token for a resource that now requires MFA; the refresh token carries no MFA claim.',
				confirm:
					'The message names the resource (Graph is 00000003-0000-0000-c000-000000000000; 797f4846-ba00-4fd7-ba43-dac1f8f63013 is Azure Service Management). ' +
					readSignInLog,
				fixes: [interactiveForResource],
			},
			{
				text: 'The app uses a non-interactive user flow (username/password ROPC, a stored user account in automation) that cannot satisfy MFA.',
				confirm: 'The client sends grant_type=password, or runs unattended with a user account.',
				fixes: [
					{
						text: 'Use a service principal or managed identity for automation, or an interactive/device-code flow for people.',
						command: 'az login --service-principal -u {clientId} --tenant {tenantId} -p <secret>',
					},
				],
			},
			{
				text: 'On-behalf-of or a web API: the downstream resource needs MFA, and the claims challenge was not passed back to the client.',
				confirm: 'The error response has a `claims` value; the middle tier swallowed it.',
				fixes: [
					{
						text: 'Return the claims challenge to the client and have it call the authorize endpoint with that `claims` parameter.',
					},
				],
			},
			{
				text: 'The user signed in from a new location or network that a policy treats as untrusted.',
				confirm: 'The sign-in log shows the IP and location evaluated by Conditional Access.',
				fixes: [
					{
						text: 'Complete MFA interactively, or ask the admin about trusted locations.',
						portal: 'Entra ID > Protection > Conditional Access > Named locations',
					},
				],
			},
		],
		verify:
			'After the interactive sign-in, `az account get-access-token --resource {resource}` succeeds and the replayed call (`authfix replay`) returns 2xx.',
		prevent:
			'Use workload identities for automation; in apps, handle interaction_required/claims challenges by prompting instead of retrying silently.',
		links: [docs.mfa, docs.conditionalAccessTroubleshoot, docs.azureCliSignIn],
		phrases: ['you must use multi-factor authentication to access', 'must use multifactor authentication to access'],
	}),
	aadsts('50079', {
		httpStatus: 400,
		title: 'The user must register for multi-factor authentication',
		explanation:
			'A policy requires MFA and the user has no MFA method registered (or a federated user\u2019s identity provider did not supply the MFA claim). The user must complete security-info registration interactively before tokens are issued.',
		causes: [
			{
				text: 'The user never registered MFA methods (new account, or MFA newly enforced by security defaults or Conditional Access).',
				confirm:
					'Check the user\u2019s methods: `az rest --method get --url "https://graph.microsoft.com/v1.0/users/<upn>/authentication/methods"`.',
				fixes: [
					{
						text: 'Sign in interactively and register security info (Authenticator, phone).',
						portal: 'https://aka.ms/mysecurityinfo',
					},
				],
			},
			{
				text: 'A non-interactive flow (refresh, OBO, ROPC) hit the enrolment requirement; the claims challenge must reach the client.',
				confirm: 'The response has a `claims` value and error interaction_required.',
				fixes: [
					codeFix(
						'sign-in',
						{tenant: '{tenantId}'},
						{
							text: 'Prompt interactively with the claims challenge (Azure CLI 2.76 and later take it as --claims-challenge).',
						},
					),
				],
			},
			{
				text: 'A federated user: the on-premises identity provider (AD FS) did not pass the MFA claim.',
				confirm:
					'The domain is federated (`az rest --method get --url https://graph.microsoft.com/v1.0/domains`), and the IdP does MFA itself.',
				fixes: [
					{text: 'Configure the federation to send the MFA claim (federatedIdpMfaBehavior), or let Entra do MFA.'},
				],
			},
		],
		verify: 'After registration, sign in again; tokens are issued.',
		prevent: 'Have users register MFA at onboarding; use workload identities for unattended jobs.',
		links: [docs.mfa],
		phrases: ['you must enroll in multi-factor authentication', 'enroll in multi-factor authentication to access'],
	}),
	aadsts('53003', {
		httpStatus: 400,
		title: 'Blocked by Conditional Access',
		explanation:
			'A Conditional Access policy blocked token issuance for this sign-in: a block control, or a condition the sign-in cannot meet (platform, location, client app, device state, risk, authentication strength). Signing in again does not help; the sign-in log names the policy.',
		causes: [
			{
				text: 'A policy blocks this combination of user, app, platform, location or client (for example device-code flow, legacy auth, or access from an unmanaged device or another OS).',
				confirm: readSignInLog + ' Or: ' + signInLogCommand,
				fixes: [
					{
						text: 'Meet the policy\u2019s conditions (a compliant device, an allowed network, an allowed flow such as interactive browser instead of device code), or ask the admin for an exclusion.',
						portal: 'Entra ID > Protection > Conditional Access > Policies > (policy named in the sign-in log)',
					},
				],
			},
			{
				text: 'Authentication flows policy: device code flow is blocked and the sign-in used `az login --use-device-code` or a device-code credential.',
				confirm:
					'The sign-in log shows "Authentication flow: Device code" and a policy targeting authentication flows.',
				fixes: [
					codeFix(
						'sign-in',
						{tenant: '{tenantId}'},
						{text: 'Sign in with the interactive browser flow on the same machine.'},
					),
				],
			},
			{
				text: 'A service principal is blocked by a workload identity Conditional Access policy (location or risk).',
				confirm: 'Entra ID > Monitoring & health > Sign-in logs > Service principal sign-ins for {clientId}.',
				fixes: [{text: 'Run from an allowed network, or have the admin adjust the workload identity policy.'}],
			},
		],
		verify:
			'After meeting the condition, sign in again and replay the call; the sign-in log shows Conditional Access "Success".',
		prevent:
			'Know the tenant\u2019s policies for automation and developer tools; use managed devices and allowed flows.',
		links: [docs.conditionalAccessTroubleshoot, docs.conditionalAccessGrant],
		phrases: [
			'access has been blocked by conditional access policies',
			'the access policy does not allow token issuance',
		],
	}),
	aadsts('530003', {
		httpStatus: 400,
		title: 'Device must be managed to access this resource',
		explanation:
			'A Conditional Access policy requires a managed device (compliant or hybrid-joined) and Entra could not see a managed device in this sign-in: the request came from a container, VM, WSL, another OS, or a browser/flow that does not carry the device identity (device code flow never does).',
		causes: [
			{
				text: 'The sign-in or token refresh runs somewhere without the device identity: WSL, a dev container, a remote VM, or through device code flow.',
				confirm: readSignInLog + ' "Device info" shows "Device state: Unregistered" or no device id.',
				fixes: [deviceCompliantSignIn],
			},
			{
				text: 'The browser does not pass the device identity (Chrome without the Microsoft SSO extension, private window, Firefox without Windows SSO enabled).',
				confirm: 'Sign in in Edge on the same machine: it succeeds.',
				fixes: [
					{
						text: 'Use Edge, or install/enable the browser\u2019s Microsoft single sign-on support, and sign in again.',
						portal: 'Install the "Microsoft Single Sign On" extension for Chrome',
					},
				],
			},
			{
				text: 'The device really is not compliant or not enrolled.',
				confirm: 'Check the device in Intune (Company Portal > Devices) or `dsregcmd /status` on Windows.',
				fixes: [
					{
						text: 'Enrol the device or fix its compliance, then sign in again.',
						portal: 'Company Portal > Devices > Check status',
					},
				],
			},
			{
				text: 'Automation uses a user account where a managed device is required.',
				confirm: 'The caller is a CI job or service running as a user.',
				fixes: [
					{
						text: 'Use a service principal or managed identity for automation.',
						command: 'az login --service-principal -u {clientId} --tenant {tenantId} -p <secret>',
					},
				],
			},
		],
		verify:
			'Sign in from the managed device (or broker) and retry; the sign-in log shows the device as compliant/managed.',
		prevent:
			'Run developer tools on the managed host (or through the broker) rather than in unmanaged containers; use workload identities for automation.',
		links: [docs.conditionalAccessGrant, docs.deviceIdentity],
		phrases: ['your device is required to be managed to access this resource'],
	}),
	aadsts('530033', {
		title: 'Device must be managed by the organisation (shown on the sign-in page)',
		explanation:
			'Shown on the browser sign-in page ("Help us keep your device secure") when a Conditional Access policy requires a managed device and the device requesting access is not managed or not recognised. Device code flow and unmanaged browsers cannot prove device state.',
		causes: [
			{
				text: 'The sign-in used device code flow or a browser/profile that does not send the device identity.',
				confirm: 'The page lists "Device state: Unregistered" or "Device identifier: Not available".',
				fixes: [deviceCompliantSignIn],
			},
			{
				text: 'The device is not enrolled or not compliant.',
				confirm: 'Check Company Portal or Intune for the device.',
				fixes: [{text: 'Enrol or remediate the device.', portal: 'Company Portal > Devices > Check status'}],
			},
		],
		verify: 'Sign in again from the managed device; it passes.',
		links: [docs.conditionalAccessGrant, docs.deviceIdentity],
		phrases: ['requires the device requesting access to be managed', 'help us keep your device secure'],
	}),
	aadsts('70043', {
		httpStatus: 400,
		title: 'Refresh token invalid due to Conditional Access sign-in frequency',
		explanation:
			'A Conditional Access sign-in frequency control limits how long a session lasts. The refresh token was issued longer ago than that limit (stated in seconds in the message), so the user must sign in interactively again; refreshing cannot extend it.',
		causes: [
			{
				text: 'A sign-in frequency policy (for example every 1 hour or every 23 hours) applies to this user and app, and the cached refresh token is older than the limit.',
				confirm:
					'The message gives the issue time and "maximum allowed lifetime for this request"; the sign-in log shows the policy with a sign-in frequency session control.',
				fixes: freshSignIn,
			},
			{
				text: 'A long-running tool or service (partner tool, gateway client, connector) relies on a user refresh token that the customer\u2019s policy now limits.',
				confirm: 'It fails at the same interval after each re-authentication.',
				fixes: [
					{
						text: 'Use a service principal / app-only access for unattended work, or have the admin exclude the service account from the sign-in frequency policy.',
						portal: 'Entra ID > Protection > Conditional Access > (policy) > Session > Sign-in frequency',
					},
				],
			},
		],
		verify: 'After interactive sign-in the call works until the frequency limit next expires.',
		prevent: 'Apps must react to interaction_required by prompting; automation should not use user accounts.',
		links: [docs.sessionLifetime],
		phrases: ['due to sign-in frequency checks by conditional access', 'sign-in frequency checks'],
	}),
	aadsts('50074', {
		title: 'Strong authentication required and the MFA challenge was not passed',
		explanation:
			'MFA is required and the user did not complete the challenge (timed out, denied, or the method failed).',
		causes: [
			{
				text: 'The MFA prompt was missed, denied or timed out.',
				confirm: readSignInLog,
				fixes: [codeFix('sign-in', {tenant: '{tenantId}'}, {text: 'Sign in again and approve the MFA prompt.'})],
			},
		],
		verify: 'The sign-in completes after MFA.',
		links: [docs.mfa],
		phrases: ['did not pass the mfa challenge', 'strong authentication is required'],
	}),
	aadsts('50072', {
		title: 'User must enrol for second-factor authentication',
		explanation: 'The user needs to register for MFA interactively before signing in.',
		causes: [
			{
				text: 'No MFA method is registered and registration is required.',
				confirm: readSignInLog,
				fixes: [{text: 'Register security info.', portal: 'https://aka.ms/mysecurityinfo'}],
			},
		],
		verify: 'After registration, the sign-in succeeds.',
		links: [docs.mfa],
		phrases: ['user needs to enroll for second factor authentication'],
	}),
	aadsts('50078', {
		title: 'Presented MFA has expired',
		explanation:
			'The MFA in the session is older than the administrator\u2019s policy allows for this resource; the user must perform MFA again.',
		causes: [
			{
				text: 'The cached MFA claim is too old for the policy.',
				confirm: readSignInLog,
				fixes: [codeFix('sign-in', {tenant: '{tenantId}'}, {text: 'Sign in interactively and complete MFA again.'})],
			},
		],
		verify: 'The call succeeds after the new MFA.',
		links: [docs.mfa, docs.sessionLifetime],
		phrases: ['presented multifactor authentication has expired', 'you must refresh your multifactor authentication'],
	}),
	aadsts('53000', {
		oauthError: 'interaction_required',
		title: 'Device is not compliant',
		explanation:
			'A Conditional Access policy requires a compliant device, and this device is not compliant (or not enrolled with the MDM). Its message has also read "Your device is required to be managed to access this resource", the wording of AADSTS530003, which has the same remedies.',
		causes: [
			{
				text: 'The device is not enrolled in Intune (or the approved MDM) or fails its compliance policy.',
				confirm: readSignInLog + ' Check Company Portal for the device\u2019s compliance.',
				fixes: [
					{
						text: 'Enrol the device and fix compliance issues, then sign in again.',
						portal: 'Company Portal > Devices > Check status',
					},
				],
			},
			{
				text: 'The device identity did not reach Entra (browser without SSO support, container, device code).',
				confirm: 'The sign-in log shows no device id.',
				fixes: [deviceCompliantSignIn],
			},
		],
		verify: 'Sign in again; the sign-in log shows the device as compliant.',
		links: [docs.conditionalAccessGrant],
		phrases: ['device is not in required device state', 'requires a compliant device'],
	}),
	aadsts('53001', {
		title: 'Device is not domain-joined',
		explanation: 'A Conditional Access policy requires a (hybrid) domain-joined device, and this device is not.',
		causes: [
			{
				text: 'Sign-in from a personal or non-joined device.',
				confirm: 'Run `dsregcmd /status` on Windows: DomainJoined/AzureAdJoined is NO.',
				fixes: [{text: 'Use a hybrid-joined corporate device.', command: 'dsregcmd /status'}],
			},
		],
		verify: 'Sign in from the joined device.',
		links: [docs.conditionalAccessGrant],
		phrases: ['requires a domain joined device'],
	}),
	aadsts('53002', {
		title: 'The app used is not an approved client app',
		explanation:
			'A Conditional Access policy only allows approved client apps (such as Outlook mobile) and this app is not one of them.',
		causes: [
			{
				text: 'The user signs in with an app outside the approved list.',
				confirm: readSignInLog,
				fixes: [
					{
						text: 'Use an approved app from the list, or ask the admin about the policy.',
						portal: 'Entra ID > Protection > Conditional Access > (policy) > Grant',
					},
				],
			},
		],
		verify: 'Sign in with an approved app.',
		links: [docs.conditionalAccessGrant],
		phrases: ["isn't an approved app for conditional access", 'approved app for conditional access'],
	}),
	aadsts('53004', {
		title: 'MFA registration blocked due to risk',
		explanation:
			'The user must complete MFA registration, but registration is blocked because of user risk (or was started from a risky context).',
		causes: [
			{
				text: 'Identity Protection flagged the user or sign-in as risky during security-info registration.',
				confirm: 'Entra ID > Protection > Identity Protection > Risky users.',
				fixes: [
					{
						text: 'An admin remediates the risk (reset password, dismiss risk), then the user registers MFA.',
						portal: 'Entra ID > Protection > Identity Protection > Risky users > (user) > Dismiss user risk',
					},
				],
			},
		],
		verify: 'The user completes MFA registration and signs in.',
		links: [docs.riskyUsers],
		phrases: ['complete the multifactor authentication registration process'],
	}),
	aadsts('53010', {
		title: 'MFA methods can only be registered from specific locations or devices',
		explanation:
			'The organisation requires security info to be registered from specific locations or devices, and this attempt does not meet that.',
		causes: [
			{
				text: 'A Conditional Access policy on "Register security information" restricts where registration is allowed.',
				confirm: readSignInLog,
				fixes: [
					{
						text: 'Register from the allowed network or device (for example on site), or ask the admin for a Temporary Access Pass.',
						portal:
							'Entra ID > Users > (user) > Authentication methods > Add authentication method > Temporary Access Pass',
					},
				],
			},
		],
		verify: 'Registration completes from the allowed context.',
		links: [docs.mfa],
		phrases: ['cannot configure multifactor authentication methods because the organization requires'],
	}),
	aadsts('53011', {
		title: 'User blocked due to risk in their home tenant',
		explanation:
			'The user\u2019s home tenant marked them as risky, and access to this tenant is blocked until the risk is remediated.',
		causes: [
			{
				text: 'Identity Protection in the home tenant flagged the user.',
				confirm: 'In the home tenant: Entra ID > Protection > Identity Protection > Risky users.',
				fixes: [
					{
						text: 'The home tenant admin remediates the risk (password reset, dismiss risk).',
						portal: 'Entra ID > Protection > Identity Protection > Risky users',
					},
				],
			},
		],
		verify: 'Sign in again after remediation.',
		links: [docs.riskyUsers],
		phrases: ['user blocked due to risk on home tenant'],
	}),
	aadsts('530032', {
		title: 'Blocked by a tenant security policy',
		explanation: 'The tenant administrator configured a security policy that blocks this request.',
		causes: [
			{
				text: 'A tenant-level security policy (Conditional Access or security configuration) denies the sign-in.',
				confirm: readSignInLog,
				fixes: [
					{
						text: 'Ask the tenant administrator which policy applies and meet its requirements.',
						portal: 'Entra ID > Protection > Conditional Access > Policies',
					},
				],
			},
		],
		verify: 'Sign in again once the requirement is met.',
		links: [docs.conditionalAccessTroubleshoot],
		phrases: ['configured a security policy that blocks this request', 'blocked by security policy'],
	}),
	aadsts('530035', {
		title: 'Blocked by security defaults',
		explanation:
			'Security defaults blocked the request, typically because it used legacy authentication (basic auth, older protocols) or was judged unsafe.',
		causes: [
			{
				text: 'A legacy authentication protocol (IMAP/POP/SMTP basic auth, old PowerShell modules, username/password against Exchange).',
				confirm: 'The sign-in log shows the client app as a legacy protocol.',
				fixes: [
					{
						text: 'Switch to modern authentication (OAuth) in the client.',
						portal: 'Update the client to use modern authentication',
					},
				],
			},
		],
		verify: 'The client signs in with modern authentication.',
		links: [docs.securityDefaults],
		phrases: ['access has been blocked by security defaults'],
	}),
	aadsts('50158', {
		title: 'External security challenge not satisfied',
		explanation:
			'A third-party security challenge (external MFA provider or Conditional Access custom control) was required and not completed.',
		causes: [
			{
				text: 'The external MFA/custom control step was not completed or failed.',
				confirm: readSignInLog,
				fixes: [
					codeFix(
						'sign-in',
						{tenant: '{tenantId}'},
						{text: 'Sign in interactively and complete the external challenge.'},
					),
				],
			},
		],
		verify: 'The sign-in succeeds after the challenge.',
		links: [docs.conditionalAccessGrant],
		phrases: ['external security challenge was not satisfied', 'external security challenge not satisfied'],
	}),
	aadsts('50097', {
		title: 'Device authentication is required',
		explanation: 'The sign-in must include device authentication (the device\u2019s identity), and none was presented.',
		causes: [
			{
				text: 'The client or browser does not present the device identity (no broker, unsupported browser).',
				confirm: readSignInLog,
				fixes: [deviceCompliantSignIn],
			},
		],
		verify: 'Sign in with device authentication; it succeeds.',
		links: [docs.deviceIdentity],
		phrases: ['device authentication is required'],
	}),
	aadsts('50129', {
		title: 'Device is not workplace-joined',
		explanation: 'Workplace join (device registration) is required to register the device or to access the resource.',
		causes: [
			{
				text: 'The device is not registered with Entra ID.',
				confirm: 'Run `dsregcmd /status` (Windows) or check Settings > Accounts > Access work or school.',
				fixes: [
					{
						text: 'Register the device (Access work or school > Connect).',
						portal: 'Settings > Accounts > Access work or school > Connect',
					},
				],
			},
		],
		verify: 'Sign in again after registration.',
		links: [docs.deviceIdentity],
		phrases: ['workplace join is required'],
	}),
	aadsts('50131', {
		title: 'Conditional Access failed',
		explanation:
			'A generic Conditional Access failure: bad Windows device state, a request blocked for suspicious activity, or another access or security policy decision.',
		causes: [
			{
				text: 'A Conditional Access or security decision denied the sign-in; the sign-in log names it.',
				confirm: readSignInLog,
				fixes: [
					{text: 'Meet the policy or ask the admin.', portal: 'Entra ID > Protection > Conditional Access > Policies'},
				],
			},
		],
		verify: 'Sign in again once the requirement is met.',
		links: [docs.conditionalAccessTroubleshoot],
		phrases: ['bad windows device state'],
	}),
	aadsts('50005', {
		title: 'Platform not supported by Conditional Access policy',
		explanation: 'The user tried to sign in from a device platform that a Conditional Access policy does not allow.',
		causes: [
			{
				text: 'A policy restricts device platforms (for example only Windows and macOS).',
				confirm: readSignInLog,
				fixes: [
					{
						text: 'Sign in from an allowed platform.',
						portal: 'Entra ID > Protection > Conditional Access > (policy) > Conditions > Device platforms',
					},
				],
			},
		],
		verify: 'Sign in from a supported platform.',
		links: [docs.conditionalAccessTroubleshoot],
		phrases: [
			'platform not currently supported through conditional access policy',
			'not currently supported through conditional access',
			'currently not supported through conditional access',
		],
	}),
	aadsts('50155', {
		title: 'Device authentication failed',
		explanation:
			'Entra could not authenticate the device for this user (stale device registration, wrong certificate, deleted device object).',
		causes: [
			{
				text: 'The device registration is broken (device deleted or disabled in Entra, expired device certificate).',
				confirm: 'Run `dsregcmd /status` and check the device in Entra ID > Devices.',
				fixes: [{text: 'Re-register the device (leave and re-join), then sign in.', command: 'dsregcmd /leave'}],
			},
		],
		verify: 'Sign in again after re-registration.',
		links: [docs.deviceIdentity],
		phrases: ['device authentication failed for this user'],
	}),
	aadsts('530034', {
		title: 'Delegated administrator blocked due to account risk',
		explanation:
			'A partner delegated administrator was blocked from the customer tenant because of risk on their account in the home tenant.',
		causes: [
			{
				text: 'Identity Protection flagged the admin in the partner tenant.',
				confirm: 'Partner tenant: Entra ID > Protection > Identity Protection > Risky users.',
				fixes: [
					{
						text: 'The partner tenant remediates the risk.',
						portal: 'Entra ID > Protection > Identity Protection > Risky users',
					},
				],
			},
		],
		verify: 'Access the customer tenant again after remediation.',
		links: [docs.riskyUsers],
		phrases: ['delegated administrator was blocked'],
	}),
	aadsts('50199', {
		title: 'User confirmation required for security reasons',
		explanation:
			'An interrupt asking the user to confirm that this is the app they meant to sign in to (shown when a native app\u2019s redirect goes through a browser scheme, or for a device-code sign-in). It is a security feature, not a failure, once the user confirms.',
		causes: [
			{
				text: 'The sign-in redirects to a custom scheme or uses device code, so Entra asks for confirmation.',
				confirm: readSignInLog,
				fixes: [
					{
						text: 'Confirm with Continue; for native apps use a redirect URI on the safe list (http, https) or the broker.',
						portal: 'Select Continue on the sign-in page',
					},
				],
			},
		],
		verify: 'The sign-in continues after confirmation.',
		links: [docs.replyUrl],
		phrases: ['user confirmation is required for this request'],
	}),
	aadsts('50088', {
		title: 'Telecom MFA call limit reached',
		explanation: 'The limit on MFA phone calls was reached; wait a few minutes and try again, or use another method.',
		causes: [
			{
				text: 'Too many phone-call MFA attempts in a short time.',
				confirm: readSignInLog,
				fixes: [
					{
						text: 'Wait a few minutes, or use the Authenticator app instead of a call.',
						portal: 'https://aka.ms/mysecurityinfo',
					},
				],
			},
		],
		verify: 'Retry MFA later; it completes.',
		links: [docs.mfa],
		phrases: ['limit on telecom mfa calls reached'],
	}),
	aadsts('50125', {
		title: 'Sign-in interrupted by password reset or registration',
		explanation:
			'Sign-in was interrupted to have the user reset their password or register for self-service password reset.',
		causes: [
			{
				text: 'The user must complete a password reset or SSPR registration.',
				confirm: readSignInLog,
				fixes: [{text: 'Complete the password reset or registration interactively.', portal: 'https://aka.ms/sspr'}],
			},
		],
		verify: 'Sign in again afterwards.',
		links: [docs.passwordReset],
		phrases: ['interrupted because of a password reset or password registration entry'],
	}),
];
