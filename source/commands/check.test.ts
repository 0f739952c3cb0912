import {describe, expect, test} from 'vitest';
import {pathWith, runCli} from '../../test/fakes/run-cli.ts';
import {fakeServices, now, subscriptionB, tenantA, tokenResult} from '../../test/fakes/services.ts';
import {mintToken} from '../../test/support/mint.ts';
import {defaultCheckIds} from '../checks/run-checks.ts';
import type {TenantId} from '../target/ids.ts';
import type {CommandContext} from '../terminal/context.ts';
import {UsageError} from '../usage-error.ts';
import {createCheckCommand, formatFindings} from './check.ts';
import {createTenantCommand} from './tenant.ts';

function terminal(): CommandContext['io'] & {out: string[]} {
	const out: string[] = [];
	return {
		out,
		stdout: {write: text => void out.push(text)},
		stderr: {write: () => {}},
		readStdin: async () => '',
		stdinIsTty: true,
		stdoutIsTty: false,
		columns: 100,
		// No pinned profile unless a test writes one.
		env: {AUTHFIX_DATA_DIR: '/nonexistent/authfix'},
		cwd: '/nonexistent',
		now: () => now,
	};
}

const services = fakeServices({
	tokens: async request =>
		tokenResult(
			(
				await mintToken({
					version: '1.0',
					identity: 'app',
					audience: request.resource,
					tenantId: request.tenantId ?? tenantA,
					now,
				})
			).token,
		),
});

describe('authfix check', () => {
	test('--action and --scope name the refused operation; the role-assignments check reads them, bad ones are usage errors', async () => {
		const io = terminal();
		const scope = `/subscriptions/${subscriptionB}/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/st`;
		await createCheckCommand(async () => services).run(
			[
				'--subscription',
				subscriptionB,
				'--action',
				'Microsoft.Storage/storageAccounts/listKeys/action',
				'--scope',
				scope,
			],
			{io, global: {json: true, color: false, cloud: undefined, timeoutSeconds: 5}},
		);
		const found = JSON.parse(io.out[0]!).checks.find((check: {id: string}) => check.id === 'role-assignments');
		expect(found.facts).toMatchObject({action: 'Microsoft.Storage/storageAccounts/listKeys/action', scope});
		for (const args of [
			['--action', 'Microsoft.Storage/x; rm -rf /'],
			['--scope', 'subscriptions/no-leading-slash'],
		]) {
			await expect(
				createCheckCommand(async () => services).run(args, {
					io: terminal(),
					global: {json: true, color: false, cloud: undefined, timeoutSeconds: 5},
				}),
			).rejects.toThrow(UsageError);
		}
	});

	test('--json prints exactly one document of the agreed shape; a failed check means exit 1', async () => {
		const io = terminal();
		const code = await createCheckCommand(async () => services).run(['--subscription', subscriptionB], {
			io,
			global: {json: true, color: false, cloud: undefined, timeoutSeconds: 5},
		});
		expect(code).toBe(1);
		expect(io.out).toHaveLength(1);
		const document = JSON.parse(io.out[0]!);
		expect(document.verdict).toBe('problems');
		expect(document.checks.map((check: {id: string}) => check.id)).toEqual(defaultCheckIds);
		for (const check of document.checks) {
			expect(Object.keys(check)).toEqual(expect.arrayContaining(['id', 'status', 'title', 'detail']));
			expect(['pass', 'warn', 'fail', 'skip', 'error']).toContain(check.status);
		}

		expect(document.checks.find((check: {id: string}) => check.id === 'token-tenant').status).toBe('fail');
	});

	test('all passing means exit 0 and the verdict ok', async () => {
		const io = terminal();
		const code = await createCheckCommand(async () => services).run([], {
			io,
			global: {json: true, color: false, cloud: undefined, timeoutSeconds: 5},
		});
		expect(JSON.parse(io.out[0]!).verdict).toBe('ok');
		expect(code).toBe(0);
	});

	test.each([
		[['--subscription', 'nope'], '--subscription takes a GUID'],
		[['--credential', 'browser'], '--credential takes one of'],
		[['--resource', 'ftp://x'], '--resource takes'],
		[['--bogus'], "Unknown option '--bogus'"],
		[['extra'], 'unexpected argument'],
	])('%o is a usage error', async (args, message) => {
		await expect(
			createCheckCommand(async () => services).run(args, {
				io: terminal(),
				global: {json: false, color: false, cloud: undefined, timeoutSeconds: 5},
			}),
		).rejects.toThrow(message);
	});

	test('a usage error from the real CLI is one line and exit 2', async () => {
		const run = await runCli(['check', '--subscription', 'nope'], {HOME: '/nonexistent', PATH: pathWith('missing')});
		expect(run.code).toBe(2);
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
		expect(run.stdout).toBe('');
	});

	test('human output: one line per check with its icon, and the fixing command under a problem', () => {
		const text = formatFindings(
			[
				{
					id: 'token-tenant',
					status: 'fail',
					title: 'Token tenant',
					detail: 'wrong tenant',
					fix: {text: 'Sign in there.', command: 'az login --tenant x'},
				},
				{id: 'token-expiry', status: 'pass', title: 'Token lifetime', detail: 'fine\u001B[2J'},
			],
			false,
		);
		expect(text).toBe(
			'✗ Token tenant: wrong tenant\n  → Sign in there.\n    az login --tenant x\n✓ Token lifetime: fine\n',
		);
	});
});

