/**
The one target: the call that fails, as far as authfix knows it (subscription, tenant, resource,
credential, auxiliary tenants, URL). Every path (`check`, `replay`, the troubleshooter, the demo)
resolves it here, in one documented order, from raw values into typed ones:

  subscription: the flag or the pasted error → the pinned profile → AZURE_SUBSCRIPTION_ID → the
  Azure CLI's current subscription (read lazily by the checks, with `subscriptionOfAccount`).

A value that is not what it should be is a UsageError that names where it came from.
*/
import {parseChain, parseVersion, type Sdk, sdkFrom, sdkIds} from '../credentials/chains.ts';
import {type CredentialKind, credentialKinds} from '../ports/services.ts';
import {UsageError} from '../usage-error.ts';
import {type ArmAction, type ArmScope, armActionFrom, armScopeFrom} from './authorization.ts';
import {asSubscriptionId, type SubscriptionId, subscriptionIdFrom, type TenantId, tenantIdFrom} from './ids.ts';
import {type RequestUrl, type ResourceUri, requestUrlFrom, resourceUriFrom} from './resource.ts';

/** Where the target's subscription came from. */
export type SubscriptionSource = 'given' | 'profile' | 'environment' | 'azure-cli';

export type Target = {
	readonly subscriptionId?: SubscriptionId;
	readonly subscriptionSource?: SubscriptionSource;
	/** The tenant tokens must come from, when it is given (else: the subscription's tenant). */
	readonly tenantId?: TenantId;
	/** The resource tokens are asked for (default: the cloud's ARM audience). */
	readonly resource?: ResourceUri;
	readonly credential: CredentialKind;
	/** Tenants for `x-ms-authorization-auxiliary` (ARM takes at most three). */
	readonly auxTenants: readonly TenantId[];
	/** The URL the token is sent to, when known (the failing request): decides the expected audience. */
	readonly url?: RequestUrl;
	/** The SDK (and version) of the app whose DefaultAzureCredential to follow; default: all five, newest. */
	readonly sdk?: {readonly sdk: Sdk; readonly version?: string};
	/** A ChainedTokenCredential setup: its credential class names, in order. */
	readonly chain?: readonly string[];
	/** The operation a 403 refused, and the scope it was refused at (else: read from the URL). */
	readonly action?: ArmAction;
	readonly scope?: ArmScope;
	/** LinkedAuthorizationFailed: the operation missing at a linked scope (a subnet's join, an identity's assign). */
	readonly linkedAction?: ArmAction;
	readonly linkedScope?: ArmScope;
};

/** The raw values as the user gave them (flags) or the session learnt them (a paste, a pick). */
export type TargetRequest = {
	readonly subscription?: string;
	readonly tenant?: string;
	readonly resource?: string;
	readonly credential?: string;
	readonly auxTenants?: readonly string[];
	readonly url?: string;
	/** `python`, `python@1.23.0`, `dotnet@1.14.0`… */
	readonly sdk?: string;
	/** `EnvironmentCredential,AzureCliCredential`: a ChainedTokenCredential's members in order. */
	readonly chain?: string;
	readonly action?: string;
	readonly scope?: string;
	readonly linkedAction?: string;
	readonly linkedScope?: string;
	/** How to name each value in a message: the flags (`--subscription`) or the session's facts. */
	readonly names?: Partial<Record<keyof typeof flagNames, string>>;
};

/** A pinned pair (`.authfix.json` or the active profile), already read and validated by its adapter. */
export type PinnedPair = {readonly subscriptionId: SubscriptionId; readonly tenantId: TenantId};

/**
The subscription and tenant a user pinned: `.authfix.json` in the current folder
(`{profile, tenantId, subscriptionId}`, written for the team) wins over the active profile in
`profiles.json` of authfix's data folder (`{profiles: {name: {tenantId, subscriptionId}}, active}`,
as the troubleshooter's onboarding writes it with conf).
*/
export type PinnedProfile = PinnedPair & {
	readonly name: string | undefined;
	/** Where it was read from: the project file or the data folder's profiles.json. */
	readonly file: string;
	readonly origin: 'project' | 'active-profile';
};

export type PinnedProfileRead = {
	readonly profile: PinnedProfile | undefined;
	/** A file that exists but could not be used, and why (shown, never fatal). */
	readonly ignored?: {readonly file: string; readonly reason: string};
};

export type TargetSources = {
	readonly profile?: PinnedPair;
	readonly env: Readonly<Record<string, string | undefined>>;
};

export type ResolvedTarget = {
	readonly target: Target;
	/** Whether the pinned profile decided the subscription (false when a given one overrides it). */
	readonly profileUsed: boolean;
};

