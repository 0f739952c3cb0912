/**
The command contract: what the composition root hands a command and what it gets back (an exit
code). Commands parse their flags, call one service and render its result.
*/
import type {Io} from '../terminal/io.ts';

/** Global options every command accepts. */
export type GlobalOptions = {
	readonly json: boolean;
	readonly color: boolean;
	readonly cloud: string | undefined;
	/** Seconds that bound every external call. */
	readonly timeoutSeconds: number;
};

export type CommandContext = {
	readonly io: Io;
	readonly global: GlobalOptions;
};

/** A command module: `run` gets the arguments after the command name (global flags removed). */
export type Command = {
	readonly name: string;
	readonly summary: string;
	readonly usage: string;
	run(args: readonly string[], context: CommandContext): Promise<number>;
};
