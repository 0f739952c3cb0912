import {describe, expect, test} from 'vitest';
import {defaultCredentialOutcome, describeOutcome, sdkIds} from './chains.ts';
import {parseAzd, parseAzurePowerShellContext, parseVsCodeAuthRecord} from './local-stores.ts';
import {
	armVersusAzure,
	chainAvailability,
	describeSource,
	detectSources,
	type SourceInputs,
	terraformAuth,
} from './sources.ts';

const tenant1 = '11111111-1111-1111-1111-111111111111';
const tenant2 = '22222222-2222-2222-2222-222222222222';
const subscription3 = '33333333-3333-3333-3333-333333333333';
const subscription4 = '44444444-4444-4444-4444-444444444444';
const app = 'aaaaaaaa-0000-0000-0000-000000000001';
const other = 'aaaaaaaa-0000-0000-0000-000000000002';

/** The Azure CLI signed in as a user, its default subscription 3333… in tenant 1111…. */
function signedInAzureCli(directory: string): NonNullable<SourceInputs['azureCli']> {
	return {
		directory,
		subscriptions: [
			{
				id: subscription3,
				name: 'A',
				tenantId: tenant1,
				homeTenantId: tenant1,
				environmentName: 'AzureCloud',
				isDefault: true,
				userName: 'dev@contoso.com',
				userType: 'user',
			},
		],
	};
}

const byId = (input: SourceInputs) => Object.fromEntries(detectSources(input).map(source => [source.id, source]));

describe('GitHub Actions', () => {
	const job = {
		GITHUB_ACTIONS: 'true',
		GITHUB_REPOSITORY: 'contoso/app',
		GITHUB_REF: 'refs/heads/main',
		GITHUB_EVENT_NAME: 'push',
		ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.githubusercontent.com/x/idtoken?api-version=2.0',
		ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
		AZURE_CLIENT_ID: app,
		AZURE_TENANT_ID: tenant1,
		AZURE_SUBSCRIPTION_ID: subscription3,
	};

	test('the job token request, the app, tenant and subscription it signs in to', () => {
		const github = byId({env: job})['github-actions'];
		expect(github).toMatchObject({
			identity: {value: app, from: 'AZURE_CLIENT_ID'},
			tenant: {value: tenant1, from: 'AZURE_TENANT_ID'},
			subscription: {value: subscription3, from: 'AZURE_SUBSCRIPTION_ID'},
			assertion: {
				kind: 'github',
				urlVariable: 'ACTIONS_ID_TOKEN_REQUEST_URL',
				tokenVariable: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
				audience: 'api://AzureADTokenExchange',
			},
			problems: [],
		});
		expect(describeSource(github!)).toBe(
			'GitHub Actions OIDC (azure/login): identity aaaaaaaa…, tenant 11111111…, subscription 33333333…, workload identity federation (from AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_SUBSCRIPTION_ID, GITHUB_ACTIONS, ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN); contoso/app at refs/heads/main (push)',
		);
		// The request token is a secret: never part of what is shown.
		expect(JSON.stringify(github)).not.toContain('request-token');
	});

	test('without id-token: write the job has no token to request, and it says so', () => {
		const github = byId({env: {...job, ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: ''}})[
			'github-actions'
		];
		expect(github?.assertion).toBeUndefined();
		expect(github?.problems[0]).toContain('permissions: id-token: write');
	});

	test('ARM_* stand in for AZURE_* (a job that runs Terraform)', () => {
		const github = byId({env: {GITHUB_ACTIONS: 'true', ARM_CLIENT_ID: other, ARM_TENANT_ID: tenant2}})[
			'github-actions'
		];
		expect(github).toMatchObject({identity: {from: 'ARM_CLIENT_ID'}, tenant: {value: tenant2}});
	});
});

