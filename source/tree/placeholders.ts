/**
What a value that is not known reads as, and where to find it. A `{placeholder}` whose value is
unknown becomes an explicit stand-in, `<subscription-tenant-id>`, in sentences as in commands:
never prose ("the right tenant") and never dropped. Every stand-in comes with where its value is
found; the fix screens and `explain` print that beside the text that holds it. The tree's facts
(engine/fill.ts) and `explain`'s entities (explain/explain.ts) fill from here.
*/
import type {FactName} from './facts.ts';

/** Stand-ins that say more than the name does. */
const ownStandIns: Readonly<Record<string, string>> = {
	resource: '<resource-uri>',
	audience: '<token-audience>',
	authority: 'https://login.microsoftonline.com/<tenant-id>',
};

/** `subscriptionTenant` → `<subscription-tenant-id>`, `clientId` → `<client-id>`. */
export function standIn(name: string): string {
	const own = ownStandIns[name];
	if (own) return own;
	const kebab = name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
	if (/(^|-)tenant$/.test(kebab)) return `<${kebab}-id>`;
	return `<${kebab}>`;
}

/** Where each fact's value is found when authfix does not know it. */
const whereOfFact: Readonly<Record<FactName, string>> = {
	subscriptionId: 'the id after /subscriptions/ in the failing URL, or `az account list --output table`',
	linkedSubscriptionId: "the subscription in the linked resource's id, which the error message names",
	requestUrl: "the URL of the failing call (in the error, or your tool's --debug output)",
	requestMethod: 'the HTTP method of the failing call (GET, PUT, …)',
	failedWith: 'the status and error code of the failing call',
	auxiliaryHeader: "whether the call sends x-ms-authorization-auxiliary (your tool's --debug output)",
	subscriptionTenant: '`authfix tenant <subscription-id>` prints it',
	tokenTenant: 'the tid claim of the token that failed: `authfix decode` shows it',
	tenantId: 'the tenant (directory) id in the error, or `az account show --query tenantId --output tsv`',
	targetTenantId: 'the tenant of the subscription the call goes to: `authfix tenant <subscription-id>`',
	auxTenant: 'the tenant of the linked subscription: `authfix tenant <linked-subscription-id>`',
	clientId: 'the application (client) id in the error, or the appid (v1) or azp (v2) claim: `authfix decode`',
	credential: 'the credential your client uses: cli, env, managed-identity, workload-identity or default',
	principalId:
		"the identity's object id: the oid claim of its token (`authfix decode`), or `az ad sp show --id <client-id> --query id --output tsv`",
	userPrincipalName: "the user's sign-in name (user@domain): the error or the upn claim names it",
	signInKind: 'who signs in: a user, an app (service principal) or a managed identity',
	audience: 'the aud claim of the token that failed: `authfix decode` shows it',
	expectedAudience:
		"the audience the API accepts: for ARM the cloud's (`az cloud show --query endpoints.activeDirectoryResourceId --output tsv`), for your own API its App ID URI (App registrations > Expose an API)",
	armAudience: "the cloud's ARM audience: `az cloud show --query endpoints.activeDirectoryResourceId --output tsv`",
	resource: 'the resource the token is asked for (ARM: https://management.azure.com/)',
	issuer: 'the iss claim of the token: `authfix decode` shows it',
	authority: 'https://login.microsoftonline.com/ followed by the tenant id',
	code: 'the AADSTS code in the error text',
	language:
		'the language or tool of the failing client (javascript, python, dotnet, java, go, powershell, azure-cli, terraform)',
	traceId: "the Trace ID line of the error, or the sign-in's entry in Entra ID > Sign-in logs",
	correlationId: "the Correlation ID line of the error, or the sign-in's entry in Entra ID > Sign-in logs",
	skew: 'how far the clocks disagree: `date -u` here beside the Date header of any Azure response',
	auxSkew: "how far the auxiliary tenant's clock and this machine's disagree: `date -u` beside a Date header",
	homeAppId: "the application id of a multi-tenant app registered in the identity's own tenant (App registrations)",
	homeAppPrincipalId:
		"the object id of that app's service principal in the target tenant: `az ad sp show --id <home-app-id> --query id --output tsv`",
	homeAppConsented: "whether the target tenant has a service principal of the identity's home app",
	homeAppFederated: "whether the identity's home app trusts the identity (az ad app federated-credential list)",
	identityTenantId: 'the tenant of the managed identity: the tid claim of its token',
	identityObjectId:
		'the object (principal) id of the managed identity: `az identity show --query principalId` or the oid claim of its token',
	identityIssuer: "the iss claim of the managed identity's token: `authfix decode` shows it",
	credentialOrigin:
		'where the credential comes from (a developer machine, GitHub Actions, Azure Pipelines, Kubernetes, Terraform)',
	credentialTenant:
		"the tenant the credential signs in to: its AZURE_TENANT_ID (Terraform's ARM_TENANT_ID, a service connection's tenant)",
	tenantVariable: 'the variable that names the tenant: AZURE_TENANT_ID, or ARM_TENANT_ID for Terraform',
	assertionIssuer: "the iss claim of the federated assertion (the job's or pod's token): `authfix decode` shows it",
	assertionSubject: "the sub claim of the federated assertion (the job's or pod's token): `authfix decode` shows it",
	assertionAudience: 'the aud claim of the federated assertion, usually api://AzureADTokenExchange',
	ficName: "a name for the federated credential (letters, digits and '-'), unique in the app",
	action: "the operation ARM refused, in the error's message ('does not have authorization to perform action …')",
	scope: "the scope ARM refused it at, in the error's message ('over scope …')",
	linkedAction: "the linked operation a LinkedAuthorizationFailed names, in the error's message",
	linkedScope: "the linked scope a LinkedAuthorizationFailed names, in the error's message",
	principalType:
		'the kind of identity: User, Group or ServicePrincipal (`az ad sp show` or `az ad user show` finds it)',
	role: 'a built-in role that grants the operation: `az role definition list --query "[].roleName"`',
	roleScope: 'where to assign the role: the refused scope, or the resource group or subscription above it',
	grantedRole: 'the role that grants it now: `az role assignment list --assignee <principal-id> --all`',
	grantedAt: 'when that role assignment (or the group membership) was made: its createdOn',
	staleToken:
		"whether the token predates the role: compare the token's iat (`authfix decode`) with the assignment's createdOn",
	eligibleRole: 'the role PIM makes the identity eligible for: Entra ID > Privileged Identity Management > My roles',
	eligibleRoleId: "that eligible role's definition id: Privileged Identity Management > My roles > Eligible",
	eligibleScope: 'where the eligible role applies: Privileged Identity Management > My roles > Eligible',
	denyAssignment: "the deny assignment that blocks it: the resource's Access control (IAM) > Deny assignments",
	denyAssignmentId:
		"its id: `az rest --method get --url '<scope>/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01'`",
	roleCondition: "the condition on the role assignment (ABAC): the assignment's condition in Access control (IAM)",
};

