import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {command} from '../../source/commands/sessions.ts';
import {startSession, step} from '../../source/engine/step.ts';
import {openSessionArchive} from '../../source/services/sessions.ts';
import type {CommandContext} from '../../source/terminal/context.ts';
import {tree} from '../../source/tree/index.ts';
import {UsageError} from '../../source/usage-error.ts';
import {runCli} from '../fakes/run-cli.ts';
import {mintToken} from '../support/mint.ts';

let directory: string;
beforeEach(async () => {
	directory = await mkdtemp(path.join(os.tmpdir(), 'authfix-sessions-'));
});
afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
});

function context(json = false) {
	let out = '';
	const value: CommandContext = {
		io: {
			stdout: {
				write(text) {
					out += text;
				},
			},
			stderr: {write: () => {}},
			readStdin: async () => '',
			stdinIsTty: false,
			stdoutIsTty: false,
			columns: 80,
			env: {AUTHFIX_DATA_DIR: directory},
			cwd: directory,
			now: () => 0,
		},
		global: {json, color: false, cloud: undefined, timeoutSeconds: 20},
	};
	return {value, out: () => out};
}

const engine = (now: number) => ({tree, canApply: () => true, now});

async function saveTwo() {
	const {token} = await mintToken({
		version: '2.0',
		identity: 'app',
		audience: 'https://management.azure.com/',
		tenantId: 't',
		clientId: 'c',
		now: 0,
	});
	const archive = openSessionArchive(directory);
	const fixed = startSession(
		{id: 's-fixed', entry: 'paste', scenario: 'tenant-mismatch', start: 'fixed', paste: {text: `Bearer ${token}`}},
		engine(Date.parse('2026-11-22T01:00:00Z')),
	);
	const running = startSession({id: 's-quit', entry: 'health'}, engine(Date.parse('2026-11-22T02:00:00Z')));
	archive.save(fixed);
	archive.save(step(running, {type: 'quit'}, engine(Date.parse('2026-11-22T02:01:00Z'))));
	return {token, archive};
}

describe('authfix sessions', () => {
	test('list --json gives id, startedAt, scenario and outcome, newest first', async () => {
		await saveTwo();
		const {value, out} = context(true);
		expect(await command.run(['list'], value)).toBe(0);
		expect(JSON.parse(out())).toEqual([
			{id: 's-quit', startedAt: '2026-11-22T02:00:00.000Z', scenario: null, outcome: 'abandoned'},
			{id: 's-fixed', startedAt: '2026-11-22T01:00:00.000Z', scenario: 'tenant-mismatch', outcome: 'fixed'},
		]);
	});

	test('saved sessions are redacted on disk, export gives Markdown or JSON', async () => {
		const {token, archive} = await saveTwo();
		const onDisk = await readFile(archive.path, 'utf8');
		expect(onDisk).toContain('s-fixed');
		expect(onDisk).not.toContain(token);
		const markdown = context();
		expect(await command.run(['export', 's-fixed', '--format', 'md'], markdown.value)).toBe(0);
		expect(markdown.out()).toContain('## authfix session s-fixed');
		expect(markdown.out()).toContain('- Outcome: **fixed**');
		const json = context();
		expect(await command.run(['export', 'latest', '--format', 'json'], json.value)).toBe(0);
		expect(JSON.parse(json.out())).toMatchObject({id: 's-quit', outcome: 'abandoned', entry: 'health'});
	});

	test('an unknown id or format is a usage error', async () => {
		await saveTwo();
		await expect(command.run(['show', 'nope'], context().value)).rejects.toThrow(UsageError);
		await expect(command.run(['export', 's-fixed', '--format', 'pdf'], context().value)).rejects.toThrow(
			"--format takes md or json, not 'pdf'",
		);
		await expect(command.run(['frobnicate'], context().value)).rejects.toThrow(UsageError);
	});

	test('from the command line: list --json on an empty folder is [] and exit 0', async () => {
		const run = await runCli(['sessions', 'list', '--json'], {AUTHFIX_DATA_DIR: directory, HOME: directory});
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout)).toEqual([]);
	});
});

describe('a damaged archive', () => {
	test('is moved aside and named, never emptied: sessions list still answers', async () => {
		const {writeFile, readdir} = await import('node:fs/promises');
		await writeFile(path.join(directory, 'sessions.json'), '{"sessions": {"s-1": {');
		const run = await runCli(['sessions', 'list', '--json'], {AUTHFIX_DATA_DIR: directory}, {timeoutMs: 20_000});
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout)).toEqual([]);
		expect(run.stderr).toMatch(/not valid JSON; they were kept as .*sessions\.json\.corrupt-/);
		const kept = (await readdir(directory)).filter(name => name.startsWith('sessions.json.corrupt-'));
		expect(kept).toHaveLength(1);
		expect(await readFile(path.join(directory, kept[0]!), 'utf8')).toBe('{"sessions": {"s-1": {');
	});
});