describe('Azure Pipelines', () => {
	test('AzureCLI@2 with addSpnToEnvironment: the idToken, servicePrincipalId and tenantId', () => {
		const pipeline = byId({env: {TF_BUILD: 'True', servicePrincipalId: app, tenantId: tenant1, idToken: 'x.y.z'}})[
			'azure-pipelines'
		];
		expect(pipeline).toMatchObject({
			identity: {value: app, from: 'servicePrincipalId'},
			tenant: {value: tenant1, from: 'tenantId'},
			assertion: {kind: 'variable', variable: 'idToken'},
		});
		expect(pipeline?.method).toContain('valid 10 minutes');
	});

	test('SYSTEM_OIDCREQUESTURI with a service connection, and without the access token mapped', () => {
		const env = {
			TF_BUILD: 'True',
			SYSTEM_OIDCREQUESTURI: 'https://dev.azure.com/fabrikam/_apis/oidc',
			AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: 'c0ffee00-0000-0000-0000-000000000001',
			AZURESUBSCRIPTION_CLIENT_ID: app,
			AZURESUBSCRIPTION_TENANT_ID: tenant2,
		};
		expect(byId({env: {...env, SYSTEM_ACCESSTOKEN: 'secret'}})['azure-pipelines']?.assertion).toEqual({
			kind: 'azure-pipelines',
			uriVariable: 'SYSTEM_OIDCREQUESTURI',
			tokenVariable: 'SYSTEM_ACCESSTOKEN',
			serviceConnectionId: 'c0ffee00-0000-0000-0000-000000000001',
		});
		const unmapped = byId({env})['azure-pipelines'];
		expect(unmapped?.assertion).toBeUndefined();
		expect(unmapped?.problems[0]).toContain('SYSTEM_ACCESSTOKEN: $(System.AccessToken)');
	});

	test('a secret service connection', () => {
		expect(
			byId({env: {TF_BUILD: 'True', servicePrincipalId: app, servicePrincipalKey: 's', tenantId: tenant1}})[
				'azure-pipelines'
			]?.method,
		).toBe('client secret (servicePrincipalKey)');
	});
});

describe('Terraform', () => {
	test.each([
		[{ARM_CLIENT_CERTIFICATE_PATH: '/c.pfx', ARM_CLIENT_SECRET: 's'}, 'client-certificate'],
		[{ARM_CLIENT_SECRET: 's', ARM_USE_OIDC: 'true', ARM_OIDC_TOKEN: 't'}, 'client-secret'],
		[{ARM_USE_OIDC: 'true', ARM_OIDC_TOKEN_FILE_PATH: '/t'}, 'oidc-token'],
		[{ARM_OIDC_TOKEN: 't'}, 'azure-cli'],
		[
			{
				ARM_USE_OIDC: 'true',
				ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID: 'sc',
				SYSTEM_OIDCREQUESTURI: 'https://x',
				SYSTEM_ACCESSTOKEN: 'a',
			},
			'azure-pipelines-oidc',
		],
		[
			{ARM_USE_OIDC: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'a'},
			'github-oidc',
		],
		[{ARM_USE_MSI: 'true'}, 'managed-identity'],
		[{ARM_USE_MSI: 'yes'}, 'azure-cli'],
		[{ARM_USE_CLI: 'false'}, 'none'],
		[
			{
				ARM_USE_AKS_WORKLOAD_IDENTITY: 'true',
				AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/wi/token/azure-identity-token',
			},
			'oidc-token',
		],
	])('%o → %s (the provider’s precedence)', (env, method) => {
		expect(terraformAuth(env).method).toBe(method);
	});

	test('two tenants set: Terraform reads ARM_TENANT_ID, the SDKs AZURE_TENANT_ID', () => {
		const env = {
			ARM_CLIENT_ID: app,
			ARM_CLIENT_SECRET: 's',
			ARM_TENANT_ID: tenant1,
			ARM_SUBSCRIPTION_ID: subscription4,
			AZURE_TENANT_ID: tenant2,
			AZURE_SUBSCRIPTION_ID: subscription4,
		};
		expect(armVersusAzure(env)).toEqual([
			{
				what: 'tenant',
				used: {value: tenant1, from: 'ARM_TENANT_ID'},
				other: {value: tenant2, from: 'AZURE_TENANT_ID'},
				readers:
					'Terraform reads ARM_TENANT_ID; the Azure SDKs (EnvironmentCredential, WorkloadIdentityCredential) and scripts read AZURE_TENANT_ID',
			},
		]);
		const terraform = byId({env})['terraform'];
		expect(terraform).toMatchObject({
			method: 'client secret (ARM_CLIENT_SECRET)',
			tenant: {value: tenant1},
			subscription: {value: subscription4},
		});
		expect(terraform?.disagreements).toHaveLength(1);
	});

	test('on the Azure CLI, the tenant and subscription are the CLI’s; the mistakes it makes are named', () => {
		const azureCli = signedInAzureCli('/home/u/.azure');
		const terraform = byId({
			env: {ARM_CLIENT_ID: app, ARM_USE_OIDC: 'true', ARM_AUXILIARY_TENANT_IDS: 'a;b;c;d'},
			azureCli,
		})['terraform'];
		expect(terraform).toMatchObject({
			tenant: {value: tenant1, from: 'the Azure CLI (/home/u/.azure/azureProfile.json)'},
			subscription: {value: subscription3},
		});
		expect(terraform?.problems.join(' ')).toContain('ARM_USE_OIDC is on, but no OIDC token');
		expect(terraform?.problems.join(' ')).toContain('at most 3');
		expect(byId({env: {ARM_CLIENT_ID: app, ARM_CLIENT_SECRET: 's'}})['terraform']?.problems[0]).toContain(
			'subscription_id',
		);
	});

	test('ARM_USE_AKS_WORKLOAD_IDENTITY: the webhook’s variables, and a contradicting ARM_CLIENT_ID stops azurerm', () => {
		const terraform = byId({
			env: {
				ARM_USE_AKS_WORKLOAD_IDENTITY: 'true',
				ARM_CLIENT_ID: other,
				AZURE_CLIENT_ID: app,
				AZURE_TENANT_ID: tenant1,
				AZURE_FEDERATED_TOKEN_FILE: '/t',
				ARM_SUBSCRIPTION_ID: subscription3,
			},
		})['terraform'];
		expect(terraform?.assertion).toEqual({kind: 'file', variable: 'AZURE_FEDERATED_TOKEN_FILE', path: '/t'});
		expect(terraform?.problems[0]).toContain('mismatch between supplied');
	});
});

