import type {Scenario} from '../scenario.ts';
import {baseScenario} from './base.ts';
import {armAudience, ids, subscriptionScope} from './ids.ts';

/**
The common expired token: the client got a token two hours ago and keeps sending it. Every clock
is right (a fresh token is valid); the fix is the client's, asking for a fresh token.
*/
export const expiredCachedToken: Scenario = {
	name: 'expired-cached-token',
	description:
		'the client keeps a token it got two hours ago and sends it past its lifetime (ExpiredAuthenticationToken); fresh tokens are fine',
	...baseScenario(),
	roleAssignments: [{principalId: ids.ciAppInA, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)}],
	replay: {
		identity: 'ci-app',
		tenantId: ids.tenantA,
		resource: armAudience,
		method: 'GET',
		path: `/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
		keepsTokenIssuedSecondsAgo: 7200,
		expectedError: 'ExpiredAuthenticationToken',
	},
	fix: {
		operations: [],
		replay: {keepsTokenIssuedSecondsAgo: 0},
		summary: 'ask the credential for a fresh token on every call instead of keeping one past its lifetime',
	},
};
