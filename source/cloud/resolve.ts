import {UsageError} from '../usage-error.ts';
import {builtInClouds, type Cloud} from './cloud.ts';

/** Where the cloud in force came from, for messages and reports. */
export type CloudSource = 'flag' | 'env' | 'azure-cli' | 'default';

export type ResolvedCloud = {readonly cloud: Cloud; readonly source: CloudSource};

/** Thrown when a cloud cannot be resolved; the message is for people. */
/** A cloud that cannot be used (an unknown name, a metadata URL that does not answer): bad input, exit 2. */
export class CloudError extends UsageError {
	override readonly name = 'CloudError';
}

export function findBuiltInCloud(name: string): Cloud | undefined {
	return builtInClouds.find(cloud => cloud.name.toLowerCase() === name.toLowerCase());
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

function asHttpsUrl(value: unknown, what: string, allowHttp: boolean): string {
	if (typeof value !== 'string' || value === '') throw new CloudError(`the cloud metadata has no ${what}`);
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new CloudError(`the cloud metadata's ${what} is not a URL: ${value.slice(0, 100)}`);
	}

	if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) {
		throw new CloudError(`the cloud metadata's ${what} is not https: ${url.origin}`);
	}

	return trimSlash(url.href);
}

/**
Reads an ARM metadata document into a Cloud. Two shapes exist: api-version 2022-09-01 answers an
array of clouds (`name`, `resourceManager`, `authentication.loginEndpoint`, `authentication.audiences`,
`microsoftGraphResourceId`); older versions (2015-01-01, what `az cloud register` asks) answer one
object with `authentication` and `graphEndpoint`, and no `resourceManager`: it is then the origin of
the metadata URL.
*/
export function parseCloudMetadata(document: unknown, metadataUrl: string, nameHint?: string): Cloud {
	const candidates = Array.isArray(document) ? document : [document];
	const origin = new URL(metadataUrl).origin;
	const chosen =
		(nameHint
			? candidates.find(item => isRecord(item) && String(item.name).toLowerCase() === nameHint.toLowerCase())
			: undefined) ??
		candidates.find(
			item => isRecord(item) && typeof item.resourceManager === 'string' && trimSlash(item.resourceManager) === origin,
		) ??
		candidates[0];
	if (!isRecord(chosen) || !isRecord(chosen.authentication)) {
		throw new CloudError('the cloud metadata has no `authentication` section');
	}

	const authentication = chosen.authentication;
	const audiences = Array.isArray(authentication.audiences)
		? authentication.audiences.filter(a => typeof a === 'string')
		: [];
	const resourceManager = asHttpsUrl(chosen.resourceManager ?? origin, 'resourceManager', false);
	const authorityHost = asHttpsUrl(authentication.loginEndpoint, 'authentication.loginEndpoint', false);
	const graphValue = chosen.microsoftGraphResourceId ?? chosen.graph ?? chosen.graphEndpoint;
	return {
		name: typeof chosen.name === 'string' && chosen.name !== '' ? chosen.name : new URL(metadataUrl).host,
		authorityHost,
		resourceManager,
		resourceManagerAudience: (audiences[0] as string | undefined) ?? `${resourceManager}/`,
		graph: typeof graphValue === 'string' && graphValue !== '' ? trimSlash(graphValue) : '',
		metadataUrl,
	};
}

/** The active cloud's name from the Azure CLI's `config` file (`[cloud] name = …`). */
export function parseAzureCliActiveCloud(configText: string): string | undefined {
	return readIni(configText).get('cloud')?.get('name');
}

/**
A cloud the Azure CLI knows from `clouds.config` (made by `az cloud register`): sections named after
the cloud with `endpoint_*` keys.
*/
export function parseAzureCliCloud(cloudsConfigText: string, name: string): Cloud | undefined {
	const section = readIni(cloudsConfigText).get(name);
	if (!section) return undefined;
	const authority = section.get('endpoint_active_directory');
	const resourceManager = section.get('endpoint_resource_manager');
	if (!authority || !resourceManager) return undefined;
	return {
		name,
		authorityHost: trimSlash(authority),
		resourceManager: trimSlash(resourceManager),
		resourceManagerAudience: section.get('endpoint_active_directory_resource_id') ?? `${trimSlash(resourceManager)}/`,
		graph: trimSlash(
			section.get('endpoint_microsoft_graph_resource_id') ??
				section.get('endpoint_active_directory_graph_resource_id') ??
				'',
		),
	};
}

