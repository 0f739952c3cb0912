/**
Each artifact reader on the real samples (test/artifacts/README.md names their sources) and on the
artifacts the tests make: the kind told by content, the exchanges, the failing one (and the
protocol steps that are not the failure), the error records, the sent token's claims.
*/
import {beforeAll, describe, expect, test} from 'vitest';
import {readArtifact} from '../../source/artifacts/read.ts';
import type {Artifact} from '../../source/artifacts/types.ts';
import {artifactIds, mintSecrets, readFixture, type Secrets, signInHar} from '../support/artifacts.ts';

let secrets: Secrets;
beforeAll(async () => {
	secrets = await mintSecrets();
});

async function read(fixture: string, values: Record<string, string> = {}): Promise<Artifact> {
	const artifact = readArtifact(await readFixture(fixture, values));
	if (!artifact) throw new Error(`${fixture} was not read as an artifact`);
	return artifact;
}

describe('az --debug', () => {
	test('an ARM 403: the traced request, its status, headers and error body; Authorization stays masked', async () => {
		const artifact = await read('az-debug/local-az2.45-group-list-403.txt');
		expect(artifact.kind).toBe('az-debug');
		expect(artifact.failing).toMatchObject({
			method: 'GET',
			url: 'https://management.azure.com/subscriptions/22222222-2222-2222-2222-222222222222/resourcegroups?api-version=2021-04-01',
			status: 403,
			requestHeaders: {authorization: '*****', 'x-ms-client-request-id': '3badd022-f153-11f1-973c-02fc00000001'},
			responseHeaders: {'x-ms-request-id': 'ee6d27e1-141c-44eb-a871-a2b2d980aa15', 'x-ms-failure-cause': 'gateway'},
		});
		expect(JSON.parse(artifact.failing!.body!)).toMatchObject({error: {code: 'AuthorizationFailed'}});
		// The masked token is not a token: nothing to decode.
		expect(artifact.sentToken).toBeUndefined();
	});

	test('az rest (cli.azure.cli.core.util at INFO): the Authorization prefix az 2.45 prints is no token', async () => {
		const artifact = await read('az-debug/local-az2.45-rest-403.txt');
		expect(artifact.failing).toMatchObject({method: 'GET', status: 403});
		expect(artifact.failing!.requestHeaders.authorization).toMatch(/^Bearer /);
		expect(artifact.sentToken).toBeUndefined();
	});

	test("a token request: only urllib3's status line; the AADSTS text comes from the ERROR record", async () => {
		const artifact = await read('az-debug/local-az2.45-login-sp-401-invalid-client.txt');
		expect(artifact.exchanges.map(exchange => [exchange.method, exchange.status])).toEqual([
			['GET', 200],
			['POST', 401],
		]);
		expect(artifact.failing).toMatchObject({
			method: 'POST',
			url: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000002/oauth2/v2.0/token',
			status: 401,
		});
		expect(artifact.errors.join('\n')).toMatch(/^AADSTS7000215: Invalid client secret provided/m);
		expect(artifact.errors.join('\n')).toContain('Trace ID: 6345be86-de84-4c6d-b13c-bdbe6a5a77da');
		// The same error printed by two loggers is one record; traceback source lines are none.
		expect(artifact.errors.filter(error => error.includes('AADSTS7000215'))).toHaveLength(1);
		expect(artifact.errors.join('\n')).not.toMatch(/raise /);
	});

	test('a successful run has no failing exchange; the command log files az keeps are read for their errors', async () => {
		expect((await read('az-debug/local-az2.45-login-sp-success-token-cache-event.txt')).failing).toBeUndefined();
		const commandLog = await read('az-debug/local-az2.45-commands-dir-log-files.txt');
		expect(commandLog.kind).toBe('az-debug');
		expect(commandLog.errors.join('\n')).toContain('AADSTS7000215');
	});

	test('device-code polling: 400s on /token are the protocol when a later poll succeeds', () => {
		const poll = (status: number) =>
			`DEBUG: urllib3.connectionpool: https://login.microsoftonline.com:443 "POST /organizations/oauth2/v2.0/token HTTP/1.1" ${status} 510`;
		const log = [
			"DEBUG: cli.knack.cli: Command arguments: ['login', '--use-device-code']",
			poll(400),
			poll(400),
			poll(200),
		].join('\n');
		const artifact = readArtifact(log)!;
		expect(artifact.exchanges).toHaveLength(3);
		expect(artifact.failing).toBeUndefined();
		expect(readArtifact(`${log}\n${poll(400)}`)!.failing).toMatchObject({status: 400, at: 5});
	});

	test('MSAL lines of an az excerpt are read as an MSAL log', async () => {
		const artifact = await read('az-debug/gh-azure-cli-26721-devicecode-polling-400.txt');
		expect(artifact.kind).toBe('msal');
		expect(artifact.exchanges.every(exchange => exchange.status === 400)).toBe(true);
	});
});

