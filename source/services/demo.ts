/**
The demo's world: the sandbox cloud started with a scenario that reproduces a real failure, and a
demo client (who it is, what it asks for) whose failing call is the scenario's. The checks are the
real live checks, talking to the sandbox as to any cloud; fixes are the tree's effects, carried out
on the client and as the sandbox's explicit, logged operations; the replay is the client's call,
before and after. `authfix demo` and the tests open sessions here.
*/
import path from 'node:path';
import {createServices, tokenCachesOf} from '../adapters/create-services.ts';
import {writePrivateFile} from '../adapters/local-files.ts';
import type {SessionStore} from '../engine/driver.ts';
import {effectNeeded} from '../engine/effects.ts';
import {factValue} from '../engine/fill.ts';
import type {FixResult, ReplayResult} from '../engine/session.ts';
import type {CredentialKind} from '../ports/services.ts';
import {excerptOf} from '../safety/redact.ts';
import type {FixOperation, Sandbox} from '../sandbox/index.ts';
import type {TenantId} from '../target/ids.ts';
import {type RequestUrl, type ResourceUri, subscriptionIdInPath} from '../target/resource.ts';
import type {Target} from '../target/target.ts';
import type {CommandContext} from '../terminal/context.ts';
import type {Facts} from '../tree/facts.ts';
import {tree} from '../tree/index.ts';
import type {FixEffect, NodeId} from '../tree/types.ts';
import {backupsToKeep, createCacheService} from './cache.ts';
import {classifyPaste} from './paste.ts';
import type {SessionArchive} from './sessions.ts';
import {createEngineServices, refusalOf, type TroubleshooterWorld} from './troubleshooter.ts';

type SandboxModule = typeof import('../sandbox/index.ts');
type ReplayModule = typeof import('../sandbox/replay.ts');
type ReplayDefinition = Sandbox['scenario']['replay'];

