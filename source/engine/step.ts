/**
The engine: a pure reducer over a session. The TUI dispatches intents (answer, continue, back,
re-run, skip, apply, quit); the effect driver dispatches results (a finding, a replay, a fix).
Nothing here does I/O; time comes in the context.
*/
import type {Finding} from '../findings/finding.ts';
import {type Facts, factsOf} from '../tree/facts.ts';
import {nodeById, startForFamily} from '../tree/index.ts';
import type {CheckNode, Condition, EntryId, FixNode, NodeId, Tree, TreeNode, VerifyNode} from '../tree/types.ts';
import {factValue} from './fill.ts';
import type {FixResult, PickOption, ReplayResult, Session, SessionOutcome, Step} from './session.ts';
import {currentNodeId} from './session.ts';

export type EngineContext = {
	readonly tree: Tree;
	/** Whether authfix can carry out this fix action here (safe fixes; in demo mode, every fix with effects). */
	readonly canApply: (action: string, mode: string, effects?: FixNode['effects']) => boolean;
	/** Epoch milliseconds of the event. */
	readonly now: number;
};

export type SessionEvent =
	| {readonly type: 'answer'; readonly index: number}
	/** Enter: the recommended action of the current node. */
	| {readonly type: 'continue'}
	| {readonly type: 'back'}
	| {readonly type: 'rerun'}
	| {readonly type: 'skip'}
	/** On a fix: run it (asks for confirmation first), `confirm` runs it, `done-by-user` when done elsewhere. */
	| {readonly type: 'apply'}
	| {readonly type: 'confirm'}
	| {readonly type: 'cancel-confirm'}
	| {readonly type: 'done-by-user'}
	| {readonly type: 'quit'}
	| {readonly type: 'check-finished'; readonly seq: number; readonly finding: Finding}
	| {readonly type: 'replay-finished'; readonly seq: number; readonly result: ReplayResult}
	| {readonly type: 'fix-finished'; readonly seq: number; readonly result: FixResult}
	| {
			readonly type: 'options-finished';
			readonly seq: number;
			readonly items: readonly PickOption[];
			readonly error?: string;
	  };

export type StartOptions = {
	readonly id: string;
	readonly entry: EntryId;
	readonly scenario?: string;
	readonly facts?: Facts;
	readonly paste?: Session['paste'];
	readonly token?: Session['token'];
	/** A recognised family: the walk starts at its node instead of the entry's. */
	readonly family?: string;
	/** An explicit start node (tests, resumed sessions). */
	readonly start?: NodeId;
};

/** A new session, already at its first node (with a check or replay pending when that node needs one). */
export function startSession(options: StartOptions, context: EngineContext): Session {
	const entry = context.tree.entries.find(candidate => candidate.id === options.entry);
	const start =
		options.start ??
		(options.family === undefined ? (entry?.start ?? 'symptom') : startForFamily(options.family, context.tree));
	const session: Session = {
		id: options.id,
		startedAt: context.now,
		entry: options.entry,
		facts: options.facts ?? {},
		trail: [],
		steps: [],
		results: {},
		replays: {},
		seq: 0,
		...(options.scenario === undefined ? {} : {scenario: options.scenario}),
		...(options.paste === undefined ? {} : {paste: options.paste}),
		...(options.token === undefined ? {} : {token: options.token}),
	};
	return enter(session, start, context);
}

const outcomeOf = {fixed: 'fixed', healthy: 'unresolved', unresolved: 'unresolved', info: 'unresolved'} as const;

/** Whether a route's condition holds for what the session knows. */
export function holds(condition: Condition, session: Pick<Session, 'facts' | 'paste'>): boolean {
	const value = condition.fact === 'paste' ? session.paste?.text : factValue(session.facts, condition.fact);
	if (value === undefined || value === '') return false;
	return condition.matches === undefined || new RegExp(condition.matches, 'i').test(value);
}

/** Where a route node leads for this session. */
function routeOf(node: Extract<TreeNode, {kind: 'route'}>, session: Pick<Session, 'facts' | 'paste'>): NodeId {
	return node.routes.find(route => holds(route.when, session))?.next ?? node.otherwise;
}

