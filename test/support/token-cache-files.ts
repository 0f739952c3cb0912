/**
Token cache files as the Azure CLI and @azure/identity leave them, with random secrets minted per run
(nothing token-like is committed): an MSAL cache with access tokens of two tenants, a profile with a
subscription in each (UTF-8 with a BOM, as the CLI writes it), service principal entries with a
client secret, and @azure/identity's persistent cache.
*/
import {randomBytes} from 'node:crypto';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';

export const cacheTenantA = '11111111-1111-1111-1111-111111111111';
export const cacheTenantB = '22222222-2222-2222-2222-222222222222';

/** A random secret, per run. */
export const secret = () => randomBytes(24).toString('base64url');

/** Every secret in a cache file (`secret` and `client_secret` values). */
export function secretsIn(bytes: Buffer): string[] {
	return [...bytes.toString('utf8').matchAll(/"(?:secret|client_secret)":"([^"]+)"/g)].map(match => match[1]!);
}

/** Writes the cache files (0600) under `azure` and `identity`; returns each file's bytes. */
export async function seedCaches(azure: string, identity: string): Promise<Map<string, Buffer>> {
	await mkdir(azure, {recursive: true});
	await mkdir(identity, {recursive: true});
	const entry = (tenant: string, n: number) => ({
		credential_type: 'AccessToken',
		secret: secret(),
		home_account_id: '',
		environment: 'login.microsoftonline.com',
		client_id: `aaaaaaaa-0000-0000-0000-00000000000${n}`,
		target: 'https://management.core.windows.net//.default',
		realm: tenant,
		token_type: 'Bearer',
		cached_at: '1780000000',
		expires_on: '1780003600',
	});
	const msal = {
		AccessToken: {a: entry(cacheTenantA, 1), b: entry(cacheTenantB, 1)},
		Account: {},
		IdToken: {},
		RefreshToken: {},
		AppMetadata: {},
	};
	const profile = {
		installationId: 'x',
		subscriptions: [
			{
				id: '33333333-3333-3333-3333-333333333333',
				tenantId: cacheTenantA,
				user: {name: 'app', type: 'servicePrincipal'},
				isDefault: true,
			},
			{
				id: '44444444-4444-4444-4444-444444444444',
				tenantId: cacheTenantB,
				user: {name: 'app', type: 'servicePrincipal'},
				isDefault: false,
			},
		],
	};
	const files = new Map<string, Buffer>([
		[path.join(azure, 'msal_token_cache.json'), Buffer.from(JSON.stringify(msal))],
		[
			path.join(azure, 'azureProfile.json'),
			Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(profile, null, 4))]),
		],
		[
			path.join(azure, 'service_principal_entries.json'),
			Buffer.from(JSON.stringify([{client_id: 'app', tenant: cacheTenantA, client_secret: secret()}])),
		],
		[path.join(identity, 'msal.cache.nocae'), Buffer.from(JSON.stringify({AccessToken: {c: entry(cacheTenantB, 2)}}))],
	]);
	for (const [file, bytes] of files) await writeFile(file, bytes, {mode: 0o600});
	await writeFile(path.join(azure, 'config'), '[core]\n');
	return files;
}
