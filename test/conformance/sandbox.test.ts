/**
Test (a): the sandbox, asked what a real client asked in the state the recording was made in,
answers with the same status, header names, WWW-Authenticate parameters, JSON field names and
types, error codes and message templates (ids, hosts and times aside). What cannot or should not
match is listed in sandbox-cases.ts with its reason; a difference not listed fails, and so does a
listed one that no longer occurs.
*/
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type Answer, compareAnswer, isListed} from './compare.ts';
import {exchange, exchanges} from './corpus.ts';
import {notCompared, situations} from './sandbox-cases.ts';
import {type ConformanceSandbox, startConformanceSandbox} from './sandbox-world.ts';

let world: ConformanceSandbox;

beforeAll(async () => {
	world = await startConformanceSandbox();
});

afterAll(async () => {
	await world?.stop();
});

test('every exchange of the corpus is compared or listed as not compared, once', () => {
	const compared = situations.flatMap(situation => Object.keys(situation.exchanges));
	const listed = Object.keys(notCompared);
	expect(compared.filter((id, index) => compared.indexOf(id) !== index)).toEqual([]);
	expect(compared.filter(id => listed.includes(id))).toEqual([]);
	expect([...compared, ...listed].sort()).toEqual(exchanges.map(candidate => candidate.id).sort());
	for (const reason of Object.values(notCompared)) expect(reason.length).toBeGreaterThan(20);
});

describe('the sandbox answers as recorded', () => {
	for (const situation of situations) {
		test(situation.name, async () => {
			const answer: Answer = await situation.ask(world);
			const report: string[] = [];
			for (const [id, listed] of Object.entries(situation.exchanges)) {
				const differences = compareAnswer(exchange(id).response, answer);
				for (const difference of differences) {
					if (!isListed(difference, listed)) report.push(`${id} ${difference.key}: ${difference.detail}`);
				}

				for (const [key, reason] of Object.entries(listed)) {
					expect(reason.length, `${id} ${key}: give the reason`).toBeGreaterThan(20);
					if (!differences.some(difference => isListed(difference, {[key]: reason}))) {
						report.push(`${id} ${key}: listed as a difference, but the sandbox now matches: remove it`);
					}
				}
			}

			expect(report, `sandbox answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`).toEqual([]);
		});
	}
});
