import {randomBytes} from 'node:crypto';
import {mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {pathWith, runCli} from '../../test/fakes/run-cli.ts';
import {createTokenCaches} from './token-caches.ts';

const tenantA = '11111111-1111-1111-1111-111111111111';
const tenantB = '22222222-2222-2222-2222-222222222222';

let home: string;
let azure: string;
let identity: string;
let data: string;

/** Secrets are random per run: nothing token-like is committed. */
const secret = () => randomBytes(24).toString('base64url');

async function seed(): Promise<Map<string, Buffer>> {
	await mkdir(azure, {recursive: true});
	await mkdir(identity, {recursive: true});
	const entry = (tenant: string, n: number) => ({
		credential_type: 'AccessToken',
		secret: secret(),
		home_account_id: '',
		environment: 'login.microsoftonline.com',
		client_id: `aaaaaaaa-0000-0000-0000-00000000000${n}`,
		target: 'https://management.core.windows.net//.default',
		realm: tenant,
		token_type: 'Bearer',
		cached_at: '1780000000',
		expires_on: '1780003600',
	});
	const msal = {
		AccessToken: {a: entry(tenantA, 1), b: entry(tenantB, 1)},
		Account: {},
		IdToken: {},
		RefreshToken: {},
		AppMetadata: {},
	};
	const profile = {
		installationId: 'x',
		subscriptions: [
			{
				id: '33333333-3333-3333-3333-333333333333',
				tenantId: tenantA,
				user: {name: 'app', type: 'servicePrincipal'},
				isDefault: true,
			},
			{
				id: '44444444-4444-4444-4444-444444444444',
				tenantId: tenantB,
				user: {name: 'app', type: 'servicePrincipal'},
				isDefault: false,
			},
		],
	};
	const files = new Map<string, Buffer>([
		[path.join(azure, 'msal_token_cache.json'), Buffer.from(JSON.stringify(msal))],
		[
			path.join(azure, 'azureProfile.json'),
			Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(profile, null, 4))]),
		],
		[
			path.join(azure, 'service_principal_entries.json'),
			Buffer.from(JSON.stringify([{client_id: 'app', tenant: tenantA, client_secret: secret()}])),
		],
		[path.join(identity, 'msal.cache.nocae'), Buffer.from(JSON.stringify({AccessToken: {c: entry(tenantB, 2)}}))],
	]);
	for (const [file, bytes] of files) await writeFile(file, bytes, {mode: 0o600});
	await writeFile(path.join(azure, 'config'), '[core]\n');
	return files;
}

async function expectIdentical(files: Map<string, Buffer>) {
	for (const [file, bytes] of files) {
		expect((await readFile(file)).equals(bytes), file).toBe(true);
		expect((await stat(file)).mode & 0o777, file).toBe(0o600);
	}
}

const caches = () =>
	createTokenCaches({
		azureConfigDirectory: azure,
		identityServiceDirectory: identity,
		authfixDataDirectory: data,
		now: () => Date.now(),
	});

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
		for (const bytes of files.values()) {
			for (const match of bytes.toString('utf8').matchAll(/"(?:secret|client_secret)":"([^"]+)"/g))
				expect(text).not.toContain(match[1]);
		}
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
		// A whole purge, to learn its steps: the backup, then one step per file it removes or rewrites.
		await seed();
		const steps: string[] = [];
		await caches().purge(await caches().plan(undefined), {afterStep: async step => void steps.push(step)});
		expect(steps[0]).toBe('backup-written');
		expect(steps).toHaveLength(5);

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
				const env = {HOME: home, AZURE_CONFIG_DIR: azure, AUTHFIX_HOME: data, PATH: pathWith('missing')};
				const restore = await runCli(['cache', 'restore'], env);
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
		expect(await caches().backups()).toEqual([]);
		await expectIdentical(files);
		expect(await readdir(path.join(data, 'backups'))).toHaveLength(1);
	});
});