const flagNames = {
	subscription: '--subscription',
	tenant: '--tenant',
	resource: '--resource',
	credential: '--credential',
	auxTenant: '--aux-tenant',
	url: '--url',
	sdk: '--sdk',
	chain: '--chain',
	action: '--action',
	scope: '--scope',
	linkedAction: '--linked-action',
	linkedScope: '--linked-scope',
} as const;

/** `python@1.23.0` → the SDK and its version; a UsageError that names the source otherwise. */
export function sdkFromText(value: string, source: string): {sdk: Sdk; version?: string} {
	const [name = '', version] = value.split('@');
	const sdk = sdkFrom(name);
	if (!sdk)
		throw new UsageError(
			`${source} takes one of ${sdkIds.join(', ')} (optionally @VERSION), not '${value.slice(0, 40)}'`,
		);
	if (version !== undefined && !parseVersion(version)) {
		throw new UsageError(`${source}: '${version.slice(0, 40)}' is not a version (e.g. ${sdk}@1.2.3)`);
	}

	return {sdk, ...(version ? {version} : {})};
}

/** `EnvironmentCredential,AzureCli` → the class names; a UsageError for a name no SDK has. */
export function chainFromText(value: string, source: string): string[] {
	const {names, unknown} = parseChain(value);
	if (unknown.length > 0 || names.length === 0) {
		throw new UsageError(
			`${source}: '${(unknown[0] ?? value).slice(0, 40)}' is not a credential class (e.g. EnvironmentCredential,AzureCliCredential)`,
		);
	}

	return names;
}

export function credentialKindFrom(value: string | undefined, source: string): CredentialKind {
	if (value === undefined) return 'cli';
	if ((credentialKinds as readonly string[]).includes(value)) return value as CredentialKind;
	throw new UsageError(`${source} takes one of ${credentialKinds.join(', ')}, not '${value.slice(0, 40)}'`);
}

/** Resolves a target in the documented order (see the module comment); throws UsageError on bad values. */
export function resolveTarget(request: TargetRequest, sources: TargetSources): ResolvedTarget {
	const name = {...flagNames, ...request.names};
	const given =
		request.subscription === undefined ? undefined : subscriptionIdFrom(request.subscription, name.subscription);
	const fromEnv = sources.env.AZURE_SUBSCRIPTION_ID
		? subscriptionIdFrom(sources.env.AZURE_SUBSCRIPTION_ID, 'AZURE_SUBSCRIPTION_ID')
		: undefined;
	const {profile} = sources;
	// A given subscription overrides the profile; a profile for another subscription then says nothing about it.
	const profileUsed = profile !== undefined && (given === undefined || given === profile.subscriptionId);
	const [subscriptionId, subscriptionSource]: [SubscriptionId | undefined, SubscriptionSource | undefined] = given
		? [given, 'given']
		: profile
			? [profile.subscriptionId, 'profile']
			: fromEnv
				? [fromEnv, 'environment']
				: [undefined, undefined];
	const target: Target = {
		...(subscriptionId ? {subscriptionId, subscriptionSource} : {}),
		...(request.tenant === undefined ? {} : {tenantId: tenantIdFrom(request.tenant, name.tenant)}),
		...(request.resource === undefined ? {} : {resource: resourceUriFrom(request.resource, name.resource)}),
		credential: credentialKindFrom(request.credential, name.credential),
		auxTenants: (request.auxTenants ?? []).map(tenant => tenantIdFrom(tenant, name.auxTenant)),
		...(request.url === undefined ? {} : {url: requestUrlFrom(request.url, name.url)}),
		...(request.sdk === undefined ? {} : {sdk: sdkFromText(request.sdk, name.sdk)}),
		...(request.chain === undefined ? {} : {chain: chainFromText(request.chain, name.chain)}),
		...(request.action === undefined ? {} : {action: armActionFrom(request.action, name.action)}),
		...(request.scope === undefined ? {} : {scope: armScopeFrom(request.scope, name.scope)}),
		...(request.linkedAction === undefined
			? {}
			: {linkedAction: armActionFrom(request.linkedAction, name.linkedAction)}),
		...(request.linkedScope === undefined ? {} : {linkedScope: armScopeFrom(request.linkedScope, name.linkedScope)}),
	};
	return {target, profileUsed};
}

/** Whether the last step of the order applies: the credentials that use the Azure CLI. */
export function usesAzureCliSubscription(target: Target): boolean {
	return target.credential === 'cli' || target.credential === 'default';
}

/**
The last step of the order: the Azure CLI's current subscription. `az login --allow-no-subscriptions`
makes tenant-level accounts whose id is the tenant's: those name no subscription.
*/
export function subscriptionOfAccount(account: {
	readonly subscriptionId: string;
	readonly subscriptionName: string;
}): SubscriptionId | undefined {
	if (account.subscriptionName.startsWith('N/A(tenant level account)')) return undefined;
	return asSubscriptionId(account.subscriptionId);
}