function enter(session: Session, id: NodeId, context: EngineContext, depth = 0): Session {
	const node = nodeById(id, context.tree);
	// A route is passed through: it is not a step of the trail, so Esc never lands on it.
	if (node.kind === 'route') {
		if (depth > 20) throw new Error(`decision tree: routes loop at '${id}'`);
		return enter(session, routeOf(node, session), context, depth + 1);
	}

	const base: Session = {
		...session,
		trail: [...session.trail, id],
		pending: undefined,
		confirming: undefined,
		fixError: undefined,
	};
	switch (node.kind) {
		case 'check':
			// A check runs every time the walk reaches it, so the result is always current.
			return {...base, pending: {kind: 'check', node: id, seq: base.seq + 1}, seq: base.seq + 1};
		case 'verify':
			return {...base, pending: {kind: 'replay', node: id, seq: base.seq + 1}, seq: base.seq + 1};
		case 'pick':
			return {...base, pending: {kind: 'options', node: id, seq: base.seq + 1}, seq: base.seq + 1};
		case 'outcome':
			return {
				...base,
				outcome: outcomeOf[node.verdict],
				verdict: node.verdict,
				endedAt: context.now,
				steps: [...base.steps, {kind: 'outcome', node: id, verdict: node.verdict, at: context.now}],
			};
		default:
			return base;
	}
}

function edgeForStatus(node: CheckNode, finding: Finding): NodeId {
	switch (finding.status) {
		case 'pass':
			return node.next.pass;
		case 'warn':
			return node.next.warn ?? node.next.fail;
		case 'fail':
			return node.next.fail;
		case 'skip':
			return node.next.skip ?? node.next.pass;
		case 'error':
			return node.next.error ?? node.next.skip ?? node.next.fail;
	}
}

function edgeForReplay(node: VerifyNode, result: ReplayResult): NodeId {
	switch (result.outcome) {
		case 'ok':
		case 'fixed':
			return node.next.fixed;
		case 'now-forbidden':
			return node.next.nowForbidden;
		default:
			return node.next.stillFailing;
	}
}

/** The recommended answer's index of a question (the first one when none is marked). */
export function recommendedAnswer(node: Extract<TreeNode, {kind: 'question'}>): number {
	const index = node.answers.findIndex(answer => 'recommended' in answer && answer.recommended);
	return Math.max(index, 0);
}

/** The option Enter picks: the one matching the session's current subscription, else the first. */
export function recommendedOption(items: readonly PickOption[], facts: Facts): number {
	const index = items.findIndex(item => item.facts['subscriptionId'] === facts['subscriptionId']);
	return Math.max(index, 0);
}

/** Whether Enter on this fix runs it (after confirmation) rather than waiting for the user. */
export function isRunnable(node: FixNode, context: Pick<EngineContext, 'canApply'>): boolean {
	return context.canApply(actionOf(node), node.mode, node.effects);
}

/** The operation name a fix runs as (its id when it names none). */
function actionOf(node: FixNode): string {
	return node.action ?? node.id;
}

function record(session: Session, step: Step): Session {
	return {...session, steps: [...session.steps, step]};
}

/** What a check or a pick adds to the facts: the entries of its report that are facts (tree/facts.ts). */
function mergeFacts(facts: Facts, more: Readonly<Record<string, unknown>> | undefined): Facts {
	return more ? {...facts, ...factsOf(more)} : facts;
}

