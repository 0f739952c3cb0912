/**
The command contract: what the composition root hands a command and what it gets back (an exit
code). Commands parse their flags, call one service and render its result.
*/
import type {CommandContext} from '../terminal/context.ts';

/** A command module: `run` gets the arguments after the command name (global flags removed). */
export type Command = {
	readonly name: string;
	readonly summary: string;
	readonly usage: string;
	run(args: readonly string[], context: CommandContext): Promise<number>;
};