/** Placeholders that name no fact: what only the user has, the cloud `explain` could not tell. */
const whereOfOther: Readonly<Record<string, string>> = {
	'<cloud-name>': '`az cloud list --output table` names them: AzureCloud, AzureChinaCloud, AzureUSGovernment',
	'<secret>':
		"the client secret's value (shown once, when it was made under App registrations > Certificates & secrets: make a new one if it is lost), or the path of the certificate's .pem",
};

const whereByStandIn = new Map<string, string>([
	...Object.entries(whereOfFact).map(([name, where]) => [standIn(name), where] as const),
	...Object.entries(whereOfOther),
]);

/** Where to find the value of a stand-in (`<tenant-id>`), when authfix knows where it is. */
export function whereToFind(placeholder: string): string | undefined {
	return whereByStandIn.get(placeholder);
}

export type PlaceholderHint = {readonly placeholder: string; readonly where: string};

/** The stand-ins in these texts that authfix knows where to find, each once, in order. */
export function placeholderHints(texts: ReadonlyArray<string | undefined>): PlaceholderHint[] {
	const hints = new Map<string, string>();
	for (const text of texts) {
		for (const [placeholder] of (text ?? '').matchAll(/<[a-z][\w.-]*>/g)) {
			const where = whereToFind(placeholder);
			if (where && !hints.has(placeholder)) hints.set(placeholder, where);
		}
	}

	return [...hints].map(([placeholder, where]) => ({placeholder, where}));
}
