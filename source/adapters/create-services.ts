import {open} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {Cloud} from '../cloud/cloud.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {Clock, Services, TokenCaches} from '../ports/services.ts';
import {createAzureCli} from './azure-cli.ts';
import {createAzureCliFiles} from './azure-cli-files.ts';
import {createCredentials} from './credentials.ts';
import {createHttp} from './http.ts';
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
	const files: Services['files'] = {
		async readText(file, maxBytes) {
			try {
				// Read one byte more than allowed, never the whole file: a path may name /dev/zero or a pipe.
				const handle = await open(file, 'r');
				try {
					const buffer = Buffer.alloc(maxBytes + 1);
					let length = 0;
					while (length < buffer.length) {
						const {bytesRead} = await handle.read(buffer, length, buffer.length - length);
						if (bytesRead === 0) break;
						length += bytesRead;
					}

					if (length > maxBytes) throw new AdapterError('failed', `${file} is larger than ${maxBytes} bytes`);
					return buffer.subarray(0, length).toString('utf8');
				} finally {
					await handle.close();
				}
			} catch (error) {
				if (error instanceof AdapterError) throw error;
				const code = (error as NodeJS.ErrnoException).code;
				if (code === 'ENOENT') return undefined;
				throw new AdapterError('failed', `cannot read ${file}: ${code ?? 'error'}`);
			}
		},
	};
	return {
		cloud,
		azureCli,
		azureCliFiles: createAzureCliFiles(azureConfigDirectory),
		credentials: createCredentials({env, cloud, timeoutMs, transport, azureCli, files}),
		http: createHttp({fetch, cloud, timeoutMs, policy: transport.policy}),
		caches: tokenCachesOf(env, home, () => environment.clock.now()),
		files,
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
