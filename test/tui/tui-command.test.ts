import {mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runTroubleshooter} from '../../source/commands/tui.ts';
import {createProfiles} from '../../source/services/profiles.ts';
import type {SubscriptionId, TenantId} from '../../source/target/ids.ts';
import type {Io} from '../../source/terminal/io.ts';
import {runCli} from '../fakes/run-cli.ts';
import {cacheTenantA, secretsIn, seedCaches} from '../support/token-cache-files.ts';

let directory: string;
beforeEach(async () => {
	directory = await mkdtemp(path.join(os.tmpdir(), 'authfix-tui-'));
});
afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
});

function io(overrides: Partial<Io> = {}): Io & {out: () => string} {
	let out = '';
	return {
		stdout: {
			write(text) {
				out += text;
			},
		},
		stderr: {write() {}},
		readStdin: async () => '',
		stdinIsTty: false,
		stdoutIsTty: false,
		columns: 80,
		env: {AUTHFIX_DATA_DIR: path.join(directory, 'data'), HOME: directory},
		cwd: directory,
		now: () => 0,
		...overrides,
		out: () => out,
	};
}

const global = {json: false, color: false, cloud: undefined, timeoutSeconds: 5};

describe('the bare authfix without a terminal', () => {
	test('prints plain guidance and never waits for keys', async () => {
		const terminal = io({stdinIsTty: true});
		expect(await runTroubleshooter({io: terminal, global})).toBe(0);
		expect(terminal.out()).toContain('the interactive troubleshooter needs a terminal');
		expect(terminal.out()).toContain('authfix check --json');
	});

	test('authfix demo in a pipe lists the scenarios instead (exit 0, within its timeout)', async () => {
		const run = await runCli(['demo'], {HOME: directory, AUTHFIX_DATA_DIR: directory}, {timeoutMs: 20_000});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('tenant-mismatch');
		expect(run.stdout).toContain('authfix demo tenant-mismatch');
		expect(run.stderr).toBe('');
	});

	test('an unknown demo scenario is a usage error', async () => {
		const run = await runCli(['demo', 'nope'], {HOME: directory}, {timeoutMs: 20_000});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain("unknown scenario 'nope'");
	});
});

describe('pinned profiles', () => {
	test('the project file wins over the profile in the data folder', async () => {
		const terminal = io();
		const profiles = createProfiles(terminal);
		expect((await profiles.read()).profile).toBeUndefined();
		await profiles.pin(
			{
				tenantId: '11111111-1111-1111-1111-111111111111' as TenantId,
				subscriptionId: '33333333-3333-3333-3333-333333333333' as SubscriptionId,
			},
			{project: false},
		);
		expect((await profiles.read()).profile).toMatchObject({
			subscriptionId: '33333333-3333-3333-3333-333333333333',
			tenantId: '11111111-1111-1111-1111-111111111111',
			origin: 'active-profile',
		});
		await writeFile(
			path.join(directory, '.authfix.json'),
			JSON.stringify({
				tenantId: '22222222-2222-2222-2222-222222222222',
				subscriptionId: '44444444-4444-4444-4444-444444444444',
			}),
		);
		expect((await profiles.read()).profile).toMatchObject({
			subscriptionId: '44444444-4444-4444-4444-444444444444',
			tenantId: '22222222-2222-2222-2222-222222222222',
			origin: 'project',
		});
	});
});

describe('the failing call in a paste', () => {
	test('a curl or az rest line gives the request to replay; documentation links do not', async () => {
		const {failingRequestOf} = await import('../../source/services/paste.ts');
		expect(
			failingRequestOf(
				"curl -X PATCH 'https://management.azure.com/subscriptions/1111/resourceGroups/rg?api-version=2021-04-01' -H 'Authorization: Bearer x'",
			),
		).toEqual({
			requestUrl: 'https://management.azure.com/subscriptions/1111/resourceGroups/rg?api-version=2021-04-01',
			requestMethod: 'PATCH',
		});
		expect(
			failingRequestOf(
				'GET https://management.azure.com/subscriptions/1?api-version=1 → 401 InvalidAuthenticationTokenTenant',
			),
		).toMatchObject({requestMethod: 'GET', failedWith: '401 InvalidAuthenticationTokenTenant'});
		expect(failingRequestOf('az rest --url https://graph.microsoft.com/v1.0/me')).toEqual({
			requestUrl: 'https://graph.microsoft.com/v1.0/me',
			requestMethod: 'GET',
		});
		expect(
			failingRequestOf('AADSTS50000 … see https://login.microsoftonline.com/error?code=50000 and https://aka.ms/x'),
		).toEqual({});
	});
});

