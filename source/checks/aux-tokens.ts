import {armAudiences} from '../cloud/cloud.ts';
import type {Finding} from '../findings/finding.ts';
import {decodeToken} from '../ports/access-token.ts';
import type {CheckContext} from './context.ts';
import {describeFailure, findingFor} from './finding-builders.ts';
import {judgeLifetime} from './token-checks.ts';

const {pass, fail, skip} = findingFor('aux-tokens', 'Auxiliary tokens');

/** ARM accepts at most three tokens in `x-ms-authorization-auxiliary`. */
export const maxAuxiliaryTokens = 3;

/**
`x-ms-authorization-auxiliary` for calls that touch linked resources in other tenants: at most three
tokens, each from its own tenant, valid now, and for ARM. Any bad one makes ARM answer 401.
*/
export async function checkAuxTokens(context: CheckContext): Promise<Finding> {
	const tenants = context.target.auxTenants;
	if (tenants.length === 0)
		return skip('No auxiliary tenants given (--aux-tenant); only cross-tenant linked resources need them.');
	if (tenants.length > maxAuxiliaryTokens) {
		return fail(
			`${tenants.length} auxiliary tenants given; ARM accepts at most ${maxAuxiliaryTokens} tokens in x-ms-authorization-auxiliary.`,
			{
				fix: {text: 'Split the operation so that each call links resources from at most three other tenants.'},
			},
		);
	}

	const accepted = new Set(armAudiences(context.services.cloud).map(value => value.replace(/\/+$/, '').toLowerCase()));
	const problems: string[] = [];
	const facts: Record<string, string> = {auxTenants: tenants.join(',')};
	let firstFix: Finding['fix'];
	const now = context.services.clock.now();
	const results = await Promise.all(
		tenants.map(async tenant => {
			try {
				return {
					tenant,
					token: await context.tokenFor({resource: context.services.cloud.resourceManagerAudience, tenantId: tenant}),
				};
			} catch (error) {
				return {tenant, error: describeFailure(error).detail};
			}
		}),
	);
	for (const result of results) {
		if ('error' in result) {
			problems.push(`no token from tenant ${result.tenant}: ${result.error}`);
			firstFix ??=
				context.target.credential === 'cli'
					? {
							text: `The identity needs to be able to sign in to tenant ${result.tenant} (a multi-tenant app with a service principal there, or a guest user).`,
							command: `az account get-access-token --tenant ${result.tenant}`,
						}
					: {text: `The identity needs a service principal (or guest account) in tenant ${result.tenant}.`};
			continue;
		}

		const decoded = decodeToken(result.token.token);
		if (!decoded) {
			problems.push(`the token from tenant ${result.tenant} is not a JWT`);
			continue;
		}

		facts[`aux.${result.tenant}.fingerprint`] = result.token.token.fingerprint;
		const tid = String(decoded.claims.tid ?? '').toLowerCase();
		if (tid !== result.tenant.toLowerCase())
			problems.push(`the token asked from tenant ${result.tenant} is from tenant ${tid || 'unknown'}`);
		const aud = String(decoded.claims.aud ?? '')
			.replace(/\/+$/, '')
			.toLowerCase();
		if (!accepted.has(aud))
			problems.push(`the token from tenant ${result.tenant} is for ${String(decoded.claims.aud)}, not ARM`);
		const lifetime = judgeLifetime(decoded, now, {}, context.target.credential === 'cli');
		if (lifetime.status === 'fail') {
			// Born expired: the issuer's clock and this machine's disagree (the tree routes to a clock fix).
			if (lifetime.facts?.skew) facts.auxSkew ??= lifetime.facts.skew;
			problems.push(
				`the token from tenant ${result.tenant} (client ${String(decoded.claims.appid ?? decoded.claims.azp ?? '?')}): ${lifetime.detail.replace(/\.$/, '')}`,
			);
			firstFix ??=
				context.target.credential === 'cli' && lifetime.fix
					? {
							text: `${lifetime.fix.text} The Azure CLI keeps handing out its cached token from tenant ${result.tenant} until that expires by its own reckoning, so drop it too:`,
							command: `authfix cache purge --tenant ${result.tenant} --yes`,
						}
					: lifetime.fix;
		}
	}

	if (problems.length > 0) {
		const bad = /tenant ([0-9a-f-]{36})/i.exec(problems[0]!)?.[1];
		if (bad) facts.auxTenant = bad;
		return fail(`ARM would reject x-ms-authorization-auxiliary with 401: ${problems.join('; ')}.`, {
			fix: firstFix,
			facts,
		});
	}

	return pass(
		`${tenants.length} auxiliary token${tenants.length === 1 ? '' : 's'} (${tenants.join(', ')}): each from its own tenant, for ARM, valid now.`,
		{facts},
	);
}
