import path from 'node:path';
import {exitCodes} from '../exit-codes.ts';
import {redactSecrets} from '../safety/redact.ts';
import {neutralizeTerminalText} from '../safety/terminal-text.ts';
import {azureCliSteps} from '../sandbox/azure-cli-steps.ts';
import type {Sandbox} from '../sandbox/index.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import {createStyle, type Style} from '../terminal/style.ts';
import {UsageError} from '../usage-error.ts';
import type {Command} from './command.ts';

const usage = `authfix sandbox: run the local sandbox cloud (a loopback Entra ID + ARM + Graph + managed identity)

Usage
  authfix sandbox [--scenario NAME] [--state-dir DIR] [--json]
  authfix sandbox --scenario list

Options
  --scenario NAME   the failure to reproduce (default: healthy); \`list\` shows them all
  --state-dir DIR   where the CA, certificate and signing key live (default:
                    $AUTHFIX_SANDBOX_DIR, else $XDG_STATE_HOME/authfix/sandbox,
                    else ~/.local/state/authfix/sandbox)
  --json            print once, one JSON document on one line: cloud, env,
                    managedIdentityEnv, identities, workloads, subscriptions,
                    scenario, stateDirectory, operationsUrl

It listens on 127.0.0.1 only and serves until Ctrl+C (SIGINT) or SIGTERM.
Everything in it is fake: fixed test ids, sandbox-only secrets.

Exit codes
  0  stopped on request (or the scenario list was printed)
  2  usage error (an unknown scenario, a bad option)
`;

export const command: Command = {
	name: 'sandbox',
	summary: 'run the local sandbox cloud (demos, onboarding, tests)',
	usage,
	async run(args, {io, global}) {
		const {values, positionals} = parseCommandArgs(
			args,
			{scenario: {type: 'string'}, 'state-dir': {type: 'string'}},
			'sandbox',
		);
		if (positionals.length > 0) throw new UsageError(`sandbox: unexpected argument '${positionals[0]}'`);
		const sandboxModule = await import('../sandbox/index.ts');
		const {scenarios} = sandboxModule;
		const listing = scenarios.map(scenario => ({name: scenario.name, description: scenario.description}));
		if (values.scenario === 'list') {
			if (global.json) {
				io.stdout.write(`${JSON.stringify({scenarios: listing})}\n`);
			} else {
				const width = Math.max(...listing.map(entry => entry.name.length));
				io.stdout.write(
					`Scenarios\n${listing.map(entry => `  ${entry.name.padEnd(width)}  ${entry.description}`).join('\n')}\n`,
				);
			}

			return exitCodes.ok;
		}

		const stateDirectory = values['state-dir'] === undefined ? undefined : path.resolve(io.cwd, values['state-dir']);
		const sandbox = await sandboxModule
			.startSandbox({
				scenario: values.scenario ?? 'healthy',
				stateDirectory,
				environment: io.env,
				log: event => {
					// Events carry what clients sent (operation fields, CONNECT targets): one neutralised line each.
					if (event.kind === 'connect-refused' || event.kind === 'operation' || event.kind === 'error') {
						io.stderr.write(`sandbox: ${neutralizeTerminalText(redactSecrets(event.message)).replaceAll('\n', ' ')}\n`);
					}
				},
			})
			.catch((error: unknown) => {
				if (error instanceof sandboxModule.UnknownScenarioError) throw new UsageError(`sandbox: ${error.message}`);
				const code = (error as {code?: unknown}).code;
				if (typeof code === 'string' && ['EACCES', 'EPERM', 'ENOTDIR', 'EROFS', 'EEXIST'].includes(code)) {
					const folder = stateDirectory ?? sandboxModule.defaultStateDirectory(io.env);
					throw new UsageError(
						`sandbox: cannot use the state folder ${folder} (${code}); choose another with --state-dir`,
					);
				}

				throw error;
			});
		try {
			// Listen for the signal before saying "ready": a client may stop us the moment it reads that.
			const interrupted = io.untilInterrupted?.();
			if (global.json) {
				io.stdout.write(`${JSON.stringify(describe(sandbox))}\n`);
			} else {
				const seedsAzureCli = sandboxModule.findScenario(sandbox.scenario.name)?.azureCli !== undefined;
				io.stdout.write(humanReport(sandbox, seedsAzureCli, createStyle(global.color)));
			}

			await interrupted;
		} finally {
			await sandbox.stop();
		}

		return exitCodes.ok;
	},
};

function describe(sandbox: Sandbox) {
	const {cloud} = sandbox;
	return {
		cloud: {
			name: cloud.name,
			metadataUrl: cloud.metadataUrl,
			authorityHost: cloud.authorityHost,
			resourceManager: cloud.resourceManager,
			resourceManagerAudience: cloud.resourceManagerAudience,
			graph: cloud.graph,
		},
		env: sandbox.env,
		managedIdentityEnv: sandbox.managedIdentityEnv,
		identities: sandbox.identities,
		workloads: sandbox.workloads.map(({name, kind, issuer, env}) => ({
			name,
			kind,
			issuer,
			env,
			...(kind === 'kubernetes' ? {projectedTokenUrl: `${sandbox.urls.issuers}/kubelet/${name}/token`} : {}),
		})),
		subscriptions: sandbox.subscriptions,
		scenario: {
			name: sandbox.scenario.name,
			description: sandbox.scenario.description,
			replay: sandbox.scenario.replay,
			fix: sandbox.scenario.fix,
		},
		stateDirectory: sandbox.stateDirectory,
		operationsUrl: `${cloud.resourceManager}/_sandbox/ops/{op}`,
		azureCli: azureCliStepsOf(sandbox),
	};
}