describe('authfix check with a pinned profile', () => {
	const pinned = {
		profile: {
			name: 'team',
			subscriptionId: subscriptionB,
			tenantId: '22222222-2222-2222-2222-222222222222' as TenantId,
			file: '/nonexistent/.authfix.json',
			origin: 'project' as const,
		},
	};

	test('the profile gives the subscription; the human output names it', async () => {
		const io = terminal();
		const code = await createCheckCommand(
			async () => services,
			async () => pinned,
		).run([], {io, global: {json: false, color: false, cloud: undefined, timeoutSeconds: 5}});
		const text = io.out.join('');
		expect(text.split('\n')[0]).toBe(
			`Using profile 'team' (.authfix.json): subscription ${subscriptionB}, tenant 22222222-2222-2222-2222-222222222222.`,
		);
		// az is signed in to tenant A; the pinned subscription lives in tenant B: the token tenant check fails.
		expect(text).toContain(`✗ Token tenant`);
		expect(code).toBe(1);
	});

	test('--subscription overrides the profile; --json says whether it was used; --no-profile ignores it', async () => {
		const io = terminal();
		await createCheckCommand(
			async () => services,
			async () => pinned,
		).run(['--subscription', '33333333-3333-3333-3333-333333333333'], {
			io,
			global: {json: true, color: false, cloud: undefined, timeoutSeconds: 5},
		});
		const document = JSON.parse(io.out[0]!);
		expect(document.verdict).toBe('ok');
		expect(document.profile).toMatchObject({name: 'team', used: false, subscriptionId: subscriptionB});

		const human = terminal();
		await createCheckCommand(
			async () => services,
			async () => pinned,
		).run(['--subscription', '33333333-3333-3333-3333-333333333333'], {
			io: human,
			global: {json: false, color: false, cloud: undefined, timeoutSeconds: 5},
		});
		expect(human.out.join('').split('\n')[0]).toBe(
			"Not using profile 'team' (.authfix.json): --subscription overrides it.",
		);

		let asked = false;
		const quiet = terminal();
		await createCheckCommand(
			async () => services,
			async () => {
				asked = true;
				return pinned;
			},
		).run(['--no-profile'], {io: quiet, global: {json: true, color: false, cloud: undefined, timeoutSeconds: 5}});
		expect(asked).toBe(false);
		expect(JSON.parse(quiet.out[0]!).profile).toBeUndefined();
	});

	test('a profile whose tenant no longer holds the subscription is called out', async () => {
		const io = terminal();
		await createCheckCommand(
			async () => services,
			async () => ({profile: {...pinned.profile, tenantId: tenantA}}),
		).run([], {io, global: {json: true, color: false, cloud: undefined, timeoutSeconds: 5}});
		expect(JSON.parse(io.out[0]!).notes).toEqual([
			`profile 'team' (.authfix.json) pins tenant ${tenantA}, but subscription ${subscriptionB} is in tenant 22222222-2222-2222-2222-222222222222 now: pin it again.`,
		]);
	});
});

