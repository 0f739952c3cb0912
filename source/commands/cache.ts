import {exitCodes} from '../exit-codes.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {CacheBackups, TokenCaches} from '../ports/services.ts';
import {redactJsonValue} from '../safety/redact.ts';
import {neutralizeTerminalText, terminalSafeJson} from '../safety/terminal-text.ts';
import {
	backupsToKeep,
	createCacheService,
	defaultBackupsKept,
	keepBackupsVariable,
	type PrunedBackup,
	purgeSize,
	restoreCommand,
} from '../services/cache.ts';
import {cachesForCommand} from '../services/command-services.ts';
import {tenantIdFrom} from '../target/ids.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import type {CommandContext} from '../terminal/context.ts';
import {formatBytes} from '../terminal/input.ts';
import {createStyle} from '../terminal/style.ts';
import {UsageError} from '../usage-error.ts';
import type {Command} from './command.ts';

const usage = `authfix cache: inspect, purge (with backup) and restore token caches

Usage
  authfix cache list [--tenant ID] [--json]
  authfix cache purge [--tenant ID] [--keep N] [--dry-run] [--yes] [--json]
  authfix cache restore [BACKUP] [--json]
  authfix cache backups [--json]
  authfix cache prune [--keep N] [--dry-run] [--json]

Covers the Azure CLI's MSAL token cache, profile, service principal entries and MSAL HTTP cache
(AZURE_CONFIG_DIR or ~/.azure), @azure/identity's persistent cache (~/.IdentityService/msal.cache*)
and authfix's own cache. purge first copies everything it changes into a timestamped backup
(<authfix data>/backups, fsync'd, files 0600 in 0700 folders; AUTHFIX_DATA_DIR, AUTHFIX_HOME,
$XDG_DATA_HOME/authfix or ~/.local/share/authfix), then removes the files, or with --tenant only
that tenant's entries. msal_http_cache.bin is removed whole by either purge: it may hold the refresh
token or secret of a failed sign-in, cannot be filtered by tenant, and the Azure CLI rebuilds it.
restore brings the latest (or the named) backup back byte for byte; running it twice is harmless.

Backups hold tokens, so they do not pile up: after a successful purge, backups beyond the newest
${defaultBackupsKept} are removed (--keep N, else ${keepBackupsVariable}=N; 1 to 1000). The backup
the purge has just made is never removed, a purge that fails part-way removes none, and restore
never removes any. prune does the same by hand (and removes backups cut short more than an hour
ago); backups lists them with their sizes and folder.

A purge or restore killed part-way can leave a partial copy of a cache beside it
(<file>.authfix-XXXXXX, with tokens in it): list shows it (never its contents), and the next purge
or restore removes it. Tokens and secrets are never printed.
Exit codes: 0 done, 1 the caches could not be read or changed, 2 bad usage.
`;

