/**
The composition root: the only module that reads `process`. It splits global flags, picks the
command, builds the terminal I/O and maps the outcome to an exit code.
*/
import process from 'node:process';
import {commands, mainHelp} from './commands/registry.ts';
import {exitCodes} from './exit-codes.ts';
import {type GlobalFlags, splitGlobalFlags} from './terminal/args.ts';
import type {GlobalOptions} from './terminal/context.ts';
import type {Io} from './terminal/io.ts';
import {shouldColor} from './terminal/style.ts';
import {UsageError} from './usage-error.ts';
import {version} from './version.ts';

function createIo(): Io {
	return {
		stdout: {write: text => void process.stdout.write(text)},
		stderr: {write: text => void process.stderr.write(text)},
		passThrough: (stream, bytes) => void (stream === 'stdout' ? process.stdout : process.stderr).write(bytes),
		async readStdin(limitBytes = Number.POSITIVE_INFINITY) {
			if (process.stdin.isTTY) return '';
			const chunks: Buffer[] = [];
			let total = 0;
			for await (const chunk of process.stdin) {
				chunks.push(chunk as Buffer);
				total += (chunk as Buffer).length;
				if (total > limitBytes) {
					process.stdin.destroy();
					break;
				}
			}

			return Buffer.concat(chunks).toString('utf8');
		},
		async readLine(prompt) {
			const readline = await import('node:readline');
			return new Promise(resolve => {
				const lines = readline.createInterface({input: process.stdin, output: process.stdout, terminal: true});
				let answer: string | undefined;
				lines.on('SIGINT', () => lines.close());
				lines.on('close', () => resolve(answer));
				lines.question(prompt, line => {
					answer = line;
					lines.close();
				});
			});
		},
		// A getter: process.stdin is built on first use (a stream over the pipe or file, ~5 ms), which
		// `--version` and `explain TEXT` never need.
		get stdinIsTty() {
			return Boolean(process.stdin.isTTY);
		},
		stdoutIsTty: Boolean(process.stdout.isTTY),
		columns: process.stdout.columns || 80,
		env: process.env,
		cwd: process.cwd(),
		now: () => Date.now(),
		untilInterrupted: until =>
			new Promise(resolve => {
				const release = () => {
					process.off('SIGINT', stop);
					process.off('SIGTERM', stop);
				};
				const stop = (signal: string) => {
					release();
					resolve(signal);
				};
				process.on('SIGINT', stop);
				process.on('SIGTERM', stop);
				until?.addEventListener('abort', release, {once: true});
			}),
	};
}

function globalOptions(flags: GlobalFlags, io: Io): GlobalOptions {
	const timeoutSeconds = flags.timeout === undefined ? 20 : Number(flags.timeout);
	if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 3600) {
		throw new UsageError(`--timeout takes a number of seconds between 0 and 3600, not '${flags.timeout}'`);
	}

	return {
		json: flags.json,
		color: !flags.json && shouldColor({noColorFlag: flags.noColor, env: io.env, isTty: io.stdoutIsTty}),
		cloud: flags.cloud,
		timeoutSeconds,
	};
}

async function main(argv: readonly string[]): Promise<number> {
	const io = createIo();
	try {
		const {flags, rest} = splitGlobalFlags(argv);
		if (flags.version) {
			io.stdout.write(flags.json ? `${JSON.stringify({version})}\n` : `${version}\n`);
			return exitCodes.ok;
		}

		const [name, ...args] = rest;
		if (name === 'help' || (name === undefined && flags.help)) {
			const topic = name === 'help' ? args[0] : undefined;
			if (topic === undefined) {
				io.stdout.write(flags.json ? `${JSON.stringify({command: null, usage: mainHelp()})}\n` : mainHelp());
				return exitCodes.ok;
			}

			return await main([topic, '--help', ...(flags.json ? ['--json'] : [])]);
		}

		const global = globalOptions(flags, io);
		if (name === undefined) {
			if (flags.json) {
				throw new UsageError('--json needs a command, e.g. `authfix check --json` (`authfix --help` lists them)');
			}

			// No command: the interactive troubleshooter (plain guidance when not a terminal).
			const {runTroubleshooter} = await import('./commands/tui.ts');
			return await runTroubleshooter({io, global});
		}

		const entry = commands.find(command => command.name === name);
		if (!entry) {
			throw new UsageError(`unknown command '${name}'. Run \`authfix --help\` for the list of commands`);
		}

		const command = await entry.load();
		if (flags.help) {
			const usage = command.usage.trimEnd();
			io.stdout.write(flags.json ? `${JSON.stringify({command: name, usage})}\n` : `${usage}\n`);
			return exitCodes.ok;
		}

		return await command.run(args, {io, global});
	} catch (error) {
		// A message, never a stack trace (AUTHFIX_DEBUG=1 shows it); with --json, the one document on stdout.
		// Loaded only here, off the start-up path.
		const {failureJson, failureLine, failureOf, wantsJson} = await import('./terminal/failure.ts');
		const failure = failureOf(error);
		if (wantsJson(argv)) io.stdout.write(failureJson(failure));
		else io.stderr.write(failureLine(failure));
		if (failure.code === 'unexpected' && io.env.AUTHFIX_DEBUG && error instanceof Error && error.stack)
			io.stderr.write(`${error.stack}\n`);
		return failure.exitCode;
	}
}

// A closed pipe (`authfix explain … | head -1`) ends the output quietly instead of with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
		throw error;
	});
}

process.exitCode = await main(process.argv.slice(2));
