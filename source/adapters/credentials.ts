import type {TokenCredential} from '@azure/core-auth';
import type {Cloud} from '../cloud/cloud.ts';
import {builtInClouds} from '../cloud/cloud.ts';
import {createAccessToken} from './access-token.ts';
import {AdapterError, type CredentialAvailability, type Credentials, type TokenResult} from './ports.ts';

type Env = Readonly<Record<string, string | undefined>>;

const has = (env: Env, name: string) => (env[name] ?? '') !== '';

/**
Which credentials the environment configures, in DefaultAzureCredential's order (4.14: Environment,
WorkloadIdentity, ManagedIdentity, …, AzureCli), with the variables that decide each. The Azure CLI's
availability depends on `az` itself; the cli-context check says whether it is signed in.
*/
export function credentialAvailability(env: Env): CredentialAvailability[] {
	const missing = (names: string[]) => names.filter(name => !has(env, name));
	const base = missing(['AZURE_TENANT_ID', 'AZURE_CLIENT_ID']);
	let environment: CredentialAvailability;
	if (base.length > 0) {
		environment = {
			kind: 'env',
			name: 'EnvironmentCredential',
			available: false,
			reason: `${base.join(' and ')} not set`,
		};
	} else if (has(env, 'AZURE_CLIENT_SECRET')) {
		environment = {
			kind: 'env',
			name: 'EnvironmentCredential',
			available: true,
			reason: 'AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are set (client secret)',
		};
	} else if (has(env, 'AZURE_CLIENT_CERTIFICATE_PATH')) {
		environment = {
			kind: 'env',
			name: 'EnvironmentCredential',
			available: true,
			reason: `AZURE_CLIENT_CERTIFICATE_PATH is set (certificate)`,
		};
	} else if (has(env, 'AZURE_USERNAME') && has(env, 'AZURE_PASSWORD')) {
		environment = {
			kind: 'env',
			name: 'EnvironmentCredential',
			available: true,
			reason: 'AZURE_USERNAME and AZURE_PASSWORD are set (username and password)',
		};
	} else {
		environment = {
			kind: 'env',
			name: 'EnvironmentCredential',
			available: false,
			reason:
				'AZURE_TENANT_ID and AZURE_CLIENT_ID are set, but no AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_USERNAME/AZURE_PASSWORD',
		};
	}

	const workloadMissing = missing(['AZURE_FEDERATED_TOKEN_FILE', 'AZURE_CLIENT_ID', 'AZURE_TENANT_ID']);
	const workload: CredentialAvailability = {
		kind: 'workload-identity',
		name: 'WorkloadIdentityCredential',
		available: workloadMissing.length === 0,
		reason:
			workloadMissing.length === 0
				? `AZURE_FEDERATED_TOKEN_FILE is set (${env.AZURE_FEDERATED_TOKEN_FILE})`
				: `${workloadMissing.join(', ')} not set`,
	};

	const managedSource =
		has(env, 'IDENTITY_ENDPOINT') && has(env, 'IDENTITY_HEADER')
			? 'App Service (IDENTITY_ENDPOINT and IDENTITY_HEADER)'
			: has(env, 'IDENTITY_ENDPOINT') && has(env, 'IMDS_ENDPOINT')
				? 'Azure Arc (IDENTITY_ENDPOINT and IMDS_ENDPOINT)'
				: has(env, 'MSI_ENDPOINT')
					? 'Cloud Shell or Machine Learning (MSI_ENDPOINT)'
					: has(env, 'AZURE_POD_IDENTITY_AUTHORITY_HOST')
						? 'IMDS at AZURE_POD_IDENTITY_AUTHORITY_HOST'
						: undefined;
	const managed: CredentialAvailability = {
		kind: 'managed-identity',
		name: 'ManagedIdentityCredential',
		available: managedSource !== undefined,
		reason:
			managedSource ??
			'no managed identity endpoint variables; only the Azure VM metadata service (IMDS, probed for 1 s by DefaultAzureCredential) could answer',
	};

	const cli: CredentialAvailability = {
		kind: 'cli',
		name: 'AzureCliCredential',
		available: true,
		reason: 'uses `az account get-access-token`: available when the Azure CLI is installed and signed in',
	};
	return [environment, workload, managed, cli];
}

