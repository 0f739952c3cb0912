/**
Every sandbox scenario, walked in the Ink app with Enter alone, against the running sandbox: real
checks, the sandbox's fix operations and the replay of the scenario's failing call.
*/
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Session} from '../../source/engine/session.ts';
import type {Sandbox} from '../../source/sandbox/index.ts';
import * as sandboxModule from '../../source/sandbox/index.ts';
import type {Scenario} from '../../source/sandbox/scenario.ts';
import {ficCrossTenant} from '../../source/sandbox/scenarios/fic-cross-tenant.ts';
import {ids} from '../../source/sandbox/scenarios/ids.ts';
import {openDemoSession} from '../../source/services/demo.ts';
import {openSessionArchive} from '../../source/services/sessions.ts';
import type {CommandContext} from '../../source/terminal/context.ts';
import {tree} from '../../source/tree/index.ts';
import {App} from '../../source/ui/app.tsx';
import {keys} from '../support/keys.ts';
import {renderApp} from '../support/render-app.tsx';

let directory: string;
beforeAll(async () => {
	directory = await mkdtemp(path.join(os.tmpdir(), 'authfix-walk-'));
});
afterAll(async () => {
	await rm(directory, {recursive: true, force: true});
});

function contextFor(): CommandContext {
	return {
		io: {
			stdout: {write() {}},
			stderr: {write() {}},
			readStdin: async () => '',
			stdinIsTty: true,
			stdoutIsTty: true,
			columns: 80,
			env: {PATH: process.env.PATH, HOME: directory},
			cwd: directory,
			now: () => Date.now(),
		},
		global: {json: false, color: false, cloud: undefined, timeoutSeconds: 15},
	};
}

const spinner = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
const done = /✓ Verified: the failing call now succeeds\.|✓ Every check passed/;

async function walk(scenario: string) {
	const archive = openSessionArchive(path.join(directory, 'data'));
	let sandbox: Sandbox | undefined;
	const exits: Array<Session | undefined> = [];
	const app = renderApp(
		<App
			tree={tree}
			color={false}
			scenarios={[{id: scenario, label: ''}]}
			initial={{entry: 'paste', scenario}}
			openSession={async request => {
				const opened = await openDemoSession({
					scenario: request.scenario!,
					sessionId: `walk-${scenario}`,
					archive: Promise.resolve(archive),
					context: contextFor(),
					stateDirectory: path.join(directory, 'sandbox'),
				});
				sandbox = opened.sandbox;
				return opened.store;
			}}
			onExit={session => exits.push(session)}
		/>,
	);
	const screens: string[] = [];
	try {
		for (let index = 0; index < 40; index++) {
			// Ready for a key: the hint line offers Enter and nothing is spinning.
			const frame = await app.waitFor(() => {
				const current = app.frame();
				return !spinner.test(current) && /(^|\n)Enter /.test(current);
			}, 20_000);
			screens.push(frame.split('\n').find(line => /^(Fix:|Verify:|[✓✗!] )/.test(line)) ?? frame.split('\n')[2] ?? '');
			if (done.test(frame)) break;
			app.stdin.write(keys.enter);
			await app.waitFor(() => app.frame() !== frame, 20_000);
		}

		const final = app.frame();
		app.stdin.write(keys.enter);
		await app.waitUntilExit();
		return {final, screens, session: exits[0], archive};
	} finally {
		app.unmount();
		await sandbox?.stop();
	}
}

