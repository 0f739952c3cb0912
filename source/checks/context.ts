import {type DetectedSource, detectSources, type SourceInputs} from '../credentials/sources.ts';
import {createAccessToken, decodeToken} from '../ports/access-token.ts';
import type {AzAccount, ProfileSubscription, Services, TokenResult} from '../ports/services.ts';
import type {SubscriptionId} from '../target/ids.ts';
import {scopeOf} from '../target/resource.ts';
import {subscriptionOfAccount, type Target, usesAzureCliSubscription} from '../target/target.ts';
import {lookupSubscriptionTenant, type TenantLookup} from './tenant-lookup.ts';

/**
Facts several checks need, each fetched once per run (memoised promises), so independent checks can
run concurrently without asking az twice.
*/
export type CheckContext = {
	readonly services: Services;
	readonly target: Target;
	readonly signal: AbortSignal | undefined;
	account(): Promise<AzAccount>;
	/** The Azure CLI's azureProfile.json subscriptions, read once (undefined when there is none). */
	azureCliProfile(): Promise<readonly ProfileSubscription[] | undefined>;
	/** The target's subscription, else the Azure CLI's current one (the last step of target.ts's order). */
	subscriptionId(): Promise<SubscriptionId | undefined>;
	subscriptionTenant(): Promise<TenantLookup | undefined>;
	/** --tenant, else the subscription's tenant, else undefined. */
	expectedTenant(): Promise<string | undefined>;
	resource(): string;
	/** The token the user's tools get today: the credential's default tenant, for `resource()`. */
	currentToken(): Promise<TokenResult>;
	/** A token for `resource()` from the expected tenant (the fix's token). */
	targetToken(): Promise<TokenResult>;
	tokenFor(request: {readonly resource: string; readonly tenantId?: string}): Promise<TokenResult>;
	/**
	Every credential source here (credentials/sources.ts) and what they were read from: the environment,
	the tools' files, the Azure CLI's profile, the federated token file's claims, @azure/identity's cache.
	Reads that fail leave their part out.
	*/
	credentialSources(): Promise<{readonly inputs: SourceInputs; readonly sources: readonly DetectedSource[]}>;
};

function memo<T>(make: () => Promise<T>): () => Promise<T> {
	let value: Promise<T> | undefined;
	return () => {
		value ??= make();
		return value;
	};
}

export function createCheckContext(target: Target, services: Services, signal?: AbortSignal): CheckContext {
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
			if (!usesAzureCliSubscription(target)) return undefined;
			const account = await context.account().catch(() => undefined);
			return account ? subscriptionOfAccount(account) : undefined;
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
		credentialSources: memo(async () => {
			const env = services.env;
			const tokenFile = env.AZURE_FEDERATED_TOKEN_FILE;
			const [stores, profile, tokenText, caches] = await Promise.all([
				services.stores.read().catch(() => ({})),
				context.azureCliProfile().catch(() => undefined),
				tokenFile ? services.files.readText(tokenFile, 64 * 1024).catch(() => undefined) : undefined,
				services.caches.list().catch(() => []),
			]);
			const claims = tokenText ? decodeToken(createAccessToken(tokenText.trim()))?.claims : undefined;
			const identityCache = caches.find(cache => cache.owner === 'azure-identity' && cache.accounts.length > 0);
			const inputs: SourceInputs = {
				env,
				stores,
				azureCli: {directory: services.azureCliFiles.directory, subscriptions: profile},
				...(claims ? {federatedToken: claims} : {}),
				...(identityCache
					? {
							identityCache: {
								path: identityCache.path,
								tenants: identityCache.tenants,
								accounts: identityCache.accounts,
							},
						}
					: {}),
			};
			return {inputs, sources: detectSources(inputs)};
		}),
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
