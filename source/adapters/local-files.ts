/**
Small local files authfix reads and writes besides the caches: a federated token file (read with a
bound, never whole: a path may name /dev/zero or a pipe), a config file that may be absent, and a
private file only this user may read (the demo client's assertion).
*/
import {appendFile, mkdir, open, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {AdapterError} from '../ports/adapter-error.ts';
import type {LocalFiles} from '../ports/services.ts';

export function createLocalFiles(): LocalFiles {
	return {
		async readText(file, maxBytes) {
			try {
				// Read one byte more than allowed, never the whole file: a path may name /dev/zero or a pipe.
				const handle = await open(file, 'r');
				try {
					const buffer = Buffer.alloc(maxBytes + 1);
					let length = 0;
					while (length < buffer.length) {
						const {bytesRead} = await handle.read(buffer, length, buffer.length - length);
						if (bytesRead === 0) break;
						length += bytesRead;
					}

					if (length > maxBytes) throw new AdapterError('failed', `${file} is larger than ${maxBytes} bytes`);
					return buffer.subarray(0, length).toString('utf8');
				} finally {
					await handle.close();
				}
			} catch (error) {
				if (error instanceof AdapterError) throw error;
				const code = (error as NodeJS.ErrnoException).code;
				if (code === 'ENOENT') return undefined;
				throw new AdapterError('failed', `cannot read ${file}: ${code ?? 'error'}`);
			}
		},
	};
}

/** A text file's content, or undefined when it cannot be read (absent, a folder, no permission). */
export async function readTextIfPresent(file: string): Promise<string | undefined> {
	try {
		return await readFile(file, 'utf8');
	} catch {
		return undefined;
	}
}

/** Writes a file only its owner can read (0600), in a folder only its owner can open (0700). */
export async function writePrivateFile(file: string, text: string): Promise<void> {
	await mkdir(path.dirname(file), {recursive: true, mode: 0o700});
	await writeFile(file, text, {mode: 0o600});
}

/** Appends text to a file another program gave us to write to (a CI job summary); the file is made when absent. */
export async function appendText(file: string, text: string): Promise<void> {
	await appendFile(file, text, 'utf8');
}
