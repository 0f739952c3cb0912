/**
Entra ID paths: token endpoint errors (AADSTS50000's causes, AADSTS700236's path and the common
codes), other APIs' audience errors, the Azure CLI sign-in, managed identity, the credential chain
and onboarding.
*/
import {codeFixStep, fixStepsOf} from '../knowledge/index.ts';
import type {TreeNode} from './types.ts';

export const entraNodes = [
	// Any AADSTS code: ask the token endpoint ourselves first.
	{
		kind: 'check',
		id: 'aadsts-token',
		check: 'fresh-token',
		title: 'Requesting a token from the token endpoint',
		next: {pass: 'verify', fail: 'aadsts-advice'},
	},
	{
		kind: 'question',
		id: 'aadsts-advice',
		prompt: 'The token endpoint refuses with {code}. The explanation above names the likely cause.',
		help: 'Apply its fix, then replay; or look at everything with the health check.',
		answers: [
			{label: "I've applied the fix: replay the call", next: 'aadsts-fix-apply', recommended: true},
			{label: 'Run the health check instead', next: 'health-cli'},
		],
	},
	{
		kind: 'fix',
		id: 'aadsts-fix-apply',
		title: 'Apply the fix for {code}',
		why: 'Each AADSTS code names one refusal of the token endpoint; the explanation before this step gives its likely causes and their fixes.',
		mode: 'manual',
		steps: [
			{
				text: 'Apply the fix the explanation names for {code}; for every cause with the ids of your error filled in, give `authfix explain` the whole error text',
			},
		],
		next: 'verify',
	},
	// A pipeline, a tool or a workload that signs in to another tenant than the subscription's.
	{
		kind: 'check',
		id: 'a700016-source',
		check: 'credential-source',
		title: 'Looking at every credential source here, and the tenant each signs in to',
		next: {pass: 'a700016-fix', fail: 'src-why', warn: 'a700016-fix', error: 'a700016-fix'},
	},
	{
		kind: 'route',
		id: 'src-why',
		title: 'Which tool signs in to the wrong tenant: the fix is in its own terms',
		routes: [
			{when: {fact: 'credentialOrigin', matches: '^terraform$'}, label: 'Terraform (ARM_*)', next: 'src-fix-terraform'},
			{
				when: {fact: 'credentialOrigin', matches: '^azure-pipelines$'},
				label: 'an Azure Pipelines service connection',
				next: 'src-fix-pipeline',
			},
			{
				when: {fact: 'credentialOrigin', matches: '^github-actions$'},
				label: 'a GitHub Actions job',
				next: 'src-fix-github',
			},
			{
				when: {fact: 'credentialOrigin', matches: '^(kubernetes|workload-identity)$'},
				label: 'a workload identity pod',
				next: 'src-fix-pod',
			},
		],
		otherwise: 'src-fix-env',
	},
	{
		kind: 'fix',
		id: 'src-fix-terraform',
		title: "Point Terraform at the subscription's tenant",
		why: 'Terraform reads {tenantVariable} ({credentialTenant}), not AZURE_TENANT_ID; subscription {subscriptionId} lives in tenant {subscriptionTenant}.',
		mode: 'manual',
		action: 'login-tenant',
		effects: [{kind: 'sign-in', tenant: '{subscriptionTenant}'}],
		steps: [
			{
				text: 'Set the variable Terraform reads (in the pipeline or job that runs it)',
				command: 'export ARM_TENANT_ID={subscriptionTenant}',
			},
			{text: 'Or pin it in the provider block', command: 'provider "azurerm" { tenant_id = "{subscriptionTenant}" }'},
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'src-fix-pipeline',
		title: "Bind the service connection to the subscription's tenant",
		why: 'The service connection signs in to tenant {credentialTenant} ({tenantVariable}); its app and subscription {subscriptionId} live in tenant {subscriptionTenant}, and Entra looks the app up only in the tenant it is asked in.',
		mode: 'admin',
		action: 'login-tenant',
		effects: [{kind: 'sign-in', tenant: '{subscriptionTenant}'}],
		steps: [
			{
				text: 'Project settings → Service connections → the connection → Edit: set its tenant to {subscriptionTenant}, or make a new service connection in that tenant',
			},
			{
				text: 'Then check the pipeline again from a step that uses it',
				command: 'npx authfix check --subscription {subscriptionId}',
			},
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'src-fix-github',
		title: "Give azure/login the subscription's tenant",
		why: "azure/login's tenant-id comes from {tenantVariable} ({credentialTenant}); subscription {subscriptionId} lives in tenant {subscriptionTenant}.",
		mode: 'manual',
		action: 'login-tenant',
		effects: [{kind: 'sign-in', tenant: '{subscriptionTenant}'}],
		steps: [
			{
				text: 'Set the repository variable the workflow passes as tenant-id (or its secret)',
				command: 'gh variable set AZURE_TENANT_ID --body {subscriptionTenant}',
			},
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'src-fix-pod',
		title: "Annotate the service account with the subscription's tenant",
		why: "The workload identity webhook injects AZURE_TENANT_ID ({credentialTenant}) from the service account's tenant-id annotation, else the cluster's tenant; subscription {subscriptionId} lives in tenant {subscriptionTenant}.",
		mode: 'manual',
		action: 'login-tenant',
		effects: [{kind: 'sign-in', tenant: '{subscriptionTenant}'}],
		steps: [
			{
				text: 'Annotate the service account, then restart its pods',
				command:
					'kubectl annotate serviceaccount --namespace <namespace> <service-account> azure.workload.identity/tenant-id={subscriptionTenant} --overwrite',
			},
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'src-fix-env',
		title: "Point the credential at the subscription's tenant",
		why: 'The credential signs in to tenant {credentialTenant} ({tenantVariable}); subscription {subscriptionId} lives in tenant {subscriptionTenant}.',
		mode: 'manual',
		action: 'login-tenant',
		effects: [{kind: 'sign-in', tenant: '{subscriptionTenant}'}],
		steps: [
			{text: 'Environment for the Azure SDKs', command: 'export AZURE_TENANT_ID={subscriptionTenant}'},
			codeFixStep('pin-tenant', {tenant: '{subscriptionTenant}', subscription: '{subscriptionId}'}),
		],
		next: 'verify',
	},
	// AADSTS50000: a generic token issuance error with a few real causes.
	{
		kind: 'check',
		id: 'a50000-token',
		check: 'fresh-token',
		title: 'Requesting a token again (AADSTS50000 is sometimes transient)',
		next: {pass: 'verify', fail: 'a50000-credential'},
	},
	{
		kind: 'check',
		id: 'a50000-credential',
		check: 'credential-source',
		title: 'Checking the credential that signs in (secret, certificate, assertion or password)',
		next: {pass: 'a50000-who', fail: 'a7000215-fix-secret'},
	},
	{
		kind: 'route',
		id: 'a50000-who',
		title: "A user's sign-in and an app's sign-in fail with AADSTS50000 for different reasons",
		routes: [{when: {fact: 'signInKind', matches: '^user$'}, label: 'a user signs in', next: 'a50000-ask-user'}],
		otherwise: 'a50000-ask',
	},
	{
		kind: 'question',
		id: 'a50000-ask-user',
		prompt: "The credential is usable, yet the user's sign-in is refused. Which matches?",
		help: 'AADSTS50000 hides a few causes; with trace id {traceId} and correlation id {correlationId}, support finds the exact one.',
		answers: [
			{
				label: 'Users may not consent in this tenant, and the app has no admin consent',
				next: 'a65001-fix',
				recommended: true,
			},
			{label: "The user's password changed on-premises and has not synced", next: 'a50000-fix-password'},
			{label: 'It fails only sometimes', next: 'a50000-fix-retry'},
		],
	},
	{
		kind: 'fix',
		id: 'a50000-fix-password',
		title: "Reset the user's password so that it syncs",
		why: 'The password hash of {userPrincipalName} never reached the tenant, so the tenant cannot check the password.',
		mode: 'admin',
		action: 'reset-password',
		effects: [{kind: 'sandbox', operation: 'reset-user-password', params: {userPrincipalName: '{userPrincipalName}'}}],
		steps: [
			{text: 'Check password hash sync in Entra Connect, or reset the password in the cloud'},
			{text: 'A cloud reset', command: 'az ad user update --id {userPrincipalName} --password <new-password>'},
		],
		next: 'verify',
	},
	{
		kind: 'question',
		id: 'a50000-ask',
		prompt: 'The credential looks usable, yet the tenant still refuses. Which matches?',
		help: 'AADSTS50000 hides a few causes; with trace id {traceId} and correlation id {correlationId}, support finds the exact one.',
		answers: [
			{
				label: 'The service principal was deleted or disabled in the tenant',
				next: 'a50000-fix-principal',
				recommended: true,
			},
			{label: 'The certificate or secret was rotated recently', next: 'a7000215-fix-secret'},
			{label: 'It fails only sometimes', next: 'a50000-fix-retry'},
		],
	},
	{
		kind: 'fix',
		id: 'a50000-fix-principal',
		title: 'Recreate or enable the service principal',
		why: 'Tenant {tenantId} has no enabled service principal for app {clientId}, so it cannot issue the token.',
		mode: 'admin',
		action: 'provision-principal',
		steps: [
			{text: 'Look it up', command: 'az ad sp show --id {clientId}'},
			{text: 'Create it when missing', command: 'az ad sp create --id {clientId}'},
			{text: 'Enable it when disabled', command: 'az ad sp update --id {clientId} --set accountEnabled=true'},
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'a50000-fix-retry',
		title: 'Retry with back-off and keep the ids',
		why: 'A transient service error clears on retry; when it persists, trace id {traceId} and correlation id {correlationId} identify it.',
		mode: 'manual',
		steps: [
			{
				text: 'Retry with exponential back-off; if it persists, report trace id {traceId} and correlation id {correlationId}',
			},
		],
		next: 'verify',
	},
	// Secrets.
	{
		kind: 'fix',
		id: 'a7000215-fix-secret',
		title: 'Use a valid client secret',
		why: "The secret sent is not one of app {clientId}'s current secrets (a secret id instead of its value, or expired).",
		mode: 'admin',
		action: 'new-secret',
		steps: fixStepsOf('aadsts-7000215', [0, 2]),
		next: 'verify',
	},
	// App not found in the tenant.
	{
		kind: 'fix',
		id: 'a700016-fix',
		title: 'Use the tenant where the app is registered, or provision it there',
		why: 'Tenant {tenantId} knows no application {clientId}: a wrong tenant, a wrong client id, or a multi-tenant app never consented there.',
		mode: 'admin',
		action: 'provision-principal',
		steps: fixStepsOf('aadsts-700016', [0, 2]),
		next: 'verify',
	},
	// Consent.
	{
		kind: 'fix',
		id: 'a65001-fix',
		title: 'Grant consent to the app',
		why: 'App {clientId} has not been granted the permissions it asks for in tenant {tenantId}.',
		mode: 'admin',
		action: 'grant-consent',
		effects: [
			{kind: 'sandbox', operation: 'grant-admin-consent', params: {clientAppId: '{clientId}', tenantId: '{tenantId}'}},
		],
		steps: fixStepsOf('aadsts-65001', [0]),
		next: 'verify',
	},
	// MFA, conditional access, expired refresh tokens: sign in interactively again.
	{
		kind: 'fix',
		id: 'aadsts-fix-interactive',
		title: 'Sign in interactively again',
		why: 'The tenant wants a fresh interactive sign-in (MFA, conditional access, or an expired or revoked refresh token).',
		mode: 'browser',
		action: 'login',
		steps: [{text: 'Sign in (a browser opens, or use --use-device-code)', command: 'az login --tenant {tenantId}'}],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'a90002-fix',
		title: 'Use an existing tenant in the right cloud',
		why: 'Tenant {tenantId} does not exist in this cloud: a typo, a deleted tenant, or a sovereign cloud tenant.',
		mode: 'manual',
		steps: fixStepsOf('aadsts-90002', [0, 1]),
		next: 'verify',
	},
	// Federated credentials and AADSTS700236.
	{
		kind: 'check',
		id: 'fic-check',
		check: 'federated-credential',
		title: "Comparing the assertion's issuer, subject and audience with the app's federated credentials",
		// Skipped (no assertion to compare here): the pasted AADSTS700236 is evidence enough to ask.
		next: {pass: 'fic-token', fail: 'fic-why', skip: 'fic-ask'},
	},
	{
		kind: 'route',
		id: 'fic-why',
		title: 'Did the check find an Entra token federated across tenants?',
		routes: [
			{
				when: {fact: 'code', matches: '^AADSTS700236$'},
				label: 'an Entra token of another tenant (AADSTS700236)',
				next: 'fic-fix-multitenant',
			},
			{
				when: {fact: 'code', matches: '^AADSTS(70021|700211|700212|700213|7002138)$'},
				label: "no record matches the assertion's issuer, subject or audience",
				next: 'fic-fix-add',
			},
		],
		otherwise: 'fic-ask',
	},
	{
		kind: 'fix',
		id: 'fic-fix-add',
		title: 'Add the federated credential this assertion needs',
		why: 'App {clientId} has no record with issuer {assertionIssuer} and subject {assertionSubject} (audience api://AzureADTokenExchange); Entra compares all three exactly, letter case and trailing slash included.',
		mode: 'admin',
		action: 'fix-federated-credential',
		effects: [
			{
				kind: 'sandbox',
				operation: 'add-federated-credential',
				params: {
					app: '{clientId}',
					name: '{ficName}',
					issuer: '{assertionIssuer}',
					subject: '{assertionSubject}',
					audience: 'api://AzureADTokenExchange',
				},
			},
		],
		steps: [
			{
				text: 'Add the record to the app registration',
				command:
					'az ad app federated-credential create --id {clientId} --parameters \'{"name":"{ficName}","issuer":"{assertionIssuer}","subject":"{assertionSubject}","audiences":["api://AzureADTokenExchange"]}\'',
			},
			{
				text: 'For a user-assigned managed identity instead',
				command:
					'az identity federated-credential create --name {ficName} --identity-name <identity> --resource-group <group> --issuer {assertionIssuer} --subject {assertionSubject} --audiences api://AzureADTokenExchange',
			},
		],
		next: 'verify',
	},
	{
		kind: 'check',
		id: 'fic-token',
		check: 'fresh-token',
		title: 'Exchanging the federated assertion for a token',
		next: {pass: 'verify', fail: 'fic-fix-multitenant'},
	},
	{
		kind: 'question',
		id: 'fic-ask',
		prompt: 'The federated credential does not match. Does the failing call cross tenants?',
		help: 'AADSTS700236: a managed identity token cannot be a federated credential of an app in another tenant.',
		answers: [
			{
				label: 'Yes: the managed identity and the target are in different tenants',
				next: 'fic-fix-multitenant',
				recommended: true,
			},
			{label: "No: fix the federated credential's issuer, subject or audience", next: 'fic-fix-record'},
		],
	},
	{
		kind: 'fix',
		id: 'fic-fix-multitenant',
		title: 'Go through a multi-tenant app in the home tenant',
		why: 'Tokens of a managed identity are only accepted as federated credentials of apps in its own tenant ({identityTenantId}). A multi-tenant app registered there ({homeAppId}) trusts the identity ({identityObjectId}), and the target tenant ({targetTenantId}) trusts the app through its service principal and a role.',
		mode: 'admin',
		action: 'use-multi-tenant-app',
		// Exactly what the check found missing: each step is skipped when the facts say it is done.
		effects: [
			{
				kind: 'sandbox',
				operation: 'add-federated-credential',
				params: {
					app: '{homeAppId}',
					name: 'cross-tenant-identity',
					issuer: '{identityIssuer}',
					subject: '{identityObjectId}',
					audience: 'api://AzureADTokenExchange',
				},
				unless: {fact: 'homeAppFederated', matches: '^yes$'},
			},
			{
				kind: 'sandbox',
				operation: 'grant-admin-consent',
				params: {clientAppId: '{homeAppId}', tenantId: '{targetTenantId}'},
				unless: {fact: 'homeAppConsented', matches: '^yes$'},
				yields: 'homeAppPrincipalId',
			},
			{
				kind: 'sandbox',
				operation: 'assign-role',
				params: {principalId: '{homeAppPrincipalId}', role: 'Reader', scope: '/subscriptions/{subscriptionId}'},
			},
			{kind: 'exchange-via-home-app', app: '{homeAppId}'},
		],
		steps: [
			{
				text: 'In tenant {identityTenantId}: trust the managed identity (issuer: its tenant, subject: its object id)',
				command:
					'az ad app federated-credential create --id {homeAppId} --parameters \'{"name":"cross-tenant-identity","issuer":"{identityIssuer}","subject":"{identityObjectId}","audiences":["api://AzureADTokenExchange"]}\'',
			},
			{
				text: 'In tenant {targetTenantId} (its admin): provision the app, that is, admin consent',
				command: 'az login --tenant {targetTenantId} && az ad sp create --id {homeAppId}',
			},
			{
				text: 'Give its service principal the role it needs there',
				command:
					'az role assignment create --assignee {homeAppId} --role Reader --scope /subscriptions/{subscriptionId}',
			},
			{
				text: 'In the client: exchange the identity token for app {homeAppId} from tenant {targetTenantId}',
				command: 'AZURE_CLIENT_ID={homeAppId} AZURE_TENANT_ID={targetTenantId}',
			},
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'fic-fix-record',
		title: 'Make the federated credential match the assertion exactly',
		why: 'Issuer, subject (case-sensitive) and audience (api://AzureADTokenExchange) must equal the assertion’s claims.',
		mode: 'admin',
		action: 'fix-federated-credential',
		steps: [
			{text: 'The records', command: 'az ad app federated-credential list --id {clientId}'},
			{
				text: 'Update the mismatching one',
				command:
					'az ad app federated-credential update --id {clientId} --federated-credential-id <id> --parameters credential.json',
			},
		],
		next: 'verify',
	},
	// Other APIs' audience.
	{
		kind: 'check',
		id: 'api-aud-check',
		check: 'token-audience',
		title: "Checking the token's audience against the API",
		next: {pass: 'api-aud-ask', fail: 'api-aud-fix'},
	},
	{
		kind: 'fix',
		id: 'api-aud-fix',
		title: "Request the token for the API's audience",
		why: 'The token is for {audience}; the API accepts {expectedAudience}.',
		mode: 'manual',
		action: 'token-audience',
		effects: [{kind: 'request-audience', audience: '{expectedAudience}'}],
		steps: [
			{text: 'Azure CLI', command: 'az account get-access-token --resource {expectedAudience}'},
			codeFixStep('token-for-resource', {resource: '{expectedAudience}', scope: '{expectedAudience}/.default'}),
		],
		next: 'verify',
	},
	{
		kind: 'question',
		id: 'api-aud-ask',
		prompt: 'What was sent to the API?',
		answers: [
			{label: 'An ID token from the sign-in', next: 'api-aud-fix-id-token', recommended: true},
			{label: 'An access token for my own API (api://…)', next: 'api-aud-fix-app-uri'},
		],
	},
	{
		kind: 'fix',
		id: 'api-aud-fix-id-token',
		title: 'Send an access token, not the ID token',
		why: "An ID token's audience is the client app itself; APIs accept only access tokens minted for them.",
		mode: 'manual',
		action: 'token-audience',
		effects: [{kind: 'request-audience', audience: '{expectedAudience}'}],
		steps: [
			codeFixStep(
				'token-for-resource',
				{resource: '{expectedAudience}', scope: '{expectedAudience}/.default'},
				{text: 'Acquire an access token with the API’s scope ({expectedAudience}/.default) and send that.'},
			),
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'api-aud-fix-app-uri',
		title: "Align the API's expected audience with its App ID URI",
		why: 'v2 tokens carry the client id as audience, v1 tokens the App ID URI; the API must accept the form it receives.',
		mode: 'manual',
		steps: [
			{text: 'Accept both forms: api://{clientId} and {clientId}'},
			{text: 'Or issue v2 tokens', command: 'az ad app update --id {clientId} --set api.requestedAccessTokenVersion=2'},
		],
		next: 'verify',
	},
	// The Azure CLI sign-in.
	{
		kind: 'check',
		id: 'cli-check',
		check: 'cli-context',
		title: 'Looking at the Azure CLI sign-in',
		next: {pass: 'verify', fail: 'cli-fix-login'},
	},
	{
		kind: 'fix',
		id: 'cli-fix-login',
		title: 'Sign in with the Azure CLI',
		why: 'The Azure CLI has no usable account (never signed in, signed out, or its refresh token expired).',
		mode: 'browser',
		action: 'login',
		effects: [{kind: 'sign-in', tenant: '{tenantId}'}],
		steps: [
			{text: 'Sign in (a browser opens; add --use-device-code over SSH)', command: 'az login --tenant {tenantId}'},
			{text: 'Select the subscription', command: 'az account set --subscription {subscriptionId}'},
		],
		next: 'verify',
	},
	// Managed identity.
	{
		kind: 'check',
		id: 'mi-credential',
		check: 'credential-source',
		title: 'Looking for a managed identity endpoint',
		next: {pass: 'mi-token', fail: 'mi-ask'},
	},
	{
		kind: 'check',
		id: 'mi-token',
		check: 'fresh-token',
		title: 'Requesting a token from the managed identity endpoint',
		next: {pass: 'verify', fail: 'mi-fix-client-id'},
	},
	{
		kind: 'question',
		id: 'mi-ask',
		prompt: 'No managed identity answers here. Where does the code run?',
		answers: [
			{label: 'On an Azure VM, App Service, Functions or AKS', next: 'mi-fix-assign', recommended: true},
			{label: 'On my machine or in CI', next: 'mi-fix-local'},
		],
	},
	{
		kind: 'fix',
		id: 'mi-fix-assign',
		title: 'Assign a managed identity to the resource',
		why: 'The resource has no identity assigned, so its identity endpoint has nothing to issue.',
		mode: 'admin',
		action: 'assign-identity',
		steps: [
			{text: 'A VM', command: 'az vm identity assign --resource-group <group> --name <vm>'},
			{
				text: 'An App Service or Functions app',
				command: 'az webapp identity assign --resource-group <group> --name <app>',
			},
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'mi-fix-client-id',
		title: 'Name the user-assigned identity',
		why: 'With user-assigned identities, the endpoint needs the client id of the one to use.',
		mode: 'manual',
		steps: [
			codeFixStep(
				'managed-identity-client-id',
				{clientId: '{clientId}'},
				{text: 'Set it for DefaultAzureCredential (AZURE_CLIENT_ID), or on the credential'},
			),
		],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'mi-fix-local',
		title: 'Use a developer or pipeline credential here',
		why: 'Managed identity exists only on Azure compute; elsewhere sign in with the Azure CLI or use workload identity.',
		mode: 'manual',
		steps: [
			{text: 'Locally', command: 'az login --tenant {tenantId}'},
			{text: 'In CI: workload identity federation (AZURE_FEDERATED_TOKEN_FILE) or a service principal'},
		],
		next: 'verify',
	},
	// DefaultAzureCredential tried everything.
	{
		kind: 'check',
		id: 'chain-credential',
		check: 'credential-source',
		title: 'Trying each credential of DefaultAzureCredential in order',
		next: {pass: 'chain-token', fail: 'chain-ask'},
	},
	{
		kind: 'check',
		id: 'chain-token',
		check: 'fresh-token',
		title: 'Requesting a token with the credential the chain picks',
		next: {pass: 'verify', fail: 'aadsts-advice'},
	},
	{
		kind: 'question',
		id: 'chain-ask',
		prompt: 'No credential of the chain is usable. Which one should this code use?',
		answers: [
			{
				label: 'The Azure CLI sign-in (developer machine)',
				next: 'cli-fix-login',
				recommended: true,
				facts: {credential: 'cli'},
			},
			{label: 'A service principal from environment variables', next: 'chain-fix-env', facts: {credential: 'env'}},
			{label: 'A managed identity (on Azure)', next: 'mi-ask', facts: {credential: 'managed-identity'}},
			{label: 'Workload identity federation (CI, AKS)', next: 'fic-check', facts: {credential: 'workload-identity'}},
		],
	},
	{
		kind: 'fix',
		id: 'chain-fix-env',
		title: 'Set the service principal variables',
		why: 'EnvironmentCredential needs a tenant, a client id and a secret or certificate.',
		mode: 'manual',
		steps: [
			{text: 'Tenant and app', command: 'export AZURE_TENANT_ID={tenantId} AZURE_CLIENT_ID={clientId}'},
			{text: 'And one of', command: 'export AZURE_CLIENT_SECRET=<secret> # or AZURE_CLIENT_CERTIFICATE_PATH=<pem>'},
		],
		next: 'verify',
	},
	// Onboarding: set up this machine.
	{
		kind: 'check',
		id: 'onb-cli',
		check: 'cli-context',
		title: 'Finding the Azure CLI and its sign-in',
		next: {pass: 'onb-pick', fail: 'onb-login'},
	},
	{
		kind: 'pick',
		id: 'onb-pick',
		prompt: 'Which subscription should authfix use here?',
		help: 'Listed live from Azure Resource Manager, with the tenant each belongs to.',
		source: 'subscriptions',
		title: 'Listing your tenants and subscriptions',
		next: 'onb-subscription',
		onEmpty: 'subctx-fix-access',
	},
	{
		kind: 'fix',
		id: 'onb-login',
		title: 'Sign in with the Azure CLI',
		why: 'authfix reads tenants and subscriptions through a signed-in Azure CLI.',
		mode: 'browser',
		action: 'login',
		steps: [{text: 'Sign in', command: 'az login'}],
		next: 'onb-verify-login',
	},
	{
		kind: 'verify',
		id: 'onb-verify-login',
		title: 'Reading the subscriptions with the new sign-in',
		next: {fixed: 'onb-pick', nowForbidden: 'onb-pick', stillFailing: 'unresolved'},
	},
	{
		kind: 'check',
		id: 'onb-subscription',
		check: 'subscription-tenant',
		title: "Confirming the subscription's tenant",
		next: {pass: 'onb-pin-ask', fail: 'subctx-fix-access'},
	},
	{
		kind: 'question',
		id: 'onb-pin-ask',
		prompt: 'Pin subscription {subscriptionId} in tenant {subscriptionTenant} as a profile?',
		help: '`authfix check` and the troubleshooter use the pinned pair afterwards.',
		answers: [
			{label: 'Pin it as a profile on this machine', next: 'onb-pin', recommended: true},
			{label: 'Pin it and write .authfix.json for the team', next: 'onb-pin-project'},
			{label: 'Do not pin anything', next: 'profile-skipped'},
		],
	},
	{
		kind: 'fix',
		id: 'onb-pin',
		title: 'Pin the profile',
		why: 'A named profile fixes the tenant and subscription every later check uses.',
		mode: 'safe',
		action: 'pin-profile',
		steps: [{text: 'Saved in authfix’s settings', command: 'az account set --subscription {subscriptionId}'}],
		next: 'verify',
	},
	{
		kind: 'fix',
		id: 'onb-pin-project',
		title: 'Pin the profile and write .authfix.json',
		why: 'A project file lets everyone in the repository use the same tenant and subscription.',
		mode: 'safe',
		action: 'pin-profile-project',
		steps: [{text: 'Writes .authfix.json in this folder', command: 'az account set --subscription {subscriptionId}'}],
		next: 'verify',
	},
] as const satisfies readonly TreeNode[];
