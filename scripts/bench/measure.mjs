// Shared by the benchmark scripts: runs a command N times and reports the median wall time and the
// peak memory of the whole process. Prints nothing itself.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = path.join(root, 'distribution/cli.js');
const hook = path.join(root, 'scripts/bench/rss-hook.mjs');

export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
Runs `node [--import hook] args…` `runs` times (after one warm-up) with `input` on stdin.
Returns {medianMs, peakMiB, status}. `node` is process.execPath, the Node 22 that runs the bench.
*/
export function measureNode(args, {runs = 15, input, env = {}, cwd = root, expectStatus} = {}) {
	const temporary = mkdtempSync(path.join(os.tmpdir(), 'authfix-bench-'));
	const rssFile = path.join(temporary, 'rss');
	const times = [];
	let peak = 0;
	let status;
	try {
		for (let index = 0; index <= runs; index++) {
			const started = performance.now();
			const result = spawnSync(process.execPath, ['--import', hook, ...args], {
				cwd,
				input,
				env: {...process.env, NO_COLOR: '1', ...env, AUTHFIX_BENCH_RSS_FILE: rssFile},
				encoding: 'utf8',
				maxBuffer: 64 * 1024 * 1024,
			});
			const elapsed = performance.now() - started;
			status = result.status;
			if (expectStatus !== undefined && result.status !== expectStatus) {
				throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 300)}`);
			}

			if (index === 0) continue;
			times.push(elapsed);
			peak = Math.max(peak, Number(readFileSync(rssFile, 'utf8')));
		}
	} finally {
		rmSync(temporary, {recursive: true, force: true});
	}

	return {medianMs: Math.round(median(times)), peakMiB: Math.round((peak / 1024 / 1024) * 10) / 10, status};
}

/**
Start-up cost over a bare Node: runs `node -e 0` and each `node args…` in turn, `runs` rounds after a
warm-up (interleaved, so that a busy machine slows all of them alike), and returns the median wall
time of the bare Node and each command's median difference from it, in ms. No hook is loaded.
*/
export function startUpOverNode(commands, {runs = 25, input} = {}) {
	const run = args => {
		const started = performance.now();
		spawnSync(process.execPath, args, {cwd: root, input, env: {...process.env, NO_COLOR: '1'}, encoding: 'utf8'});
		return performance.now() - started;
	};

	const bare = [];
	const over = commands.map(() => []);
	for (let round = 0; round <= runs; round++) {
		const base = run(['-e', '0']);
		const times = commands.map(args => run(args));
		if (round === 0) continue;
		bare.push(base);
		for (const [index, time] of times.entries()) over[index].push(time - base);
	}

	return {nodeMs: Math.round(median(bare)), overMs: over.map(values => Math.round(median(values)))};
}

/** Runs any command `runs` times after a warm-up; median wall time in ms. */
export function measureCommand(command, args, {runs = 5, env = {}, cwd = root} = {}) {
	const times = [];
	let last;
	for (let index = 0; index <= runs; index++) {
		const started = performance.now();
		last = spawnSync(command, args, {cwd, env: {...process.env, ...env}, encoding: 'utf8'});
		if (last.error) return {error: last.error.message};
		if (index > 0) times.push(performance.now() - started);
	}

	return {medianMs: Math.round(median(times)), status: last.status};
}

/** One benchmark row, as every scripts/bench/*.mjs prints it (a JSON line). */
export function row(what, value, unit, target) {
	return JSON.stringify({what, value, unit, ...(target ? {target} : {})});
}
