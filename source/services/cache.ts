/**
Token caches as a user sees them: what they hold, a purge that backs up first, and the restore that
undoes it. `authfix cache`, the troubleshooter's purge fix and the demo's (on the sandbox's own
folders) all go through here.
*/
import type {CacheBackup, CacheFile, PurgePlan, TokenCaches} from '../ports/services.ts';
import type {TenantId} from '../target/ids.ts';

export type PurgeResult = {
	readonly plan: PurgePlan;
	/** The backup of what was changed; undefined when nothing was (an empty plan, or a dry run). */
	readonly backup: CacheBackup | undefined;
	readonly dryRun: boolean;
};

export type CacheService = {
	/** The caches authfix knows, only those holding tokens of `tenant` when one is given. */
	list(tenant?: TenantId): Promise<readonly CacheFile[]>;
	backups(): Promise<readonly CacheBackup[]>;
	/** Backs up, then removes the caches (or only `tenant`'s entries); a dry run or an empty plan changes nothing. */
	purge(tenant: TenantId | undefined, options?: {readonly dryRun?: boolean}): Promise<PurgeResult>;
	/** Brings the latest (or the named) backup back byte for byte. */
	restore(name?: string): Promise<CacheBackup>;
};

export function createCacheService(caches: TokenCaches): CacheService {
	return {
		async list(tenant) {
			const all = await caches.list();
			return tenant ? all.filter(file => file.tenants.some(id => id.toLowerCase() === tenant)) : all;
		},
		backups: () => caches.backups(),
		async purge(tenant, options = {}) {
			const plan = await caches.plan(tenant);
			const dryRun = options.dryRun === true;
			if (dryRun || purgeSize(plan) === 0) return {plan, backup: undefined, dryRun};
			return {plan, backup: await caches.purge(plan), dryRun};
		},
		restore: name => caches.restore(name),
	};
}

/** How many files a purge plan touches. */
export function purgeSize(plan: PurgePlan): number {
	return plan.remove.length + plan.rewrite.length;
}

/** The command that undoes a purge. */
export function restoreCommand(backup: CacheBackup | undefined): string {
	return `authfix cache restore${backup ? ` ${backup.name}` : ''}`;
}

/** A purge in one sentence, for the troubleshooter's fix step. */
export function describePurge(result: PurgeResult, tenant: TenantId | undefined): string {
	if (!result.backup) return `Nothing to purge: no cached sign-in${tenant ? ' of that tenant' : ''}.`;
	return `Purged, with a backup (\`${restoreCommand(result.backup)}\` brings it back).`;
}
