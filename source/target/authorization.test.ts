import {describe, expect, test} from 'vitest';
import {armActionFrom, armScopeFrom, parseArmScope, requestAuthorization} from './authorization.ts';

const subscription = '/subscriptions/33333333-3333-3333-3333-333333333333';

describe('the operation and scope ARM authorises for a request', () => {
	test.each([
		['GET', `${subscription}?api-version=2022-12-01`, 'Microsoft.Resources/subscriptions/read', subscription],
		[
			'GET',
			`${subscription}/resourcegroups?api-version=2021-04-01`,
			'Microsoft.Resources/subscriptions/resourcegroups/read',
			subscription,
		],
		[
			'GET',
			`https://management.azure.com${subscription}/resourcegroups/rg-app?api-version=2021-04-01`,
			'Microsoft.Resources/subscriptions/resourcegroups/read',
			`${subscription}/resourcegroups/rg-app`,
		],
		[
			'DELETE',
			`${subscription}/resourceGroups/rg-app`,
			'Microsoft.Resources/subscriptions/resourcegroups/delete',
			`${subscription}/resourceGroups/rg-app`,
		],
		[
			'GET',
			`${subscription}/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/stdata`,
			'Microsoft.Storage/storageAccounts/read',
			`${subscription}/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/stdata`,
		],
		[
			'POST',
			`${subscription}/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/stdata/listKeys?api-version=2023-01-01`,
			'Microsoft.Storage/storageAccounts/listKeys/action',
			`${subscription}/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/stdata`,
		],
		[
			'PUT',
			`${subscription}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`,
			'Microsoft.Network/virtualNetworks/subnets/write',
			`${subscription}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`,
		],
		[
			'GET',
			`${subscription}/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts`,
			'Microsoft.Storage/storageAccounts/read',
			`${subscription}/resourceGroups/rg-app`,
		],
		[
			'GET',
			`${subscription}/resourceGroups/rg-app/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()`,
			'Microsoft.Authorization/roleAssignments/read',
			`${subscription}/resourceGroups/rg-app`,
		],
	])('%s %s → %s at %s', (method, path, action, scope) => {
		expect(requestAuthorization(method, path)).toEqual({action, scope});
	});

	test('paths that are not ARM resources have no operation', () => {
		expect(requestAuthorization('GET', '/tenants?api-version=2020-01-01')).toBeUndefined();
		expect(requestAuthorization('GET', '/v1.0/me')).toBeUndefined();
		expect(requestAuthorization('OPTIONS', subscription)).toBeUndefined();
	});

	test('an operation and a scope are validated once, naming where they came from', () => {
		expect(armActionFrom(' Microsoft.Storage/storageAccounts/read ', '--action')).toBe(
			'Microsoft.Storage/storageAccounts/read',
		);
		expect(() => armActionFrom('read everything; rm -rf /', '--action')).toThrow(/--action takes an operation/);
		expect(armScopeFrom(`${subscription}/`, '--scope')).toBe(subscription);
		expect(parseArmScope('/')).toBe('/');
		expect(() => armScopeFrom('subscriptions/x', '--scope')).toThrow(/--scope takes a scope/);
		expect(parseArmScope(`${subscription}/resourceGroups/rg app`)).toBeUndefined();
	});
});