export function createCacheCommand(makeCaches: (context: CommandContext) => TokenCaches = cachesForCommand): Command {
	return {
		name: 'cache',
		summary: 'inspect, purge (with backup) and restore token caches',
		usage,
		async run(args, context) {
			const {values, positionals} = parseCommandArgs(
				args,
				{
					tenant: {type: 'string'},
					'dry-run': {type: 'boolean'},
					yes: {type: 'boolean'},
					keep: {type: 'string'},
				},
				'cache',
			);
			const [action, ...rest] = positionals;
			const {io, global} = context;
			const style = createStyle(global.color);
			const safe = neutralizeTerminalText;
			const write = (value: unknown, text: string) =>
				io.stdout.write(global.json ? `${terminalSafeJson(redactJsonValue(value))}\n` : text);
			if (
				action !== 'list' &&
				action !== 'purge' &&
				action !== 'restore' &&
				action !== 'backups' &&
				action !== 'prune'
			) {
				throw new UsageError('cache: give list, purge, restore, backups or prune (authfix cache --help)');
			}

			if (action !== 'restore' && rest.length > 0)
				throw new UsageError(`cache ${action}: unexpected argument '${rest[0]!.slice(0, 40)}'`);
			if (action === 'restore' && rest.length > 1) throw new UsageError('cache restore: give at most one backup name');
			if (rest[0] !== undefined && !/^[\w.-]+$/.test(rest[0]))
				throw new UsageError(`cache restore: '${rest[0].slice(0, 40)}' is not a backup name`);
			if (values.keep !== undefined && action !== 'purge' && action !== 'prune')
				throw new UsageError(`cache ${action}: --keep goes with purge or prune`);
			const keep = backupsToKeep(values.keep, io.env);
			const tenant = values.tenant === undefined ? undefined : tenantIdFrom(values.tenant, '--tenant');
			const caches = createCacheService(makeCaches(context));
			const keeping = `purges keep the last ${keep} (--keep, ${keepBackupsVariable})`;
			const describeFolder = (folder: CacheBackups) =>
				`${folder.backups.length} backup${folder.backups.length === 1 ? '' : 's'} (${formatBytes(folder.bytes)}) in ${safe(folder.directory)}`;
			const describePruned = (pruned: readonly PrunedBackup[]) =>
				pruned.map(backup => `  ${safe(backup.name)}  ${formatBytes(backup.bytes)}`).join('\n');
			const prunedBytes = (pruned: readonly PrunedBackup[]) =>
				formatBytes(pruned.reduce((sum, backup) => sum + backup.bytes, 0));
			try {
				switch (action) {
					case 'list': {
						const [files, leftovers, folder] = await Promise.all([
							caches.list(tenant),
							caches.leftovers(),
							caches.backups(),
						]);
						const lines = files.map(
							file =>
								`${style.strong(safe(file.path))}  ${file.bytes} bytes  ${style.muted(file.what)}\n    tenants: ${safe(file.tenants.join(', ')) || '-'}\n    accounts: ${safe(file.accounts.join(', ')) || '-'}`,
						);
						const text = [
							files.length === 0 ? 'No token caches found.' : lines.join('\n'),
							...(leftovers.length === 0
								? []
								: [
										`\nPartial copies left by an interrupted purge or restore (they hold tokens; ${style.code('authfix cache purge')} or ${style.code('authfix cache restore')} removes them):`,
										...leftovers.map(
											item =>
												`  ${style.strong(safe(item.path))}  ${item.bytes} bytes  ${style.muted(`copy of ${safe(item.of)}`)}`,
										),
									]),
							`\nBackups: ${describeFolder(folder)}; ${keeping}.`,
						];
						write(
							{
								files,
								leftovers,
								backups: {
									directory: folder.directory,
									count: folder.backups.length,
									bytes: folder.bytes,
									keep,
									incomplete: folder.incomplete.length,
								},
							},
							`${text.join('\n')}\n`,
						);
						return exitCodes.ok;
					}

					case 'backups': {
						const folder = await caches.backups();
						const lines = [
							...folder.backups.map(
								backup =>
									`${safe(backup.name)}  ${backup.files.length} file${backup.files.length === 1 ? '' : 's'}  ${formatBytes(backup.bytes)}  ${style.muted(safe(backup.directory))}`,
							),
							...folder.incomplete.map(
								backup =>
									`${safe(backup.name)}  incomplete (cut short before its manifest; prune removes it after an hour)  ${formatBytes(backup.bytes)}`,
							),
						];
						write(
							{
								directory: folder.directory,
								bytes: folder.bytes,
								keep,
								backups: folder.backups,
								incomplete: folder.incomplete,
							},
							folder.backups.length + folder.incomplete.length === 0
								? `No cache backups (they go in ${safe(folder.directory)}).\n`
								: `${lines.join('\n')}\n\n${describeFolder(folder)}; ${keeping}.\n`,
						);
						return exitCodes.ok;
					}

					case 'prune': {
						const dryRun = Boolean(values['dry-run']);
						const pruned = await caches.prune(keep, {dryRun});
						const folder = await caches.backups();
						let text: string;
						if (pruned.length === 0) text = `Nothing to prune: ${describeFolder(folder)}, keeping the last ${keep}.\n`;
						else if (dryRun) text = `Would remove (${prunedBytes(pruned)}):\n${describePruned(pruned)}\n`;
						else
							text = `Removed ${pruned.length} backup${pruned.length === 1 ? '' : 's'} (${prunedBytes(pruned)}):\n${describePruned(pruned)}\nLeft: ${describeFolder(folder)}.\n`;
						write({dryRun, keep, pruned, backups: folder}, text);
						return exitCodes.ok;
					}

					case 'purge': {
						const dryRun = Boolean(values['dry-run']);
						const {plan} = await caches.purge(tenant, {keep, dryRun: true});
						const describePlan = [
							...plan.leftovers.map(
								file => `  remove   ${safe(file)} (a partial copy left by an interrupted purge or restore)`,
							),
							...plan.remove.map(file => `  remove   ${safe(file)}`),
							...plan.rewrite.map(
								item =>
									`  rewrite  ${safe(item.path)} (${item.removedEntries} entr${item.removedEntries === 1 ? 'y' : 'ies'}${tenant ? ` of tenant ${tenant}` : ''})`,
							),
						].join('\n');
						if (purgeSize(plan) === 0) {
							write(
								{dryRun, plan, backup: null, pruned: []},
								`Nothing to purge${tenant ? ` for tenant ${tenant}` : ''}.\n`,
							);
							return exitCodes.ok;
						}

						if (dryRun) {
							write({dryRun: true, plan, backup: null, pruned: []}, `Would back up, then:\n${describePlan}\n`);
							return exitCodes.ok;
						}

						if (!values.yes)
							throw new UsageError(
								'cache purge: this removes cached sign-ins; add --yes (or look first with --dry-run)',
							);
						const {backup, pruned} = await caches.purge(tenant, {keep});
						const done = backup
							? `Backed up to ${safe(backup.directory)} (${formatBytes(backup.bytes)})\nUndo with: ${style.code(restoreCommand(backup))}\n`
							: 'Nothing else to purge: no backup was needed.\n';
						const prunedText =
							pruned.length === 0
								? ''
								: `Removed ${pruned.length} older backup${pruned.length === 1 ? '' : 's'} (${prunedBytes(pruned)}): ${keeping}.\n`;
						write({dryRun: false, plan, backup: backup ?? null, pruned}, `${describePlan}\n${done}${prunedText}`);
						return exitCodes.ok;
					}

					case 'restore': {
						const {backup, leftovers} = await caches.restore(rest[0]);
						const removed =
							leftovers.length === 0
								? ''
								: `Removed ${leftovers.length} partial cop${leftovers.length === 1 ? 'y' : 'ies'} left by an interrupted purge or restore:\n${leftovers.map(file => `  ${safe(file)}`).join('\n')}\n`;
						write(
							{restored: backup, leftoversRemoved: leftovers},
							`Restored ${backup.files.length} file${backup.files.length === 1 ? '' : 's'} from ${backup.name}:\n${backup.files.map(file => `  ${safe(file)}`).join('\n')}\n${removed}`,
						);
						return exitCodes.ok;
					}
				}
			} catch (error) {
				if (error instanceof AdapterError) {
					if (global.json) io.stdout.write(`${terminalSafeJson(redactJsonValue({error: error.message}))}\n`);
					else io.stderr.write(`authfix cache: ${safe(error.message)}\n`);
					return exitCodes.problems;
				}

				throw error;
			}
		},
	};
}

export const command = createCacheCommand();