/** The az commands that point the Azure CLI at this sandbox and sign in as the scenario's service principal. */
function azureCliStepsOf(sandbox: Sandbox) {
	const replay = sandbox.scenario.replay;
	const servicePrincipal =
		sandbox.identities.find(identity => identity.name === replay.identity && identity.kind === 'service-principal') ??
		sandbox.identities.find(identity => identity.kind === 'service-principal' && identity.secret);
	return azureCliSteps(
		sandbox.cloud,
		servicePrincipal?.clientId && servicePrincipal.tenantId
			? {
					clientId: servicePrincipal.clientId,
					secret: servicePrincipal.secret ?? '<secret>',
					tenantId: servicePrincipal.tenantId,
				}
			: undefined,
	);
}

function humanReport(sandbox: Sandbox, seedsAzureCli: boolean, style: Style): string {
	const {cloud, env, scenario} = sandbox;
	const replay = scenario.replay;
	const exports = Object.entries(env).map(([name, value]) => `  export ${name}=${shellQuote(value)}`);
	const steps = azureCliStepsOf(sandbox);
	const lines = [
		`${style.strong('authfix sandbox')} · scenario ${style.accent(scenario.name)}: ${scenario.description}`,
		'',
		style.strong('Endpoints (127.0.0.1 only)'),
		`  Entra ID authority  ${cloud.authorityHost}`,
		`  ARM                 ${cloud.resourceManager}`,
		`  Graph               ${cloud.graph}`,
		`  metadata URL        ${cloud.metadataUrl}`,
		`  discovery proxy     ${sandbox.urls.proxy}`,
		`  state folder        ${sandbox.stateDirectory}`,
		'',
		style.strong('1. In another shell, point clients at it'),
		...exports,
		'',
		style.strong('2. Azure CLI'),
		...[steps.register, steps.set, ...(steps.login ? [steps.login] : [])].map(
			args => `  ${style.code(['az', ...args].join(' '))}`,
		),
		`  ${style.code('az account show')}`,
		...(seedsAzureCli
			? [
					`  ${style.muted('(this scenario pre-seeds AZURE_CONFIG_DIR: the cloud is registered and signed in already, as the scenario says)')}`,
				]
			: []),
		'',
		style.strong('3. SDKs'),
		`  @azure/identity: AZURE_AUTHORITY_HOST is exported; pass {disableInstanceDiscovery: true} or keep the proxy exported.`,
		`  ARM clients: endpoint ${cloud.resourceManager}, scope ${cloud.resourceManagerAudience}/.default`,
		`  authfix: AUTHFIX_CLOUD is exported (or --cloud ${cloud.metadataUrl})`,
		'',
		style.strong('Identities'),
		...sandbox.identities.map(
			identity =>
				`  ${identity.name.padEnd(34)} ${identity.kind.padEnd(17)} tenant ${identity.tenantId}${identity.clientId ? `  client ${identity.clientId}` : ''}${identity.secret ? `  secret ${identity.secret}` : ''}${identity.password ? `  password ${identity.password}` : ''}`,
		),
		...(sandbox.workloads.length > 0
			? [
					'',
					style.strong('Workloads (their issuers serve discovery and keys; export a job’s variables to be that job)'),
					...sandbox.workloads.flatMap(workload => [
						`  ${workload.name} (${workload.kind}), issuer ${workload.issuer}`,
						...Object.entries(workload.env).map(([name, value]) => `    export ${name}=${shellQuote(value)}`),
						...(workload.kind === 'kubernetes'
							? [
									`    ${style.code(`curl --cacert ${env['NODE_EXTRA_CA_CERTS']} -o token ${sandbox.urls.issuers}/kubelet/${workload.name}/token`)}`,
									'    export AZURE_FEDERATED_TOKEN_FILE="$PWD/token"',
								]
							: []),
					]),
				]
			: []),
		'',
		style.strong('Subscriptions'),
		...sandbox.subscriptions.map(
			subscription => `  ${subscription.subscriptionId}  tenant ${subscription.tenantId}  ${subscription.displayName}`,
		),
		'',
		style.strong('The failure'),
		`  ${replay.identity} asks tenant ${replay.tenantId} for ${replay.resource}, then ${replay.method} ${cloud.resourceManager}${replay.path}`,
		`  expected: ${replay.expectedError || 'success'}`,
		`  fix: ${scenario.fix.summary}`,
		...scenario.fix.operations.map(
			operation =>
				`  ${style.code(`curl --cacert ${env['NODE_EXTRA_CA_CERTS']} -X POST ${cloud.resourceManager}/_sandbox/ops/${operation.op} -d '${JSON.stringify({...operation, op: undefined})}'`)}`,
		),
		'',
		style.muted('Serving until Ctrl+C.'),
		'',
	];
	return lines.join('\n');
}

function shellQuote(value: string): string {
	return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
