/**
Issue 12: no secret of any kind leaves authfix by any output path. Every kind of secret
(test/support/secrets.ts makes them at run time) embedded in every real-shaped context goes
- in process, all of them: through redactSecrets and redactJsonValue; explain (human and --json,
  evidence and entities); decode (human and --json) of a token whose claims carry the text; the
  troubleshooter's paste and decode entries (facts, paste, steps of checks that quote the text);
  the session archive on disk; `sessions show` and `sessions export` as Markdown and JSON;
- through the built CLI, one process per kind and command (`npm run build` first): explain,
  explain --json, decode, decode --json, sessions show / export md / export json after sessions
  were saved, the sessions file on disk; check, tenant and replay with a proxy password and
  secrets in the URL.
Nothing may keep a 12-character piece of any secret. Ids stay: explain still finds them.
*/
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {command as decodeCommand} from '../../source/commands/decode.ts';
import {command as sessionsCommand} from '../../source/commands/sessions.ts';
import {explainText} from '../../source/explain/explain.ts';
import {formatReport} from '../../source/explain/format.ts';
import {sessionToJson, sessionToMarkdown} from '../../source/report/session-report.ts';
import {redactJsonValue, redactSecrets} from '../../source/safety/redact.ts';
import {terminalSafeJson} from '../../source/safety/terminal-text.ts';
import {openSessionArchive, type SessionArchive} from '../../source/services/sessions.ts';
import {openLiveSession} from '../../source/services/troubleshooter.ts';
import type {CommandContext} from '../../source/terminal/context.ts';
import {createStyle} from '../../source/terminal/style.ts';
import {tree} from '../../source/tree/index.ts';
import {builtCli, pathWith, runBuilt} from '../fakes/run-cli.ts';
import {unsignedToken} from '../support/mint.ts';
import {
	echoingServices,
	leaksIn,
	type SecretInput,
	secretInputs,
	secretKinds,
	settled,
	walk,
} from '../support/secrets.ts';

let directory: string;

beforeAll(async () => {
	if (!existsSync(builtCli)) throw new Error('distribution/cli.js is missing: run `npm run build` first');
	directory = await mkdtemp(path.join(tmpdir(), 'authfix-redaction-'));
});

afterAll(async () => {
	await rm(directory, {recursive: true, force: true});
});

type Leak = {readonly kind: string; readonly context: string; readonly path: string; readonly piece: string};

/** Collects the leaks of many outputs and which paths each kind went through. */
function ledger() {
	const leaks: Leak[] = [];
	const reached = new Map<string, Set<string>>();
	return {
		leaks,
		reached,
		check(input: Pick<SecretInput, 'kind' | 'context' | 'pieces'>, outputPath: string, output: string) {
			if (!reached.has(input.kind)) reached.set(input.kind, new Set());
			reached.get(input.kind)!.add(outputPath);
			for (const piece of leaksIn(output, input.pieces))
				leaks.push({kind: input.kind, context: input.context, path: outputPath, piece});
		},
	};
}

function captureContext(options: {stdin?: string; json?: boolean; env?: Record<string, string>} = {}) {
	const written: string[] = [];
	const write = (text: string) => {
		written.push(text);
	};
	const context: CommandContext = {
		io: {
			stdout: {write},
			stderr: {write},
			readStdin: async () => options.stdin ?? '',
			stdinIsTty: false,
			stdoutIsTty: false,
			columns: 80,
			env: {HOME: directory, ...options.env},
			cwd: directory,
			now: () => Date.parse('2025-11-22T01:00:00Z'),
		},
		global: {json: options.json ?? false, color: false, cloud: undefined, timeoutSeconds: 5},
	};
	return {context, output: () => written.join('')};
}

/** A token (unsigned: decode reads it all the same) whose claims carry the text. */
function tokenCarrying(texts: readonly string[], ids: SecretInput['ids']): string {
	const claims: Record<string, unknown> = {
		aud: 'https://management.azure.com/',
		iss: `https://sts.windows.net/${ids.tenant}/`,
		tid: ids.tenant,
		appid: ids.client,
		scp: texts[0],
		exp: 1_900_000_000,
	};
	for (const [index, text] of texts.entries()) claims[`ctx${index}`] = text;
	return unsignedToken({alg: 'RS256', typ: 'JWT', kid: 'k'}, claims, 'c2lnbmF0dXJl');
}

const profiles = {read: async () => ({profile: undefined}), pin: async () => ''};

/** A troubleshooter session as the live front end opens it from a paste, walked against services that echo the text. */
async function pastedSession(text: string, id: string) {
	const store = await openLiveSession(
		{entry: 'paste', text},
		{id, engine: echoingServices(text), profiles, timeoutMs: 2000},
	);
	return walk(store);
}

/** The decode entry: a pasted token whose claims carry the text. */
async function decodedSession(token: string, text: string, id: string) {
	const store = await openLiveSession(
		{entry: 'decode', text: token},
		{id, engine: echoingServices(text), profiles, timeoutMs: 2000},
	);
	return settled(store);
}