describe('Python SDK logging', () => {
	test('logging_enable: the Bearer token in clear is decoded for its claims and never kept', async () => {
		const artifact = await read('python-sdk/local-azure-core1.26-identity-arm-403-token-in-clear.txt', {
			token: secrets.armToken,
		});
		expect(artifact.kind).toBe('python-sdk');
		expect(artifact.failing).toMatchObject({method: 'GET', status: 403});
		expect(artifact.sentToken).toMatchObject({
			claims: {tid: artifactIds.tokenTenant, aud: 'https://management.core.windows.net/', appid: artifactIds.clientId},
			entities: {tokenTenant: artifactIds.tokenTenant, clientId: artifactIds.clientId},
		});
		expect(artifact.sentToken!.fingerprint).toMatch(/^sha256:[0-9a-f]{8}$/);
		expect(JSON.stringify(artifact)).not.toContain(secrets.armToken);
		expect(JSON.stringify(artifact)).not.toContain(secrets.armToken.split('.')[2]);
	});

	test('the two loggers of one request (http_logging_policy and _universal) are one exchange', async () => {
		const artifact = await read('python-sdk/local-azure-core1.26-identity-401-invalid-client.txt');
		expect(artifact.exchanges.map(exchange => [exchange.method, exchange.status])).toEqual([
			['GET', 200],
			['GET', 200],
			['POST', 401],
		]);
		// The full URL of _universal wins over http_logging_policy's REDACTED query.
		expect(artifact.exchanges[1]!.url).toContain('api-version=1.1');
		expect(JSON.parse(artifact.failing!.body!)).toMatchObject({error: 'invalid_client'});
	});

	test('the default logging format and the Cosmos policy (no logger prefix) are read too', async () => {
		const cartography = await read('python-sdk/gh-cartography-729-httploggingpolicy-default-format.txt');
		expect(cartography.exchanges[0]).toMatchObject({method: 'GET', requestHeaders: {authorization: 'REDACTED'}});
		const cosmos = await read('python-sdk/gh-azure-sdk-for-python-25984-cosmos-master-key-sig-in-header.txt');
		expect(cosmos.exchanges[0]).toMatchObject({method: 'POST', status: 200});
	});
});

