import {type ChildProcess, spawn} from 'node:child_process';
import {mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {node22, pathWith, runCli} from '../../test/fakes/run-cli.ts';
import {
	secret,
	secretsIn,
	seedCaches,
	cacheTenantA as tenantA,
	cacheTenantB as tenantB,
} from '../../test/support/token-cache-files.ts';
import type {TokenCaches} from '../ports/services.ts';
import {createCacheService} from '../services/cache.ts';
import {tenantIdFrom} from '../target/ids.ts';
import {createTokenCaches} from './token-caches.ts';

let home: string;
let azure: string;
let identity: string;
let data: string;

const seed = () => seedCaches(azure, identity);

async function expectIdentical(files: Map<string, Buffer>) {
	for (const [file, bytes] of files) {
		expect((await readFile(file)).equals(bytes), file).toBe(true);
		expect((await stat(file)).mode & 0o777, file).toBe(0o600);
	}
}

/** The caches under the test's folders; `now` defaults to the real clock. */
const caches = (now: () => number = () => Date.now()) =>
	createTokenCaches({
		azureConfigDirectory: azure,
		identityServiceDirectory: identity,
		authfixDataDirectory: data,
		now,
	});

/** A clock a second further on at every reading, so backups made in one test sort as they were made. */
function ticking(): () => number {
	let now = Date.parse('2026-03-01T10:00:00Z');
	return () => (now += 1000);
}

const cliEnv = () => ({HOME: home, AZURE_CONFIG_DIR: azure, AUTHFIX_HOME: data, PATH: pathWith('missing')});

beforeEach(async () => {
	home = await mkdtemp(path.join(tmpdir(), 'authfix-cache-'));
	azure = path.join(home, '.azure');
	identity = path.join(home, '.IdentityService');
	data = path.join(home, 'authfix');
});

afterEach(async () => {
	await rm(home, {recursive: true, force: true});
});

describe('token caches', () => {
	test('list names tenants and accounts, never secrets', async () => {
		const files = await seed();
		const listed = await caches().list();
		expect(listed.map(file => path.basename(file.path)).sort()).toEqual([
			'azureProfile.json',
			'msal.cache.nocae',
			'msal_token_cache.json',
			'service_principal_entries.json',
		]);
		expect(listed.find(file => file.path.endsWith('msal_token_cache.json'))?.tenants).toEqual([tenantA, tenantB]);
		const text = JSON.stringify(listed);
		for (const bytes of files.values()) for (const value of secretsIn(bytes)) expect(text).not.toContain(value);
	});

	test('purge then restore is byte for byte, and restoring twice is harmless', async () => {
		const files = await seed();
		const store = caches();
		const backup = await store.purge(await store.plan(undefined));
		expect(backup?.files).toHaveLength(4);
		await expect(stat(path.join(azure, 'msal_token_cache.json'))).rejects.toThrow();
		const profile = (await readFile(path.join(azure, 'azureProfile.json'), 'utf8')).replace(/^\uFEFF/, '');
		expect(JSON.parse(profile).subscriptions).toEqual([]);
		await store.restore(undefined);
		await expectIdentical(files);
		await store.restore(backup!.name);
		await expectIdentical(files);
		// config is not a cache: never touched.
		expect(await readFile(path.join(azure, 'config'), 'utf8')).toBe('[core]\n');
	});

	test('purge --tenant removes only that tenant and keeps the BOM', async () => {
		const files = await seed();
		const store = caches();
		const plan = await store.plan(tenantA);
		expect(plan.remove).toEqual([]);
		expect(plan.rewrite.map(item => path.basename(item.path)).sort()).toEqual([
			'azureProfile.json',
			'msal_token_cache.json',
			'service_principal_entries.json',
		]);
		await store.purge(plan);
		const msal = JSON.parse(await readFile(path.join(azure, 'msal_token_cache.json'), 'utf8'));
		expect(Object.values(msal.AccessToken).map(entry => (entry as {realm: string}).realm)).toEqual([tenantB]);
		const profileBytes = await readFile(path.join(azure, 'azureProfile.json'));
		expect([...profileBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(
			JSON.parse(profileBytes.toString('utf8').slice(1)).subscriptions.map((item: {tenantId: string}) => item.tenantId),
		).toEqual([tenantB]);
		await store.restore(undefined);
		await expectIdentical(files);
	});

	test('restore without a backup says so', async () => {
		await expect(caches().restore(undefined)).rejects.toThrow('there is no cache backup to restore');
	});

	test('a purge stopped after any one of its steps loses nothing: cache restore brings every file back', async () => {
		// A whole purge, to learn its steps: the backup, then one step per file it removes, two per file
		// it rewrites (its temporary copy written, then renamed over it).
		await seed();
		const steps: string[] = [];
		await caches().purge(await caches().plan(undefined), {afterStep: async step => void steps.push(step)});
		expect(steps[0]).toBe('backup-written');
		expect(steps).toHaveLength(6);

		for (const [index, step] of steps.entries()) {
			for (const folder of [azure, identity, data]) await rm(folder, {recursive: true, force: true});
			const files = await seed();
			const store = caches();
			let seen = 0;
			await expect(
				store.purge(await store.plan(undefined), {
					afterStep: async () => {
						if (seen++ === index) throw new Error(`stopped after ${step}`);
					},
				}),
			).rejects.toThrow(`stopped after ${step}`);
			const present = await Promise.all(
				[...files.keys()].map(file =>
					stat(file).then(
						() => true,
						() => false,
					),
				),
			);
			// Past the backup, the purge really had begun to remove files.
			if (index > 0) expect(present.filter(Boolean).length, step).toBeLessThan(files.size);
			// A new process restores it: the last restore through the real command.
			if (index === steps.length - 1) {
				const restore = await runCli(['cache', 'restore'], cliEnv());
				expect(restore.code, restore.stderr).toBe(0);
			} else {
				await caches().restore(undefined);
			}

			await expectIdentical(files);
		}
	});

	test('a backup cut short before its manifest is ignored, and nothing was removed', async () => {
		const files = await seed();
		await mkdir(path.join(data, 'backups', '2026-01-01T00-00-00-000Z-abcdef', 'files'), {recursive: true});
		await writeFile(path.join(data, 'backups', '2026-01-01T00-00-00-000Z-abcdef', 'files', '0'), 'partial');
		const folder = await caches().backups();
		expect(folder.backups).toEqual([]);
		expect(folder.incomplete.map(backup => backup.name)).toEqual(['2026-01-01T00-00-00-000Z-abcdef']);
		await expectIdentical(files);
		expect(await readdir(path.join(data, 'backups'))).toHaveLength(1);
	});
});

/**
Runs a purge in a process of its own and kills it (SIGKILL: no handler, no clean-up runs) once it has
written the temporary copy of its first rewrite and before the rename: what a kill part-way leaves.
*/
async function killPurgeBeforeRename(tenant: string | undefined): Promise<void> {
	const adapter = pathToFileURL(path.join(import.meta.dirname, 'token-caches.ts')).href;
	const script = `
		import {createTokenCaches} from ${JSON.stringify(adapter)};
		const [azure, identity, data, tenant] = JSON.parse(process.env.PURGE_ARGS);
		const caches = createTokenCaches({azureConfigDirectory: azure, identityServiceDirectory: identity, authfixDataDirectory: data, now: Date.now});
		await caches.purge(await caches.plan(tenant ?? undefined), {afterStep: async step => {
			if (!step.startsWith('wrote a temporary copy')) return;
			setInterval(() => {}, 1000);
			process.stdout.write('ready\\n');
			await new Promise(() => {});
		}});
		process.stdout.write('finished\\n');
	`;
	const child: ChildProcess = spawn(node22, ['--input-type=module', '-e', script], {
		env: {PATH: pathWith('missing'), PURGE_ARGS: JSON.stringify([azure, identity, data, tenant ?? null])},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const exited = new Promise<NodeJS.Signals | null>(resolve => child.on('exit', (_code, signal) => resolve(signal)));
	let output = '';
	await new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', chunk => {
			output += chunk;
			if (output.includes('ready')) resolve();
		});
		child.stderr!.on('data', chunk => {
			output += chunk;
		});
		void exited.then(() => reject(new Error(`the purge ended before its rename:\n${output}`)));
	});
	child.kill('SIGKILL');
	expect(await exited).toBe('SIGKILL');
}

describe('a purge killed part-way', () => {
	test('leaves a partial copy with tokens: list shows it as such, never its contents; the next purge removes it', async () => {
		const files = await seed();
		await killPurgeBeforeRename(tenantA);
		const msal = path.join(azure, 'msal_token_cache.json');
		const [leftover, ...more] = await caches().leftovers();
		expect(more).toEqual([]);
		expect(leftover).toMatchObject({
			of: msal,
			path: expect.stringMatching(/msal_token_cache\.json\.authfix-[0-9a-f]{6}$/),
		});
		// The copy really holds tokens (tenant B's, the ones the purge keeps), 0600 like the cache.
		const copy = await readFile(leftover!.path);
		expect(secretsIn(copy)).toEqual(secretsIn(files.get(msal)!).slice(1));
		expect((await stat(leftover!.path)).mode & 0o777).toBe(0o600);
		// The rename never happened: the cache itself is as it was.
		await expectIdentical(files);

		// It is not a cache: list does not read it as one.
		expect((await caches().list()).map(file => file.path)).not.toContain(leftover!.path);
		const secrets = [...files.values()].flatMap(bytes => secretsIn(bytes));
		const list = await runCli(['cache', 'list'], cliEnv());
		expect(list.code, list.stderr).toBe(0);
		expect(list.stdout).toContain('Partial copies left by an interrupted purge or restore');
		expect(list.stdout).toContain(`${leftover!.path}  ${copy.length} bytes  copy of ${msal}`);
		const listJson = await runCli(['cache', 'list', '--json'], cliEnv());
		expect(JSON.parse(listJson.stdout).leftovers).toEqual([{path: leftover!.path, of: msal, bytes: copy.length}]);
		for (const value of secrets) expect(list.stdout + listJson.stdout).not.toContain(value);

		const purge = await runCli(['cache', 'purge', '--tenant', tenantA, '--yes'], cliEnv());
		expect(purge.code, purge.stderr).toBe(0);
		expect(purge.stdout).toContain(
			`remove   ${leftover!.path} (a partial copy left by an interrupted purge or restore)`,
		);
		expect(await caches().leftovers()).toEqual([]);
		await expect(stat(leftover!.path)).rejects.toThrow();
		const after = JSON.parse(await readFile(msal, 'utf8'));
		expect(Object.values(after.AccessToken).map(entry => (entry as {realm: string}).realm)).toEqual([tenantB]);
	});

	test('restore removes the partial copy and brings every file back', async () => {
		const files = await seed();
		await killPurgeBeforeRename(tenantA);
		const [leftover] = await caches().leftovers();
		expect(leftover).toBeDefined();
		const restore = await runCli(['cache', 'restore', '--json'], cliEnv());
		expect(restore.code, restore.stderr).toBe(0);
		expect(JSON.parse(restore.stdout).leftoversRemoved).toEqual([leftover!.path]);
		expect(await caches().leftovers()).toEqual([]);
		await expectIdentical(files);
	});

	test('a dry run shows the partial copy and keeps it; a purge with nothing else to do still removes it', async () => {
		await mkdir(azure, {recursive: true});
		const msal = path.join(azure, 'msal_token_cache.json');
		await writeFile(msal, JSON.stringify({AccessToken: {}}), {mode: 0o600});
		const leftover = `${msal}.authfix-0a1b2c`;
		await writeFile(leftover, JSON.stringify({AccessToken: {a: {secret: secret(), realm: tenantA}}}), {mode: 0o600});
		// Names that only look alike are not leftovers.
		await writeFile(`${msal}.authfix-zzzzzz`, 'x');
		await writeFile(path.join(azure, 'notes.txt.authfix-0a1b2c'), 'x');
		const service = createCacheService(caches());
		const dry = await service.purge(undefined, {keep: 5, dryRun: true});
		expect(dry.plan.leftovers).toEqual([leftover]);
		await stat(leftover);
		const result = await service.purge(tenantIdFrom(tenantA, 'test'), {keep: 5});
		expect(result.backup).toBeUndefined();
		await expect(stat(leftover)).rejects.toThrow();
		expect((await readdir(azure)).sort()).toEqual([
			'msal_token_cache.json',
			'msal_token_cache.json.authfix-zzzzzz',
			'notes.txt.authfix-0a1b2c',
		]);
	});
});

describe("the Azure CLI's MSAL HTTP cache", () => {
	/** What MSAL pickles for a failed refresh: the answer, with the request whose body carries the refresh token. */
	const httpCache = (refreshToken: string) =>
		Buffer.concat([
			Buffer.from([0x80, 0x04, 0x95]),
			Buffer.from(
				`POST https://login.microsoftonline.com/${tenantA}/oauth2/v2.0/token hash=0 400 requests.models Response grant_type=refresh_token&refresh_token=${refreshToken}&client_id=04b07795`,
			),
		]);

	test('is listed (never read) and removed whole by a tenant purge and by a full purge; restore brings it back', async () => {
		const files = await seed();
		const refreshToken = secret();
		const file = path.join(azure, 'msal_http_cache.bin');
		await writeFile(file, httpCache(refreshToken), {mode: 0o600});
		files.set(file, await readFile(file));
		const listed = (await caches().list()).find(item => item.path === file);
		expect(listed).toMatchObject({owner: 'azure-cli', tenants: [], accounts: []});
		expect(JSON.stringify(listed)).not.toContain(refreshToken);

		for (const tenant of [tenantA, undefined]) {
			const store = caches();
			const plan = await store.plan(tenant);
			expect(plan.remove, String(tenant)).toContain(file);
			const backup = await store.purge(plan);
			expect(backup?.files).toContain(file);
			await expect(stat(file)).rejects.toThrow();
			await store.restore(undefined);
			await expectIdentical(files);
		}
	});
});

describe('backups', () => {
	const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

	test('a purge keeps the newest N: older ones go once it has succeeded, never the one it made; 0600 files in 0700 folders', async () => {
		const service = createCacheService(caches(ticking()));
		const made: string[] = [];
		for (let round = 0; round < 4; round++) {
			await seed();
			const result = await service.purge(undefined, {keep: 2});
			made.push(result.backup!.name);
			expect(result.pruned.map(backup => backup.name)).toEqual(round < 2 ? [] : [made[round - 2]]);
			const folder = await service.backups();
			expect(folder.backups.map(backup => backup.name)).toEqual(made.slice(-2));
		}

		// keep 1 still keeps the backup the purge has just made: it is the undo of that purge.
		await seed();
		const last = await service.purge(tenantIdFrom(tenantA, 'test'), {keep: 1});
		const folder = await service.backups();
		expect(folder.backups.map(backup => backup.name)).toEqual([last.backup!.name]);
		expect(last.pruned.map(backup => backup.name)).toEqual(made.slice(-2));
		expect(folder.bytes).toBe(last.backup!.bytes);
		expect(folder.bytes).toBeGreaterThan(0);

		expect(await modeOf(folder.directory)).toBe(0o700);
		for (const backup of folder.backups) {
			expect(await modeOf(backup.directory)).toBe(0o700);
			expect(await modeOf(path.join(backup.directory, 'files'))).toBe(0o700);
			expect(await modeOf(path.join(backup.directory, 'manifest.json'))).toBe(0o600);
			for (const name of await readdir(path.join(backup.directory, 'files')))
				expect(await modeOf(path.join(backup.directory, 'files', name))).toBe(0o600);
		}
	});

	test('a purge that fails part-way prunes nothing: every backup is still there to restore', async () => {
		const real = caches(ticking());
		const service = createCacheService(real);
		for (let round = 0; round < 3; round++) {
			await seed();
			await service.purge(undefined, {keep: 5});
		}

		const files = await seed();
		const failing: TokenCaches = {
			...real,
			purge: plan =>
				real.purge(plan, {
					afterStep: async step => {
						if (step.startsWith('removed')) throw new Error('disk gone');
					},
				}),
		};
		await expect(createCacheService(failing).purge(undefined, {keep: 1})).rejects.toThrow('disk gone');
		expect((await real.backups()).backups).toHaveLength(4);
		await real.restore(undefined);
		await expectIdentical(files);
	});

	test('prune keeps the newest N; a dry run removes nothing; a backup cut short goes only when over an hour old', async () => {
		const store = caches(ticking());
		for (let round = 0; round < 3; round++) {
			await seed();
			await store.purge(await store.plan(undefined));
		}

		const {backups: three} = await store.backups();
		const cutShort = async (name: string, modified: Date) => {
			const directory = path.join(data, 'backups', name);
			await mkdir(path.join(directory, 'files'), {recursive: true, mode: 0o700});
			await writeFile(path.join(directory, 'files', '0'), secret(), {mode: 0o600});
			for (const item of [path.join(directory, 'files', '0'), path.join(directory, 'files'), directory])
				await utimes(item, modified, modified);
		};

		// The clock reads 2026-03-01T10:00:0xZ: one cut short two hours before, one a minute before.
		await cutShort('2026-03-01T08-00-00-000Z-0a0a0a', new Date('2026-03-01T08:00:00Z'));
		await cutShort('2026-03-01T09-59-00-000Z-0b0b0b', new Date('2026-03-01T09:59:00Z'));
		const expected = [three[0]!.name, three[1]!.name, '2026-03-01T08-00-00-000Z-0a0a0a'];
		expect((await store.prune(1, {dryRun: true})).map(backup => backup.name)).toEqual(expected);
		expect((await store.backups()).backups).toHaveLength(3);
		expect((await store.prune(1)).map(backup => backup.name)).toEqual(expected);
		const left = await store.backups();
		expect(left.backups.map(backup => backup.name)).toEqual([three[2]!.name]);
		expect(left.incomplete.map(backup => backup.name)).toEqual(['2026-03-01T09-59-00-000Z-0b0b0b']);
		await expect(store.prune(0)).rejects.toThrow('keep at least one backup');
	});

	test('restore checks the whole backup before it writes anything: a damaged backup restores nothing', async () => {
		await seed();
		const store = caches();
		const backup = await store.purge(await store.plan(undefined));
		const stored = (await readdir(path.join(backup!.directory, 'files'))).sort();
		// The last file of the backup is gone (damaged, or pruned by another process meanwhile).
		await rm(path.join(backup!.directory, 'files', stored.at(-1)!));
		await expect(store.restore(undefined)).rejects.toThrow(`the backup ${backup!.name} is damaged`);
		// None of the removed files came back.
		for (const name of ['msal_token_cache.json', 'service_principal_entries.json'])
			await expect(stat(path.join(azure, name))).rejects.toThrow();
		await expect(stat(path.join(identity, 'msal.cache.nocae'))).rejects.toThrow();
	});
});