describe('Kubernetes workload identity', () => {
	const env = {
		AZURE_CLIENT_ID: app,
		AZURE_TENANT_ID: tenant1,
		AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/wi/token/azure-identity-token',
		AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/',
	};

	test('the projected token names the service account and the cluster issuer', () => {
		const pod = byId({
			env,
			federatedToken: {iss: 'https://eastus.oic.prod-aks.azure.com/t/c/', sub: 'system:serviceaccount:payments:api'},
		})['kubernetes'];
		expect(pod).toMatchObject({
			label: 'Kubernetes workload identity (AKS)',
			assertion: {kind: 'file', path: env.AZURE_FEDERATED_TOKEN_FILE},
			notes: [
				'service account payments/api',
				'issuer https://eastus.oic.prod-aks.azure.com/t/c/',
				'authority https://login.microsoftonline.com/',
			],
		});
	});

	test('a pod without the client id: the label or annotation is missing', () => {
		const pod = byId({env: {AZURE_FEDERATED_TOKEN_FILE: '/t', KUBERNETES_SERVICE_HOST: '10.0.0.1'}})['kubernetes'];
		expect(pod?.problems[0]).toContain('azure.workload.identity/client-id');
	});

	test('a token file outside a cluster is plain workload identity', () => {
		expect(byId({env: {...env, AZURE_FEDERATED_TOKEN_FILE: '/tmp/t'}})['workload-identity']).toBeDefined();
	});
});

