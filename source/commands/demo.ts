/**
`authfix demo [scenario]`: starts the sandbox cloud in this process with a scenario that reproduces a
real failure, then runs the troubleshooter against it. The checks are the real live checks, talking
to the sandbox as to any cloud; fixes are the sandbox's explicit, logged operations; the replay is
the scenario's failing call, before and after. Enter alone walks a scenario to its verified fix.
*/
import tls from 'node:tls';
import type {CredentialKind} from '../adapters/ports.ts';
import type {EngineServices, SessionStore} from '../engine/driver.ts';
import type {Facts, ReplayResult} from '../engine/session.ts';
import {exitCodes} from '../exit-codes.ts';
import type {Sandbox} from '../sandbox/index.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import {type Command, type CommandContext, UsageError} from '../terminal/io.ts';
import {tree} from '../tree/index.ts';
import type {SessionArchive} from './sessions.ts';
import {classifyPaste, runTui} from './tui.ts';

type SandboxModule = typeof import('../sandbox/index.ts');
type ReplayModule = typeof import('../sandbox/replay.ts');
type ReplayDefinition = Sandbox['scenario']['replay'];

/** Trust the sandbox's CA in this process (the TLS clients of fetch, @azure/identity and the checks). */
function trustSandbox(sandbox: Sandbox) {
	tls.setDefaultCACertificates([...tls.getCACertificates('default'), sandbox.caPem]);
}

/**
@azure/identity's EnvironmentCredential, ManagedIdentityCredential and AzureCliCredential read
`process.env` themselves, whatever env the adapters are given. The demo process belongs to the
demo, so it sets the scenario client's variables there too (never the user's real ones: the demo
only ever runs against the sandbox). Remove once the credentials adapter builds credentials from
the injected env alone.
*/
function exportToProcess(env: Readonly<Record<string, string | undefined>>) {
	const target = globalThis.process.env;
	for (const [name, value] of Object.entries(env)) {
		if (name === 'PATH' || name === 'HOME') continue;
		if (value === undefined) delete target[name];
		else target[name] = value;
	}
}

/** The environment a client of the scenario's identity would have. */
function clientEnvironment(
	sandbox: Sandbox,
	definition: ReplayDefinition,
	base: CommandContext['io']['env'],
): {env: Record<string, string | undefined>; credential: CredentialKind} {
	const identity = sandbox.identities.find(candidate => candidate.name === definition.identity);
	const common = {PATH: base.PATH, HOME: base.HOME, ...sandbox.env};
	if (identity?.kind === 'managed-identity') {
		return {
			env: {...common, ...sandbox.managedIdentityEnv, AZURE_CLIENT_ID: identity.clientId},
			credential: 'managed-identity',
		};
	}

	if (identity?.kind === 'user') {
		const client = sandbox.identities.find(candidate => candidate.name === definition.clientApp);
		return {
			env: {
				...common,
				AZURE_TENANT_ID: definition.tenantId,
				AZURE_CLIENT_ID: client?.clientId,
				AZURE_USERNAME: identity.userPrincipalName,
				AZURE_PASSWORD: identity.password,
			},
			credential: 'env',
		};
	}

	return {
		env: {
			...common,
			AZURE_TENANT_ID: definition.tenantId,
			AZURE_CLIENT_ID: identity?.clientId,
			AZURE_CLIENT_SECRET: identity?.secret,
		},
		credential: 'env',
	};
}

