import {describe, expect, test} from 'vitest';
import {extractEntities, isUsable, tokenEntities} from './entities.ts';
import {normalizeText} from './normalize.ts';

const entitiesOf = (text: string) => extractEntities(normalizeText(text).flat);
const tokenTenant = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const subscriptionTenant = 'a602cbf4-21c3-4761-b54e-acf397842b82';

describe('entities', () => {
	test("the token's tenant and the subscription's tenant are told apart", () => {
		const entities = entitiesOf(
			`The access token is from the wrong issuer 'https://sts.windows.net/${tokenTenant}/'. It must match the tenant 'https://sts.windows.net/${subscriptionTenant}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${subscriptionTenant}' to get the token.`,
		);
		expect(entities.tokenTenant).toBe(tokenTenant);
		expect(entities.subscriptionTenant).toBe(subscriptionTenant);
		expect(entities.tenantId).toBe(subscriptionTenant);
		expect(entities.issuer).toBe(`https://sts.windows.net/${tokenTenant}/`);
		expect(entities.authority).toBe(`https://login.windows.net/${subscriptionTenant}`);
	});

	test('"one of the tenants" names the subscription tenant; the wrong issuer is not the tenant to use', () => {
		const entities = entitiesOf(
			`The access token is from the wrong issuer 'https://sts.windows.net/${tokenTenant}/'. It must match one of the tenants 'https://sts.windows.net/${subscriptionTenant}/' associated with this subscription.`,
		);
		expect(entities).toMatchObject({tokenTenant, subscriptionTenant, tenantId: subscriptionTenant});
		expect(
			entitiesOf(`The access token is from the wrong issuer 'https://sts.windows.net/${tokenTenant}/'.`).tenantId,
		).toBeUndefined();
	});

	test('trace, correlation and request ids, timestamp', () => {
		const entities = entitiesOf(
			'Trace ID: 7e4b5ba7-59cd-4d4f-82a5-a8370ce63400 Correlation ID: 89028c2e-ef28-4dac-b3e9-51cd8129d117 Timestamp: 2024-06-06 08:29:09Z x-ms-request-id: 0a1b2c3d-59cd-4d4f-82a5-a8370ce63400',
		);
		expect(entities).toMatchObject({
			traceId: '7e4b5ba7-59cd-4d4f-82a5-a8370ce63400',
			correlationId: '89028c2e-ef28-4dac-b3e9-51cd8129d117',
			timestamp: '2024-06-06 08:29:09Z',
			requestId: '0a1b2c3d-59cd-4d4f-82a5-a8370ce63400',
		});
	});

	test('ARM authorisation details: client, object id, subscription, action, scope', () => {
		const entities = entitiesOf(
			"(AuthorizationFailed) The client 'user@contoso.com' with object id 'ebb57515-b4a1-458d-b8cb-28a709d3b551' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/write' over scope '/subscriptions/fcfd8558-600b-4e8c-8fc6-61a12221db20/resourcegroups/rg' or the scope is invalid.",
		);
		expect(entities).toMatchObject({
			clientId: 'user@contoso.com',
			objectId: 'ebb57515-b4a1-458d-b8cb-28a709d3b551',
			subscriptionId: 'fcfd8558-600b-4e8c-8fc6-61a12221db20',
			action: 'Microsoft.Resources/subscriptions/resourcegroups/write',
			scope: '/subscriptions/fcfd8558-600b-4e8c-8fc6-61a12221db20/resourcegroups/rg',
		});
	});

	test('audience and expected audience', () => {
		const entities = entitiesOf(
			"The access token has been obtained for wrong audience or resource 'https://datalake.azure.net/'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.azure.com'.",
		);
		expect(entities.audience).toBe('https://datalake.azure.net/');
		expect(entities.expectedAudience).toBe('https://management.core.windows.net/');
	});

	test('federation: issuer, subject, audience, tenant from the token endpoint URL', () => {
		const entities = entitiesOf(
			"POST https://login.microsoftonline.com/78f9c33e-5b36-4730-93a8-9416d43ee1b3/oauth2/v2.0/token AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'https://kubernetes.default.svc.cluster.local'. Assertion Subject: 'system:serviceaccount:default:sa'. Assertion Audience: 'api://AzureADTokenExchange'.",
		);
		expect(entities).toMatchObject({
			tenantId: '78f9c33e-5b36-4730-93a8-9416d43ee1b3',
			authority: 'https://login.microsoftonline.com/78f9c33e-5b36-4730-93a8-9416d43ee1b3',
			issuer: 'https://kubernetes.default.svc.cluster.local',
			subject: 'system:serviceaccount:default:sa',
			audience: 'api://AzureADTokenExchange',
		});
	});

	test('client id of an app, resource principal, linked subscription', () => {
		expect(
			entitiesOf(
				"AADSTS7000215: Invalid client secret provided, for a secret added to app 'a8fdfbd0-da97-42d9-8f1a-fd6a7cb650b4'.",
			).clientId,
		).toBe('a8fdfbd0-da97-42d9-8f1a-fd6a7cb650b4');
		expect(
			entitiesOf('The resource principal named https://vault.azure.net was not found in the tenant').resource,
		).toBe('https://vault.azure.net');
		expect(
			entitiesOf(
				"however the current tenant '72f988bf-86f1-41af-91ab-2d7cd011db47' is not authorized to access linked subscription 'b7a6ea8b-8aac-46e2-9cd9-0d22ff8778bc'.",
			),
		).toMatchObject({
			tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
			linkedSubscriptionId: 'b7a6ea8b-8aac-46e2-9cd9-0d22ff8778bc',
		});
		expect(
			entitiesOf("is not authorized to access linked subscription 'b7a6ea8b-8aac-46e2-9cd9-0d22ff8778bc'.")
				.subscriptionId,
		).toBeUndefined();
	});

	test('masked and placeholder values are left out', () => {
		expect(entitiesOf("however the current tenant '***' is not authorized")).toEqual({});
		expect(
			entitiesOf(
				"Application with identifier 'Enter_the_Application_Id_here' was not found in the directory '<tenant-id>'",
			),
		).toEqual({});
		expect(isUsable('00000000-0000-0000-0000-000000000000')).toBe(false);
		expect(isUsable('6b1***49')).toBe(false);
		expect(isUsable('72f988bf-86f1-41af-91ab-2d7cd011db47')).toBe(true);
	});

	test("a pasted token's claims lose escape sequences, controls and bidirectional overrides", () => {
		const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const token = `${part({alg: 'RS256'})}.${part({
			aud: 'https://evil\u202Egro.example/\u0007x\u001B[31m',
			iss: `https://sts.windows.net/${tokenTenant}/\u2066`,
			tid: tokenTenant,
		})}.c2ln`;
		expect(tokenEntities(`Bearer ${token}`)).toMatchObject({
			audience: 'https://evilgro.example/x',
			issuer: `https://sts.windows.net/${tokenTenant}/`,
			tokenTenant,
		});
	});
});

