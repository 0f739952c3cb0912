/**
`authfix run -- <command…>`: the user's own command, run as they would run it (their terminal and
environment, its output passed through byte for byte as it comes), its output kept to be read as
an artifact (az --debug, an SDK's or Terraform's debug log) or as a pasted error, and run again to
verify a fix: exit code and error before and after. The process is the adapter's.
*/
import {exitStatusOfSignal, runProcess} from '../adapters/run-process.ts';
import {type ArtifactSummary, diagnoseText} from '../artifacts/diagnose.ts';
import type {ReplayResult} from '../engine/session.ts';
import {type ExplainReport, isRecognised} from '../explain/explain.ts';
import {type Facts, factsOf} from '../tree/facts.ts';

/** At most this much output is kept for reading (the end of it: the failure is where a run stops). */
const keptBytes = 16 * 1024 * 1024;

export type CommandRun = {
	/** The exit status as a shell reports it: the exit code, or 128 + the signal's number. */
	readonly exitCode: number;
	/** Ended by Ctrl-C or a termination signal: the user stopped it, there is nothing to diagnose. */
	readonly interrupted: boolean;
	/** The program could not be started (not found, not executable): why. */
	readonly startError?: string;
	/** Its standard output and error as they came (the last 16 MiB). */
	readonly output: string;
};

/**
Runs the command. `passThrough` gets its output as it comes (the terminal's `authfix run`), or
nothing does (the troubleshooter's verification re-runs it quietly, away from the terminal, with
a time limit).
*/
export async function runCommand(
	argv: readonly string[],
	options: {
		readonly env: Readonly<Record<string, string | undefined>>;
		readonly cwd: string;
		readonly passThrough?: (stream: 'stdout' | 'stderr', bytes: Uint8Array) => void;
		readonly signal?: AbortSignal;
		readonly timeoutMs?: number;
	},
): Promise<CommandRun> {
	const chunks: Uint8Array[] = [];
	let kept = 0;
	const [program, ...args] = argv as [string, ...string[]];
	const result = await runProcess(program, args, {
		env: options.env,
		cwd: options.cwd,
		foreground: options.passThrough !== undefined,
		maxBytes: 0,
		...(options.signal ? {signal: options.signal} : {}),
		...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
		onOutput: (stream, chunk) => {
			options.passThrough?.(stream, chunk);
			chunks.push(chunk);
			kept += chunk.length;
			while (kept - (chunks[0]?.length ?? 0) > keptBytes) kept -= chunks.shift()!.length;
		},
	});
	const output = Buffer.concat(chunks).toString('utf8');
	if (result.ended === 'not-found' || result.ended === 'spawn-error') {
		return {
			exitCode: 127,
			interrupted: false,
			startError: result.ended === 'not-found' ? `${program}: command not found` : `${program}: ${result.spawnError}`,
			output,
		};
	}

	if (result.ended === 'timeout') return {exitCode: 124, interrupted: false, output};
	if (result.ended === 'aborted') return {exitCode: exitStatusOfSignal('SIGINT'), interrupted: true, output};
	const signal = result.exitSignal;
	return {
		exitCode: result.exitCode ?? (signal ? exitStatusOfSignal(signal) : 1),
		interrupted: signal === 'SIGINT' || signal === 'SIGTERM',
		output,
	};
}

/** A run as the comparison needs it: its exit status, the HTTP status and the error it failed with. */
export type RunSnapshot = {
	readonly exitCode: number;
	readonly status: number | null;
	readonly errorCode: string | null;
	readonly family: string | null;
};

export type RunDiagnosis = {
	readonly recognised: boolean;
	readonly report: ExplainReport;
	readonly artifact?: ArtifactSummary;
	/** The text the troubleshooter starts from (what was classified). */
	readonly focus: string;
	/** What the output told beside the text: the claims of the token the failing request sent. */
	readonly facts: Facts;
	readonly snapshot: RunSnapshot;
};