/** Engine services over a running sandbox: real checks, the sandbox's fix operations, the scenario's replay. */
export function createDemoServices(
	sandbox: Sandbox,
	replayModule: ReplayModule,
	before: Awaited<ReturnType<ReplayModule['replay']>>,
	context: CommandContext,
	archive: Promise<SessionArchive> | undefined,
): EngineServices {
	const {io, global} = context;
	const timeoutMs = Math.round(global.timeoutSeconds * 1000);
	let definition = sandbox.scenario.replay;
	let fixed = false;
	const subscriptionId = /\/subscriptions\/([^/?]+)/i.exec(definition.path)?.[1];
	return {
		async runCheck(id, _facts, signal) {
			const client = clientEnvironment(sandbox, definition, io.env);
			exportToProcess(client.env);
			const [{createServices}, {runChecks}] = await Promise.all([
				import('../adapters/create-services.ts'),
				import('../checks/run-checks.ts'),
			]);
			const services = createServices({
				env: client.env,
				cloud: sandbox.cloud,
				fetch: globalThis.fetch,
				clock: {now: () => io.now()},
				timeoutMs,
			});
			const [finding] = await runChecks(
				[id],
				{
					credential: client.credential,
					auxTenants: definition.auxiliaryTenants ?? [],
					resource: definition.resource,
					url: sandbox.urls.arm + definition.path,
					...(subscriptionId ? {subscriptionId} : {}),
				},
				services,
				{timeoutMs, signal},
			);
			return finding!;
		},
		async replay() {
			const after = await replayModule.replay(sandbox, definition);
			const attempt = (label: string, outcome: typeof after) => ({
				label,
				status: outcome.status,
				...(outcome.error ? {errorCode: outcome.error} : {}),
			});
			const failedBefore = before.status >= 400 || before.error !== '';
			const outcome: ReplayResult['outcome'] =
				after.status < 400
					? failedBefore
						? 'fixed'
						: 'ok'
					: after.status === 403 && failedBefore
						? 'now-forbidden'
						: 'still-failing';
			return {
				outcome,
				request: {method: definition.method, url: sandbox.urls.arm + definition.path},
				attempts: [attempt('before', before), attempt('after', after)],
				detail:
					after.status < 400
						? `${definition.method} ${definition.path.split('?')[0]} now returns ${after.status}.`
						: `${after.error}: ${after.message.split('\n')[0]?.slice(0, 200)}`,
			};
		},
		async applyFix(action) {
			if (!fixed) {
				const logs = sandbox.scenario.fix.operations.map(operation => sandbox.applyFix(operation));
				definition = replayModule.fixedReplay(sandbox);
				fixed = true;
				return {
					ok: true,
					detail: `Sandbox (${action}): ${sandbox.scenario.fix.summary}${logs.length > 0 ? `; ${logs.join('; ')}` : ''}.`,
				};
			}

			return {ok: true, detail: `Sandbox (${action}): already applied.`};
		},
		async listOptions() {
			return sandbox.subscriptions.map(subscription => ({
				label: `${subscription.displayName} (${subscription.subscriptionId}) · tenant ${subscription.tenantId}`,
				facts: {subscriptionId: subscription.subscriptionId, subscriptionTenant: subscription.tenantId},
			}));
		},
		// In demo mode every fix is a sandbox operation authfix can carry out after confirmation.
		canApply: () => true,
		saveSession: archive ? async session => (await archive).save(session) : undefined,
		now: () => io.now(),
	};
}

/** Facts the failing call reveals before any check: the pasted-error entities plus the request itself. */
function factsOf(sandbox: Sandbox, definition: ReplayDefinition, classified: Facts): Facts {
	const identity = sandbox.identities.find(candidate => candidate.name === definition.identity);
	const subscriptionId = /\/subscriptions\/([^/?]+)/i.exec(definition.path)?.[1];
	return {
		...classified,
		...(subscriptionId ? {subscriptionId} : {}),
		...(identity?.clientId ? {clientId: identity.clientId} : {}),
		tokenTenant: classified['tokenTenant'] ?? definition.tenantId,
		...(definition.auxiliaryTenants?.[0] ? {auxTenant: definition.auxiliaryTenants[0]} : {}),
		requestUrl: sandbox.urls.arm + definition.path,
		requestMethod: definition.method,
	};
}

