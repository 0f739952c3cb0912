import {decodeToken} from '../ports/access-token.ts';
import type {AzAccount, CredentialKind, ProfileSubscription, Services, TokenResult} from '../ports/services.ts';
import {lookupSubscriptionTenant, type TenantLookup} from './tenant-lookup.ts';

/** What the checks look at: the call that fails, as far as the user told us. */
export type CheckTarget = {
	readonly subscriptionId?: string;
	readonly tenantId?: string;
	/** The resource tokens are asked for (default: the cloud's ARM audience). */
	readonly resource?: string;
	readonly credential: CredentialKind;
	/** Tenants for `x-ms-authorization-auxiliary` (at most three). */
	readonly auxTenants: readonly string[];
	/** The URL the token is sent to, when known (a failing request). Decides the expected audience. */
	readonly url?: string;
};

/**
Facts several checks need, each fetched once per run (memoised promises), so independent checks can
run concurrently without asking az twice.
*/
export type CheckContext = {
	readonly services: Services;
	readonly target: CheckTarget;
	readonly signal: AbortSignal | undefined;
	account(): Promise<AzAccount>;
	/** The Azure CLI's azureProfile.json subscriptions, read once (undefined when there is none). */
	azureCliProfile(): Promise<readonly ProfileSubscription[] | undefined>;
	subscriptionId(): Promise<string | undefined>;
	subscriptionTenant(): Promise<TenantLookup | undefined>;
	/** --tenant, else the subscription's tenant, else undefined. */
	expectedTenant(): Promise<string | undefined>;
	resource(): string;
	/** The token the user's tools get today: the credential's default tenant, for `resource()`. */
	currentToken(): Promise<TokenResult>;
	/** A token for `resource()` from the expected tenant (the fix's token). */
	targetToken(): Promise<TokenResult>;
	tokenFor(request: {readonly resource: string; readonly tenantId?: string}): Promise<TokenResult>;
};

function memo<T>(make: () => Promise<T>): () => Promise<T> {
	let value: Promise<T> | undefined;
	return () => {
		value ??= make();
		return value;
	};
}

export function createCheckContext(target: CheckTarget, services: Services, signal?: AbortSignal): CheckContext {
	const call = {signal};
	const usesCli = () => target.credential === 'cli';
	const tokens = new Map<string, Promise<TokenResult>>();
	const context: CheckContext = {
		services,
		target,
		signal,
		account: memo(() => services.azureCli.accountShow(call)),
		azureCliProfile: memo(() => services.azureCliFiles.readProfile()),
		subscriptionId: memo(async () => {
			if (target.subscriptionId) return target.subscriptionId;
			if (services.env.AZURE_SUBSCRIPTION_ID) return services.env.AZURE_SUBSCRIPTION_ID;
			if (target.credential !== 'cli' && target.credential !== 'default') return undefined;
			try {
				const account = await context.account();
				// `az login --allow-no-subscriptions` makes tenant-level accounts whose id is the tenant id.
				return account.subscriptionName.startsWith('N/A(tenant level account)') ? undefined : account.subscriptionId;
			} catch {
				return undefined;
			}
		}),
		subscriptionTenant: memo(async () => {
			const subscriptionId = await context.subscriptionId();
			if (!subscriptionId) return undefined;
			return lookupSubscriptionTenant(services.http, services.cloud, subscriptionId, call);
		}),
		expectedTenant: memo(async () => {
			if (target.tenantId) return target.tenantId;
			const lookup = await context.subscriptionTenant();
			return lookup?.kind === 'found' ? lookup.tenantId : undefined;
		}),
		resource: () => target.resource ?? services.cloud.resourceManagerAudience,
		tokenFor(request) {
			const key = `${request.resource}|${request.tenantId ?? ''}`;
			let promise = tokens.get(key);
			if (!promise) {
				promise = usesCli()
					? services.azureCli.getAccessToken({resource: request.resource, tenantId: request.tenantId}, call)
					: services.credentials.getToken(
							target.credential,
							{scope: scopeOf(request.resource), tenantId: request.tenantId},
							call,
						);
				tokens.set(key, promise);
			}

			return promise;
		},
		currentToken: () => context.tokenFor({resource: context.resource(), tenantId: target.tenantId}),
		async targetToken() {
			const tenantId = await context.expectedTenant();
			if (!target.tenantId && tenantId) {
				// Most of the time the current token already is from the right tenant: do not ask twice.
				const current = await context.currentToken().catch(() => undefined);
				const tid = current ? decodeToken(current.token)?.claims.tid : undefined;
				if (current && typeof tid === 'string' && tid.toLowerCase() === tenantId.toLowerCase()) {
					tokens.set(`${context.resource()}|${tenantId}`, Promise.resolve(current));
					return current;
				}
			}

			return context.tokenFor({resource: context.resource(), tenantId});
		},
	};
	return context;
}

/** The v2 scope for a resource: `https://management.core.windows.net/` → `https://management.core.windows.net//.default`. */
function scopeOf(resource: string): string {
	return resource.endsWith('/.default') ? resource : `${resource}/.default`;
}
