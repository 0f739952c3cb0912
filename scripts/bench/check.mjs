// `authfix check` against the sandbox, through the BUILT CLI, whole process (spawn to exit), versus
// doing the same by hand with the Azure CLI (az account show + az account get-access-token + az rest).
// Prints JSON lines {"what","value","unit","target"?}.
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {cli, median} from './measure.mjs';

const state = mkdtempSync(path.join(os.tmpdir(), 'authfix-bench-check-'));
const child = spawn(process.execPath, [cli, 'sandbox', '--json', '--state-dir', path.join(state, 'sandbox')], {
	stdio: ['ignore', 'pipe', 'inherit'],
	env: {PATH: process.env.PATH, HOME: state, NO_COLOR: '1'},
});
const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);

try {
	const [line] = await once(createInterface({input: child.stdout}), 'line');
	clearTimeout(timer);
	const started = JSON.parse(line);
	const {cloud} = started;
	const app = started.identities.find(identity => identity.name === 'ci-app');
	const subscription = started.subscriptions.find(item => item.tenantId === app.tenantId).subscriptionId;
	const env = {
		...started.env,
		HOME: state,
		AUTHFIX_HOME: path.join(state, 'authfix'),
		PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
		NO_COLOR: '1',
	};
	const az = args =>
		execFileSync('az', [...args, '--only-show-errors'], {env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000});
	// The az set-up steps come from the sandbox's own report (source/sandbox/azure-cli-steps.ts): the healthy
	// scenario signs in as its client, ci-app.
	const registered = spawnSync('az', ['cloud', 'show', '--name', cloud.name], {env, stdio: 'ignore'}).status === 0;
	if (!registered) az(started.azureCli.register);
	az(started.azureCli.set);
	az([...started.azureCli.login, '--output', 'none']);

	const time = run => {
		const began = performance.now();
		const result = run();
		return {ms: performance.now() - began, result};
	};

	// One warm-up each (az's first token fetch, Node's compile cache), then the measured runs.
	const checkRuns = [];
	let verdict = '';
	let checkCount = 0;
	for (let index = 0; index <= 7; index++) {
		const {ms, result} = time(() =>
			spawnSync(process.execPath, [cli, 'check', '--json', '--subscription', subscription], {
				env,
				encoding: 'utf8',
				timeout: 60_000,
			}),
		);
		if (index > 0) checkRuns.push(ms);
		const document = result.status === 0 ? JSON.parse(result.stdout) : undefined;
		verdict = document ? document.verdict : `exit ${result.status}`;
		checkCount = document ? document.checks.length : 0;
	}

	const byHandRuns = [];
	for (let index = 0; index <= 3; index++) {
		const {ms} = time(() => {
			az(['account', 'show']);
			az(['account', 'get-access-token']);
			az([
				'rest',
				'--method',
				'get',
				'--url',
				`${cloud.resourceManager}/subscriptions/${subscription}?api-version=2022-12-01`,
			]);
		});
		if (index > 0) byHandRuns.push(ms);
	}

	console.log(
		JSON.stringify({
			what: `authfix check against the sandbox (whole process, ${checkCount} checks; verdict ${verdict})`,
			value: Math.round(median(checkRuns)),
			unit: 'ms',
			target: '≤ 1500',
		}),
	);
	console.log(
		JSON.stringify({
			what: 'the same by hand: az account show + az account get-access-token + az rest',
			value: Math.round(median(byHandRuns)),
			unit: 'ms',
		}),
	);
} finally {
	// Wait for the sandbox to go only while it still runs: 'exit' is not emitted twice.
	if (child.exitCode === null && child.signalCode === null) {
		child.kill('SIGTERM');
		await once(child, 'exit').catch(() => {});
	}
	rmSync(state, {recursive: true, force: true});
}
