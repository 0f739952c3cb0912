import {randomBytes} from 'node:crypto';
import {mkdir, open, readdir, rename, rm, stat, unlink} from 'node:fs/promises';
import path from 'node:path';
import {AdapterError} from '../ports/adapter-error.ts';
import type {CacheBackup, CacheFile, PurgePlan, TokenCaches} from '../ports/services.ts';
import {isRecord} from './azure-cli.ts';
import {parseJsonWithBom, readOptional, summarizeMsalCache, summarizeProfile} from './azure-cli-files.ts';

type Known = {
	readonly path: string;
	readonly owner: CacheFile['owner'];
	readonly what: string;
	readonly format: 'msal' | 'profile' | 'service-principals' | 'opaque';
};

type Manifest = {
	readonly version: 1;
	readonly createdAt: string;
	readonly tenant: string | null;
	readonly files: ReadonlyArray<{
		readonly path: string;
		readonly stored: string;
		readonly bytes: number;
		readonly mode: number;
	}>;
};

const bom = Buffer.from([0xef, 0xbb, 0xbf]);

/**
Token caches on disk: the Azure CLI's MSAL cache, profile and service principal entries, the
@azure/identity persistent cache (~/.IdentityService/msal.cache*, unencrypted on Linux), and authfix's
own cache folder. A purge writes a complete, fsync'd backup (manifest last) before it touches
anything, so an interrupted purge loses nothing; restore writes each file back atomically.
*/
export function createTokenCaches(options: {
	readonly azureConfigDirectory: string;
	readonly identityServiceDirectory: string;
	readonly authfixDataDirectory: string;
	readonly now: () => number;
}): TokenCaches {
	const az = (name: string) => path.join(options.azureConfigDirectory, name);
	const id = (name: string) => path.join(options.identityServiceDirectory, name);
	const backupRoot = path.join(options.authfixDataDirectory, 'backups');
	const authfixCache = path.join(options.authfixDataDirectory, 'cache');

	async function knownFiles(): Promise<Known[]> {
		const files: Known[] = [
			{path: az('msal_token_cache.json'), owner: 'azure-cli', what: "Azure CLI's MSAL token cache", format: 'msal'},
			{
				path: az('msal_token_cache.bin'),
				owner: 'azure-cli',
				what: "Azure CLI's encrypted MSAL token cache",
				format: 'opaque',
			},
			{
				path: az('azureProfile.json'),
				owner: 'azure-cli',
				what: "Azure CLI's profile (subscriptions)",
				format: 'profile',
			},
			{
				path: az('service_principal_entries.json'),
				owner: 'azure-cli',
				what: "Azure CLI's service principal entries",
				format: 'service-principals',
			},
			{
				path: az('service_principal_entries.bin'),
				owner: 'azure-cli',
				what: "Azure CLI's encrypted service principal entries",
				format: 'opaque',
			},
			{path: az('accessTokens.json'), owner: 'azure-cli', what: "Azure CLI's legacy ADAL cache", format: 'opaque'},
		];
		for (const name of ['msal.cache', 'msal.cache.nocae', 'msal.cache.cae']) {
			files.push({
				path: id(name),
				owner: 'azure-identity',
				what: "@azure/identity's persistent token cache",
				format: 'msal',
			});
		}

		for (const name of await listFolder(authfixCache)) {
			files.push({
				path: path.join(authfixCache, name),
				owner: 'authfix',
				what: "authfix's cached data",
				format: 'opaque',
			});
		}

		return files;
	}

	async function existing(): Promise<Array<Known & {bytes: Buffer}>> {
		const found: Array<Known & {bytes: Buffer}> = [];
		for (const file of await knownFiles()) {
			const bytes = await readOptional(file.path);
			if (bytes !== undefined) found.push({...file, bytes});
		}

		return found;
	}

	async function readManifest(directory: string): Promise<Manifest | undefined> {
		const bytes = await readOptional(path.join(directory, 'manifest.json'));
		if (bytes === undefined) return undefined;
		try {
			return JSON.parse(bytes.toString('utf8')) as Manifest;
		} catch {
			return undefined;
		}
	}

	async function backups(): Promise<CacheBackup[]> {
		const result: CacheBackup[] = [];
		for (const name of (await listFolder(backupRoot)).sort()) {
			const directory = path.join(backupRoot, name);
			const manifest = await readManifest(directory);
			if (manifest)
				result.push({name, directory, createdAt: manifest.createdAt, files: manifest.files.map(file => file.path)});
		}

		return result;
	}

	return {
		async list() {
			return (await existing()).map(file => {
				const {tenants, accounts} = describe(file.format, file.bytes);
				return {path: file.path, owner: file.owner, what: file.what, bytes: file.bytes.length, tenants, accounts};
			});
		},
		async plan(tenant) {
			const remove: string[] = [];
			const rewrite: Array<{path: string; removedEntries: number}> = [];
			for (const file of await existing()) {
				if (tenant === undefined) {
					if (file.format === 'profile') rewrite.push({path: file.path, removedEntries: countProfile(file.bytes)});
					else remove.push(file.path);
					continue;
				}

				const filtered = filterTenant(file.format, file.bytes, tenant);
				if (filtered && filtered.removed > 0) rewrite.push({path: file.path, removedEntries: filtered.removed});
			}

			return {tenant, remove, rewrite};
		},
		async purge(plan: PurgePlan, hooks) {
			const touched = [...plan.remove, ...plan.rewrite.map(item => item.path)];
			if (touched.length === 0) return undefined;
			const createdAt = new Date(options.now()).toISOString();
			const name = `${createdAt.replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
			const directory = path.join(backupRoot, name);
			await mkdir(path.join(directory, 'files'), {recursive: true, mode: 0o700});
			const entries: Array<Manifest['files'][number]> = [];
			const contents = new Map<string, Buffer>();
			for (const [index, file] of touched.entries()) {
				const bytes = await readOptional(file);
				if (bytes === undefined) continue;
				const info = await stat(file);
				const stored = `files/${index}`;
				await writeDurably(path.join(directory, stored), bytes, 0o600);
				entries.push({path: file, stored, bytes: bytes.length, mode: info.mode & 0o777});
				contents.set(file, bytes);
			}

			const manifest: Manifest = {version: 1, createdAt, tenant: plan.tenant ?? null, files: entries};
			await writeDurably(
				path.join(directory, 'manifest.json'),
				Buffer.from(`${JSON.stringify(manifest, null, '\t')}\n`),
				0o600,
			);
			await syncFolder(directory);
			await hooks?.afterStep?.('backup-written');

			for (const file of plan.remove) {
				if (!contents.has(file)) continue;
				await unlink(file).catch((error: NodeJS.ErrnoException) => {
					if (error.code !== 'ENOENT') throw error;
				});
				await hooks?.afterStep?.(`removed ${file}`);
			}

			for (const item of plan.rewrite) {
				const bytes = contents.get(item.path);
				if (bytes === undefined) continue;
				const format = (await knownFiles()).find(file => file.path === item.path)?.format ?? 'opaque';
				const next = plan.tenant === undefined ? emptyProfile(bytes) : filterTenant(format, bytes, plan.tenant)?.bytes;
				if (next) {
					const info = entries.find(entry => entry.path === item.path);
					await writeAtomically(item.path, next, info?.mode ?? 0o600);
				}

				await hooks?.afterStep?.(`rewrote ${item.path}`);
			}

			return {name, directory, createdAt, files: entries.map(entry => entry.path)};
		},
		backups,
		async restore(name) {
			const all = await backups();
			const chosen = name === undefined ? all.at(-1) : all.find(backup => backup.name === name);
			if (!chosen) {
				throw new AdapterError(
					'failed',
					name === undefined ? 'there is no cache backup to restore' : `there is no cache backup named ${name}`,
				);
			}

			const manifest = (await readManifest(chosen.directory))!;
			for (const file of manifest.files) {
				const bytes = await readOptional(path.join(chosen.directory, file.stored));
				if (bytes === undefined || bytes.length !== file.bytes) {
					throw new AdapterError(
						'failed',
						`the backup ${chosen.name} is damaged: ${file.stored} is missing or truncated`,
					);
				}

				await mkdir(path.dirname(file.path), {recursive: true, mode: 0o700});
				await writeAtomically(file.path, bytes, file.mode);
			}

			return chosen;
		},
	};
}

async function listFolder(directory: string): Promise<string[]> {
	try {
		return (await readdir(directory, {withFileTypes: true}))
			.filter(entry => entry.isFile() || entry.isDirectory())
			.map(entry => entry.name);
	} catch {
		return [];
	}
}

async function writeDurably(file: string, bytes: Buffer, mode: number): Promise<void> {
	const handle = await open(file, 'w', mode);
	try {
		await handle.writeFile(bytes);
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** Write a sibling temp file, fsync it, rename over the target: readers see the old or the new file, never half. */
async function writeAtomically(file: string, bytes: Buffer, mode: number): Promise<void> {
	const temporary = `${file}.authfix-${randomBytes(3).toString('hex')}`;
	try {
		await writeDurably(temporary, bytes, mode);
		await rename(temporary, file);
	} catch (error) {
		await rm(temporary, {force: true});
		throw error;
	}

	await syncFolder(path.dirname(file));
}

async function syncFolder(directory: string): Promise<void> {
	try {
		const handle = await open(directory, 'r');
		try {
			await handle.sync();
		} finally {
			await handle.close();
		}
	} catch {
		// Some filesystems refuse fsync on a directory; the file data itself is already synced.
	}
}

function parse(bytes: Buffer): unknown {
	try {
		return parseJsonWithBom(bytes, 'cache');
	} catch {
		return undefined;
	}
}

function describe(format: Known['format'], bytes: Buffer): {tenants: string[]; accounts: string[]} {
	const value = parse(bytes);
	if (value === undefined) return {tenants: [], accounts: []};
	if (format === 'msal') {
		const summary = summarizeMsalCache(value);
		return {
			tenants: unique([
				...summary.accessTokens.map(token => token.realm),
				...summary.accounts.map(account => account.realm),
			]),
			accounts: unique([
				...summary.accounts.map(account => account.username),
				...summary.accessTokens.map(token => token.clientId),
			]),
		};
	}

	if (format === 'profile') {
		const subscriptions = summarizeProfile(value);
		return {
			tenants: unique(subscriptions.map(item => item.tenantId)),
			accounts: unique(subscriptions.map(item => item.userName)),
		};
	}

	if (format === 'service-principals' && Array.isArray(value)) {
		const list = value.filter(isRecord);
		return {
			tenants: unique(list.map(item => String(item.tenant ?? ''))),
			accounts: unique(list.map(item => String(item.client_id ?? ''))),
		};
	}

	return {tenants: [], accounts: []};
}

function unique(values: string[]): string[] {
	return [...new Set(values.filter(value => value !== ''))].sort();
}

function countProfile(bytes: Buffer): number {
	return summarizeProfile(parse(bytes)).length;
}

function emptyProfile(bytes: Buffer): Buffer {
	const value = parse(bytes);
	const next = isRecord(value) ? {...value, subscriptions: []} : {subscriptions: []};
	return Buffer.concat([bom, Buffer.from(JSON.stringify(next, null, 4))]);
}

/** The file without the tenant's entries, written the way its owner writes it; undefined when unreadable. */
function filterTenant(
	format: Known['format'],
	bytes: Buffer,
	tenant: string,
): {bytes: Buffer; removed: number} | undefined {
	const value = parse(bytes);
	if (value === undefined) return undefined;
	const hadBom = bytes.subarray(0, 3).equals(bom);
	const same = (other: unknown) => typeof other === 'string' && other.toLowerCase() === tenant.toLowerCase();
	let removed = 0;
	let next: unknown;
	if (format === 'msal' && isRecord(value)) {
		const copy: Record<string, unknown> = {...value};
		for (const section of ['AccessToken', 'IdToken', 'Account']) {
			const entries = value[section];
			if (!isRecord(entries)) continue;
			const kept: Record<string, unknown> = {};
			for (const [key, entry] of Object.entries(entries)) {
				if (isRecord(entry) && same(entry.realm)) removed++;
				else kept[key] = entry;
			}

			copy[section] = kept;
		}

		next = copy;
	} else if (format === 'profile' && isRecord(value) && Array.isArray(value.subscriptions)) {
		const kept = value.subscriptions.filter(entry => !(isRecord(entry) && same(entry.tenantId)));
		removed = value.subscriptions.length - kept.length;
		next = {...value, subscriptions: kept};
	} else if (format === 'service-principals' && Array.isArray(value)) {
		const kept = value.filter(entry => !(isRecord(entry) && same(entry.tenant)));
		removed = value.length - kept.length;
		next = kept;
	} else {
		return undefined;
	}

	const text = Buffer.from(JSON.stringify(next, null, format === 'profile' ? 4 : undefined));
	return {bytes: hadBom ? Buffer.concat([bom, text]) : text, removed};
}
