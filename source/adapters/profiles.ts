import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {isGuid} from '../token/well-known.ts';
import {authfixDataDirectoryOf} from './locations.ts';

/**
The subscription and tenant a user pinned: `.authfix.json` in the current folder
(`{profile, tenantId, subscriptionId}`, written for the team) wins over the active profile in
`profiles.json` of authfix's data folder (`{profiles: {name: {tenantId, subscriptionId}}, active}`,
as the troubleshooter's onboarding writes it with conf).
*/
export type PinnedProfile = {
	readonly name: string | undefined;
	readonly subscriptionId: string;
	readonly tenantId: string;
	/** Where it was read from: the project file or the data folder's profiles.json. */
	readonly file: string;
	readonly origin: 'project' | 'active-profile';
};

export type PinnedProfileRead = {
	readonly profile: PinnedProfile | undefined;
	/** A file that exists but could not be used, and why (shown, never fatal). */
	readonly ignored?: {readonly file: string; readonly reason: string};
};

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

function pairOf(value: unknown): {subscriptionId: string; tenantId: string} | string {
	const record = value as {subscriptionId?: unknown; tenantId?: unknown} | undefined;
	if (typeof record?.subscriptionId !== 'string' || !isGuid(record.subscriptionId)) return 'has no subscriptionId GUID';
	if (typeof record.tenantId !== 'string' || !isGuid(record.tenantId)) return 'has no tenantId GUID';
	return {subscriptionId: record.subscriptionId.toLowerCase(), tenantId: record.tenantId.toLowerCase()};
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

/** The pinned pair as the troubleshooter's facts (`subscriptionId`, `subscriptionTenant`); empty when none. */
export async function pinnedProfileFacts(location: {
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
}): Promise<Record<string, string>> {
	const {profile} = await readPinnedProfile(location);
	return profile ? {subscriptionId: profile.subscriptionId, subscriptionTenant: profile.tenantId} : {};
}
