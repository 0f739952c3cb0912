import type {Scenario} from '../scenario.ts';
import {baseScenario} from './base.ts';
import {expiredToken} from './expired-token.ts';

/**
The common expired token: expired-token's directory and failing call, but every clock is right (a
fresh token is valid); the client got its token two hours ago and keeps sending it. The fix is the
client's: ask for a fresh token.
*/
export const expiredCachedToken: Scenario = {
	...expiredToken,
	name: 'expired-cached-token',
	description:
		'the client keeps a token it got two hours ago and sends it past its lifetime (ExpiredAuthenticationToken); fresh tokens are fine',
	tenants: baseScenario().tenants,
	replay: {...expiredToken.replay, heldToken: {issuedSecondsAgo: 7200}},
	fix: {
		operations: [],
		replay: {heldToken: undefined},
		summary: 'ask the credential for a fresh token on every call instead of keeping one past its lifetime',
	},
};
