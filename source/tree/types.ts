/**
The decision tree's vocabulary. The tree is data: questions, live checks, fixes, verifications
(the replay of the failing call) and outcomes, joined by edges named by an answer or by a check's
status. The engine walks it, the TUI shows it, `scripts/render-tree.ts` draws it.
*/
import type {CheckId, CheckStatus} from '../findings/finding.ts';
import type {LanguageId} from '../knowledge/languages.ts';
import type {LanguageFix} from '../knowledge/types.ts';
import type {FactName} from './facts.ts';

/** A node id: kebab-case, unique in the tree. */
export type NodeId = string;

/** One answer to a question; exactly one answer of a question is the recommended one (Enter). */
export type Answer = {
	readonly label: string;
	readonly next: NodeId;
	readonly recommended?: boolean;
	/** What the answer tells the session (the client the user runs, say), by the facts' names. */
	readonly facts?: Readonly<Partial<Record<FactName, string>>>;
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
	/** Source or configuration to put in the program (a line or a short block), placeholders filled the same way. */
	readonly code?: string;
	/**
	The same step in each language's own API (knowledge/code-fixes.ts): the walk shows the one for the
	client's language (the `language` fact) instead of this one (engine/fix-steps.ts).
	*/
	readonly inLanguage?: Readonly<Partial<Record<LanguageId, LanguageFix>>>;
};

/**
What carrying out a fix changes, as data: the demo services (and any services that can) do exactly
this, so the replay shows whether the fix really addresses the cause. Values may hold
`{placeholders}` filled from the session's facts; an unfilled one means the effect cannot be
carried out here.
Client-side effects change what the failing client does; `sandbox` effects are explicit operations
on the directory or permissions (in demo mode, the sandbox's logged fix operations).
*/
export type FixEffect =
	/** The client gets its tokens from tenant T (az login --tenant T, a credential pinned to T). */
	| {readonly kind: 'sign-in'; readonly tenant: string}
	/** The client asks for tokens for audience A. */
	| {readonly kind: 'request-audience'; readonly audience: string}
	/** The client's token cache loses tenant T's entries (with a backup). */
	| {readonly kind: 'purge-cache'; readonly tenant: string}
	/** The client sends a fresh token from tenant T in x-ms-authorization-auxiliary. */
	| {readonly kind: 'aux-token'; readonly tenant: string}
	/** The client asks for a fresh token instead of reusing one. */
	| {readonly kind: 'fresh-token'}
	/** The client exchanges its federated assertion for app A's token (the multi-tenant app of the identity's home tenant). */
	| {readonly kind: 'exchange-via-home-app'; readonly app: string}
	/**
	A change to the directory or permissions: the operation's fields, filled from the facts (an
	unknown one means the fix cannot be carried out, and nothing of it is). `unless`: skipped when
	that condition holds (the facts say it is already done). `yields`: the fact the operation's
	result is known by afterwards (grant-admin-consent: the object id of the app's service principal
	in that tenant), for the effects after it.
	*/
	| {
			readonly kind: 'sandbox';
			readonly operation:
				| 'assign-role'
				| 'activate-eligible-role'
				| 'exclude-from-deny-assignment'
				| 'grant-admin-consent'
				| 'add-federated-credential'
				| 'add-client-secret'
				| 'clear-clock-offset'
				| 'reset-user-password';
			readonly params: Readonly<Record<string, string>>;
			readonly unless?: Condition;
			readonly yields?: string;
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
	/** The operation authfix runs for a `safe` fix (`services.applyFix(action, facts, signal, effects)`). */
	readonly action?: string;
	/** What the fix changes, in order (see FixEffect). A fix without effects changes nothing authfix can see. */
	readonly effects?: readonly FixEffect[];
	readonly next: NodeId;
};

/**
A condition on what the session knows: a fact (tree/facts.ts) that is present and, when `matches`
is given, matches that case-insensitive regular expression. `fact: 'paste'` looks at the pasted
error's text.
*/
export type Condition = {readonly fact: FactName | 'paste'; readonly matches?: string};

/**
Chooses the next node from what is already known, without asking or checking: the first route whose
condition holds, else `otherwise`. The walk passes through it (it is never shown, nor a step back).
*/
export type RouteNode = {
	readonly kind: 'route';
	readonly id: NodeId;
	/** Why the walk branches here, for the diagram. */
	readonly title: string;
	readonly routes: ReadonlyArray<{readonly when: Condition; readonly label: string; readonly next: NodeId}>;
	readonly otherwise: NodeId;
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

export type TreeNode = QuestionNode | CheckNode | PickNode | FixNode | VerifyNode | OutcomeNode | RouteNode;

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
