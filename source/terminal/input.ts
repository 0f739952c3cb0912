import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {UsageError} from '../usage-error.ts';
import type {Io} from './io.ts';

/**
Reads the text a command works on: the positional argument, `-` or nothing (standard input when
it is not a terminal), or `--file PATH`. Never waits for keys on an interactive terminal.
*/
export async function readTextInput(options: {
	readonly commandName: string;
	readonly positionals: readonly string[];
	readonly file: string | undefined;
	readonly io: Io;
	readonly maxBytes: number;
	readonly what: string;
}): Promise<string> {
	const {commandName, positionals, file, io, maxBytes, what} = options;
	if (file !== undefined && positionals.length > 0) {
		throw new UsageError(`${commandName}: give the ${what} either as an argument or with --file, not both`);
	}

	let text: string;
	if (file !== undefined) {
		const resolved = path.resolve(io.cwd, file);
		let size: number;
		try {
			const info = await stat(resolved);
			if (!info.isFile()) throw new UsageError(`${commandName}: ${file} is not a file`);
			size = info.size;
		} catch (error) {
			if (error instanceof UsageError) throw error;
			throw new UsageError(`${commandName}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
		}

		if (size > maxBytes) throw new UsageError(`${commandName}: ${file} is larger than ${formatBytes(maxBytes)}`);
		text = await readFile(resolved, 'utf8');
	} else if (positionals.length > 0 && !(positionals.length === 1 && positionals[0] === '-')) {
		text = positionals.join(' ');
	} else {
		if (io.stdinIsTty && positionals[0] !== '-') {
			throw new UsageError(
				`${commandName}: no ${what} given. Pass it as an argument, with --file PATH, or on standard input (… | authfix ${commandName})`,
			);
		}

		text = await io.readStdin(maxBytes);
	}

	if (Buffer.byteLength(text) > maxBytes) {
		throw new UsageError(`${commandName}: the ${what} is larger than ${formatBytes(maxBytes)}`);
	}

	if (text.trim() === '') throw new UsageError(`${commandName}: the ${what} is empty`);
	return text;
}

/** A size for people: bytes below 1 KiB, else KiB, MiB or GiB (one decimal below 10). */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
	let value = bytes / 1024;
	let unit = 'KiB';
	for (const next of ['MiB', 'GiB', 'TiB']) {
		if (value < 1024) break;
		value /= 1024;
		unit = next;
	}

	const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
	return `${rounded} ${unit}`;
}