function readIni(text: string): Map<string, Map<string, string>> {
	const sections = new Map<string, Map<string, string>>();
	let current: Map<string, string> | undefined;
	for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
		const line = rawLine.trim();
		if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
		const header = /^\[(.+)]$/.exec(line);
		if (header) {
			current = new Map();
			sections.set(header[1]!.trim(), current);
			continue;
		}

		const at = line.search(/[=:]/);
		if (current && at > 0) current.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
	}

	return sections;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ResolveCloudOptions = {
	/** `--cloud`: a built-in name or an ARM metadata URL. */
	readonly flag: string | undefined;
	readonly env: Readonly<Record<string, string | undefined>>;
	/** The Azure CLI's config folder (AZURE_CONFIG_DIR or ~/.azure). */
	readonly azureConfigDirectory: string;
	/** Reads a file as UTF-8, `undefined` when it does not exist. */
	readonly readFile: (path: string) => Promise<string | undefined>;
	readonly fetch: typeof globalThis.fetch;
	readonly timeoutMs: number;
	readonly signal?: AbortSignal;
};

/**
The cloud in force, in the order architecture.md fixes: `--cloud`, then `AUTHFIX_CLOUD`, then the
Azure CLI's active cloud, then AzureCloud. A value that is a URL is an ARM metadata endpoint;
`https://host` alone means `https://host/metadata/endpoints?api-version=2022-09-01`.
*/
export async function resolveCloud(options: ResolveCloudOptions): Promise<ResolvedCloud> {
	if (options.flag !== undefined && options.flag !== '') {
		return {cloud: await cloudFromValue(options.flag, '--cloud', options), source: 'flag'};
	}

	const fromEnv = options.env.AUTHFIX_CLOUD;
	if (fromEnv !== undefined && fromEnv !== '') {
		return {cloud: await cloudFromValue(fromEnv, 'AUTHFIX_CLOUD', options), source: 'env'};
	}

	const configText = await options.readFile(joinPath(options.azureConfigDirectory, 'config'));
	const active = configText === undefined ? undefined : parseAzureCliActiveCloud(configText);
	if (active) {
		const builtIn = findBuiltInCloud(active);
		if (builtIn) return {cloud: builtIn, source: 'azure-cli'};
		const cloudsText = await options.readFile(joinPath(options.azureConfigDirectory, 'clouds.config'));
		const custom = cloudsText === undefined ? undefined : parseAzureCliCloud(cloudsText, active);
		if (custom) return {cloud: custom, source: 'azure-cli'};
	}

	return {cloud: builtInClouds[0]!, source: 'default'};
}

async function cloudFromValue(value: string, where: string, options: ResolveCloudOptions): Promise<Cloud> {
	const builtIn = findBuiltInCloud(value);
	if (builtIn) return builtIn;
	if (!/^https?:\/\//i.test(value)) {
		const names = builtInClouds.map(cloud => cloud.name).join(', ');
		throw new CloudError(
			`${where}: unknown cloud '${value.slice(0, 80)}'. Use one of ${names}, or an ARM metadata URL`,
		);
	}

	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new CloudError(`${where}: '${value.slice(0, 80)}' is not a URL`);
	}

	if (url.protocol !== 'https:') throw new CloudError(`${where}: the metadata URL must use https`);
	if (url.pathname === '/' || url.pathname === '') {
		url.pathname = '/metadata/endpoints';
		url.searchParams.set('api-version', '2022-09-01');
	}

	const signal = options.signal
		? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
		: AbortSignal.timeout(options.timeoutMs);
	let response: Response;
	try {
		response = await options.fetch(url, {headers: {accept: 'application/json'}, signal});
	} catch (error) {
		throw new CloudError(`${where}: cannot read cloud metadata from ${url.origin}: ${describeFetchError(error)}`);
	}

	if (!response.ok) throw new CloudError(`${where}: ${url.origin} answered ${response.status} for the cloud metadata`);
	let document: unknown;
	try {
		document = await response.json();
	} catch {
		throw new CloudError(`${where}: the cloud metadata from ${url.origin} is not JSON`);
	}

	return parseCloudMetadata(document, url.href);
}

/** A short reason for a failed fetch: timeout, refused, TLS, DNS. */
export function describeFetchError(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timed out';
	const cause = (error as Error & {cause?: {code?: string; message?: string}}).cause;
	const code = cause?.code;
	if (code === 'ECONNREFUSED') return 'connection refused';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
	if (code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
		return `TLS failure (${code})`;
	}

	return cause?.message ?? error.message;
}

function joinPath(directory: string, file: string): string {
	return `${directory.replace(/[\\/]+$/, '')}/${file}`;
}
