/**
`authfix sessions list|show|export`: the saved troubleshooting sessions. Every TUI run is saved
(redacted) through `conf` in authfix's data folder (`AUTHFIX_DATA_DIR` overrides it), so a session
can be pasted into an issue later.
*/
import {exitCodes} from '../exit-codes.ts';
import {sessionToJson, sessionToMarkdown, summarizeSession} from '../report/session-report.ts';
import {openSessionsOf} from '../services/sessions.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import {tree} from '../tree/index.ts';
import {UsageError} from '../usage-error.ts';
import type {Command} from './command.ts';

const usage = `Usage
  authfix sessions list [--json]
  authfix sessions show <id|latest> [--json]
  authfix sessions export <id|latest> [--format md|json]

Every run of the troubleshooter (authfix, authfix demo) is saved, redacted: steps, check results,
the fix and the replay's outcome. \`export --format md\` is ready to paste into an issue.
Sessions live in authfix's data folder; AUTHFIX_DATA_DIR sets another one.

Examples
  authfix sessions list
  authfix sessions export latest --format md > report.md
`;

export const command: Command = {
	name: 'sessions',
	summary: 'saved troubleshooting sessions (list, show, export as Markdown or JSON)',
	usage,
	async run(args, {io, global}) {
		const {values, positionals} = parseCommandArgs(args, {format: {type: 'string'}}, 'sessions');
		const [action, id, ...extra] = positionals;
		if (extra.length > 0) throw new UsageError(`sessions: unexpected argument '${extra[0]}'`);
		const archive = openSessionsOf(io.env);
		if (archive.quarantined) {
			io.stderr.write(`authfix: the saved sessions were not valid JSON; they were kept as ${archive.quarantined}\n`);
		}

		if (action === 'list' || action === undefined) {
			if (id !== undefined) throw new UsageError(`sessions list takes no argument, not '${id}'`);
			const summaries = archive.list().map(summarizeSession);
			if (global.json) {
				io.stdout.write(`${JSON.stringify(summaries)}\n`);
				return exitCodes.ok;
			}

			if (summaries.length === 0) {
				io.stdout.write('No saved session yet. Run `authfix` or `authfix demo`.\n');
				return exitCodes.ok;
			}

			for (const item of summaries) {
				io.stdout.write(
					`${item.id}  ${item.startedAt.slice(0, 19).replace('T', ' ')}  ${(item.scenario ?? '-').padEnd(20)}  ${item.outcome}\n`,
				);
			}

			return exitCodes.ok;
		}

		if (action !== 'show' && action !== 'export') {
			throw new UsageError(`sessions: unknown action '${action}' (list, show or export)`);
		}

		if (id === undefined) throw new UsageError(`sessions ${action} needs a session id (or latest)`);
		const session = archive.get(id);
		if (!session) throw new UsageError(`no saved session '${id}'. \`authfix sessions list\` shows them`);
		const format = values.format ?? (global.json ? 'json' : 'md');
		if (format !== 'md' && format !== 'json') throw new UsageError(`--format takes md or json, not '${format}'`);
		if (action === 'show' && values.format !== undefined)
			throw new UsageError('sessions show has no --format; use export');
		io.stdout.write(
			format === 'json'
				? `${JSON.stringify(sessionToJson(session, tree), null, 2)}\n`
				: sessionToMarkdown(session, tree),
		);
		return exitCodes.ok;
	},
};
