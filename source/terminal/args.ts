import {type ParseArgsConfig, parseArgs} from 'node:util';
import {UsageError} from '../usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
Parses a command's own arguments strictly. Unknown flags and missing values become a UsageError
with a sentence a person can act on, never a stack trace.
*/
export function parseCommandArgs<T extends Options>(args: readonly string[], options: T, commandName: string) {
	try {
		return parseArgs({args: [...args], options, allowPositionals: true, strict: true});
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new UsageError(`${commandName}: ${message.replace(/\. To specify a positional argument.*$/s, '.')}`);
	}
}

/** Global flags, accepted before or after the command name, up to a `--`. */
export type GlobalFlags = {
	json: boolean;
	noColor: boolean;
	help: boolean;
	version: boolean;
	cloud: string | undefined;
	timeout: string | undefined;
};

const valueFlags = new Set(['--cloud', '--timeout']);

/** Splits global flags out of argv; what is left goes to the command. */
export function splitGlobalFlags(argv: readonly string[]): {flags: GlobalFlags; rest: string[]} {
	const flags: GlobalFlags = {
		json: false,
		noColor: false,
		help: false,
		version: false,
		cloud: undefined,
		timeout: undefined,
	};
	const rest: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		if (argument === '--') {
			rest.push(...argv.slice(index));
			break;
		}

		const [name, inlineValue] = argument.startsWith('--') ? splitOnce(argument, '=') : [argument, undefined];
		if (valueFlags.has(name)) {
			const value = inlineValue ?? argv[index + 1];
			if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) {
				throw new UsageError(`${name} needs a value`);
			}

			if (inlineValue === undefined) index++;
			if (name === '--cloud') flags.cloud = value;
			else flags.timeout = value;
			continue;
		}

		switch (argument) {
			case '--json': {
				flags.json = true;
				break;
			}

			case '--no-color':
			case '--no-colour': {
				flags.noColor = true;
				break;
			}

			case '--help':
			case '-h': {
				flags.help = true;
				break;
			}

			case '--version':
			case '-v': {
				flags.version = true;
				break;
			}

			default: {
				rest.push(argument);
			}
		}
	}

	return {flags, rest};
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
	const at = text.indexOf(separator);
	return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
