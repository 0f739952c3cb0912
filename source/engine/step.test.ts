import {describe, expect, test} from 'vitest';
import type {Finding} from '../findings/finding.ts';
import {tree} from '../tree/index.ts';
import type {Session} from './session.ts';
import {currentNodeId} from './session.ts';
import {type EngineContext, type SessionEvent, startSession, step} from './step.ts';

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
		expect(session.steps.map(s => s.kind)).toEqual(['check', 'check', 'fix', 'replay', 'outcome']);
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
		expect(currentNodeId(session)).toBe('tm-fix-login');
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
});