describe('JavaScript SDK (AZURE_LOG_LEVEL)', () => {
	test('Request JSON, status and Headers JSON pair up; the error text is the thrown RestError', async () => {
		const artifact = await read('js-sdk/local-identity4.13-arm-403.txt');
		expect(artifact.kind).toBe('js-sdk');
		expect(artifact.exchanges.map(exchange => exchange.status)).toEqual([200, 403]);
		expect(artifact.failing).toMatchObject({
			url: 'https://management.azure.com/subscriptions/22222222-2222-2222-2222-222222222222/resourcegroups?api-version=2025-04-01',
			requestHeaders: {authorization: 'REDACTED'},
			responseHeaders: {'x-ms-request-id': 'bbbe09ef-528c-4727-bafc-79079c324f4c'},
		});
		expect(artifact.errors.join('\n')).toContain('RestError 403 AuthorizationFailed');
	});

	test('a token request: ESTS set-cookie is redacted, the AADSTS text comes from the exception', async () => {
		const artifact = await read('js-sdk/local-identity4.13-401-invalid-client.txt');
		expect(artifact.failing).toMatchObject({method: 'POST', status: 401});
		expect(artifact.failing!.responseHeaders['set-cookie']).toMatch(/^\[redacted/);
		expect(artifact.errors.join('\n')).toContain('AADSTS7000215');
	});

	test('old core-http: headers inside _headersMap', async () => {
		const artifact = await read('js-sdk/gh-azure-sdk-for-js-11369-core-http-1.1.6-imds-400.txt');
		expect(artifact.failing).toMatchObject({
			url: expect.stringContaining('http://169.254.169.254/metadata/identity/oauth2/token'),
			status: 400,
			requestHeaders: {metadata: 'REDACTED', 'x-ms-client-request-id': 'aaf05124-8363-46e9-a318-8b1c74895861'},
		});
	});
});

describe('.NET SDK events', () => {
	test('the console listener: Request and Error response pair by id', async () => {
		const artifact = await read('dotnet-sdk/gh-azure-sdk-for-net-49174-console-listener-mi-400.txt');
		expect(artifact.kind).toBe('dotnet-sdk');
		expect(artifact.failing).toMatchObject({
			method: 'GET',
			url: 'http://localhost:46809/MSI/token?api-version=2017-09-01&resource=REDACTED&client_id=REDACTED',
			status: 400,
			requestHeaders: {'x-ms-client-request-id': 'ebe0d5b7-4993-4d80-b9c1-f7dd77bf2c68', secret: 'REDACTED'},
		});
	});

	test('Microsoft.Extensions.Logging: info: Azure.Core[1] with the message indented', async () => {
		const artifact = await read('dotnet-sdk/gh-dotnet-sign-827-882-keyvault-401-error-response.txt');
		expect(artifact.exchanges[0]).toMatchObject({
			url: 'https://redacted.vault.azure.net/certificates/redacted?api-version=7.5',
			status: 401,
			responseHeaders: {'x-ms-keyvault-region': 'uksouth'},
		});
	});

	test('a content-logging body and a retry under the same id', () => {
		const log = [
			'[Informational] Azure-Core: Request [a1] GET https://management.azure.com/subscriptions?api-version=2022-12-01',
			'Authorization:REDACTED',
			'client assembly: Azure.ResourceManager',
			'[Warning] Azure-Core: Error response [a1] 401 Unauthorized (00.1s)',
			'WWW-Authenticate:Bearer authorization_uri="https://login.windows.net/"',
			'[Informational] Azure-Core: Error response [a1] content: {"error":{"code":"ExpiredAuthenticationToken"}}',
		].join('\n');
		const artifact = readArtifact(log)!;
		expect(artifact.failing).toMatchObject({
			status: 401,
			responseHeaders: {'www-authenticate': expect.stringContaining('Bearer')},
		});
		expect(artifact.failing!.body).toContain('ExpiredAuthenticationToken');
	});
});

describe('Go SDK (AZURE_SDK_GO_LOGGING=all)', () => {
	test("azidentity's error text: the request, the status and the body between dashes", async () => {
		const artifact = await read('go-sdk/gh-azure-sdk-for-go-23407-azidentity-error-text.txt');
		expect(artifact.kind).toBe('go-sdk');
		expect(artifact.failing).toMatchObject({
			method: 'GET',
			url: 'http://169.254.169.254/metadata/identity/oauth2/token',
			status: 401,
		});
		expect(artifact.failing!.body).toContain('"error": "unauthorized"');
	});

	test('azcore records inside a Terraform log (azapi): the last try of a retried request', async () => {
		const artifact = await read('go-sdk/public-tf-azapi2.6.1-azcore-request-response-500.txt');
		expect(artifact.kind).toBe('terraform-debug');
		expect(artifact.failing).toMatchObject({status: 500, requestHeaders: {authorization: 'REDACTED'}});
		expect(artifact.failing!.body).toContain('internal server error');
	});

	test('a Response record with the body between dashed lines', () => {
		const log = [
			'[Jun 20 08:24:01.505467] Response: ==> REQUEST/RESPONSE (Try=1/151.586583ms, OpTime=151.617ms) -- RESPONSE RECEIVED',
			'   GET https://management.azure.com/subscriptions/85513e74-2aae-4f6d-bb54-0549a72dcacd/resources?api-version=2021-04-01',
			'   Authorization: REDACTED',
			'   --------------------------------------------------------------------------------',
			'   RESPONSE Status: 401 Unauthorized',
			'   X-Ms-Request-Id: 11111111-2222-4333-8444-555555555555',
			'   --------------------------------------------------------------------------------',
			'{"error":{"code":"InvalidAuthenticationToken","message":"The access token is invalid."}}',
			'   --------------------------------------------------------------------------------',
			'',
		].join('\n');
		const artifact = readArtifact(log)!;
		expect(artifact.failing).toMatchObject({
			status: 401,
			responseHeaders: {'x-ms-request-id': '11111111-2222-4333-8444-555555555555'},
		});
		expect(artifact.failing!.body).toContain('InvalidAuthenticationToken');
	});
});

describe('MSAL logs', () => {
	test('msal-node: the token endpoint it sent to fails with the error the program printed', async () => {
		const artifact = await read('msal/local-msal-node5.6-trace-401-invalid-client.txt');
		expect(artifact.kind).toBe('msal');
		expect(artifact.failing).toMatchObject({
			method: 'POST',
			url: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000002/oauth2/v2.0/token',
			status: 401,
		});
		expect(artifact.failing!.body).toContain('AADSTS7000215');
	});

	test("MSAL Python: urllib3's status line and the result dict", async () => {
		const artifact = await read('msal/local-msal-python1.21-401-invalid-client.txt');
		expect(artifact.failing).toMatchObject({method: 'POST', status: 401});
		expect(artifact.errors.join('\n')).toContain("'error': 'invalid_client'");
	});

	test('MSAL.NET with HttpClient records: the token POST and its status by reason phrase', async () => {
		const artifact = await read('msal/gh-msal.net-older-formats-853-471-673.txt');
		expect(artifact.exchanges).toEqual([
			expect.objectContaining({method: 'POST', status: 200, url: expect.stringContaining('b2clogin.com')}),
		]);
		expect(artifact.errors.join('\n')).toContain('ErrorCode: invalid_grant');
	});
});

describe('Terraform debug log', () => {
	test('every line prefixed: the AzureRM dump, and the Authorization old azurerm kept gives the claims', async () => {
		const artifact = await read('terraform/made-azurerm1.x-401-per-line-with-authorization.txt', {
			token: secrets.armToken,
		});
		expect(artifact.kind).toBe('terraform-debug');
		expect(artifact.failing).toMatchObject({
			method: 'GET',
			url: `https://management.azure.com/subscriptions/${artifactIds.subscriptionId}/resourcegroups/rg-app?api-version=2018-05-01`,
			status: 401,
			responseHeaders: {'x-ms-request-id': '2f3e4d5c-6b7a-4988-8a7b-6c5d4e3f2a1b'},
		});
		expect(artifact.failing!.requestHeaders.authorization).toMatch(/^Bearer \[redacted/);
		expect(artifact.sentToken?.claims).toMatchObject({tid: artifactIds.tokenTenant});
		expect(JSON.stringify(artifact)).not.toContain(secrets.armToken);
		expect(artifact.errors.join('\n')).toContain('Code="InvalidAuthenticationTokenTenant"');
	});

	test('one record per dump (hclog timestamp suffix): the request body and the 403 body', async () => {
		const artifact = await read('terraform/made-azurerm3.x-403-single-record.txt');
		expect(artifact.failing).toMatchObject({
			method: 'PUT',
			status: 403,
			requestBody: '{"location":"westeurope","tags":{}}',
		});
		expect(artifact.failing!.body).toMatch(/^\{"error":\{"code":"AuthorizationFailed".*\}\}$/);
		expect(artifact.errors.join('\n')).toContain('Error: creating Resource Group "rg-app"');
	});

	test('azapi Live traffic records, and the real pal dumps (single record, azurerm 3.61)', async () => {
		const artifact = await read('terraform/gh-ms-henglu-pal-testdata-azurerm-go-autorest-and-azapi.txt');
		expect(artifact.exchanges).toContainEqual(
			expect.objectContaining({
				method: 'GET',
				url: 'https://management.azure.com/subscriptions/85b3dbca-5974-4067-9669-67a141095a76/resourcegroups/henglu615aa?api-version=2020-06-01',
				status: 200,
			}),
		);
		expect(artifact.failing).toMatchObject({method: 'PUT', status: 400});
	});

	test("a token request's failure is in the provider's error: it becomes the failing exchange", () => {
		const log = [
			'2025-03-27T06:34:47.026Z [DEBUG] provider.terraform-provider-azurerm_v4.14.0_x5: [DEBUG] POST https://login.microsoftonline.com/5c8a0e1f-2b3d-4e5f-9a0b-1c2d3e4f5a6b/oauth2/v2.0/token',
			`2025-03-27T06:34:47.526Z [ERROR] provider.terraform-provider-azurerm_v4.14.0_x5: Error: building account: could not acquire access token to parse claims: clientCredentialsToken: received HTTP status 400 with response: {"error":"unauthorized_client","error_description":"AADSTS700016: Application with identifier 'd7b671d8-de19-4f7f-956a-6d47c3c8a2b1' was not found in the directory 'Contoso'."}`,
		].join('\n');
		const artifact = readArtifact(log)!;
		expect(artifact.failing).toMatchObject({
			method: 'POST',
			url: 'https://login.microsoftonline.com/5c8a0e1f-2b3d-4e5f-9a0b-1c2d3e4f5a6b/oauth2/v2.0/token',
			status: 400,
		});
		expect(artifact.failing!.body).toContain('AADSTS700016');
	});
});

describe('HAR', () => {
	test('the illustrative Entra HAR: the error page, form_post and redirect errors are read as errors', async () => {
		const artifact = await read('har/synthetic-entra-signin-failures.har');
		expect(artifact.kind).toBe('har');
		expect(artifact.exchanges.map(exchange => exchange.error?.code ?? exchange.status)).toEqual([
			200,
			200,
			'access_denied',
			'access_denied',
			'AADSTS50011',
			'invalid_request',
		]);
		expect(artifact.exchanges[4]!.body).toContain(
			"AADSTS50011: The redirect URI 'https://app.example.com/wrong-callback'",
		);
		expect(artifact.exchanges[4]!.body).toContain('Correlation ID: aaaa0000-0000-4000-8000-000000000002');
		expect(artifact.failing).toMatchObject({status: 302, error: {code: 'invalid_request'}});
		expect(artifact.failing!.body).toContain('AADSTS90014');
		// An HTML page keeps only its error: the sign-in page's $Config stays out.
		expect(JSON.stringify(artifact)).not.toContain('ConvergedSignIn');
	});

	test("a real Chrome HAR (not Entra) with no failure: no failing exchange, Chrome's fields read", async () => {
		const artifact = await read('har/gh-cloudflare-har-sanitizer-chrome118-oidc-login-trimmed.har');
		expect(artifact.exchanges.map(exchange => exchange.status)).toEqual([302, 200, 302, 302, 302, 200]);
		expect(artifact.failing).toBeUndefined();
		expect(Object.keys(artifact.exchanges[0]!.requestHeaders).some(name => name.startsWith(':'))).toBe(false);
	});

	test('a made sign-in HAR ending in an ARM 401: the failing call and the claims of the token it sent', () => {
		const artifact = readArtifact(signInHar(secrets))!;
		expect(artifact.failing).toMatchObject({
			method: 'GET',
			url: `https://management.azure.com/subscriptions/${artifactIds.subscriptionId}/resourcegroups?api-version=2021-04-01`,
			status: 401,
			at: 7,
		});
		expect(artifact.sentToken?.entities).toMatchObject({
			tokenTenant: artifactIds.tokenTenant,
			audience: 'https://management.core.windows.net/',
			clientId: artifactIds.clientId,
		});
	});

	test('a made sign-in HAR refused by Entra: the error in the redirect fragment', () => {
		const artifact = readArtifact(signInHar(secrets, {failure: 'sign-in'}))!;
		expect(artifact.failing).toMatchObject({status: 302, error: {code: 'access_denied'}});
		expect(artifact.failing!.body).toContain('AADSTS50105');
		expect(artifact.sentToken).toBeUndefined();
	});
});

test('HAR: a token endpoint 400 whose body Chrome saved as base64; a cancelled navigation is no failure', () => {
	const body = JSON.stringify({
		error: 'invalid_grant',
		error_description: 'AADSTS700082: The refresh token has expired due to inactivity.',
	});
	const har = JSON.stringify({
		log: {
			entries: [
				{
					request: {method: 'POST', url: 'https://login.microsoftonline.com/common/oauth2/v2.0/token', headers: []},
					response: {
						status: 400,
						headers: [{name: 'content-type', value: 'application/json'}],
						content: {mimeType: 'application/json', encoding: 'base64', text: Buffer.from(body).toString('base64')},
					},
				},
				{
					request: {method: 'GET', url: 'https://app.example.com/', headers: []},
					response: {status: 0, headers: [], content: {}, _error: 'net::ERR_ABORTED'},
				},
			],
		},
	});
	const artifact = readArtifact(har)!;
	expect(artifact.exchanges.map(exchange => exchange.status)).toEqual([400, null]);
	expect(artifact.failing).toMatchObject({method: 'POST', status: 400, body});
});

describe('what is no artifact', () => {
	test('a pasted error, JSON that is not a HAR, an exception text: undefined (explained as a paste)', async () => {
		expect(readArtifact("AADSTS700016: Application with identifier 'x' was not found")).toBeUndefined();
		expect(readArtifact('{"error":{"code":"AuthorizationFailed"}}')).toBeUndefined();
		expect(readArtifact(await readFixture('terraform/gh-azurerm-20650-1553-auth-error-text.txt'))).toBeUndefined();
		expect(readArtifact('{"log": {"entries": "not a list"}}')).toBeUndefined();
	});
});
