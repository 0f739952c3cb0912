/**
The troubleshooter's services: what the engine's effect driver calls (checks, the replay, fixes, live
lists, saving), built by one function for both worlds it runs in. A world is the adapters the
session works through: the user's own machine and cloud (services/live.ts) or the demo client on the
sandbox (services/demo.ts). Checks run the same way in both: the world only says which services and
which target.
*/
import {runChecks} from '../checks/run-checks.ts';
import type {EngineServices, SessionStore} from '../engine/driver.ts';
import type {FixResult, PickOption, ReplayResult, Session} from '../engine/session.ts';
import type {Services} from '../ports/services.ts';
import {reportCommandOf, summarizeSession} from '../report/session-report.ts';
import {parseArmAction, parseArmScope} from '../target/authorization.ts';
import type {Target, TargetRequest} from '../target/target.ts';
import type {Facts} from '../tree/facts.ts';
import type {EntryId, FixEffect, FixMode} from '../tree/types.ts';
import {type ClassifiedPaste, classifyPaste, readPastedToken, safePasteOf} from './paste.ts';
import type {Profiles} from './profiles.ts';
import type {SessionArchive} from './sessions.ts';

/** What differs between the live troubleshooter and the demo. */
export type TroubleshooterWorld = {
	/** The services and target a check runs against, for what the session knows now. */
	checkSetup(facts: Facts): Promise<{readonly services: Services; readonly target: Target}>;
	replay(facts: Facts, signal: AbortSignal): Promise<ReplayResult>;
	applyFix(action: string, facts: Facts, signal: AbortSignal, effects?: readonly FixEffect[]): Promise<FixResult>;
	canApply(action: string, mode: FixMode, effects?: readonly FixEffect[]): boolean;
	listOptions(source: string, facts: Facts, signal: AbortSignal): Promise<readonly PickOption[]>;
};

export function createEngineServices(
	world: TroubleshooterWorld,
	options: {
		readonly timeoutMs: number;
		readonly archive: Promise<SessionArchive> | undefined;
		readonly now: () => number;
	},
): EngineServices {
	const {archive} = options;
	return {
		async runCheck(id, facts, signal) {
			const {services, target} = await world.checkSetup(facts);
			const [finding] = await runChecks([id], target, services, {timeoutMs: options.timeoutMs, signal});
			return finding!;
		},
		replay: (facts, signal) => world.replay(facts, signal),
		applyFix: (action, facts, signal, effects) => world.applyFix(action, facts, signal, effects),
		listOptions: (source, facts, signal) => world.listOptions(source, facts, signal),
		canApply: (action, mode, effects) => world.canApply(action, mode as FixMode, effects),
		saveSession: archive ? async session => (await archive).save(session) : undefined,
		now: options.now,
	};
}

/**
The refused operation and scope a session's facts name (a 403's, and a LinkedAuthorizationFailed's
linked ones). A paste may mask them (`<scope>`, `***`): only values that read as an operation or a
scope are taken.
*/
export function refusalOf(facts: Facts): Pick<Target, 'action' | 'scope' | 'linkedAction' | 'linkedScope'> {
	const action = facts.action ? parseArmAction(facts.action) : undefined;
	const scope = facts.scope ? parseArmScope(facts.scope) : undefined;
	const linkedAction = facts.linkedAction ? parseArmAction(facts.linkedAction) : undefined;
	const linkedScope = facts.linkedScope ? parseArmScope(facts.linkedScope) : undefined;
	return {
		...(action ? {action} : {}),
		...(scope ? {scope} : {}),
		...(linkedAction ? {linkedAction} : {}),
		...(linkedScope ? {linkedScope} : {}),
	};
}

/** The target a session's facts describe, as raw values for target.ts (named as the session's, not as flags). */
export function targetRequestOf(facts: Facts, defaults: TargetRequest = {}): TargetRequest {
	return {
		...defaults,
		...(facts.subscriptionId ? {subscription: facts.subscriptionId} : {}),
		...(facts.auxTenant ? {auxTenants: [facts.auxTenant]} : {}),
		...(facts.requestUrl ? {url: facts.requestUrl} : {}),
		...refusalOf(facts),
		// The client the user said they run: checks and the replay get their tokens through it.
		...(facts.credential ? {credential: facts.credential} : {}),
		names: {
			subscription: "the session's subscription id",
			tenant: "the session's tenant id",
			resource: "the session's resource",
			credential: "the session's credential",
			auxTenant: "the session's auxiliary tenant",
			url: "the session's request URL",
			action: "the session's operation",
			scope: "the session's scope",
			linkedAction: "the session's linked operation",
			linkedScope: "the session's linked scope",
		},
	};
}

