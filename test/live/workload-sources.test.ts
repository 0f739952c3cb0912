/**
The credential sources where the failures happen, live against the sandbox's workload issuers, with
the real clients: curl asks the job's token endpoints as GitHub's and Azure DevOps' documentation
show, the Azure CLI signs in with `--federated-token`, @azure/identity's ClientAssertionCredential,
AzurePipelinesCredential and WorkloadIdentityCredential get tokens, and `authfix check` inside each
job or pod finds what is wrong, names the fix, and passes once it is done.
*/
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {azureCliSteps} from '../../source/sandbox/azure-cli-steps.ts';
import {aksWorkloadIdentity} from '../../source/sandbox/scenarios/aks-workload-identity.ts';
import {githubOidcSubjectMismatch} from '../../source/sandbox/scenarios/github-oidc-subject-mismatch.ts';
import {parseJson, run} from '../sandbox/helpers.ts';
import {workloadScenario} from '../support/workload-scenario.ts';
import {type CheckJson, ids, type Session, startSession} from './sandbox-session.ts';

const fixture = fileURLToPath(new URL('fixtures/workload-clients.mjs', import.meta.url));
type Outcome = {ok: boolean; value?: Record<string, unknown>; name?: string; message?: string};

let session: Session;
let scratch: string;
beforeAll(async () => {
	session = await startSession(workloadScenario);
	scratch = await mkdtemp(path.join(tmpdir(), 'authfix-workloads-'));
}, 120_000);
afterAll(async () => {
	await session?.stop();
	await rm(scratch, {recursive: true, force: true});
});

const workload = (name: string) => session.sandbox.workloads.find(candidate => candidate.name === name)!;

/** The real Azure CLI in a folder of its own, pointed at the sandbox. */
async function freshAzureCli(name: string) {
	const directory = path.join(scratch, name);
	await mkdir(directory, {recursive: true});
	const steps = azureCliSteps(session.sandbox.cloud);
	const az = (args: readonly string[]) => run(session.sandbox, 'az', args, {AZURE_CONFIG_DIR: directory});
	expect((await az(steps.register)).code).toBe(0);
	expect((await az(steps.set)).code).toBe(0);
	return az;
}

/** `az login --service-principal --federated-token`, as azure/login runs it. */
function federatedLogin(az: Awaited<ReturnType<typeof freshAzureCli>>, token: string, extra: readonly string[] = []) {
	return az([
		'login',
		'--service-principal',
		'--username',
		ids.githubApp,
		'--tenant',
		ids.tenantA,
		'--federated-token',
		token,
		...extra,
		'--output',
		'none',
	]);
}

async function clients(input: Record<string, unknown>, env: Record<string, string> = {}) {
	const child = await run(session.sandbox, process.execPath, [fixture], {
		...env,
		FIXTURE_INPUT: JSON.stringify({authorityHost: session.sandbox.cloud.authorityHost, ...input}),
	});
	expect(child.code, child.stderr).toBe(0);
	return parseJson(child.stdout) as Record<string, Outcome>;
}

/** `authfix check` inside the job or pod: its environment over the sandbox's. */
async function checkIn(env: Record<string, string>, args: readonly string[] = []) {
	return session.check(['--subscription', ids.subscriptionA, ...args], env);
}

