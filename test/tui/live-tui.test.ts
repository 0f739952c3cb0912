/**
The bare troubleshooter's live services (no demo shortcuts) against the sandbox with a real Azure
CLI sign-in: the paste of tenant-mismatch's error walked to a fix the user makes (az login to the
other tenant), verified by the in-process replay; and onboarding listing the subscriptions live,
pinning the pair and verifying with a read.
*/
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {createSessionStore, type SessionStore} from '../../source/engine/driver.ts';
import type {Session as EngineSession} from '../../source/engine/session.ts';
import {currentNodeId} from '../../source/engine/session.ts';
import {replay} from '../../source/sandbox/replay.ts';
import {servicesForCommand} from '../../source/services/command-services.ts';
import {createLiveWorld} from '../../source/services/live.ts';
import {createProfiles} from '../../source/services/profiles.ts';
import {createEngineServices} from '../../source/services/troubleshooter.ts';
import type {CommandContext} from '../../source/terminal/context.ts';
import {tree} from '../../source/tree/index.ts';
import {ids, type Session, startSession} from '../live/sandbox-session.ts';

let live: Session;
let context: CommandContext;
const saved = {...process.env};

beforeAll(async () => {
	live = await startSession('tenant-mismatch');
	// AzureCliCredential runs az with this process's environment; the CA makes the sandbox trusted here.
	Object.assign(process.env, live.env);
	tls.setDefaultCACertificates([...tls.getCACertificates('default'), live.sandbox.caPem]);
	context = {
		io: {
			stdout: {write() {}},
			stderr: {write() {}},
			readStdin: async () => '',
			stdinIsTty: true,
			stdoutIsTty: true,
			columns: 80,
			env: {...live.env, AUTHFIX_DATA_DIR: path.join(live.home, 'data')},
			cwd: live.home,
			now: () => Date.now(),
		},
		global: {json: false, color: false, cloud: undefined, timeoutSeconds: 30},
	};
	await live.signIn('ci-app', ids.tenantA);
}, 180_000);

afterAll(async () => {
	for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
	Object.assign(process.env, saved);
	await live?.stop();
});

/** The live troubleshooter's engine services, as `authfix` builds them. */
function liveServices() {
	const world = createLiveWorld(context, {
		services: () => servicesForCommand(context),
		profiles: createProfiles(context.io),
	});
	return createEngineServices(world, {timeoutMs: 60_000, archive: undefined, now: () => Date.now()});
}

function settled(store: SessionStore): Promise<EngineSession> {
	return new Promise(resolve => {
		const check = () => {
			if (!store.getSnapshot().pending) {
				off();
				resolve(store.getSnapshot());
			}
		};

		const off = store.subscribe(check);
		check();
	});
}

describe('the troubleshooter on live services', () => {
	test('a pasted tenant-mismatch error: live checks, the user signs in to the right tenant, the replay proves it', async () => {
		const failure = await replay(live.sandbox);
		const {classifyPaste} = await import('../../source/services/paste.ts');
		const url = `${live.sandbox.cloud.resourceManager}${live.sandbox.scenario.replay.path}`;
		const pasted = await classifyPaste(`curl ${url}\nHTTP ${failure.status}\n${failure.error}: ${failure.message}`);
		expect(pasted.family).toBe('arm-token-tenant-mismatch');
		expect(pasted.facts['requestUrl']).toBe(url);
		const store = createSessionStore(
			{id: 'live-1', entry: 'paste', family: pasted.family, facts: pasted.facts},
			{tree, services: liveServices(), timeoutMs: 60_000},
		);
		let session = await settled(store);
		expect(session.results['tm-subscription-tenant']).toMatchObject({status: 'pass'});
		store.dispatch({type: 'continue'});
		session = await settled(store);
		expect(session.results['tm-token-tenant']).toMatchObject({status: 'fail'});
		store.dispatch({type: 'continue'});
		// Signed in to the wrong tenant, not a stale cache: the caches say nothing is filed elsewhere.
		session = await settled(store);
		expect(currentNodeId(session)).toBe('tm-why');
		expect(session.results['tm-why']?.status).not.toBe('fail');
		store.dispatch({type: 'continue'});
		expect(currentNodeId(store.getSnapshot())).toBe('tm-fix-login');
		// A sign-in cannot run inside the TUI: the user runs it, then comes back.
		await live.signIn('ci-app', ids.tenantB);
		store.dispatch({type: 'continue'});
		session = await settled(store);
		expect(currentNodeId(session)).toBe('verify');
		expect(session.replays['verify'], JSON.stringify(session.replays)).toMatchObject({
			outcome: 'fixed',
			attempts: [{label: 'before', status: 401, errorCode: 'InvalidAuthenticationTokenTenant'}, {status: 200}],
		});
		store.dispatch({type: 'continue'});
		expect(store.getSnapshot().outcome).toBe('fixed');
	}, 180_000);

	test('onboarding: subscriptions listed live, the pair pinned as a profile, verified with a read', async () => {
		const store = createSessionStore(
			{id: 'live-2', entry: 'onboarding'},
			{tree, services: liveServices(), timeoutMs: 60_000},
		);
		let session = await settled(store);
		expect(session.results['onb-cli']).toMatchObject({status: 'pass'});
		store.dispatch({type: 'continue'});
		session = await settled(store);
		const listed = session.options?.['onb-pick'];
		expect(listed?.error).toBeUndefined();
		expect(listed?.items.map(item => item.facts['subscriptionId'])).toContain(ids.subscriptionB);
		const index = listed!.items.findIndex(item => item.facts['subscriptionId'] === ids.subscriptionB);
		store.dispatch({type: 'answer', index});
		session = await settled(store);
		expect(session.facts).toMatchObject({subscriptionId: ids.subscriptionB, subscriptionTenant: ids.tenantB});
		store.dispatch({type: 'continue'});
		expect(currentNodeId(store.getSnapshot())).toBe('onb-pin-ask');
		store.dispatch({type: 'answer', index: 1});
		store.dispatch({type: 'continue'});
		store.dispatch({type: 'continue'});
		session = await settled(store);
		expect(session.steps.find(step => step.kind === 'fix')).toMatchObject({how: 'applied'});
		const project = JSON.parse(await readFile(path.join(live.home, '.authfix.json'), 'utf8'));
		expect(project).toEqual({profile: 'default', tenantId: ids.tenantB, subscriptionId: ids.subscriptionB});
		expect(session.replays['verify']).toMatchObject({outcome: 'ok'});
		store.dispatch({type: 'continue'});
		expect(store.getSnapshot().outcome).toBe('fixed');
	}, 180_000);
});
