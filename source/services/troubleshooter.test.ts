import {describe, expect, test} from 'vitest';
import {subscriptionB, tenantB} from '../../test/fakes/services.ts';
import {resolveTarget} from '../target/target.ts';
import {UsageError} from '../usage-error.ts';
import {authorizationFactsOf} from './paste.ts';
import {targetRequestOf} from './troubleshooter.ts';

const scopeB = `/subscriptions/${subscriptionB}/resourceGroups/rg-app`;

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

	test("a 403's operation and scope join the target; masked ones from a paste are left out", () => {
		const scope = `/subscriptions/${subscriptionB}/resourceGroups/rg-app`;
		expect(
			resolveTarget(targetRequestOf({action: 'Microsoft.Storage/storageAccounts/read', scope}), {env: {}}).target,
		).toMatchObject({action: 'Microsoft.Storage/storageAccounts/read', scope});
		const masked = resolveTarget(targetRequestOf({action: '<action>', scope: '/subscriptions/***/x'}), {
			env: {},
		}).target;
		expect(masked.action).toBeUndefined();
		expect(masked.scope).toBeUndefined();
	});

	test('an ARM 403 pasted as text gives its operation, scope, caller and, for the variants, what blocked it', () => {
		const deny = `{"error":{"code":"DenyAssignmentAuthorizationFailed","message":"The client 'ci' with object id 'AAAAAAAA-1111-0000-0000-000000000001' has permission to perform action 'Microsoft.Storage/storageAccounts/listKeys/action' on scope '${scopeB}/providers/Microsoft.Storage/storageAccounts/st'; however, the access is denied because of the deny assignment with name 'Deny by stack' and Id '0f6d2b3e54c84c1b9a7e1c2d3e4f5a6b' at scope '${scopeB}'."}}`;
		expect(authorizationFactsOf(deny)).toEqual({
			action: 'Microsoft.Storage/storageAccounts/listKeys/action',
			scope: `${scopeB}/providers/Microsoft.Storage/storageAccounts/st`,
			principalId: 'aaaaaaaa-1111-0000-0000-000000000001',
			denyAssignment: 'Deny by stack',
			denyAssignmentId: '0f6d2b3e-54c8-4c1b-9a7e-1c2d3e4f5a6b',
		});
		expect(
			authorizationFactsOf(
				`The client 'x' with object id 'y' has permission to perform action 'Microsoft.Compute/virtualMachines/write' on scope '${scopeB}/providers/Microsoft.Compute/virtualMachines/vm'; however, it does not have permission to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action' on the linked scope(s) '${scopeB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id' or the linked scope(s) are invalid.`,
			),
		).toMatchObject({
			linkedAction: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
			linkedScope: `${scopeB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id`,
		});
		expect(authorizationFactsOf('AADSTS50076: MFA required')).toEqual({});
	});

	test('a fact that is not what it should be is refused, naming the session, never passed on', () => {
		expect(() => resolveTarget(targetRequestOf({subscriptionId: '$(rm -rf /)'}), {env: {}})).toThrow(
			"the session's subscription id takes a GUID",
		);
	});
});
