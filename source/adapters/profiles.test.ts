import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {readPinnedProfile} from './profiles.ts';

const tenant = '11111111-1111-1111-1111-111111111111';
const subscription = '33333333-3333-3333-3333-333333333333';
const otherSubscription = '44444444-4444-4444-4444-444444444444';
const otherTenant = '22222222-2222-2222-2222-222222222222';

describe('the pinned profile', () => {
	let root: string;
	let project: string;
	let env: Record<string, string>;
	beforeEach(async () => {
		root = await mkdtemp(path.join(tmpdir(), 'authfix-profiles-'));
		project = path.join(root, 'project');
		await mkdir(project);
		env = {AUTHFIX_DATA_DIR: path.join(root, 'data')};
		await mkdir(env.AUTHFIX_DATA_DIR!);
	});
	afterEach(async () => rm(root, {recursive: true, force: true}));

	const writeProfiles = (value: unknown) =>
		writeFile(path.join(env.AUTHFIX_DATA_DIR!, 'profiles.json'), JSON.stringify(value));

	test('none anywhere: no profile, nothing ignored', async () => {
		expect(await readPinnedProfile({cwd: project, env})).toEqual({profile: undefined});
	});

	test('the active profile of profiles.json in the data folder', async () => {
		await writeProfiles({
			profiles: {
				work: {tenantId: tenant, subscriptionId: subscription},
				old: {tenantId: otherTenant, subscriptionId: otherSubscription},
			},
			active: 'work',
		});
		expect((await readPinnedProfile({cwd: project, env})).profile).toEqual({
			name: 'work',
			subscriptionId: subscription,
			tenantId: tenant,
			file: path.join(env.AUTHFIX_DATA_DIR!, 'profiles.json'),
			origin: 'active-profile',
		});
	});

	test('.authfix.json in the folder wins over the active profile (BOM and upper case accepted)', async () => {
		await writeProfiles({profiles: {work: {tenantId: tenant, subscriptionId: subscription}}, active: 'work'});
		await writeFile(
			path.join(project, '.authfix.json'),
			`\uFEFF${JSON.stringify({profile: 'team', tenantId: otherTenant.toUpperCase(), subscriptionId: otherSubscription})}`,
		);
		expect((await readPinnedProfile({cwd: project, env})).profile).toMatchObject({
			name: 'team',
			subscriptionId: otherSubscription,
			tenantId: otherTenant,
			origin: 'project',
		});
	});

	test('a broken project file is ignored with its reason and the active profile used', async () => {
		await writeProfiles({profiles: {work: {tenantId: tenant, subscriptionId: subscription}}, active: 'work'});
		await writeFile(path.join(project, '.authfix.json'), '{not json');
		const read = await readPinnedProfile({cwd: project, env});
		expect(read.profile?.name).toBe('work');
		expect(read.ignored).toEqual({file: path.join(project, '.authfix.json'), reason: 'is not JSON'});
		await writeFile(path.join(project, '.authfix.json'), JSON.stringify({tenantId: tenant, subscriptionId: 'x'}));
		expect((await readPinnedProfile({cwd: project, env})).ignored?.reason).toBe('has no subscriptionId GUID');
	});

	test('an active name without a usable profile says so', async () => {
		await writeProfiles({profiles: {}, active: 'gone'});
		expect(await readPinnedProfile({cwd: project, env})).toEqual({
			profile: undefined,
			ignored: {
				file: path.join(env.AUTHFIX_DATA_DIR!, 'profiles.json'),
				reason: "the active profile 'gone' has no subscriptionId GUID",
			},
		});
	});
});
