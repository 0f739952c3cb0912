/**
Artifacts against the sandbox, with the real Azure CLI: the `az --debug` output of a call that
fails (tenant-mismatch: the token is from the app's home tenant) is explained and replayed with a
fresh token from the subscription's tenant; a HAR whose API call failed the same way is replayed
the same way (the token it logged is never sent), and so is a Terraform debug log's; `authfix run`
wraps the failing az call.
*/
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest';
import {fingerprint} from '../../source/safety/redact.ts';
import {
	artifactIds,
	expectNoSecrets,
	mintSecrets,
	readFixture,
	type Secrets,
	secretValues,
	signInHar,
} from '../support/artifacts.ts';
import {ids, replayUrl, type Session, startSession} from './sandbox-session.ts';

vi.setConfig({testTimeout: 120_000});

let session: Session;
let secrets: Secrets;
/** The token az gets by default: from the app's home tenant, not the subscription's. */
let homeToken: string;
/** `az rest … --debug`'s standard error for the scenario's failing call. */
let debugLog: string;

/**
The scenario's call as az rest sends it with the home tenant's token. (Given a subscription's URL,
az rest itself asks for a token for that subscription, which this sign-in does not list: the token
goes in by hand, as people do, and --debug then logs it in clear on its command line.)
*/
const failingCall = () => [
	'rest',
	'--method',
	'get',
	'--url',
	replayUrl(session),
	'--skip-authorization-header',
	'--headers',
	`Authorization=Bearer ${homeToken}`,
	'--debug',
];

beforeAll(async () => {
	session = await startSession('tenant-mismatch');
	await session.signIn('ci-app', ids.tenantA);
	secrets = await mintSecrets();
	homeToken = (
		await session.az(['account', 'get-access-token', '--query', 'accessToken', '--output', 'tsv'])
	).stdout.trim();
	const failed = await session.az(failingCall()).then(
		() => undefined,
		(error: {stderr?: string}) => error.stderr,
	);
	if (!failed?.includes('Response status: 401'))
		throw new Error(`the scenario call should fail with a 401:\n${failed}`);
	debugLog = failed;
}, 180_000);

afterAll(async () => {
	await session?.stop();
});

describe('artifacts against the sandbox', () => {
	test('az --debug of the failing call: explained from its failing request', async () => {
		const file = path.join(session.home, 'az-debug.log');
		await writeFile(file, debugLog);
		expect(debugLog).toContain(homeToken);
		for (const json of [true, false]) {
			const result = await session.authfix(['explain', ...(json ? ['--json'] : []), '--file', file]);
			expect(result.code, result.stderr).toBe(0);
			if (json)
				expect(JSON.parse(result.stdout)).toMatchObject({
					findings: [{family: 'arm-token-tenant-mismatch', entities: {subscriptionTenant: ids.tenantB}}],
					artifact: {kind: 'az-debug', failing: {method: 'GET', url: replayUrl(session), status: 401}},
				});
			else expect(result.stdout).toContain('From the az --debug output (1 request):');
			expectNoSecrets(result.stdout + result.stderr, [homeToken]);
		}
	});

	test('replay --from the az --debug output: the failure it recorded, then fixed by a token from the right tenant', async () => {
		const file = path.join(session.home, 'az-debug-replay.log');
		await writeFile(file, debugLog);
		const result = await session.authfix(['replay', '--from', file, '--json']);
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({
			request: {method: 'GET', url: replayUrl(session)},
			from: {kind: 'az-debug'},
			outcome: 'fixed',
			attempts: [
				{label: 'before', status: 401, errorCode: 'InvalidAuthenticationTokenTenant', via: 'given'},
				{label: 'after', status: 200, via: expect.stringContaining(`tenant ${ids.tenantB}`)},
			],
		});
		expectNoSecrets(result.stdout + result.stderr, [homeToken]);
	});

	test('replay --from a HAR: its failed ARM call, with a fresh token (the one it logged is never sent); no secret out', async () => {
		const file = path.join(session.home, 'trace.har');
		await writeFile(file, signInHar(secrets, {apiUrl: replayUrl(session)}));
		for (const json of [true, false]) {
			const result = await session.authfix(['replay', '--from', file, ...(json ? ['--json'] : [])]);
			expect(result.code, result.stderr).toBe(0);
			if (json)
				expect(JSON.parse(result.stdout)).toMatchObject({
					from: {kind: 'har', at: 7},
					outcome: 'fixed',
					attempts: [
						{label: 'before', status: 401, via: 'given'},
						{label: 'after', status: 200},
					],
				});
			else expect(result.stdout).toContain('From the browser HAR export (entry 7): its failed call');
			expectNoSecrets(result.stdout + result.stderr, secretValues(secrets));
		}
	});

	test('replay --from a Terraform debug log whose dump kept the Authorization header: fixed with a fresh token, the logged one never out', async () => {
		// The made azurerm log, pointed at the sandbox's ARM and the scenario's failing call.
		const arm = new URL(session.sandbox.cloud.resourceManager);
		const log = (
			await readFixture('terraform/made-azurerm1.x-401-per-line-with-authorization.txt', {token: secrets.armToken})
		)
			.replaceAll('management.azure.com', arm.host)
			.replaceAll(artifactIds.subscriptionId, ids.subscriptionB)
			.replaceAll('rg-app?api-version=2018-05-01', 'rg-prod?api-version=2021-04-01');
		const file = path.join(session.home, 'terraform.log');
		await writeFile(file, log);
		const result = await session.authfix(['replay', '--from', file, '--json']);
		expect(result.code, result.stderr).toBe(0);
		// The attempt sent carries a fresh token's fingerprint, never the logged one's.
		expect(result.stdout).not.toContain(fingerprint(secrets.armToken));
		expect(JSON.parse(result.stdout)).toMatchObject({
			request: {method: 'GET', url: replayUrl(session)},
			from: {kind: 'terraform-debug', at: 1},
			outcome: 'fixed',
			attempts: [
				{label: 'before', status: 401, errorCode: 'InvalidAuthenticationTokenTenant', via: 'given'},
				{label: 'after', status: 200},
			],
		});
		expectNoSecrets(result.stdout + result.stderr, secretValues(secrets));
	});

	test('run --json --yes wraps the failing az call: recognised from its --debug output, run again, still failing', async () => {
		const result = await session.authfix(['run', '--json', '--yes', '--', 'az', ...failingCall()]);
		expect(result.code, result.stderr).toBe(1);
		// The command's own output, twice (the run and the run again), goes to stderr as it was.
		expect(result.stderr.split('cli.azure.cli.core.util: Response status: 401')).toHaveLength(3);
		expect(JSON.parse(result.stdout)).toMatchObject({
			readOnly: true,
			exitCode: 1,
			recognised: true,
			findings: [{family: 'arm-token-tenant-mismatch'}],
			artifact: {kind: 'az-debug', failing: {status: 401}},
			rerun: {exitCode: 1, errorCode: 'InvalidAuthenticationTokenTenant', outcome: 'still-failing'},
		});
		expectNoSecrets(result.stdout, [homeToken]);
	});
});
