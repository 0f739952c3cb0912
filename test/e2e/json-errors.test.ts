/**
`--json`: stdout carries exactly one JSON document in every case, errors included
(`{"error":{"code","message"}}`), with the documented exit code. Every command, given bad input.
*/
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {runBuilt} from '../fakes/run-cli.ts';

let directory: string;
beforeAll(async () => {
	directory = await mkdtemp(path.join(os.tmpdir(), 'authfix-json-errors-'));
});
afterAll(async () => {
	await rm(directory, {recursive: true, force: true});
});

async function authfix(args: readonly string[]) {
	return runBuilt(args, {
		PATH: '/usr/bin:/bin',
		HOME: directory,
		AUTHFIX_DATA_DIR: path.join(directory, 'data'),
		AZURE_CONFIG_DIR: path.join(directory, 'azure'),
		AUTHFIX_SANDBOX_DIR: path.join(directory, 'sandbox'),
	});
}

/** The one JSON document stdout must hold: one line, parsed. */
function onlyDocument(stdout: string): Record<string, unknown> {
	const lines = stdout.split('\n').filter(line => line !== '');
	expect(lines, stdout).toHaveLength(1);
	return JSON.parse(lines[0]!) as Record<string, unknown>;
}

const cases: ReadonlyArray<readonly [args: readonly string[], code: string, exit: number]> = [
	[['--json'], 'usage', 2],
	[['bogus', '--json'], 'usage', 2],
	[['check', '--timeout', 'soon', '--json'], 'usage', 2],
	[['explain', '--json', '--cloud'], 'usage', 2],
	[['explain', '--json'], 'input', 2],
	[['explain', '--json', '--file', '/nonexistent/pipeline.log'], 'input', 2],
	[['explain', '--json', '--bogus'], 'usage', 2],
	[['decode', 'not-a-token', '--json'], 'input', 2],
	[['check', '--subscription', 'not-a-guid', '--json'], 'input', 2],
	[['check', '--credential', 'magic', '--json'], 'usage', 2],
	[['check', '--json', '--cloud', 'NoSuchCloud'], 'cloud', 2],
	[['tenant', '--json'], 'usage', 2],
	[['tenant', 'not-a-guid', '--json'], 'input', 2],
	[['replay', '--json'], 'usage', 2],
	[['replay', 'GET', 'https://example.com/secrets', '--json'], 'refused', 2],
	[['replay', 'DELETE', 'https://management.azure.com/subscriptions', '--json'], 'usage', 2],
	[['cache', 'bogus', '--json'], 'usage', 2],
	[['cache', 'purge', '--tenant', 'nope', '--json'], 'input', 2],
	[['sessions', 'show', 'nope', '--json'], 'usage', 2],
	[['sessions', 'export', 'latest', '--format', 'md', '--json'], 'usage', 2],
	[['sandbox', '--scenario', 'nope', '--json'], 'usage', 2],
	[['demo', '--json'], 'usage', 2],
	[['demo', 'nope', '--json'], 'usage', 2],
	[['run', '--json'], 'usage', 2],
	[['run', '--json', '--bogus', '--', 'true'], 'usage', 2],
	[['replay', '--from', '/nonexistent/az-debug.log', '--json'], 'input', 2],
];

describe('--json errors: exactly one JSON document on stdout', () => {
	test.each(cases)('authfix %j', async (args, code, exit) => {
		const result = await authfix(args);
		const document = onlyDocument(result.stdout);
		expect(document['error'], result.stdout).toMatchObject({code, message: expect.any(String)});
		expect((document['error'] as {message: string}).message).not.toBe('');
		expect(result.code).toBe(exit);
	});

	test('help with --json is one document too', async () => {
		const main = await authfix(['--help', '--json']);
		expect(main.code).toBe(0);
		expect(onlyDocument(main.stdout)).toMatchObject({command: null, usage: expect.stringContaining('Commands')});
		const check = await authfix(['check', '--help', '--json']);
		expect(onlyDocument(check.stdout)).toMatchObject({
			command: 'check',
			usage: expect.stringContaining('--subscription'),
		});
		const topic = await authfix(['help', 'tenant', '--json']);
		expect(onlyDocument(topic.stdout)).toMatchObject({command: 'tenant'});
	});
});
