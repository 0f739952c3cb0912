import {describe, expect, test} from 'vitest';
import {nodeById} from '../tree/index.ts';
import {describeEffects, effectNeeded} from './effects.ts';

const effectsOf = (id: string) => {
	const node = nodeById(id);
	return node.kind === 'fix' ? node.effects : undefined;
};

describe('what a fix will change, in words', () => {
	test('client-side effects, in order, with the facts filled in', () => {
		expect(describeEffects(effectsOf('stale-fix-purge'), {tokenTenant: 't-old', subscriptionTenant: 't-new'})).toBe(
			"authfix will purge tenant t-old's cached entries (a backup is kept), then sign the client in to tenant t-new.",
		);
	});

	test('a sandbox operation names its parameters; an unknown fact stays a readable stand-in', () => {
		expect(
			describeEffects(effectsOf('authz-fix-role'), {principalId: 'p-1', role: 'Storage Account Contributor'}),
		).toBe('authfix will assign a role (principalId p-1, role Storage Account Contributor, scope <role-scope>).');
		expect(describeEffects(effectsOf('authz-fix-deny'), {principalId: 'p-1', denyAssignmentId: 'd-1'})).toBe(
			'authfix will exclude the identity from the deny assignment (denyAssignmentId d-1, principalId p-1).',
		);
	});

	test('a fix without effects says nothing', () => {
		expect(describeEffects(effectsOf('a90002-fix'), {})).toBeUndefined();
	});

	test('the AADSTS700236 fix: each step the facts say is done is left out; the rest filled in', () => {
		const facts = {
			homeAppId: 'app-home',
			identityIssuer: 'https://issuer/t-a/v2.0',
			identityObjectId: 'oid-1',
			targetTenantId: 't-b',
			subscriptionId: 's-b',
			homeAppFederated: 'yes',
			homeAppConsented: 'no',
		};
		expect(describeEffects(effectsOf('fic-fix-multitenant'), facts)).toBe(
			"authfix will grant admin consent (clientAppId app-home, tenantId t-b), then assign a role (principalId the service principal the consent creates, role Reader, scope /subscriptions/s-b), then exchange the assertion for app app-home's token.",
		);
		const [federate, consent] = effectsOf('fic-fix-multitenant') ?? [];
		expect(federate && effectNeeded(federate, facts)).toBe(false);
		expect(federate && effectNeeded(federate, {...facts, homeAppFederated: 'no'})).toBe(true);
		expect(consent && effectNeeded(consent, {})).toBe(true);
		expect(consent && effectNeeded(consent, {homeAppConsented: 'yes'})).toBe(false);
	});
});
