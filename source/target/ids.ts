/**
The ids a target is made of, validated once at the boundary (a flag, an environment variable, a
pasted error, a pinned profile, a live list) into branded strings: past that point a
`SubscriptionId` is a lower-case GUID and nothing checks it again.
*/
import {isGuid} from '../token/well-known.ts';
import {UsageError} from '../usage-error.ts';

declare const brand: unique symbol;
type Branded<T, Name extends string> = T & {readonly [brand]: Name};

/** A subscription id: a lower-case GUID. */
export type SubscriptionId = Branded<string, 'SubscriptionId'>;
/** A tenant (directory) id: a lower-case GUID. */
export type TenantId = Branded<string, 'TenantId'>;

/** A GUID in its one normal form (lower case), or undefined when the value is not one. */
export function parseGuid(value: unknown): string | undefined {
	return isGuid(value) ? value.toLowerCase() : undefined;
}

/**
The value as a GUID, or a UsageError that names where it came from (`--subscription`,
`AZURE_SUBSCRIPTION_ID`, `.authfix.json`) and what it was.
*/
function guidFrom(value: string, source: string): string {
	const guid = parseGuid(value.trim());
	if (guid) return guid;
	throw new UsageError(`${source} takes a GUID, not '${value.slice(0, 60)}'`);
}

export function subscriptionIdFrom(value: string, source: string): SubscriptionId {
	return guidFrom(value, source) as SubscriptionId;
}

export function tenantIdFrom(value: string, source: string): TenantId {
	return guidFrom(value, source) as TenantId;
}

/** For values that are GUIDs by construction (a GUID pattern matched them): undefined otherwise, never a throw. */
export function asSubscriptionId(value: unknown): SubscriptionId | undefined {
	return parseGuid(value) as SubscriptionId | undefined;
}

export function asTenantId(value: unknown): TenantId | undefined {
	return parseGuid(value) as TenantId | undefined;
}
