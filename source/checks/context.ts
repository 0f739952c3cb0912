import type {JWTPayload} from 'jose';
import {
	AdapterError,
	type AzAccount,
	type CredentialKind,
	type ProfileSubscription,
	type Services,
	type TokenResult,
} from '../adapters/ports.ts';
import type {CheckId, Finding, FindingFix} from '../findings/finding.ts';
import {decodeJwt} from '../token/jwt.ts';
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

/**
The Azure CLI profile's entry for the subscription when it files it under a tenant ARM does not name
(neither its tenant nor its home tenant): az then gets tokens from the old tenant, a stale cache.
*/
export function staleProfileEntry(
	profile: readonly ProfileSubscription[] | undefined,
	subscriptionId: string | undefined,
	armTenant: string | undefined,
): ProfileSubscription | undefined {
	if (!subscriptionId || !armTenant) return undefined;
	const entry = profile?.find(item => item.id.toLowerCase() === subscriptionId.toLowerCase());
	if (!entry) return undefined;
	const tenant = armTenant.toLowerCase();
	const filedElsewhere =
		entry.tenantId.toLowerCase() !== tenant && (entry.homeTenantId ?? entry.tenantId).toLowerCase() !== tenant;
	return filedElsewhere ? entry : undefined;
}

/** The v2 scope for a resource: `https://management.core.windows.net/` → `https://management.core.windows.net//.default`. */
function scopeOf(resource: string): string {
	return resource.endsWith('/.default') ? resource : `${resource}/.default`;
}

export type DecodedToken = {
	readonly claims: JWTPayload & Record<string, unknown>;
	readonly header: Record<string, unknown>;
};

/** Claims without verification (token/jwt.ts, as `decode` reads them); undefined when it is not a JWT. */
export function decodeToken(token: TokenResult['token']): DecodedToken | undefined {
	try {
		const {claims, header} = decodeJwt(token.reveal());
		return {claims: claims as DecodedToken['claims'], header};
	} catch {
		return undefined;
	}
}

/** Finding constructors: every finding carries its check's id and title. */
export function findingFor(id: CheckId, title: string) {
	const make =
		(status: Finding['status']) =>
		(detail: string, extra: {fix?: FindingFix; facts?: Record<string, string>} = {}): Finding => ({
			id,
			status,
			title,
			detail,
			...(extra.fix ? {fix: extra.fix} : {}),
			...(extra.facts ? {facts: extra.facts} : {}),
		});
	return {pass: make('pass'), warn: make('warn'), fail: make('fail'), skip: make('skip'), error: make('error')};
}

/** A sentence for a failed adapter call, and a fix when the failure has a known one. */
export function describeFailure(error: unknown): {detail: string; code: string; fix?: FindingFix} {
	if (error instanceof AdapterError) {
		switch (error.code) {
			case 'not-installed': {
				return {
					detail: error.message,
					code: error.code,
					fix: {
						text: 'Install the Azure CLI: https://aka.ms/azure-cli (Debian/Ubuntu: sudo apt-get install azure-cli)',
					},
				};
			}

			case 'not-signed-in': {
				return {detail: error.message, code: error.code, fix: {text: 'Sign in to the Azure CLI', command: 'az login'}};
			}

			default: {
				return {detail: error.message, code: error.code};
			}
		}
	}

	return {detail: error instanceof Error ? error.message : String(error), code: 'unexpected'};
}

export function shortTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function describeDuration(ms: number): string {
	const minutes = Math.round(Math.abs(ms) / 60_000);
	if (minutes < 1) return `${Math.round(Math.abs(ms) / 1000)} s`;
	if (minutes < 120) return `${minutes} min`;
	return `${(Math.abs(ms) / 3_600_000).toFixed(1)} h`;
}

/** The audiences a token for this cloud's ARM may carry (ARM accepts both hosts, with and without the slash). */
export function armAudiences(cloud: Services['cloud']): string[] {
	const base = [cloud.resourceManagerAudience, cloud.resourceManager];
	return [...new Set(base.flatMap(value => [value.replace(/\/+$/, ''), `${value.replace(/\/+$/, '')}/`]))];
}
