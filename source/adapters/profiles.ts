import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {asSubscriptionId, asTenantId} from '../target/ids.ts';
import type {PinnedPair, PinnedProfileRead} from '../target/target.ts';
import {authfixDataDirectoryOf} from './locations.ts';

async function readJson(file: string): Promise<{value?: unknown; reason?: string} | undefined> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : {reason: `cannot be read (${code ?? 'error'})`};
	}

	try {
		return {value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown};
	} catch {
		return {reason: 'is not JSON'};
	}
}

function pairOf(value: unknown): PinnedPair | string {
	const record = value as {subscriptionId?: unknown; tenantId?: unknown} | undefined;
	const subscriptionId = asSubscriptionId(record?.subscriptionId);
	if (!subscriptionId) return 'has no subscriptionId GUID';
	const tenantId = asTenantId(record?.tenantId);
	if (!tenantId) return 'has no tenantId GUID';
	return {subscriptionId, tenantId};
}

/** The pinned profile for a folder and environment; never throws. */
export async function readPinnedProfile(location: {
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
}): Promise<PinnedProfileRead> {
	const projectFile = path.join(location.cwd, '.authfix.json');
	const project = await readJson(projectFile);
	let ignored: PinnedProfileRead['ignored'];
	if (project) {
		const pair = project.reason ?? pairOf(project.value);
		if (typeof pair === 'string') {
			ignored = {file: projectFile, reason: pair};
		} else {
			const name = (project.value as {profile?: unknown}).profile;
			return {
				profile: {
					name: typeof name === 'string' && name !== '' ? name : undefined,
					...pair,
					file: projectFile,
					origin: 'project',
				},
			};
		}
	}

	const profilesFile = path.join(authfixDataDirectoryOf(location.env, location.env.HOME), 'profiles.json');
	const store = await readJson(profilesFile);
	if (store?.value !== undefined) {
		const {profiles, active} = store.value as {profiles?: Record<string, unknown>; active?: unknown};
		if (typeof active === 'string' && active !== '') {
			const pair = pairOf(profiles?.[active]);
			if (typeof pair !== 'string') {
				return {
					profile: {name: active, ...pair, file: profilesFile, origin: 'active-profile'},
					...(ignored ? {ignored} : {}),
				};
			}

			ignored ??= {file: profilesFile, reason: `the active profile '${active}' ${pair}`};
		}
	} else if (store?.reason) {
		ignored ??= {file: profilesFile, reason: store.reason};
	}

	return {profile: undefined, ...(ignored ? {ignored} : {})};
}

/** Pins a pair as the named, active profile in authfix's data folder (conf's profiles.json); returns the file. */
export async function writeActiveProfile(directory: string, name: string, pair: PinnedPair): Promise<string> {
	// conf loads only when a profile is written: reading one (every `check`) does not need it.
	const {openConfStore} = await import('./conf-store.ts');
	const {store} = openConfStore<{profiles: Record<string, unknown>; active?: string}>({
		cwd: directory,
		configName: 'profiles',
		defaults: {profiles: {}},
	});
	store.set('profiles', {
		...store.get('profiles'),
		[name]: {tenantId: pair.tenantId, subscriptionId: pair.subscriptionId},
	});
	store.set('active', name);
	return store.path;
}

/** Writes `.authfix.json` (the team's pinned pair) in a project folder; returns the file. */
export async function writeProjectProfile(cwd: string, name: string, pair: PinnedPair): Promise<string> {
	const file = path.join(cwd, '.authfix.json');
	await writeFile(
		file,
		`${JSON.stringify({profile: name, tenantId: pair.tenantId, subscriptionId: pair.subscriptionId}, null, 2)}\n`,
	);
	return file;
}
