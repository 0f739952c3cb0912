import {type ChildProcess, execFile, spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {ids} from '../../source/sandbox/scenarios/ids.ts';
import {scenarios} from '../../source/sandbox/scenarios/index.ts';
import {node22, runCli} from '../fakes/run-cli.ts';

const cli = fileURLToPath(new URL('../../source/cli.ts', import.meta.url));

type Started = {
	cloud: {
		name: string;
		metadataUrl: string;
		authorityHost: string;
		resourceManager: string;
		resourceManagerAudience: string;
		graph: string;
	};
	env: Record<string, string>;
	identities: Array<{name: string; kind: string; tenantId: string; clientId?: string; secret?: string}>;
	subscriptions: Array<{subscriptionId: string; tenantId: string; displayName: string}>;
	scenario: {name: string};
	azureCli: {register: string[]; set: string[]; login?: string[]};
};

function curl(args: string[]): Promise<{code: number; stdout: string}> {
	return new Promise(resolve => {
		execFile('curl', ['--silent', '--show-error', '--max-time', '10', ...args], {timeout: 15_000}, (error, stdout) =>
			resolve({code: error ? 1 : 0, stdout}),
		);
	});
}

/** Listening TCP sockets as [address, port] from /proc/net/tcp and tcp6 (state 0A = LISTEN). */
async function listeningSockets(): Promise<Array<{address: string; port: number}>> {
	const sockets: Array<{address: string; port: number}> = [];
	for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
		const text = await readFile(file, 'utf8').catch(() => '');
		for (const line of text.split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			if (fields[3] !== '0A' || !fields[1]) continue;
			const [address, port] = fields[1].split(':');
			sockets.push({address: address!, port: Number.parseInt(port!, 16)});
		}
	}

	return sockets;
}