describe('local developer sign-ins, from the files the tools write', () => {
	test('Azure PowerShell: the default context', () => {
		const text = `\uFEFF${JSON.stringify({
			DefaultContextKey: `${tenant2} - dev@fabrikam.com`,
			Contexts: {
				other: {Account: {Id: 'x'}},
				[`${tenant2} - dev@fabrikam.com`]: {
					Account: {Id: 'dev@fabrikam.com', Type: 'User', ExtendedProperties: {Tenants: tenant2}},
					Tenant: {Id: tenant2},
					Subscription: {Id: subscription4, Name: 'Fabrikam Production', ExtendedProperties: {HomeTenant: tenant2}},
					Environment: {Name: 'AzureCloud'},
				},
			},
		})}`;
		expect(parseAzurePowerShellContext(text)).toEqual({
			account: 'dev@fabrikam.com',
			accountType: 'User',
			tenantId: tenant2,
			subscriptionId: subscription4,
			subscriptionName: 'Fabrikam Production',
			environment: 'AzureCloud',
		});
		expect(parseAzurePowerShellContext('not json')).toBeUndefined();
	});

	test('azd: the current user of auth.json, the default subscription, delegation to az', () => {
		const config = JSON.stringify({defaults: {subscription: subscription3}, auth: {useAzCliAuth: 'true'}});
		const auth = JSON.stringify({
			auth: {account: {currentUser: {homeAccountId: `bbbbbbbb-1111-0000-0000-000000000001.${tenant1}`}}},
		});
		expect(parseAzd(config, auth)).toEqual({
			account: 'user bbbbbbbb-1111-0000-0000-000000000001',
			accountType: 'User',
			tenantId: tenant1,
			subscriptionId: subscription3,
			note: 'auth.useAzCliAuth is on: azd uses the Azure CLI sign-in',
		});
		expect(
			parseAzd(undefined, JSON.stringify({auth: {account: {currentUser: {clientId: app, tenantId: tenant2}}}})),
		).toMatchObject({
			account: app,
			accountType: 'ServicePrincipal',
			tenantId: tenant2,
		});
	});

	test('VS Code: the authentication record', () => {
		const text = JSON.stringify({
			authority: 'login.microsoftonline.com',
			homeAccountId: `oid.${tenant1}`,
			clientId: 'aebc6443-996d-45c2-90f0-388ff96faa56',
			tenantId: tenant1,
			username: 'dev@contoso.com',
			version: '1.0',
		});
		expect(parseVsCodeAuthRecord(text)).toEqual({
			account: 'dev@contoso.com',
			accountType: 'User',
			tenantId: tenant1,
			environment: 'login.microsoftonline.com',
		});
	});

	test('each becomes a source with where it came from', () => {
		const sources = byId({
			env: {},
			stores: {
				'vscode-auth-record': {
					path: '/h/.azure/ms-azuretools.vscode-azureresourcegroups/authRecord.json',
					text: JSON.stringify({username: 'dev@contoso.com', tenantId: tenant1}),
				},
				'visual-studio': {
					path: '/h/.IdentityService/AzureServiceAuth/tokenprovider.json',
					text: JSON.stringify({TokenProviders: [{Path: 'x', Preference: 1}]}),
				},
				'azd-config': {path: '/h/.azd/config.json', text: '{}'},
			},
			identityCache: {path: '/h/.IdentityService/msal.cache', tenants: [tenant2], accounts: ['dev@fabrikam.com']},
		});
		expect(describeSource(sources['vscode']!)).toBe(
			'VS Code Azure account: identity dev@contoso.com, tenant 11111111…, User (from /h/.azure/ms-azuretools.vscode-azureresourcegroups/authRecord.json)',
		);
		expect(sources['visual-studio']?.method).toContain('1 token provider');
		expect(sources['shared-token-cache']?.tenant?.value).toBe(tenant2);
		// azd with no account in its files is not a sign-in.
		expect(sources['azd']).toBeUndefined();
	});
});

describe('which credential each SDK would use here', () => {
	const input: SourceInputs = {
		env: {AZURE_TENANT_ID: tenant2, AZURE_CLIENT_ID: app, AZURE_CLIENT_SECRET: 's'},
		azureCli: signedInAzureCli('/h/.azure'),
	};

	test('EnvironmentCredential (tenant 2222…) before the Azure CLI (tenant 1111…), in every SDK', () => {
		const sources = detectSources(input);
		const availability = chainAvailability(input, sources);
		for (const sdk of sdkIds) {
			const sentence = describeOutcome(defaultCredentialOutcome(sdk, undefined, input.env, availability));
			expect(sentence).toMatch(
				/^your (JavaScript|Python|\.NET|Java|Go) app would use EnvironmentCredential \(tenant 2222…\) before it ever reaches AzureC(li|LI)Credential \(tenant 1111…\)$/,
			);
		}
	});

	test('a username and password without AZURE_TENANT_ID: Python takes it, JavaScript does not', () => {
		const env = {AZURE_CLIENT_ID: app, AZURE_USERNAME: 'u@contoso.com', AZURE_PASSWORD: 'p'};
		const sources = detectSources({...input, env});
		const availability = chainAvailability({...input, env}, sources);
		expect(defaultCredentialOutcome('python', undefined, env, availability).winner?.name).toBe('EnvironmentCredential');
		expect(defaultCredentialOutcome('javascript', undefined, env, availability).winner?.name).toBe(
			'AzureCliCredential',
		);
	});
});
