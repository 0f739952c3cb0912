import {describe, expect, test} from 'vitest';
import {nodeById} from '../tree/index.ts';
import {describeEffects} from './effects.ts';

const effectsOf = (id: string) => {
	const node = nodeById(id);
	return node.kind === 'fix' ? node.effects : undefined;
};

describe('what a fix will change, in words', () => {
	test('client-side effects, in order, with the facts filled in', () => {
		expect(describeEffects(effectsOf('stale-fix-purge'), {staleTenantId: 't-old', subscriptionTenantId: 't-new'})).toBe(
			"authfix will purge tenant t-old's cached entries (a backup is kept), then sign the client in to tenant t-new.",
		);
	});

	test('a sandbox operation names its parameters; an unknown fact stays a readable stand-in', () => {
		expect(describeEffects(effectsOf('authz-fix-role'), {oid: 'p-1'})).toBe(
			'authfix will assign a role (principalId p-1, role Reader, scope /subscriptions/<subscription-id>).',
		);
	});

	test('a fix without effects says nothing', () => {
		expect(describeEffects(effectsOf('a90002-fix'), {})).toBeUndefined();
	});
});
