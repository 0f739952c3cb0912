import {execFile} from 'node:child_process';
import {cp, mkdir, readdir, rm, symlink} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, test} from 'vitest';
import packageJson from '../../package.json' with {type: 'json'};
import {commands} from '../../source/commands/registry.ts';
import {findOlderNode, installPackedTarball, repositoryRoot, runInstalled} from '../support/packed.ts';

const run = promisify(execFile);
/** The major version `engines.node` asks for (">=22"). */
const neededMajor = Number(/^>=\s*(\d+)$/.exec(packageJson.engines.node)![1]);
const older = findOlderNode(neededMajor);

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

test(`under Node.js ${neededMajor} or newer the installed command runs: --version, explain of an error text`, async () => {
	const packed = await installPackedTarball();
	expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(neededMajor);
	const version = runInstalled(packed, process.execPath, ['--version']);
	expect(version).toMatchObject({status: 0, stdout: `${packageJson.version}\n`, stderr: ''});
	const explain = runInstalled(packed, process.execPath, [
		'explain',
		"AADSTS700016: Application with identifier '04b07795-8ddb-461a-bbee-02f9e1bf7b46' was not found in the directory 'contoso'.",
	]);
	expect(explain.status).toBe(0);
	expect(explain.stdout).toContain('AADSTS700016');
});

describe(`under a Node.js older than ${neededMajor}`, () => {
	const refusal = new RegExp(
		`^authfix: needs Node\\.js ${neededMajor} or newer, and this is Node\\.js ${older?.version.replaceAll('.', '\\.')}\\. .*npx -p node@${neededMajor} -p authfix authfix`,
	);

	test('npx authfix --version refuses in one line naming both versions, exit 2, no stack trace', async context => {
		context.skip(!older, `no Node.js older than ${neededMajor} on this machine (PATH, /usr/local/bin, /usr/bin, /bin)`);
		const packed = await installPackedTarball();
		const result = runInstalled(packed, older!.path, ['--version'], {viaNpx: true});
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr.split('\n')).toEqual([expect.stringMatching(refusal), '']);
	});

	test('every entry refuses the same way: bare, --help, help, every command, its --help', async context => {
		context.skip(!older, `no Node.js older than ${neededMajor} on this machine (PATH, /usr/local/bin, /usr/bin, /bin)`);
		const packed = await installPackedTarball();
		const entries = [
			[],
			['--version', '--json'],
			['--help'],
			['help', 'explain'],
			['bogus'],
			...commands.flatMap(command => [[command.name], [command.name, '--help']]),
			['explain', 'AADSTS700016: not found'],
		];
		for (const args of entries) {
			const result = runInstalled(packed, older!.path, args);
			expect({args, ...result}).toEqual({args, status: 2, stdout: '', stderr: expect.stringMatching(refusal)});
			expect(result.stderr.split('\n')).toHaveLength(2);
		}
	});
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
		expect(files).toContain('distribution/main.mjs');
		expect(files.filter(file => file.startsWith('distribution/chunks/')).length).toBeGreaterThan(0);
	} finally {
		await rm(tree, {recursive: true, force: true});
	}
}, 120_000);
