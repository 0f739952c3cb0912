/**
`authfix` with no command: the interactive troubleshooter over the user's own machine and cloud
(services/live.ts), and the front end `authfix demo` shares. Not a TTY → plain guidance, never
waiting for keys. Only what the first frame needs loads before it; the services load on first use.
*/
import {randomBytes} from 'node:crypto';
import type {SessionStore} from '../engine/driver.ts';
import type {ReplayResult} from '../engine/session.ts';
import {exitCodes} from '../exit-codes.ts';
import type {SessionArchive} from '../services/sessions.ts';
import type {CommandContext} from '../terminal/context.ts';
import type {Facts} from '../tree/facts.ts';
import type {OpenRequest} from '../ui/app.tsx';
import {UsageError} from '../usage-error.ts';
import type {Command} from './command.ts';

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
		'  authfix run -- <command>     run a command; diagnose it when it fails',
		'  authfix decode -             decode a token from stdin (claims only)',
		'  authfix sessions list        saved troubleshooting sessions',
		'',
		'In a terminal, `authfix` walks you from the error to a verified fix; `authfix demo` does it on',
		'a local sandbox cloud.',
		'',
	].join('\n');
}

/** The demo's part: its scenario menu, how a scenario's session opens, and how the sandbox stops. */
export type DemoFrontEnd = {
	readonly scenarios: ReadonlyArray<{readonly id: string; readonly label: string}>;
	readonly initialScenario?: string;
	readonly open: (scenario: string, sessionId: string, archive: Promise<SessionArchive>) => Promise<SessionStore>;
	readonly stop: () => Promise<void>;
	/** What a non-terminal gets instead. */
	readonly guidance: string;
};

/**
Where a live walk starts when its owner already has the error (`authfix run`): the text it opens
with as a paste, the facts known beside it, and how the walk verifies a fix instead of replaying
the call.
*/
export type LiveStart = {
	readonly text: string;
	readonly facts: Facts;
	readonly verify?: (facts: Facts, signal: AbortSignal) => Promise<ReplayResult>;
};

/**
The troubleshooter front end: renders the app, opens sessions (live, or the demo's), saves the one
that ran and says where. Returns the exit code: 0 when the walk ended or the user quit, also 0 for
the plain guidance.
*/
export async function runTroubleshooter(
	context: CommandContext,
	demo?: DemoFrontEnd,
	start?: LiveStart,
): Promise<number> {
	const {io, global} = context;
	if (!io.stdoutIsTty || !io.stdinIsTty) {
		io.stdout.write(demo ? demo.guidance : plainGuidance());
		return exitCodes.ok;
	}

	const services = import('../services/troubleshooter.ts');
	const archive = import('../services/sessions.ts').then(module => module.openSessionsOf(io.env));
	// A data folder that cannot be opened must not end the walk (an unhandled rejection would):
	// sessions are then not saved, and the end of the run says so.
	archive.catch(() => {});
	const live = demo ? undefined : liveSessions(context, archive, start?.verify);
	const newId = () => services.then(module => module.newSessionId(io.now(), randomBytes(3).toString('hex')));
	let explain: typeof import('../explain/explain.ts') | undefined;
	let classify: typeof import('../services/paste.ts') | undefined;
	const [{runTui}, {tree}] = await Promise.all([import('../ui/run-tui.ts'), import('../tree/index.ts')]);
	const browser = {
		listSessions: async () => (await services).sessionBrowser(archive).listSessions(),
		showSession: async (id: string) => (await services).sessionBrowser(archive).showSession(id),
	};
	// Loaded after the first frame: the classifier recognises an error while it is pasted.
	void Promise.all([import('../explain/explain.ts'), import('../services/paste.ts')]).then(([module, paste]) => {
		explain = module;
		classify = paste;
	});
	let session: Awaited<ReturnType<typeof runTui>>;
	try {
		session = await runTui(io, {
			loadingLine: demo ? 'authfix demo · loading…' : 'authfix · loading…',
			tree,
			color: global.color,
			...(demo
				? {
						scenarios: demo.scenarios,
						...(demo.initialScenario ? {initial: {entry: 'paste' as const, scenario: demo.initialScenario}} : {}),
					}
				: start
					? {initial: {entry: 'paste' as const, text: start.text, facts: start.facts}}
					: {}),
			openSession: async (request: OpenRequest) =>
				request.scenario && demo ? demo.open(request.scenario, await newId(), archive) : live!(request, await newId()),
			preview: text => {
				if (!explain || !classify) return undefined;
				const found = classify.classifyWith(explain, text);
				return found.family ? `recognised: ${found.family} (${found.verdict})` : undefined;
			},
			...browser,
		});
	} finally {
		await demo?.stop();
	}

	const {notes, saved} = await (await services).saveFinishedSession(archive, session);
	for (const note of notes) io.stderr.write(`authfix: ${note}\n`);
	if (saved) io.stdout.write(`${saved}\n`);
	return exitCodes.ok;
}

/** Opens live sessions: the live world's engine services, built once, over services built on first use. */
function liveSessions(context: CommandContext, archive: Promise<SessionArchive>, verify?: LiveStart['verify']) {
	const timeoutMs = Math.round(context.global.timeoutSeconds * 1000);
	const ready = (async () => {
		const [{createLiveWorld}, troubleshooter, {createProfiles}] = await Promise.all([
			import('../services/live.ts'),
			import('../services/troubleshooter.ts'),
			import('../services/profiles.ts'),
		]);
		const profiles = createProfiles({cwd: context.io.cwd, env: context.io.env});
		let services: ReturnType<typeof import('../services/command-services.ts').servicesForCommand> | undefined;
		const world = createLiveWorld(context, {
			services: () => {
				services ??= import('../services/command-services.ts').then(module => module.servicesForCommand(context));
				return services;
			},
			profiles,
			...(verify ? {verify} : {}),
		});
		const engine = troubleshooter.createEngineServices(world, {timeoutMs, archive, now: () => context.io.now()});
		return {troubleshooter, engine, profiles};
	})();
	return async (request: OpenRequest, id: string) => {
		const {troubleshooter, engine, profiles} = await ready;
		return troubleshooter.openLiveSession(request, {id, engine, profiles, timeoutMs});
	};
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
		if (args.length > 0) throw new UsageError(`authfix takes no argument here, not '${args[0]}'`);
		return runTroubleshooter(context);
	},
};
