import {randomBytes} from 'node:crypto';
import {mkdir, open, readdir, rename, rm, stat, unlink} from 'node:fs/promises';
import path from 'node:path';
import {AdapterError} from '../ports/adapter-error.ts';
import type {
	CacheBackup,
	CacheBackups,
	CacheFile,
	CacheLeftover,
	IncompleteBackup,
	PurgePlan,
	TokenCaches,
} from '../ports/services.ts';
import {isRecord} from './azure-cli.ts';
import {parseJsonWithBom, readOptional, summarizeMsalCache, summarizeProfile} from './azure-cli-files.ts';

type Known = {
	readonly path: string;
	readonly owner: CacheFile['owner'];
	readonly what: string;
	readonly format: 'msal' | 'profile' | 'service-principals' | 'opaque';
	/** A tenant purge removes it whole (it cannot be filtered by tenant), else it filters or leaves it. */
	readonly removeInTenantPurge?: true;
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

/** The temporary name of an atomic write (`writeAtomically`): what a write killed before its rename leaves. */
const leftoverName = /^(.+)\.authfix-[0-9a-f]{6}$/;

/**
A backup folder without a manifest younger than this may be a purge in another process writing it
right now: prune leaves it alone. A purge writes its backup in well under a second.
*/
const incompleteBackupGraceMs = 60 * 60 * 1000;

/**
Token caches on disk: the Azure CLI's MSAL cache, profile and service principal entries, the
@azure/identity persistent cache (~/.IdentityService/msal.cache*, unencrypted on Linux), and authfix's
own cache folder. A purge writes a complete, fsync'd backup (manifest last) before it touches
anything, so an interrupted purge loses nothing; restore writes each file back atomically. Every
rewrite goes through a temporary sibling (`<file>.authfix-XXXXXX`) renamed over the file: a process
killed before the rename leaves that copy, which `leftovers` finds and purge and restore remove.
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
			{
				// A pickle of MSAL's HTTP cache: discovery answers, and the answers to failed (400) or throttled
				// token requests. MSAL up to 1.31 (the Azure CLI 2.45 ships 1.21) pickles the whole response,
				// with the request whose body holds the refresh token, secret or assertion it sent. A pickle
				// cannot be filtered by tenant, and the CLI rebuilds it: every purge removes it whole.
				path: az('msal_http_cache.bin'),
				owner: 'azure-cli',
				what: "Azure CLI's MSAL HTTP cache (discovery, failed and throttled token requests)",
				format: 'opaque',
				removeInTenantPurge: true,
			},
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
			if (leftoverName.test(name)) continue;
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

	async function backups(): Promise<CacheBackups> {
		const complete: CacheBackup[] = [];
		const incomplete: IncompleteBackup[] = [];
		for (const name of (await listFolder(backupRoot, 'folders')).sort()) {
			const directory = path.join(backupRoot, name);
			const manifest = await readManifest(directory);
			const {bytes} = await folderSize(directory);
			if (manifest) {
				const files = manifest.files.map(file => file.path);
				complete.push({name, directory, createdAt: manifest.createdAt, files, bytes});
			} else {
				incomplete.push({name, directory, bytes});
			}
		}

		const bytes = [...complete, ...incomplete].reduce((sum, backup) => sum + backup.bytes, 0);
		return {directory: backupRoot, bytes, backups: complete, incomplete};
	}

	/** Copies a killed write left beside the caches (never their contents). */
	async function leftovers(): Promise<CacheLeftover[]> {
		const known = new Set((await knownFiles()).map(file => file.path));
		const found: CacheLeftover[] = [];
		const folders = [options.azureConfigDirectory, options.identityServiceDirectory, authfixCache];
		for (const directory of new Set(folders)) {
			for (const name of await listFolder(directory)) {
				const match = leftoverName.exec(name);
				if (!match) continue;
				const of = path.join(directory, match[1]!);
				if (directory !== authfixCache && !known.has(of)) continue;
				const file = path.join(directory, name);
				const info = await stat(file).catch(() => undefined);
				if (info?.isFile()) found.push({path: file, of, bytes: info.size});
			}
		}

		return found.sort((a, b) => a.path.localeCompare(b.path));
	}

	/** Removes those of `files` that are leftovers now (nothing else, whatever a plan says). */
	async function removeLeftovers(files: readonly string[]): Promise<string[]> {
		const current = new Set((await leftovers()).map(item => item.path));
		const removed = files.filter(file => current.has(file));
		for (const file of removed) await rm(file, {force: true});
		for (const directory of new Set(removed.map(file => path.dirname(file)))) await syncFolder(directory);
		return removed;
	}

	return {
		async list() {
			return (await existing()).map(file => {
				const {tenants, accounts} = describe(file.format, file.bytes);
				return {path: file.path, owner: file.owner, what: file.what, bytes: file.bytes.length, tenants, accounts};
			});
		},
		leftovers,
		async plan(tenant) {
			const remove: string[] = [];
			const rewrite: Array<{path: string; removedEntries: number}> = [];
			for (const file of await existing()) {
				if (tenant === undefined) {
					if (file.format === 'profile') rewrite.push({path: file.path, removedEntries: countProfile(file.bytes)});
					else remove.push(file.path);
					continue;
				}

				if (file.removeInTenantPurge) {
					remove.push(file.path);
					continue;
				}

				const filtered = filterTenant(file.format, file.bytes, tenant);
				if (filtered && filtered.removed > 0) rewrite.push({path: file.path, removedEntries: filtered.removed});
			}

			return {tenant, remove, rewrite, leftovers: (await leftovers()).map(item => item.path)};
		},
		async purge(plan: PurgePlan, hooks) {
			// The copies hold tokens and nothing the caches lack: they go first, without a backup.
			if ((await removeLeftovers(plan.leftovers)).length > 0) await hooks?.afterStep?.('removed leftovers');
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
					await writeAtomically(item.path, next, info?.mode ?? 0o600, () =>
						hooks?.afterStep?.(`wrote a temporary copy of ${item.path}`),
					);
				}

				await hooks?.afterStep?.(`rewrote ${item.path}`);
			}

			const {bytes} = await folderSize(directory);
			return {name, directory, createdAt, files: entries.map(entry => entry.path), bytes};
		},
		backups,
		async prune(keep, pruneOptions = {}) {
			if (!Number.isInteger(keep) || keep < 1) throw new AdapterError('invalid-argument', 'keep at least one backup');
			const {backups: all, incomplete} = await backups();
			const old = all.slice(0, Math.max(0, all.length - keep)).filter(backup => backup.name !== pruneOptions.protect);
			const abandoned: IncompleteBackup[] = [];
			for (const backup of incomplete) {
				const {modifiedMs} = await folderSize(backup.directory);
				if (options.now() - modifiedMs > incompleteBackupGraceMs) abandoned.push(backup);
			}

			const pruned = [...old, ...abandoned];
			if (pruneOptions.dryRun) return pruned;
			for (const backup of pruned) await rm(backup.directory, {recursive: true, force: true});
			if (pruned.length > 0) await syncFolder(backupRoot);
			return pruned;
		},
		async restore(name) {
			const {backups: all} = await backups();
			const chosen = name === undefined ? all.at(-1) : all.find(backup => backup.name === name);
			if (!chosen) {
				throw new AdapterError(
					'failed',
					name === undefined ? 'there is no cache backup to restore' : `there is no cache backup named ${name}`,
				);
			}

			// Read and check the whole backup first: a damaged backup, or one a prune in another process
			// removes meanwhile, fails the restore before it has written anything.
			const manifest = await readManifest(chosen.directory);
			const contents: Array<{file: Manifest['files'][number]; bytes: Buffer}> = [];
			for (const file of manifest?.files ?? []) {
				const bytes = await readOptional(path.join(chosen.directory, file.stored));
				if (bytes === undefined || bytes.length !== file.bytes) {
					throw new AdapterError(
						'failed',
						`the backup ${chosen.name} is damaged: ${file.stored} is missing or truncated`,
					);
				}

				contents.push({file, bytes});
			}

			if (!manifest) throw new AdapterError('failed', `the backup ${chosen.name} was removed while restoring it`);
			const removed = await removeLeftovers((await leftovers()).map(item => item.path));
			for (const {file, bytes} of contents) {
				await mkdir(path.dirname(file.path), {recursive: true, mode: 0o700});
				await writeAtomically(file.path, bytes, file.mode);
			}

			return {backup: chosen, leftovers: removed};
		},
	};
}

