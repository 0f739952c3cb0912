import {mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {openConfStore} from './conf-store.ts';

test('a store that is not valid JSON is moved aside, never emptied in place', async () => {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'authfix-conf-'));
	await writeFile(path.join(directory, 'sessions.json'), '{"sessions": {"a": tru');
	const opened = openConfStore<{sessions: Record<string, unknown>}>(
		{cwd: directory, configName: 'sessions', defaults: {sessions: {}}},
		() => Date.parse('2026-01-02T03:04:05Z'),
	);
	expect(opened.quarantined).toBe(path.join(directory, 'sessions.json.corrupt-2026-01-02T03-04-05.000Z'));
	expect(await readFile(opened.quarantined!, 'utf8')).toBe('{"sessions": {"a": tru');
	opened.store.set('sessions', {b: 1});
	expect(JSON.parse(await readFile(path.join(directory, 'sessions.json'), 'utf8'))).toEqual({sessions: {b: 1}});
	expect((await readdir(directory)).sort()).toEqual([
		'sessions.json',
		'sessions.json.corrupt-2026-01-02T03-04-05.000Z',
	]);
});

test('a valid store opens as it is', async () => {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'authfix-conf-'));
	await writeFile(path.join(directory, 'profiles.json'), '{"profiles": {"dev": {"tenantId": "t"}}, "active": "dev"}');
	const opened = openConfStore<{profiles: Record<string, unknown>; active?: string}>({
		cwd: directory,
		configName: 'profiles',
		defaults: {profiles: {}},
	});
	expect(opened.quarantined).toBeUndefined();
	expect(opened.store.get('active')).toBe('dev');
});