describe('a GitHub Actions job (github-oidc-subject-mismatch)', {timeout: 180_000}, () => {
	const jobEnv = () => ({...workload('deploy-job').env, AZURE_CLIENT_ID: ids.githubApp, AZURE_TENANT_ID: ids.tenantA});

	let jobToken = '';
	test("curl gets the job's OIDC token as GitHub documents it; az login --federated-token is refused with AADSTS700213", async () => {
		const env = workload('deploy-job').env;
		const fetched = await run(session.sandbox, 'curl', [
			'-sS',
			'--cacert',
			session.sandbox.env['NODE_EXTRA_CA_CERTS']!,
			'-H',
			`Authorization: bearer ${env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}`,
			`${env['ACTIONS_ID_TOKEN_REQUEST_URL']}&audience=api://AzureADTokenExchange`,
		]);
		expect(fetched.code, fetched.stderr).toBe(0);
		const token = String((parseJson(fetched.stdout) as {value: string}).value);
		jobToken = token;
		expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({
			sub: 'repo:contoso/webapp:environment:production',
			aud: 'api://AzureADTokenExchange',
		});
		const az = await freshAzureCli('github-refused');
		const login = await federatedLogin(az, token, ['--allow-no-subscriptions']);
		expect(login.code).not.toBe(0);
		expect(login.stderr).toContain(
			"AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso/webapp:environment:production'",
		);
	});

	test('authfix check in the job: the exact record to add, as ::error annotations and a job summary', async () => {
		const summary = path.join(scratch, 'github-step-summary.md');
		await writeFile(summary, '');
		const result = await session.authfix(['check', '--subscription', ids.subscriptionA], {
			...jobEnv(),
			GITHUB_STEP_SUMMARY: summary,
		});
		expect(result.code).toBe(1);
		const add = `az ad app federated-credential create --id ${ids.githubApp} --parameters '{"name":"github-webapp-environment-production","issuer":"${workload('deploy-job').issuer}","subject":"repo:contoso/webapp:environment:production","audiences":["api://AzureADTokenExchange"]}'`;
		expect(result.stdout).toContain(add);
		const annotation = result.stdout
			.split('\n')
			.find(line => line.startsWith('::error title=authfix%3A Federated credential::'));
		expect(annotation).toContain('(AADSTS700213)');
		expect(annotation).toContain(`%0A${add}`);
		const written = await readFile(summary, 'utf8');
		expect(written).toMatch(/^## authfix check: problems found\n/);
		expect(written).toContain('| ❌ | Federated credential |');
		expect(written).toContain('GitHub Actions OIDC (azure/login): identity aaaaaaaa…');
		// The job's token and its request secret never reach the output.
		const secret = workload('deploy-job').env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']!;
		expect(result.stdout + result.stderr + written).not.toContain(secret);
		expect(result.stdout + written).not.toMatch(/eyJ[\w-]{10,}\.eyJ/);
	});

	test('once the record is added: az login, ClientAssertionCredential and authfix check all pass', async () => {
		session.sandbox.applyFix(githubOidcSubjectMismatch.fix.operations[0]!);
		const az = await freshAzureCli('github-accepted');
		const login = await federatedLogin(az, jobToken);
		expect(login.code, login.stderr).toBe(0);
		const account = await az(['account', 'show', '--output', 'json']);
		expect(parseJson(account.stdout)).toMatchObject({
			id: ids.subscriptionA,
			tenantId: ids.tenantA,
			user: {name: ids.githubApp},
		});
		const env = workload('deploy-job').env;
		const results = await clients({
			github: {
				tenantId: ids.tenantA,
				clientId: ids.githubApp,
				url: env['ACTIONS_ID_TOKEN_REQUEST_URL'],
				requestToken: env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'],
			},
		});
		expect(results['clientAssertionGithub']).toMatchObject({
			ok: true,
			value: {tid: ids.tenantA, appid: ids.githubApp, appidacr: '2'},
		});
		const {byId} = await checkIn(jobEnv());
		expect(byId['federated-credential']).toMatchObject({status: 'pass', facts: {credentialOrigin: 'github-actions'}});
	});
});

describe('an Azure Pipelines job (pipeline-wrong-tenant)', {timeout: 180_000}, () => {
	test('curl asks the service connection token; AzurePipelinesCredential gets AADSTS700016 in the wrong tenant, a token in the right one', async () => {
		const env = workload('infra-release').env;
		const fetched = await run(session.sandbox, 'curl', [
			'-sS',
			'--cacert',
			session.sandbox.env['NODE_EXTRA_CA_CERTS']!,
			'-X',
			'POST',
			'-H',
			`Authorization: Bearer ${env['SYSTEM_ACCESSTOKEN']}`,
			'-H',
			'Content-Type: application/json',
			`${env['SYSTEM_OIDCREQUESTURI']}?api-version=7.1&serviceConnectionId=${ids.serviceConnection}`,
		]);
		expect((parseJson(fetched.stdout) as {oidcToken?: string}).oidcToken).toMatch(/^eyJ/);
		const results = await clients(
			{
				pipelines: {
					clientId: ids.pipelinesApp,
					serviceConnectionId: ids.serviceConnection,
					accessToken: env['SYSTEM_ACCESSTOKEN'],
					tenants: {wrong: ids.tenantA, right: ids.tenantB},
				},
			},
			{SYSTEM_OIDCREQUESTURI: env['SYSTEM_OIDCREQUESTURI']!},
		);
		expect(results['azurePipelines.wrong']).toMatchObject({ok: false});
		expect(results['azurePipelines.wrong']?.message).toContain('AADSTS700016');
		expect(results['azurePipelines.right']).toMatchObject({
			ok: true,
			value: {tid: ids.tenantB, appid: ids.pipelinesApp},
		});
	});

	test("authfix check in the job: the service connection's tenant is not the subscription's; ##vso lines beside one JSON document", async () => {
		const env = {
			...workload('infra-release').env,
			servicePrincipalId: ids.pipelinesApp,
			tenantId: ids.tenantA,
			AZURESUBSCRIPTION_CLIENT_ID: ids.pipelinesApp,
			AZURESUBSCRIPTION_TENANT_ID: ids.tenantA,
		};
		const {run: result, byId} = await session.check(['--subscription', ids.subscriptionB], env);
		expect(byId['credential-source']).toMatchObject({
			status: 'fail',
			facts: {credentialOrigin: 'azure-pipelines', credentialTenant: ids.tenantA, subscriptionTenant: ids.tenantB},
		});
		expect(result.stderr).toMatch(
			/^##vso\[task\.logissue type=error;code=authfix-credential-source;\]Azure Pipelines service connection signs in to tenant 11111111-1111-1111-1111-111111111111/m,
		);
		// The service connection's token itself is fine; its app's records live in the other tenant, out of reach from here.
		expect(byId['federated-credential']).toMatchObject({
			status: 'warn',
			facts: {credentialOrigin: 'azure-pipelines', assertionSubject: 'sc://fabrikam/infra/prod-arm'},
		});
	});
});

describe('an AKS pod (aks-workload-identity)', {timeout: 180_000}, () => {
	let podEnv: Record<string, string>;
	beforeAll(async () => {
		const file = path.join(scratch, 'pod', 'azure-identity-token');
		await mkdir(path.dirname(file), {recursive: true});
		await writeFile(file, await session.sandbox.projectedToken('orders-worker-pod'), {mode: 0o600});
		podEnv = {
			...workload('orders-worker-pod').env,
			AZURE_CLIENT_ID: ids.aksApp,
			AZURE_TENANT_ID: ids.tenantA,
			AZURE_FEDERATED_TOKEN_FILE: file,
		};
	});

	test('WorkloadIdentityCredential: AADSTS700211 (the issuer without its trailing slash); authfix check names the record to add', async () => {
		const before = await clients({workloadIdentity: true}, podEnv);
		expect(before['workloadIdentity']?.message).toContain('AADSTS700211');
		const {byId} = await checkIn(podEnv, ['--credential', 'workload-identity']);
		const federated = byId['federated-credential'] as CheckJson['checks'][number];
		expect(federated).toMatchObject({status: 'fail', facts: {code: 'AADSTS700211', credentialOrigin: 'kubernetes'}});
		expect(federated.detail).toContain('differ only in the trailing slash');
		expect(federated.fix?.command).toContain(`"issuer":"${workload('orders-worker-pod').issuer}"`);
	});

	test('once the record is added: WorkloadIdentityCredential gets its token and the check passes', async () => {
		session.sandbox.applyFix(aksWorkloadIdentity.fix.operations[0]!);
		const after = await clients({workloadIdentity: true}, podEnv);
		expect(after['workloadIdentity']).toMatchObject({ok: true, value: {tid: ids.tenantA, appid: ids.aksApp}});
		const {byId} = await checkIn(podEnv, ['--credential', 'workload-identity']);
		expect(byId['federated-credential']?.status).toBe('pass');
		expect(byId['fresh-token']?.status).toBe('pass');
	});
});

describe('Terraform beside the SDKs (terraform-arm-vs-azure-vars)', {timeout: 120_000}, () => {
	test('ARM_TENANT_ID and AZURE_TENANT_ID name two tenants: credential-source names the variable Terraform reads', async () => {
		const ci = session.sandbox.identities.find(identity => identity.name === 'ci-app')!;
		const {byId} = await session.check(['--subscription', ids.subscriptionB], {
			ARM_CLIENT_ID: ci.clientId!,
			ARM_CLIENT_SECRET: ci.secret!,
			ARM_TENANT_ID: ids.tenantA,
			ARM_SUBSCRIPTION_ID: ids.subscriptionB,
			AZURE_TENANT_ID: ids.tenantB,
		});
		expect(byId['credential-source']).toMatchObject({
			status: 'fail',
			fix: {command: `export ARM_TENANT_ID=${ids.tenantB}`},
			facts: {credentialOrigin: 'terraform', tenantVariable: 'ARM_TENANT_ID'},
		});
		expect(JSON.stringify(byId)).not.toContain(ci.secret!);
	});
});
