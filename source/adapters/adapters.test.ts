import {describe, expect, test} from 'vitest';
import {builtInClouds} from '../cloud/cloud.ts';
import {createAzureCli, firstErrorLine, readExpiry} from './azure-cli.ts';
import {credentialAvailability, defaultCredentialPick} from './credentials.ts';
import {openIdConfigurationUrl} from './http.ts';
import {AdapterError} from './ports.ts';

describe('Azure CLI adapter', () => {
	test('arguments are validated before anything runs', async () => {
		const az = createAzureCli({command: '/nonexistent/az', env: {}, timeoutMs: 1000});
		await expect(az.getAccessToken({resource: '--debug'})).rejects.toMatchObject({code: 'invalid-argument'});
		await expect(
			az.getAccessToken({resource: 'https://management.core.windows.net/', tenantId: 'contoso; rm -rf /'}),
		).rejects.toMatchObject({
			code: 'invalid-argument',
		});
		await expect(az.getAccessToken({resource: 'https://management.core.windows.net/'})).rejects.toMatchObject({
			code: 'not-installed',
		});
	});

	test('az 2.45 prints the local-time expiresOn only; newer ones expires_on', () => {
		expect(readExpiry({expires_on: 1_780_000_000})).toBe(1_780_000_000_000);
		expect(readExpiry({expires_on: '1780000000'})).toBe(1_780_000_000_000);
		expect(readExpiry({expiresOn: '2026-06-01 12:00:00.000000'})).toBe(
			new Date('2026-06-01 12:00:00.000000').getTime(),
		);
		expect(readExpiry({expiresOn: 'soon'})).toBeUndefined();
	});

	test('the ERROR line of stderr is what a finding shows', () => {
		expect(firstErrorLine("WARNING: x\nERROR: Please run 'az login' to setup account.\n")).toBe(
			"Please run 'az login' to setup account.",
		);
		expect(firstErrorLine('\nTraceback (most recent call last):\n')).toBe('Traceback (most recent call last):');
	});

	test('AdapterError carries a code', () => {
		expect(new AdapterError('timeout', 'x')).toMatchObject({code: 'timeout', name: 'AdapterError'});
	});
});

describe('credential availability, as DefaultAzureCredential decides it', () => {
	test.each([
		[{}, 'AzureCliCredential'],
		[{AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's'}, 'EnvironmentCredential'],
		[{AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_FEDERATED_TOKEN_FILE: '/f'}, 'WorkloadIdentityCredential'],
		[{IDENTITY_ENDPOINT: 'https://x', IDENTITY_HEADER: 'h'}, 'ManagedIdentityCredential'],
		[{AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c'}, 'AzureCliCredential'],
	])('%o → %s', (env, name) => {
		expect(defaultCredentialPick(credentialAvailability(env)).name).toBe(name);
	});

	test('a half-configured EnvironmentCredential says what is missing', () => {
		const environment = credentialAvailability({AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c'}).find(
			item => item.kind === 'env',
		);
		expect(environment).toMatchObject({available: false});
		expect(environment?.reason).toContain('no AZURE_CLIENT_SECRET');
	});
});

describe('issuer discovery stays inside the cloud', () => {
	const cloud = builtInClouds[0]!;
	test.each([
		[
			'https://login.microsoftonline.com/t1/v2.0',
			'https://login.microsoftonline.com/t1/v2.0/.well-known/openid-configuration',
		],
		['https://sts.windows.net/t1/', 'https://login.microsoftonline.com/t1/.well-known/openid-configuration'],
		['https://evil.example/t1/v2.0', undefined],
		['not a url', undefined],
	])('%s', (issuer, url) => {
		expect(openIdConfigurationUrl(issuer, cloud)).toBe(url);
	});
});
