import os from 'node:os';
import path from 'node:path';
import type {Cloud} from '../cloud/cloud.ts';
import {resolveCloud} from '../cloud/resolve.ts';
import type {Clock, Services, TokenCaches} from '../ports/services.ts';
import {createAzureCli} from './azure-cli.ts';
import {createAzureCliFiles} from './azure-cli-files.ts';
import {createCredentialStores} from './credential-stores.ts';
import {createCredentials} from './credentials.ts';
import {createHttp} from './http.ts';
import {createJobTokens} from './job-tokens.ts';
import {createLocalFiles, readTextIfPresent} from './local-files.ts';
import {authfixDataDirectoryOf, azureConfigDirectoryOf} from './locations.ts';
import {createTokenCaches} from './token-caches.ts';
import {createTransport} from './transport.ts';

/** Everything adapters need from the outside world; only the composition root and commands build it. */
export type Environment = {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cloud: Cloud;
	/**
	Only for tests that fake the network. Left out (or `globalThis.fetch`), HTTP goes through the
	transport built from `env`: its NODE_EXTRA_CA_CERTS, HTTPS_PROXY and NO_PROXY, never the globals.
	*/
	readonly fetch?: typeof globalThis.fetch;
	/** More CA certificates (PEM) to trust besides Node's defaults and the injected NODE_EXTRA_CA_CERTS. */
	readonly caPem?: readonly string[];
	readonly clock: Clock;
	readonly timeoutMs: number;
	/** `az` unless AUTHFIX_AZ says otherwise. */
	readonly azCommand?: string;
	readonly homeDirectory?: string;
};

export function createServices(environment: Environment): Services {
	const {env, cloud, timeoutMs} = environment;
	const home = environment.homeDirectory ?? env.HOME ?? os.homedir();
	const azureConfigDirectory = azureConfigDirectoryOf(env, home);
	const transport = createTransport({env, ...(environment.caPem ? {caPem: environment.caPem} : {})});
	const fetch = environment.fetch && environment.fetch !== globalThis.fetch ? environment.fetch : transport.fetch;
	const azureCli = createAzureCli({command: environment.azCommand ?? env.AUTHFIX_AZ ?? 'az', env, timeoutMs});
	const files = createLocalFiles();
	const http = createHttp({fetch, cloud, timeoutMs, policy: transport.policy});
	return {
		cloud,
		azureCli,
		azureCliFiles: createAzureCliFiles(azureConfigDirectory),
		credentials: createCredentials({env, cloud, timeoutMs, transport, azureCli, files}),
		http,
		caches: tokenCachesOf(env, home, () => environment.clock.now()),
		files,
		jobTokens: createJobTokens(http),
		stores: createCredentialStores({env, home, files}),
		clock: environment.clock,
		env,
		timeoutMs,
	};
}

/** The token caches under this environment's folders: the Azure CLI's, @azure/identity's and authfix's own. */
export function tokenCachesOf(
	env: Readonly<Record<string, string | undefined>>,
	home: string,
	now: () => number,
): TokenCaches {
	return createTokenCaches({
		azureConfigDirectory: azureConfigDirectoryOf(env, home),
		identityServiceDirectory: path.join(home, '.IdentityService'),
		authfixDataDirectory: authfixDataDirectoryOf(env, home),
		now,
	});
}

/**
The cloud in force for an environment: `--cloud`, then AUTHFIX_CLOUD, then the Azure CLI's active
cloud (read from its config folder), then AzureCloud. A metadata URL is fetched with `fetch` (the
transport of the environment: its CA and proxy).
*/
export function cloudInForce(options: {
	readonly flag: string | undefined;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly fetch: typeof globalThis.fetch;
	readonly timeoutMs: number;
}) {
	return resolveCloud({
		flag: options.flag,
		env: options.env,
		azureConfigDirectory: azureConfigDirectoryOf(options.env, options.env.HOME),
		readFile: readTextIfPresent,
		fetch: options.fetch,
		timeoutMs: options.timeoutMs,
	});
}