/**
Starts the sandbox with a scenario, reproduces its failing call, recognises the error and opens a
session at the family's node. The caller stops the sandbox.
*/
export async function openDemoSession(options: {
	readonly scenario: string;
	readonly sessionId: string;
	readonly archive: Promise<SessionArchive> | undefined;
	readonly context: CommandContext;
	readonly sandboxModule?: SandboxModule;
	/** The sandbox's state folder (keys and certificates); default: authfix's sandbox state folder. */
	readonly stateDirectory?: string;
}): Promise<{sandbox: Sandbox; store: SessionStore}> {
	const {scenario, sessionId, archive, context} = options;
	const sandboxModule = options.sandboxModule ?? (await import('../sandbox/index.ts'));
	const [replayModule, {createSessionStore}] = await Promise.all([
		import('../sandbox/replay.ts'),
		import('../engine/driver.ts'),
	]);
	const sandbox = await sandboxModule.startSandbox({
		scenario,
		stateDirectory: options.stateDirectory ?? sandboxModule.defaultStateDirectory(context.io.env),
		environment: context.io.env,
	});
	try {
		trustSandbox(sandbox);
		const definition = sandbox.scenario.replay;
		const before = await replayModule.replay(sandbox, definition);
		const failed = before.error !== '' || before.status >= 400;
		const text = failed ? `${before.error}: ${before.message}` : '';
		const classified = failed ? await classifyPaste(text) : {facts: {}};
		const services = createDemoServices(sandbox, replayModule, before, context, archive);
		const store = createSessionStore(
			{
				id: sessionId,
				entry: failed ? 'paste' : 'health',
				scenario,
				facts: factsOf(sandbox, definition, classified.facts),
				...(classified.family ? {family: classified.family} : {}),
				...(failed
					? {
							paste: {
								text,
								family: classified.family,
								title: classified.title,
								explanation: classified.explanation,
								fixes: classified.fixes,
							},
						}
					: {}),
			},
			{tree, services, timeoutMs: context.global.timeoutSeconds * 1000},
		);
		return {sandbox, store};
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
}

const usage = `Usage
  authfix demo [scenario]

Starts a local sandbox cloud (loopback only) that reproduces a real failure, and walks you to its
verified fix. Enter alone takes the recommended action at every step. Without a scenario, a menu.
Scenarios: healthy, tenant-mismatch, wrong-audience, expired-token, aux-token, fic-cross-tenant,
token-endpoint-error, stale-cache, no-rbac.

Examples
  authfix demo
  authfix demo tenant-mismatch
`;

export const command: Command = {
	name: 'demo',
	summary: 'the troubleshooter against the local sandbox: a reproduced failure to fix',
	usage,
	async run(args, context) {
		const {positionals} = parseCommandArgs(args, {}, 'demo');
		if (positionals.length > 1) throw new UsageError(`demo takes one scenario, not '${positionals.join(' ')}'`);
		// Start loading Ink while the scenarios load; the sandbox itself loads when one is opened.
		if (context.io.stdoutIsTty && context.io.stdinIsTty) void import('../ui/render-app.tsx');
		// The menu needs only the scenario definitions.
		const scenarioModule = await import('../sandbox/scenarios/index.ts');
		const scenarios = scenarioModule.scenarios.map(scenario => ({id: scenario.name, label: scenario.description}));
		const initialScenario = positionals[0];
		if (initialScenario !== undefined && !scenarioModule.findScenario(initialScenario)) {
			throw new UsageError(
				`unknown scenario '${initialScenario}'. Scenarios: ${scenarios.map(scenario => scenario.id).join(', ')}`,
			);
		}

		let running: Sandbox | undefined;
		let closed = false;
		const stopRunning = async () => {
			const current = running;
			running = undefined;
			await current?.stop();
		};

		const open = async (
			scenario: string,
			sessionId: string,
			archive: Promise<SessionArchive>,
		): Promise<SessionStore> => {
			await stopRunning();
			const opened = await openDemoSession({scenario, sessionId, archive, context});
			if (closed) {
				// The user quit while the sandbox was starting: nothing may keep the process alive.
				opened.store.dispose();
				await opened.sandbox.stop();
				throw new Error('quit while starting');
			}

			running = opened.sandbox;
			return opened.store;
		};

		const close = async () => {
			closed = true;
			await stopRunning();
		};

		const code = await runTui(context, {
			demo: {scenarios, ...(initialScenario ? {initialScenario} : {}), open, stop: close},
		});
		await close();
		return code ?? exitCodes.ok;
	},
};
