/**
What every command and service runs with: the terminal (`Io`, built by the composition root from
`process`) and the global options (`--json`, `--cloud`, `--timeout`, colour).
*/
import type {Io} from './io.ts';

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
