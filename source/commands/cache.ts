import {exitCodes} from '../exit-codes.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {TokenCaches} from '../ports/services.ts';
import {redactJsonValue} from '../safety/redact.ts';
import {neutralizeTerminalText, terminalSafeJson} from '../safety/terminal-text.ts';
import {createCacheService, purgeSize, restoreCommand} from '../services/cache.ts';
import {cachesForCommand} from '../services/command-services.ts';
import {tenantIdFrom} from '../target/ids.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import type {CommandContext} from '../terminal/context.ts';
import {createStyle} from '../terminal/style.ts';
import {UsageError} from '../usage-error.ts';
import type {Command} from './command.ts';

const usage = `authfix cache: inspect, purge (with backup) and restore token caches

Usage
  authfix cache list [--tenant ID] [--json]
  authfix cache purge [--tenant ID] [--dry-run] [--yes] [--json]
  authfix cache restore [BACKUP] [--json]
  authfix cache backups [--json]

Covers the Azure CLI's MSAL token cache, profile and service principal entries (AZURE_CONFIG_DIR or
~/.azure), @azure/identity's persistent cache (~/.IdentityService/msal.cache*) and authfix's own cache.
purge first copies everything it changes into a timestamped backup (<authfix data>/backups, fsync'd;
AUTHFIX_DATA_DIR, AUTHFIX_HOME, $XDG_DATA_HOME/authfix or ~/.local/share/authfix),
then removes the files, or with --tenant only that tenant's entries. restore brings the latest (or the
named) backup back byte for byte; running it twice is harmless. Tokens and secrets are never printed.
`;

export function createCacheCommand(makeCaches: (context: CommandContext) => TokenCaches = cachesForCommand): Command {
	return {
		name: 'cache',
		summary: 'inspect, purge (with backup) and restore token caches',
		usage,
		async run(args, context) {
			const {values, positionals} = parseCommandArgs(
				args,
				{tenant: {type: 'string'}, 'dry-run': {type: 'boolean'}, yes: {type: 'boolean'}},
				'cache',
			);
			const [action, ...rest] = positionals;
			const {io, global} = context;
			const style = createStyle(global.color);
			const safe = neutralizeTerminalText;
			const write = (value: unknown, text: string) =>
				io.stdout.write(global.json ? `${terminalSafeJson(redactJsonValue(value))}\n` : text);
			if (action !== 'list' && action !== 'purge' && action !== 'restore' && action !== 'backups') {
				throw new UsageError('cache: give list, purge, restore or backups (authfix cache --help)');
			}

			if (action !== 'restore' && rest.length > 0)
				throw new UsageError(`cache ${action}: unexpected argument '${rest[0]!.slice(0, 40)}'`);
			if (action === 'restore' && rest.length > 1) throw new UsageError('cache restore: give at most one backup name');
			if (rest[0] !== undefined && !/^[\w.-]+$/.test(rest[0]))
				throw new UsageError(`cache restore: '${rest[0].slice(0, 40)}' is not a backup name`);
			const tenant = values.tenant === undefined ? undefined : tenantIdFrom(values.tenant, '--tenant');
			const caches = createCacheService(makeCaches(context));
			try {
				switch (action) {
					case 'list': {
						const files = await caches.list(tenant);
						const lines = files.map(
							file =>
								`${style.strong(safe(file.path))}  ${file.bytes} bytes  ${style.muted(file.what)}\n    tenants: ${safe(file.tenants.join(', ')) || '-'}\n    accounts: ${safe(file.accounts.join(', ')) || '-'}`,
						);
						write({files}, files.length === 0 ? 'No token caches found.\n' : `${lines.join('\n')}\n`);
						return exitCodes.ok;
					}

					case 'backups': {
						const backups = await caches.backups();
						write(
							{backups},
							backups.length === 0
								? 'No cache backups.\n'
								: `${backups.map(backup => `${backup.name}  ${backup.files.length} files  ${style.muted(safe(backup.directory))}`).join('\n')}\n`,
						);
						return exitCodes.ok;
					}

					case 'purge': {
						const dryRun = Boolean(values['dry-run']);
						const {plan} = await caches.purge(tenant, {dryRun: true});
						const describePlan = [
							...plan.remove.map(file => `  remove   ${safe(file)}`),
							...plan.rewrite.map(
								item =>
									`  rewrite  ${safe(item.path)} (${item.removedEntries} entr${item.removedEntries === 1 ? 'y' : 'ies'}${tenant ? ` of tenant ${tenant}` : ''})`,
							),
						].join('\n');
						if (purgeSize(plan) === 0) {
							write({dryRun, plan, backup: null}, `Nothing to purge${tenant ? ` for tenant ${tenant}` : ''}.\n`);
							return exitCodes.ok;
						}

						if (dryRun) {
							write({dryRun: true, plan, backup: null}, `Would back up, then:\n${describePlan}\n`);
							return exitCodes.ok;
						}

						if (!values.yes)
							throw new UsageError(
								'cache purge: this removes cached sign-ins; add --yes (or look first with --dry-run)',
							);
						const {backup} = await caches.purge(tenant);
						write(
							{dryRun: false, plan, backup},
							`${describePlan}\nBacked up to ${safe(backup?.directory ?? '-')}\nUndo with: ${style.code(restoreCommand(backup))}\n`,
						);
						return exitCodes.ok;
					}

					case 'restore': {
						const backup = await caches.restore(rest[0]);
						write(
							{restored: backup},
							`Restored ${backup.files.length} file${backup.files.length === 1 ? '' : 's'} from ${backup.name}:\n${backup.files.map(file => `  ${safe(file)}`).join('\n')}\n`,
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
