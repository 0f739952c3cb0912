import type {CheckId, Finding} from '../findings/finding.ts';
import type {Services} from '../ports/services.ts';
import type {Target} from '../target/target.ts';
import {checkAuxTokens} from './aux-tokens.ts';
import {checkCacheState} from './cache-state.ts';
import {checkCliContext} from './cli-context.ts';
import {type CheckContext, createCheckContext} from './context.ts';
import {checkCredentialSource} from './credential-source.ts';
import {checkFederatedCredential} from './federated-credential.ts';
import {checkRoleAssignments} from './role-assignments.ts';
import {checkSubscriptionTenant} from './subscription-tenant.ts';
import {
	checkFreshToken,
	checkTokenAudience,
	checkTokenExpiry,
	checkTokenSignature,
	checkTokenTenant,
} from './token-checks.ts';

/** A live check: looks at the user's state through the ports and returns a finding. */
export type Check = {
	readonly id: CheckId;
	readonly title: string;
	run(context: CheckContext): Promise<Finding>;
};

/** Every live check, in the order `authfix check` prints them. */
export const checks: readonly Check[] = [
	{id: 'cli-context', title: 'Azure CLI context', run: checkCliContext},
	{id: 'credential-source', title: 'Credential source', run: checkCredentialSource},
	{id: 'subscription-tenant', title: "Subscription's tenant", run: checkSubscriptionTenant},
	{id: 'fresh-token', title: 'Fresh token', run: checkFreshToken},
	{id: 'token-tenant', title: 'Token tenant', run: checkTokenTenant},
	{id: 'token-audience', title: 'Token audience', run: checkTokenAudience},
	{id: 'token-expiry', title: 'Token lifetime', run: checkTokenExpiry},
	{id: 'token-signature', title: 'Token signature', run: checkTokenSignature},
	{id: 'role-assignments', title: 'Role assignments', run: checkRoleAssignments},
	{id: 'aux-tokens', title: 'Auxiliary tokens', run: checkAuxTokens},
	{id: 'federated-credential', title: 'Federated credential', run: checkFederatedCredential},
	{id: 'cache-state', title: 'Token caches', run: checkCacheState},
];

/** The ids `authfix check` runs by default. */
export const defaultCheckIds: readonly CheckId[] = checks.map(check => check.id);

/**
Runs checks concurrently (they share one memoised context, so az is asked once) and turns any throw,
timeout or cancellation into an `error` finding that says why. The one function the TUI calls.
Findings come back in the order of `ids`.
*/
export async function runChecks(
	ids: readonly CheckId[],
	target: Target,
	services: Services,
	options: {readonly timeoutMs: number; readonly signal?: AbortSignal},
): Promise<Finding[]> {
	const controller = new AbortController();
	const onAbort = () => controller.abort();
	options.signal?.addEventListener('abort', onAbort, {once: true});
	const context = createCheckContext(target, services, controller.signal);
	try {
		return await Promise.all(ids.map(id => runOne(id, context, options.timeoutMs, options.signal)));
	} finally {
		options.signal?.removeEventListener('abort', onAbort);
		// Whatever is still running (a hung az, a slow server) is cancelled once the answers are in.
		controller.abort();
	}
}

async function runOne(
	id: CheckId,
	context: CheckContext,
	timeoutMs: number,
	signal: AbortSignal | undefined,
): Promise<Finding> {
	const check = checks.find(item => item.id === id);
	if (!check) {
		return {id, status: 'error', title: id, detail: `authfix has no live check named ${id} here.`};
	}

	let timer: NodeJS.Timeout | undefined;
	let onAbort: (() => void) | undefined;
	const stop = new Promise<Finding>(resolve => {
		timer = setTimeout(() => {
			resolve({
				id,
				status: 'error',
				title: check.title,
				detail: `The check did not finish within ${Number((timeoutMs / 1000).toFixed(1))} s and was stopped.`,
			});
		}, timeoutMs);
		onAbort = () => resolve({id, status: 'error', title: check.title, detail: 'The check was cancelled.'});
		if (signal?.aborted) onAbort();
		else signal?.addEventListener('abort', onAbort, {once: true});
	});
	try {
		return await Promise.race([
			check.run(context).catch(
				(error: unknown): Finding => ({
					id,
					status: 'error',
					title: check.title,
					detail: `The check could not run: ${error instanceof Error ? error.message : String(error)}`,
				}),
			),
			stop,
		]);
	} finally {
		clearTimeout(timer);
		if (onAbort) signal?.removeEventListener('abort', onAbort);
	}
}
