import {describe, expect, test} from 'vitest';
import {
	CloudError,
	parseAzureCliActiveCloud,
	parseAzureCliCloud,
	parseCloudMetadata,
	type ResolveCloudOptions,
	resolveCloud,
} from './resolve.ts';

const modernMetadata = [
	{
		name: 'LocalCloud',
		resourceManager: 'https://127.0.0.1:8443/',
		authentication: {loginEndpoint: 'https://127.0.0.1:9443/', audiences: ['https://management.core.windows.net/']},
		microsoftGraphResourceId: 'https://127.0.0.1:8443/graph/',
	},
];

function options(overrides: Partial<ResolveCloudOptions> & {files?: Record<string, string>}): ResolveCloudOptions {
	const files = overrides.files ?? {};
	return {
		flag: undefined,
		env: {},
		azureConfigDirectory: '/cfg',
		readFile: async path => files[path],
		fetch: async () => new Response(JSON.stringify(modernMetadata), {status: 200}),
		timeoutMs: 1000,
		...overrides,
	};
}

describe('parseCloudMetadata', () => {
	test('reads the 2022-09-01 array shape', () => {
		const cloud = parseCloudMetadata(
			modernMetadata,
			'https://127.0.0.1:8443/metadata/endpoints?api-version=2022-09-01',
		);
		expect(cloud).toEqual({
			name: 'LocalCloud',
			authorityHost: 'https://127.0.0.1:9443',
			resourceManager: 'https://127.0.0.1:8443',
			resourceManagerAudience: 'https://management.core.windows.net/',
			graph: 'https://127.0.0.1:8443/graph',
			metadataUrl: 'https://127.0.0.1:8443/metadata/endpoints?api-version=2022-09-01',
		});
	});

	test('reads the old single-object shape and takes ARM from the URL', () => {
		const cloud = parseCloudMetadata(
			{
				graphEndpoint: 'https://graph.example/',
				authentication: {loginEndpoint: 'https://login.example', audiences: ['https://arm.example/']},
			},
			'https://arm.example/metadata/endpoints?api-version=2015-01-01',
		);
		expect(cloud.resourceManager).toBe('https://arm.example');
		expect(cloud.authorityHost).toBe('https://login.example');
		expect(cloud.resourceManagerAudience).toBe('https://arm.example/');
		expect(cloud.name).toBe('arm.example');
	});

	test('refuses a document without authentication or with a plain-http login endpoint', () => {
		expect(() => parseCloudMetadata({}, 'https://a.example/x')).toThrow(CloudError);
		expect(() =>
			parseCloudMetadata({authentication: {loginEndpoint: 'http://evil.example'}}, 'https://a.example/x'),
		).toThrow(/not https/);
	});
});

describe('Azure CLI files', () => {
	test('finds the active cloud and a registered custom cloud', () => {
		expect(parseAzureCliActiveCloud('\uFEFF[core]\ncollect_telemetry = false\n[cloud]\nname = LocalCloud\n')).toBe(
			'LocalCloud',
		);
		const cloud = parseAzureCliCloud(
			'[LocalCloud]\nendpoint_active_directory = https://127.0.0.1:9443\nendpoint_resource_manager = https://127.0.0.1:8443/\nendpoint_active_directory_resource_id = https://management.core.windows.net/\n',
			'LocalCloud',
		);
		expect(cloud).toMatchObject({authorityHost: 'https://127.0.0.1:9443', resourceManager: 'https://127.0.0.1:8443'});
	});
});

describe('resolveCloud precedence', () => {
	test('--cloud wins over AUTHFIX_CLOUD and the Azure CLI', async () => {
		const resolved = await resolveCloud(
			options({
				flag: 'AzureChinaCloud',
				env: {AUTHFIX_CLOUD: 'AzureUSGovernment'},
				files: {'/cfg/config': '[cloud]\nname=AzureCloud'},
			}),
		);
		expect(resolved).toMatchObject({source: 'flag', cloud: {name: 'AzureChinaCloud'}});
	});

	test('AUTHFIX_CLOUD as a metadata URL is fetched', async () => {
		const requested: string[] = [];
		const resolved = await resolveCloud(
			options({
				env: {AUTHFIX_CLOUD: 'https://127.0.0.1:8443'},
				fetch: async url => {
					requested.push(String(url));
					return new Response(JSON.stringify(modernMetadata));
				},
			}),
		);
		expect(requested).toEqual(['https://127.0.0.1:8443/metadata/endpoints?api-version=2022-09-01']);
		expect(resolved).toMatchObject({source: 'env', cloud: {name: 'LocalCloud'}});
	});

	test("then the Azure CLI's active cloud, then AzureCloud", async () => {
		expect(await resolveCloud(options({files: {'/cfg/config': '[cloud]\nname = AzureUSGovernment\n'}}))).toMatchObject({
			source: 'azure-cli',
			cloud: {name: 'AzureUSGovernment'},
		});
		expect(await resolveCloud(options({}))).toMatchObject({source: 'default', cloud: {name: 'AzureCloud'}});
	});

	test('unknown names, plain http, unreachable and non-JSON metadata are clear errors', async () => {
		await expect(resolveCloud(options({flag: 'Mars'}))).rejects.toThrow(/unknown cloud 'Mars'/);
		await expect(resolveCloud(options({flag: 'http://a.example'}))).rejects.toThrow(/must use https/);
		await expect(
			resolveCloud(
				options({
					flag: 'https://a.example',
					fetch: async () => {
						throw new TypeError('fetch failed', {cause: {code: 'ECONNREFUSED'}});
					},
				}),
			),
		).rejects.toThrow(/connection refused/);
		await expect(
			resolveCloud(options({flag: 'https://a.example', fetch: async () => new Response('<html>')})),
		).rejects.toThrow(/not JSON/);
		await expect(
			resolveCloud(options({flag: 'https://a.example', fetch: async () => new Response('', {status: 503})})),
		).rejects.toThrow(/503/);
	});
});
