import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type Sandbox, scenarios, startSandbox} from '../../source/sandbox/index.ts';
import {fixedReplay, replay} from '../../source/sandbox/replay.ts';

let stateDirectory: string;

beforeAll(async () => {
	stateDirectory = await mkdtemp(path.join(tmpdir(), 'authfix-sandbox-scenarios-'));
});

afterAll(async () => {
	await rm(stateDirectory, {recursive: true, force: true});
});

describe.each(scenarios.map(scenario => [scenario.name, scenario] as const))('scenario %s', (_name, scenario) => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({scenario: scenario.name, stateDirectory});
	});

	afterAll(async () => {
		await sandbox.stop();
	});

	test('the replay fails the way the scenario says, and succeeds after the fix', async () => {
		const before = await replay(sandbox);
		if (scenario.replay.expectedError === '') {
			expect(before).toMatchObject({stage: 'arm', status: 200, error: ''});
		} else {
			expect(before.error).toBe(scenario.replay.expectedError);
			expect(before.status).toBeGreaterThanOrEqual(400);
		}

		for (const operation of scenario.fix.operations) sandbox.applyFix(operation);
		const after = await replay(sandbox, fixedReplay(sandbox));
		expect(after).toMatchObject({stage: 'arm', status: 200, error: ''});
		expect(sandbox.state().operations.map(entry => entry.operation.op)).toEqual(
			scenario.fix.operations.map(operation => operation.op),
		);
	});
});
