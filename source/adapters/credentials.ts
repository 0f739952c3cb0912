import type {TokenCredential} from '@azure/core-auth';
import type {Cloud} from '../cloud/cloud.ts';
import {builtInClouds} from '../cloud/cloud.ts';
import {credentialAvailability} from '../credentials/availability.ts';
import {defaultChainOf} from '../credentials/default-chain.ts';
import {createAccessToken} from '../ports/access-token.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {AzureCli, CredentialKind, Credentials, LocalFiles, TokenResult} from '../ports/services.ts';
import {excerptOf} from '../safety/redact.ts';
import type {Transport} from './transport.ts';

type Env = Readonly<Record<string, string | undefined>>;

const has = (env: Env, name: string) => (env[name] ?? '') !== '';

function isMicrosoftAuthority(host: string): boolean {
	return builtInClouds.some(cloud => cloud.authorityHost === host);
}

/** `https://management.core.windows.net//.default` → `https://management.core.windows.net/`. */
function resourceOfScope(scope: string): string {
	return scope.replace(/\/\.default$/, '');
}

type Identity = typeof import('@azure/identity');

/**
Credentials built from the injected environment alone: nothing here reads `process.env` or the
process-wide CA list. EnvironmentCredential's variables become an explicit ClientSecretCredential,
ClientCertificateCredential or UsernamePasswordCredential; workload identity a ClientAssertionCredential
reading the injected AZURE_FEDERATED_TOKEN_FILE; managed identity talks to the endpoint the injected
variables name; the Azure CLI goes through the az adapter (with the injected AZURE_CONFIG_DIR); the
default chain walks those in DefaultAzureCredential's order. @azure/identity is imported lazily
(`explain` never loads it) and all its traffic goes through the transport's agents (CA, proxy).
*/
export function createCredentials(options: {
	readonly env: Env;
	readonly cloud: Cloud;
	readonly timeoutMs: number;
	readonly transport: Transport;
	readonly azureCli: AzureCli;
	readonly files: LocalFiles;
}): Credentials {
	const {env, cloud, timeoutMs, transport} = options;
	const availability = () => credentialAvailability(env);

	const clientOptions = () => ({
		authorityHost: cloud.authorityHost,
		disableInstanceDiscovery: !isMicrosoftAuthority(cloud.authorityHost),
		additionallyAllowedTenants: ['*'],
		additionalPolicies: [{policy: transport.policy, position: 'perRetry' as const}],
		retryOptions: {maxRetries: 0},
	});

	const environmentCredential = (identity: Identity): TokenCredential => {
		const tenant = env.AZURE_TENANT_ID ?? '';
		const client = env.AZURE_CLIENT_ID ?? '';
		const common = clientOptions();
		if (has(env, 'AZURE_CLIENT_SECRET')) {
			return new identity.ClientSecretCredential(tenant, client, env.AZURE_CLIENT_SECRET!, common);
		}

		if (has(env, 'AZURE_CLIENT_CERTIFICATE_PATH')) {
			return new identity.ClientCertificateCredential(
				tenant,
				client,
				{
					certificatePath: env.AZURE_CLIENT_CERTIFICATE_PATH!,
					...(has(env, 'AZURE_CLIENT_CERTIFICATE_PASSWORD')
						? {certificatePassword: env.AZURE_CLIENT_CERTIFICATE_PASSWORD!}
						: {}),
				},
				{...common, sendCertificateChain: /^(1|true)$/i.test(env.AZURE_CLIENT_SEND_CERTIFICATE_CHAIN ?? '')},
			);
		}

		return new identity.UsernamePasswordCredential(
			tenant,
			client,
			env.AZURE_USERNAME ?? '',
			env.AZURE_PASSWORD ?? '',
			common,
		);
	};

	const workloadCredential = (identity: Identity): TokenCredential => {
		const file = env.AZURE_FEDERATED_TOKEN_FILE ?? '';
		return new identity.ClientAssertionCredential(
			env.AZURE_TENANT_ID ?? '',
			env.AZURE_CLIENT_ID ?? '',
			async () => {
				const text = await options.files.readText(file, 64 * 1024);
				if (text === undefined)
					throw new AdapterError('unavailable', `the federated token file ${file} does not exist`);
				return text.trim();
			},
			clientOptions(),
		);
	};

	/** One credential by kind; `source` names the @azure/identity class it stands for. */
	async function single(
		kind: Exclude<CredentialKind, 'default'>,
		request: {readonly scope: string; readonly tenantId?: string},
		abortSignal: AbortSignal,
		probe: boolean,
	): Promise<TokenResult> {
		const item = availability().find(candidate => candidate.kind === kind)!;
		switch (kind) {
			case 'cli': {
				return options.azureCli.getAccessToken(
					{resource: resourceOfScope(request.scope), ...(request.tenantId ? {tenantId: request.tenantId} : {})},
					{signal: abortSignal},
				);
			}

			case 'managed-identity': {
				return managedIdentityToken({
					env,
					fetch: transport.fetch,
					files: options.files,
					resource: resourceOfScope(request.scope),
					signal: probe && !item.available ? AbortSignal.any([abortSignal, AbortSignal.timeout(1000)]) : abortSignal,
					probe: probe && !item.available,
				});
			}

			case 'env':
			case 'workload-identity': {
				if (!item.available) throw new AdapterError('unavailable', `${item.name}: ${item.reason}`, item.reason);
				const identity = await import('@azure/identity');
				const credential = kind === 'env' ? environmentCredential(identity) : workloadCredential(identity);
				const token = await raceAbort(
					credential.getToken(request.scope, {tenantId: request.tenantId, abortSignal}),
					abortSignal,
				);
				if (!token) throw new AdapterError('unavailable', `${item.name} returned no token`);
				return {
					token: createAccessToken(token.token),
					expiresOn: token.expiresOnTimestamp,
					tenantId: request.tenantId,
					source: item.name,
				};
			}
		}
	}

	return {
		availability,
		async getToken(kind, request, call): Promise<TokenResult> {
			const timeout = AbortSignal.timeout(timeoutMs);
			const abortSignal = call?.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
			const nameOf = (which: CredentialKind) =>
				which === 'default'
					? 'DefaultAzureCredential'
					: availability().find(candidate => candidate.kind === which)!.name;
			const attempt = async (which: Exclude<CredentialKind, 'default'>, probe: boolean) => {
				try {
					return await single(which, request, abortSignal, probe);
				} catch (error) {
					if (error instanceof AdapterError) {
						return Promise.reject(
							error.message.startsWith(nameOf(which)) || which === 'cli'
								? error
								: new AdapterError(error.code, `${nameOf(which)}: ${error.message}`, error.detail),
						);
					}

					if (timeout.aborted)
						throw new AdapterError('timeout', `${nameOf(which)} did not answer within ${timeoutMs / 1000} s`);
					if (call?.signal?.aborted) throw new AdapterError('aborted', `${nameOf(which)} was cancelled`);
					throw toAdapterError(error, nameOf(which));
				}
			};

			if (kind !== 'default') return attempt(kind, false);

			// DefaultAzureCredential: the first credential that is not "unavailable" answers, or fails for all.
			const {chain, invalid} = defaultChainOf(availability(), env);
			if (invalid) throw new AdapterError('invalid-argument', `DefaultAzureCredential: ${invalid}`);
			const skipped: string[] = [];
			for (const item of chain) {
				if (!item.available && item.kind !== 'managed-identity' && item.kind !== 'cli') {
					skipped.push(`${item.name}: ${item.reason}`);
					continue;
				}

				try {
					const token = await attempt(item.kind, true);
					return {...token, source: `DefaultAzureCredential (${item.name})`};
				} catch (error) {
					const unavailable =
						error instanceof AdapterError &&
						(error.code === 'unavailable' ||
							error.code === 'not-installed' ||
							error.code === 'not-signed-in' ||
							(item.kind === 'managed-identity' && !item.available));
					if (!unavailable || abortSignal.aborted) {
						throw error instanceof AdapterError
							? new AdapterError(error.code, `DefaultAzureCredential (${item.name}): ${error.message}`, error.detail)
							: error;
					}

					skipped.push(error.message);
				}
			}

			throw new AdapterError(
				'unavailable',
				`DefaultAzureCredential found no credential that could answer: ${skipped.join('; ')}`,
			);
		},
	};
}

