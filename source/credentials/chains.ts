/**
Which credential a DefaultAzureCredential (or a ChainedTokenCredential) of each Azure SDK would use:
the order per SDK and version, and AZURE_TOKEN_CREDENTIALS as each SDK reads it. The orders are data
(`default-credential-chains.json`, with the sources they were read from); this module only reads
them. Where the data says UNCONFIRMED, the answer says so too.
*/
import chainData from './default-credential-chains.json' with {type: 'json'};

export const sdkIds = ['javascript', 'python', 'dotnet', 'java', 'go'] as const;
export type Sdk = (typeof sdkIds)[number];

type SdkInfo = {
	/** The key of the SDK in the data file. */
	readonly key: keyof typeof chainData;
	/** As a sentence names the app: `your Python app`. */
	readonly language: string;
	readonly package: string;
	/** The version assumed when none is given: the newest the data covers. */
	readonly latest: string;
};

export const sdkInfo: Readonly<Record<Sdk, SdkInfo>> = {
	javascript: {key: 'javascript:@azure/identity', language: 'JavaScript', package: '@azure/identity', latest: '4.14.1'},
	python: {key: 'python:azure-identity', language: 'Python', package: 'azure-identity', latest: '1.25.3'},
	dotnet: {key: 'dotnet:Azure.Identity', language: '.NET', package: 'Azure.Identity', latest: '1.16.0'},
	java: {key: 'java:com.azure:azure-identity', language: 'Java', package: 'com.azure:azure-identity', latest: '1.17.0'},
	go: {key: 'go:azidentity', language: 'Go', package: 'azidentity', latest: '1.13.0'},
};

/** `python`, `py`, `node`, `.net`, `c#`… → an Sdk; undefined when it names none. */
export function sdkFrom(name: string): Sdk | undefined {
	const key = name.trim().toLowerCase();
	const aliases: Record<string, Sdk> = {
		javascript: 'javascript',
		js: 'javascript',
		node: 'javascript',
		typescript: 'javascript',
		ts: 'javascript',
		python: 'python',
		py: 'python',
		dotnet: 'dotnet',
		'.net': 'dotnet',
		net: 'dotnet',
		csharp: 'dotnet',
		'c#': 'dotnet',
		java: 'java',
		go: 'go',
		golang: 'go',
	};
	return aliases[key];
}

/**
What a credential class is, whatever the SDK calls it (`AzureCLICredential` in Go,
`AzureCliCredential` elsewhere).
*/
export type ChainCredential =
	| 'environment'
	| 'workload-identity'
	| 'managed-identity'
	| 'shared-token-cache'
	| 'intellij'
	| 'visual-studio'
	| 'visual-studio-code'
	| 'azure-cli'
	| 'azure-powershell'
	| 'azure-developer-cli'
	| 'broker'
	| 'interactive-browser';

const kindByName: Readonly<Record<string, ChainCredential>> = {
	environmentcredential: 'environment',
	workloadidentitycredential: 'workload-identity',
	managedidentitycredential: 'managed-identity',
	sharedtokencachecredential: 'shared-token-cache',
	intellijcredential: 'intellij',
	visualstudiocredential: 'visual-studio',
	visualstudiocodecredential: 'visual-studio-code',
	azureclicredential: 'azure-cli',
	azurepowershellcredential: 'azure-powershell',
	azuredeveloperclicredential: 'azure-developer-cli',
	brokercredential: 'broker',
	interactivebrowsercredential: 'interactive-browser',
};

/** The kind of a credential class name (any SDK's spelling, with or without `Credential`); undefined when unknown. */
export function chainCredentialOf(name: string): ChainCredential | undefined {
	const key = name.trim().toLowerCase();
	return kindByName[key] ?? kindByName[`${key}credential`];
}

type Version = readonly [number, number, number];

