import {execFile} from 'node:child_process';
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {expect, test} from 'vitest';
import packageJson from '../../package.json' with {type: 'json'};
import {installPackedTarball} from '../support/packed.ts';

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
