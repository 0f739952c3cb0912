import type {Cloud} from '../cloud/cloud.ts';
import type {CallOptions, Http} from '../ports/services.ts';
import {excerptOf} from '../safety/redact.ts';
import type {SubscriptionId} from '../target/ids.ts';
import {subscriptionUrl} from '../target/resource.ts';
import {isGuid} from '../token/well-known.ts';

export type TenantLookup =
	| {readonly kind: 'found'; readonly tenantId: string; readonly authority: string; readonly status: number}
	| {readonly kind: 'not-found'; readonly status: number; readonly errorCode: string; readonly message: string}
	| {readonly kind: 'failed'; readonly message: string};

/**
Parses `WWW-Authenticate: Bearer authorization_uri="https://login.windows.net/{tenantId}", …`: the
tenant ARM names in the challenge to an unauthenticated request is the subscription's tenant.
*/
export function parseAuthorizationUri(header: string | undefined): {authority: string; tenantId: string} | undefined {
	if (!header) return undefined;
	const match = /authorization_uri\s*=\s*"([^"]+)"/i.exec(header) ?? /authorization_uri\s*=\s*([^\s,]+)/i.exec(header);
	if (!match) return undefined;
	const uri = match[1]!;
	let url: URL;
	try {
		url = new URL(uri);
	} catch {
		return undefined;
	}

	const tenant = url.pathname.split('/').find(part => part !== '');
	if (!isGuid(tenant)) return undefined;
	return {authority: `${url.origin}/${tenant}`, tenantId: tenant.toLowerCase()};
}

/** `GET {arm}/subscriptions/{id}?api-version=2022-12-01` without a token; the 401 challenge names the tenant. */
export async function lookupSubscriptionTenant(
	http: Http,
	cloud: Cloud,
	subscriptionId: SubscriptionId,
	call?: CallOptions,
): Promise<TenantLookup> {
	const url = subscriptionUrl(cloud, subscriptionId);
	let response: Awaited<ReturnType<Http['send']>>;
	try {
		response = await http.send({method: 'GET', url, headers: {accept: 'application/json'}}, call);
	} catch (error) {
		return {kind: 'failed', message: error instanceof Error ? error.message : String(error)};
	}

	const challenge = response.headers['www-authenticate'];
	const parsed = parseAuthorizationUri(challenge);
	if (parsed) return {kind: 'found', ...parsed, status: response.status};
	// A Bearer challenge whose authorization_uri names no tenant: ARM has no tenant for this id.
	if (response.status === 401 && challenge && /authorization_uri/i.test(challenge)) {
		return {
			kind: 'not-found',
			status: response.status,
			errorCode: 'NoTenantInChallenge',
			message: `ARM's 401 challenge names no tenant for it (${challenge.match(/authorization_uri\s*=\s*"?[^",\s]*"?/i)?.[0] ?? 'authorization_uri'})`,
		};
	}

	let errorCode = '';
	let message = '';
	try {
		const body = JSON.parse(response.body) as {error?: {code?: unknown; message?: unknown}};
		errorCode = String(body.error?.code ?? '');
		message = String(body.error?.message ?? '');
	} catch {
		if (response.status < 500 && response.status !== 404) {
			return {
				kind: 'failed',
				message: `ARM answered ${response.status} with a body that is not JSON and no WWW-Authenticate challenge`,
			};
		}
	}

	if (
		response.status === 404 ||
		response.status === 400 ||
		errorCode === 'SubscriptionNotFound' ||
		errorCode === 'InvalidSubscriptionId'
	) {
		return {
			kind: 'not-found',
			status: response.status,
			errorCode: errorCode || String(response.status),
			message: message || `ARM answered ${response.status}`,
		};
	}

	return {
		kind: 'failed',
		message: `ARM answered ${response.status}${errorCode ? ` ${errorCode}` : ''} without naming a tenant${message ? `: ${excerptOf(message, 200)}` : ''}`,
	};
}