async function sessionsOutputs(archive: SessionArchive, id: string, data: string) {
	const outputs: Array<[string, string]> = [];
	for (const args of [
		['show', id],
		['export', id, '--format', 'md'],
		['export', id, '--format', 'json'],
	]) {
		const {context, output} = captureContext({env: {AUTHFIX_DATA_DIR: data}});
		expect(await sessionsCommand.run(args, context)).toBe(0);
		outputs.push([`sessions ${args.join(' ').replace(id, '<id>')}`, output()]);
	}

	expect(archive.get(id)).toBeDefined();
	return outputs;
}

describe('every kind of secret, in every context, through every output path (in process)', () => {
	test.each(secretKinds.map(kind => [kind.id, kind] as const))('%s', async (_id, kind) => {
		const {leaks, reached, check} = ledger();
		const inputs = [...secretInputs([kind])];
		let count = 0;
		for (const input of inputs) {
			count++;
			check(input, 'redactSecrets', redactSecrets(input.text));
			check(input, 'redactJsonValue', JSON.stringify(redactJsonValue({text: input.text, list: [input.text]})));

			// explain, as the command prints it: the report as --json, and the human rendering.
			const report = explainText(input.text);
			check(input, 'explain --json', terminalSafeJson(report));
			check(input, 'explain', formatReport(report, {style: createStyle(false), width: 80}));
			if (input.text.includes(`/subscriptions/${input.ids.subscription}`) && report.findings.length > 0) {
				// Ids are not secrets: explain still finds them after redaction.
				expect(report.findings[0]!.entities['subscriptionId'], `${input.kind} in ${input.context}`).toBe(
					input.ids.subscription,
				);
			}

			// decode, human and --json, of a token whose claims carry the text.
			const token = tokenCarrying([input.text], input.ids);
			for (const json of [false, true]) {
				const {context, output} = captureContext({json});
				await decodeCommand.run([token], context);
				check(input, json ? 'decode --json' : 'decode', output());
			}

			// The troubleshooter: a paste, its facts and steps; a decoded token; their reports. Every
			// other input (a walk classifies the paste again and runs four steps: the slowest path).
			if (count % 2 === 0) continue;
			const id = `${kind.id}-${count}`;
			const session = await pastedSession(input.text, id);
			check(input, 'troubleshooter session (facts, paste, steps)', JSON.stringify(session));
			const decoded = await decodedSession(token, input.text, `${id}-decode`);
			check(input, 'troubleshooter decode entry', JSON.stringify(decoded));
			for (const report of [session, decoded]) {
				check(input, 'session report (Markdown)', sessionToMarkdown(report, tree));
				check(input, 'session report (JSON)', JSON.stringify(sessionToJson(report, tree)));
			}

			// Saved and read back through `authfix sessions`: every sixth input (conf rewrites its file
			// on every save and each command reads it, which a few hundred times takes seconds).
			if (count % 6 === 1) {
				const data = path.join(directory, kind.id, String(count));
				const archive = openSessionArchive(data);
				archive.save(session);
				archive.save(decoded);
				check(input, 'sessions file on disk', await readFile(archive.path, 'utf8'));
				for (const [outputPath, output] of await sessionsOutputs(archive, id, data)) check(input, outputPath, output);
			}
		}

		expect(count).toBeGreaterThan(10);
		expect(leaks).toEqual([]);
		expect([...reached.get(kind.id)!].sort()).toEqual(
			[
				'redactSecrets',
				'redactJsonValue',
				'explain --json',
				'explain',
				'decode',
				'decode --json',
				'troubleshooter session (facts, paste, steps)',
				'troubleshooter decode entry',
				'session report (Markdown)',
				'session report (JSON)',
				'sessions show <id>',
				'sessions export <id> --format md',
				'sessions export <id> --format json',
				'sessions file on disk',
			].sort(),
		);
	});
});

/** The built CLI in the test's folder, with a fake signed-in az and nothing of the runner's environment. */
function authfix(args: readonly string[], options: {input?: string; env?: Record<string, string>} = {}) {
	return runBuilt(
		args,
		{PATH: pathWith('signed-in'), HOME: directory, AZURE_CONFIG_DIR: directory, ...options.env},
		{cwd: directory, ...(options.input === undefined ? {} : {input: options.input})},
	);
}

/** Runs the jobs a few at a time (the machine has two cores). */
async function limited<T>(jobs: ReadonlyArray<() => Promise<T>>, width = 3): Promise<T[]> {
	const results: T[] = [];
	let next = 0;
	await Promise.all(
		Array.from({length: width}, async () => {
			while (next < jobs.length) {
				const index = next++;
				results[index] = await jobs[index]!();
			}
		}),
	);
	return results;
}

