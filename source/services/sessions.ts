/**
The saved troubleshooting sessions: every walk of the troubleshooter (authfix, authfix demo) is
saved, redacted, through `conf` in authfix's data folder (`AUTHFIX_DATA_DIR` overrides it), so a
session can be pasted into an issue later. The troubleshooter saves into it; `authfix sessions`
reads it.
*/
import {openConfStore} from '../adapters/conf-store.ts';
import {dataDirectoryOf} from '../adapters/locations.ts';
import type {Session} from '../engine/session.ts';
import {redactJsonValue} from '../safety/redact.ts';

/** How many sessions are kept; older ones are dropped when a new one is saved. */
const keep = 200;

export type SessionArchive = {
	save(session: Session): void;
	/** Newest first. */
	list(): Session[];
	get(id: string): Session | undefined;
	readonly path: string;
	/** Set when the archive file was not valid JSON: where it was moved before a fresh one started. */
	readonly quarantined?: string;
};

export function openSessionArchive(directory: string): SessionArchive {
	const {store, quarantined} = openConfStore<{sessions: Record<string, Session>}>({
		cwd: directory,
		configName: 'sessions',
		defaults: {sessions: {}},
	});
	const all = () =>
		Object.values(store.get('sessions')).sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1));
	return {
		path: store.path,
		...(quarantined ? {quarantined} : {}),
		save(session) {
			// Pending work is not part of a saved session; a session saved mid-walk ends as abandoned.
			const {pending: _pending, ...rest} = session;
			const sessions = {...store.get('sessions'), [session.id]: redactJsonValue(rest) as Session};
			const kept = Object.values(sessions)
				.sort((a, b) => b.startedAt - a.startedAt)
				.slice(0, keep);
			store.set('sessions', Object.fromEntries(kept.map(item => [item.id, item])));
		},
		list: all,
		get(id) {
			if (id === 'latest') return all()[0];
			return store.get('sessions')[id];
		},
	};
}

/** The archive of this environment's data folder (AUTHFIX_DATA_DIR, …, ~/.local/share/authfix). */
export function openSessionsOf(env: Readonly<Record<string, string | undefined>>): SessionArchive {
	return openSessionArchive(dataDirectoryOf(env));
}
