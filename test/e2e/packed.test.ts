import {execFile} from 'node:child_process';
import {cp, mkdir, readdir, rm, symlink} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {expect, test} from 'vitest';
import packageJson from '../../package.json' with {type: 'json'};
import {installPackedTarball, repositoryRoot} from '../support/packed.ts';

const run = promisify(execFile);

test('the packed tarball installs into an empty folder with no dependencies and runs there via npx', async () => {
	const packed = await installPackedTarball();
	const installed = await readdir(path.join(packed.directory, 'node_modules'));
	// Everything is bundled: the only package installed is authfix itself (plus npm's .bin and lock).
	expect(installed.filter(name => !name.startsWith('.'))).toEqual(['authfix']);
	expect(packed.tarballBytes).toBeLessThan(15 * 1024 * 1024);
	const {stdout} = await run('npx', ['--no-install', 'authfix', '--version'], {cwd: packed.directory});
	expect(stdout.trim()).toBe(packageJson.version);
	const help = await run('npx', ['--no-install', 'authfix', '--help'], {cwd: packed.directory});
	expect(help.stdout).toContain('authfix <command>');
});

test('npm pack builds first (prepack): a tree without distribution/ packs the command and its program', async () => {
	const tree = path.join(repositoryRoot, '.tmp/prepack-tree');
	await rm(tree, {recursive: true, force: true});
	await mkdir(tree, {recursive: true});
	const leftOut = new Set(['node_modules', 'distribution', '.tmp', '.git', 'coverage']);
	for (const entry of await readdir(repositoryRoot)) {
		if (!leftOut.has(entry)) await cp(path.join(repositoryRoot, entry), path.join(tree, entry), {recursive: true});
	}

	await symlink(path.join(repositoryRoot, 'node_modules'), path.join(tree, 'node_modules'));
	try {
		const {stdout} = await run('npm', ['pack', '--dry-run', '--json'], {cwd: tree});
		const [info] = JSON.parse(stdout) as Array<{files: Array<{path: string}>}>;
		const files = info!.files.map(file => file.path);
		expect(files).toContain(packageJson.bin.authfix.replace(/^\.\//, ''));
		expect(files.filter(file => file.startsWith('distribution/chunks/')).length).toBeGreaterThan(0);
	} finally {
		await rm(tree, {recursive: true, force: true});
	}
}, 120_000);
