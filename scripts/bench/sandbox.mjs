// The sandbox cloud, measured through the BUILT CLI (`node distribution/cli.js sandbox --json`):
// start-up (spawn to the JSON line, warm state folder; the cold first start is reported too) and
// token requests per second on loopback (client credentials, keep-alive, bounded loop).
// Prints JSON lines {"what","value","unit","target"?}.
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import {Agent, request} from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {cli, median} from './measure.mjs';

const state = mkdtempSync(path.join(os.tmpdir(), 'authfix-bench-sandbox-'));

/** Resolves with what `waiting` resolves with; after `ms`, kills `child` and rejects naming `what`. */
async function within(ms, child, what, waiting) {
	let timer;
	const timeout = new Promise((_resolve, reject) => {
		timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${what}: no answer within ${ms} ms`));
		}, ms);
	});
	try {
		return await Promise.race([waiting, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** Starts `authfix sandbox --json`, resolves with the parsed line and the ms from spawn to it. */
async function start() {
	const began = performance.now();
	const child = spawn(process.execPath, [cli, 'sandbox', '--json', '--state-dir', state], {
		stdio: ['ignore', 'pipe', 'inherit'],
		env: {PATH: process.env.PATH, HOME: state, NO_COLOR: '1'},
	});
	const lines = createInterface({input: child.stdout});
	const exitedEarly = once(child, 'exit').then(([code]) => {
		throw new Error(`authfix sandbox exited (${code}) before its JSON line`);
	});
	const [line] = await within(
		20_000,
		child,
		'authfix sandbox --json',
		Promise.race([once(lines, 'line'), exitedEarly]),
	);
	exitedEarly.catch(() => {});
	return {child, started: JSON.parse(line), ms: performance.now() - began};
}

/** Spawn to exit of `authfix --version`: what any command pays before it starts. */
async function versionMs() {
	const began = performance.now();
	const child = spawn(process.execPath, [cli, '--version'], {stdio: 'ignore'});
	await within(20_000, child, 'authfix --version', once(child, 'exit'));
	return performance.now() - began;
}

async function stop(child) {
	const exited = once(child, 'exit');
	child.kill('SIGTERM');
	await within(10_000, child, 'authfix sandbox after SIGTERM', exited);
}

function post(agent, url, body, ca) {
	return new Promise((resolve, reject) => {
		const outgoing = request(
			url,
			{method: 'POST', agent, ca, timeout: 10_000, headers: {'content-type': 'application/x-www-form-urlencoded'}},
			response => {
				response.resume();
				response.on('end', () => resolve(response.statusCode));
			},
		);
		outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

try {
	const cold = await start();
	await stop(cold.child);
	const warm = [];
	const baseline = [];
	for (let run = 0; run < 11; run++) {
		const {child, ms} = await start();
		warm.push(ms);
		await stop(child);
		baseline.push(await versionMs());
	}

	console.log(
		JSON.stringify({
			what: 'sandbox start-up (warm state, spawn to ready)',
			value: Math.round(median(warm)),
			unit: 'ms',
			target: '≤ 300',
		}),
	);
	console.log(
		JSON.stringify({
			what: 'for comparison: authfix --version (Node boot + CLI)',
			value: Math.round(median(baseline)),
			unit: 'ms',
		}),
	);
	console.log(
		JSON.stringify({
			what: 'sandbox first start (makes CA, certificate, signing key)',
			value: Math.round(cold.ms),
			unit: 'ms',
		}),
	);

	const {child, started} = await start();
	try {
		const {readFileSync} = await import('node:fs');
		const ca = readFileSync(started.env.NODE_EXTRA_CA_CERTS, 'utf8');
		const app = started.identities.find(identity => identity.name === 'ci-app');
		const url = `${started.cloud.authorityHost}/${app.tenantId}/oauth2/v2.0/token`;
		const body = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: app.clientId,
			client_secret: app.secret,
			scope: 'https://management.core.windows.net//.default',
		}).toString();
		const agent = new Agent({keepAlive: true, maxSockets: 8});
		const total = 3000;
		const concurrency = 8;
		let next = 0;
		let failures = 0;
		const worker = async () => {
			while (next < total) {
				next++;
				if ((await post(agent, url, body, ca)) !== 200) failures++;
			}
		};
		// A warm-up round (TLS sessions, JIT), then the measured one.
		await Promise.all(Array.from({length: concurrency}, () => worker()));
		next = 0;
		const began = performance.now();
		await Promise.all(Array.from({length: concurrency}, () => worker()));
		const seconds = (performance.now() - began) / 1000;
		agent.destroy();
		console.log(
			JSON.stringify({
				what: 'sandbox token requests per second (client credentials, 8 in flight)',
				value: Math.round(total / seconds),
				unit: 'req/s',
				target: '≥ 500',
			}),
		);
		if (failures > 0)
			console.log(JSON.stringify({what: 'sandbox token requests that failed', value: failures, unit: ''}));
	} finally {
		await stop(child);
	}
} finally {
	rmSync(state, {recursive: true, force: true});
}