/** What the output of a failed run says (nothing for a run that succeeded). */
export function diagnoseRun(run: CommandRun, now: number): RunDiagnosis {
	const {report, artifact, focus, entities} =
		run.exitCode === 0 || run.output.trim() === ''
			? {report: {findings: []}, artifact: undefined, focus: '', entities: {}}
			: diagnoseText(run.output, now);
	const recognised = isRecognised(report);
	const top = recognised ? report.findings[0] : undefined;
	return {
		recognised,
		report,
		...(artifact ? {artifact} : {}),
		focus,
		facts: factsOf(entities as Record<string, unknown>),
		snapshot: {
			exitCode: run.exitCode,
			status: artifact?.failing?.status ?? top?.httpStatus ?? null,
			errorCode: top?.codes[0] ?? top?.family ?? null,
			family: top?.family ?? null,
		},
	};
}

export type RunComparison = {
	readonly outcome: 'ok' | 'fixed' | 'now-forbidden' | 'still-failing';
	/** Exit code and error before and after, in a sentence. */
	readonly detail: string;
};

const describe = (snapshot: RunSnapshot) =>
	`exit ${snapshot.exitCode}${snapshot.errorCode ? ` (${snapshot.errorCode})` : ''}`;

/** Before and after: fixed when it now succeeds, now-forbidden when only a role is missing now. */
export function compareRuns(before: RunSnapshot, after: RunSnapshot): RunComparison {
	const change = `${describe(before)} before, ${describe(after)} now`;
	if (after.exitCode === 0)
		return before.exitCode === 0
			? {outcome: 'ok', detail: 'The command succeeds.'}
			: {outcome: 'fixed', detail: `The command succeeds now: ${change}.`};
	if (after.family === 'authorization-failed' && before.family !== null && before.family !== 'authorization-failed')
		return {
			outcome: 'now-forbidden',
			detail: `The sign-in is fixed, but the identity lacks a role for this (403): ${change}.`,
		};
	return {outcome: 'still-failing', detail: `The command still fails: ${change}.`};
}

/** The command line as a person would type it (words with spaces or quotes quoted). */
export function commandLine(argv: readonly string[]): string {
	return argv.map(word => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/**
Commands that only read, re-run to verify without asking: `az … show|list|get…`, `az account
get-access-token`, `az rest` with GET (its default), `terraform plan`. Anything else may change
something and is asked about (`--yes` headless).
*/
export function isReadOnly(argv: readonly string[]): boolean {
	const [program = '', ...args] = argv;
	const name = program
		.split(/[\\/]/)
		.at(-1)!
		.replace(/\.(?:exe|cmd|bat)$/i, '')
		.toLowerCase();
	const words = args.slice(
		0,
		args.findIndex(arg => arg.startsWith('-')) === -1 ? args.length : args.findIndex(arg => arg.startsWith('-')),
	);
	if (name === 'az') {
		if (words[0] === 'rest') {
			const at = args.findIndex(arg => arg === '--method' || arg === '-m');
			const method = at === -1 ? 'get' : (args[at + 1] ?? '').toLowerCase();
			return method === 'get' || method === 'head';
		}

		const verb = words.at(-1) ?? '';
		return words.length >= 2 && (verb === 'show' || verb === 'list' || verb.startsWith('get'));
	}

	if (name === 'terraform' || name === 'tofu') return args.find(arg => !arg.startsWith('-')) === 'plan';
	return false;
}

/**
The troubleshooter's verification for `authfix run`: the same command again, quietly, compared
with the failed run (its attempts carry the exit codes). `onRun` hears of each re-run (the
command's own exit code follows the last one).
*/
export function rerunVerification(
	argv: readonly string[],
	before: RunSnapshot,
	options: {
		readonly env: Readonly<Record<string, string | undefined>>;
		readonly cwd: string;
		readonly timeoutMs: number;
		readonly now: () => number;
		readonly onRun?: (after: RunSnapshot) => void;
	},
): (signal: AbortSignal) => Promise<ReplayResult> {
	return async signal => {
		const run = await runCommand(argv, {env: options.env, cwd: options.cwd, signal, timeoutMs: options.timeoutMs});
		const after = diagnoseRun(run, options.now()).snapshot;
		options.onRun?.(after);
		const {outcome, detail} = compareRuns(before, after);
		const attempt = (label: string, snapshot: RunSnapshot) => ({
			label,
			status: snapshot.status ?? 0,
			exitCode: snapshot.exitCode,
			...(snapshot.errorCode ? {errorCode: snapshot.errorCode} : {}),
		});
		return {
			outcome,
			command: commandLine(argv),
			attempts: [attempt('before', before), attempt('after', after)],
			detail: run.startError ? `${detail} ${run.startError}` : detail,
		};
	};
}