describe('authfix tenant', () => {
	test('prints the tenant and the command; unknown subscriptions exit 1; bad ids are usage errors', async () => {
		const io = terminal();
		expect(
			await createTenantCommand(async () => services).run([subscriptionB], {
				io,
				global: {json: true, color: false, cloud: undefined, timeoutSeconds: 5},
			}),
		).toBe(0);
		expect(JSON.parse(io.out[0]!)).toEqual({
			subscriptionId: subscriptionB,
			tenantId: '22222222-2222-2222-2222-222222222222',
			authority: 'https://login.windows.net/22222222-2222-2222-2222-222222222222',
			command: 'az login --tenant 22222222-2222-2222-2222-222222222222',
		});
		expect(
			await createTenantCommand(async () => services).run(['55555555-5555-5555-5555-555555555555'], {
				io: terminal(),
				global: {json: false, color: false, cloud: undefined, timeoutSeconds: 5},
			}),
		).toBe(1);
		await expect(
			createTenantCommand(async () => services).run(['x'], {
				io: terminal(),
				global: {json: false, color: false, cloud: undefined, timeoutSeconds: 5},
			}),
		).rejects.toThrow(UsageError);
	});
});

describe('authfix check inside a CI job', () => {
	async function inJob(env: Record<string, string>, args: string[], json: boolean) {
		const out: string[] = [];
		const err: string[] = [];
		const io = {
			...terminal(),
			stdout: {write: (text: string) => void out.push(text)},
			stderr: {write: (text: string) => void err.push(text)},
			env: {AUTHFIX_DATA_DIR: '/nonexistent/authfix', ...env},
		};
		const code = await createCheckCommand(async () => services).run(['--subscription', subscriptionB, ...args], {
			io,
			global: {json, color: false, cloud: undefined, timeoutSeconds: 5},
		});
		return {code, stdout: out.join(''), stderr: err.join('')};
	}

	test('GitHub Actions: ::error annotations beside the output, and the Markdown job summary appended to $GITHUB_STEP_SUMMARY', async () => {
		const {mkdtemp, readFile, rm, writeFile} = await import('node:fs/promises');
		const os = await import('node:os');
		const path = await import('node:path');
		const folder = await mkdtemp(path.join(os.tmpdir(), 'authfix-summary-'));
		const summary = path.join(folder, 'step_summary');
		await writeFile(summary, 'earlier step\n');
		try {
			const {code, stdout} = await inJob({GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary}, [], false);
			expect(code).toBe(1);
			expect(stdout).toContain('✗ Token tenant');
			const annotations = stdout.split('\n').filter(line => line.startsWith('::'));
			expect(annotations).toContainEqual(
				expect.stringMatching(/^::error title=authfix%3A Token tenant::.*InvalidAuthenticationTokenTenant/),
			);
			for (const line of annotations) expect(line).toMatch(/^::(error|warning) title=[^:]*::/);
			const written = await readFile(summary, 'utf8');
			expect(written.startsWith('earlier step\n## authfix check: problems found\n')).toBe(true);
			expect(written).toMatch(/\| ❌ \| Token tenant \| .*InvalidAuthenticationTokenTenant/);
		} finally {
			await rm(folder, {recursive: true, force: true});
		}
	});

	test('Azure Pipelines with --json: stdout stays one document, the ##vso lines go to stderr', async () => {
		const {stdout, stderr} = await inJob({TF_BUILD: 'True'}, [], true);
		expect(JSON.parse(stdout).verdict).toBe('problems');
		expect(stderr.split('\n').filter(Boolean)).toContainEqual(
			expect.stringMatching(/^##vso\[task\.logissue type=error;code=authfix-token-tenant;\]/),
		);
	});

	test('--ci overrides the detection; --ci none writes no annotation; a bad value is a usage error', async () => {
		expect((await inJob({}, ['--ci', 'github'], false)).stdout).toContain('::error title=');
		expect((await inJob({GITHUB_ACTIONS: 'true'}, ['--ci', 'none'], false)).stdout).not.toContain('::error');
		await expect(inJob({}, ['--ci', 'jenkins'], false)).rejects.toThrow(
			'--ci takes one of github, azure-pipelines, none',
		);
	});
});