/**
The environment a client of the scenario's identity would have. A managed identity whose token is
exchanged for an app's (a federated credential) is a workload identity client: its assertion in
AZURE_FEDERATED_TOKEN_FILE, the app and the tenant it asks in AZURE_CLIENT_ID and AZURE_TENANT_ID.
A GitHub Actions job has its token request variables and azure/login's inputs as AZURE_*; an Azure
Pipelines job its service connection (as AzureCLI@2 with addSpnToEnvironment sets it); a pod the
webhook's variables and its projected token; Terraform its ARM_* (beside whatever AZURE_* the job sets).
*/
function clientEnvironment(
	sandbox: Sandbox,
	definition: ReplayDefinition,
	base: CommandContext['io']['env'],
	assertionFile?: string,
): {env: Record<string, string | undefined>; credential: CredentialKind} {
	const identity = sandbox.identities.find(candidate => candidate.name === definition.identity);
	const common = {PATH: base.PATH, HOME: base.HOME, ...sandbox.env};
	const workload = sandbox.workloads.find(candidate => candidate.name === definition.identity);
	const subscriptionId = subscriptionIdInPath(definition.path);
	if (workload) {
		const app = sandbox.identities.find(candidate => candidate.name === definition.exchangeFor)?.clientId;
		if (workload.kind === 'azure-pipelines') {
			return {
				env: {
					...common,
					...workload.env,
					servicePrincipalId: app,
					tenantId: definition.tenantId,
					AZURESUBSCRIPTION_CLIENT_ID: app,
					AZURESUBSCRIPTION_TENANT_ID: definition.tenantId,
					...(subscriptionId ? {AZURE_SUBSCRIPTION_ID: subscriptionId} : {}),
				},
				credential: 'cli',
			};
		}

		return {
			env: {
				...common,
				...workload.env,
				AZURE_CLIENT_ID: app,
				AZURE_TENANT_ID: definition.tenantId,
				...(subscriptionId ? {AZURE_SUBSCRIPTION_ID: subscriptionId} : {}),
				...(workload.kind === 'kubernetes' && assertionFile ? {AZURE_FEDERATED_TOKEN_FILE: assertionFile} : {}),
			},
			credential: workload.kind === 'kubernetes' ? 'workload-identity' : 'cli',
		};
	}

	if (definition.client?.tool === 'terraform') {
		return {
			env: {
				...common,
				ARM_CLIENT_ID: identity?.clientId,
				ARM_CLIENT_SECRET: identity?.secret,
				ARM_TENANT_ID: definition.tenantId,
				...(subscriptionId ? {ARM_SUBSCRIPTION_ID: subscriptionId} : {}),
				// The scripts of the same job sign in with the same app through the AZURE_* family.
				AZURE_CLIENT_ID: identity?.clientId,
				AZURE_CLIENT_SECRET: identity?.secret,
				...definition.client.env,
			},
			credential: 'env',
		};
	}
	if (identity?.kind === 'managed-identity' && definition.exchangeFor && assertionFile) {
		const app = sandbox.identities.find(candidate => candidate.name === definition.exchangeFor);
		return {
			env: {
				...common,
				AZURE_TENANT_ID: definition.tenantId,
				AZURE_CLIENT_ID: app?.clientId,
				AZURE_FEDERATED_TOKEN_FILE: assertionFile,
			},
			credential: 'workload-identity',
		};
	}

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

type ReplayOutcome = Awaited<ReturnType<ReplayModule['replay']>>;
type SandboxEffect = Extract<FixEffect, {kind: 'sandbox'}>;

/** A `{placeholder}` template filled from the facts; undefined when a fact it needs is unknown. */
function filled(template: string, facts: Facts): string | undefined {
	let missing = false;
	const value = template.replaceAll(/\{([a-zA-Z]+)\}/g, (_match, name: string) => {
		const fact = factValue(facts, name);
		if (fact === undefined) missing = true;
		return fact ?? '';
	});
	return missing ? undefined : value;
}

/**
The sandbox operation a `sandbox` effect stands for, its fields filled from the facts. Throws with
the reason when a fact it needs is unknown.
*/
function operationFor(effect: SandboxEffect, facts: Facts): FixOperation {
	const params: Record<string, string> = {};
	for (const [name, template] of Object.entries(effect.params)) {
		const value = filled(template, facts);
		if (value === undefined || value === '')
			throw new Error(`${effect.operation} needs ${template}, which is not known yet`);
		params[name] = value;
	}

	const param = (name: string) => params[name] ?? '';
	switch (effect.operation) {
		case 'assign-role':
			return {op: 'assign-role', principalId: param('principalId'), role: param('role'), scope: param('scope')};
		case 'activate-eligible-role':
			return {
				op: 'activate-eligible-role',
				principalId: param('principalId'),
				role: param('role'),
				scope: param('scope'),
			};
		case 'exclude-from-deny-assignment':
			return {
				op: 'exclude-from-deny-assignment',
				denyAssignmentId: param('denyAssignmentId'),
				principalId: param('principalId'),
			};
		case 'grant-admin-consent':
			return {op: 'grant-admin-consent', clientAppId: param('clientAppId'), tenantId: param('tenantId')};
		case 'add-federated-credential':
			return {
				op: 'add-federated-credential',
				app: param('app'),
				credential: {
					name: param('name'),
					issuer: param('issuer'),
					subject: param('subject'),
					audiences: [param('audience')],
				},
			};
		case 'clear-clock-offset':
			return {op: 'clear-clock-offset', tenantId: param('tenantId')};
		case 'reset-user-password':
			return {op: 'reset-user-password', userPrincipalName: param('userPrincipalName')};
		default:
			throw new Error(`${effect.operation} is not an operation authfix carries out here`);
	}
}

/**
The demo client: who it is and what it asks for (the scenario's failing call). Client-side effects
change it; sandbox effects change the cloud; the replay plays whatever the client now does.
*/
export type DemoClient = {definition: ReplayDefinition; purged: string[]};

const pendingValue = '(known once the step before is done)';

/**
Carries out a fix's effects in order, against the demo client and the sandbox. First every effect
is checked against the facts (an operation's `yields` counts as known for the ones after it): when
one cannot be carried out, nothing is done and the reason is given. Effects whose `unless` holds are
skipped (already done).
*/
export async function carryOut(
	effects: readonly FixEffect[],
	facts: Facts,
	client: DemoClient,
	sandbox: Sandbox,
	purge: (tenant: string) => Promise<string>,
): Promise<FixResult> {
	const done: string[] = [];
	const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
	const needed = effects.filter(effect => effectNeeded(effect, facts));
	const skipped = effects.length - needed.length;

	/** What one effect does, resolved from the facts; `run` changes things, resolving does not. */
	const resolve = (effect: FixEffect, known: Facts, dry: boolean): (() => Promise<string>) => {
		const tenantOf = (template: string) => {
			const tenant = filled(template, known);
			if (!tenant || !guid.test(tenant)) throw new Error(`the tenant (${template}) is not known yet`);
			return tenant.toLowerCase();
		};

		switch (effect.kind) {
			case 'sign-in': {
				const tenant = tenantOf(effect.tenant);
				return async () => {
					client.definition = {...client.definition, tenantId: tenant};
					return `the client now signs in to tenant ${tenant}`;
				};
			}

			case 'request-audience': {
				const audience = filled(effect.audience, known);
				if (!audience) throw new Error(`the audience (${effect.audience}) is not known yet`);
				return async () => {
					client.definition = {...client.definition, resource: audience};
					return `the client now asks for tokens for ${audience}`;
				};
			}

			case 'purge-cache': {
				const tenant = tenantOf(effect.tenant);
				return async () => {
					const result = await purge(tenant);
					client.purged.push(tenant);
					return result;
				};
			}

			case 'aux-token': {
				const tenant = tenantOf(effect.tenant);
				return async () => {
					const current = client.definition.auxiliaryTenants ?? [];
					client.definition = {
						...client.definition,
						auxiliaryTenants: current.includes(tenant) ? current : [...current, tenant],
					};
					return `the client sends a fresh token from tenant ${tenant} in x-ms-authorization-auxiliary`;
				};
			}

			case 'fresh-token':
				return async () => {
					// A token the client held (issued before a change) is dropped: the next call asks anew.
					const {heldToken, ...rest} = client.definition;
					client.definition = rest;
					return heldToken
						? `the client drops the token it held (issued ${heldToken.issuedSecondsAgo} s before the demo began) and asks for a fresh one`
						: 'the client asks for a fresh token on every call';
				};
			case 'exchange-via-home-app': {
				const appId = filled(effect.app, known);
				if (!appId) throw new Error(`the multi-tenant app of the identity's home tenant (${effect.app}) is not known`);
				const app = sandbox.identities.find(
					identity => identity.kind === 'service-principal' && identity.clientId?.toLowerCase() === appId.toLowerCase(),
				);
				if (!app) throw new Error(`app ${appId} is not registered in this sandbox`);
				return async () => {
					client.definition = {...client.definition, exchangeFor: app.name};
					return `the client exchanges its assertion for app ${appId}'s token (${app.name})`;
				};
			}

			case 'sandbox': {
				const operation = operationFor(effect, known);
				if (dry) return async () => '';
				return async () => {
					const result = `sandbox ${operation.op}: ${sandbox.applyFix(operation)}`;
					if (effect.yields && operation.op === 'grant-admin-consent') {
						const principal = sandbox
							.state()
							.servicePrincipals.find(
								candidate =>
									candidate.appId === operation.clientAppId.toLowerCase() &&
									candidate.tenantId === operation.tenantId.toLowerCase(),
							);
						if (!principal) throw new Error(`no service principal of ${operation.clientAppId} after the consent`);
						working[effect.yields] = principal.objectId;
					}

					return result;
				};
			}
		}
	};

	// Dry run: every effect resolvable from the facts (and what earlier ones yield)?
	try {
		const known: Record<string, string> = {...facts};
		for (const effect of needed) {
			resolve(effect, known, true);
			if (effect.kind === 'sandbox' && effect.yields) known[effect.yields] = pendingValue;
		}
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return {ok: false, detail: `Nothing was changed: ${reason}.`};
	}

	const working: Record<string, string> = {...facts};
	try {
		for (const effect of needed) done.push(await resolve(effect, working, false)());
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return {ok: false, detail: `${done.length > 0 ? `Done: ${done.join('; ')}. ` : ''}Not done: ${reason}.`};
	}

	const already = skipped > 0 ? ` (${skipped} step${skipped === 1 ? '' : 's'} already done, skipped)` : '';
	return {ok: true, detail: done.length > 0 ? `${done.join('; ')}${already}.` : `Nothing to change${already}.`};
}

/**
What a managed identity that federates does first: its token for api://AzureADTokenExchange (from the
sandbox's App Service-style endpoint), kept in a file of the sandbox's state folder (mode 600) for
the client's AZURE_FEDERATED_TOKEN_FILE, as a projected token would be.
*/
async function writeAssertion(
	sandbox: Sandbox,
	replayModule: ReplayModule,
	definition: ReplayDefinition,
	timeoutMs: number,
): Promise<string | undefined> {
	const identity = sandbox.identities.find(candidate => candidate.name === definition.identity);
	const endpoint = sandbox.managedIdentityEnv['IDENTITY_ENDPOINT'];
	if (identity?.kind !== 'managed-identity' || !identity.clientId || !endpoint) return undefined;
	const url = new URL(endpoint);
	url.search = new URLSearchParams({
		'api-version': '2019-08-01',
		resource: 'api://AzureADTokenExchange',
		client_id: identity.clientId,
	}).toString();
	const response = await replayModule.sandboxRequest(url.toString(), {
		ca: sandbox.caPem,
		headers: {'x-identity-header': sandbox.managedIdentityEnv['IDENTITY_HEADER'] ?? ''},
		timeoutMs,
	});
	let token: string | undefined;
	try {
		token = (JSON.parse(response.text) as {access_token?: string}).access_token;
	} catch {
		return undefined;
	}

	if (response.status !== 200 || !token) return undefined;
	const file = path.join(sandbox.stateDirectory, 'client', 'federated-token');
	await writePrivateFile(file, token);
	return file;
}

/** What the kubelet does for a pod with workload identity: its projected token in a file (mode 600) of the sandbox's state folder. */
async function writeProjectedToken(sandbox: Sandbox, pod: string): Promise<string> {
	const file = path.join(sandbox.stateDirectory, 'client', pod, 'azure-identity-token');
	await writePrivateFile(file, await sandbox.projectedToken(pod));
	return file;
}

/** Engine services over a running sandbox: real checks, the fix's own effects, the replay of what the client now does. */
export function createDemoWorld(
	sandbox: Sandbox,
	replayModule: ReplayModule,
	before: ReplayOutcome,
	context: CommandContext,
): TroubleshooterWorld & {readonly client: DemoClient} {
	const {io, global} = context;
	const timeoutMs = Math.round(global.timeoutSeconds * 1000);
	const client: DemoClient = {definition: sandbox.scenario.replay, purged: []};
	const purge = async (tenant: string) => {
		// The sandbox's own Azure CLI folder; the backup stays beside it (never the user's caches).
		const home = path.join(sandbox.stateDirectory, 'home');
		const caches = tokenCachesOf(
			{
				AZURE_CONFIG_DIR: sandbox.env['AZURE_CONFIG_DIR'],
				AUTHFIX_DATA_DIR: path.join(sandbox.stateDirectory, 'authfix-data'),
			},
			home,
			() => io.now(),
		);
		const keep = backupsToKeep(undefined, io.env);
		const result = await createCacheService(caches).purge(tenant as TenantId, {keep});
		return `purged tenant ${tenant}'s entries from the Azure CLI cache${result.backup ? ` (backup ${result.backup.name})` : ' (nothing was cached)'}`;
	};

	return {
		client,
		async checkSetup(facts) {
			// The client's environment is handed to the services; nothing of this process is changed.
			const pod = sandbox.workloads.find(
				workload => workload.name === client.definition.identity && workload.kind === 'kubernetes',
			);
			const assertionFile = pod
				? await writeProjectedToken(sandbox, pod.name)
				: client.definition.exchangeFor
					? await writeAssertion(sandbox, replayModule, client.definition, timeoutMs)
					: undefined;
			const environment = clientEnvironment(sandbox, client.definition, io.env, assertionFile);
			const services = createServices({
				env: environment.env,
				cloud: sandbox.cloud,
				caPem: [sandbox.caPem],
				clock: {now: () => io.now()},
				timeoutMs,
			});
			const subscriptionId = subscriptionIdInPath(client.definition.path);
			const target: Target = {
				credential: environment.credential,
				auxTenants: (client.definition.auxiliaryTenants ?? []).map(tenant => tenant as TenantId),
				...(client.definition.resource ? {resource: client.definition.resource as ResourceUri} : {}),
				url: (sandbox.urls.arm + client.definition.path) as RequestUrl,
				...(subscriptionId ? {subscriptionId, subscriptionSource: 'given' as const} : {}),
				...refusalOf(facts),
			};
			return {services, target};
		},
		async replay() {
			const definition = client.definition;
			const after = await replayModule.replay(sandbox, definition);
			const attempt = (label: string, outcome: ReplayOutcome) => ({
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
					: after.status === 403 && failedBefore && before.status !== 403
						? 'now-forbidden'
						: 'still-failing';
			return {
				outcome,
				request: {method: definition.method, url: sandbox.urls.arm + definition.path},
				attempts: [attempt('before', before), attempt('after', after)],
				detail:
					after.status < 400
						? `${definition.method} ${definition.path.split('?')[0]} now returns ${after.status}.`
						: `Still failing: ${after.error}: ${excerptOf(after.message.split('\n')[0] ?? '', 200)}`,
			};
		},
		async applyFix(action, facts, _signal, effects) {
			if (!effects || effects.length === 0) {
				return {ok: false, detail: `authfix cannot carry out ${action} here: do it as shown, then press d.`};
			}

			return carryOut(effects, facts, client, sandbox, purge);
		},
		async listOptions() {
			return sandbox.subscriptions.map(subscription => ({
				label: `${subscription.displayName} (${subscription.subscriptionId}) · tenant ${subscription.tenantId}`,
				facts: {subscriptionId: subscription.subscriptionId, subscriptionTenant: subscription.tenantId},
			}));
		},
		// A fix runs in demo mode when the tree says what it changes; the rest the user does by hand.
		canApply: (_action, _mode, effects) => (effects?.length ?? 0) > 0,
	};
}

/** Facts the failing call reveals before any check: the pasted-error entities plus the request itself. */
function factsOf(sandbox: Sandbox, definition: ReplayDefinition, classified: Facts): Facts {
	const identity = sandbox.identities.find(candidate => candidate.name === definition.identity);
	const clientApp = sandbox.identities.find(candidate => candidate.name === definition.clientApp);
	// A workload signs in as the app it exchanges its token for.
	const exchanged = sandbox.workloads.some(workload => workload.name === definition.identity)
		? sandbox.identities.find(candidate => candidate.name === definition.exchangeFor)
		: undefined;
	const clientId = exchanged?.clientId ?? (identity?.kind === 'user' ? clientApp?.clientId : identity?.clientId);
	const subscriptionId = subscriptionIdInPath(definition.path);
	const signInKind =
		identity?.kind === 'user' ? 'user' : identity?.kind === 'managed-identity' ? 'managed-identity' : 'app';
	return {
		// The tenant the client asks its token from, unless the error names the one to use.
		tenantId: definition.tenantId,
		...classified,
		signInKind,
		...(identity?.userPrincipalName ? {userPrincipalName: identity.userPrincipalName} : {}),
		...(subscriptionId ? {subscriptionId} : {}),
		...(clientId ? {clientId} : {}),
		...(definition.auxiliaryTenants?.length ? {auxiliaryHeader: 'present'} : {}),
		armAudience: sandbox.cloud.resourceManagerAudience,
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
	/** Start the walk here instead of at the recognised family's node (tests walk chosen paths). */
	readonly start?: NodeId;
}): Promise<{sandbox: Sandbox; store: SessionStore; client: DemoClient}> {
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
		const definition = sandbox.scenario.replay;
		const before = await replayModule.replay(sandbox, definition);
		const failed = before.error !== '' || before.status >= 400;
		const text = failed ? `${before.error}: ${before.message}` : '';
		const classified = failed ? await classifyPaste(text) : {facts: {}};
		const world = createDemoWorld(sandbox, replayModule, before, context);
		const timeoutMs = context.global.timeoutSeconds * 1000;
		const services = createEngineServices(world, {timeoutMs, archive, now: () => context.io.now()});
		const store = createSessionStore(
			{
				id: sessionId,
				entry: failed ? 'paste' : 'health',
				scenario,
				facts: factsOf(sandbox, definition, classified.facts),
				...(options.start ? {start: options.start} : {}),
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
			{tree, services, timeoutMs},
		);
		return {sandbox, store, client: world.client};
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
}
