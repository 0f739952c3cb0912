import {lookupSubscriptionTenant} from '../checks/tenant-lookup.ts';
import {exitCodes} from '../exit-codes.ts';
import {excerptOf, redactJsonValue, redactSecrets} from '../safety/redact.ts';
import {neutralizeTerminalText, terminalSafeJson} from '../safety/terminal-text.ts';
import {type ServicesFactory, servicesForCommand} from '../services/command-services.ts';
import {subscriptionIdFrom} from '../target/ids.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import {createStyle} from '../terminal/style.ts';
import {UsageError} from '../usage-error.ts';

import type {Command} from './command.ts';

const usage = `authfix tenant: find the tenant a subscription belongs to, without access to it

Usage
  authfix tenant <subscription-id> [--json]

It asks ARM without a token; the 401 challenge names the subscription's tenant.
--json prints {"subscriptionId","tenantId","authority","command"}.
Exit codes: 0 found, 1 no tenant could be found, 2 bad usage.
`;

export function createTenantCommand(makeServices: ServicesFactory = servicesForCommand): Command {
	return {
		name: 'tenant',
		summary: 'find the tenant a subscription belongs to, without access to it',
		usage,
		async run(args, context) {
			const {positionals} = parseCommandArgs(args, {}, 'tenant');
			if (positionals.length !== 1)
				throw new UsageError('tenant: give exactly one subscription id (authfix tenant <subscription-id>)');
			const subscriptionId = subscriptionIdFrom(positionals[0]!, 'tenant: the subscription id');
			const services = await makeServices(context);
			const lookup = await lookupSubscriptionTenant(services.http, services.cloud, subscriptionId);
			const {io, global} = context;
			const style = createStyle(global.color);
			if (lookup.kind === 'found') {
				const command = `az login --tenant ${lookup.tenantId}`;
				if (global.json) {
					io.stdout.write(
						`${terminalSafeJson(redactJsonValue({subscriptionId, tenantId: lookup.tenantId, authority: lookup.authority, command}))}\n`,
					);
				} else {
					io.stdout.write(
						`Subscription ${subscriptionId} belongs to tenant ${style.strong(lookup.tenantId)}\nAuthority: ${lookup.authority}\nSign in there with:\n  ${style.code(command)}\n`,
					);
				}

				return exitCodes.ok;
			}

			const unknown = lookup.kind === 'not-found';
			const reason = redactSecrets(
				unknown
					? `no tenant found for subscription ${subscriptionId}: ${services.cloud.name}'s ARM does not know it (${lookup.errorCode}: ${excerptOf(lookup.message, 200)})`
					: `no tenant found for subscription ${subscriptionId}: ${lookup.message}`,
			);
			const hint = unknown
				? `Check the id and the cloud (--cloud; this is ${services.cloud.name}). The subscriptions you can see: az account list --all --output table`
				: undefined;
			if (global.json) {
				io.stdout.write(
					`${terminalSafeJson(redactJsonValue({subscriptionId, tenantId: null, authority: null, error: reason, reason: unknown ? 'unknown-subscription' : 'lookup-failed', ...(hint ? {hint} : {})}))}\n`,
				);
			} else {
				io.stderr.write(`authfix tenant: ${neutralizeTerminalText(reason)}\n`);
				if (hint) io.stderr.write(`  ${neutralizeTerminalText(hint)}\n`);
			}

			return exitCodes.problems;
		},
	};
}

export const command = createTenantCommand();
