import {defaultChainOf, defaultCredentialPick} from '../credentials/default-chain.ts';
import type {Finding} from '../findings/finding.ts';
import type {CheckContext} from './context.ts';
import {findingFor} from './finding-builders.ts';

const {pass, warn, fail} = findingFor('credential-source', 'Credential source');

const setupHint: Record<string, string> = {
	env: 'export AZURE_TENANT_ID=<tenant> AZURE_CLIENT_ID=<app id> AZURE_CLIENT_SECRET=<secret>',
	'workload-identity':
		'export AZURE_TENANT_ID=<tenant> AZURE_CLIENT_ID=<app id> AZURE_FEDERATED_TOKEN_FILE=<path to the OIDC token>',
	'managed-identity': 'run on an Azure host with a managed identity (or set IDENTITY_ENDPOINT and IDENTITY_HEADER)',
};

/**
Which credential the tools use: the one asked for (`--credential`), whether the environment makes it
available, and which one DefaultAzureCredential would pick from the same variables.
*/
export async function checkCredentialSource(context: CheckContext): Promise<Finding> {
	const {services, target} = context;
	const availability = services.credentials.availability();
	const {invalid} = defaultChainOf(availability, services.env);
	const pick = defaultCredentialPick(availability, services.env);
	const facts: Record<string, string> = {
		credential: target.credential,
		defaultPick: pick.name,
		...Object.fromEntries(availability.map(item => [`available.${item.kind}`, item.available ? 'yes' : 'no'])),
	};
	const summary = availability
		.map(item => `${item.name}: ${item.available ? 'yes' : 'no'} (${item.reason})`)
		.join('; ');
	if (target.credential === 'default') {
		if (invalid) {
			return fail(`${invalid}.`, {
				fix: {
					text: "Set AZURE_TOKEN_CREDENTIALS to 'prod', 'dev' or one credential's class name, or unset it.",
					command: 'unset AZURE_TOKEN_CREDENTIALS',
				},
				facts,
			});
		}

		const tenant = services.env.AZURE_TENANT_ID;
		const expected = await context.expectedTenant().catch(() => undefined);
		if (pick.kind === 'env' || pick.kind === 'workload-identity') {
			if (tenant && expected && tenant.toLowerCase() !== expected.toLowerCase()) {
				return fail(
					`DefaultAzureCredential would use ${pick.name} with AZURE_TENANT_ID=${tenant}, but the target is in tenant ${expected}.`,
					{
						fix: {
							text: `Point AZURE_TENANT_ID at the subscription's tenant.`,
							command: `export AZURE_TENANT_ID=${expected}`,
						},
						facts,
					},
				);
			}
		}

		const partial = availability.find(item => item.kind === 'env' && item.partial);
		if (partial) {
			return warn(
				`DefaultAzureCredential would use ${pick.name}. EnvironmentCredential is half configured: ${partial.reason}.`,
				{
					fix: {
						text: 'Finish or remove the AZURE_* variables so the chain does not depend on what happens to be set.',
						command: 'env | grep ^AZURE_',
					},
					facts,
				},
			);
		}

		const narrowed = services.env.AZURE_TOKEN_CREDENTIALS
			? ` AZURE_TOKEN_CREDENTIALS=${services.env.AZURE_TOKEN_CREDENTIALS} narrows the chain.`
			: '';
		return pass(`DefaultAzureCredential would use ${pick.name} (${pick.reason}).${narrowed}`, {facts});
	}

	const chosen = availability.find(item => item.kind === target.credential);
	if (!chosen) return pass(`Using ${target.credential}. ${summary}`, {facts});
	if (!chosen.available) {
		return fail(`${chosen.name} is not available here: ${chosen.reason}.`, {
			fix: {
				text: `Configure ${chosen.name}, or choose another credential with --credential.`,
				command: setupHint[chosen.kind],
			},
			facts,
		});
	}

	if (pick.kind !== chosen.kind) {
		return warn(
			`Using ${chosen.name} (${chosen.reason}); note that DefaultAzureCredential would pick ${pick.name} first.`,
			{
				fix: {
					text: `If your app uses DefaultAzureCredential, set AZURE_TOKEN_CREDENTIALS to pin the credential.`,
					command: `export AZURE_TOKEN_CREDENTIALS=${chosen.name}`,
				},
				facts,
			},
		);
	}

	return pass(`Using ${chosen.name} (${chosen.reason}); DefaultAzureCredential would pick it too.`, {facts});
}
