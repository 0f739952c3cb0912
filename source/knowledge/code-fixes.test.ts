import {describe, expect, test} from 'vitest';
import {codeFix, codeFixKinds} from './code-fixes.ts';
import {knowledgeEntries} from './index.ts';
import {languageIds, languageNames} from './languages.ts';
import type {CodeFixKind, KnowledgeFix} from './types.ts';

const slots = {
	tenant: '{subscriptionTenant}',
	subscription: '{subscriptionId}',
	resource: '{armResource}',
	scope: '{armResource}.default',
	otherTenant: '<other-tenant-id>',
	clientId: '{clientId}',
};

/** The API names each language's fix must use (from the SDKs' and tools' sources, code-fixes.ts). */
const api: Partial<Record<CodeFixKind, Partial<Record<string, readonly RegExp[]>>>> = {
	'pin-tenant': {
		javascript: [/new DefaultAzureCredential\(\{/, /tenantId: "\{subscriptionTenant\}"/],
		python: [/AzureCliCredential\(/, /tenant_id="\{subscriptionTenant\}"/],
		dotnet: [/new DefaultAzureCredentialOptions/, /TenantId = "\{subscriptionTenant\}"/],
		java: [/new DefaultAzureCredentialBuilder\(\)/, /\.tenantId\("\{subscriptionTenant\}"\)/],
		go: [/azidentity\.NewDefaultAzureCredential\(/, /azidentity\.DefaultAzureCredentialOptions\{/, /TenantID: /],
		terraform: [/provider "azurerm" \{/, /tenant_id\s+= "\{subscriptionTenant\}"/, /features \{\}/],
		bicep: [/az deployment group create --subscription \{subscriptionId\}/],
	},
	'allow-tenant': {
		javascript: [/additionallyAllowedTenants: \["\{subscriptionTenant\}"\]/],
		python: [/DefaultAzureCredential\(\s+additionally_allowed_tenants=\["\{subscriptionTenant\}"\]\)/],
		dotnet: [/AdditionallyAllowedTenants = \{ "\{subscriptionTenant\}" \}/],
		java: [/\.additionallyAllowedTenants\("\{subscriptionTenant\}"\)/],
		go: [/AdditionallyAllowedTenants: \[\]string\{"\{subscriptionTenant\}"\}/],
	},
	'sign-in': {
		powershell: [/^Connect-AzAccount -Tenant \{subscriptionTenant\}$/],
		azd: [/^azd auth login --tenant-id \{subscriptionTenant\}$/],
	},
	'select-subscription': {
		powershell: [/^Set-AzContext -Subscription \{subscriptionId\}$/],
		azd: [/^azd env set AZURE_SUBSCRIPTION_ID \{subscriptionId\}$/],
		terraform: [/^export ARM_SUBSCRIPTION_ID=\{subscriptionId\}$/],
	},
	'token-for-resource': {
		javascript: [/credential\.getToken\(scope\)/],
		python: [/credential\.get_token\(scope\)/],
		dotnet: [/credential\.GetTokenAsync\(/, /new TokenRequestContext\(new\[\] \{ scope \}\)/],
		java: [/new TokenRequestContext\(\)\.addScopes\(scope\)/],
		go: [/cred\.GetToken\(ctx, policy\.TokenRequestOptions\{/, /Scopes: \[\]string\{"\{armResource\}\.default"\}/],
		powershell: [/^Get-AzAccessToken -ResourceUrl \{armResource\}$/],
	},
	'aux-tenants': {
		javascript: [/auxiliaryAuthenticationHeaderPolicy\(\{/, /credentials: \[/],
		java: [/\.withAuxiliaryCredential\(other\)/],
		go: [/arm\.ClientOptions\{\s+AuxiliaryTenants: \[\]string\{"<other-tenant-id>"\}/, /AdditionallyAllowedTenants/],
		terraform: [/auxiliary_tenant_ids = \["<other-tenant-id>"\]/],
		bicep: [/--aux-tenants <other-tenant-id>/],
		'azure-cli': [/--aux-tenants <other-tenant-id>/],
	},
	'managed-identity-client-id': {
		javascript: [/managedIdentityClientId: "\{clientId\}"/],
		python: [/managed_identity_client_id="\{clientId\}"/],
		dotnet: [/ManagedIdentityClientId = "\{clientId\}"/],
		java: [/\.managedIdentityClientId\("\{clientId\}"\)/],
		go: [/azidentity\.ManagedIdentityCredentialOptions\{/, /ID: azidentity\.ClientID\("\{clientId\}"\)/],
		powershell: [/^Connect-AzAccount -Identity -AccountId \{clientId\}$/],
		azd: [/^azd auth login --managed-identity --client-id \{clientId\}$/],
		'azure-cli': [/^az login --identity --username \{clientId\}$/],
		terraform: [/use_msi\s+= true/, /client_id = "\{clientId\}"/],
	},
	'workload-identity': {
		javascript: [/new WorkloadIdentityCredential\(\{/, /tokenFilePath: /],
		python: [/WorkloadIdentityCredential\(/, /token_file_path=/],
		dotnet: [/new WorkloadIdentityCredentialOptions/, /TokenFilePath = /],
		java: [/new WorkloadIdentityCredentialBuilder\(\)/, /\.tokenFilePath\(/],
		go: [/azidentity\.NewWorkloadIdentityCredential\(/, /TokenFilePath: /],
		powershell: [/-FederatedToken /],
		terraform: [/use_oidc\s+= true/, /oidc_token_file_path/],
		'azure-cli': [/--federated-token /],
	},
};

describe('code fixes per language', () => {
	test('every language has a name that says its library or tool', () => {
		for (const language of languageIds) expect(languageNames[language].length, language).toBeGreaterThan(3);
	});

	test.each(codeFixKinds)('%s: a sentence for any language, and each language its own API', kind => {
		const fix = codeFix(kind, slots);
		expect(fix.kind).toBe(kind);
		expect(fix.text.length).toBeGreaterThan(10);
		for (const [language, own] of Object.entries(fix.inLanguage ?? {})) {
			expect(languageIds as readonly string[], language).toContain(language);
			expect(own.text.length, `${kind} ${language}`).toBeGreaterThan(10);
			// Exactly one of a command to run or code to put in the program.
			expect(Number(own.command !== undefined) + Number(own.code !== undefined), `${kind} ${language}`).toBe(1);
		}

		for (const [language, patterns] of Object.entries(api[kind] ?? {})) {
			const own = fix.inLanguage?.[language as keyof typeof fix.inLanguage];
			expect(own, `${kind} has no ${language}`).toBeDefined();
			for (const pattern of patterns!) expect(own!.code ?? own!.command, `${kind} ${language}`).toMatch(pattern);
		}
	});

	test("Python's DefaultAzureCredential never gets tenant_id: it raises TypeError", () => {
		for (const kind of codeFixKinds) {
			const python = codeFix(kind, slots).inLanguage?.python;
			expect(python?.code ?? '', kind).not.toMatch(/DefaultAzureCredential\(\s*tenant_id/);
		}
	});

	test('code lines stay short, so a fix fits a terminal beside a long id', () => {
		for (const kind of codeFixKinds) {
			for (const own of Object.values(codeFix(kind, slots).inLanguage ?? {})) {
				for (const line of (own.code ?? '').split('\n'))
					expect(line.length, `${kind}: ${line}`).toBeLessThanOrEqual(72);
			}
		}
	});

	test("an entry's own sentence and command stand for any language; its languages stay the kind's", () => {
		const fix = codeFix(
			'sign-in',
			{tenant: '{tenantId}'},
			{text: 'Sign in again:', command: 'az login --tenant {tenantId} --scope {resource}/.default'},
		);
		expect(fix).toMatchObject({
			text: 'Sign in again:',
			command: 'az login --tenant {tenantId} --scope {resource}/.default',
		});
		expect(fix.inLanguage?.powershell?.command).toBe('Connect-AzAccount -Tenant {tenantId}');
	});
});

describe('the gentlest fix first', () => {
	const isSignOut = (fix: KnowledgeFix) => /^az (?:logout|account clear)\b/.test(fix.command ?? '');
	const isSignIn = (fix: KnowledgeFix) => /^az login\b/.test(fix.command ?? '');

	test('no cause leads with az logout or az account clear: az login alone replaces a stale sign-in', () => {
		const leading: string[] = [];
		for (const entry of knowledgeEntries) {
			for (const [index, cause] of entry.causes.entries()) {
				const signOut = cause.fixes.findIndex(isSignOut);
				if (signOut >= 0 && !cause.fixes.slice(0, signOut).some(isSignIn))
					leading.push(`${entry.family} cause ${index}`);
			}
		}

		expect(leading).toEqual([]);
	});

	test('signing out is only ever the fallback after a sign-in', () => {
		const fallbacks = knowledgeEntries.flatMap(entry => entry.causes.flatMap(cause => cause.fixes.filter(isSignOut)));
		for (const fix of fallbacks) expect(fix.text).toMatch(/^Only if that still fails/);
	});
});
