/**
A troubleshooting session: where the walk is, what was answered, checked, fixed and replayed. This
is exactly what gets saved (after redaction) and rendered as a report.
*/
import type {Finding} from '../findings/finding.ts';
import type {Facts} from '../tree/facts.ts';
import type {EntryId, NodeId, Verdict} from '../tree/types.ts';

export type ReplayOutcome = 'ok' | 'fixed' | 'now-forbidden' | 'still-failing' | 'refused';

/** One attempt of the failing call: before the fix (from the paste or reproduced) or after it. */
export type ReplayAttempt = {
	readonly label: string;
	readonly status: number;
	/** A re-run command's exit code (`authfix run`'s verification); `status` is then its HTTP status, 0 when unknown. */
	readonly exitCode?: number;
	readonly errorCode?: string;
	readonly requestId?: string;
	readonly correlationId?: string;
};

export type ReplayResult = {
	readonly outcome: ReplayOutcome;
	readonly request?: {readonly method: string; readonly url: string};
	/** The command re-run instead of a request (`authfix run`), as typed. */
	readonly command?: string;
	readonly attempts: readonly ReplayAttempt[];
	/** The outcome in words. */
	readonly detail: string;
	/** Whose tokens the replay sent: the credential of the client the user runs (DefaultAzureCredential, the Azure CLI's, …). */
	readonly via?: string;
};

export type FixResult = {readonly ok: boolean; readonly detail: string};

/** One entry of a live list (a pick node): what is shown and the facts picking it adds. */
export type PickOption = {readonly label: string; readonly facts: Facts};

/** What happened, in order: the saved report's steps. */
export type Step =
	| {readonly kind: 'answer'; readonly node: NodeId; readonly answer: string; readonly at: number}
	| {readonly kind: 'check'; readonly node: NodeId; readonly finding: Finding; readonly at: number}
	| {
			readonly kind: 'fix';
			readonly node: NodeId;
			readonly how: 'applied' | 'by-user' | 'skipped' | 'failed';
			readonly detail?: string;
			readonly at: number;
	  }
	| {readonly kind: 'replay'; readonly node: NodeId; readonly result: ReplayResult; readonly at: number}
	| {readonly kind: 'outcome'; readonly node: NodeId; readonly verdict: Verdict; readonly at: number};

/** Work the effect driver has to do for the current node. */
export type Pending =
	| {readonly kind: 'check'; readonly node: NodeId; readonly seq: number}
	| {readonly kind: 'replay'; readonly node: NodeId; readonly seq: number}
	| {readonly kind: 'options'; readonly node: NodeId; readonly seq: number}
	| {readonly kind: 'fix'; readonly node: NodeId; readonly action: string; readonly seq: number};

export type SessionOutcome = 'fixed' | 'unresolved' | 'abandoned';

export type Session = {
	readonly id: string;
	readonly startedAt: number;
	readonly endedAt?: number;
	/** The sandbox scenario in demo mode. */
	readonly scenario?: string;
	readonly entry: EntryId;
	/** The pasted error (neutralised and redacted) and the family it was recognised as. */
	readonly paste?: {
		readonly text: string;
		readonly family?: string;
		readonly title?: string;
		/** What the error means and its most likely fixes, from `explain` (placeholders filled). */
		readonly explanation?: string;
		readonly fixes?: ReadonlyArray<{readonly text: string; readonly command?: string; readonly code?: string}>;
	};
	readonly facts: Facts;
	/** The decode entry's token: its claims as shown (neutralised), never the token; why it could not be read. */
	readonly token?: {readonly claims: Readonly<Record<string, string>>; readonly error?: string};
	/** The path walked so far; the last id is the current node. Back pops it. */
	readonly trail: readonly NodeId[];
	readonly steps: readonly Step[];
	/** Latest finding of each check node (kept when walking back, cleared by a re-run). */
	readonly results: Readonly<Record<NodeId, Finding>>;
	readonly replays: Readonly<Record<NodeId, ReplayResult>>;
	/** The live lists of pick nodes, and why one could not be read. */
	readonly options?: Readonly<Record<NodeId, {readonly items: readonly PickOption[]; readonly error?: string}>>;
	/** A failed fix attempt of the current fix node, shown until retried. */
	readonly fixError?: string;
	/** A safe fix waiting for the user's confirmation. */
	readonly confirming?: boolean;
	/** `a` on a check: the checks left on the path run one after another until one fails or the walk ends. */
	readonly runningAll?: boolean;
	readonly pending?: Pending;
	/** Increases with every effect asked for, so a late answer of a cancelled one is ignored. */
	readonly seq: number;
	readonly outcome?: SessionOutcome;
	readonly verdict?: Verdict;
};

export function currentNodeId(session: Session): NodeId {
	return session.trail.at(-1)!;
}
