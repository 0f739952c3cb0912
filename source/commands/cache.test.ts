import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {cacheTenantA, secretsIn, seedCaches} from '../../test/support/token-cache-files.ts';
import type {Io} from '../terminal/io.ts';
import {UsageError} from '../usage-error.ts';
import {command} from './cache.ts';

let home: string;
let data: string;
let azure: string;
/** The clock of the command: a second further on at every reading, so backups sort as they were made. */
let clock: number;

beforeEach(async () => {
	home = await mkdtemp(path.join(tmpdir(), 'authfix-cache-command-'));
	data = path.join(home, 'data');
	azure = path.join(home, '.azure');
	clock = Date.parse('2026-03-01T10:00:00Z');
});

afterEach(async () => {
	await rm(home, {recursive: true, force: true});
});

async function cache(args: string[], options: {json?: boolean; env?: Record<string, string>} = {}) {
	let stdout = '';
	const io: Io = {
		stdout: {
			write(text) {
				stdout += text;
			},
		},
		stderr: {write: () => {}},
		readStdin: async () => '',
		stdinIsTty: false,
		stdoutIsTty: false,
		columns: 100,
		env: {HOME: home, AZURE_CONFIG_DIR: azure, AUTHFIX_DATA_DIR: data, ...options.env},
		cwd: home,
		now: () => (clock += 1000),
	};
	const code = await command.run(args, {
		io,
		global: {json: options.json ?? false, color: false, cloud: undefined, timeoutSeconds: 5},
	});
	return {code, stdout};
}

/** Seeds the caches and purges them, `times` times: that many backups. */
async function purges(times: number, env: Record<string, string> = {}) {
	const secrets: string[] = [];
	for (let round = 0; round < times; round++) {
		const files = await seedCaches(azure, path.join(home, '.IdentityService'));
		secrets.push(...[...files.values()].flatMap(bytes => secretsIn(bytes)));
		expect((await cache(['purge', '--yes'], {env})).code).toBe(0);
	}

	return secrets;
}

const backupNames = async () => (await readdir(path.join(data, 'backups'))).sort();

describe('authfix cache: backups do not pile up', () => {
	test('--help says how many are kept, how to change it, and what purge does with msal_http_cache.bin', () => {
		expect(command.usage).toContain('authfix cache prune [--keep N] [--dry-run] [--json]');
		expect(command.usage).toContain(
			'beyond the newest\n5 are removed (--keep N, else AUTHFIX_KEEP_BACKUPS=N; 1 to 1000)',
		);
		expect(command.usage).toContain('msal_http_cache.bin is removed whole by either purge');
		expect(command.usage).toContain('<file>.authfix-XXXXXX');
	});

	test('a purge keeps the last 5 by default, AUTHFIX_KEEP_BACKUPS changes it, --keep wins over both', async () => {
		await purges(6);
		expect(await backupNames()).toHaveLength(5);
		await purges(1, {AUTHFIX_KEEP_BACKUPS: '2'});
		expect(await backupNames()).toHaveLength(2);
		await seedCaches(azure, path.join(home, '.IdentityService'));
		const purge = await cache(['purge', '--yes', '--keep', '1'], {env: {AUTHFIX_KEEP_BACKUPS: '4'}});
		expect(purge.stdout).toMatch(
			/Removed 2 older backups \([\d.]+ KiB\): purges keep the last 1 \(--keep, AUTHFIX_KEEP_BACKUPS\)/,
		);
		expect(await backupNames()).toHaveLength(1);
	});

	test('backups and list say where the backups are and how big, never what they hold', async () => {
		const secrets = await purges(3);
		const folder = path.join(data, 'backups');
		const text = await cache(['backups']);
		const names = await backupNames();
		for (const name of names)
			expect(text.stdout).toMatch(new RegExp(`${name}  4 files  [\\d.]+ KiB  ${path.join(folder, name)}`));
		expect(text.stdout).toMatch(new RegExp(`3 backups \\([\\d.]+ KiB\\) in ${folder}; purges keep the last 5`));
		const json = await cache(['backups'], {json: true});
		const document = JSON.parse(json.stdout);
		expect(document).toMatchObject({directory: folder, keep: 5, incomplete: []});
		expect(document.bytes).toBe(
			document.backups.reduce((sum: number, backup: {bytes: number}) => sum + backup.bytes, 0),
		);
		const list = await cache(['list']);
		expect(list.stdout).toMatch(
			new RegExp(`Backups: 3 backups \\([\\d.]+ KiB\\) in ${folder}; purges keep the last 5`),
		);
		const listJson = JSON.parse((await cache(['list'], {json: true})).stdout);
		expect(listJson.backups).toEqual({directory: folder, count: 3, bytes: document.bytes, keep: 5, incomplete: 0});
		for (const value of secrets) expect(text.stdout + json.stdout + list.stdout).not.toContain(value);
	});

	test('prune by hand: a dry run names what would go, then it removes all but the newest N', async () => {
		await purges(4);
		const names = await backupNames();
		const dry = await cache(['prune', '--keep', '2', '--dry-run']);
		expect(dry.stdout).toContain(`Would remove`);
		expect(dry.stdout).toContain(names[0]);
		expect(dry.stdout).toContain(names[1]);
		expect(await backupNames()).toEqual(names);
		const prune = await cache(['prune', '--keep', '2'], {json: true});
		expect(JSON.parse(prune.stdout).pruned.map((backup: {name: string}) => backup.name)).toEqual(names.slice(0, 2));
		expect(await backupNames()).toEqual(names.slice(2));
		expect((await cache(['prune', '--keep', '2'])).stdout).toMatch(/^Nothing to prune: 2 backups/);
		// The newest backup is what restore brings back.
		expect((await cache(['restore'])).stdout).toContain(`from ${names[3]}`);
	});

	test('a keep count that is not a whole number from 1 to 1000 is a usage error, wherever it comes from', async () => {
		await expect(cache(['prune', '--keep', '0'])).rejects.toThrow(
			new UsageError("--keep takes a whole number of backups to keep, from 1 to 1000, not '0'"),
		);
		await expect(cache(['prune', '--keep', '2.5'])).rejects.toThrow(UsageError);
		await expect(cache(['purge', '--keep', '-1', '--yes'])).rejects.toThrow(UsageError);
		await expect(cache(['prune'], {env: {AUTHFIX_KEEP_BACKUPS: 'all'}})).rejects.toThrow(
			"AUTHFIX_KEEP_BACKUPS takes a whole number of backups to keep, from 1 to 1000, not 'all'",
		);
		await expect(cache(['list', '--keep', '2'])).rejects.toThrow('cache list: --keep goes with purge or prune');
		await expect(cache(['purge', '--tenant', cacheTenantA, '--keep', '1001', '--yes'])).rejects.toThrow(UsageError);
	});
});
