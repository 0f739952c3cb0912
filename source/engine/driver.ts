/**
The one effect driver: a tiny external store over the pure reducer. After every event it looks at
`session.pending` and runs that check, replay or fix through the injected services, with a timeout
and an AbortSignal; going back, re-running or quitting cancels what is in flight, and a late answer
of a cancelled run is ignored (sequence numbers).
*/
import type {CheckId, Finding} from '../findings/finding.ts';
import {redactJsonValue} from '../safety/redact.ts';
import type {Facts} from '../tree/facts.ts';
import {nodeById} from '../tree/index.ts';
import type {FixEffect, Tree} from '../tree/types.ts';
import type {FixResult, PickOption, ReplayResult, Session} from './session.ts';
import {type EngineContext, type SessionEvent, type StartOptions, startSession, step} from './step.ts';

/** What the engine needs from the outside world, injected (fakes in tests, real adapters in commands). */
export type EngineServices = {
	runCheck(id: CheckId, facts: Facts, signal: AbortSignal): Promise<Finding>;
	replay(facts: Facts, signal: AbortSignal): Promise<ReplayResult>;
	/** Carries out a fix: `effects` say what it changes (the tree's data), `action` names it. */
	applyFix(action: string, facts: Facts, signal: AbortSignal, effects?: readonly FixEffect[]): Promise<FixResult>;
	/** A live list for a pick node (the subscriptions this sign-in sees). */
	listOptions(source: string, facts: Facts, signal: AbortSignal): Promise<readonly PickOption[]>;
	/** Whether `applyFix` can carry out this fix here (safe fixes; in demo mode, every fix with effects). */
	canApply(action: string, mode: string, effects?: readonly FixEffect[]): boolean;
	/** Called whenever a step is added or the session ends: the session so far, to save. */
	saveSession?(session: Session): void | Promise<void>;
	now(): number;
};

export type SessionStore = {
	getSnapshot(): Session;
	subscribe(listener: () => void): () => void;
	dispatch(event: SessionEvent): void;
	readonly context: () => EngineContext;
	/** Cancels anything in flight (Ctrl-C, unmount). */
	dispose(): void;
};

export type DriverOptions = {
	readonly tree: Tree;
	readonly services: EngineServices;
	/** Bounds every check, replay and fix. */
	readonly timeoutMs: number;
};

export function createSessionStore(start: StartOptions | Session, options: DriverOptions): SessionStore {
	const {tree, services, timeoutMs} = options;
	const context = (): EngineContext => ({tree, canApply: services.canApply, now: services.now()});
	let session: Session = 'trail' in start ? start : startSession(start, context());
	const listeners = new Set<() => void>();
	let inFlight: {seq: number; controller: AbortController} | undefined;
	let savedSteps = -1;

	function save() {
		if (!services.saveSession) return;
		if (session.steps.length === savedSteps && !session.outcome) return;
		savedSteps = session.steps.length;
		Promise.resolve(services.saveSession(session)).catch(() => {
			// Saving is best effort: a full disk must not break the walk.
		});
	}

	function cancelStale() {
		if (inFlight && session.pending?.seq !== inFlight.seq) {
			inFlight.controller.abort(new Error('cancelled'));
			inFlight = undefined;
		}
	}

	function run() {
		const pending = session.pending;
		if (!pending || inFlight?.seq === pending.seq) return;
		const controller = new AbortController();
		inFlight = {seq: pending.seq, controller};
		const timer = setTimeout(
			() => controller.abort(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)),
			timeoutMs,
		);
		const facts = session.facts;
		// What a check, replay or fix answers is data from the outside (an error message may quote a proxy
		// URL with its password): redacted before it becomes a fact, a step, a screen or a saved session.
		const finish = (event: SessionEvent) => {
			clearTimeout(timer);
			if (inFlight?.seq === pending.seq) inFlight = undefined;
			if (!controller.signal.aborted || controller.signal.reason?.message !== 'cancelled')
				dispatch(redactJsonValue(event) as SessionEvent);
		};

		const reason = (error: unknown) =>
			controller.signal.aborted
				? String((controller.signal.reason as Error | undefined)?.message ?? 'cancelled')
				: error instanceof Error
					? error.message
					: String(error);
		const bounded = <T>(promise: Promise<T>) =>
			Promise.race([
				promise,
				new Promise<never>((_resolve, reject) => {
					controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {once: true});
				}),
			]);

		// The node the work is for (the reducer only asks for work its node's kind calls for).
		const node = nodeById(pending.node, tree);
		if (pending.kind === 'check' && node.kind === 'check') {
			const checkId = node.check;
			bounded(services.runCheck(checkId, facts, controller.signal)).then(
				finding => finish({type: 'check-finished', seq: pending.seq, finding}),
				(error: unknown) =>
					finish({
						type: 'check-finished',
						seq: pending.seq,
						finding: {
							id: checkId,
							status: 'error',
							title: node.title,
							detail: `Could not run: ${reason(error)}.`,
						},
					}),
			);
		} else if (pending.kind === 'replay') {
			bounded(services.replay(facts, controller.signal)).then(
				result => finish({type: 'replay-finished', seq: pending.seq, result}),
				(error: unknown) =>
					finish({
						type: 'replay-finished',
						seq: pending.seq,
						result: {outcome: 'still-failing', attempts: [], detail: `The replay could not run: ${reason(error)}.`},
					}),
			);
		} else if (pending.kind === 'options' && node.kind === 'pick') {
			bounded(services.listOptions(node.source, facts, controller.signal)).then(
				items => finish({type: 'options-finished', seq: pending.seq, items}),
				(error: unknown) =>
					finish({type: 'options-finished', seq: pending.seq, items: [], error: `Could not list: ${reason(error)}.`}),
			);
		} else if (pending.kind === 'fix' && node.kind === 'fix') {
			bounded(services.applyFix(pending.action, facts, controller.signal, node.effects)).then(
				result => finish({type: 'fix-finished', seq: pending.seq, result}),
				(error: unknown) =>
					finish({
						type: 'fix-finished',
						seq: pending.seq,
						result: {ok: false, detail: `The fix failed: ${reason(error)}.`},
					}),
			);
		}
	}

	function dispatch(event: SessionEvent) {
		const next = step(session, event, context());
		if (next === session) return;
		session = next;
		cancelStale();
		run();
		save();
		for (const listener of listeners) listener();
	}

	run();
	save();
	return {
		getSnapshot: () => session,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		dispatch,
		context,
		dispose() {
			inFlight?.controller.abort(new Error('cancelled'));
			inFlight = undefined;
		},
	};
}
