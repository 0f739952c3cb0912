/**
The developer tools' sign-in files, found where each tool keeps them and read with a bound (they are
small; anything larger is not theirs). Paths: Azure PowerShell `~/.Azure/AzureRmContext.json`; azd
`$AZD_CONFIG_DIR` or `~/.azd` (`config.json`, `auth.json`); the VS Code Azure extension's
`authRecord.json` under `~/.azure` (or `~/.Azure`); Visual Studio's `tokenprovider.json` under
`$LOCALAPPDATA/.IdentityService` (or `~/.IdentityService`).
*/
import path from 'node:path';
import type {StoreName, StoreTexts} from '../credentials/local-stores.ts';
import type {CredentialStores, LocalFiles} from '../ports/services.ts';

const maxBytes = 1024 * 1024;

/** Each store's candidate paths, the first that exists wins. */
export function storePaths(
	env: Readonly<Record<string, string | undefined>>,
	home: string,
): Record<StoreName, string[]> {
	const azd = env.AZD_CONFIG_DIR || path.join(home, '.azd');
	const vscode = path.join('ms-azuretools.vscode-azureresourcegroups', 'authRecord.json');
	const identityService = [
		env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, '.IdentityService') : undefined,
		path.join(home, '.IdentityService'),
	]
		.filter((folder): folder is string => folder !== undefined)
		.map(folder => path.join(folder, 'AzureServiceAuth', 'tokenprovider.json'));
	return {
		'azure-powershell': [path.join(home, '.Azure', 'AzureRmContext.json')],
		'azd-config': [path.join(azd, 'config.json')],
		'azd-auth': [path.join(azd, 'auth.json')],
		'vscode-auth-record': [path.join(home, '.azure', vscode), path.join(home, '.Azure', vscode)],
		'visual-studio': identityService,
	};
}

export function createCredentialStores(options: {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly home: string;
	readonly files: LocalFiles;
}): CredentialStores {
	return {
		async read() {
			const found: Partial<Record<StoreName, {path: string; text: string}>> = {};
			const paths = storePaths(options.env, options.home);
			await Promise.all(
				(Object.keys(paths) as StoreName[]).map(async name => {
					for (const candidate of paths[name]) {
						const text = await options.files.readText(candidate, maxBytes).catch(() => undefined);
						if (text !== undefined) {
							found[name] = {path: candidate, text};
							return;
						}
					}
				}),
			);
			return found satisfies StoreTexts;
		},
	};
}
