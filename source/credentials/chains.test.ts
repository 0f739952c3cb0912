import {describe, expect, test} from 'vitest';
import {
	type Availability,
	type ChainCredential,
	chainCredentialOf,
	defaultChain,
	defaultCredentialOutcome,
	describeOutcome,
	narrowChain,
	parseChain,
	parseRange,
	type Sdk,
	sdkFrom,
	sdkIds,
	sdkInfo,
	tokenCredentialsSupport,
	walkChain,
} from './chains.ts';
import chainData from './default-credential-chains.json' with {type: 'json'};

/** The lowest version a range key covers, as text (`3.0.0-3.1.x` → `3.0.0`, `<=1.6.x` → `1.6.0`). */
function versionsOf(key: string): string[] {
	const text = key.replace(/\s*\(.*\)\s*$/, '');
	const bounds = text.replace(/^<=/, '').replace(/\+$/, '').split('-');
	return bounds.filter(bound => bound !== '?').map(bound => bound.replaceAll('x', '0'));
}

describe('the default chains are the data file, version by version', () => {
	for (const sdk of sdkIds) {
		const data = chainData[sdkInfo[sdk].key] as unknown as Record<string, unknown>;
		for (const [key, names] of Object.entries(data)) {
			if (!Array.isArray(names) || !parseRange(key)) continue;
			for (const version of versionsOf(key)) {
				test(`${sdk} ${version} (${key})`, () => {
					const chain = defaultChain(sdk, version);
					expect(chain.names).toEqual(names);
					expect(chain.unconfirmed !== undefined).toBe(/UNCONFIRMED|\?/.test(key) || chain.range !== key);
				});
			}
		}
	}

	test('every credential name of the data has a kind', () => {
		const names = new Set<string>();
		const collect = (value: unknown) => {
			if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') names.add(item);
			if (value && typeof value === 'object' && !Array.isArray(value))
				for (const item of Object.values(value)) collect(item);
		};
		for (const sdk of sdkIds) {
			const data = chainData[sdkInfo[sdk].key] as unknown as Record<string, unknown>;
			for (const [key, value] of Object.entries(data)) if (key !== 'env' && key !== 'notes') collect(value);
		}

		const unknown = [...names].filter(name => /credential$/i.test(name) && !chainCredentialOf(name));
		expect(unknown).toEqual([]);
	});

	test('the orders that differ between SDKs and versions', () => {
		expect(defaultChain('javascript').names).toEqual([
			'EnvironmentCredential',
			'WorkloadIdentityCredential',
			'ManagedIdentityCredential',
			'VisualStudioCodeCredential',
			'AzureCliCredential',
			'AzurePowerShellCredential',
			'AzureDeveloperCliCredential',
			'BrokerCredential',
		]);
		// 3.2 tried azd before the Azure CLI; 3.3 moved it to the end.
		expect(defaultChain('javascript', '3.2.1').names.indexOf('AzureDeveloperCliCredential')).toBe(3);
		expect(defaultChain('javascript', '3.3.0').names.at(-1)).toBe('AzureDeveloperCliCredential');
		// Python 1.12 has no workload identity; the newest keeps the shared token cache before the CLI.
		expect(defaultChain('python', '1.12.0').names).not.toContain('WorkloadIdentityCredential');
		expect(defaultChain('python').names.slice(3, 5)).toEqual([
			'SharedTokenCacheCredential',
			'VisualStudioCodeCredential',
		]);
		// .NET 1.15 dropped the shared token cache; Visual Studio comes before the Azure CLI.
		expect(defaultChain('dotnet', '1.15.0').names).not.toContain('SharedTokenCacheCredential');
		expect(defaultChain('dotnet').names.indexOf('VisualStudioCredential')).toBeLessThan(
			defaultChain('dotnet').names.indexOf('AzureCliCredential'),
		);
		// Java 1.9.0 alone put azd right after managed identity.
		expect(defaultChain('java', '1.9.0').names[3]).toBe('AzureDeveloperCliCredential');
		expect(defaultChain('java', '1.9.1').names.at(-1)).toBe('AzureDeveloperCliCredential');
		// Go spells the CLI AzureCLICredential; its newest order is not confirmed and says so.
		expect(defaultChain('go', '1.0.0').names).toEqual([
			'EnvironmentCredential',
			'ManagedIdentityCredential',
			'AzureCLICredential',
		]);
		expect(defaultChain('go').unconfirmed).toContain('AzurePowerShellCredential added to module');
	});

	test('names, aliases and ranges', () => {
		expect(chainCredentialOf('AzureCLICredential')).toBe('azure-cli');
		expect(chainCredentialOf('azurecli')).toBe('azure-cli');
		expect(chainCredentialOf('Nope')).toBeUndefined();
		expect(sdkFrom('C#')).toBe('dotnet');
		expect(sdkFrom('node')).toBe('javascript');
		expect(sdkFrom('rust')).toBeUndefined();
		expect(parseRange('?-1.12.x (UNCONFIRMED start)')).toMatchObject({low: 'unknown', unconfirmed: true});
		expect(parseChain('Environment, AzureCLI,nope')).toEqual({
			names: ['EnvironmentCredential', 'AzureCliCredential'],
			unknown: ['nope'],
		});
	});
});

