/**
`authfix` with no command: the interactive troubleshooter. This module wires the engine to the real
world (live checks, the replay command, token caches, saved sessions) and renders the Ink app;
React and Ink load only here and in `demo`. Not a TTY → plain guidance, never waiting for keys.
*/
import {randomBytes} from 'node:crypto';
import path from 'node:path';
import type {Services} from '../adapters/ports.ts';
import type {CheckTarget} from '../checks/run-checks.ts';
import type {EngineServices, SessionStore} from '../engine/driver.ts';
import {factValue} from '../engine/fill.ts';
import type {Facts, ReplayResult, Session} from '../engine/session.ts';
import {exitCodes} from '../exit-codes.ts';
import type {Command, CommandContext, Io} from '../terminal/io.ts';
import {tree} from '../tree/index.ts';
import type {EntryId} from '../tree/types.ts';
import type {SessionArchive} from './sessions.ts';

// Only what the first frame needs is imported above; the Azure adapters, the checks, the
// classifier, conf and the reports load on first use, so the TUI draws within its 200 ms budget.

/** `20261122-013011-3fa9c2`: sortable, unique enough, no secret. */
function newSessionId(now: number): string {
	const stamp = new Date(now).toISOString().replaceAll(/[-:]/g, '').replace('T', '-').slice(0, 15);
	return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Plain guidance for a non-interactive terminal (a pipe, CI): what to run instead. */
function plainGuidance(): string {
	return [
		'authfix: the interactive troubleshooter needs a terminal (stdin and stdout must be a TTY).',
		'',
		'Without one, use the headless commands:',
		'  authfix explain -            classify an error from stdin (offline)',
		'  authfix check --json         live preflight of the current sign-in, subscription and token',
		'  authfix tenant <subscription-id>   the tenant a subscription belongs to',
		'  authfix replay GET <url>     replay a failing call with a fresh token',
		'  authfix decode -             decode a token from stdin (claims only)',
		'  authfix sessions list        saved troubleshooting sessions',
		'',
		'In a terminal, `authfix` walks you from the error to a verified fix; `authfix demo` does it on',
		'a local sandbox cloud.',
		'',
	].join('\n');
}

type ExplainModule = typeof import('../explain/explain.ts');

/** What the pasted error revealed, as session facts and the family to start from. */
function classifyWith({explainText, isRecognised, verdictOf}: ExplainModule, text: string): Classified {
	const report = explainText(text);
	const top = report.findings[0];
	if (!top || !isRecognised(report)) return {facts: {}};
	const second = report.findings.find(finding => finding.family === report.unsure?.families[1]);
	return {
		family: top.family,
		// How sure, in words: 'Not sure: A or B. <the question>' when two families are close.
		title:
			report.unsure && second
				? `Not sure: ${top.title}, or ${second.title}? ${report.unsure.question}`
				: `${top.title} (${verdictOf(report)})`,
		verdict: verdictOf(report),
		explanation: top.explanation,
		fixes: top.fixes.slice(0, 3).map(fix => ({text: fix.text, ...(fix.command ? {command: fix.command} : {})})),
		facts: {...top.entities},
	};
}

type Classified = {
	family?: string;
	title?: string;
	/** How sure the classifier is ('likely, 82 %', 'not sure: a or b'). */
	verdict?: string;
	explanation?: string;
	fixes?: ReadonlyArray<{text: string; command?: string}>;
	facts: Facts;
};

/**
What the pasted error says, as facts. The paste is data: its escape sequences and secrets go before
anything is read from it, so no fact (a URL, say) can carry them to the screen, a report or a replay.
*/
export async function classifyPaste(text: string): Promise<Classified> {
	const [explain, safe] = await Promise.all([import('../explain/explain.ts'), safePasteOf(text)]);
	const found = classifyWith(explain, safe);
	return {...found, facts: {...failingRequestOf(safe), ...auxiliaryHeaderOf(safe), ...found.facts}};
}

/** Pasted text without escape sequences and control characters, secrets redacted. */
async function safePasteOf(text: string): Promise<string> {
	const [{redactSecrets}, {neutralizeTerminalText}] = await Promise.all([
		import('../safety/redact.ts'),
		import('../safety/terminal-text.ts'),
	]);
	return redactSecrets(neutralizeTerminalText(text));
}

/** A failing call that sends x-ms-authorization-auxiliary is a cross-tenant call (the tree's aux path). */
function auxiliaryHeaderOf(text: string): Facts {
	return /x-ms-authorization-auxiliary\s*[:=]/i.test(text) ? {auxiliaryHeader: 'present'} : {};
}

/**
The failing call when the paste shows it (a `curl` or `az rest` line, a request line of a log):
an https URL of an ARM or Graph-like API, and its method. The replay verifies the fix with it; URLs
of sign-in pages, error documentation or authorities are not calls to replay.
*/
export function failingRequestOf(text: string): Facts {
	const candidates = text.match(/https:\/\/[^\s'"<>\\]+/g) ?? [];
	const url = candidates.find(candidate => {
		try {
			const parsed = new URL(candidate);
			return (
				/^\/(subscriptions|providers|tenants|v1\.0|beta)(\/|$)/i.test(parsed.pathname) &&
				!/login\.|sts\.|aka\.ms|learn\.microsoft/i.test(parsed.hostname)
			);
		} catch {
			return false;
		}
	});
	if (!url) return {};
	const method = /(?:-X|--request|--method|-m)\s+([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase();
	const line = /\b(GET|HEAD|PUT|POST|PATCH|DELETE)\s+https:\/\//.exec(text)?.[1];
	// The failure as seen, for the replay's "before": a status and an error code when the paste has them.
	const status = /\b(40[0-9]|5\d\d)\b/.exec(text)?.[1];
	const code =
		/\b(InvalidAuthenticationToken\w*|ExpiredAuthenticationToken|\w*AuthorizationFailed|SubscriptionNotFound|AADSTS\d+)\b/.exec(
			text,
		)?.[1];
	const failedWith = [status, code].filter(Boolean).join(' ');
	return {
		requestUrl: url.replace(/[.,;)]+$/, ''),
		requestMethod: method ?? line ?? 'GET',
		...(failedWith ? {failedWith} : {}),
	};
}

/** Facts → what the live checks look at. */
function targetOf(facts: Facts, defaults: Partial<CheckTarget> = {}): CheckTarget {
	const subscriptionId = factValue(facts, 'subscriptionId');
	const auxTenant = factValue(facts, 'auxTenant');
	return {
		credential: 'cli',
		auxTenants: auxTenant ? [auxTenant] : [],
		...(subscriptionId ? {subscriptionId} : {}),
		...(facts['requestUrl'] ? {url: facts['requestUrl']} : {}),
		...defaults,
	};
}

/** An Io that keeps what a command prints, to run a headless command in-process (`--json`). */
function capturingIo(io: Io): Io & {readonly output: () => string} {
	let output = '';
	return {
		...io,
		stdout: {
			write(text) {
				output += text;
			},
		},
		stderr: {write() {}},
		readStdin: async () => '',
		stdinIsTty: false,
		stdoutIsTty: false,
		output: () => output,
	};
}

/** The decode entry: a pasted token becomes its claims as facts; the token itself is dropped. */
export async function decodeSummary(text: string): Promise<Facts> {
	const {decodeJwt} = await import('../token/jwt.ts');
	let claims: Record<string, unknown>;
	try {
		claims = decodeJwt(text).claims as Record<string, unknown>;
	} catch (error) {
		return {decodeError: error instanceof Error ? error.message : 'not a token'};
	}

	// Claims are pasted data too: a value reaches the screen and the report only neutralised.
	const {neutralizeTerminalText} = await import('../safety/terminal-text.ts');
	const facts: Record<string, string> = {};
	for (const name of ['tid', 'aud', 'iss', 'appid', 'azp', 'oid', 'scp', 'roles', 'idtyp', 'ver']) {
		const value = claims[name];
		if (typeof value === 'string') facts[name] = neutralizeTerminalText(value);
		else if (Array.isArray(value)) facts[name] = neutralizeTerminalText(value.join(' '));
	}

	for (const name of ['exp', 'nbf', 'iat']) {
		const value = claims[name];
		if (typeof value === 'number') facts[name] = new Date(value * 1000).toISOString();
	}

	return facts;
}

/** Profiles pinned by onboarding (conf, in authfix's data folder). */
export async function pinProfile(directory: string, name: string, profile: {tenantId: string; subscriptionId: string}) {
	const {openConfStore} = await import('../adapters/conf-store.ts');
	const {store} = openConfStore<{profiles: Record<string, unknown>; active?: string}>({
		cwd: directory,
		configName: 'profiles',
		defaults: {profiles: {}},
	});
	store.set('profiles', {...store.get('profiles'), [name]: profile});
	store.set('active', name);
	return store.path;
}

/** Engine services over the real world: live checks, the replay command, the caches, profiles. */
export function createLiveServices(
	context: CommandContext,
	archive: Promise<SessionArchive> | undefined,
): EngineServices {
	const {io, global} = context;
	const timeoutMs = Math.round(global.timeoutSeconds * 1000);
	let services: Promise<Services> | undefined;
	const getServices = () => {
		services ??= import('../adapters/command-services.ts').then(module => module.servicesForCommand(context));
		return services;
	};
	const runChecks: typeof import('../checks/run-checks.ts').runChecks = async (...args) =>
		(await import('../checks/run-checks.ts')).runChecks(...args);

	/** Runs a headless command in-process: its exit code and its one JSON document. */
	async function runCommand(name: string, args: string[]): Promise<{code: number; json: unknown}> {
		const {commands} = await import('./registry.ts');
		const entry = commands.find(candidate => candidate.name === name);
		if (!entry) throw new Error(`no ${name} command in this build`);
		const captured = capturingIo(io);
		const code = await (await entry.load()).run(args, {io: captured, global: {...global, json: true, color: false}});
		return {code, json: JSON.parse(captured.output())};
	}

	return {
		async runCheck(id, facts, signal) {
			const [finding] = await runChecks([id], targetOf(facts), await getServices(), {timeoutMs, signal});
			return finding!;
		},
		async replay(facts, signal) {
			const url = facts['requestUrl'];
			if (!url) {
				// No failing call was given: verify with a fresh token and a read of the subscription.
				const findings = await runChecks(
					['fresh-token', 'token-tenant', 'subscription-tenant'],
					targetOf(facts),
					await getServices(),
					{timeoutMs, signal},
				);
				const failed = findings.filter(finding => finding.status === 'fail' || finding.status === 'error');
				return {
					outcome: failed.length === 0 ? 'ok' : 'still-failing',
					attempts: [],
					detail:
						failed.length === 0
							? 'No failing call was given: a fresh token from the right tenant reads the subscription.'
							: failed.map(finding => `${finding.title}: ${finding.detail}`).join(' '),
				} satisfies ReplayResult;
			}

			const tenant = factValue(facts, 'subscriptionTenant');
			const {json} = (await runCommand('replay', [
				facts['requestMethod'] ?? 'GET',
				url,
				...(tenant ? ['--tenant', tenant] : []),
				...(facts['failedWith'] ? ['--failed-with', facts['failedWith']] : []),
			])) as {
				json: {
					request?: {method: string; url: string};
					attempts?: Array<{
						label: string;
						status: number | null;
						errorCode?: string | null;
						requestId?: string | null;
						correlationId?: string | null;
					}>;
					outcome?: ReplayResult['outcome'];
				};
			};
			return {
				outcome: json.outcome ?? 'still-failing',
				...(json.request ? {request: json.request} : {}),
				attempts: (json.attempts ?? []).map(attempt => ({
					label: attempt.label,
					status: attempt.status ?? 0,
					...(attempt.errorCode ? {errorCode: attempt.errorCode} : {}),
					...(attempt.requestId ? {requestId: attempt.requestId} : {}),
					...(attempt.correlationId ? {correlationId: attempt.correlationId} : {}),
				})),
				detail: `authfix replay ${json.outcome ?? 'failed'}.`,
			};
		},
		async applyFix(action, facts, _signal, _effects) {
			if (action === 'purge-cache') {
				const tenant = factValue(facts, 'tokenTenant');
				const {code, json} = (await runCommand('cache', [
					'purge',
					...(tenant ? ['--tenant', tenant] : []),
					'--yes',
				])) as {
					code: number;
					json: {error?: string; backup?: {name?: string} | null};
				};
				if (code !== exitCodes.ok) return {ok: false, detail: `The purge failed: ${json.error ?? `exit ${code}`}.`};
				if (!json.backup) return {ok: true, detail: 'Nothing to purge: no cached sign-in of that tenant.'};
				const restore = json.backup.name ? `authfix cache restore ${json.backup.name}` : 'authfix cache restore';
				return {ok: true, detail: `Purged, with a backup (\`${restore}\` brings it back).`};
			}

			if (action === 'pin-profile' || action === 'pin-profile-project') {
				const tenantId = factValue(facts, 'subscriptionTenant');
				const subscriptionId = factValue(facts, 'subscriptionId');
				if (!tenantId || !subscriptionId) return {ok: false, detail: 'No tenant and subscription found to pin yet.'};
				const {dataDirectoryOf} = await import('./sessions.ts');
				const where = await pinProfile(dataDirectoryOf(io.env), 'default', {tenantId, subscriptionId});
				if (action === 'pin-profile-project') {
					const {writeFile} = await import('node:fs/promises');
					await writeFile(
						path.join(io.cwd, '.authfix.json'),
						`${JSON.stringify({profile: 'default', tenantId, subscriptionId}, null, 2)}\n`,
					);
					return {ok: true, detail: `Pinned in ${where} and written to .authfix.json.`};
				}

				return {ok: true, detail: `Pinned as profile "default" in ${where}.`};
			}

			return {ok: false, detail: `authfix cannot run ${action} here: run the commands shown, then press d.`};
		},
		async listOptions(_source, _facts, signal) {
			const services = await getServices();
			return listSubscriptions(services, signal);
		},
		canApply: action => ['purge-cache', 'pin-profile', 'pin-profile-project'].includes(action),
		saveSession: archive ? async session => (await archive).save(session) : undefined,
		now: () => io.now(),
	};
}

type ArmList<T> = {readonly value?: readonly T[]};

/**
The subscriptions this sign-in sees, live from ARM (`GET /subscriptions` and `/tenants` with a
fresh Azure CLI token), each with its tenant; the Azure CLI's profile when ARM cannot be asked.
*/
async function listSubscriptions(
	services: Services,
	signal: AbortSignal,
): Promise<Array<{label: string; facts: Facts}>> {
	const arm = services.cloud.resourceManager.replace(/\/$/, '');
	try {
		const token = await services.credentials.getToken(
			'cli',
			{scope: `${services.cloud.resourceManagerAudience.replace(/\/$/, '')}/.default`},
			{signal},
		);
		const get = async <T>(pathAndQuery: string) => {
			const response = await services.http.send(
				{method: 'GET', url: `${arm}${pathAndQuery}`, headers: {authorization: `Bearer ${token.token.reveal()}`}},
				{signal},
			);
			if (response.status !== 200) throw new Error(`ARM answered ${response.status}`);
			return JSON.parse(response.body) as ArmList<T>;
		};

		const [subscriptions, tenants] = await Promise.all([
			get<{subscriptionId: string; displayName?: string; tenantId?: string; state?: string}>(
				'/subscriptions?api-version=2022-12-01',
			),
			get<{tenantId: string; displayName?: string}>('/tenants?api-version=2022-12-01').catch(() => ({value: []})),
		]);
		const tenantName = new Map((tenants.value ?? []).map(tenant => [tenant.tenantId, tenant.displayName]));
		return (subscriptions.value ?? []).map(subscription => ({
			label: `${subscription.displayName ?? subscription.subscriptionId} (${subscription.subscriptionId}) · tenant ${
				tenantName.get(subscription.tenantId ?? '') ?? subscription.tenantId ?? '?'
			}${subscription.state && subscription.state !== 'Enabled' ? ` · ${subscription.state}` : ''}`,
			facts: {subscriptionId: subscription.subscriptionId, subscriptionTenant: subscription.tenantId ?? ''},
		}));
	} catch (error) {
		const profile = await services.azureCliFiles.readProfile().catch(() => undefined);
		if (!profile || profile.length === 0) throw error;
		return profile.map(subscription => ({
			label: `${subscription.name} (${subscription.id}) · tenant ${subscription.tenantId} (from the Azure CLI profile)`,
			facts: {subscriptionId: subscription.id, subscriptionTenant: subscription.tenantId},
		}));
	}
}

export type TuiOptions = {
	/** Demo: the scenarios menu and how to open one (the sandbox lives in demo.ts). */
	readonly demo?: {
		readonly scenarios: ReadonlyArray<{readonly id: string; readonly label: string}>;
		readonly initialScenario?: string;
		readonly open: (scenario: string, sessionId: string, archive: Promise<SessionArchive>) => Promise<SessionStore>;
		readonly stop: () => Promise<void>;
	};
};

/**
The entry of the bare `authfix` (the composition root calls it when no command is given) and of
`authfix demo`. Returns the exit code: 0 when the walk ended fixed or healthy or the user quit,
also 0 for the plain guidance.
*/
export async function runTui(context: CommandContext, options: TuiOptions = {}): Promise<number> {
	const {io, global} = context;
	if (!io.stdoutIsTty || !io.stdinIsTty) {
		io.stdout.write(options.demo ? demoGuidance(options.demo.scenarios) : plainGuidance());
		return exitCodes.ok;
	}

	// Ink and React take a few hundred milliseconds to load on a busy machine: say something at once,
	// then give the line back to the app (cursor up, erase line) when it draws.
	io.stdout.write(options.demo ? 'authfix demo · loading…\n' : 'authfix · loading…\n');
	const [{renderTui}, {createSessionStore}] = await Promise.all([
		import('../ui/render-app.tsx'),
		import('../engine/driver.ts'),
	]);
	io.stdout.write('\u001B[1A\u001B[2K');
	const archive = import('./sessions.ts').then(module => module.openSessionArchive(module.dataDirectoryOf(io.env)));
	// A data folder that cannot be opened must not end the walk (an unhandled rejection would):
	// sessions are then not saved, and the end of the run says so.
	archive.catch(() => {});
	const reports = import('../report/session-report.ts');
	let explain: ExplainModule | undefined;
	const live = createLiveServices(context, archive);
	let finished: Session | undefined;
	const openSession = async (request: {entry: EntryId; scenario?: string; text?: string}) => {
		const id = newSessionId(io.now());
		if (request.scenario && options.demo) return options.demo.open(request.scenario, id, archive);
		const text = request.text ?? '';
		const timeoutMs = global.timeoutSeconds * 1000;
		if (request.entry === 'decode') {
			return createSessionStore(
				{id, entry: 'decode', facts: await decodeSummary(text)},
				{tree, services: live, timeoutMs},
			);
		}

		const pasted = request.entry === 'paste' ? await classifyPaste(text) : {facts: {}};
		// The pair onboarding pinned (.authfix.json, else the active profile): facts the walk starts from.
		const pinned =
			request.entry === 'onboarding'
				? {}
				: await import('../adapters/profiles.ts').then(module => module.pinnedProfileFacts({cwd: io.cwd, env: io.env}));
		return createSessionStore(
			{
				id,
				entry: request.entry,
				// What the error says wins over the pinned profile.
				facts: {...pinned, ...pasted.facts},
				...(pasted.family ? {family: pasted.family} : {}),
				...(request.entry === 'paste'
					? {
							paste: {
								text: (await safePasteOf(text)).slice(0, 4000),
								family: pasted.family,
								title: pasted.title,
								explanation: pasted.explanation,
								fixes: pasted.fixes,
							},
						}
					: {}),
			},
			{tree, services: live, timeoutMs},
		);
	};

	const instance = renderTui({
		tree,
		color: global.color,
		...(options.demo
			? {
					scenarios: options.demo.scenarios,
					...(options.demo.initialScenario
						? {initial: {entry: 'paste' as const, scenario: options.demo.initialScenario}}
						: {}),
				}
			: {}),
		openSession,
		preview: text => {
			if (!explain) return undefined;
			const found = classifyWith(explain, text);
			return found.family ? `recognised: ${found.family} (${found.verdict})` : undefined;
		},
		listSessions: async () => {
			const {summarizeSession} = await reports;
			return (await archive).list().map(summarizeSession);
		},
		showSession: async sessionId => {
			const session = (await archive).get(sessionId);
			return session ? (await reports).sessionToMarkdown(session, tree) : 'That session is gone.';
		},
		onExit: session => {
			finished = session;
		},
	});
	// Loaded after the first frame: the classifier recognises an error while it is pasted.
	void import('../explain/explain.ts').then(module => {
		explain = module;
	});
	try {
		await instance.waitUntilExit();
	} finally {
		await options.demo?.stop();
	}

	const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
	let opened: SessionArchive;
	try {
		opened = await archive;
	} catch (error) {
		io.stderr.write(`authfix: sessions cannot be saved: ${message(error)}\n`);
		return exitCodes.ok;
	}

	if (opened.quarantined)
		io.stderr.write(`authfix: the saved sessions were not valid JSON; they were kept as ${opened.quarantined}\n`);
	if (finished) {
		try {
			opened.save(finished);
		} catch (error) {
			io.stderr.write(`authfix: session ${finished.id} could not be saved: ${message(error)}\n`);
			return exitCodes.ok;
		}

		const {summarizeSession} = await reports;
		io.stdout.write(
			`Session ${finished.id} saved (${summarizeSession(finished).outcome}). Report: authfix sessions export ${finished.id} --format md\n`,
		);
	}

	return exitCodes.ok;
}

function demoGuidance(scenarios: ReadonlyArray<{readonly id: string; readonly label: string}>): string {
	return [
		'authfix demo: run it in a terminal; it starts a local sandbox cloud with a real failure and walks',
		'you to its verified fix (Enter alone is enough). Scenarios:',
		...scenarios.map(scenario => `  ${scenario.id.padEnd(22)}${scenario.label}`),
		'',
		'  authfix demo tenant-mismatch',
		'',
	].join('\n');
}

export const command: Command = {
	name: 'tui',
	summary: 'the interactive troubleshooter (also: authfix with no command)',
	usage: `Usage
  authfix            the interactive troubleshooter (plain guidance when not in a terminal)

Keys: arrows move, Enter takes the recommended action, Esc goes back, ? help, q quits.
Every session is saved, redacted: authfix sessions list.
`,
	run: async (args, context) => {
		if (args.length > 0) {
			const {UsageError} = await import('../terminal/io.ts');
			throw new UsageError(`authfix takes no argument here, not '${args[0]}'`);
		}

		return runTui(context);
	},
};
