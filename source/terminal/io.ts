/**
Everything a command may touch of the outside world's terminal side. Only `source/cli.ts` builds
the real one from `process`; tests build their own. The command contract is `commands/command.ts`.
*/
export type Io = {
	readonly stdout: {write(text: string): void};
	readonly stderr: {write(text: string): void};
	/** Another program's output (`authfix run`'s command), byte for byte, to stdout or stderr. */
	passThrough?(stream: 'stdout' | 'stderr', bytes: Uint8Array): void;
	/**
	Reads standard input as UTF-8 (resolves '' when there is none). With `limitBytes`, stops reading
	once more than that has arrived and resolves with what it has (longer than the limit, so the caller
	can refuse it) instead of buffering a stream without end.
	*/
	readStdin(limitBytes?: number): Promise<string>;
	readonly stdinIsTty: boolean;
	readonly stdoutIsTty: boolean;
	/** Terminal width, 80 when unknown. */
	readonly columns: number;
	readonly env: Readonly<Record<string, string | undefined>>;
	/** The folder relative paths are resolved against. */
	readonly cwd: string;
	/** Epoch milliseconds. Time is an input. */
	now(): number;
	/**
	Writes `prompt` and reads one line typed on the terminal (without its newline); undefined at end of
	input or Ctrl-C. Only for a terminal (stdinIsTty and stdoutIsTty): ask before doing something.
	*/
	readLine?(prompt: string): Promise<string | undefined>;
	/**
	Resolves with the signal name at the first SIGINT/SIGTERM (long-running commands such as
	`sandbox`), which then no longer end the process. Aborting `until` stops listening (the promise
	then never resolves) and gives the signals back their default.
	*/
	untilInterrupted?(until?: AbortSignal): Promise<string>;
};
