/**
The decision tree's vocabulary. The tree is data: questions, live checks, fixes, verifications
(the replay of the failing call) and outcomes, joined by edges named by an answer or by a check's
status. The engine walks it, the TUI shows it, `scripts/render-tree.ts` draws it.
*/
import type {CheckId, CheckStatus} from '../findings/finding.ts';

/** A node id: kebab-case, unique in the tree. */
export type NodeId = string;

/** One answer to a question; exactly one answer of a question is the recommended one (Enter). */
export type Answer = {
	readonly label: string;
	readonly next: NodeId;
	readonly recommended?: boolean;
};

/** Asks the user something the checks cannot find out alone. */
export type QuestionNode = {
	readonly kind: 'question';
	readonly id: NodeId;
	readonly prompt: string;
	/** One or two sentences shown under the prompt (may hold `{placeholders}`). */
	readonly help?: string;
	readonly answers: readonly Answer[];
};

/**
Runs one live check and follows the edge named by its status. `pass` and `fail` are required;
`warn` follows `fail` unless given; `skip` (the check does not apply, or the user skipped it: no
evidence of a problem) follows `pass` unless given; `error` (it could not run) follows `skip` when
given, else `fail`.
*/
export type CheckNode = {
	readonly kind: 'check';
	readonly id: NodeId;
	readonly check: CheckId;
	/** What the spinner says while it runs: 'Checking which tenant the subscription belongs to'. */
	readonly title: string;
	readonly next: {
		readonly pass: NodeId;
		readonly fail: NodeId;
		readonly warn?: NodeId;
		readonly skip?: NodeId;
		readonly error?: NodeId;
	};
};

/**
How a fix is carried out. `safe`: authfix can run it after confirmation (switch tenant, purge with
backup, a sandbox operation in demo mode). `browser` / `admin`: the user (or an admin) does it
elsewhere; the TUI says so and waits. `manual`: a change in the user's code or pipeline.
*/
export type FixMode = 'safe' | 'browser' | 'admin' | 'manual';

export type FixStep = {
	readonly text: string;
	/** Exact command with `{placeholders}` filled from the session's facts. */
	readonly command?: string;
};

/** A fix; always followed by a verification (`next` must be a verify node). */
export type FixNode = {
	readonly kind: 'fix';
	readonly id: NodeId;
	readonly title: string;
	/** Why this fixes it, one or two sentences (may hold `{placeholders}`). */
	readonly why: string;
	readonly mode: FixMode;
	readonly steps: readonly FixStep[];
	/** The operation authfix runs for a `safe` fix (`services.applyFix(action, facts)`). */
	readonly action?: string;
	readonly next: NodeId;
};

/**
Replays the failing call and compares before and after. `fixed` (or `ok`) ends well,
`now-forbidden` means authentication is fixed but authorisation is missing, anything else is
`still-failing`.
*/
export type VerifyNode = {
	readonly kind: 'verify';
	readonly id: NodeId;
	readonly title: string;
	readonly next: {
		readonly fixed: NodeId;
		readonly nowForbidden: NodeId;
		readonly stillFailing: NodeId;
	};
};

/**
Lets the user pick one of a live list (the subscriptions this sign-in sees, with their tenants):
`services.listOptions(source, facts)` fills it; the pick's facts join the session's. An empty list
follows `onEmpty`.
*/
export type PickNode = {
	readonly kind: 'pick';
	readonly id: NodeId;
	readonly prompt: string;
	readonly help?: string;
	readonly source: 'subscriptions';
	/** What the spinner says while the list loads. */
	readonly title: string;
	readonly next: NodeId;
	readonly onEmpty: NodeId;
};

export type Verdict = 'fixed' | 'healthy' | 'unresolved' | 'info';

/** A leaf. */
export type OutcomeNode = {
	readonly kind: 'outcome';
	readonly id: NodeId;
	readonly verdict: Verdict;
	readonly summary: string;
	/** What to do next, when there is something (may hold `{placeholders}`). */
	readonly advice?: string;
};

export type TreeNode = QuestionNode | CheckNode | PickNode | FixNode | VerifyNode | OutcomeNode;

/** The ways into the tree, as the welcome screen offers them. */
export const entryIds = ['paste', 'symptom', 'health', 'decode', 'onboarding', 'session'] as const;
export type EntryId = (typeof entryIds)[number];

export type Entry = {
	readonly id: EntryId;
	readonly label: string;
	readonly hint: string;
	/** Where the walk starts. `paste` starts from the family's node instead when one is recognised. */
	readonly start: NodeId;
};

export type Tree = {
	readonly nodes: readonly TreeNode[];
	readonly entries: readonly Entry[];
	/** Family id (taxonomy.md) → first node. `aadsts-<digits>` not listed here uses `aadsts-*`. */
	readonly families: Readonly<Record<string, NodeId>>;
};

export type {CheckId, CheckStatus};