/** Each scenario's walk: the fix it must reach (the fix follows the walk, so the path is the proof). */
const fixOf: Record<string, string> = {
	'tenant-mismatch': 'tm-fix-login',
	'wrong-audience': 'aud-fix',
	'expired-token': 'exp-fix-clock',
	'aux-token': 'aux-fix-clock',
	'fic-cross-tenant': 'fic-fix-multitenant',
	'token-endpoint-error': 'a65001-fix',
	'stale-cache': 'stale-fix-purge',
	'no-rbac': 'authz-fix-role',
	'github-oidc-subject-mismatch': 'fic-fix-add',
	'pipeline-wrong-tenant': 'src-fix-pipeline',
	'terraform-arm-vs-azure-vars': 'src-fix-terraform',
	'aks-workload-identity': 'fic-fix-add',
	'rbac-pim-eligible': 'authz-fix-pim',
	'rbac-deny-assignment': 'authz-fix-deny',
	'rbac-stale-token': 'authz-fix-fresh-token',
};
const failing = Object.keys(fixOf);

describe('Enter alone walks every sandbox scenario to its verified fix', () => {
	test.each(failing)(
		'%s',
		async scenario => {
			const {final, screens, session, archive} = await walk(scenario);
			if (process.env.AUTHFIX_SHOW_WALKS)
				console.log(
					scenario,
					JSON.stringify(session?.trail),
					JSON.stringify(
						session?.steps
							.filter(s => s.kind === 'check')
							.map(s => s.kind === 'check' && `${s.finding.id}:${s.finding.status}`),
					),
				);
			expect(final, screens.join('\n')).toContain('✓ Verified: the failing call now succeeds.');
			expect(session?.outcome).toBe('fixed');
			const fixes = session?.steps.filter(step => step.kind === 'fix');
			expect(fixes?.map(step => step.kind === 'fix' && `${step.node}:${step.how}`)).toEqual([
				`${fixOf[scenario]}:applied`,
			]);
			const replay = session?.steps.findLast(step => step.kind === 'replay');
			expect(replay?.kind === 'replay' && replay.result.attempts.map(attempt => attempt.status >= 400)).toEqual([
				true,
				false,
			]);
			expect(archive.get(`walk-${scenario}`)?.outcome).toBe('fixed');
		},
		120_000,
	);

	test('stale-cache: the cache is told apart from a wrong sign-in, purged with a backup, then signed in again', async () => {
		const {session} = await walk('stale-cache');
		expect(session?.trail).toEqual([
			'tm-subscription-tenant',
			'tm-token-tenant',
			'tm-why',
			'stale-fix-purge',
			'verify',
			'fixed',
		]);
		const fix = session?.steps.find(step => step.kind === 'fix');
		expect(fix?.kind === 'fix' && fix.detail).toMatch(
			/purged tenant 11111111-1111-1111-1111-111111111111's entries from the Azure CLI cache \(backup [\w-]+\); the client now signs in to tenant 22222222-2222-2222-2222-222222222222/,
		);
	}, 120_000);

	test("fic-cross-tenant: the check fails on the client's real assertion, and the fix does what its facts call for", async () => {
		const {session} = await walk('fic-cross-tenant');
		// fic-check fails (not skips) and names AADSTS700236: the walk goes straight to the working path.
		expect(session?.trail).toEqual(['fic-check', 'fic-fix-multitenant', 'verify', 'fixed']);
		const check = session?.steps.find(step => step.kind === 'check');
		expect(check?.kind === 'check' && check.finding.status).toBe('fail');
		expect(check?.kind === 'check' && check.finding.facts).toMatchObject({
			code: 'AADSTS700236',
			identityTenantId: ids.tenantA,
			identityObjectId: ids.buildIdentityObject,
			targetAppId: ids.deployApp,
			targetTenantId: ids.tenantB,
			homeAppId: ids.deployMultiApp,
			homeAppFederated: 'no',
			homeAppConsented: 'no',
		});
		const fix = session?.steps.find(step => step.kind === 'fix');
		const detail = fix?.kind === 'fix' ? fix.detail : '';
		expect(detail).toMatch(
			new RegExp(
				[
					`sandbox add-federated-credential: federated credential 'cross-tenant-identity' added to deploy-multi \\(issuer https://[^ ]+/${ids.tenantA}/v2\\.0, subject ${ids.buildIdentityObject}\\)`,
					`sandbox grant-admin-consent: admin consent granted to deploy-multi in tenant ${ids.tenantB} \\(service principal ${ids.deployMultiAppInB} created\\)`,
					`sandbox assign-role: assigned Reader to ${ids.deployMultiAppInB} at /subscriptions/${ids.subscriptionB}`,
					`the client exchanges its assertion for app ${ids.deployMultiApp}'s token \\(deploy-multi\\)\\.$`,
				].join('; '),
			),
		);
	}, 120_000);

	test("github-oidc-subject-mismatch: the job's own token is fetched and matched; the exact record is added", async () => {
		const {session} = await walk('github-oidc-subject-mismatch');
		expect(session?.trail).toEqual(['fic-check', 'fic-fix-add', 'verify', 'fixed']);
		const check = session?.steps.find(step => step.kind === 'check');
		expect(check?.kind === 'check' && check.finding.facts).toMatchObject({
			code: 'AADSTS700213',
			credentialOrigin: 'github-actions',
			assertionSubject: 'repo:contoso/webapp:environment:production',
			ficName: 'github-webapp-environment-production',
			clientId: ids.githubApp,
		});
		expect(check?.kind === 'check' && check.finding.detail).toContain('GitHub puts the environment in the subject');
		const fix = session?.steps.find(step => step.kind === 'fix');
		expect(fix?.kind === 'fix' && fix.detail).toMatch(
			/^sandbox add-federated-credential: federated credential 'github-webapp-environment-production' added to github-deploy \(issuer https:\/\/127\.0\.0\.1:\d+\/github-actions, subject repo:contoso\/webapp:environment:production\)\.$/,
		);
	}, 120_000);

	test("aks-workload-identity: the pod's projected token, the issuer's trailing slash, the record added with it", async () => {
		const {session} = await walk('aks-workload-identity');
		const check = session?.steps.find(step => step.kind === 'check');
		expect(check?.kind === 'check' && check.finding.facts).toMatchObject({
			code: 'AADSTS700211',
			credentialOrigin: 'kubernetes',
		});
		expect(check?.kind === 'check' && check.finding.detail).toContain('differ only in the trailing slash');
		const fix = session?.steps.find(step => step.kind === 'fix');
		expect(fix?.kind === 'fix' && fix.detail).toContain(
			`/aks/${ids.tenantA}/${ids.aksCluster}/, subject system:serviceaccount:orders:orders-worker`,
		);
	}, 120_000);

	test("pipeline-wrong-tenant: the service connection's tenant against the subscription's; the client then asks the right tenant", async () => {
		const {session} = await walk('pipeline-wrong-tenant');
		expect(session?.trail).toEqual(['a700016-source', 'src-fix-pipeline', 'verify', 'fixed']);
		const check = session?.steps.find(step => step.kind === 'check');
		expect(check?.kind === 'check' && check.finding).toMatchObject({
			status: 'fail',
			facts: {credentialOrigin: 'azure-pipelines', credentialTenant: ids.tenantA, subscriptionTenant: ids.tenantB},
		});
		expect(check?.kind === 'check' && check.finding.lines?.[0]).toMatch(
			/^✗ not the target's tenant 22222222…: Azure Pipelines service connection: identity aaaaaaaa…, tenant 11111111…/,
		);
	}, 120_000);

	test("terraform-arm-vs-azure-vars: authfix's own token (AZURE_*) is right; the credential sources find Terraform's ARM_TENANT_ID", async () => {
		const {session} = await walk('terraform-arm-vs-azure-vars');
		expect(session?.trail).toEqual([
			'tm-subscription-tenant',
			'tm-token-tenant',
			'tm-source',
			'src-fix-terraform',
			'verify',
			'fixed',
		]);
		const source = session?.steps.find(step => step.kind === 'check' && step.finding.id === 'credential-source');
		expect(source?.kind === 'check' && source.finding).toMatchObject({
			status: 'fail',
			fix: {command: `export ARM_TENANT_ID=${ids.tenantB}`},
			facts: {credentialOrigin: 'terraform', tenantVariable: 'ARM_TENANT_ID'},
		});
	}, 120_000);

	const group = `/subscriptions/${ids.subscriptionA}/resourceGroups/rg-app`;
	test.each([
		[
			'no-rbac',
			'fail',
			{role: 'Reader', roleScope: group, principalId: ids.ciAppInA, principalType: 'ServicePrincipal'},
			`sandbox assign-role: assigned Reader to ${ids.ciAppInA} at ${group}.`,
		],
		[
			'rbac-pim-eligible',
			'fail',
			{eligibleRole: 'Contributor', eligibleScope: `/subscriptions/${ids.subscriptionA}`, principalType: 'User'},
			`sandbox activate-eligible-role: ${ids.alice} activated its eligible role Contributor at /subscriptions/${ids.subscriptionA} (PIM).`,
		],
		[
			'rbac-deny-assignment',
			'fail',
			{denyAssignmentId: ids.stackDenyAssignment, action: 'Microsoft.Storage/storageAccounts/listKeys/action'},
			`sandbox exclude-from-deny-assignment: ${ids.ciAppInA} excluded from deny assignment 'Deny assignment '${ids.stackDenyAssignment}' created by Deployment Stack '${group}/providers/Microsoft.Resources/deploymentStacks/app-stack'.'.`,
		],
		[
			'rbac-stale-token',
			'pass',
			{grantedRole: 'Reader', principalId: ids.alice},
			'the client drops the token it held (issued 1800 s before the demo began) and asks for a fresh one.',
		],
	])(
		'%s: the role-assignments check names the cause (%s) and the fix carries it out',
		async (scenario, status, facts, detail) => {
			const {session} = await walk(scenario);
			const check = session?.steps.find(step => step.kind === 'check' && step.finding.id === 'role-assignments');
			expect(check?.kind === 'check' && check.finding).toMatchObject({status, facts});
			const fix = session?.steps.find(step => step.kind === 'fix');
			expect(fix?.kind === 'fix' && fix.detail).toBe(detail);
		},
		120_000,
	);

	test('aux-token: the expired auxiliary token takes the aux path, not the plain expiry path', async () => {
		const {session} = await walk('aux-token');
		expect(session?.trail).toEqual(['aux-subscription-tenant', 'aux-check', 'aux-fix-clock', 'verify', 'fixed']);
	}, 120_000);

	test("the demo hands the client's environment to the services: this process's env is left alone", async () => {
		const before = {...process.env};
		const {session} = await walk('token-endpoint-error');
		expect(session?.outcome).toBe('fixed');
		expect(process.env).toEqual(before);
		expect(process.env['AZURE_USERNAME']).toBeUndefined();
	}, 120_000);

	test('healthy: the health check passes and says so', async () => {
		const {final, session} = await walk('healthy');
		expect(final).toMatch(done);
		expect(session?.outcome).not.toBe('abandoned');
	}, 120_000);
});

