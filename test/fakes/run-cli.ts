import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fakesDirectory = path.join(root, 'test', 'fakes');

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
	options: {readonly timeoutMs?: number} = {},
): Promise<CliRun> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(root, 'source', 'cli.ts'), ...args], {
			env: {NO_COLOR: '1', ...env},
			stdio: ['ignore', 'pipe', 'pipe'],
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
	if (fake === 'missing') return [path.dirname(process.execPath), '/nonexistent'].join(':');
	return [path.join(fakesDirectory, fake), path.dirname(process.execPath), ...system].join(':');
}