describe('AZURE_TOKEN_CREDENTIALS, as each SDK version reads it', () => {
	const narrowed = (sdk: Sdk, version: string | undefined, value: string | undefined) =>
		narrowChain(defaultChain(sdk, version), value === undefined ? {} : {AZURE_TOKEN_CREDENTIALS: value});

	test('the versions that first read it come from the data', () => {
		expect(tokenCredentialsSupport('javascript')).toEqual({devProd: [4, 10, 0], names: [4, 11, 0]});
		expect(tokenCredentialsSupport('python')).toEqual({devProd: [1, 23, 0], names: [1, 24, -0.5]});
		expect(tokenCredentialsSupport('dotnet')).toEqual({devProd: [1, 14, 0], names: [1, 15, -0.5]});
		expect(tokenCredentialsSupport('java')).toEqual({devProd: [1, 16, 1], names: [1, 17, -0.5]});
		expect(tokenCredentialsSupport('go')).toEqual({});
	});

	test.each([
		['javascript', '4.9.0', 'dev', {names: defaultChain('javascript', '4.9.0').names}],
		[
			'javascript',
			'4.10.0',
			'dev',
			{names: ['AzureCliCredential', 'AzurePowerShellCredential', 'AzureDeveloperCliCredential']},
		],
		[
			'javascript',
			'4.14.1',
			' Prod ',
			{names: ['EnvironmentCredential', 'WorkloadIdentityCredential', 'ManagedIdentityCredential']},
		],
		['javascript', '4.14.1', 'azureclicredential', {names: ['AzureCliCredential']}],
		[
			'python',
			'1.25.0',
			'dev',
			{
				names: [
					'SharedTokenCacheCredential',
					'VisualStudioCodeCredential',
					'AzureCliCredential',
					'AzurePowerShellCredential',
					'AzureDeveloperCliCredential',
				],
			},
		],
		['go', undefined, 'AzureCLICredential', {names: ['AzureCLICredential']}],
		['go', undefined, 'dev', {names: ['AzureCLICredential', 'AzureDeveloperCLICredential']}],
	] as const)('%s %s %j', (sdk, version, value, expected) => {
		expect(narrowed(sdk, version, value)).toMatchObject(expected);
	});

	test.each([
		// A single name before the SDK read names; a typo anywhere.
		['javascript', '4.10.0', 'AzureCliCredential'],
		['python', undefined, 'browser'],
		// Go compares dev and prod case-sensitively, and a set-but-empty value is invalid.
		['go', undefined, 'Dev'],
		['go', undefined, ''],
	] as const)('%s %s %j makes the SDK refuse to start', (sdk, version, value) => {
		const result = narrowed(sdk, version, value);
		expect(result.names).toEqual([]);
		expect(result.invalid).toContain('refuses to build DefaultAzureCredential');
	});

	test('an empty value is unset for the SDKs that trim it; 4.9 ignores any value', () => {
		expect(narrowed('python', undefined, '  ').invalid).toBeUndefined();
		expect(narrowed('javascript', '4.9.0', 'nonsense')).toMatchObject({
			narrowedBy: '@azure/identity 4.9.0 ignores AZURE_TOKEN_CREDENTIALS (read since 4.10.0)',
		});
		expect(narrowed('go', undefined, 'prod').unconfirmed).toContain('not confirmed');
	});
});

describe('which credential wins', () => {
	const tenant1 = '11111111-1111-1111-1111-111111111111';
	const tenant2 = '22222222-2222-2222-2222-222222222222';
	const here: Partial<Record<ChainCredential, Availability>> = {
		environment: {available: 'yes', reason: 'AZURE_CLIENT_SECRET', tenantId: tenant2},
		'managed-identity': {available: 'maybe', reason: 'IMDS'},
		'azure-cli': {available: 'yes', reason: 'az', tenantId: tenant1},
	};
	const availabilityOf = (kind: ChainCredential | undefined): Availability =>
		(kind && here[kind]) ?? {available: 'no', reason: 'not configured'};

	test('the sentence names the winner and the credential it shadows', () => {
		const outcome = defaultCredentialOutcome('python', undefined, {}, availabilityOf);
		expect(describeOutcome(outcome)).toBe(
			'your Python app would use EnvironmentCredential (tenant 2222…) before it ever reaches AzureCliCredential (tenant 1111…)',
		);
		expect(outcome.members.map(member => member.available)).toContain('maybe');
	});

	test('AZURE_TOKEN_CREDENTIALS=dev moves the win to the Azure CLI; an invalid value stops the app', () => {
		expect(
			describeOutcome(defaultCredentialOutcome('dotnet', undefined, {AZURE_TOKEN_CREDENTIALS: 'dev'}, availabilityOf)),
		).toBe('your .NET app would use AzureCliCredential (tenant 1111…)');
		expect(
			describeOutcome(defaultCredentialOutcome('java', undefined, {AZURE_TOKEN_CREDENTIALS: 'x'}, availabilityOf)),
		).toMatch(/^your Java app would not start: AZURE_TOKEN_CREDENTIALS="x" is not valid/);
	});

	test('a ChainedTokenCredential setup walks its own order', () => {
		const outcome = walkChain(
			'your ChainedTokenCredential',
			['AzureCliCredential', 'EnvironmentCredential'],
			availabilityOf,
		);
		expect(describeOutcome({...outcome, unconfirmed: []})).toBe(
			'your ChainedTokenCredential would use AzureCliCredential (tenant 1111…) before it ever reaches EnvironmentCredential (tenant 2222…)',
		);
		const none = walkChain('your ChainedTokenCredential', ['ManagedIdentityCredential'], availabilityOf);
		expect(describeOutcome({...none, unconfirmed: []})).toBe(
			'your ChainedTokenCredential would find no usable credential unless ManagedIdentityCredential works here',
		);
	});
});
