import {codeFix} from '../code-fixes.ts';
import type {KnowledgeEntry} from '../types.ts';
import {aadsts, docs, readSignInLog, troubleshooting} from './shared.ts';

const inviteGuest =
	'az rest --method post --url https://graph.microsoft.com/v1.0/invitations --body \'{"invitedUserEmailAddress":"<user-email>","inviteRedirectUrl":"https://myapps.microsoft.com","sendInvitationMessage":true}\'';

/** Which tenant and which cloud: authorities, guests, cross-tenant access and endpoint choice. */
export const tenantEntries: readonly KnowledgeEntry[] = [
	aadsts('90002', {
		httpStatus: 400,
		title: 'Tenant not found',
		explanation:
			'The tenant named in the authority ({tenantId}) does not exist in this cloud\u2019s directory. Usually the tenant id or domain is wrong or empty, the tenant was deleted, or the tenant lives in another cloud (Azure China, US Government) and the request went to the global login endpoint.',
		causes: [
			{
				text: 'The tenant belongs to a national cloud (e.g. *.onmschina.cn, *.onmicrosoft.us) and the request went to login.microsoftonline.com (or the reverse).',
				confirm:
					'Look at the tenant name/domain in the error and the authority host; check the cloud the CLI uses: `az cloud show --query name`.',
				fixes: [
					{
						text: 'Use the authority of the tenant\u2019s cloud (login.chinacloudapi.cn, login.microsoftonline.us) and sign in there.',
						command: 'az cloud set --name AzureChinaCloud && az login --tenant {tenantId}',
					},
				],
			},
			{
				text: 'The tenant id or domain is wrong: a typo, an empty GUID (00000000-…), an unset variable, a trailing space, or a subscription id used as the tenant id.',
				confirm:
					'Resolve the tenant: `curl -s https://login.microsoftonline.com/{tenantId}/v2.0/.well-known/openid-configuration | jq -r .issuer`; an error means the tenant is unknown. `authfix tenant <subscription-id>` finds the tenant of a subscription.',
				fixes: [
					{
						text: 'Use the tenant id of the directory (Entra ID > Overview > Tenant ID), not a subscription id or an empty value.',
						command: 'az account show --query tenantId -o tsv',
					},
				],
			},
			{
				text: 'A domain name was used as the tenant and it is not a verified domain of any tenant (derived from an email address whose domain is not registered).',
				confirm: 'Try the tenant\u2019s GUID instead of the domain in the authority.',
				fixes: [
					{text: 'Use the tenant GUID or its *.onmicrosoft.com domain.', command: 'az login --tenant <tenant-guid>'},
				],
			},
			{
				text: 'The tenant was deleted, or has no active subscriptions in older messages.',
				confirm: 'No administrator can sign in to it any more; the discovery URL above fails.',
				fixes: [{text: 'Use an existing tenant.'}],
			},
		],
		verify: 'The OIDC discovery URL for the tenant returns its issuer, and the sign-in succeeds.',
		prevent: 'Pin tenant GUIDs (not domain names) and the cloud in configuration; validate them at start-up.',
		links: [docs.nationalClouds],
		phrases: [
			'tenant identifiers may not be an empty guid',
			'this may happen if there are no active subscriptions for the tenant',
			'requested tenant identifier',
			'are signing into the correct cloud',
		],
	}),
	aadsts('50020', {
		title: 'User account from another identity provider does not exist in this tenant',
		explanation:
			'The user signed in with an account (a personal Microsoft account, or a work account of another organisation) that is not a member or guest of the tenant the app signs in to{tenantNameAside}. The account must be invited as a guest, or the app must use an authority that accepts that account type.',
		causes: [
			{
				text: 'The account is not a guest in the resource tenant: it must be invited first (B2B).',
				confirm:
					'Look for the user in the tenant: `az ad user list --filter "mail eq \'<user-email>\'"`; nothing found confirms it.',
				fixes: [
					{
						text: 'Invite the user as a guest, and have them accept the invitation.',
						command: inviteGuest,
						portal: 'Entra ID > Users > New user > Invite external user',
					},
				],
			},
			{
				text: 'A personal Microsoft account (live.com, outlook.com, "Microsoft Services" tenant) signs in to an app or tool that only accepts work accounts, or a single-tenant app.',
				confirm:
					'The message names identity provider live.com; check the app\u2019s supported account types: `az ad app show --id {clientId} --query signInAudience`.',
				fixes: [
					codeFix(
						'sign-in',
						{tenant: '{tenantId}'},
						{
							text: 'Sign in with a work or school account of the tenant, or make the app accept personal accounts (AzureADandPersonalMicrosoftAccount) and use the /common authority.',
						},
					),
				],
			},
			{
				text: 'The app uses /common or another tenant\u2019s authority, and the account is signed in to the wrong tenant (the tenant the user expected is not the one in the request).',
				confirm: 'Compare the tenant named in the error with the tenant the user belongs to.',
				fixes: [
					codeFix(
						'sign-in',
						{tenant: '<user-tenant-id>'},
						{text: 'Use the authority of the tenant the user belongs to (or where they are a guest).'},
					),
					codeFix('pin-tenant', {tenant: '<user-tenant-id>'}),
				],
			},
		],
		verify: 'The user signs in again (after accepting the invitation) and reaches the app.',
		prevent: 'Invite external users before sharing the app; pin the authority to the right tenant.',
		links: [troubleshooting('error-code-AADSTS50020-user-account-identity-provider-does-not-exist'), docs.b2bInvite],
		phrases: [
			'does not exist in tenant',
			'this account needs to be added as an external user in the tenant first',
			'needs to be added as an external user in the tenant first',
		],
	}),
	aadsts('50034', {
		httpStatus: 400,
		title: 'User account does not exist in this directory',
		explanation:
			'No account with the sign-in name was found in the tenant the request went to. The name was mistyped, the user belongs to another tenant, or the app chose a tenant the user is not in.',
		causes: [
			{
				text: 'The request went to a tenant where the user does not exist (wrong tenant id, or a single-tenant app used by another organisation\u2019s user).',
				confirm: 'Compare the tenant in the authority with the user\u2019s home tenant (the domain of their UPN).',
				fixes: [
					codeFix(
						'sign-in',
						{tenant: '{tenantId}'},
						{text: 'Sign in to the user\u2019s tenant, or invite the user as a guest into this one.'},
					),
				],
			},
			{
				text: 'The username is mistyped, or the account was deleted or renamed.',
				confirm: 'Look the user up: `az ad user show --id <upn>`.',
				fixes: [
					{
						text: 'Use the correct UPN; restore a deleted user within 30 days.',
						portal: 'Entra ID > Users > Deleted users',
					},
				],
			},
		],
		verify: 'Sign in again with the corrected account or tenant.',
		prevent: 'Pin the tenant in the app\u2019s authority and invite external users before they need access.',
		links: [docs.b2bInvite],
		phrases: [
			'to sign into this application, the account must be added to the',
			'the account must be added to the directory',
			'to sign into this application the account must be added',
		],
	}),
	aadsts('50049', {
		oauthError: 'invalid_instance',
		httpStatus: 400,
		title: 'Unknown or invalid instance (authority host)',
		explanation:
			'Instance discovery did not recognise the authority host. MSAL validates the authority against Entra\u2019s list of known hosts; a custom, mistyped or non-Entra authority (or a B2C/ADFS authority used as AAD) fails.',
		causes: [
			{
				text: 'The authority URL is wrong or not an Entra host (a typo, a custom proxy, a B2C or ADFS authority configured as a standard Entra one).',
				confirm:
					'Check the configured authority ({authority}) against https://login.microsoftonline.com/{tenantId} or the national cloud host.',
				fixes: [
					{
						text: 'Use a known Entra authority, or mark the authority as known / disable instance discovery for B2C, ADFS or a trusted custom host.',
						command: 'az cloud show --query endpoints.activeDirectory -o tsv',
					},
				],
			},
		],
		verify: 'Acquire a token again; discovery passes.',
		links: [docs.nationalClouds],
		phrases: ['unknown or invalid instance'],
	}),
	aadsts('16000', {
		oauthError: 'interaction_required',
		title: 'Account from another identity provider is not in this tenant',
		explanation:
			'The selected account (often a personal Microsoft account with no directory) does not exist in the tenant and cannot access the application there. It must be added as an external user first, or another account used.',
		causes: [
			{
				text: 'A personal account or another organisation\u2019s account was picked for this tenant.',
				confirm: 'The message names the identity provider and the tenant.',
				fixes: [
					{
						text: 'Sign out and sign in with an account of this tenant, or invite the account as a guest.',
						command: inviteGuest,
					},
				],
			},
		],
		verify: 'Sign in with an account of the tenant.',
		links: [docs.b2bInvite],
		phrases: [
			"and can't access the application",
			'sign out and sign in again with a different',
			'multiple user identities are available for the current request',
		],
	}),
	aadsts('16003', {
		title: 'User account not found in the resource tenant',
		explanation:
			'The user has not been explicitly added to the tenant that the app signs in to (single sign-on found the user, but not in this tenant).',
		causes: [
			{
				text: 'The user is not a member or guest of the resource tenant.',
				confirm: 'Check the user in the tenant: `az ad user list --filter "mail eq \'<user-email>\'"`.',
				fixes: [{text: 'Invite the user as a guest.', command: inviteGuest}],
			},
		],
		verify: 'The user accepts the invitation and signs in.',
		links: [docs.b2bInvite],
		phrases: ["hasn't been explicitly added to the tenant", 'has not been explicitly added to the tenant'],
	}),
	aadsts('51004', {
		title: 'User account is not in the directory',
		explanation:
			'The user account does not exist in the directory the app chose; the app probably picked the wrong tenant, or the user needs to be added as a guest.',
		causes: [
			{
				text: 'Wrong tenant in the authority, or the user is not a guest here.',
				confirm: 'Compare the tenant of the request with the user\u2019s tenant.',
				fixes: [{text: 'Use the right tenant or invite the user.', command: inviteGuest}],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.b2bInvite],
		phrases: ["the user account doesn't exist in the directory"],
	}),
	aadsts('500208', {
		title: 'Domain is not a valid login domain for this account type',
		explanation:
			'The account type does not match what the tenant or app accepts, for example a personal Microsoft account where only work or school accounts are allowed.',
		causes: [
			{
				text: 'A personal account signs in to a work-accounts-only tenant or app.',
				confirm: 'Check the app\u2019s signInAudience: `az ad app show --id {clientId} --query signInAudience`.',
				fixes: [
					{
						text: 'Use a work or school account, or allow personal accounts on the app.',
						command: 'az ad app update --id {clientId} --sign-in-audience AzureADandPersonalMicrosoftAccount',
					},
				],
			},
		],
		verify: 'Sign in with a matching account type.',
		links: [docs.supportedAccounts],
		phrases: ['is not a valid login domain for the account type'],
	}),
	aadsts('500212', {
		title: 'Blocked by the user\u2019s home tenant outbound cross-tenant access policy',
		explanation:
			'The user\u2019s administrator set an outbound cross-tenant access policy that does not allow access to the resource tenant.',
		causes: [
			{
				text: 'The home tenant blocks outbound B2B collaboration to this tenant (or to all tenants by default).',
				confirm: 'Home tenant: Entra ID > External Identities > Cross-tenant access settings > Outbound access.',
				fixes: [
					{
						text: 'The home tenant admin allows outbound access to the resource tenant for these users and apps.',
						portal:
							'Entra ID > External Identities > Cross-tenant access settings > Organizational settings > Add organization > Outbound access',
					},
				],
			},
		],
		verify: 'Sign in to the resource tenant again.',
		links: [docs.crossTenantAccess],
		phrases: ["outbound access policy that doesn't allow access", 'has set an outbound access policy'],
	}),
	aadsts('500213', {
		title: 'Blocked by the resource tenant\u2019s inbound cross-tenant access policy',
		explanation:
			'The resource tenant\u2019s cross-tenant access policy does not allow users from this user\u2019s tenant (or this user or app) in.',
		causes: [
			{
				text: 'The resource tenant blocks inbound B2B collaboration from the user\u2019s tenant.',
				confirm: 'Resource tenant: Entra ID > External Identities > Cross-tenant access settings > Inbound access.',
				fixes: [
					{
						text: 'The resource tenant admin allows inbound access for the user\u2019s organisation.',
						portal:
							'Entra ID > External Identities > Cross-tenant access settings > Organizational settings > Inbound access',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.crossTenantAccess],
		phrases: [
			"cross-tenant access policy doesn't allow this user",
			'cross-tenant access policy does not allow this user',
		],
	}),
	aadsts('530004', {
		title: 'AcceptCompliantDevice is not configured for external users',
		explanation:
			'A guest user hit a resource-tenant Conditional Access policy that requires a compliant or hybrid-joined device, and the resource tenant does not trust device claims from the guest\u2019s home tenant, so it cannot evaluate the device.',
		causes: [
			{
				text: 'The resource tenant\u2019s inbound cross-tenant access settings do not trust compliant / hybrid-joined devices from the guest\u2019s tenant.',
				confirm: readSignInLog,
				fixes: [
					{
						text: 'In the resource tenant, trust compliant (and hybrid-joined) devices from the guest\u2019s organisation.',
						portal:
							'Entra ID > External Identities > Cross-tenant access settings > (organisation) > Inbound access > Trust settings > Trust compliant devices',
					},
				],
			},
			{
				text: 'The guest\u2019s device is not authenticated (private browsing, unsupported browser, non-broker app).',
				confirm: 'The sign-in log\u2019s Device info has no join type.',
				fixes: [{text: 'Sign in from a managed device with a supported browser or broker.'}],
			},
		],
		verify: 'The guest signs in again and passes the policy.',
		links: [
			troubleshooting('error-code-aadsts530004-acceptcompliantdevice-setting-not-configured'),
			docs.crossTenantAccess,
		],
		phrases: ["acceptcompliantdevice setting isn't configured", 'to allow external user access to protected resources'],
	}),
	aadsts('500021', {
		title: 'Access to the tenant is denied by tenant restrictions',
		explanation:
			'Tenant restrictions are in force on this network (a proxy inserts the Restrict-Access-To-Tenant header, or tenant restrictions v2), and the tenant being signed in to is not in the allowed list.',
		causes: [
			{
				text: 'The corporate proxy only allows sign-ins to listed tenants, and this tenant is not one of them.',
				confirm: 'Try from another network; check with the network team for tenant restrictions.',
				fixes: [
					{
						text: 'Have the network admin add the tenant to the allowed list, or sign in from a network without the restriction.',
						portal: 'Proxy configuration: Restrict-Access-To-Tenant header',
					},
				],
			},
		],
		verify: 'Sign in again from the allowed context.',
		links: [docs.tenantRestrictions],
		phrases: ['tenant is denied'],
	}),
	aadsts('50002', {
		title: 'Sign-in blocked by restricted proxy access on the tenant',
		explanation: 'Sign-in failed because of tenant restriction (restricted proxy access) policy.',
		causes: [
			{
				text: 'A tenant restriction policy on the network blocks this tenant.',
				confirm: 'Try from another network.',
				fixes: [
					{
						text: 'Change the tenant restriction settings, or use an allowed network.',
						portal: 'Entra ID > External Identities > Cross-tenant access settings > Tenant restrictions',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.tenantRestrictions],
		phrases: ['restricted proxy access on the tenant'],
	}),
	aadsts('50059', {
		httpStatus: 400,
		title: 'No tenant-identifying information in the request',
		explanation:
			'Entra could not determine the tenant: the request used /common (or similar) and neither the request nor the credentials identify a tenant.',
		causes: [
			{
				text: 'A flow that needs a tenant (client credentials, a single-tenant app) was sent to /common or /organizations.',
				confirm: 'Check the authority: it ends with /common or /organizations.',
				fixes: [
					{
						text: 'Use the tenant-specific authority.',
						command: 'az login --service-principal -u {clientId} --tenant {tenantId} -p <secret>',
					},
				],
			},
		],
		verify: 'Request the token from the tenant endpoint; it succeeds.',
		links: [docs.clientCredentials],
		phrases: [
			'tenant-identifying information was not found in either the request',
			"wasn't found in either the request or implied by any provided credentials",
		],
	}),
	aadsts('50128', {
		title: 'Invalid domain name: no tenant-identifying information',
		explanation:
			'The domain in the sign-in name or request does not identify a tenant (an unknown or unverified domain).',
		causes: [
			{
				text: 'The user typed an email address whose domain is not verified in any tenant, or the authority uses such a domain.',
				confirm: 'Check the domain in Entra ID > Custom domain names.',
				fixes: [
					{
						text: 'Use the UPN or tenant GUID; verify the domain in the tenant.',
						portal: 'Entra ID > Custom domain names',
					},
				],
			},
		],
		verify: 'Sign in again with a recognised domain.',
		links: [docs.nationalClouds],
		phrases: ['no tenant-identifying information found in either the request'],
	}),
	aadsts('90019', {
		httpStatus: 400,
		title: 'Tenant could not be determined from the request',
		explanation: 'Entra was unable to determine the tenant identifier from the request.',
		causes: [
			{
				text: 'The authority has no tenant (or /common) where a tenant is required.',
				confirm: 'Check the authority URL.',
				fixes: [
					codeFix(
						'sign-in',
						{tenant: '{tenantId}'},
						{text: 'Use https://login.microsoftonline.com/{tenantId} as authority.'},
					),
				],
			},
		],
		verify: 'Retry with the tenant authority.',
		links: [docs.clientCredentials],
		phrases: ['unable to determine the tenant identifier from the request'],
	}),
	aadsts('50194', {
		title: 'Single-tenant app used with the /common endpoint',
		explanation:
			'The application is not multi-tenant, and since late 2018 single-tenant apps cannot use /common. Use the tenant-specific endpoint, or make the app multi-tenant.',
		causes: [
			{
				text: 'The authority is /common while the app is single-tenant.',
				confirm: 'Run `az ad app show --id {clientId} --query signInAudience`: AzureADMyOrg.',
				fixes: [
					codeFix(
						'sign-in',
						{tenant: '{tenantId}'},
						{text: 'Use the tenant endpoint https://login.microsoftonline.com/{tenantId}.'},
					),
					{
						text: 'Or make the app multi-tenant if other organisations must sign in.',
						command: 'az ad app update --id {clientId} --sign-in-audience AzureADMultipleOrgs',
					},
				],
			},
		],
		verify: 'Sign in again; it succeeds.',
		links: [docs.multiTenant],
		phrases: [
			"isn't configured as a multitenant application",
			'is not configured as a multi-tenant application',
			'usage of the /common endpoint',
		],
	}),
	aadsts('9001023', {
		httpStatus: 400,
		title: 'Grant type not supported on /common or /consumers',
		explanation:
			'The grant type (for example client credentials) cannot be used with the /common or /consumers endpoints; use /organizations or the tenant endpoint.',
		causes: [
			{
				text: 'Client credentials or a similar tenant-bound grant was sent to /common.',
				confirm: 'Check the token URL.',
				fixes: [
					{
						text: 'Send it to the tenant endpoint.',
						command:
							'curl -s -X POST https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token -d grant_type=client_credentials -d client_id={clientId}',
					},
				],
			},
		],
		verify: 'Retry at the tenant endpoint.',
		links: [docs.clientCredentials],
		phrases: [
			"isn't supported over the /common or /consumers endpoints",
			'is not supported over the /common or /consumers endpoints',
		],
	}),
	aadsts('9002332', {
		title: 'App is for Entra users only: do not use /consumers',
		explanation:
			'The application is configured for Microsoft Entra (work and school) users only, but the request used the /consumers endpoint.',
		causes: [
			{
				text: 'The authority is /consumers (personal accounts) for an organisations-only app.',
				confirm: 'Check the authority and `az ad app show --id {clientId} --query signInAudience`.',
				fixes: [codeFix('sign-in', {tenant: '{tenantId}'}, {text: 'Use /organizations or the tenant endpoint.'})],
			},
		],
		verify: 'Sign in again with the right authority.',
		links: [docs.supportedAccounts],
		phrases: ['please do not use the /consumers endpoint'],
	}),
	aadsts('90124', {
		title: 'Resource not supported over /common or /consumers',
		explanation:
			'A v1 resource was requested through the v2 /common or /consumers endpoints; use /organizations or the tenant endpoint.',
		causes: [
			{
				text: 'The request uses /common with a resource that needs an organisational endpoint.',
				confirm: 'Check the authority.',
				fixes: [codeFix('sign-in', {tenant: '{tenantId}'}, {text: 'Use the tenant or /organizations endpoint.'})],
			},
		],
		verify: 'Retry at the tenant endpoint.',
		links: [docs.scopes],
		phrases: ["the resource isn't supported over the"],
	}),
	aadsts('90130', {
		title: 'Application not supported over /common or /consumers',
		explanation:
			'The application cannot be used through the /common or /consumers endpoints; use /organizations or the tenant endpoint.',
		causes: [
			{
				text: 'A non-converged (v1-only) app used with the v2 /common endpoint.',
				confirm: 'Check the authority.',
				fixes: [codeFix('sign-in', {tenant: '{tenantId}'}, {text: 'Use the tenant endpoint.'})],
			},
		],
		verify: 'Retry at the tenant endpoint.',
		links: [docs.supportedAccounts],
		phrases: ["the application isn't supported over the"],
	}),
	aadsts('90038', {
		title: 'Tenant belongs to a national cloud',
		explanation:
			'The tenant is in a national cloud that the current cloud instance does not federate with; the request must go to that cloud\u2019s endpoint.',
		causes: [
			{
				text: 'A China or US Government tenant signed in through the global endpoint (or the reverse).',
				confirm: 'The message names the tenant\u2019s cloud; check `az cloud show --query name`.',
				fixes: [
					{
						text: 'Switch to the tenant\u2019s cloud and sign in there.',
						command: 'az cloud set --name AzureUSGovernment && az login --tenant {tenantId}',
					},
				],
			},
		],
		verify: 'Sign in through the right cloud.',
		links: [docs.nationalClouds],
		phrases: ['belongs to the national cloud', 'does not federate with'],
	}),
	aadsts('90027', {
		title: 'Tokens cannot be issued from this API version on the MSA tenant',
		explanation:
			'A personal Microsoft account signed in through the v1 endpoint, which cannot issue tokens for personal accounts; the app must use the v2.0 protocol.',
		causes: [
			{
				text: 'A v1 (ADAL) app used with a personal account.',
				confirm: 'The authority is /oauth2/authorize (v1) and the user is an MSA.',
				fixes: [{text: 'Move the app to MSAL and the v2.0 endpoint.', command: 'npm install @azure/msal-node'}],
			},
		],
		verify: 'Sign in with the v2.0 endpoint.',
		links: [docs.authCode],
		phrases: ['unable to issue tokens from this api version'],
	}),
	aadsts('90072', {
		title: 'External account cannot satisfy MFA in this tenant',
		explanation:
			'The external account the user signed in with does not exist in this tenant{tenantNameAside}, so it cannot satisfy the tenant\u2019s MFA requirement. It can also be an ImmutableID (sourceAnchor) mismatch for synchronised users.',
		causes: [
			{
				text: 'The user is not a guest of the tenant.',
				confirm: 'Check the user in the tenant.',
				fixes: [{text: 'Invite the user as a guest.', command: inviteGuest}],
			},
			{
				text: 'For synchronised users, the ImmutableID differs between AD and Entra.',
				confirm: 'Compare onPremisesImmutableId with the on-premises sourceAnchor.',
				fixes: [{text: 'Fix the sourceAnchor/ImmutableID match in the sync configuration.'}],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.b2bInvite],
		phrases: ['the account must be added as an external user in the tenant first'],
	}),
	aadsts('50107', {
		title: 'The requested federation realm object does not exist',
		explanation:
			'The federation realm requested (a domain federated with an external IdP, or a guest redemption realm) does not exist in the tenant.',
		causes: [
			{
				text: 'The domain\u2019s federation configuration is missing or wrong, or a guest invitation points to a realm that does not exist.',
				confirm:
					'Check the domain\u2019s authentication type: `az rest --method get --url https://graph.microsoft.com/v1.0/domains/<domain>`.',
				fixes: [
					{
						text: 'Fix the domain federation settings, or re-invite the guest.',
						portal: 'Entra ID > Custom domain names',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [troubleshooting('error-aadsts50107-guest-redemption-fails')],
		phrases: ['the requested federation realm object'],
	}),
	aadsts('1000104', {
		title: 'Resource cloud not allowed for this identity tenant',
		explanation:
			'A cross-cloud B2B sign-in: the resource lives in a cloud that is not enabled for the user\u2019s home tenant.',
		causes: [
			{
				text: 'Cross-cloud collaboration (e.g. public cloud to US Government) is not configured between the tenants.',
				confirm: 'The message names the resource cloud and the identity tenant.',
				fixes: [
					{
						text: 'Enable Microsoft cloud settings for the other cloud in both tenants\u2019 cross-tenant access settings.',
						portal: 'Entra ID > External Identities > Cross-tenant access settings > Microsoft cloud settings',
					},
				],
			},
		],
		verify: 'Repeat the sign-in; it completes, and the sign-in log entry for the new correlation id shows Success.',
		links: [docs.crossTenantAccess],
		phrases: ["isn't allowed on identity tenant", 'is not allowed on identity tenant'],
	}),
];
