import {describe, expect, test} from 'vitest';
import {subscriptionB, tenantB} from '../../test/fakes/services.ts';
import {resolveTarget} from '../target/target.ts';
import {UsageError} from '../usage-error.ts';
import {targetRequestOf} from './troubleshooter.ts';

describe("a session's facts as the target", () => {
	test('the subscription, the auxiliary tenant and the failing call, validated into typed values', () => {
		const {target} = resolveTarget(
			targetRequestOf({
				subscriptionId: subscriptionB.toUpperCase(),
				auxTenant: tenantB,
				requestUrl: `https://management.azure.com/subscriptions/${subscriptionB}?api-version=2022-12-01`,
			}),
			{env: {}},
		);
		expect(target).toEqual({
			subscriptionId: subscriptionB,
			subscriptionSource: 'given',
			credential: 'cli',
			auxTenants: [tenantB],
			url: `https://management.azure.com/subscriptions/${subscriptionB}?api-version=2022-12-01`,
		});
	});

	test('without a subscription in the facts, AZURE_SUBSCRIPTION_ID is next, validated like a flag', () => {
		expect(resolveTarget(targetRequestOf({}), {env: {AZURE_SUBSCRIPTION_ID: subscriptionB}}).target).toMatchObject({
			subscriptionId: subscriptionB,
			subscriptionSource: 'environment',
		});
		expect(() => resolveTarget(targetRequestOf({}), {env: {AZURE_SUBSCRIPTION_ID: '$(rm -rf /)'}})).toThrow(
			new UsageError("AZURE_SUBSCRIPTION_ID takes a GUID, not '$(rm -rf /)'"),
		);
	});

	test('a fact that is not what it should be is refused, naming the session, never passed on', () => {
		expect(() => resolveTarget(targetRequestOf({subscriptionId: '$(rm -rf /)'}), {env: {}})).toThrow(
			"the session's subscription id takes a GUID",
		);
	});
});