/** Opens a scenario at a chosen node and presses Enter until the walk leaves the verification. */
async function walkFrom(scenario: string, start: string) {
	const opened = await openDemoSession({
		scenario,
		sessionId: `wrong-${scenario}`,
		archive: undefined,
		context: contextFor(),
		stateDirectory: path.join(directory, 'sandbox'),
		start,
	});
	try {
		const {store} = opened;
		const settled = () =>
			new Promise<void>(resolve => {
				if (!store.getSnapshot().pending) resolve();
				else {
					const stop = store.subscribe(() => {
						if (!store.getSnapshot().pending) {
							stop();
							resolve();
						}
					});
				}
			});
		for (let index = 0; index < 12 && !store.getSnapshot().trail.includes('still-failing'); index++) {
			if (store.getSnapshot().outcome) break;
			await settled();
			store.dispatch({type: 'continue'});
			await settled();
		}

		return {session: store.getSnapshot(), client: opened.client, state: opened.sandbox.state()};
	} finally {
		opened.store.dispose();
		await opened.sandbox.stop();
	}
}

describe('a fix that does not address the cause leaves the call failing', () => {
	test('tenant-mismatch, walked down the audience path: asking for ARM scope again leaves it failing', async () => {
		const {session, client} = await walkFrom('tenant-mismatch', 'aud-check');
		expect(session.trail).toEqual(['aud-check', 'aud-ask-client', 'aud-fix-code', 'verify', 'still-failing']);
		expect(session.outcome).toBeUndefined();
		const fix = session.steps.find(step => step.kind === 'fix');
		expect(fix).toMatchObject({kind: 'fix', node: 'aud-fix-code', how: 'applied'});
		const replay = session.steps.find(step => step.kind === 'replay');
		expect(replay?.kind === 'replay' && replay.result.outcome).toBe('still-failing');
		expect(replay?.kind === 'replay' && replay.result.attempts.map(attempt => attempt.errorCode)).toEqual([
			'InvalidAuthenticationTokenTenant',
			'InvalidAuthenticationTokenTenant',
		]);
		// The client really changed what it asks for; the tenant stayed wrong.
		expect(client.definition.resource).toBe('https://management.core.windows.net/');
		expect(client.definition.tenantId).toBe('11111111-1111-1111-1111-111111111111');
	}, 120_000);

	test('no-rbac, walked down the wrong-tenant path: signing in again leaves it 403, no role appears', async () => {
		const {session, state} = await walkFrom('no-rbac', 'tm-subscription-tenant');
		// The subscription's tenant cannot be read without a role: the walk selects the subscription again.
		expect(session.trail).toEqual(['tm-subscription-tenant', 'subctx-fix-set', 'verify', 'still-failing']);
		expect(session.steps.find(step => step.kind === 'fix')).toMatchObject({how: 'applied'});
		const replay = session.steps.find(step => step.kind === 'replay');
		expect(replay?.kind === 'replay' && replay.result.attempts.map(attempt => attempt.status)).toEqual([403, 403]);
		expect(state.operations).toEqual([]);
	}, 120_000);

	test('rbac-deny-assignment, fixed by only asking for a fresh token: the deny assignment still blocks it', async () => {
		const {session, state} = await walkFrom('rbac-deny-assignment', 'authz-fix-fresh-token');
		expect(session.trail).toEqual(['authz-fix-fresh-token', 'verify', 'still-failing']);
		const replay = session.steps.find(step => step.kind === 'replay');
		expect(replay?.kind === 'replay' && replay.result.attempts.map(attempt => attempt.errorCode)).toEqual([
			'DenyAssignmentAuthorizationFailed',
			'DenyAssignmentAuthorizationFailed',
		]);
		expect(state.operations).toEqual([]);
	}, 120_000);

	test('expired-token, fixed by only asking for a fresh token: a fresh token is born expired too', async () => {
		const {session} = await walkFrom('expired-token', 'exp-fix-refresh');
		expect(session.trail).toEqual(['exp-fix-refresh', 'verify', 'still-failing']);
	}, 120_000);
});

