import type {Scenario} from '../scenario.ts';
import {alice, baseScenario, devTool} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

/**
The readers group has had Reader on the subscription for a day; Alice joined it ten minutes ago.
Her tool still sends the token it got half an hour ago, whose `groups` claim predates her
membership: ARM, reading her groups from the token, finds no role.
*/
export const rbacStaleToken: Scenario = {
	name: 'rbac-stale-token',
	description:
		'a user was added to a group with Reader after her token was issued: the old token still gets 403 AuthorizationFailed',
	...baseScenario(),
	groups: [
		{
			id: ids.readersGroup,
			displayName: 'sg-contoso-dev-readers',
			tenantId: ids.tenantA,
			members: [{objectId: ids.alice, addedSecondsAgo: 600}],
		},
	],
	roleAssignments: [{principalId: ids.readersGroup, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)}],
	replay: {
		identity: alice.userPrincipalName,
		clientApp: devTool.name,
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
		heldToken: {issuedSecondsAgo: 1800},
		expectedError: 'AuthorizationFailed',
	},
	fix: {
		operations: [],
		replay: {heldToken: undefined},
		summary: 'get a fresh token: it carries the new group membership',
	},
};
