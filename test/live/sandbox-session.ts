import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {request as httpsRequest} from 'node:https';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {azureCliSteps} from '../../source/sandbox/azure-cli-steps.ts';
import {type Sandbox, type Scenario, startSandbox} from '../../source/sandbox/index.ts';
import {type CliRun, node22, runCli} from '../fakes/run-cli.ts';

const run = promisify(execFile);

/** The sandbox's own fixed ids: the live tests name what the scenarios seed. */
export {ids} from '../../source/sandbox/scenarios/ids.ts';

export type CheckJson = {
	verdict: 'ok' | 'problems';
	checks: Array<{
		id: string;
		status: string;
		title: string;
		detail: string;
		fix?: {text: string; command?: string};
		facts?: Record<string, string>;
	}>;
};

/** A sandbox with its own state folder, HOME and Azure CLI config, and helpers to run az and authfix against it. */
export type Session = {
	readonly sandbox: Sandbox;
	readonly home: string;
	readonly env: Record<string, string>;
	az(args: readonly string[], extraEnv?: Record<string, string>): Promise<{stdout: string; stderr: string}>;
	authfix(args: readonly string[], extraEnv?: Record<string, string>): Promise<CliRun>;
	check(
		args: readonly string[],
		extraEnv?: Record<string, string>,
	): Promise<{run: CliRun; document: CheckJson; byId: Record<string, CheckJson['checks'][number]>}>;
	/** `az cloud register` + `az cloud set` + `az login --service-principal` as the named app. */
	signIn(appName: string, tenantId: string, options?: {allowNoSubscriptions?: boolean}): Promise<void>;
	/** `az login --use-device-code` as the scenario's auto-approved user (Alice in the base scenarios). */
	signInUser(options?: {allowNoSubscriptions?: boolean}): Promise<void>;
	/** A managed identity's token for api://AzureADTokenExchange from the sandbox's App Service-style endpoint. */
	managedIdentityAssertion(clientId: string): Promise<string>;
	stop(): Promise<void>;
};

export async function startSession(scenario: string | Scenario): Promise<Session> {
	const name = typeof scenario === 'string' ? scenario : scenario.name;
	const home = await mkdtemp(path.join(tmpdir(), `authfix-live-${name}-`));
	const sandbox = await startSandbox({scenario, stateDirectory: path.join(home, 'sandbox')});
	const env: Record<string, string> = {
		...sandbox.env,
		HOME: home,
		AUTHFIX_HOME: path.join(home, 'authfix'),
		PATH: [path.dirname(node22), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
		LANG: 'C.UTF-8',
	};
	const session: Session = {
		sandbox,
		home,
		env,
		async az(args, extraEnv = {}) {
			return run('az', [...args], {env: {...env, ...extraEnv}, timeout: 60_000});
		},
		authfix: (args, extraEnv = {}) => runCli(args, {...env, ...extraEnv}),
		async check(args, extraEnv = {}) {
			const result = await runCli(['check', '--json', ...args], {...env, ...extraEnv});
			let document: CheckJson;
			try {
				document = JSON.parse(result.stdout) as CheckJson;
			} catch {
				throw new Error(`authfix check printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
			}

			return {run: result, document, byId: Object.fromEntries(document.checks.map(check => [check.id, check]))};
		},
		async signIn(appName, tenantId, options = {}) {
			const identity = sandbox.identities.find(item => item.name === appName);
			if (!identity?.clientId || !identity.secret) throw new Error(`no secret identity ${appName} in the sandbox`);
			const steps = azureCliSteps(sandbox.cloud, {
				clientId: identity.clientId,
				secret: identity.secret,
				tenantId,
				...(options.allowNoSubscriptions ? {allowNoSubscriptions: true} : {}),
			});
			const registered = await session.az(['cloud', 'show', '--name', sandbox.cloud.name, '--only-show-errors']).then(
				() => true,
				() => false,
			);
			if (!registered) await session.az([...steps.register, '--only-show-errors']);
			await session.az([...steps.set, '--only-show-errors']);
			await session.az([...steps.login!, '--output', 'none', '--only-show-errors']);
		},
		async signInUser(options = {}) {
			const steps = azureCliSteps(sandbox.cloud);
			const registered = await session.az(['cloud', 'show', '--name', sandbox.cloud.name, '--only-show-errors']).then(
				() => true,
				() => false,
			);
			if (!registered) await session.az([...steps.register, '--only-show-errors']);
			await session.az([...steps.set, '--only-show-errors']);
			await session.az([
				'login',
				'--use-device-code',
				...(options.allowNoSubscriptions ? ['--allow-no-subscriptions'] : []),
				'--output',
				'none',
				'--only-show-errors',
			]);
		},
		managedIdentityAssertion(clientId) {
			const endpoint = new URL(sandbox.managedIdentityEnv.IDENTITY_ENDPOINT!);
			endpoint.search = new URLSearchParams({
				'api-version': '2019-08-01',
				resource: 'api://AzureADTokenExchange',
				client_id: clientId,
			}).toString();
			return new Promise((resolve, reject) => {
				const request = httpsRequest(
					endpoint,
					{
						ca: sandbox.caPem,
						headers: {'X-IDENTITY-HEADER': sandbox.managedIdentityEnv.IDENTITY_HEADER!},
						timeout: 10_000,
					},
					response => {
						let body = '';
						response.on('data', chunk => {
							body += chunk;
						});
						response.on('end', () => {
							try {
								resolve(String((JSON.parse(body) as {access_token: unknown}).access_token));
							} catch {
								reject(new Error(`managed identity endpoint answered ${response.statusCode}: ${body.slice(0, 200)}`));
							}
						});
					},
				);
				request.on('error', reject);
				request.end();
			});
		},
		async stop() {
			await sandbox.stop();
			await rm(home, {recursive: true, force: true});
		},
	};
	return session;
}

/** The scenario's failing call as a URL of the sandbox's ARM. */
export function replayUrl(session: Session): string {
	return `${session.sandbox.cloud.resourceManager}${session.sandbox.scenario.replay.path}`;
}