describe('a pasted expired auxiliary token', () => {
	const expired =
		"ExpiredAuthenticationToken: The access token expiry UTC time '11/22/2026 2:00:00 AM' is earlier than current UTC time '11/22/2026 3:00:00 AM'.";
	const auxiliary =
		"ExpiredAuthenticationToken: The auxiliary token at position 1 (x-ms-authorization-auxiliary) of client 'aaaaaaaa-0000-0000-0000-000000000001' from tenant '22222222-2222-2222-2222-222222222222' has expired: its expiry UTC time '11/22/2026 2:13:10 AM' is earlier than current UTC time '11/22/2026 3:13:11 AM'.";

	async function startOf(text: string) {
		const [{classifyPaste}, {startSession}] = await Promise.all([
			import('../../source/services/paste.ts'),
			import('../../source/engine/step.ts'),
		]);
		const {tree} = await import('../../source/tree/index.ts');
		const pasted = await classifyPaste(text);
		const session = startSession(
			{id: 's', entry: 'paste', facts: pasted.facts, paste: {text}, ...(pasted.family ? {family: pasted.family} : {})},
			{tree, canApply: () => false, now: 0},
		);
		return {facts: pasted.facts, start: session.trail[0]};
	}

	test('the error naming the auxiliary token starts the aux path; a plain expiry the expiry path', async () => {
		expect((await startOf(auxiliary)).start).toBe('aux-subscription-tenant');
		expect((await startOf(expired)).start).toBe('exp-check');
	});

	test('LinkedAuthorizationFailed: another tenant takes the aux path, an operation missing on the linked scope the role path', async () => {
		const sub = '/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/rg/providers';
		const tenant = await startOf(
			`LinkedAuthorizationFailed: The client has permission to perform action 'Microsoft.Network/virtualNetworks/subnets/join/action' on scope '${sub}/Microsoft.Compute/virtualMachineScaleSets/ss', however the current tenant '72f988bf-86f1-41af-91ab-2d7cd011db47' is not authorized to access linked subscription 'b7a6ea8b-8aac-46e2-9cd9-0d22ff8778bc'.`,
		);
		expect(tenant.start).toBe('aux-subscription-tenant');
		const role = await startOf(
			`LinkedAuthorizationFailed: The client 'aaaaaaaa-0000-0000-0000-000000000001' with object id 'aaaaaaaa-1111-0000-0000-000000000001' has permission to perform action 'Microsoft.Compute/virtualMachineScaleSets/write' on scope '${sub}/Microsoft.Compute/virtualMachineScaleSets/ss'; however, it does not have permission to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action' on the linked scope(s) '${sub}/Microsoft.ManagedIdentity/userAssignedIdentities/id-app' or the linked scope(s) are invalid.`,
		);
		expect(role.start).toBe('authz-token-tenant');
		expect(role.facts).toMatchObject({
			principalId: 'aaaaaaaa-1111-0000-0000-000000000001',
			linkedAction: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
			linkedScope: `${sub}/Microsoft.ManagedIdentity/userAssignedIdentities/id-app`,
		});
	});

	test('a curl line sending x-ms-authorization-auxiliary marks the call as cross-tenant', async () => {
		const curl = `curl -H 'Authorization: Bearer x' -H 'x-ms-authorization-auxiliary: Bearer y' https://management.azure.com/subscriptions/33333333-3333-3333-3333-333333333333?api-version=2022-12-01\n${expired}`;
		const {facts, start} = await startOf(curl);
		expect(facts['auxiliaryHeader']).toBe('present');
		expect(start).toBe('aux-subscription-tenant');
	});
});