/** The fic scenario changed (the sandbox's scenario data), walked with Enter's action from a node. */
async function walkFic(scenario: Scenario, start?: string) {
	const opened = await openDemoSession({
		scenario: scenario.name,
		sessionId: `fic-${start ?? 'paste'}`,
		archive: undefined,
		context: contextFor(),
		stateDirectory: path.join(directory, 'sandbox'),
		sandboxModule: {...sandboxModule, startSandbox: options => sandboxModule.startSandbox({...options, scenario})},
		...(start ? {start} : {}),
	});
	try {
		const {store} = opened;
		const settled = () =>
			new Promise<void>(resolve => {
				if (!store.getSnapshot().pending) resolve();
				else {
					const stop = store.subscribe(() => {
						if (!store.getSnapshot().pending) {
							stop();
							resolve();
						}
					});
				}
			});
		for (let index = 0; index < 8 && !store.getSnapshot().outcome; index++) {
			await settled();
			if (store.getSnapshot().steps.some(step => step.kind === 'fix' && step.how === 'failed')) break;
			store.dispatch({type: 'continue'});
			await settled();
		}

		return {session: store.getSnapshot(), client: opened.client, state: opened.sandbox.state()};
	} finally {
		opened.store.dispose();
		await opened.sandbox.stop();
	}
}

