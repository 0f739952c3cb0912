/**
The sandbox cloud: a loopback Entra ID + ARM + Graph-like API + managed identity that real clients
(Azure CLI 2.45, @azure/identity, the ARM SDK, jose) use unmodified. `startSandbox()` is the
programmatic surface (with `replay.ts` to play a scenario's call against it); `authfix sandbox` and
`authfix demo` are built on it.

Layout: `world.ts` holds the directory and permissions (a scenario's data, changed only by fix
operations); `entra.ts`, `arm.ts` (ARM, Graph, managed identity, admin operations) apply one set
of rules to it; `issuer.ts` mints tokens, `tokens.ts` signs them with the persisted key;
`proxy.ts` is the CONNECT proxy that answers `login.microsoftonline.com` instance discovery
itself; `certificates.ts` keeps the CA and leaf in the state folder; `replay.ts` plays a
scenario's failing call as a client would. Nothing listens beyond 127.0.0.1.
*/
import {randomBytes} from 'node:crypto';
import {mkdir, mkdtemp, readdir, rm, stat} from 'node:fs/promises';
import type {Server} from 'node:http';
import {createServer as createHttpsServer, type Server as HttpsServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import {homedir} from 'node:os';
import path from 'node:path';
import type {Cloud} from '../cloud/cloud.ts';
import {createArmHandler} from './arm.ts';
import {prepareAzureConfigDirectory, sandboxCloudName, seedAzureCli} from './azure-cli-profile.ts';
import {loadOrCreateClientCertificate, loadOrCreateTlsMaterial} from './certificates.ts';
import {createEntraHandler, instanceDiscovery, withEntraHeaders} from './entra.ts';
import {type SandboxEvent, toListener} from './http.ts';
import {mintAccessToken, type OwnUrls, type Principal, resolveResource} from './issuer.ts';
import {createDiscoveryProxy} from './proxy.ts';
import type {FixOperation, ReplayDefinition, Scenario, WorkloadDefinition} from './scenario.ts';
import {findScenario, scenarios} from './scenarios/index.ts';
import {loadOrCreateSigner} from './tokens.ts';
import {createWorkloadIssuers, loadIssuerKeys} from './workload-issuers.ts';
import {type OperationLogEntry, World} from './world.ts';

export type {SandboxEvent} from './http.ts';
export type {FixOperation, ReplayDefinition, Scenario, WorkloadDefinition} from './scenario.ts';
export {fixOperationNames} from './scenario.ts';
export {findScenario, scenarios} from './scenarios/index.ts';
export {OperationError} from './world.ts';

export type SandboxOptions = {
	/** A scenario name (default `healthy`) or a scenario definition. */
	readonly scenario?: string | Scenario;
	/** Where the CA, the leaf certificate, the signing key and Azure CLI folders live. */
	readonly stateDirectory?: string;
	/** Used only to find the default state folder (AUTHFIX_SANDBOX_DIR, XDG_STATE_HOME, HOME). */
	readonly environment?: Readonly<Record<string, string | undefined>>;
	readonly ports?: {
		readonly entra?: number;
		readonly arm?: number;
		readonly graph?: number;
		readonly proxy?: number;
		readonly issuers?: number;
	};
	readonly log?: (event: SandboxEvent) => void;
	/** The sandbox's clock (epoch ms); scenarios may set tenants' token clocks off it. */
	readonly now?: () => number;
};

export type SandboxIdentity = {
	readonly name: string;
	readonly kind: 'service-principal' | 'managed-identity' | 'user';
	readonly tenantId: string;
	/** App id (service principals, managed identities) or the public client a user signs in with. */
	readonly clientId?: string;
	readonly secret?: string;
	/** PEM with the private key and certificate of an app's certificate credential. */
	readonly certificatePath?: string;
	readonly userPrincipalName?: string;
	readonly password?: string;
	readonly objectId?: string;
};

export type SandboxSubscription = {
	readonly subscriptionId: string;
	readonly tenantId: string;
	readonly displayName: string;
};

/** A GitHub Actions job, an Azure Pipelines job or a Kubernetes pod of the scenario, and what it runs with. */
export type SandboxWorkload = {
	readonly name: string;
	readonly kind: WorkloadDefinition['kind'];
	readonly definition: WorkloadDefinition;
	/** The issuer its tokens carry. */
	readonly issuer: string;
	/** What the job or pod has in its environment (its token endpoint and that endpoint's secret). */
	readonly env: Readonly<Record<string, string>>;
};

export type SandboxState = {
	readonly scenario: string;
	readonly operations: readonly OperationLogEntry[];
	readonly roleAssignments: ReadonlyArray<{principalId: string; role: string; scope: string; createdOn: string}>;
	readonly denyAssignments: ReadonlyArray<{
		id: string;
		name: string;
		excludePrincipals: ReadonlyArray<{id: string; type: string}>;
	}>;
	readonly tenants: ReadonlyArray<{id: string; clockOffsetSeconds: number}>;
	readonly servicePrincipals: ReadonlyArray<{appId: string; tenantId: string; objectId: string}>;
};

export type Sandbox = {
	readonly cloud: Cloud & {readonly metadataUrl: string};
	/** Everything a client process needs to use the sandbox (Azure CLI, SDKs, authfix). */
	readonly env: Readonly<Record<string, string>>;
	/** App Service-style managed identity (IDENTITY_ENDPOINT, IDENTITY_HEADER), for a process that plays a managed workload. */
	readonly managedIdentityEnv: Readonly<Record<string, string>>;
	readonly identities: readonly SandboxIdentity[];
	readonly workloads: readonly SandboxWorkload[];
	/** A pod's projected service account token (what the kubelet writes to AZURE_FEDERATED_TOKEN_FILE). */
	projectedToken(workload: string): Promise<string>;
	readonly subscriptions: readonly SandboxSubscription[];
	readonly scenario: {
		readonly name: string;
		readonly description: string;
		readonly replay: ReplayDefinition;
		readonly fix: Scenario['fix'];
	};
	readonly urls: {
		readonly entra: string;
		readonly arm: string;
		readonly graph: string;
		readonly proxy: string;
		/** The GitHub-like, Azure-DevOps-like and AKS-like OIDC issuers. */
		readonly issuers: string;
	};
	readonly stateDirectory: string;
	/** The CA clients must trust (PEM). */
	readonly caPem: string;
	/** Applies one fix operation; logged; throws OperationError when it cannot apply. */
	applyFix(operation: FixOperation): string;
	/**
	The token a client has held since `definition.heldToken.issuedSecondsAgo` seconds ago (an app's or
	a user's, for the definition's resource and tenant): what the sandbox would have issued then.
	*/
	heldToken(definition: ReplayDefinition): Promise<string>;
	state(): SandboxState;
	stop(): Promise<void>;
};

/** Thrown for a scenario name that does not exist. */
export class UnknownScenarioError extends Error {
	override readonly name = 'UnknownScenarioError';
}

/** The default state folder: AUTHFIX_SANDBOX_DIR, else `$XDG_STATE_HOME/authfix/sandbox`, else `~/.local/state/authfix/sandbox`. */
export function defaultStateDirectory(environment: Readonly<Record<string, string | undefined>>): string {
	if (environment['AUTHFIX_SANDBOX_DIR']) return environment['AUTHFIX_SANDBOX_DIR'];
	const stateHome = environment['XDG_STATE_HOME'] || path.join(environment['HOME'] || homedir(), '.local', 'state');
	return path.join(stateHome, 'authfix', 'sandbox');
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const scenario = resolveScenario(options.scenario);
	const now = options.now ?? Date.now;
	const log = options.log ?? (() => {});
	const stateDirectory = path.resolve(options.stateDirectory ?? defaultStateDirectory(options.environment ?? {}));
	await mkdir(stateDirectory, {recursive: true, mode: 0o700});
	const [tls, signer, issuerKeys, clientCertificates] = await Promise.all([
		loadOrCreateTlsMaterial(path.join(stateDirectory, 'certificates'), now()),
		loadOrCreateSigner(stateDirectory),
		loadIssuerKeys(stateDirectory),
		Promise.all(
			scenario.apps
				.filter(app => app.certificateCredential)
				.map(async app => ({
					appId: app.appId,
					certificate: await loadOrCreateClientCertificate(path.join(stateDirectory, 'certificates'), app.appId, now()),
				})),
		),
	]);
	const tlsOptions = {key: tls.keyPem, cert: tls.certificatePem};
	const entraServer = createHttpsServer(tlsOptions);
	const armServer = createHttpsServer(tlsOptions);
	const graphServer = createHttpsServer(tlsOptions);
	const discoveryServer = createHttpsServer(tlsOptions);
	const issuersServer = createHttpsServer(tlsOptions);
	let ports: number[] = [];
	const proxy = createDiscoveryProxy({discoveryServer, allowedPorts: () => ports, log});
	const proxyServer = proxy.server;
	const servers: Array<Server | HttpsServer> = [entraServer, armServer, graphServer, proxyServer, issuersServer];
	try {
		const [entraPort, armPort, graphPort, proxyPort, issuersPort] = await Promise.all([
			listen(entraServer, options.ports?.entra),
			listen(armServer, options.ports?.arm),
			listen(graphServer, options.ports?.graph),
			listen(proxyServer, options.ports?.proxy),
			listen(issuersServer, options.ports?.issuers),
		]);
		ports = [entraPort, armPort, graphPort, issuersPort];
		const issuersOrigin = `https://127.0.0.1:${issuersPort}`;
		const workloadDefinitions = scenario.workloads ?? [];
		const issuers = createWorkloadIssuers({
			origin: issuersOrigin,
			keys: issuerKeys,
			workloads: workloadDefinitions,
			now,
		});
		const entraOrigin = `https://127.0.0.1:${entraPort}`;
		const armOrigin = `https://127.0.0.1:${armPort}`;
		const graphOrigin = `https://127.0.0.1:${graphPort}`;
		const proxyUrl = `http://127.0.0.1:${proxyPort}`;
		// The sandbox's own endpoints are audiences too, as a cloud's endpoints are.
		const ownUrls = {
			arm: [`${armOrigin}/`, armOrigin, `https://localhost:${armPort}/`, `https://localhost:${armPort}`],
			graph: [`${graphOrigin}/`, graphOrigin, `https://localhost:${graphPort}/`, `https://localhost:${graphPort}`],
		};
		const world = new World(scenario, entraOrigin, now, issuers.placeholders);
		for (const {appId, certificate} of clientCertificates) {
			const app = world.findApp(appId);
			if (app) app.certificate = certificate;
		}

		const identityHeader = randomBytes(16).toString('hex');
		const applyFix = (operation: FixOperation) => {
			const result = world.apply(operation);
			log({kind: 'operation', message: `${operation.op}: ${result}`});
			return result;
		};

		const state = (): SandboxState => ({
			scenario: scenario.name,
			operations: [...world.operations],
			roleAssignments: world.roleAssignments.map(assignment => ({...assignment})),
			denyAssignments: world.denyAssignments.map(deny => ({
				id: deny.id,
				name: deny.name,
				excludePrincipals: [...deny.excludePrincipals],
			})),
			tenants: world.tenants.map(tenant => ({id: tenant.id, clockOffsetSeconds: tenant.clockOffsetSeconds ?? 0})),
			servicePrincipals: world.servicePrincipals.map(servicePrincipal => ({...servicePrincipal})),
		});
		const entraContext = {world, signer, entraOrigin, ownUrls, externalSigner: issuers.signerFor};
		issuersServer.on('request', toListener(issuers.handle, log, `127.0.0.1:${issuersPort}`));
		entraServer.on('request', toListener(createEntraHandler(entraContext), log, `127.0.0.1:${entraPort}`));
		const armHandler = createArmHandler({
			world,
			signer,
			entraOrigin,
			armOrigin,
			graphOrigin,
			ownUrls,
			identityHeader,
			applyOperation: applyFix,
			state,
		});
		armServer.on('request', toListener(armHandler, log, `127.0.0.1:${armPort}`));
		graphServer.on(
			'request',
			toListener(
				request =>
					request.path.startsWith('/v1.0/')
						? armHandler(request)
						: {status: 404, body: {error: {code: 'BadRequest', message: 'Invalid version.'}}},
				log,
				`127.0.0.1:${graphPort}`,
			),
		);
		discoveryServer.on(
			'request',
			toListener(
				request =>
					request.path === '/common/discovery/instance' || request.path.endsWith('/discovery/instance')
						? withEntraHeaders(request, instanceDiscovery(entraContext, request))
						: {
								status: 404,
								body: {error: 'not_found', error_description: 'The sandbox answers only instance discovery here.'},
							},
				log,
				'login.microsoftonline.com',
			),
		);
		for (const server of [entraServer, armServer, graphServer, discoveryServer, issuersServer]) {
			server.on('tlsClientError', (_error, socket) => socket.destroy());
		}

		await pruneOldAzureConfigDirectories(stateDirectory, now());
		const azureConfigDirectory = await mkdtemp(path.join(stateDirectory, 'azure-cli-'));
		await prepareAzureConfigDirectory(azureConfigDirectory, now());
		const cloud = {
			name: sandboxCloudName,
			authorityHost: entraOrigin,
			resourceManager: armOrigin,
			resourceManagerAudience: 'https://management.core.windows.net/',
			graph: graphOrigin,
			metadataUrl: `${armOrigin}/metadata/endpoints?api-version=2022-09-01`,
		};
		if (scenario.azureCli) {
			await seedAzureCli(azureConfigDirectory, scenario.azureCli, world, cloud);
		}

		const env = {
			AZURE_CONFIG_DIR: azureConfigDirectory,
			AZURE_CORE_COLLECT_TELEMETRY: 'false',
			REQUESTS_CA_BUNDLE: tls.caPath,
			NODE_EXTRA_CA_CERTS: tls.caPath,
			HTTPS_PROXY: proxyUrl,
			HTTP_PROXY: proxyUrl,
			NO_PROXY: '127.0.0.1,localhost',
			AZURE_AUTHORITY_HOST: entraOrigin,
			AUTHFIX_CLOUD: cloud.metadataUrl,
		};
		// Kept apart from `env`: with these set, DefaultAzureCredential picks managed identity over the Azure CLI.
		const managedIdentityEnv = {IDENTITY_ENDPOINT: `${armOrigin}/msi/token`, IDENTITY_HEADER: identityHeader};
		let stopped: Promise<void> | undefined;
		return {
			cloud,
			env,
			managedIdentityEnv,
			identities: identitiesOf(world),
			workloads: workloadDefinitions.map(definition => ({
				name: definition.name,
				kind: definition.kind,
				definition,
				issuer: issuers.issuerOf(definition),
				env: issuers.environmentOf(definition),
			})),
			projectedToken(name) {
				const definition = workloadDefinitions.find(
					candidate => candidate.name === name && candidate.kind === 'kubernetes',
				);
				if (!definition) return Promise.reject(new Error(`no pod named ${name} in this scenario`));
				return issuers.mint(definition);
			},
			subscriptions: world.subscriptions.map(subscription => ({
				subscriptionId: subscription.id,
				tenantId: subscription.tenantId,
				displayName: subscription.displayName,
			})),
			scenario: {name: scenario.name, description: scenario.description, replay: scenario.replay, fix: scenario.fix},
			urls: {entra: entraOrigin, arm: armOrigin, graph: graphOrigin, proxy: proxyUrl, issuers: issuersOrigin},
			stateDirectory,
			caPem: tls.caPem,
			applyFix,
			state,
			heldToken: definition => heldToken({world, signer, entraOrigin, ownUrls}, definition),
			stop() {
				stopped ??= (async () => {
					// Tunnels first: the proxy's close waits for them, and a client may keep one open for good.
					proxy.closeTunnels();
					discoveryServer.closeAllConnections();
					await Promise.all(servers.map(server => close(server)));
					await rm(azureConfigDirectory, {recursive: true, force: true});
				})();
				return stopped;
			},
		};
	} catch (error) {
		await Promise.all(servers.map(server => close(server)));
		throw error;
	}
}

/**
Each start makes a fresh Azure CLI folder and `stop()` removes it; a sandbox that was killed leaves
its folder behind. Folders untouched for a day are removed at the next start (never a live one:
the Azure CLI writes to its folder on every command).
*/
async function pruneOldAzureConfigDirectories(stateDirectory: string, now: number) {
	const entries = await readdir(stateDirectory, {withFileTypes: true}).catch(() => []);
	await Promise.all(
		entries
			.filter(entry => entry.isDirectory() && entry.name.startsWith('azure-cli-'))
			.map(async entry => {
				const folder = path.join(stateDirectory, entry.name);
				const info = await stat(folder).catch(() => undefined);
				if (info && now - info.mtimeMs > 86_400_000) await rm(folder, {recursive: true, force: true});
			}),
	);
}

function resolveScenario(scenario: SandboxOptions['scenario']): Scenario {
	if (scenario === undefined) return scenarios[0]!;
	if (typeof scenario !== 'string') return scenario;
	const found = findScenario(scenario);
	if (!found) {
		throw new UnknownScenarioError(
			`unknown scenario '${scenario}'; known: ${scenarios.map(candidate => candidate.name).join(', ')}`,
		);
	}

	return found;
}

function identitiesOf(world: World): SandboxIdentity[] {
	return [
		...world.apps.map(app => ({
			name: app.name,
			kind: 'service-principal' as const,
			tenantId: app.homeTenantId,
			clientId: app.appId,
			...(app.secrets[0] ? {secret: app.secrets[0].value} : {}),
			...(app.certificate ? {certificatePath: app.certificate.path} : {}),
		})),
		...world.managedIdentities.map(identity => ({
			name: identity.name,
			kind: 'managed-identity' as const,
			tenantId: identity.tenantId,
			clientId: identity.clientId,
			objectId: identity.objectId,
		})),
		...world.users.map(user => ({
			name: user.userPrincipalName,
			kind: 'user' as const,
			tenantId: user.tenantId,
			userPrincipalName: user.userPrincipalName,
			password: user.password,
			objectId: user.objectId,
		})),
	];
}

async function heldToken(
	context: {
		world: World;
		signer: Awaited<ReturnType<typeof loadOrCreateSigner>>;
		entraOrigin: string;
		ownUrls: OwnUrls;
	},
	definition: ReplayDefinition,
): Promise<string> {
	const {world} = context;
	const tenant = world.findTenant(definition.tenantId);
	const resource = resolveResource(definition.resource, world, context.ownUrls);
	if (!tenant || !resource)
		throw new Error(`held token: no tenant ${definition.tenantId} or resource ${definition.resource}`);
	const user = world.findUser(definition.identity);
	const app = user ? undefined : world.findApp(definition.identity);
	const servicePrincipal = app ? world.findServicePrincipal(app.appId, tenant.id) : undefined;
	const clientApp = definition.clientApp ? world.findApp(definition.clientApp) : undefined;
	const principal: Principal | undefined = user
		? {kind: 'user', user, clientAppId: clientApp?.appId ?? '', scopes: []}
		: app && servicePrincipal
			? {kind: 'app', app, objectId: servicePrincipal.objectId, credentialType: 'secret'}
			: undefined;
	if (!principal) throw new Error(`held token: ${definition.identity} cannot sign in to tenant ${tenant.id}`);
	const issuedAt = Math.floor(world.tenantTime(tenant.id) / 1000) - (definition.heldToken?.issuedSecondsAgo ?? 0);
	const minted = await mintAccessToken({
		signer: context.signer,
		world,
		authorityHost: context.entraOrigin,
		tenant,
		resource,
		principal,
		issuedAt,
	});
	return minted.token;
}

function listen(server: Server | HttpsServer, port = 0): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen({host: '127.0.0.1', port}, () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

function close(server: Server | HttpsServer): Promise<void> {
	return new Promise(resolve => {
		if (!server.listening) {
			resolve();
			return;
		}

		server.close(() => resolve());
		server.closeAllConnections();
	});
}