/**
`4.14.1`, `1.15.0-beta.1`, `v1.2` → [major, minor, patch]; undefined when it is no version. A
pre-release (`1.24.0b1`, `-beta.1`) comes before its release: its patch is lowered by a half.
*/
export function parseVersion(text: string): Version | undefined {
	const match = /^v?(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?([-.]?(?:a|b|rc|alpha|beta|preview|dev)\d*)?/i.exec(text.trim());
	if (!match) return undefined;
	const part = (value: string | undefined) => (value === undefined || value === 'x' ? 0 : Number(value));
	return [Number(match[1]), part(match[2]), part(match[3]) - (match[4] ? 0.5 : 0)];
}

/** A version as one number, for distances (parts capped, so `1.12.x` stays near 1.12). */
function magnitude(version: Version): number {
	const cap = (part: number) => Math.min(part, 999);
	return cap(version[0]) * 1e6 + cap(version[1]) * 1e3 + cap(version[2]);
}

function compare(a: Version, b: Version): number {
	return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

type Bound = Version | 'unknown' | 'open';
type Range = {readonly key: string; readonly low: Bound; readonly high: Bound; readonly unconfirmed: boolean};

/** The upper bound a range end stands for: `3.1.x` → everything below 3.2.0 (as the largest 3.1 version). */
function upper(text: string): Bound {
	if (text === '?') return 'unknown';
	const parts = text.split('.');
	const version = parseVersion(text);
	if (!version) return 'unknown';
	const infinity = Number.MAX_SAFE_INTEGER;
	if (parts[1] === 'x' || parts.length === 1) return [version[0], infinity, infinity];
	if (parts[2] === 'x' || parts.length === 2) return [version[0], version[1], infinity];
	return version;
}

function lower(text: string): Bound {
	return text === '?' ? 'unknown' : (parseVersion(text) ?? 'unknown');
}

/** A version range key of the data file: `3.0.0-3.1.x`, `3.2.x`, `1.24.0+`, `<=1.6.x`, `?-1.12.x (UNCONFIRMED start)`. */
export function parseRange(key: string): Range | undefined {
	const unconfirmed = /UNCONFIRMED/.test(key);
	const text = key.replace(/\s*\(.*\)\s*$/, '').trim();
	if (text.startsWith('<=')) return {key, low: [0, 0, 0], high: upper(text.slice(2)), unconfirmed};
	if (text.endsWith('+')) return {key, low: lower(text.slice(0, -1)), high: 'open', unconfirmed};
	const dash = /^(\d[\w.]*|\?)-(\d[\w.]*|\?)$/.exec(text);
	if (dash) return {key, low: lower(dash[1]!), high: upper(dash[2]!), unconfirmed};
	if (/^[\dx.]+$/.test(text)) return {key, low: lower(text), high: upper(text), unconfirmed};
	return undefined;
}

function inRange(version: Version, range: Range): boolean {
	const aboveLow = range.low === 'unknown' || range.low === 'open' || compare(version, range.low) >= 0;
	const belowHigh = range.high === 'unknown' || range.high === 'open' || compare(version, range.high) <= 0;
	return aboveLow && belowHigh;
}

type SdkData = Record<string, unknown>;

function dataOf(sdk: Sdk): SdkData {
	return chainData[sdkInfo[sdk].key] as unknown as SdkData;
}

/**
Picks the entry of a version-keyed record that covers `version`. When two entries cover it (a bound
the sources did not confirm), the later one is taken and the answer is marked unconfirmed.
*/
function byVersion<T>(
	record: Readonly<Record<string, unknown>>,
	version: Version,
	accept: (value: unknown) => value is T,
): {value: T; key: string; unconfirmed: boolean} | undefined {
	const matches = Object.entries(record)
		.map(([key, value]) => ({range: parseRange(key), value}))
		.filter(
			(entry): entry is {range: Range; value: T} =>
				entry.range !== undefined && accept(entry.value) && inRange(version, entry.range),
		);
	const certain = matches.find(
		entry => entry.range.low !== 'unknown' && entry.range.high !== 'unknown' && !entry.range.unconfirmed,
	);
	// Uncertain bounds: the range whose known bound lies nearest to the version.
	const distance = (range: Range) =>
		Math.min(
			...[range.low, range.high]
				.filter((bound): bound is Version => Array.isArray(bound))
				.map(bound => Math.abs(magnitude(bound) - magnitude(version))),
		);
	const chosen = certain ?? matches.toSorted((a, b) => distance(a.range) - distance(b.range))[0];
	if (!chosen) return undefined;
	return {value: chosen.value, key: chosen.range.key, unconfirmed: !certain};
}

const isNames = (value: unknown): value is string[] =>
	Array.isArray(value) && value.every(item => typeof item === 'string');

export type DefaultChain = {
	readonly sdk: Sdk;
	readonly version: string;
	/** The credential classes tried by default, in order, as the SDK names them. */
	readonly names: readonly string[];
	/** The data's version range the order comes from. */
	readonly range: string;
	/** Why the order is not certain for this version, when it is not. */
	readonly unconfirmed?: string;
};

/** DefaultAzureCredential's order for an SDK version (default: the newest the data covers). */
export function defaultChain(sdk: Sdk, version: string = sdkInfo[sdk].latest): DefaultChain {
	const parsed = parseVersion(version) ?? parseVersion(sdkInfo[sdk].latest)!;
	const data = dataOf(sdk);
	const orders = Object.fromEntries(Object.entries(data).filter(([key]) => parseRange(key) !== undefined));
	const found = byVersion(orders, parsed, isNames);
	// A range whose order is prose (Go 1.13+: a credential added, its place in the chain unconfirmed).
	const prose = Object.entries(orders).find(
		([key, value]) => typeof value === 'string' && parseRange(key) && inRange(parsed, parseRange(key)!),
	);
	if (prose) {
		const earlier = Object.entries(orders)
			.filter(([, value]) => isNames(value))
			.at(-1) as [string, string[]];
		return {
			sdk,
			version,
			names: earlier[1],
			range: earlier[0],
			unconfirmed: `${sdkInfo[sdk].package} ${prose[0]}: ${String(prose[1])}; the order of ${earlier[0]} is assumed`,
		};
	}

	if (!found) {
		const oldest = Object.entries(orders).find(([, value]) => isNames(value)) as [string, string[]];
		return {
			sdk,
			version,
			names: oldest[1],
			range: oldest[0],
			unconfirmed: `${version} is older than any version the sources cover; the order of ${oldest[0]} is assumed`,
		};
	}

	return {
		sdk,
		version,
		names: found.value,
		range: found.key,
		...(found.unconfirmed
			? {unconfirmed: `the bounds of ${sdkInfo[sdk].package} ${found.key} are not confirmed by the sources`}
			: {}),
	};
}

export type Narrowed = {
	readonly names: readonly string[];
	/** How AZURE_TOKEN_CREDENTIALS changed the order, in a sentence fragment. */
	readonly narrowedBy?: string;
	/** The SDK refuses to build DefaultAzureCredential with this value: its own message, in short. */
	readonly invalid?: string;
	readonly unconfirmed?: string;
};

type TokenCredentialsData = {
	readonly supportedSince: string;
	readonly dev: string[] | Record<string, string[]>;
	readonly prod: string[];
	readonly names: string[];
	readonly invalid: string;
};

/** When an SDK started to read AZURE_TOKEN_CREDENTIALS (`dev`/`prod`, then single names), from the data's prose. */
export function tokenCredentialsSupport(sdk: Sdk): {devProd?: Version; names?: Version} {
	const data = dataOf(sdk)['azureTokenCredentials'] as TokenCredentialsData;
	const match = /^(\S+) \(dev\/prod\); (\S+) \(single names\)/.exec(data.supportedSince);
	if (!match) return {};
	return {devProd: parseVersion(match[1]!), names: parseVersion(match[2]!)};
}

/**
DefaultAzureCredential's order after AZURE_TOKEN_CREDENTIALS, as this SDK version reads it: ignored
before the SDK knew it; `dev`/`prod` (Go: case-sensitive) or one credential's name (case-insensitive);
anything else makes the SDK refuse to start. Go treats a set-but-empty value as invalid.
*/
export function narrowChain(
	chain: DefaultChain,
	env: Readonly<Record<string, string | undefined>>,
	variable = 'AZURE_TOKEN_CREDENTIALS',
): Narrowed {
	const raw = env[variable];
	const {sdk} = chain;
	const go = sdk === 'go';
	if (raw === undefined || (!go && raw.trim() === '')) return {names: chain.names};
	const data = dataOf(sdk)['azureTokenCredentials'] as TokenCredentialsData;
	const support = tokenCredentialsSupport(sdk);
	const version = parseVersion(chain.version)!;
	const unconfirmed = support.devProd
		? undefined
		: `which ${sdkInfo[sdk].package} version first reads ${variable} is not confirmed`;
	if (support.devProd && compare(version, support.devProd) < 0) {
		return {
			names: chain.names,
			narrowedBy: `${sdkInfo[sdk].package} ${chain.version} ignores ${variable} (read since ${support.devProd.join('.')})`,
		};
	}

	const value = go ? raw : raw.trim().toLowerCase();
	const devList = Array.isArray(data.dev) ? data.dev : (byVersion(data.dev, version, isNames)?.value ?? []);
	const keep = (list: readonly string[]) => {
		const wanted = new Set(list.map(name => chainCredentialOf(name)));
		return chain.names.filter(name => wanted.has(chainCredentialOf(name)));
	};

	const extra = unconfirmed ? {unconfirmed} : {};
	if (value === 'dev')
		return {names: keep(devList), narrowedBy: `${variable}=${raw} keeps the developer tools`, ...extra};
	if (value === 'prod')
		return {names: keep(data.prod), narrowedBy: `${variable}=${raw} keeps the deployed-app credentials`, ...extra};
	const namesAllowed = !support.names || compare(version, support.names) >= 0;
	const named = data.names.find(name => name.toLowerCase() === raw.trim().toLowerCase());
	if (named && namesAllowed) {
		const kind = chainCredentialOf(named);
		const inChain = chain.names.find(name => chainCredentialOf(name) === kind);
		return {names: [inChain ?? named], narrowedBy: `${variable}=${raw} keeps ${inChain ?? named} alone`, ...extra};
	}

	const valid = namesAllowed ? `'dev', 'prod' or one of ${data.names.join(', ')}` : "'dev' or 'prod'";
	return {
		names: [],
		invalid: `${variable}=${JSON.stringify(raw)} is not valid for ${sdkInfo[sdk].package} ${chain.version} (${valid}): it refuses to build DefaultAzureCredential`,
		...extra,
	};
}

/** Whether a credential can get a token here. `maybe`: it depends on something authfix cannot see from here. */
export type Availability = {
	readonly available: 'yes' | 'no' | 'maybe';
	readonly reason: string;
	/** The tenant its tokens would come from, when known. */
	readonly tenantId?: string;
	/** Who it signs in as: an app id, a user name. */
	readonly identity?: string;
};

export type ChainMember = Availability & {readonly name: string; readonly kind: ChainCredential | undefined};

export type ChainOutcome = {
	/** `your Python app` / `your ChainedTokenCredential`. */
	readonly subject: string;
	readonly sdk?: Sdk;
	readonly version?: string;
	readonly members: readonly ChainMember[];
	readonly winner?: ChainMember;
	/** A later usable credential whose tenant differs from the winner's: the one users often think is used. */
	readonly shadowed?: ChainMember;
	readonly narrowedBy?: string;
	readonly invalid?: string;
	readonly unconfirmed: readonly string[];
};

/** Walks a chain of credential names with what is usable here; the first usable one wins (as the SDKs do). */
export function walkChain(
	subject: string,
	names: readonly string[],
	availabilityOf: (kind: ChainCredential | undefined, name: string) => Availability,
): Pick<ChainOutcome, 'members' | 'winner' | 'shadowed' | 'subject'> {
	const members = names.map(name => {
		const kind = chainCredentialOf(name);
		return {name, kind, ...availabilityOf(kind, name)};
	});
	const winner = members.find(member => member.available === 'yes');
	const after = winner ? members.slice(members.indexOf(winner) + 1) : [];
	const shadowed = winner?.tenantId
		? after.find(
				member =>
					member.available === 'yes' &&
					member.tenantId !== undefined &&
					member.tenantId.toLowerCase() !== winner.tenantId!.toLowerCase(),
			)
		: undefined;
	return {subject, members, ...(winner ? {winner} : {}), ...(shadowed ? {shadowed} : {})};
}

/** DefaultAzureCredential of one SDK version in this environment. */
export function defaultCredentialOutcome(
	sdk: Sdk,
	version: string | undefined,
	env: Readonly<Record<string, string | undefined>>,
	availabilityOf: (kind: ChainCredential | undefined, name: string, sdk: Sdk) => Availability,
): ChainOutcome {
	const chain = defaultChain(sdk, version);
	const narrowed = narrowChain(chain, env);
	const walked = walkChain(`your ${sdkInfo[sdk].language} app`, narrowed.names, (kind, name) =>
		availabilityOf(kind, name, sdk),
	);
	return {
		...walked,
		sdk,
		version: chain.version,
		...(narrowed.narrowedBy ? {narrowedBy: narrowed.narrowedBy} : {}),
		...(narrowed.invalid ? {invalid: narrowed.invalid} : {}),
		unconfirmed: [chain.unconfirmed, narrowed.unconfirmed].filter((note): note is string => note !== undefined),
	};
}

/** The names a ChainedTokenCredential setup lists (`EnvironmentCredential,AzureCli`); unknown names are returned apart. */
export function parseChain(text: string): {names: string[]; unknown: string[]} {
	const parts = text
		.split(/[,\s]+/)
		.map(part => part.trim())
		.filter(Boolean);
	const names: string[] = [];
	const unknown: string[] = [];
	for (const part of parts) {
		const kind = chainCredentialOf(part);
		const canonical = Object.entries(kindByName).find(([, value]) => value === kind)?.[0];
		if (!kind || !canonical) unknown.push(part);
		else names.push(displayName(canonical));
	}

	return {names, unknown};
}

/** `azureclicredential` → `AzureCliCredential`, as most SDKs spell it. */
function displayName(lower: string): string {
	const known = [
		'EnvironmentCredential',
		'WorkloadIdentityCredential',
		'ManagedIdentityCredential',
		'SharedTokenCacheCredential',
		'IntelliJCredential',
		'VisualStudioCredential',
		'VisualStudioCodeCredential',
		'AzureCliCredential',
		'AzurePowerShellCredential',
		'AzureDeveloperCliCredential',
		'BrokerCredential',
		'InteractiveBrowserCredential',
	];
	return known.find(name => name.toLowerCase() === lower) ?? lower;
}

const short = (tenant: string) => `${tenant.slice(0, 4)}…`;

/**
One sentence: `your Python app would use EnvironmentCredential (tenant 2222…) before it ever reaches
AzureCliCredential (tenant 1111…)`.
*/
export function describeOutcome(outcome: ChainOutcome): string {
	if (outcome.invalid) return `${outcome.subject} would not start: ${outcome.invalid}`;
	const {winner, shadowed} = outcome;
	if (!winner) {
		const maybe = outcome.members.filter(member => member.available === 'maybe').map(member => member.name);
		return `${outcome.subject} would find no usable credential${maybe.length > 0 ? ` unless ${maybe.join(' or ')} works here` : ''}`;
	}

	const tenant = (member: ChainMember) => (member.tenantId ? ` (tenant ${short(member.tenantId)})` : '');
	const first = `${outcome.subject} would use ${winner.name}${tenant(winner)}`;
	return shadowed ? `${first} before it ever reaches ${shadowed.name}${tenant(shadowed)}` : first;
}
