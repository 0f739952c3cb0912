import {spawn} from 'node:child_process';
import {constants} from 'node:os';

export type ProcessResult = {
	readonly exitCode: number | null;
	/** The signal that ended it, when one did (it has no exit code then). */
	readonly exitSignal?: string;
	readonly stdout: string;
	readonly stderr: string;
	/** How it ended when it did not exit by itself. */
	readonly ended: 'exited' | 'timeout' | 'aborted' | 'not-found' | 'spawn-error';
	readonly spawnError?: string;
};

/** The shell's exit status of a process a signal ended: 128 + the signal's number (SIGINT: 130). */
export function exitStatusOfSignal(signal: string): number {
	return 128 + ((constants.signals as Record<string, number>)[signal] ?? 0);
}

/**
Runs a program without a shell, bounded by `timeoutMs` and `signal`. The child gets its own process
group, and on timeout the whole group is killed: a wrapper script whose child holds stdout open
cannot keep us waiting (Node's execFile waits for the pipes to close).

`foreground` is for the user's own command (`authfix run`): it stays in the terminal's process
group and reads the terminal (a prompt, Ctrl-C reach it as without authfix), and has no time limit
unless one is given. `onOutput` receives its output as it comes, byte for byte.
*/
export function runProcess(
	command: string,
	args: readonly string[],
	options: {
		readonly env: Readonly<Record<string, string | undefined>>;
		readonly timeoutMs?: number;
		readonly signal?: AbortSignal;
		readonly maxBytes?: number;
		readonly cwd?: string;
		readonly foreground?: boolean;
		readonly onOutput?: (stream: 'stdout' | 'stderr', chunk: Uint8Array) => void;
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
		const foreground = options.foreground === true;
		const child = spawn(command, [...args], {
			env: options.env as NodeJS.ProcessEnv,
			cwd: options.cwd,
			stdio: [foreground ? 'inherit' : 'ignore', 'pipe', 'pipe'],
			detached: !foreground,
			shell: false,
			windowsHide: true,
		});

		const killGroup = () => {
			try {
				if (child.pid !== undefined && !foreground) process.kill(-child.pid, 'SIGKILL');
				else child.kill('SIGKILL');
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
		const timer =
			options.timeoutMs === undefined
				? undefined
				: setTimeout(() => {
						killGroup();
						finish({exitCode: null, stdout: text(stdout), stderr: text(stderr), ended: 'timeout'});
					}, options.timeoutMs);
		const onAbort = () => {
			killGroup();
			finish({exitCode: null, stdout: text(stdout), stderr: text(stderr), ended: 'aborted'});
		};

		options.signal?.addEventListener('abort', onAbort, {once: true});
		const collect = (into: Buffer[], stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
			options.onOutput?.(stream, chunk);
			size += chunk.length;
			if (size <= maxBytes) into.push(chunk);
		};

		child.stdout.on('data', collect(stdout, 'stdout'));
		child.stderr.on('data', collect(stderr, 'stderr'));
		child.on('error', (error: NodeJS.ErrnoException) => {
			finish({
				exitCode: null,
				stdout: '',
				stderr: '',
				ended: error.code === 'ENOENT' ? 'not-found' : 'spawn-error',
				spawnError: error.code ?? error.message,
			});
		});
		child.on('close', (code, exitSignal) => {
			finish({
				exitCode: code,
				...(exitSignal ? {exitSignal} : {}),
				stdout: text(stdout),
				stderr: text(stderr),
				ended: 'exited',
			});
		});
	});
}
