import {formatArtifact} from '../artifacts/format.ts';
import {exitCodes} from '../exit-codes.ts';
import {formatReport, wrap} from '../explain/format.ts';
import {redactJsonValue, redactSecrets} from '../safety/redact.ts';
import {neutralizeTerminalText, terminalSafeJson} from '../safety/terminal-text.ts';
import {
	type CommandRun,
	commandLine,
	compareRuns,
	diagnoseRun,
	isReadOnly,
	type RunComparison,
	type RunSnapshot,
	rerunVerification,
	runCommand,
} from '../services/run-command.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import type {CommandContext} from '../terminal/context.ts';
import {createStyle} from '../terminal/style.ts';
import {UsageError} from '../usage-error.ts';
import type {Command} from './command.ts';

const usage = `authfix run: run a command; when it fails with a sign-in or access error, find out why

Usage
  authfix run [--yes] [--json] -- <command> [arguments…]

The command runs as it would without authfix: your terminal, your environment, its output
passed through as it comes, its exit code kept. When it fails, authfix reads its output: the
failing request of a debug log (az … --debug, TF_LOG=DEBUG, AZURE_LOG_LEVEL=verbose, the .NET,
Go and Python SDKs' logs) or the error it printed, with the claims of the token the request
sent (never the token).

  nothing recognised      authfix adds one line on stderr and exits with the command's code
  recognised, a terminal  the troubleshooter opens at the matching step, ids filled in; its
                          verification runs the command again and compares exit code and error
  recognised, no terminal the diagnosis on stderr (--json: one document on stdout); with --yes
                          the command runs again to compare

Read-only commands are run again without asking: az … show|list|get…, az account
get-access-token, az rest with GET (its default), terraform plan. Anything else is asked
about ([y/N]) in a terminal and needs --yes without one.

Options
  --yes    run the command again to verify without asking (needed without a terminal)
  --json   one JSON document on stdout (the command's own output goes to stderr):
           {"command","readOnly","exitCode","recognised","findings":[…as explain…],
            "artifact"?,"rerun":{"exitCode","errorCode","outcome","detail"}|null}

Exit codes
  the command's own   it succeeded, or failed with nothing recognised (127: not found)
  0                   recognised, and the run again succeeded
  1                   recognised, not fixed (or not run again)
  2                   usage error

Examples
  authfix run -- az group list --subscription 4444…4444
  authfix run -- az rest --method get --url https://management.azure.com/subscriptions?api-version=2022-12-01 --debug
  TF_LOG=DEBUG authfix run --json --yes -- terraform plan
`;

/** `authfix run [flags] -- command…`: the flags before `--` are authfix's, everything after is the command. */
function splitCommand(args: readonly string[]): {flags: string[]; argv: string[]} {
	const dash = args.indexOf('--');
	if (dash === -1)
		throw new UsageError(
			`run: put the command after --, e.g. authfix run -- ${args.length > 0 ? args.join(' ') : 'az group list'}`,
		);
	const argv = args.slice(dash + 1);
	if (argv.length === 0) throw new UsageError('run: no command after --');
	return {flags: args.slice(0, dash), argv};
}

