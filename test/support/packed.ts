/**
Packs the built package with `npm pack` and installs the tarball into an empty folder, the way a
user meets authfix through `npx`. Done once per build: the result is kept in the system's temporary
folder (outside the clone: npm puts the node_modules/.bin of every folder above on PATH, and the
clone's holds Node 22), keyed by a hash of distribution/, guarded by a lock folder so parallel test
files share it.
*/
import {execFile, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, realpathSync} from 'node:fs';
import {mkdir, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

const run = promisify(execFile);
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type PackedInstall = {
	/** The folder the tarball was installed into (holds node_modules/ and package.json). */
	readonly directory: string;
	/** node_modules/.bin/authfix inside it. */
	readonly bin: string;
	readonly tarball: string;
	readonly tarballBytes: number;
	readonly installMs: number;
};

async function hashDistribution(): Promise<string> {
	const hash = createHash('sha256');
	const root = path.join(repositoryRoot, 'distribution');
	const entries = (await readdir(root, {recursive: true})).sort();
	for (const entry of entries) {
		const file = path.join(root, entry);
		if ((await stat(file)).isFile()) hash.update(entry).update(await readFile(file));
	}

	hash.update(await readFile(path.join(repositoryRoot, 'package.json')));
	return hash.digest('hex').slice(0, 16);
}

async function withLock<T>(lock: string, action: () => Promise<T>): Promise<T> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		try {
			await mkdir(lock);
			break;
		} catch {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
			await new Promise(resolve => setTimeout(resolve, 100));
		}
	}

	try {
		return await action();
	} finally {
		await rm(lock, {recursive: true, force: true});
	}
}

let memo: Promise<PackedInstall> | undefined;

/** Requires `npm run build` first (npm test does it). */
export async function installPackedTarball(): Promise<PackedInstall> {
	memo ??= (async () => {
		if (!existsSync(path.join(repositoryRoot, 'distribution/cli.js'))) {
			throw new Error('distribution/ is missing: run `npm run build` first');
		}

		const key = await hashDistribution();
		const clone = createHash('sha256').update(repositoryRoot).digest('hex').slice(0, 8);
		const base = path.join(os.tmpdir(), `authfix-packed-${clone}`);
		await mkdir(base, {recursive: true});
		const directory = path.join(base, key);
		const done = path.join(directory, 'install.json');
		return withLock(path.join(base, `${key}.lock`), async () => {
			if (existsSync(done)) return JSON.parse(await readFile(done, 'utf8')) as PackedInstall;
			// A partial install of this build, and the installs of earlier builds of this clone, go.
			for (const entry of await readdir(base)) {
				if (!entry.endsWith('.lock')) await rm(path.join(base, entry), {recursive: true, force: true});
			}

			await mkdir(directory, {recursive: true});
			// distribution/ is built already; prepack would rebuild it under the other test files' feet.
			const {stdout} = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', directory], {
				cwd: repositoryRoot,
			});
			const [info] = JSON.parse(stdout) as Array<{filename: string}>;
			const tarball = path.join(directory, info!.filename);
			const project = path.join(directory, 'project');
			await mkdir(project);
			await writeFile(path.join(project, 'package.json'), '{"name":"empty","private":true}\n');
			const started = performance.now();
			await run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], {cwd: project});
			const installMs = Math.round(performance.now() - started);
			const result: PackedInstall = {
				directory: project,
				bin: path.join(project, 'node_modules/.bin/authfix'),
				tarball,
				tarballBytes: (await stat(tarball)).size,
				installMs,
			};
			await writeFile(done, JSON.stringify(result));
			return result;
		});
	})();
	return memo;
}

/**
A Node.js on this machine whose major version is below `needed`, or undefined. The tests' PATH
starts with the project's Node 22, so this looks at every `node` on PATH and in the usual folders.
*/
export function findOlderNode(needed: number): {readonly path: string; readonly version: string} | undefined {
	const folders = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/bin', '/usr/bin', '/bin'];
	const seen = new Set<string>();
	for (const folder of folders.filter(Boolean)) {
		const candidate = path.join(folder, 'node');
		if (!existsSync(candidate)) continue;
		const real = realpathSync(candidate);
		if (seen.has(real)) continue;
		seen.add(real);
		const result = spawnSync(real, ['-p', 'process.versions.node'], {encoding: 'utf8', timeout: 10_000});
		const version = result.stdout?.trim() ?? '';
		if (result.status === 0 && Number(version.split('.')[0]) < needed) return {path: real, version};
	}

	return undefined;
}

/**
Runs the installed `authfix` (node_modules/.bin/authfix, through its `#!/usr/bin/env node` line) the
way a user's shell does, with `node` (and npm's own `npx`, when `viaNpx`) resolving to `node`.
*/
export function runInstalled(
	packed: PackedInstall,
	node: string,
	args: readonly string[],
	{viaNpx = false} = {},
): {readonly status: number | null; readonly stdout: string; readonly stderr: string} {
	const [command, commandArgs] = viaNpx ? ['npx', ['--no-install', 'authfix', ...args]] : [packed.bin, args];
	const result = spawnSync(command, commandArgs, {
		cwd: packed.directory,
		encoding: 'utf8',
		timeout: 30_000,
		env: {
			...process.env,
			PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
			NO_COLOR: '1',
			AUTHFIX_DATA_DIR: path.join(packed.directory, 'data'),
		},
	});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}