/** What a managed identity endpoint answers with, or why it could not. */
export async function managedIdentityToken(request: {
	readonly env: Env;
	readonly fetch: typeof globalThis.fetch;
	readonly files: LocalFiles;
	readonly resource: string;
	readonly signal: AbortSignal;
	/** DefaultAzureCredential's IMDS probe: no answer means "unavailable", not a failure. */
	readonly probe: boolean;
}): Promise<TokenResult> {
	const {env, resource} = request;
	const clientId = has(env, 'AZURE_CLIENT_ID') ? env.AZURE_CLIENT_ID! : undefined;
	const source = 'ManagedIdentityCredential';
	let url: URL;
	let init: RequestInit;
	let where: string;
	if (has(env, 'IDENTITY_ENDPOINT') && has(env, 'IDENTITY_HEADER')) {
		where = 'App Service';
		url = new URL(env.IDENTITY_ENDPOINT!);
		url.searchParams.set('api-version', '2019-08-01');
		url.searchParams.set('resource', resource);
		if (clientId) url.searchParams.set('client_id', clientId);
		init = {headers: {'X-IDENTITY-HEADER': env.IDENTITY_HEADER!, accept: 'application/json'}};
	} else if (has(env, 'IDENTITY_ENDPOINT') && has(env, 'IMDS_ENDPOINT')) {
		where = 'Azure Arc';
		url = new URL(env.IDENTITY_ENDPOINT!);
		url.searchParams.set('api-version', '2020-06-01');
		url.searchParams.set('resource', resource);
		init = {headers: {Metadata: 'true', accept: 'application/json'}};
	} else if (has(env, 'MSI_ENDPOINT')) {
		url = new URL(env.MSI_ENDPOINT!);
		if (has(env, 'MSI_SECRET')) {
			where = 'Azure Machine Learning';
			url.searchParams.set('api-version', '2017-09-01');
			url.searchParams.set('resource', resource);
			if (clientId) url.searchParams.set('clientid', clientId);
			init = {headers: {secret: env.MSI_SECRET!, accept: 'application/json'}};
		} else {
			where = 'Cloud Shell';
			const form = new URLSearchParams({resource});
			if (clientId) form.set('client_id', clientId);
			init = {
				method: 'POST',
				headers: {Metadata: 'true', 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json'},
				body: form.toString(),
			};
		}
	} else {
		where = 'IMDS';
		url = new URL('/metadata/identity/oauth2/token', env.AZURE_POD_IDENTITY_AUTHORITY_HOST || 'http://169.254.169.254');
		url.searchParams.set('api-version', '2018-02-01');
		url.searchParams.set('resource', resource);
		if (clientId) url.searchParams.set('client_id', clientId);
		init = {headers: {Metadata: 'true', accept: 'application/json'}};
	}

	const send = async (extra: Record<string, string> = {}) => {
		try {
			return await request.fetch(url, {
				...init,
				headers: {...(init.headers as Record<string, string>), ...extra},
				signal: request.signal,
			});
		} catch (error) {
			if (request.probe)
				throw new AdapterError(
					'unavailable',
					`${source}: no managed identity endpoint answered (${where} at ${url.origin})`,
				);
			throw toAdapterError(error, `${source} (${where} at ${url.origin})`);
		}
	};

	let response = await send();
	if (where === 'Azure Arc' && response.status === 401) {
		// Arc answers with the path of a secret file to read and send back as Basic credentials.
		const realm = /Basic realm=([^\s,]+)/i.exec(response.headers.get('www-authenticate') ?? '')?.[1];
		if (realm && !isArcSecretFile(realm, env)) {
			throw new AdapterError(
				'failed',
				`${source}: Azure Arc named ${realm.slice(0, 120)} as its secret file, which is not a .key file in the agent's tokens folder: not read`,
			);
		}

		const secret = realm ? await request.files.readText(realm, 4096) : undefined;
		if (!secret) throw new AdapterError('failed', `${source}: Azure Arc asked for a secret file that cannot be read`);
		response = await send({Authorization: `Basic ${secret.trim()}`});
	}

	const text = await response.text();
	let body: Record<string, unknown> = {};
	try {
		body = JSON.parse(text) as Record<string, unknown>;
	} catch {
		// not JSON
	}

	if (response.status !== 200 || typeof body.access_token !== 'string') {
		const description = String(body.error_description ?? body.message ?? body.error ?? excerptOf(text, 200));
		const message = `${source} (${where} at ${url.origin}) answered ${response.status}: ${description}`;
		// While DefaultAzureCredential probes for IMDS, anything but a token (another cloud's metadata
		// service answering 404, an identity that is not assigned) means "not here": the chain moves on.
		throw new AdapterError(request.probe ? 'unavailable' : 'failed', message, description);
	}

	const expires = body.expires_on;
	const expiresOn =
		typeof expires === 'number' || (typeof expires === 'string' && /^\d+$/.test(expires))
			? Number(expires) * 1000
			: typeof expires === 'string'
				? Date.parse(expires) || undefined
				: undefined;
	return {token: createAccessToken(body.access_token), expiresOn, tenantId: undefined, source};
}

/**
Whether a file the Arc endpoint names is one the Arc agent writes: a `.key` file right in its tokens
folder, as MSAL checks. Anything else is refused: the endpoint must not pick which local file is sent.
*/
function isArcSecretFile(file: string, env: Env): boolean {
	const folders = ['/var/opt/azcmagent/tokens/'];
	if (has(env, 'ProgramData')) folders.push(`${env.ProgramData}\\AzureConnectedMachineAgent\\Tokens\\`);
	return folders.some(folder => file.startsWith(folder) && /^[^\\/]+\.key$/.test(file.slice(folder.length)));
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(signal.reason);
		if (signal.aborted) onAbort();
		signal.addEventListener('abort', onAbort, {once: true});
		promise.then(
			value => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			},
		);
	});
}

/** The AADSTS line of an identity error, or its first line. */
function describeIdentityError(error: unknown): string {
	const parts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
		parts.push(current.message);
		current = (current as Error & {cause?: unknown}).cause;
	}

	const text = parts.join('\n');
	const aadsts = /AADSTS\d+[^\n]*?(?=(?: Trace ID:| Correlation ID:| Timestamp:|\n|$))/.exec(text);
	return excerptOf((aadsts?.[0] ?? parts[0] ?? String(error)).trim(), 400);
}

function toAdapterError(error: unknown, source: string): AdapterError {
	const name = error instanceof Error ? error.name : '';
	const message = describeIdentityError(error);
	if (name === 'CredentialUnavailableError') {
		const notSignedIn = /az login/i.test(message);
		return new AdapterError(notSignedIn ? 'not-signed-in' : 'unavailable', `${source}: ${message}`, message);
	}

	if (/ECONNREFUSED/.test(message))
		return new AdapterError('refused', `${source}: connection refused (${message})`, message);
	if (/certificate|self.signed|CERT_/i.test(message))
		return new AdapterError('tls', `${source}: TLS failure (${message})`, message);
	return new AdapterError('failed', `${source}: ${message}`, message);
}
