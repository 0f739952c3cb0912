import type {Finding} from '../findings/finding.ts';
import type {CheckContext} from './context.ts';
import {describeFailure, findingFor} from './finding-builders.ts';
import {staleProfileEntry} from './stale-profile.ts';

const {pass, fail, skip} = findingFor('cache-state', 'Token caches');

/**
What the Azure CLI's caches hold: which tenants and accounts have tokens, expired entries, and a
profile that files the target subscription under a tenant ARM does not agree with (a stale cache).
*/
export async function checkCacheState(context: CheckContext): Promise<Finding> {
	const files = context.services.azureCliFiles;
	let profile: Awaited<ReturnType<typeof files.readProfile>>;
	let cache: Awaited<ReturnType<typeof files.readMsalCache>>;
	try {
		[profile, cache] = await Promise.all([context.azureCliProfile(), files.readMsalCache()]);
	} catch (error) {
		return fail(`The Azure CLI's files in ${files.directory} cannot be read: ${describeFailure(error).detail}.`, {
			fix: {
				text: 'Move the damaged files aside with a backup and sign in again.',
				command: 'authfix cache purge --yes && az login',
			},
		});
	}

	if (!profile && !cache) return skip(`The Azure CLI has no profile or token cache in ${files.directory}.`);
	const now = context.services.clock.now();
	const tokens = cache?.accessTokens ?? [];
	const tenants = [...new Set(tokens.map(token => token.realm).filter(Boolean))].sort();
	const accounts = [
		...new Set(
			[...(cache?.accounts ?? []).map(account => account.username), ...tokens.map(token => token.clientId)].filter(
				Boolean,
			),
		),
	].sort();
	const expired = tokens.filter(token => token.expiresOn !== undefined && token.expiresOn <= now).length;
	const profileTenants = new Set(
		(profile ?? [])
			.flatMap(entry => [entry.tenantId, entry.homeTenantId ?? ''])
			.filter(Boolean)
			.map(id => id.toLowerCase()),
	);
	const facts: Record<string, string> = {
		directory: files.directory,
		tokenTenants: tenants.join(','),
		accounts: accounts.join(','),
		accessTokens: String(tokens.length),
		expiredAccessTokens: String(expired),
		profileSubscriptions: String(profile?.length ?? 0),
	};
	// @azure/identity's persistent cache (unencrypted on Linux) tells which tenants SDK apps hold tokens for.
	const identityFiles = (await context.services.caches.list().catch(() => [])).filter(
		file => file.owner === 'azure-identity',
	);
	const identityTenants = [...new Set(identityFiles.flatMap(file => file.tenants))].sort();
	if (identityFiles.length > 0) facts.identityCacheTenants = identityTenants.join(',');
	const identityNote =
		identityFiles.length > 0
			? ` @azure/identity's persistent cache holds tokens for ${identityTenants.join(', ') || 'no readable tenant'}.`
			: '';
	const holds = `The Azure CLI cache holds ${tokens.length} access token${tokens.length === 1 ? '' : 's'} for tenant${tenants.length === 1 ? '' : 's'} ${tenants.join(', ') || 'none'} (${expired} expired) and ${profile?.length ?? 0} subscription${profile?.length === 1 ? '' : 's'}.${identityNote}`;

	const subscriptionId = await context.subscriptionId();
	const lookup = await context.subscriptionTenant();
	const armTenant = lookup?.kind === 'found' ? lookup.tenantId : undefined;
	const stale = staleProfileEntry(profile, subscriptionId, armTenant);
	if (stale && armTenant) {
		return fail(
			`${holds} It files subscription ${stale.id} under tenant ${stale.tenantId}, but the subscription now belongs to tenant ${armTenant}: cached tokens are from the old tenant.`,
			{
				fix: {
					text: `Purge the stale tenant's entries (a backup is kept; authfix cache restore undoes it), then sign in to tenant ${armTenant}.`,
					command: `authfix cache purge --tenant ${stale.tenantId} --yes`,
				},
				facts: {...facts, tokenTenant: stale.tenantId, subscriptionTenant: armTenant},
			},
		);
	}

	const orphans = tenants.filter(
		tenant => !profileTenants.has(tenant.toLowerCase()) && tenant !== 'organizations' && tenant !== 'common',
	);
	if (orphans.length > 0 && profile && profile.length > 0) {
		// Harmless by itself (az keeps tokens it got with --tenant), but worth naming: it is what a stale cache looks like.
		return pass(
			`${holds} Tokens for tenant${orphans.length === 1 ? '' : 's'} ${orphans.join(', ')} belong to no subscription in the profile.`,
			{
				facts: {...facts, tenantsWithoutSubscription: orphans.join(',')},
			},
		);
	}

	return pass(holds, {facts});
}