describe('the built CLI', () => {
	test('explain, decode, sessions; check, tenant and replay: every kind of secret in a few processes', async () => {
		const {leaks, reached, check} = ledger();
		const inputs = [...secretInputs()];
		const every = (path: string, output: string, from: readonly SecretInput[] = inputs) => {
			for (const input of from) check({...input, context: 'batch'}, path, output);
		};

		// explain reads at most 512 KiB: every input, in pastes under that.
		const pastes: SecretInput[][] = [[]];
		let size = 0;
		for (const input of inputs) {
			size += input.text.length + 2;
			if (size > 400_000) {
				pastes.push([]);
				size = input.text.length + 2;
			}

			pastes.at(-1)!.push(input);
		}

		// decode takes at most 64 KiB, and a session keeps what its checks quote at every step: two
		// inputs of each kind, in different contexts.
		const sample = secretKinds.flatMap(kind => {
			const ofKind = inputs.filter(input => input.kind === kind.id);
			return [ofKind[0]!, ofKind[Math.floor(ofKind.length / 2)]!];
		});
		const sampleText = sample.map(input => input.text).join('\n\n');
		const token = tokenCarrying(
			sample.map(input => input.text),
			sample[0]!.ids,
		);
		const data = path.join(directory, 'cli-data');
		const archive = openSessionArchive(data);
		archive.save(await pastedSession(sampleText, 'cli-paste'));
		archive.save(await decodedSession(token, sampleText, 'cli-decode'));

		// A proxy with a password in the environment, and secrets in the URL a replay is asked for.
		const proxy = secretKinds.find(kind => kind.id === 'url-password')!.make(sample[0]!.ids);
		// A proxy that refuses at once (a name would wait for DNS).
		const proxyUrl = `http://alice:${proxy.pieces[0]}@127.0.0.1:9`;
		const withProxy = {kind: 'url-password', context: 'HTTPS_PROXY of the process', pieces: proxy.pieces};
		const sas = inputs.find(input => input.kind === 'sas-signature' && /\?sv=.*&sig=/.test(input.text))!;
		const sasUrl = /https:\/\/\S+&sig=[^\s'"]+/.exec(sas.text)![0];
		const replayUrl = `https://alice:${proxy.pieces[0]}@management.azure.com/subscriptions/${sas.ids.subscription}?api-version=2022-12-01&sig=${sas.pieces[1]}`;

		const jobs: Array<() => Promise<void>> = [];
		const run = (
			label: string,
			args: readonly string[],
			from: readonly SecretInput[],
			options: Parameters<typeof authfix>[1],
		) =>
			jobs.push(async () => {
				const result = await authfix(args, options);
				// The command did its work (a leak check of an error message would prove nothing).
				expect(result.stdout.length, `${label}: ${result.stderr}`).toBeGreaterThan(200);
				if (label.endsWith('--json')) expect(() => JSON.parse(result.stdout)).not.toThrow();
				every(label, result.stdout + result.stderr, from);
			});
		for (const paste of pastes) {
			const input = paste.map(item => item.text).join('\n\n');
			run('explain', ['explain'], paste, {input});
			run('explain --json', ['--json', 'explain'], paste, {input});
		}

		run('decode', ['decode', '-'], sample, {input: token});
		run('decode --json', ['--json', 'decode', '-'], sample, {input: token});
		for (const id of ['cli-paste', 'cli-decode']) {
			const options = {env: {AUTHFIX_DATA_DIR: data}};
			run('sessions show', ['sessions', 'show', id], sample, options);
			run('sessions export --format md', ['sessions', 'export', id, '--format', 'md'], sample, options);
			run('sessions export --format json', ['sessions', 'export', id, '--format', 'json'], sample, options);
		}

		const env = {HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl};
		for (const [label, args] of [
			['check --json', ['--json', 'check']],
			['tenant --json', ['--json', 'tenant', sas.ids.subscription]],
			['replay --json', ['--json', 'replay', 'GET', replayUrl]],
			['replay', ['replay', 'GET', replayUrl]],
			['replay --json', ['--json', 'replay', 'GET', sasUrl]],
		] as const) {
			jobs.push(async () => {
				const result = await authfix(['--timeout', '3', ...args], {env});
				expect(result.stdout.length, `${label}: ${result.stderr}`).toBeGreaterThan(50);
				check(withProxy, label, result.stdout + result.stderr);
				check({...sas, context: 'replay URL'}, label, result.stdout + result.stderr);
			});
		}

		await limited(jobs);
		every('sessions file on disk', await readFile(archive.path, 'utf8'), sample);
		expect(leaks).toEqual([]);
		for (const kind of secretKinds) {
			expect([...(reached.get(kind.id) ?? [])].sort(), kind.id).toEqual(
				expect.arrayContaining([
					'explain',
					'explain --json',
					'decode',
					'decode --json',
					'sessions show',
					'sessions export --format md',
					'sessions export --format json',
					'sessions file on disk',
				]),
			);
		}
	});
});
