/**
Renders an Ink element with fake terminal streams (ink-testing-library's approach, vendored so the
width is settable and resize can be simulated) and waits on conditions, never on fixed sleeps:
`waitFor(text)` polls the last frame until it contains the text, `press(key, expect)` writes a key
and waits for the text. vitest's per-test timeout bounds every wait.
*/
import {EventEmitter} from 'node:events';
import {render} from 'ink';
import type {ReactElement} from 'react';

class FakeStdout extends EventEmitter {
	columns: number;
	rows = 40;
	isTTY = true;
	readonly frames: string[] = [];
	constructor(columns: number) {
		super();
		this.columns = columns;
	}

	write = (frame: string, callback?: () => void) => {
		if (frame !== '') this.frames.push(frame);
		// Ink waits for a write's callback before resolving waitUntilExit.
		if (typeof callback === 'function') setImmediate(callback);
		return true;
	};
}

class FakeStdin extends EventEmitter {
	isTTY = true;
	private buffer: string[] = [];
	write = (data: string) => {
		this.buffer.push(data);
		this.emit('readable');
		this.emit('data', data);
	};

	read = () => this.buffer.shift() ?? null;
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

const ansi = /\u001B\[[\d;?]*[A-Za-z]|\u001B\][^\u0007]*\u0007/g;

export type RenderedApp = ReturnType<typeof renderApp>;

export function renderApp(element: ReactElement, options: {columns?: number} = {}) {
	const stdout = new FakeStdout(options.columns ?? 80);
	const stderr = new FakeStdout(options.columns ?? 80);
	const stdin = new FakeStdin();
	const instance = render(element, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
		interactive: true,
	});
	// Mode switches (bracketed paste on/off) arrive as writes of their own: a frame is a write with text.
	const lastFrame = () => stdout.frames.findLast(written => written.replace(ansi, '').trim() !== '') ?? '';
	const frame = () => lastFrame().replace(ansi, '');

	async function waitFor(text: string | RegExp | (() => boolean), timeoutMs = 5000): Promise<string> {
		const started = Date.now();
		const matches = () =>
			typeof text === 'string' ? frame().includes(text) : typeof text === 'function' ? text() : text.test(frame());
		while (!matches()) {
			if (Date.now() - started > timeoutMs) {
				throw new Error(`waited ${timeoutMs} ms for ${String(text)}; last frame:\n${frame()}`);
			}

			// Yield to React's scheduler, then to timers, before looking again.
			await new Promise(resolve => setImmediate(() => setTimeout(resolve, 1)));
		}

		// The frame can show before the new screen's input handlers are attached (they attach in
		// effects): let React flush its effects so the next key reaches the screen on display.
		await instance.waitUntilRenderFlush();
		await new Promise(resolve => setImmediate(resolve));
		return frame();
	}

	async function press(key: string, expectText: string | RegExp): Promise<string> {
		stdin.write(key);
		return waitFor(expectText);
	}

	function resize(columns: number) {
		stdout.columns = columns;
		stdout.emit('resize');
	}

	return {
		frame,
		lastFrame,
		waitFor,
		press,
		resize,
		stdin,
		stdout,
		unmount: () => instance.unmount(),
		waitUntilExit: () => instance.waitUntilExit(),
	};
}