export const command: Command = {
	name: 'run',
	summary: 'run a command; when it fails with a sign-in or access error, find out why',
	usage,
	async run(args, context) {
		const {flags, argv} = splitCommand(args);
		const {values} = parseCommandArgs(flags, {yes: {type: 'boolean'}}, 'run');
		const {io, global} = context;
		const line = commandLine(argv);
		const shown = neutralizeTerminalText(redactSecrets(line));
		const readOnly = isReadOnly(argv);
		const terminal = io.stdinIsTty && io.stdoutIsTty && !global.json;
		const pass = (stream: 'stdout' | 'stderr', bytes: Uint8Array) => {
			// With --json, stdout is the document's: the command's output goes to stderr.
			const to = global.json ? 'stderr' : stream;
			if (io.passThrough) io.passThrough(to, bytes);
			else io[to].write(Buffer.from(bytes).toString('utf8'));
		};

		const execute = () => runWithSignals(argv, context, pass);
		const before = await execute();
		if (before.startError) {
			io.stderr.write(`authfix run: ${neutralizeTerminalText(before.startError)}\n`);
			if (global.json) io.stdout.write(`${document({line, readOnly, run: before})}\n`);
			return before.exitCode;
		}

		const diagnosis = before.interrupted ? undefined : diagnoseRun(before, io.now());
		if (!diagnosis?.recognised) {
			if (global.json) io.stdout.write(`${document({line, readOnly, run: before, diagnosis})}\n`);
			else if (before.exitCode !== 0 && !before.interrupted)
				io.stderr.write(
					`authfix: \`${shown}\` failed (exit ${before.exitCode}); nothing in its output is a sign-in or access error authfix knows.\n`,
				);
			return before.exitCode;
		}

		const style = createStyle(global.color);
		const title = diagnosis.report.findings[0]!.title;
		if (terminal) {
			const lines = (text: string) => wrap(text, Math.max(40, Math.min(io.columns, 100) - 1), '  ', '').join('\n');
			io.stderr.write(`\n${lines(`authfix: \`${shown}\` failed (exit ${before.exitCode}): ${title}`)}\n`);
			const rerun =
				readOnly ||
				values.yes === true ||
				(await confirm(
					context,
					`${lines(`To verify a fix, authfix runs \`${shown}\` again, which may change something. Run it again then?`)} [y/N] `,
				));
			let last: RunSnapshot | undefined;
			const verify = rerunVerification(argv, diagnosis.snapshot, {
				env: io.env,
				cwd: io.cwd,
				timeoutMs: Math.max(global.timeoutSeconds * 1000, 10 * 60 * 1000),
				now: () => io.now(),
				onRun: after => {
					last = after;
				},
			});
			const {runTroubleshooter} = await import('./tui.ts');
			await runTroubleshooter(context, undefined, {
				text: diagnosis.focus,
				facts: diagnosis.facts,
				...(rerun ? {verify: (_facts: unknown, signal: AbortSignal) => verify(signal)} : {}),
			});
			return last?.exitCode === 0 ? exitCodes.ok : exitCodes.problems;
		}

		let comparison: RunComparison | undefined;
		let after: RunSnapshot | undefined;
		if (!global.json) {
			const width = Math.min(io.columns, 80);
			io.stderr.write(
				`\n${diagnosis.artifact ? formatArtifact(diagnosis.artifact, {style, width}) : ''}${formatReport(diagnosis.report, {style, width})}`,
			);
		}

		if (values.yes) {
			if (!global.json) io.stderr.write(`\nauthfix: running \`${shown}\` again to compare\n`);
			after = diagnoseRun(await execute(), io.now()).snapshot;
			comparison = compareRuns(diagnosis.snapshot, after);
			if (!global.json) io.stderr.write(`authfix: ${neutralizeTerminalText(redactSecrets(comparison.detail))}\n`);
		} else if (!global.json) {
			io.stderr.write(`\nauthfix: add --yes to run \`${shown}\` again and compare.\n`);
		}

		if (global.json) io.stdout.write(`${document({line, readOnly, run: before, diagnosis, after, comparison})}\n`);
		return comparison?.outcome === 'fixed' || comparison?.outcome === 'ok' ? exitCodes.ok : exitCodes.problems;
	},
};

/**
Runs the command in the foreground. Ctrl-C on a terminal reaches it as without authfix (authfix
waits for it to end); a termination signal sent to authfix alone, or Ctrl-C without a terminal,
stops it.
*/
async function runWithSignals(
	argv: readonly string[],
	context: CommandContext,
	pass: (stream: 'stdout' | 'stderr', bytes: Uint8Array) => void,
): Promise<CommandRun> {
	const {io} = context;
	const listening = new AbortController();
	const stop = new AbortController();
	void io.untilInterrupted?.(listening.signal).then(signal => {
		if (signal === 'SIGTERM' || !io.stdinIsTty) stop.abort();
	});
	try {
		return await runCommand(argv, {env: io.env, cwd: io.cwd, passThrough: pass, signal: stop.signal});
	} finally {
		listening.abort();
	}
}

async function confirm(context: CommandContext, prompt: string): Promise<boolean> {
	const answer = await context.io.readLine?.(prompt);
	return /^\s*y(?:es)?\s*$/i.test(answer ?? '');
}

/** `run --json`'s one document, redacted: the command line may hold a secret (az login -p …). */
function document(parts: {
	readonly line: string;
	readonly readOnly: boolean;
	readonly run: CommandRun;
	readonly diagnosis?: ReturnType<typeof diagnoseRun> | undefined;
	readonly after?: RunSnapshot | undefined;
	readonly comparison?: RunComparison | undefined;
}): string {
	const {diagnosis, after, comparison} = parts;
	return terminalSafeJson(
		redactJsonValue({
			command: parts.line,
			readOnly: parts.readOnly,
			exitCode: parts.run.exitCode,
			...(parts.run.startError ? {error: parts.run.startError} : {}),
			recognised: diagnosis?.recognised ?? false,
			findings: diagnosis?.report.findings ?? [],
			...(diagnosis?.artifact ? {artifact: diagnosis.artifact} : {}),
			rerun:
				after && comparison
					? {
							exitCode: after.exitCode,
							errorCode: after.errorCode,
							outcome: comparison.outcome,
							detail: comparison.detail,
						}
					: null,
		}),
	);
}
