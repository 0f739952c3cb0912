import {describe, expect, test} from 'vitest';
import type {Finding} from '../findings/finding.ts';
import {tree} from '../tree/index.ts';
import type {Session} from './session.ts';
import {currentNodeId} from './session.ts';
import {type EngineContext, holds, isRunnable, type SessionEvent, startSession, step} from './step.ts';

const context: EngineContext = {tree, canApply: () => true, now: 1_000};
const fail = (id: Finding['id']): Finding => ({id, status: 'fail', title: id, detail: 'no'});
const pass = (id: Finding['id']): Finding => ({id, status: 'pass', title: id, detail: 'yes'});

function apply(session: Session, ...events: SessionEvent[]): Session {
	return events.reduce((current, event) => step(current, event, context), session);
}

function finishCheck(session: Session, finding: Finding): Session {
	expect(session.pending?.kind).toBe('check');
	return step(session, {type: 'check-finished', seq: session.pending!.seq, finding}, context);
}

describe('the engine reducer', () => {
	test('a recognised family starts at its node with a check pending', () => {
		const session = startSession({id: 's1', entry: 'paste', family: 'arm-token-tenant-mismatch'}, context);
		expect(currentNodeId(session)).toBe('tm-subscription-tenant');
		expect(session.pending).toEqual({kind: 'check', node: 'tm-subscription-tenant', seq: 1});
		expect(session.startedAt).toBe(1_000);
	});

	test('Enter alone walks tenant-mismatch to the verified fix', () => {
		let session = startSession({id: 's', entry: 'paste', family: 'arm-token-tenant-mismatch'}, context);
		session = finishCheck(session, {...pass('subscription-tenant'), facts: {subscriptionTenant: 't-sub'}});
		session = apply(session, {type: 'continue'});
		session = finishCheck(session, fail('token-tenant'));
		session = apply(session, {type: 'continue'});
		// Signed in to the wrong tenant, or a stale cache of an earlier one? The caches tell.
		expect(currentNodeId(session)).toBe('tm-why');
		session = finishCheck(session, {...pass('cache-state'), status: 'skip'});
		session = apply(session, {type: 'continue'});
		expect(currentNodeId(session)).toBe('tm-fix-login');
		session = apply(session, {type: 'continue'});
		expect(session.confirming).toBe(true);
		session = apply(session, {type: 'continue'});
		expect(session.pending).toMatchObject({kind: 'fix', action: 'login-tenant'});
		session = step(
			session,
			{type: 'fix-finished', seq: session.pending!.seq, result: {ok: true, detail: 'done'}},
			context,
		);
		expect(currentNodeId(session)).toBe('verify');
		session = step(
			session,
			{type: 'replay-finished', seq: session.pending!.seq, result: {outcome: 'fixed', attempts: [], detail: 'ok'}},
			context,
		);
		session = apply(session, {type: 'continue'});
		expect(currentNodeId(session)).toBe('fixed');
		expect(session.outcome).toBe('fixed');
		expect(session.facts).toEqual({subscriptionTenant: 't-sub'});
		expect(session.steps.map(s => s.kind)).toEqual(['check', 'check', 'check', 'fix', 'replay', 'outcome']);
	});

	test('a fix that cannot be run here waits for the user, then verifies', () => {
		const manual: EngineContext = {...context, canApply: () => false};
		let session = startSession({id: 's', entry: 'symptom', start: 'tm-fix-login'}, manual);
		session = step(session, {type: 'continue'}, manual);
		expect(session.confirming).toBeUndefined();
		expect(currentNodeId(session)).toBe('verify');
		expect(session.steps[0]).toMatchObject({kind: 'fix', how: 'by-user'});
	});

	test('a failed fix stays on the fix with its error', () => {
		let session = startSession({id: 's', entry: 'symptom', start: 'stale-fix-purge'}, context);
		session = apply(session, {type: 'apply'}, {type: 'confirm'});
		session = step(
			session,
			{type: 'fix-finished', seq: session.pending!.seq, result: {ok: false, detail: 'locked'}},
			context,
		);
		expect(currentNodeId(session)).toBe('stale-fix-purge');
		expect(session.fixError).toBe('locked');
	});

	test('back returns to the previous node and keeps its result; rerun asks again', () => {
		let session = startSession({id: 's', entry: 'health'}, context);
		session = finishCheck(session, pass('cli-context'));
		session = apply(session, {type: 'continue'});
		expect(currentNodeId(session)).toBe('health-credential');
		session = apply(session, {type: 'back'});
		expect(currentNodeId(session)).toBe('health-cli');
		expect(session.pending).toBeUndefined();
		expect(session.results['health-cli']?.status).toBe('pass');
		session = apply(session, {type: 'rerun'});
		expect(session.pending).toMatchObject({kind: 'check', node: 'health-cli'});
	});

	test('a late result of a cancelled check is ignored', () => {
		let session = startSession({id: 's', entry: 'health'}, context);
		const stale = session.pending!.seq;
		session = apply(session, {type: 'rerun'});
		session = step(session, {type: 'check-finished', seq: stale, finding: fail('cli-context')}, context);
		expect(session.results['health-cli']).toBeUndefined();
		expect(session.pending?.seq).toBe(stale + 1);
	});

	test('skip follows the skip edge of a check, else its pass edge; an error its fail edge', () => {
		let session = startSession({id: 's', entry: 'health'}, context);
		session = apply(session, {type: 'skip'});
		expect(currentNodeId(session)).toBe('health-credential');
		expect(session.results['health-cli']?.status).toBe('skip');
		session = apply(session, {type: 'skip'});
		expect(currentNodeId(session)).toBe('health-subscription');
		session = finishCheck(session, {...fail('subscription-tenant'), status: 'error'});
		session = apply(session, {type: 'continue'});
		expect(currentNodeId(session)).toBe('subctx-fix-set');
	});

	test('answers follow their edge; status edges: warn falls back to fail', () => {
		let session = startSession({id: 's', entry: 'symptom'}, context);
		session = apply(session, {type: 'answer', index: 2});
		expect(currentNodeId(session)).toBe('authz-token-tenant');
		session = finishCheck(session, {...pass('token-tenant'), status: 'warn'});
		session = apply(session, {type: 'continue'});
		expect(currentNodeId(session)).toBe('tm-why');
	});

	test('a replay that is now forbidden leads to the role assignment', () => {
		let session = startSession({id: 's', entry: 'symptom', start: 'verify'}, context);
		session = step(
			session,
			{
				type: 'replay-finished',
				seq: session.pending!.seq,
				result: {outcome: 'now-forbidden', attempts: [], detail: '403'},
			},
			context,
		);
		session = apply(session, {type: 'continue'});
		expect(currentNodeId(session)).toBe('authz-fix-role');
	});

	test('quit abandons a walk in progress, but not one that ended', () => {
		const running = apply(startSession({id: 's', entry: 'health'}, context), {type: 'quit'});
		expect(running.outcome).toBe('abandoned');
		expect(running.pending).toBeUndefined();
		const ended = apply(startSession({id: 's', entry: 'symptom', start: 'fixed'}, context), {type: 'quit'});
		expect(ended.outcome).toBe('fixed');
		// An abandoned walk stays abandoned: a late key (r) starts no check.
		expect(apply(running, {type: 'rerun'})).toBe(running);
	});

	test('a pick node lists live options; Enter picks the current subscription, an empty list goes on', () => {
		let session = startSession(
			{id: 's', entry: 'onboarding', start: 'onb-pick', facts: {subscriptionId: '2222'}},
			context,
		);
		expect(session.pending).toMatchObject({kind: 'options', node: 'onb-pick'});
		const items = [
			{label: 'Dev', facts: {subscriptionId: '1111', subscriptionTenant: 't-dev'}},
			{label: 'Prod', facts: {subscriptionId: '2222', subscriptionTenant: 't-prod'}},
		];
		session = step(session, {type: 'options-finished', seq: session.pending!.seq, items}, context);
		session = apply(session, {type: 'continue'});
		expect(currentNodeId(session)).toBe('onb-subscription');
		expect(session.facts).toMatchObject({subscriptionId: '2222', subscriptionTenant: 't-prod'});
		expect(session.steps[0]).toMatchObject({kind: 'answer', node: 'onb-pick', answer: 'Prod'});

		let empty = startSession({id: 's', entry: 'onboarding', start: 'onb-pick'}, context);
		empty = step(empty, {type: 'options-finished', seq: empty.pending!.seq, items: [], error: 'no token'}, context);
		expect(empty.options?.['onb-pick']?.error).toBe('no token');
		empty = apply(empty, {type: 'continue'});
		expect(currentNodeId(empty)).toBe('subctx-fix-access');
	});

	test('a healthy outcome is not reported as fixed', () => {
		const session = startSession({id: 's', entry: 'symptom', start: 'healthy'}, context);
		expect(session.outcome).toBe('unresolved');
		expect(session.verdict).toBe('healthy');
	});

	test('a stale cache of an earlier tenant is purged (with a backup), not mistaken for a wrong sign-in', () => {
		let session = startSession({id: 's', entry: 'paste', family: 'arm-token-tenant-mismatch'}, context);
		session = finishCheck(session, pass('subscription-tenant'));
		session = apply(session, {type: 'continue'});
		session = finishCheck(session, fail('token-tenant'));
		session = apply(session, {type: 'continue'});
		session = finishCheck(session, {...fail('cache-state'), facts: {tokenTenant: 't-old'}});
		session = apply(session, {type: 'continue'});
		expect(currentNodeId(session)).toBe('stale-fix-purge');
		const node = tree.nodes.find(candidate => candidate.id === 'stale-fix-purge');
		expect(node?.kind === 'fix' && node.effects?.map(effect => effect.kind)).toEqual(['purge-cache', 'sign-in']);
	});

	test('an expired token that names the auxiliary header takes the aux path; a plain one the expiry path', () => {
		const aux = startSession(
			{
				id: 's',
				entry: 'paste',
				family: 'token-expired',
				paste: {
					text: 'ExpiredAuthenticationToken: The auxiliary token at position 1 (x-ms-authorization-auxiliary) has expired',
				},
			},
			context,
		);
		expect(aux.trail).toEqual(['aux-subscription-tenant']);
		const header = startSession(
			{id: 's', entry: 'paste', family: 'token-expired', facts: {auxiliaryHeader: 'present'}},
			context,
		);
		expect(header.trail).toEqual(['aux-subscription-tenant']);
		const plain = startSession(
			{
				id: 's',
				entry: 'paste',
				family: 'token-expired',
				paste: {text: 'ExpiredAuthenticationToken: The access token expiry'},
			},
			context,
		);
		expect(plain.trail).toEqual(['exp-check']);
	});

	test('routes pass through: a token born expired leads to the clock, and Esc never lands on the route', () => {
		let session = startSession({id: 's', entry: 'paste', family: 'token-expired'}, context);
		session = finishCheck(session, {...fail('token-expiry'), facts: {skew: '2.0 h'}});
		session = apply(session, {type: 'continue'});
		expect(currentNodeId(session)).toBe('exp-fix-clock');
		expect(session.trail).toEqual(['exp-check', 'exp-fix-clock']);
		expect(currentNodeId(apply(session, {type: 'back'}))).toBe('exp-check');
		let stored = startSession({id: 's', entry: 'paste', family: 'token-expired'}, context);
		stored = finishCheck(stored, fail('token-expiry'));
		expect(currentNodeId(apply(stored, {type: 'continue'}))).toBe('exp-fix-refresh');
		// An auxiliary token born expired: its tenant's clock.
		let linked = startSession({id: 's', entry: 'paste', family: 'arm-aux-token'}, context);
		linked = finishCheck(linked, pass('subscription-tenant'));
		linked = apply(linked, {type: 'continue'});
		linked = finishCheck(linked, {...fail('aux-tokens'), facts: {auxSkew: '2.0 h', auxTenant: 't-b'}});
		expect(currentNodeId(apply(linked, {type: 'continue'}))).toBe('aux-fix-clock');
	});

	test('conditions read facts by their one name and the pasted text, case-insensitively', () => {
		expect(holds({fact: 'tokenTenant'}, {facts: {tokenTenant: 'x'}})).toBe(true);
		expect(holds({fact: 'tokenTenant'}, {facts: {auxTenant: 'x'}})).toBe(false);
		expect(holds({fact: 'signInKind', matches: '^user$'}, {facts: {signInKind: 'User'}})).toBe(true);
		expect(holds({fact: 'signInKind', matches: '^user$'}, {facts: {signInKind: 'app'}})).toBe(false);
		expect(holds({fact: 'paste', matches: 'auxiliary'}, {facts: {}, paste: {text: 'AUXILIARY token'}})).toBe(true);
		expect(holds({fact: 'paste'}, {facts: {}})).toBe(false);
		expect(holds({fact: 'skew'}, {facts: {skew: ''}})).toBe(false);
	});

	test('a fix runs when the services can carry out its effects; they reach applyFix', () => {
		const demoLike: EngineContext = {...context, canApply: (_action, _mode, effects) => (effects?.length ?? 0) > 0};
		const fixes = tree.nodes.filter(node => node.kind === 'fix');
		const withEffects = fixes.find(node => node.id === 'tm-fix-login')!;
		const without = fixes.find(node => node.id === 'a90002-fix')!;
		expect(isRunnable(withEffects, demoLike)).toBe(true);
		expect(isRunnable(without, demoLike)).toBe(false);
		// Enter on a fix the services cannot carry out: the user does it, then the replay shows the truth.
		let session = startSession({id: 's', entry: 'paste', start: 'a90002-fix'}, demoLike);
		session = step(session, {type: 'continue'}, demoLike);
		expect(currentNodeId(session)).toBe('verify');
		expect(session.steps.at(-1)).toMatchObject({kind: 'fix', how: 'by-user'});
	});
});
