import type {Finding} from '../findings/finding.ts';
import {decodeToken} from '../ports/access-token.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import {excerptOf} from '../safety/redact.ts';
import type {CheckContext} from './context.ts';
import {describeFailure, findingFor} from './finding-builders.ts';

const {pass, warn, fail, skip, error: errored} = findingFor('subscription-tenant', "Subscription's tenant");

/**
The tenant a subscription belongs to, two ways: the unauthenticated ARM challenge (works without any
access) and the authenticated read through the SubscriptionClient (which also lists managedByTenants
and proves the identity can see the subscription).
*/
export async function checkSubscriptionTenant(context: CheckContext): Promise<Finding> {
	const {services} = context;
	const subscriptionId = await context.subscriptionId();
	if (!subscriptionId) {
		return skip('No subscription to look at: pass --subscription, set AZURE_SUBSCRIPTION_ID, or sign in with az.', {
			fix: {
				text: 'Name the subscription the failing call uses.',
				command: 'authfix check --subscription <subscription-id>',
			},
		});
	}

	const lookup = await context.subscriptionTenant();
	if (!lookup || lookup.kind === 'failed') {
		return errored(
			`Could not ask ARM (${services.cloud.resourceManager}) for subscription ${subscriptionId}'s tenant: ${lookup?.message ?? 'no answer'}.`,
			{
				facts: {subscriptionId},
			},
		);
	}

	if (lookup.kind === 'not-found') {
		return fail(
			`ARM (${services.cloud.name}) does not know subscription ${subscriptionId}: ${lookup.errorCode}${lookup.message ? ` (${excerptOf(lookup.message, 160)})` : ''}.`,
			{
				fix: {
					text: 'Check the subscription id and the cloud (--cloud); list the ones you can see with:',
					command: 'az account list --all --output table',
				},
				facts: {subscriptionId},
			},
		);
	}

	const facts: Record<string, string> = {
		subscriptionId,
		tenantId: lookup.tenantId,
		subscriptionTenant: lookup.tenantId,
		authority: lookup.authority,
	};
	if (context.target.tenantId && context.target.tenantId.toLowerCase() !== lookup.tenantId) {
		return fail(
			`Subscription ${subscriptionId} belongs to tenant ${lookup.tenantId}, not ${context.target.tenantId} as given with --tenant.`,
			{
				fix: {
					text: "Ask for tokens from the subscription's tenant.",
					command: `authfix check --subscription ${subscriptionId} --tenant ${lookup.tenantId}`,
				},
				facts,
			},
		);
	}

	let token: Awaited<ReturnType<CheckContext['targetToken']>>;
	try {
		token =
			context.resource() === services.cloud.resourceManagerAudience
				? await context.targetToken()
				: await context.tokenFor({resource: services.cloud.resourceManagerAudience, tenantId: lookup.tenantId});
	} catch (error) {
		return warn(
			`Subscription ${subscriptionId} belongs to tenant ${lookup.tenantId} (from ARM's challenge); the authenticated read was not possible: ${describeFailure(error).detail}`,
			{
				facts,
			},
		);
	}

	try {
		const subscription = await services.http.getSubscription(subscriptionId, token.token, {signal: context.signal});
		const managedBy = subscription.managedByTenants;
		const name = subscription.displayName ? ` (${subscription.displayName})` : '';
		const detail = `Subscription ${subscriptionId}${name} belongs to tenant ${subscription.tenantId || lookup.tenantId}${managedBy.length > 0 ? `, managed by ${managedBy.join(', ')}` : ''}; state ${subscription.state || 'unknown'}.`;
		const readFacts = {
			...facts,
			displayName: subscription.displayName,
			state: subscription.state,
			managedByTenants: managedBy.join(','),
		};
		if (subscription.state && subscription.state !== 'Enabled') {
			return warn(`${detail} Only Enabled subscriptions accept changes.`, {facts: readFacts});
		}

		return pass(detail, {facts: readFacts});
	} catch (error) {
		if (error instanceof AdapterError && error.code === 'http') {
			const claims = decodeToken(token.token)?.claims;
			const principal = String(claims?.oid ?? claims?.appid ?? claims?.azp ?? '<principal-object-id>');
			const principalType = claims?.idtyp === 'user' || claims?.upn !== undefined ? 'User' : 'ServicePrincipal';
			if (error.status === 403) {
				return fail(
					`Subscription ${subscriptionId} belongs to tenant ${lookup.tenantId}, but the identity (object id ${principal}) has no role on it: ${error.message}`,
					{
						fix: {
							text: 'Someone with Owner or User Access Administrator on the subscription grants a role:',
							command: `az role assignment create --assignee-object-id ${principal} --assignee-principal-type ${principalType} --role Reader --scope /subscriptions/${subscriptionId}`,
						},
						facts: {...facts, principalId: principal},
					},
				);
			}

			if (error.status === 401) {
				// The token itself is the problem; the token checks say which way.
				return warn(
					`Subscription ${subscriptionId} belongs to tenant ${lookup.tenantId} (from ARM's challenge); ARM refused the token from that tenant: ${error.message} (see the token checks).`,
					{facts},
				);
			}

			return fail(
				`Subscription ${subscriptionId} belongs to tenant ${lookup.tenantId}, but reading it with a token from that tenant failed: ${error.message}`,
				{facts},
			);
		}

		return warn(
			`Subscription ${subscriptionId} belongs to tenant ${lookup.tenantId}; the authenticated read failed: ${describeFailure(error).detail}`,
			{facts},
		);
	}
}