/**
Saves the session that just ended and says so in one line (or why it could not be saved). The
archive may have failed to open (a data folder that cannot be written): the walk ran anyway.
*/
export async function saveFinishedSession(
	archive: Promise<SessionArchive>,
	session: Session | undefined,
): Promise<{readonly notes: readonly string[]; readonly saved?: string}> {
	const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
	let opened: SessionArchive;
	try {
		opened = await archive;
	} catch (error) {
		return {notes: [`sessions cannot be saved: ${message(error)}`]};
	}

	const notes = opened.quarantined
		? [`the saved sessions were not valid JSON; they were kept as ${opened.quarantined}`]
		: [];
	if (!session) return {notes};
	try {
		opened.save(session);
	} catch (error) {
		return {notes: [...notes, `session ${session.id} could not be saved: ${message(error)}`]};
	}

	return {
		notes,
		// Two lines, so that the command stays whole at 80 columns.
		saved: `Session ${session.id} saved (${summarizeSession(session).outcome}).\nReport: ${reportCommandOf(session.id)}`,
	};
}

/**
What the app asks to open: an entry of the tree with the text pasted for it, and facts known
beside the text (`authfix run`: the claims of the token its command's failing request sent).
*/
export type OpenRequest = {readonly entry: EntryId; readonly text?: string; readonly facts?: Facts};

/**
Opens a live session: a pasted error is classified (its family decides the start, its entities are
the first facts), a pasted token becomes its claims, and the pair a profile pins seeds the facts
(except in the set-up walk, which pins one).
*/
export async function openLiveSession(
	request: OpenRequest,
	options: {
		readonly id: string;
		readonly engine: EngineServices;
		readonly profiles: Profiles;
		readonly timeoutMs: number;
	},
): Promise<SessionStore> {
	const [{createSessionStore}, {tree}] = await Promise.all([import('../engine/driver.ts'), import('../tree/index.ts')]);
	const driver = {tree, services: options.engine, timeoutMs: options.timeoutMs};
	const text = request.text ?? '';
	if (request.entry === 'decode') {
		const {claims, facts, error} = await readPastedToken(text);
		return createSessionStore(
			{id: options.id, entry: 'decode', facts, token: {claims, ...(error ? {error} : {})}},
			driver,
		);
	}

	const pasted: ClassifiedPaste = request.entry === 'paste' ? await classifyPaste(text) : {facts: {}};
	const pinned = request.entry === 'onboarding' ? undefined : (await options.profiles.read()).profile;
	return createSessionStore(
		{
			id: options.id,
			entry: request.entry,
			// What the error says wins over the pinned profile.
			facts: {
				...(pinned ? {subscriptionId: pinned.subscriptionId, subscriptionTenant: pinned.tenantId} : {}),
				...request.facts,
				...pasted.facts,
			},
			...(pasted.family ? {family: pasted.family} : {}),
			...(request.entry === 'paste'
				? {
						paste: {
							text: (pasted.text ?? safePasteOf(text)).slice(0, 4000),
							family: pasted.family,
							title: pasted.title,
							explanation: pasted.explanation,
							fixes: pasted.fixes,
						},
					}
				: {}),
		},
		driver,
	);
}

/** The saved sessions as the app's "Open a saved session" shows them. */
export function sessionBrowser(archive: Promise<SessionArchive>) {
	return {
		listSessions: async () => (await archive).list().map(summarizeSession),
		showSession: async (id: string) => {
			const session = (await archive).get(id);
			if (!session) return 'That session is gone.';
			const [{sessionToMarkdown}, {tree}] = await Promise.all([
				import('../report/session-report.ts'),
				import('../tree/index.ts'),
			]);
			return sessionToMarkdown(session, tree);
		},
	};
}

/** `20261122-013011-3fa9c2`: sortable, unique enough, no secret. */
export function newSessionId(now: number, random: string): string {
	const stamp = new Date(now).toISOString().replaceAll(/[-:]/g, '').replace('T', '-').slice(0, 15);
	return `${stamp}-${random}`;
}