describe('authfix sandbox --json', () => {
	let stateDirectory: string;
	let child: ChildProcess;
	let started: Started;
	let stderr = '';

	beforeAll(async () => {
		stateDirectory = await mkdtemp(path.join(tmpdir(), 'authfix-sandbox-command-'));
		child = spawn(node22, [cli, 'sandbox', '--scenario', 'tenant-mismatch', '--json', '--state-dir', stateDirectory], {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {PATH: process.env['PATH'], HOME: stateDirectory},
		});
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr += chunk.toString('utf8');
		});
		const lines = createInterface({input: child.stdout!});
		const [first] = (await once(lines, 'line')) as [string];
		started = JSON.parse(first) as Started;
	});

	afterAll(async () => {
		if (child.exitCode === null) child.kill('SIGKILL');
		await rm(stateDirectory, {recursive: true, force: true});
	});

	test('prints one JSON document on one line with the cloud, env, identities and subscriptions', () => {
		expect(Object.keys(started).sort()).toEqual(
			[
				'cloud',
				'env',
				'managedIdentityEnv',
				'identities',
				'workloads',
				'subscriptions',
				'scenario',
				'stateDirectory',
				'operationsUrl',
				'azureCli',
			].sort(),
		);
		// The az commands that point the Azure CLI at this sandbox, as argv: the benchmark runs them.
		expect(started.azureCli).toMatchObject({
			register: [
				'cloud',
				'register',
				'--name',
				'AuthfixSandbox',
				'--endpoint-active-directory',
				started.cloud.authorityHost,
				'--endpoint-resource-manager',
				`${started.cloud.resourceManager}/`,
				'--endpoint-active-directory-resource-id',
				'https://management.core.windows.net/',
				'--endpoint-active-directory-graph-resource-id',
				`${started.cloud.graph}/`,
			],
			set: ['cloud', 'set', '--name', 'AuthfixSandbox'],
			login: [
				'login',
				'--service-principal',
				'--username',
				expect.any(String),
				'--password',
				expect.any(String),
				'--tenant',
				expect.any(String),
			],
		});
		expect(started.cloud).toEqual({
			name: 'AuthfixSandbox',
			metadataUrl: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+\/metadata\/endpoints\?api-version=/),
			authorityHost: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
			resourceManager: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
			resourceManagerAudience: 'https://management.core.windows.net/',
			graph: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
		});
		expect(Object.keys(started.env).sort()).toEqual(
			[
				'AUTHFIX_CLOUD',
				'AZURE_AUTHORITY_HOST',
				'AZURE_CONFIG_DIR',
				'AZURE_CORE_COLLECT_TELEMETRY',
				'HTTPS_PROXY',
				'HTTP_PROXY',
				'NODE_EXTRA_CA_CERTS',
				'NO_PROXY',
				'REQUESTS_CA_BUNDLE',
			].sort(),
		);
		expect(started.env['AZURE_CONFIG_DIR']!.startsWith(stateDirectory)).toBe(true);
		expect(started.identities).toContainEqual({
			name: 'ci-app',
			kind: 'service-principal',
			tenantId: ids.tenantA,
			clientId: ids.ciApp,
			secret: 'sandbox-ci-app-secret-not-real',
			certificatePath: path.join(stateDirectory, 'certificates', `app-${ids.ciApp}.pem`),
		});
		expect(started.subscriptions).toEqual([
			{subscriptionId: ids.subscriptionA, tenantId: ids.tenantA, displayName: 'Contoso Dev Subscription'},
			{subscriptionId: ids.subscriptionB, tenantId: ids.tenantB, displayName: 'Fabrikam Production'},
		]);
		expect(started.scenario.name).toBe('tenant-mismatch');
	});

	test('curl finds a subscription’s tenant without a token, from the 401 challenge', async () => {
		const result = await curl([
			'--cacert',
			started.env['NODE_EXTRA_CA_CERTS']!,
			'--include',
			`${started.cloud.resourceManager}/subscriptions/${ids.subscriptionB}?api-version=2022-12-01`,
		]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^HTTP\/1\.1 401 /);
		expect(result.stdout).toContain(
			`www-authenticate: Bearer authorization_uri="${started.cloud.authorityHost}/${ids.tenantB}", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."`,
		);
		expect(result.stdout).toMatch(/x-ms-request-id: [\da-f-]{36}/);
		expect(result.stdout).toContain('{"error":{"code":"AuthenticationFailed","message":"Authentication failed."}}');
	});

	test('nothing listens beyond loopback: every socket on the sandbox’s ports is bound to 127.0.0.1', async () => {
		const ports = [
			started.cloud.authorityHost,
			started.cloud.resourceManager,
			started.cloud.graph,
			started.env['HTTPS_PROXY']!,
		].map(url => Number(new URL(url).port));
		const sockets = (await listeningSockets()).filter(socket => ports.includes(socket.port));
		expect(sockets.map(socket => socket.port).sort()).toEqual([...ports].sort());
		// 0100007F is 127.0.0.1 in /proc/net/tcp's little-endian hex.
		expect(sockets.every(socket => socket.address === '0100007F')).toBe(true);
	});

	test('the proxy refuses every host but login.microsoftonline.com and the sandbox, and says so', async () => {
		const refused = await curl(['--proxy', started.env['HTTPS_PROXY']!, '--include', 'https://example.com/']);
		expect(refused.code).toBe(1);
		const discovery = await curl([
			'--proxy',
			started.env['HTTPS_PROXY']!,
			'--cacert',
			started.env['NODE_EXTRA_CA_CERTS']!,
			'https://login.microsoftonline.com/common/discovery/instance?api-version=1.1&authorization_endpoint=https://login.microsoftonline.com/common/oauth2/authorize',
		]);
		expect(JSON.parse(discovery.stdout)).toMatchObject({
			tenant_discovery_endpoint: `${started.cloud.authorityHost}/common/v2.0/.well-known/openid-configuration`,
			metadata: [{aliases: [new URL(started.cloud.authorityHost).host]}],
		});
		await expect.poll(() => stderr).toContain('CONNECT example.com:443 refused');
		// A client that tunnels even to loopback (no NO_PROXY) reaches the sandbox's own ports.
		const tunnelled = await curl([
			'--proxy',
			started.env['HTTPS_PROXY']!,
			'--noproxy',
			'',
			'--cacert',
			started.env['NODE_EXTRA_CA_CERTS']!,
			`${started.cloud.authorityHost}/${ids.tenantA}/v2.0/.well-known/openid-configuration`,
		]);
		expect(JSON.parse(tunnelled.stdout)).toMatchObject({issuer: `${started.cloud.authorityHost}/${ids.tenantA}/v2.0`});
		const otherLoopback = await curl(['--proxy', started.env['HTTPS_PROXY']!, '--noproxy', '', 'https://127.0.0.1:1/']);
		expect(otherLoopback.code).toBe(1);
		await expect.poll(() => stderr).toContain('CONNECT 127.0.0.1:1 refused');
	});

	test('an operation is logged on stderr as one line, with what the client sent neutralised', async () => {
		const scope = `/subscriptions/${ids.subscriptionB}`;
		const result = await curl([
			'--cacert',
			started.env['NODE_EXTRA_CA_CERTS']!,
			'-X',
			'POST',
			'--data-binary',
			JSON.stringify({principalId: '\u001B]0;owned\u0007evil\u001B[2J\nsecond line', role: 'Reader', scope}),
			`${started.cloud.resourceManager}/_sandbox/ops/assign-role`,
		]);
		expect(result.code).toBe(0);
		await expect
			.poll(() => stderr)
			.toContain(`sandbox: assign-role: assigned Reader to evil second line at ${scope}\n`);
		expect(stderr).not.toMatch(/[\u001B\u0007]/);
	});

	test('SIGTERM stops it with exit code 0 and removes its Azure CLI folder', async () => {
		const azureConfigDirectory = started.env['AZURE_CONFIG_DIR']!;
		await expect(stat(azureConfigDirectory)).resolves.toMatchObject({});
		child.kill('SIGTERM');
		const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
		expect({code, signal}).toEqual({code: 0, signal: null});
		await expect(stat(azureConfigDirectory)).rejects.toMatchObject({code: 'ENOENT'});
	});
});

