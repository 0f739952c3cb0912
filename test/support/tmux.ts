/**
A real terminal for end-to-end tests: a tmux server on its own socket, sessions started with
exactly the given environment (`env -i`), keys sent with `send-keys`, screens read with
`capture-pane`, and waits on what the screen shows, never on fixed sleeps. After the command, the
session prints `EXIT:<code>` and whether the terminal is back in cooked mode (`STTY:icanon echo`).
*/
import {execFile} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

export type Tmux = {
	tmux(...args: string[]): Promise<string>;
	/** The visible screen; `joined`: lines the terminal wrapped are joined again. */
	screen(name: string, options?: {readonly joined?: boolean}): Promise<string>;
	waitForScreen(
		name: string,
		condition: (text: string) => boolean,
		timeoutMs?: number,
		options?: {readonly joined?: boolean},
	): Promise<string>;
	/** Starts `command` in a new session named `name` (80×30 unless `columns`), in `cwd`, with exactly `env`. */
	start(
		name: string,
		command: string,
		options: {readonly cwd: string; readonly env: Record<string, string>; readonly columns?: number},
	): Promise<void>;
	stop(): Promise<void>;
};

export function tmuxIn(directory: string): Tmux {
	const socket = path.join(directory, 'tmux.sock');
	const tmux = async (...args: string[]) => (await run('tmux', ['-S', socket, ...args], {timeout: 10_000})).stdout;
	const screen = (name: string, options: {readonly joined?: boolean} = {}) =>
		tmux('capture-pane', '-p', ...(options.joined ? ['-J'] : []), '-t', name);
	return {
		tmux,
		screen,
		async waitForScreen(name, condition, timeoutMs = 30_000, options = {}) {
			const started = Date.now();
			for (;;) {
				const text = await screen(name, options);
				if (condition(text)) return text;
				if (Date.now() - started > timeoutMs) throw new Error(`timed out; the screen was:\n${text}`);
				await new Promise(resolve => setTimeout(resolve, 50));
			}
		},
		async start(name, command, {cwd, env, columns = 80}) {
			const assignments = Object.entries(env).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
			await tmux(
				'new-session',
				'-d',
				'-s',
				name,
				'-x',
				String(columns),
				'-y',
				'30',
				// After the command: its exit code, and whether the terminal is back in cooked mode (line editing, echo).
				`cd ${JSON.stringify(cwd)} && env -i ${assignments.join(' ')} ${command}; echo "EXIT:$?"; echo "STTY:$(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' ')"; sleep 120`,
			);
		},
		async stop() {
			await tmux('kill-server').catch(() => {});
		},
	};
}
