import {spawn} from 'node:child_process';

export type ProcessResult = {
	readonly exitCode: number | null;
	readonly stdout: string;
	readonly stderr: string;
	/** How it ended when it did not exit by itself. */
	readonly ended: 'exited' | 'timeout' | 'aborted' | 'not-found' | 'spawn-error';
	readonly spawnError?: string;
};

/**
Runs a program without a shell, bounded by `timeoutMs` and `signal`. The child gets its own process
group, and on timeout the whole group is killed: a wrapper script whose child holds stdout open
cannot keep us waiting (Node's execFile waits for the pipes to close).
*/
export function runProcess(
	command: string,
	args: readonly string[],
	options: {
		readonly env: Readonly<Record<string, string | undefined>>;
		readonly timeoutMs: number;
		readonly signal?: AbortSignal;
		readonly maxBytes?: number;
		readonly cwd?: string;
	},
): Promise<ProcessResult> {
	const maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
	return new Promise(resolve => {
		if (options.signal?.aborted) {
			resolve({exitCode: null, stdout: '', stderr: '', ended: 'aborted'});
			return;
		}

		let settled = false;
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		let size = 0;
		const child = spawn(command, [...args], {
			env: options.env as NodeJS.ProcessEnv,
			cwd: options.cwd,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
			shell: false,
			windowsHide: true,
		});

		const killGroup = () => {
			try {
				if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
			} catch {
				child.kill('SIGKILL');
			}
		};

		const finish = (result: ProcessResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', onAbort);
			resolve(result);
		};

		const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
		const timer = setTimeout(() => {
			killGroup();
			finish({exitCode: null, stdout: text(stdout), stderr: text(stderr), ended: 'timeout'});
		}, options.timeoutMs);
		const onAbort = () => {
			killGroup();
			finish({exitCode: null, stdout: text(stdout), stderr: text(stderr), ended: 'aborted'});
		};

		options.signal?.addEventListener('abort', onAbort, {once: true});
		const collect = (into: Buffer[]) => (chunk: Buffer) => {
			size += chunk.length;
			if (size <= maxBytes) into.push(chunk);
		};

		child.stdout.on('data', collect(stdout));
		child.stderr.on('data', collect(stderr));
		child.on('error', (error: NodeJS.ErrnoException) => {
			finish({
				exitCode: null,
				stdout: '',
				stderr: '',
				ended: error.code === 'ENOENT' ? 'not-found' : 'spawn-error',
				spawnError: error.code ?? error.message,
			});
		});
		child.on('close', code => {
			finish({exitCode: code, stdout: text(stdout), stderr: text(stderr), ended: 'exited'});
		});
	});
}