async function listFolder(directory: string, only?: 'folders'): Promise<string[]> {
	try {
		return (await readdir(directory, {withFileTypes: true}))
			.filter(entry => entry.isDirectory() || (only === undefined && entry.isFile()))
			.map(entry => entry.name);
	} catch {
		return [];
	}
}

/** The bytes of every file under a folder, and when anything in it last changed. */
async function folderSize(directory: string): Promise<{bytes: number; modifiedMs: number}> {
	let bytes = 0;
	let modifiedMs = 0;
	const visit = async (folder: string) => {
		const info = await stat(folder).catch(() => undefined);
		if (info) modifiedMs = Math.max(modifiedMs, info.mtimeMs);
		for (const entry of await readdir(folder, {withFileTypes: true}).catch(() => [])) {
			const item = path.join(folder, entry.name);
			if (entry.isDirectory()) await visit(item);
			else if (entry.isFile()) {
				const file = await stat(item).catch(() => undefined);
				bytes += file?.size ?? 0;
				modifiedMs = Math.max(modifiedMs, file?.mtimeMs ?? 0);
			}
		}
	};

	await visit(directory);
	return {bytes, modifiedMs};
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

/**
Write a sibling temp file, fsync it, rename over the target: readers see the old or the new file, never
half. A process killed between the two leaves the temp file (`leftoverName`), which purge and restore remove.
*/
async function writeAtomically(
	file: string,
	bytes: Buffer,
	mode: number,
	afterTemporary?: () => Promise<void> | undefined,
): Promise<void> {
	const temporary = `${file}.authfix-${randomBytes(3).toString('hex')}`;
	try {
		await writeDurably(temporary, bytes, mode);
		await afterTemporary?.();
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