/** The credential DefaultAzureCredential would use first, from the same variables. */
export function defaultCredentialPick(availability: readonly CredentialAvailability[]): CredentialAvailability {
	return availability.find(item => item.available) ?? availability.at(-1)!;
}

function isMicrosoftAuthority(host: string): boolean {
	return builtInClouds.some(cloud => cloud.authorityHost === host);
}

/** Credentials through @azure/identity, imported lazily (`explain` never loads it). */
export function createCredentials(options: {
	readonly env: Env;
	readonly cloud: Cloud;
	readonly timeoutMs: number;
}): Credentials {
	const {env, cloud, timeoutMs} = options;
	return {
		availability: () => credentialAvailability(env),
		async getToken(kind, request, call): Promise<TokenResult> {
			const identity = await import('@azure/identity');
			const common = {
				authorityHost: cloud.authorityHost,
				disableInstanceDiscovery: !isMicrosoftAuthority(cloud.authorityHost),
				additionallyAllowedTenants: ['*'],
			};
			let credential: TokenCredential;
			let source: string;
			switch (kind) {
				case 'cli': {
					credential = new identity.AzureCliCredential({
						processTimeoutInMs: timeoutMs,
						additionallyAllowedTenants: ['*'],
					});
					source = 'AzureCliCredential';
					break;
				}

				case 'env': {
					credential = new identity.EnvironmentCredential(common);
					source = 'EnvironmentCredential';
					break;
				}

				case 'managed-identity': {
					credential = has(env, 'AZURE_CLIENT_ID')
						? new identity.ManagedIdentityCredential({clientId: env.AZURE_CLIENT_ID!})
						: new identity.ManagedIdentityCredential();
					source = 'ManagedIdentityCredential';
					break;
				}

				case 'workload-identity': {
					credential = new identity.WorkloadIdentityCredential({
						...common,
						tenantId: env.AZURE_TENANT_ID,
						clientId: env.AZURE_CLIENT_ID,
						tokenFilePath: env.AZURE_FEDERATED_TOKEN_FILE,
					});
					source = 'WorkloadIdentityCredential';
					break;
				}

				case 'default': {
					credential = new identity.DefaultAzureCredential({...common, processTimeoutInMs: timeoutMs});
					source = `DefaultAzureCredential (${defaultCredentialPick(credentialAvailability(env)).name})`;
					break;
				}
			}

			const timeout = AbortSignal.timeout(timeoutMs);
			const abortSignal = call?.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
			try {
				const token = await raceAbort(
					credential.getToken(request.scope, {tenantId: request.tenantId, abortSignal}),
					abortSignal,
				);
				if (!token) throw new AdapterError('unavailable', `${source} returned no token`);
				return {
					token: createAccessToken(token.token),
					expiresOn: token.expiresOnTimestamp,
					tenantId: request.tenantId,
					source,
				};
			} catch (error) {
				if (error instanceof AdapterError) throw error;
				if (timeout.aborted) throw new AdapterError('timeout', `${source} did not answer within ${timeoutMs / 1000} s`);
				if (call?.signal?.aborted) throw new AdapterError('aborted', `${source} was cancelled`);
				throw toAdapterError(error, source);
			}
		},
	};
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
export function describeIdentityError(error: unknown): string {
	const parts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
		parts.push(current.message);
		current = (current as Error & {cause?: unknown}).cause;
	}

	const text = parts.join('\n');
	const aadsts = /AADSTS\d+[^\n]*?(?=(?: Trace ID:| Correlation ID:| Timestamp:|\n|$))/.exec(text);
	return (aadsts?.[0] ?? parts[0] ?? String(error)).trim().slice(0, 400);
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
