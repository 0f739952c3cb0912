/**
What a token is for and where it goes: the resource (audience) asked for, the URL of the failing
call, the v2 scope of a resource, and ARM's URLs for a subscription. One validator for each, one
builder for each, so that a flag, a paste and a pinned profile are read the same way.
*/
import type {Cloud} from '../cloud/cloud.ts';
import {isGuid} from '../token/well-known.ts';
import {UsageError} from '../usage-error.ts';
import type {SubscriptionId} from './ids.ts';

declare const brand: unique symbol;

/** A resource tokens are asked for: an https:// or api:// URI, or an application id. */
export type ResourceUri = string & {readonly [brand]: 'ResourceUri'};
/** The absolute http(s) URL of a call (the failing one, or one to replay). */
export type RequestUrl = string & {readonly [brand]: 'RequestUrl'};

const resourcePattern = /^(?:https:\/\/[^\s"'`]+|api:\/\/[^\s"'`]+)$/i;

export function resourceUriFrom(value: string, source: string): ResourceUri {
	// (isGuid narrows its argument: asked of a copy, `value` stays a string for the message.)
	if (resourcePattern.test(value) || isGuid(value as unknown)) return value as ResourceUri;
	throw new UsageError(`${source} takes an https:// or api:// URI or an application id, not '${value.slice(0, 60)}'`);
}

/** The URL, parsed, when it is an absolute http(s) URL; undefined otherwise. */
export function parseRequestUrl(value: string): URL | undefined {
	try {
		const url = new URL(value.trim());
		return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
	} catch {
		return undefined;
	}
}

export function requestUrlFrom(value: string, source: string): RequestUrl {
	const url = parseRequestUrl(value);
	if (url) return url.href as RequestUrl;
	throw new UsageError(`${source} takes the http(s) URL of the call, not '${value.slice(0, 80)}'`);
}

/**
The audience a token sent to this URL must carry, or undefined when the URL is not https on this
cloud's ARM or Graph host: a token is only ever sent to the cloud and audience it was minted for.
*/
export function audienceForUrl(url: URL | string, cloud: Cloud): string | undefined {
	const parsed = typeof url === 'string' ? parseRequestUrl(url) : url;
	if (parsed?.protocol !== 'https:') return undefined;
	const host = parsed.host.toLowerCase();
	if (host === new URL(cloud.resourceManager).host.toLowerCase()) return cloud.resourceManagerAudience;
	if (cloud.graph && host === new URL(cloud.graph).host.toLowerCase()) return cloud.graph;
	return undefined;
}

/**
The v2 scope for a resource: `https://management.core.windows.net/` →
`https://management.core.windows.net//.default` (the slash stays: that is the resource's name, as
the Azure CLI and Entra spell it).
*/
export function scopeOf(resource: string): string {
	return resource.endsWith('/.default') ? resource : `${resource}/.default`;
}

/** The resource of a v2 `/.default` scope: the inverse of scopeOf. */
export function resourceOfScope(scope: string): string {
	return scope.replace(/\/\.default$/, '');
}

/** The subscription an ARM URL or path is about (`/subscriptions/{id}/…`), when it names one. */
export function subscriptionIdInPath(pathOrUrl: string): SubscriptionId | undefined {
	const id = /\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?=[/?#]|$)/i.exec(
		pathOrUrl,
	)?.[1];
	return id?.toLowerCase() as SubscriptionId | undefined;
}

/** The RBAC scope of a subscription: `/subscriptions/{id}`. */
export function subscriptionScope(subscriptionId: SubscriptionId): string {
	return `/subscriptions/${subscriptionId}`;
}

/** `GET {arm}/subscriptions/{id}?api-version=…`: the read that proves access (and, unauthenticated, names the tenant). */
export function subscriptionUrl(cloud: Cloud, subscriptionId: SubscriptionId): string {
	return `${cloud.resourceManager}${subscriptionScope(subscriptionId)}?api-version=2022-12-01`;
}