describe('authfix sandbox (for people)', () => {
	/** Runs the human report of one scenario up to its last line, then stops it (SIGTERM, exit 0). */
	async function humanReport(scenario: string): Promise<string> {
		const stateDirectory = await mkdtemp(path.join(tmpdir(), 'authfix-sandbox-human-'));
		const child = spawn(node22, [cli, 'sandbox', '--scenario', scenario, '--state-dir', stateDirectory], {
			stdio: ['ignore', 'pipe', 'inherit'],
			env: {PATH: process.env['PATH'], HOME: stateDirectory, NO_COLOR: '1'},
		});
		try {
			let stdout = '';
			for await (const line of createInterface({input: child.stdout!})) {
				stdout += `${line}\n`;
				if (line === 'Serving until Ctrl+C.') break;
			}

			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			expect(await exited).toEqual([0, null]);
			return stdout;
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
			await rm(stateDirectory, {recursive: true, force: true});
		}
	}

	const seededNote =
		'  (this scenario pre-seeds AZURE_CONFIG_DIR: the cloud is registered and signed in already, as the scenario says)\n';

	test("a scenario with workloads lists each with its issuer, the job's variables and the pod's token URL", async () => {
		const report = await humanReport('aks-workload-identity');
		expect(report).toMatch(/^Workloads /m);
		expect(report).toMatch(
			/^ {2}orders-worker-pod \(kubernetes\), issuer https:\/\/127\.0\.0\.1:\d+\/aks\/11111111-1111-1111-1111-111111111111\/eeeeeeee-0000-0000-0000-000000000001\/$/m,
		);
		expect(report).toMatch(/curl --cacert \S+ -o token https:\/\/127\.0\.0\.1:\d+\/kubelet\/orders-worker-pod\/token/);
		const github = await humanReport('github-oidc-subject-mismatch');
		expect(github).toMatch(/^ {4}export ACTIONS_ID_TOKEN_REQUEST_URL=/m);
		expect(github).toMatch(/^ {4}export GITHUB_REPOSITORY=contoso\/webapp$/m);
	});

	test('a scenario that seeds the Azure CLI says so, whatever its name; one that does not, does not', async () => {
		const seeded = scenarios.filter(scenario => scenario.azureCli).map(scenario => scenario.name);
		expect(seeded).toEqual([
			'fic-cross-tenant',
			'stale-cache',
			'github-oidc-subject-mismatch',
			'aks-workload-identity',
		]);
		expect(await humanReport('fic-cross-tenant')).toContain(seededNote);
		const healthy = await humanReport('healthy');
		expect(healthy).toContain('Serving until Ctrl+C.\n');
		expect(healthy).not.toContain('pre-seeds');
	});
});

describe('authfix sandbox usage', () => {
	test('--scenario list names every scenario with a description', async () => {
		const result = await runCli(['sandbox', '--scenario', 'list'], {});
		expect(result.code).toBe(0);
		for (const name of [
			'healthy',
			'tenant-mismatch',
			'wrong-audience',
			'expired-token',
			'aux-token',
			'fic-cross-tenant',
			'token-endpoint-error',
			'stale-cache',
			'no-rbac',
			'github-oidc-subject-mismatch',
			'pipeline-wrong-tenant',
			'terraform-arm-vs-azure-vars',
			'aks-workload-identity',
			'rbac-pim-eligible',
			'rbac-deny-assignment',
			'rbac-stale-token',
		]) {
			expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
		}
	});

	test('a state folder that cannot be made is a usage error (exit 2), not a stack trace', async () => {
		const parent = await mkdtemp(path.join(tmpdir(), 'authfix-sandbox-file-'));
		try {
			const file = path.join(parent, 'a-file');
			await writeFile(file, '');
			const result = await runCli(['sandbox', '--state-dir', path.join(file, 'state')], {});
			expect(result.code).toBe(2);
			expect(result.stderr).toBe(
				`authfix: sandbox: cannot use the state folder ${path.join(file, 'state')} (ENOTDIR); choose another with --state-dir\n`,
			);
		} finally {
			await rm(parent, {recursive: true, force: true});
		}
	});

	test('an unknown scenario is a usage error (exit 2): one line that lists the known ones', async () => {
		const result = await runCli(['sandbox', '--scenario', 'no-such-thing'], {});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			`authfix: sandbox: unknown scenario 'no-such-thing'; known: ${scenarios.map(scenario => scenario.name).join(', ')}\n`,
		);
		expect(result.stdout).toBe('');
	});
});
