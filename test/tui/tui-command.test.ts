import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {pinProfile, readPinnedProfile, runTui} from '../../source/commands/tui.ts';
import type {Io} from '../../source/terminal/io.ts';
import {runCli} from '../fakes/run-cli.ts';

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
		expect(await runTui({io: terminal, global})).toBe(0);
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
		expect(await readPinnedProfile(terminal)).toEqual({});
		await pinProfile(path.join(directory, 'data'), 'default', {tenantId: 't-1', subscriptionId: 's-1'});
		expect(await readPinnedProfile(terminal)).toEqual({subscriptionId: 's-1', subscriptionTenant: 't-1'});
		await writeFile(path.join(directory, '.authfix.json'), JSON.stringify({tenantId: 't-2', subscriptionId: 's-2'}));
		expect(await readPinnedProfile(terminal)).toEqual({subscriptionId: 's-2', subscriptionTenant: 't-2'});
	});
});

describe('the failing call in a paste', () => {
	test('a curl or az rest line gives the request to replay; documentation links do not', async () => {
		const {failingRequestOf} = await import('../../source/commands/tui.ts');
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
