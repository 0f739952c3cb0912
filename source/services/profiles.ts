/**
The pinned profile: the subscription and tenant a user (or the team, in `.authfix.json`) chose in
the set-up walk. `check` and the troubleshooter start from it (target.ts's order); the set-up walk
writes it.
*/

import {dataDirectoryOf} from '../adapters/locations.ts';
import {readPinnedProfile, writeActiveProfile, writeProjectProfile} from '../adapters/profiles.ts';
import type {PinnedPair, PinnedProfileRead} from '../target/target.ts';

export type ProfileLocation = {
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
};

export type Profiles = {
	/** The profile in force here (never throws: an unusable file is reported as ignored). */
	read(): Promise<PinnedProfileRead>;
	/** Pins the pair as profile "default" (and, with `project`, in `.authfix.json` for the team); says where. */
	pin(pair: PinnedPair, options: {readonly project: boolean}): Promise<string>;
};

export function createProfiles(location: ProfileLocation): Profiles {
	return {
		read: () => readPinnedProfile(location),
		async pin(pair, {project}) {
			const where = await writeActiveProfile(dataDirectoryOf(location.env), 'default', pair);
			if (!project) return `Pinned as profile "default" in ${where}.`;
			await writeProjectProfile(location.cwd, 'default', pair);
			return `Pinned in ${where} and written to .authfix.json.`;
		},
	};
}
