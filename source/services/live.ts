/**
The live troubleshooter's world: the user's own machine and cloud. Checks run against the services
of the command's context, the replay sends the failing call through services/replay.ts, the safe
fixes are a cache purge (with a backup) and pinning a profile, the live list is the subscriptions
this sign-in sees.
*/

import type {ReplayResult} from '../engine/session.ts';
import type {Services} from '../ports/services.ts';
import {asSubscriptionId, asTenantId} from '../target/ids.ts';
import {resolveTarget} from '../target/target.ts';
import type {CommandContext} from '../terminal/context.ts';
import type {Facts} from '../tree/facts.ts';
import {backupsToKeep, createCacheService, describePurge} from './cache.ts';
import type {Profiles} from './profiles.ts';
import {replayCall} from './replay.ts';
import {listSubscriptions} from './subscriptions.ts';
import {type TroubleshooterWorld, targetRequestOf} from './troubleshooter.ts';

/** The safe fixes authfix carries out on a user's machine, by the tree's action names. */
const liveActions = ['purge-cache', 'pin-profile', 'pin-profile-project'];

export function createLiveWorld(
	context: CommandContext,
	parts: {
		/** The command's services, built on first use (the first frame must not wait for them). */
		readonly services: () => Promise<Services>;
		readonly profiles: Profiles;
		/** How the walk verifies a fix instead of replaying the call (`authfix run`: the command again). */
		readonly verify?: (facts: Facts, signal: AbortSignal) => Promise<ReplayResult>;
	},
): TroubleshooterWorld {
	const {io, global} = context;
	const timeoutMs = Math.round(global.timeoutSeconds * 1000);
	const targetOf = (facts: Facts) => resolveTarget(targetRequestOf(facts), {env: io.env}).target;

	return {
		async checkSetup(facts) {
			return {services: await parts.services(), target: targetOf(facts)};
		},
		async replay(facts, signal): Promise<ReplayResult> {
			if (parts.verify) return parts.verify(facts, signal);
			const services = await parts.services();
			const target = targetOf(facts);
			if (!target.url) {
				// No failing call was given: verify with a fresh token and a read of the subscription.
				const {runChecks} = await import('../checks/run-checks.ts');
				const findings = await runChecks(['fresh-token', 'token-tenant', 'subscription-tenant'], target, services, {
					timeoutMs,
					signal,
				});
				const failed = findings.filter(finding => finding.status === 'fail' || finding.status === 'error');
				return {
					outcome: failed.length === 0 ? 'ok' : 'still-failing',
					attempts: [],
					detail:
						failed.length === 0
							? 'No failing call was given: a fresh token from the right tenant reads the subscription.'
							: failed.map(finding => `${finding.title}: ${finding.detail}`).join(' '),
				};
			}

			const tenantId = asTenantId(facts.subscriptionTenant);
			const report = await replayCall(
				{method: facts.requestMethod ?? 'GET', url: target.url, headers: {}, body: undefined, notes: []},
				{
					...(tenantId ? {tenantId} : {}),
					auxTenants: target.auxTenants,
					credential: target.credential,
					...(facts.failedWith ? {failedWith: facts.failedWith} : {}),
				},
				services,
				signal,
			);
			if (report.outcome === 'refused') {
				return {outcome: 'refused', request: report.request, attempts: [], detail: report.reason};
			}

			return {
				outcome: report.outcome,
				request: report.request,
				attempts: report.attempts.map(attempt => ({
					label: attempt.label,
					status: attempt.status ?? 0,
					...(attempt.errorCode ? {errorCode: attempt.errorCode} : {}),
					...(attempt.requestId ? {requestId: attempt.requestId} : {}),
					...(attempt.correlationId ? {correlationId: attempt.correlationId} : {}),
				})),
				detail: report.summary,
			};
		},
		async applyFix(action, facts) {
			if (action === 'purge-cache') {
				const services = await parts.services();
				const tenant = asTenantId(facts.tokenTenant);
				const keep = backupsToKeep(undefined, services.env);
				const result = await createCacheService(services.caches).purge(tenant, {keep});
				return {ok: true, detail: describePurge(result, tenant)};
			}

			if (action === 'pin-profile' || action === 'pin-profile-project') {
				const tenantId = asTenantId(facts.subscriptionTenant);
				const subscriptionId = asSubscriptionId(facts.subscriptionId);
				if (!tenantId || !subscriptionId) return {ok: false, detail: 'No tenant and subscription found to pin yet.'};
				const detail = await parts.profiles.pin(
					{tenantId, subscriptionId},
					{project: action === 'pin-profile-project'},
				);
				return {ok: true, detail};
			}

			return {ok: false, detail: `authfix cannot run ${action} here: run the commands shown, then press d.`};
		},
		canApply: action => liveActions.includes(action),
		async listOptions(_source, _facts, signal) {
			return listSubscriptions(await parts.services(), signal);
		},
	};
}
