import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {AdapterError} from '../ports/adapter-error.ts';
import type {AzureCliFiles, MsalCacheSummary, ProfileSubscription} from '../ports/services.ts';
import {isRecord} from './azure-cli.ts';

/** Reads a file, `undefined` when it does not exist. */
export async function readOptional(file: string): Promise<Buffer | undefined> {
	try {
		return await readFile(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
		throw new AdapterError('failed', `cannot read ${file}: ${code ?? 'error'}`);
	}
}

/** JSON as the Azure CLI writes it: azureProfile.json is UTF-8 with a BOM (`utf-8-sig`). */
export function parseJsonWithBom(bytes: Buffer, file: string): unknown {
	try {
		return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
	} catch {
		throw new AdapterError('garbage', `${path.basename(file)} is not valid JSON`);
	}
}

export function summarizeProfile(value: unknown): ProfileSubscription[] {
	const list = isRecord(value) && Array.isArray(value.subscriptions) ? value.subscriptions : [];
	return list.filter(isRecord).map(entry => {
		const user = isRecord(entry.user) ? entry.user : {};
		return {
			id: String(entry.id ?? ''),
			name: String(entry.name ?? ''),
			tenantId: String(entry.tenantId ?? ''),
			homeTenantId: typeof entry.homeTenantId === 'string' ? entry.homeTenantId : undefined,
			environmentName: String(entry.environmentName ?? ''),
			isDefault: entry.isDefault === true,
			userName: String(user.name ?? ''),
			userType: String(user.type ?? ''),
		};
	});
}

/** What an MSAL cache (unified schema: Account, AccessToken, RefreshToken, IdToken) holds; secrets are skipped. */
export function summarizeMsalCache(value: unknown): MsalCacheSummary {
	const section = (name: string) => {
		const entries = isRecord(value) && isRecord(value[name]) ? value[name] : {};
		return Object.values(entries).filter(isRecord);
	};

	return {
		accounts: section('Account').map(entry => ({
			homeAccountId: String(entry.home_account_id ?? ''),
			username: String(entry.username ?? ''),
			realm: String(entry.realm ?? ''),
			environment: String(entry.environment ?? ''),
		})),
		accessTokens: section('AccessToken').map(entry => {
			const expires = Number(entry.expires_on);
			return {
				clientId: String(entry.client_id ?? ''),
				realm: String(entry.realm ?? ''),
				environment: String(entry.environment ?? ''),
				target: String(entry.target ?? ''),
				expiresOn: Number.isFinite(expires) && expires > 0 ? expires * 1000 : undefined,
				homeAccountId: String(entry.home_account_id ?? ''),
			};
		}),
		refreshTokens: section('RefreshToken').length,
	};
}

/** The Azure CLI's state files under AZURE_CONFIG_DIR; read-only. */
export function createAzureCliFiles(directory: string): AzureCliFiles {
	const file = (name: string) => path.join(directory, name);
	return {
		directory,
		async readProfile() {
			const bytes = await readOptional(file('azureProfile.json'));
			return bytes === undefined ? undefined : summarizeProfile(parseJsonWithBom(bytes, 'azureProfile.json'));
		},
		async readMsalCache() {
			const bytes = await readOptional(file('msal_token_cache.json'));
			return bytes === undefined ? undefined : summarizeMsalCache(parseJsonWithBom(bytes, 'msal_token_cache.json'));
		},
		async readServicePrincipals() {
			const bytes = await readOptional(file('service_principal_entries.json'));
			if (bytes === undefined) return undefined;
			const value = parseJsonWithBom(bytes, 'service_principal_entries.json');
			const list = Array.isArray(value) ? value.filter(isRecord) : [];
			return list.map(entry => ({
				clientId: String(entry.client_id ?? entry.servicePrincipalId ?? ''),
				tenant: String(entry.tenant ?? entry.servicePrincipalTenant ?? ''),
				kind:
					'client_secret' in entry || 'accessToken' in entry
						? 'secret'
						: 'certificate' in entry
							? 'certificate'
							: 'assertion',
			}));
		},
		async readCloudsConfig() {
			return (await readOptional(file('clouds.config')))?.toString('utf8');
		},
		async readActiveCloudName() {
			const bytes = await readOptional(file('config'));
			if (bytes === undefined) return undefined;
			let inCloud = false;
			for (const raw of bytes.toString('utf8').split(/\r?\n/)) {
				const line = raw.trim();
				const header = /^\[(.+)]$/.exec(line);
				if (header) inCloud = header[1]!.trim() === 'cloud';
				else if (inCloud) {
					const match = /^name\s*[=:]\s*(.+)$/.exec(line);
					if (match) return match[1]!.trim();
				}
			}

			return undefined;
		},
	};
}