describe('names of ids', () => {
	test('a first-party client id is named from the well-known table, another by the name the error prints beside it', () => {
		expect(entitiesOf("AADSTS65001: consent for app '1950a258-227b-4e31-a9cf-717495945fc2'")).toMatchObject({
			clientId: '1950a258-227b-4e31-a9cf-717495945fc2',
			clientName: 'Microsoft Azure PowerShell',
		});
		expect(
			entitiesOf(
				"AADSTS50020: User account 'a@b.com' from identity provider 'live.com' does not exist in tenant 'Contoso Ltd' and cannot access the application '5f3c1a2b-7d4e-4f60-9a8b-0c1d2e3f4a5b'(Contoso Orders) in that tenant.",
			),
		).toMatchObject({clientName: 'Contoso Orders', tenantName: 'Contoso Ltd'});
	});

	test('audiences and resources named by their app id or URI', () => {
		expect(entitiesOf("obtained for wrong audience or resource '00000003-0000-0000-c000-000000000000'")).toMatchObject({
			audience: '00000003-0000-0000-c000-000000000000',
			audienceName: 'Microsoft Graph',
		});
		expect(entitiesOf('AKV10022: Invalid audience. Expected: https://vault.azure.net')).toMatchObject({
			expectedAudienceName: 'Azure Key Vault',
		});
	});

	test("a tenant's display name: quoted after tenant or directory, or tenantDisplayName; never an id, domain or URL", () => {
		expect(
			entitiesOf('{"tenantDisplayName": "Fabrikam", "tenantId": "8e7d6c5b-4a39-4821-b0c1-d2e3f4a5b6c7"}'),
		).toMatchObject({
			tenantName: 'Fabrikam',
			tenantId: '8e7d6c5b-4a39-4821-b0c1-d2e3f4a5b6c7',
		});
		expect(entitiesOf("was not found in the directory '默认目录'.").tenantName).toBe('默认目录');
		for (const text of [
			"was not found in the directory 'contoso.onmicrosoft.com'",
			`does not exist in tenant '${tokenTenant}'`,
			`It must match the tenant 'https://sts.windows.net/${tokenTenant}/' associated with this subscription.`,
			"in tenant '{ResourceTenantName}'",
			"in the directory '***'",
		]) {
			expect(entitiesOf(text).tenantName, text).toBeUndefined();
		}
	});
});