export function step(session: Session, event: SessionEvent, context: EngineContext): Session {
	const id = currentNodeId(session);
	const node = nodeById(id, context.tree);
	if (event.type === 'quit') {
		if (session.outcome) return session;
		return {...session, pending: undefined, outcome: 'abandoned' satisfies SessionOutcome, endedAt: context.now};
	}

	if (event.type === 'back') {
		if (session.trail.length <= 1) return session;
		const trail = session.trail.slice(0, -1);
		const {outcome: _o, verdict: _v, endedAt: _e, ...rest} = session;
		// Going back to a check or a replay shows its last result; `rerun` asks again.
		return {...rest, trail, pending: undefined, confirming: undefined, fixError: undefined};
	}

	// An ended session (fixed, unresolved, abandoned) is final; only Esc walks back from its outcome.
	if (session.outcome) return session;

	switch (event.type) {
		case 'check-finished': {
			if (session.pending?.kind !== 'check' || session.pending.seq !== event.seq || node.kind !== 'check') {
				return session;
			}

			return record(
				{
					...session,
					pending: undefined,
					results: {...session.results, [id]: event.finding},
					facts: mergeFacts(session.facts, event.finding.facts),
				},
				{kind: 'check', node: id, finding: event.finding, at: context.now},
			);
		}

		case 'replay-finished': {
			if (session.pending?.kind !== 'replay' || session.pending.seq !== event.seq) return session;
			return record(
				{...session, pending: undefined, replays: {...session.replays, [id]: event.result}},
				{kind: 'replay', node: id, result: event.result, at: context.now},
			);
		}

		case 'options-finished': {
			if (session.pending?.kind !== 'options' || session.pending.seq !== event.seq) return session;
			return {
				...session,
				pending: undefined,
				options: {
					...session.options,
					[id]: {items: event.items, ...(event.error === undefined ? {} : {error: event.error})},
				},
			};
		}

		case 'fix-finished': {
			if (session.pending?.kind !== 'fix' || session.pending.seq !== event.seq || node.kind !== 'fix') return session;
			const done: Session = {...session, pending: undefined};
			if (!event.result.ok) {
				return record(
					{...done, fixError: event.result.detail},
					{kind: 'fix', node: id, how: 'failed', detail: event.result.detail, at: context.now},
				);
			}

			return enter(
				record(done, {kind: 'fix', node: id, how: 'applied', detail: event.result.detail, at: context.now}),
				node.next,
				context,
			);
		}

		case 'rerun': {
			if (node.kind !== 'check' && node.kind !== 'verify' && node.kind !== 'pick') return session;
			const seq = session.seq + 1;
			const kind = node.kind === 'check' ? 'check' : node.kind === 'verify' ? 'replay' : 'options';
			return {...session, seq, pending: {kind, node: id, seq}};
		}

		case 'answer': {
			if (node.kind === 'pick') {
				const item = session.options?.[id]?.items[event.index];
				if (!item || session.pending) return session;
				return enter(
					record(
						{...session, facts: mergeFacts(session.facts, item.facts)},
						{
							kind: 'answer',
							node: id,
							answer: item.label,
							at: context.now,
						},
					),
					node.next,
					context,
				);
			}

			if (node.kind !== 'question') return session;
			const answer = node.answers[event.index];
			if (!answer) return session;
			return enter(
				record(session, {kind: 'answer', node: id, answer: answer.label, at: context.now}),
				answer.next,
				context,
			);
		}

		case 'skip':
			return skip(session, node, context);

		case 'apply': {
			if (node.kind !== 'fix' || session.pending || !isRunnable(node, context)) return session;
			return {...session, confirming: true, fixError: undefined};
		}

		case 'cancel-confirm':
			return {...session, confirming: undefined};

		case 'confirm': {
			if (node.kind !== 'fix' || !session.confirming) return session;
			const seq = session.seq + 1;
			return {...session, confirming: undefined, seq, pending: {kind: 'fix', node: id, action: actionOf(node), seq}};
		}

		case 'done-by-user': {
			if (node.kind !== 'fix' || session.pending) return session;
			return enter(record(session, {kind: 'fix', node: id, how: 'by-user', at: context.now}), node.next, context);
		}

		case 'continue':
			return proceed(session, node, context);
	}
}

/** Enter: the recommended action of the node in its current state. */
function proceed(session: Session, node: TreeNode, context: EngineContext): Session {
	if (session.pending) return session;
	switch (node.kind) {
		case 'question':
			return step(session, {type: 'answer', index: recommendedAnswer(node)}, context);
		case 'check': {
			const finding = session.results[node.id];
			return finding ? enter(session, edgeForStatus(node, finding), context) : step(session, {type: 'rerun'}, context);
		}

		case 'verify': {
			const result = session.replays[node.id];
			return result ? enter(session, edgeForReplay(node, result), context) : step(session, {type: 'rerun'}, context);
		}

		case 'pick': {
			const list = session.options?.[node.id];
			if (!list) return step(session, {type: 'rerun'}, context);
			if (list.items.length === 0) return enter(session, node.onEmpty, context);
			return step(session, {type: 'answer', index: recommendedOption(list.items, session.facts)}, context);
		}

		case 'fix':
			if (session.confirming) return step(session, {type: 'confirm'}, context);
			return isRunnable(node, context)
				? step(session, {type: 'apply'}, context)
				: step(session, {type: 'done-by-user'}, context);
		case 'route':
		case 'outcome':
			return session;
	}
}

function skip(session: Session, node: TreeNode, context: EngineContext): Session {
	switch (node.kind) {
		case 'question':
			return proceed(session, node, context);
		case 'check': {
			const finding: Finding = {id: node.check, status: 'skip', title: node.title, detail: 'Skipped by the user.'};
			const skipped = record(
				{...session, pending: undefined, results: {...session.results, [node.id]: finding}},
				{kind: 'check', node: node.id, finding, at: context.now},
			);
			return enter(skipped, edgeForStatus(node, finding), context);
		}

		case 'fix':
			return enter(
				record(
					{...session, pending: undefined, confirming: undefined},
					{
						kind: 'fix',
						node: node.id,
						how: 'skipped',
						at: context.now,
					},
				),
				node.next,
				context,
			);
		case 'verify':
			return enter({...session, pending: undefined}, node.next.stillFailing, context);
		case 'pick':
			return enter({...session, pending: undefined}, node.onEmpty, context);
		case 'route':
		case 'outcome':
			return session;
	}
}