describe('pasted text is data', () => {
	test('escape sequences and secrets of a paste never reach its facts', async () => {
		const {classifyPaste} = await import('../../source/services/paste.ts');
		const {facts} = await classifyPaste(
			'curl https://management.azure.com/subscriptions/1111\u001B]0;owned\u0007/resourceGroups?access_token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEF\n401 InvalidAuthenticationTokenTenant',
		);
		expect(facts['requestUrl']).toMatch(/^https:\/\/management\.azure\.com\/subscriptions\/1111\/resourceGroups\?/);
		expect(facts['requestUrl']).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789ABCDEF');
		expect(JSON.stringify(facts)).not.toMatch(/\\u001b|\\u0007|owned/i);
	});

	test('a decoded token gives neutralised claims, never the token', async () => {
		const [{readPastedToken}, {createSigningKey, mintToken}] = await Promise.all([
			import('../../source/services/paste.ts'),
			import('../support/mint.ts'),
		]);
		const {token} = await mintToken({
			key: await createSigningKey(),
			claims: {aud: 'api://x\u001B[2J\u001B]8;;https://evil.example\u0007', roles: ['A\u0007', 'B']},
		});
		const {claims, facts} = await readPastedToken(token);
		expect(claims['aud']).toBe('api://x');
		expect(claims['roles']).toBe('A\\x07 B');
		expect(facts.audience).toBe('api://x');
		expect(JSON.stringify({claims, facts})).not.toContain(token.split('.')[1]!.slice(0, 20));
	});

	test('a decoded token whose claims carry a secret shows them redacted', async () => {
		const [{readPastedToken}, {createSigningKey, mintToken}] = await Promise.all([
			import('../../source/services/paste.ts'),
			import('../support/mint.ts'),
		]);
		const password = 'Zq4vT9mWx2LpR7kN';
		const {token} = await mintToken({
			key: await createSigningKey(),
			claims: {aud: `https://alice:${password}@api.example/`},
		});
		const {claims, facts} = await readPastedToken(token);
		expect(claims['aud']).toBe('https://alice:[redacted]@api.example/');
		expect(JSON.stringify({claims, facts})).not.toContain(password);
	});
});

describe('the live purge fix', () => {
	test('says what the purge did: nothing cached of that tenant is not "purged, with a backup"', async () => {
		const [{createLiveWorld}, {servicesForCommand}] = await Promise.all([
			import('../../source/services/live.ts'),
			import('../../source/services/command-services.ts'),
		]);
		const terminal = io({
			env: {
				AUTHFIX_DATA_DIR: path.join(directory, 'data'),
				HOME: directory,
				AZURE_CONFIG_DIR: path.join(directory, 'azure'),
			},
		});
		const context = {io: terminal, global};
		const world = createLiveWorld(context, {
			services: () => servicesForCommand(context),
			profiles: createProfiles(terminal),
		});
		expect(
			await world.applyFix(
				'purge-cache',
				{tokenTenant: '11111111-1111-1111-1111-111111111111'},
				new AbortController().signal,
			),
		).toEqual({ok: true, detail: 'Nothing to purge: no cached sign-in of that tenant.'});
	});

	test('keeps the backups AUTHFIX_KEEP_BACKUPS says, and what it reports holds none of their contents', async () => {
		const [{createLiveWorld}, {servicesForCommand}] = await Promise.all([
			import('../../source/services/live.ts'),
			import('../../source/services/command-services.ts'),
		]);
		const data = path.join(directory, 'data');
		const azure = path.join(directory, 'azure');
		let clock = Date.parse('2026-03-01T10:00:00Z');
		const terminal = io({
			env: {AUTHFIX_DATA_DIR: data, HOME: directory, AZURE_CONFIG_DIR: azure, AUTHFIX_KEEP_BACKUPS: '2'},
			now: () => (clock += 1000),
		});
		const context = {io: terminal, global};
		const world = createLiveWorld(context, {
			services: () => servicesForCommand(context),
			profiles: createProfiles(terminal),
		});
		for (let round = 0; round < 3; round++) {
			const files = await seedCaches(azure, path.join(directory, '.IdentityService'));
			const result = await world.applyFix('purge-cache', {tokenTenant: cacheTenantA}, new AbortController().signal);
			expect(result).toMatchObject({ok: true, detail: expect.stringMatching(/^Purged, with a backup/)});
			for (const value of [...files.values()].flatMap(bytes => secretsIn(bytes)))
				expect(JSON.stringify(result)).not.toContain(value);
		}

		expect(await readdir(path.join(data, 'backups'))).toHaveLength(2);
	});
});

describe('how sure the recognised paste is', () => {
	test('the recognised title says how sure, or that it is not sure and what tells the two apart', async () => {
		const {classifyPaste} = await import('../../source/services/paste.ts');
		const clear = await classifyPaste(
			"InvalidAuthenticationTokenTenant: The access token is from the wrong issuer 'https://sts.windows.net/11111111-1111-1111-1111-111111111111/'.",
		);
		expect(clear.title).toMatch(/^Token from another tenant than the subscription's \(very likely, \d+ %\)$/);
		expect(clear.verdict).toMatch(/^very likely, \d+ %$/);
		const close = await classifyPaste('The token was rejected: audience mismatch. The token expired.');
		expect(close.title).toMatch(/^Not sure: .+, or .+\? In the token the API rejected/);
		expect(close.verdict).toMatch(/^not sure: (?:api-invalid-audience|token-expired) or /);
	});
});
