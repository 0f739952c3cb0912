/**
Token caches as a user sees them: what they hold, a purge that backs up first, the restore that
undoes it, and the retention that keeps the backups from growing without end. `authfix cache`, the
troubleshooter's purge fix and the demo's (on the sandbox's own folders) all go through here.
*/
import type {
	CacheBackup,
	CacheBackups,
	CacheFile,
	CacheLeftover,
	IncompleteBackup,
	PurgePlan,
	TokenCaches,
} from '../ports/services.ts';
import type {TenantId} from '../target/ids.ts';
import {UsageError} from '../usage-error.ts';

/** How many backups a purge keeps unless told otherwise. */
export const defaultBackupsKept = 5;
/** The environment variable that sets it (the `--keep` flag wins). */
export const keepBackupsVariable = 'AUTHFIX_KEEP_BACKUPS';
const maxBackupsKept = 1000;

/**
How many backups to keep: `--keep`, else AUTHFIX_KEEP_BACKUPS, else 5. At least 1: the backup a purge
has just made is the undo of that purge and is never removed.
*/
export function backupsToKeep(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): number {
	const [value, source] = flag === undefined ? [env[keepBackupsVariable], keepBackupsVariable] : [flag, '--keep'];
	if (value === undefined || value === '') return defaultBackupsKept;
	const count = /^\d{1,4}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
	if (!(count >= 1 && count <= maxBackupsKept)) {
		throw new UsageError(
			`${source} takes a whole number of backups to keep, from 1 to ${maxBackupsKept}, not '${value.slice(0, 20)}'`,
		);
	}

	return count;
}

export type PrunedBackup = CacheBackup | IncompleteBackup;

export type PurgeResult = {
	readonly plan: PurgePlan;
	/** The backup of what was changed; undefined when nothing was (an empty plan, or a dry run). */
	readonly backup: CacheBackup | undefined;
	readonly dryRun: boolean;
	/** Older backups removed after this one was made (beyond the number kept). */
	readonly pruned: readonly PrunedBackup[];
};

export type CacheService = {
	/** The caches authfix knows, only those holding tokens of `tenant` when one is given. */
	list(tenant?: TenantId): Promise<readonly CacheFile[]>;
	/** Partial copies an interrupted purge or restore left beside the caches. */
	leftovers(): Promise<readonly CacheLeftover[]>;
	backups(): Promise<CacheBackups>;
	/**
	Removes leftovers, backs up, then removes the caches (or only `tenant`'s entries), then prunes the
	backups to the newest `keep` (never the one just made). A dry run or an empty plan changes nothing.
	*/
	purge(
		tenant: TenantId | undefined,
		options: {readonly keep: number; readonly dryRun?: boolean},
	): Promise<PurgeResult>;
	/** Removes all but the newest `keep` backups, and backups cut short over an hour ago. */
	prune(keep: number, options?: {readonly dryRun?: boolean}): Promise<readonly PrunedBackup[]>;
	/** Brings the latest (or the named) backup back byte for byte and removes leftovers; never prunes. */
	restore(name?: string): Promise<{readonly backup: CacheBackup; readonly leftovers: readonly string[]}>;
};

export function createCacheService(caches: TokenCaches): CacheService {
	return {
		async list(tenant) {
			const all = await caches.list();
			return tenant ? all.filter(file => file.tenants.some(id => id.toLowerCase() === tenant)) : all;
		},
		leftovers: () => caches.leftovers(),
		backups: () => caches.backups(),
		async purge(tenant, options) {
			const plan = await caches.plan(tenant);
			const dryRun = options.dryRun === true;
			if (dryRun || purgeSize(plan) === 0) return {plan, backup: undefined, dryRun, pruned: []};
			const backup = await caches.purge(plan);
			// Only once the purge has done every step: a purge that failed part-way prunes nothing.
			const pruned = backup ? await caches.prune(options.keep, {protect: backup.name}) : [];
			return {plan, backup, dryRun, pruned};
		},
		prune: (keep, options = {}) => caches.prune(keep, options),
		restore: name => caches.restore(name),
	};
}

/** How many files a purge plan touches (leftovers included). */
export function purgeSize(plan: PurgePlan): number {
	return plan.remove.length + plan.rewrite.length + plan.leftovers.length;
}

/** The command that undoes a purge. */
export function restoreCommand(backup: CacheBackup | undefined): string {
	return `authfix cache restore${backup ? ` ${backup.name}` : ''}`;
}

/** A purge in one sentence, for the troubleshooter's fix step. */
export function describePurge(result: PurgeResult, tenant: TenantId | undefined): string {
	if (!result.backup) {
		const copies = result.plan.leftovers.length;
		if (copies > 0 && !result.dryRun) {
			return `Removed ${copies} partial cop${copies === 1 ? 'y' : 'ies'} of a token cache left by an interrupted purge; nothing else to purge.`;
		}

		return `Nothing to purge: no cached sign-in${tenant ? ' of that tenant' : ''}.`;
	}

	return `Purged, with a backup (\`${restoreCommand(result.backup)}\` brings it back).`;
}
