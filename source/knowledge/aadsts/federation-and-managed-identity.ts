import type {KnowledgeEntry} from '../types.ts';
import {aadsts, docs} from './shared.ts';

/** The managed identity's object (principal) id, looked up for a user-assigned or system-assigned identity. */
const identityObjectId =
	'az identity show --resource-group <resource-group> --name <identity-name> --query principalId -o tsv';

/** A federated credential on an app registration, issuer filled from the failing assertion. */
const createAppFederatedCredential =
	'az ad app federated-credential create --id {clientId} --parameters \'{"name":"authfix-fic","issuer":"{issuer}","subject":"<subject-from-the-error>","audiences":["api://AzureADTokenExchange"]}\'';

const listAppFederatedCredentials =
	'az ad app federated-credential list --id {clientId} --query "[].{name:name, issuer:issuer, subject:subject, audiences:audiences}" -o json';

const listIdentityFederatedCredentials =
	'az identity federated-credential list --identity-name <identity-name> --resource-group <resource-group> -o json';

/** Workload identity federation: external tokens (GitHub, Kubernetes, Azure DevOps, other Entra tenants) exchanged for Entra tokens. */
export const federationEntries: readonly KnowledgeEntry[] = [
	aadsts('700236', {
		httpStatus: 400,
		title: 'Managed identity token used as a federated credential for an app in another tenant',
		explanation:
			"An access token issued by Entra itself (here a managed identity's token from tenant {tenantId}) was presented as the client assertion for an application or managed identity registered in a different tenant. Entra-issued tokens may only be federated into a multi-tenant app registered in the same tenant as the managed identity; that app can then be consented into the other tenant. A direct cross-tenant trust, from the managed identity to an app that lives in the other tenant, is refused.",
		causes: [
			{
				text: 'The app registration that trusts the managed identity lives in the other (resource) tenant, while the managed identity lives in tenant {tenantId}, the tenant named in the issuer.',
				confirm:
					"Decode the managed identity's exchange token with `authfix decode <token>`: its `iss`/`tid` is tenant {tenantId}. Then check where the app lives: `az ad app show --id {clientId} --query publisherDomain` signed in to each tenant. The app must be registered in {tenantId}, not in the resource tenant.",
				fixes: [
					{
						text: "1. In the managed identity's tenant ({tenantId}), register a multi-tenant app.",
						command:
							'az login --tenant {tenantId} && az ad app create --display-name cross-tenant-workload --sign-in-audience AzureADMultipleOrgs --query appId -o tsv',
					},
					{
						text: "2. Find the managed identity's object (principal) id; it is the federated credential's subject. For a VM's system-assigned identity: `az vm show -g <resource-group> -n <vm-name> --query identity.principalId -o tsv`.",
						command: identityObjectId,
					},
					{
						text: '3. Add the managed identity as the federated identity credential of the new app: issuer is the v2.0 issuer of tenant {tenantId}, subject the identity\u2019s object id, audience api://AzureADTokenExchange.',
						command:
							'az ad app federated-credential create --id <new-app-id> --parameters \'{"name":"managed-identity","issuer":"https://login.microsoftonline.com/{tenantId}/v2.0","subject":"<managed-identity-object-id>","audiences":["api://AzureADTokenExchange"]}\'',
					},
					{
						text: '4. An administrator of the resource tenant consents to the app, which creates its service principal there (`az ad sp create` does the same when the app needs no API permissions).',
						command: 'az login --tenant <resource-tenant-id> && az ad sp create --id <new-app-id>',
						portal:
							'As an administrator of the resource tenant open https://login.microsoftonline.com/<resource-tenant-id>/adminconsent?client_id=<new-app-id> and accept',
					},
					{
						text: '5. Grant the new service principal its roles in the resource tenant (Azure RBAC here; API permissions need the admin consent above).',
						command:
							'az role assignment create --assignee <new-app-id> --role <role-name> --scope /subscriptions/{subscriptionId}',
					},
					{
						text: "6. In the workload, get the managed identity's token for audience api://AzureADTokenExchange and exchange it as the client assertion of the new app against the resource tenant (with @azure/identity: ClientAssertionCredential whose callback calls ManagedIdentityCredential.getToken('api://AzureADTokenExchange/.default')).",
						command:
							'az login --service-principal -u <new-app-id> --tenant <resource-tenant-id> --allow-no-subscriptions --federated-token "$(curl -s -H Metadata:true \'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=api://AzureADTokenExchange\' | jq -r .access_token)"',
					},
				],
			},
			{
				text: 'A user-assigned managed identity in the other tenant was given a federated credential that trusts this managed identity (managed identity to managed identity across tenants), which Entra does not support.',
				confirm:
					'List the federated credentials of the target identity: ' +
					listIdentityFederatedCredentials +
					'; an issuer of https://login.microsoftonline.com/<tenant>/v2.0 on a managed identity confirms it.',
				fixes: [
					{
						text: 'Remove that federated credential and use the multi-tenant app path above: the trust must be on an app registration in the managed identity\u2019s own tenant.',
						command:
							'az identity federated-credential delete --name <credential-name> --identity-name <identity-name> --resource-group <resource-group>',
					},
				],
			},
			{
				text: 'The app is in the right tenant but was created single-tenant, so it cannot be consented into the resource tenant.',
				confirm: 'Run `az ad app show --id <app-id> --query signInAudience`; AzureADMyOrg confirms it.',
				fixes: [
					{
						text: 'Make the app multi-tenant, then consent to it in the resource tenant.',
						command: 'az ad app update --id <app-id> --sign-in-audience AzureADMultipleOrgs',
					},
				],
			},
		],
		verify:
			'Run the exchange from step 6: `az account show` then lists the resource tenant, and the failing call (replayed with `authfix replay`) succeeds with a token whose `tid` is the resource tenant and whose `appid` is the new app.',
		prevent:
			'Keep one multi-tenant "workload" app per managed identity in the identity\u2019s home tenant, consent it into each resource tenant, and manage those consents and role assignments as code.',
		links: [docs.appTrustManagedIdentity, docs.workloadIdentityFederation, docs.federationConsiderations],
		phrases: [
			'may not be used for federated identity credential flows for applications or managed identities registered in this tenant',
			'entra id tokens issued by issuer',
		],
	}),
	aadsts('70021', {
		oauthError: 'invalid_request',
		httpStatus: 400,
		title: 'No federated identity credential matches the presented assertion',
		explanation:
			'The client sent an external token (GitHub Actions, Kubernetes service account, Azure DevOps, another identity provider) as its client assertion, and none of the federated identity credentials on app or managed identity {clientId} has the same issuer, subject and audience. All three must match exactly; the message names the issuer, subject and audience that were presented.',
		causes: [
			{
				text: 'The issuer differs: the cluster\u2019s OIDC issuer URL is not the one configured (for example the in-cluster `https://kubernetes.default.svc` instead of the public OIDC issuer URL), or it differs by a trailing slash.',
				confirm:
					'Compare "Assertion Issuer" in the message with the configured credentials: ' +
					listAppFederatedCredentials +
					'. For AKS: `az aks show -g <resource-group> -n <cluster> --query oidcIssuerProfile.issuerUrl -o tsv`.',
				fixes: [
					{
						text: 'Enable the cluster\u2019s public OIDC issuer (AKS: OIDC issuer + workload identity) and configure the federated credential with exactly that URL.',
						command: 'az aks update -g <resource-group> -n <cluster> --enable-oidc-issuer --enable-workload-identity',
					},
					{
						text: 'Create a federated credential with the exact issuer, subject and audience from the error.',
						command: createAppFederatedCredential,
					},
				],
			},
			{
				text: 'The subject differs: another Kubernetes namespace or service account, or another GitHub branch, environment, tag or pull-request context than the one configured.',
				confirm:
					'Compare "Assertion Subject" with each credential\u2019s subject. Kubernetes subjects are `system:serviceaccount:<namespace>:<service-account>`; GitHub subjects are `repo:<org>/<repo>:environment:<name>`, `repo:<org>/<repo>:ref:refs/heads/<branch>` or `repo:<org>/<repo>:pull_request`.',
				fixes: [
					{
						text: 'Add a federated credential whose subject is exactly the one in the error (for a user-assigned managed identity use az identity federated-credential create).',
						command:
							'az identity federated-credential create --name <name> --identity-name <identity-name> --resource-group <resource-group> --issuer {issuer} --subject <subject-from-the-error> --audiences api://AzureADTokenExchange',
					},
				],
			},
			{
				text: 'The audience differs from api://AzureADTokenExchange (the default for Azure), or from a custom audience configured on the credential.',
				confirm:
					'Compare "Assertion Audience" with the credential\u2019s audiences; decode the external token with `authfix decode <token>` and read `aud`.',
				fixes: [
					{
						text: 'Request the external token for audience api://AzureADTokenExchange, or configure the credential with the audience the token carries.',
					},
				],
			},
			{
				text: 'The credential was just created and has not propagated yet, or it was added to another app / identity than the client id used.',
				confirm:
					'Check the credential is on {clientId} itself; a credential created in the last few minutes can still be replicating.',
				fixes: [
					{
						text: 'Wait a few minutes and retry; make sure the client id in the workload is the app or identity that carries the credential.',
					},
				],
			},
		],
		verify:
			'Rerun the workload (or the CI job); the exchange returns a token. Replay the failing call with `authfix replay`.',
		prevent:
			'Create federated credentials from the same values the workload uses (cluster issuer URL, namespace/service account, repo/environment), as code, and keep one credential per deployment context.',
		links: [docs.workloadIdentityFederation, docs.federationCreateTrust, docs.aksWorkloadIdentity],
		phrases: [
			'for presented assertion. assertion issuer',
			'no matching federated identity record found for presented assertion.',
		],
	}),
	aadsts('700211', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'Federated credential issuer does not match the presented assertion',
		explanation:
			'The external token presented as client assertion has an issuer (`iss`) that no federated identity credential on {clientId} is configured with. The issuer must match character for character, including scheme, path and trailing slash.',
		causes: [
			{
				text: 'The credential is configured with another issuer URL: another cluster, a regenerated AKS OIDC issuer, the in-cluster issuer, or a trailing slash difference.',
				confirm: 'Compare the issuer in the message with ' + listAppFederatedCredentials,
				fixes: [
					{
						text: 'Create or update the federated credential with exactly the issuer from the error.',
						command: createAppFederatedCredential,
					},
				],
			},
			{
				text: 'The workload uses the wrong client id: the credential is on another app or managed identity.',
				confirm:
					'Check the AZURE_CLIENT_ID (or the azure.workload.identity/client-id annotation) the workload uses against the app that carries the credential.',
				fixes: [{text: 'Point the workload at the app or identity that has the credential.'}],
			},
		],
		verify: 'Rerun the workload; a token is issued.',
		prevent: 'Derive the issuer from the cluster or CI system at deploy time instead of copying it by hand.',
		links: [docs.workloadIdentityFederation, docs.federationCreateTrust],
		phrases: ['for presented assertion issuer'],
	}),
	aadsts('700212', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'Federated credential audience does not match the presented assertion',
		explanation:
			'The external token presented as client assertion has an audience (`aud`) that no federated identity credential on {clientId} accepts. Azure expects api://AzureADTokenExchange unless the credential was given another audience.',
		causes: [
			{
				text: 'The external token was requested for another audience (a GitHub default audience, a resource URL such as https://management.azure.com/, or a sovereign-cloud exchange audience).',
				confirm:
					'Decode the external token with `authfix decode <token>` and compare `aud` with the credential\u2019s audiences: ' +
					listAppFederatedCredentials,
				fixes: [
					{
						text: 'Request the external token for audience api://AzureADTokenExchange (GitHub: azure/login does this; custom code: set the audience explicitly).',
						command:
							'curl -sH "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=api://AzureADTokenExchange"',
					},
				],
			},
			{
				text: 'A national cloud: the exchange audience differs per cloud (api://AzureADTokenExchangeUSGov for Azure Government, api://AzureADTokenExchangeChina for Azure operated by 21Vianet), and the token or the credential uses the public-cloud value.',
				confirm:
					'Compare the cloud of the app (`az cloud show --query name`) with the `aud` of the external token and the credential\u2019s audiences.',
				fixes: [
					{
						text: 'Use the audience of the app\u2019s cloud on both sides: in the request for the external token and in the federated credential.',
					},
				],
			},
		],
		verify: 'Rerun the exchange; a token is issued.',
		prevent:
			'Let the CI or cluster tooling request the exchange token (azure/login, the workload identity webhook) instead of custom code, and keep the audience api://AzureADTokenExchange unless you have a reason to change it.',
		links: [docs.workloadIdentityFederation],
		phrases: ['for presented assertion audience'],
	}),
	aadsts('700213', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'Federated credential subject does not match the presented assertion',
		explanation:
			'The external token\u2019s subject (`sub`) matches none of the federated identity credentials on {clientId}. For GitHub Actions the subject depends on how the job runs: with an environment, on a branch, on a tag or for a pull request, and each needs its own credential.',
		causes: [
			{
				text: 'GitHub Actions: the job runs in a context whose subject is not configured, most often a job with `environment:` (subject `repo:<org>/<repo>:environment:<name>`) while the credential is for a branch, or the reverse.',
				confirm:
					'Read the subject in the error (azure/login also prints "subject claim") and compare with ' +
					listAppFederatedCredentials,
				fixes: [
					{
						text: 'Add a federated credential for exactly that subject.',
						command:
							'az ad app federated-credential create --id {clientId} --parameters \'{"name":"github-<context>","issuer":"https://token.actions.githubusercontent.com","subject":"<subject-from-the-error>","audiences":["api://AzureADTokenExchange"]}\'',
						portal:
							'Entra ID > App registrations > (app {clientId}) > Certificates & secrets > Federated credentials > Add credential > GitHub Actions deploying Azure resources',
					},
				],
			},
			{
				text: 'Kubernetes: the pod runs under another namespace or service account than the credential\u2019s `system:serviceaccount:<namespace>:<service-account>`.',
				confirm:
					'Check `kubectl get pod <pod> -o jsonpath="{.spec.serviceAccountName}"` and the namespace against the credential\u2019s subject.',
				fixes: [
					{
						text: 'Create a credential for the service account the pod uses, or run the pod under the configured one.',
						command:
							'az identity federated-credential create --name <name> --identity-name <identity-name> --resource-group <resource-group> --issuer {issuer} --subject system:serviceaccount:<namespace>:<service-account> --audiences api://AzureADTokenExchange',
					},
				],
			},
			{
				text: 'The organisation or repository was renamed, or GitHub now issues a customised subject (immutable ids, a custom subject template).',
				confirm: 'Compare the owner/repo part of the subject in the error with the credential.',
				fixes: [{text: 'Update the federated credential to the subject GitHub now issues.'}],
			},
		],
		verify: 'Rerun the workflow or pod; the Azure login step succeeds.',
		prevent:
			'Use one credential per deployment environment (`environment:<name>` subjects) and require environments for deployment jobs so the subject is predictable.',
		links: [docs.githubActionsOidc, docs.workloadIdentityFederation, docs.federationCreateTrust],
		phrases: ['for presented assertion subject'],
	}),
	aadsts('7002137', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'No matching federated identity credential (assertion did not match)',
		explanation:
			'Observed as another member of the "no matching federated identity record" family returned with invalid_client and HTTP 401: the presented external token did not match any federated identity credential on {clientId}. Treat it like AADSTS70021: the issuer, subject and audience of the token must equal one credential exactly.',
		causes: [
			{
				text: 'The issuer, subject or audience of the external token differs from every configured credential.',
				confirm:
					'Decode the external token with `authfix decode <token>` and compare `iss`, `sub` and `aud` with ' +
					listAppFederatedCredentials,
				fixes: [{text: 'Create a credential with exactly those values.', command: createAppFederatedCredential}],
			},
		],
		verify: 'Rerun the exchange; a token is issued.',
		links: [docs.workloadIdentityFederation],
	}),
	aadsts('7002138', {
		oauthError: 'invalid_client',
		httpStatus: 401,
		title: 'Federated credential subject differs only in letter case',
		explanation:
			'The subject of the external token matches a federated credential when compared case-insensitively but not exactly. Entra compares subjects case-sensitively, so `repo:Contoso/App` and `repo:contoso/app` are different subjects.',
		causes: [
			{
				text: 'The credential was typed with different casing than GitHub (or the cluster) issues, for example the organisation or environment name.',
				confirm: 'Put the subject from the error next to the configured one: ' + listAppFederatedCredentials,
				fixes: [
					{
						text: 'Recreate the credential with the subject copied exactly from the error.',
						command: createAppFederatedCredential,
					},
				],
			},
		],
		verify: 'Rerun the workflow; the login succeeds.',
		links: [docs.workloadIdentityFederation],
		phrases: ['matches with case-insensitive comparison, but not with case-sensitive comparison'],
	}),
	aadsts('700222', {
		httpStatus: 400,
		title: 'Entra-issued tokens may not be used for federated identity flows',
		explanation:
			'A token issued by Entra ID (login.microsoftonline.com, sts.windows.net) was presented as a federated client assertion where only external identity providers, or the managed-identity pattern, are allowed. A federated credential whose issuer is an Entra tenant only works for a managed identity\u2019s token trusted by a multi-tenant app in the same tenant.',
		causes: [
			{
				text: 'A federated credential with an Entra issuer on a managed identity or app, trusting another Entra identity (app-to-app or identity-to-identity), or a user\u2019s token from DefaultAzureCredential on a developer machine used as the assertion.',
				confirm:
					'Decode the assertion with `authfix decode <token>`: an `iss` on login.microsoftonline.com or sts.windows.net confirms it; `idtyp`/`scp` show whether it is a user token.',
				fixes: [
					{
						text: 'Use a managed identity token trusted by a multi-tenant app in the identity\u2019s own tenant (see AADSTS700236), or authenticate the app with a certificate locally.',
						command: 'authfix explain AADSTS700236',
					},
				],
			},
		],
		verify: 'Rerun the exchange with a supported token source; a token is issued.',
		links: [docs.federationConsiderations, docs.appTrustManagedIdentity],
		phrases: ['aad-issued tokens may not be used for federated identity flows'],
	}),
	aadsts('700226', {
		httpStatus: 400,
		title: 'Only managed identity tokens may be federated from an Entra issuer',
		explanation:
			'The assertion comes from an Entra issuer but was not issued to a managed identity (for example a token of another app registration). Only managed identity tokens can be used as federated credentials with an Entra issuer.',
		causes: [
			{
				text: 'An app registration\u2019s token is used as the client assertion of another app.',
				confirm:
					'Decode the assertion with `authfix decode <token>`: `appid`/`azp` is an app registration, not a managed identity.',
				fixes: [
					{
						text: 'Obtain the assertion from a managed identity (audience api://AzureADTokenExchange), or give the app its own certificate credential.',
						command:
							'curl -s -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=api://AzureADTokenExchange"',
					},
				],
			},
		],
		verify: 'Rerun the exchange; a token is issued.',
		links: [docs.appTrustManagedIdentity],
		phrases: ['only msi tokens may be used as federated identity credentials'],
	}),
	aadsts('700229', {
		httpStatus: 400,
		title: 'Only app-only tokens can be federated from an Entra issuer',
		explanation:
			'The assertion is a delegated (user) token. Federated identity credentials with a Microsoft Entra issuer accept only app-only tokens, such as a managed identity token from a client-credentials style request.',
		causes: [
			{
				text: 'A user\u2019s token (from az login, Visual Studio, DefaultAzureCredential on a workstation) was used as the client assertion.',
				confirm: 'Decode it with `authfix decode <token>`: it has `scp` and a user `upn`, `idtyp` is not `app`.',
				fixes: [
					{
						text: 'Use the managed identity\u2019s token (only available inside Azure), or authenticate the app with a certificate when running locally.',
						command:
							'curl -s -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=api://AzureADTokenExchange"',
					},
				],
			},
		],
		verify: 'Rerun the exchange with an app-only token; a token is issued.',
		links: [docs.appTrustManagedIdentity],
		phrases: ['only app-only tokens can be used as federated identity credentials'],
	}),
];