describe('fic-cross-tenant: the fix follows the facts, not the scenario', () => {
	test('nothing prepared for the fix in the scenario: the facts alone carry it to a verified fix', async () => {
		const {session, state, client} = await walkFic({
			...ficCrossTenant,
			fix: {operations: [], summary: 'nothing prepared'},
		});
		expect(session.outcome).toBe('fixed');
		expect(state.operations.map(entry => entry.operation.op)).toEqual([
			'add-federated-credential',
			'grant-admin-consent',
			'assign-role',
		]);
		expect(client.definition.exchangeFor).toBe('deploy-multi');
	}, 120_000);

	test('the home app already trusts the identity: only consent and the role are carried out', async () => {
		const apps = ficCrossTenant.apps.map(app =>
			app.name === 'deploy-multi'
				? {
						...app,
						federatedCredentials: ficCrossTenant.apps.find(candidate => candidate.name === 'deploy-app')
							?.federatedCredentials,
					}
				: app,
		);
		expect(apps.find(app => app.name === 'deploy-multi')?.federatedCredentials?.[0]?.subject).toBe(
			ids.buildIdentityObject,
		);
		const {session, state} = await walkFic({...ficCrossTenant, apps});
		const check = session.steps.find(step => step.kind === 'check');
		expect(check?.kind === 'check' && check.finding.facts).toMatchObject({homeAppFederated: 'yes'});
		expect(session.outcome).toBe('fixed');
		expect(state.operations.map(entry => entry.operation.op)).toEqual(['grant-admin-consent', 'assign-role']);
		const fix = session.steps.find(step => step.kind === 'fix');
		expect(fix?.kind === 'fix' && fix.detail).toContain('(1 step already done, skipped)');
	}, 120_000);

	test("no multi-tenant app in the identity's tenant: the check says so and the fix changes nothing, saying why", async () => {
		const apps = ficCrossTenant.apps.filter(app => app.name !== 'deploy-multi');
		const {session, state, client} = await walkFic({...ficCrossTenant, apps});
		const check = session.steps.find(step => step.kind === 'check');
		expect(check?.kind === 'check' && check.finding.status).toBe('fail');
		expect(check?.kind === 'check' && check.finding.detail).toContain(
			`Tenant ${ids.tenantA} has no multi-tenant app yet`,
		);
		const fix = session.steps.find(step => step.kind === 'fix');
		expect(fix).toMatchObject({kind: 'fix', node: 'fic-fix-multitenant', how: 'failed'});
		expect(fix?.kind === 'fix' && fix.detail).toBe(
			'Nothing was changed: add-federated-credential needs {homeAppId}, which is not known yet.',
		);
		expect(state.operations).toEqual([]);
		expect(client.definition.exchangeFor).toBe('deploy-app');
	}, 120_000);

	test('the fix opened before any check: nothing changes, and it says which fact is missing', async () => {
		const {session, state} = await walkFic(ficCrossTenant, 'fic-fix-multitenant');
		const fix = session.steps.find(step => step.kind === 'fix');
		expect(fix).toMatchObject({kind: 'fix', how: 'failed'});
		expect(fix?.kind === 'fix' && fix.detail).toMatch(
			/^Nothing was changed: .* needs \{\w+\}, which is not known yet\.$/,
		);
		expect(state.operations).toEqual([]);
	}, 120_000);
});
