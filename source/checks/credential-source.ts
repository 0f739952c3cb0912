import {defaultChainOf, defaultCredentialPick} from '../credentials/default-chain.ts';
import type {Finding} from '../findings/finding.ts';
import type {CheckContext} from './context.ts';
import {describeFailure, findingFor} from './finding-builders.ts';
import {loginFix} from './fixes.ts';

const {pass, warn, fail} = findingFor('credential-source', 'Credential source');

const setupHint: Record<string, string> = {
	env: 'export AZURE_TENANT_ID=<tenant> AZURE_CLIENT_ID=<app id> AZURE_CLIENT_SECRET=<secret>',
	'workload-identity':
		'export AZURE_TENANT_ID=<tenant> AZURE_CLIENT_ID=<app id> AZURE_FEDERATED_TOKEN_FILE=<path to the OIDC token>',
	'managed-identity': 'run on an Azure host with a managed identity (or set IDENTITY_ENDPOINT and IDENTITY_HEADER)',
};

/**
AzureCliCredential takes its tokens from the Azure CLI's sign-in: whether there is one (the same
memoised `az account show` the cli-context check reads), so this check never calls the credential
usable while that one says the Azure CLI is not signed in.
*/
async function azureCliSignIn(
	context: CheckContext,
): Promise<{readonly who: string} | {readonly failure: ReturnType<typeof describeFailure>}> {
	try {
		const account = await context.account();
		const kind = account.userType === 'servicePrincipal' ? 'service principal' : 'user';
		return {who: `the Azure CLI is signed in as ${kind} ${account.userName}`};
	} catch (error) {
		return {failure: describeFailure(error)};
	}
}

/** The fail finding for AzureCliCredential without a signed-in Azure CLI. */
async function cliUnusable(
	context: CheckContext,
	lead: string,
	failure: ReturnType<typeof describeFailure>,
	facts: Record<string, string>,
): Promise<Finding> {
	const expected = await context.expectedTenant().catch(() => undefined);
	const fix =
		failure.code === 'not-installed' ? failure.fix : loginFix(undefined, expected, 'Sign in to the Azure CLI.');
	return fail(`${lead}, and it has no token to give: ${failure.detail.replace(/\.$/, '')}.`, {
		...(fix ? {fix} : {}),
		facts,
	});
}

/**
Which credential the tools use: the one asked for (`--credential`), whether the environment makes it
available (for the Azure CLI: whether it is signed in), and which one DefaultAzureCredential would
pick from the same variables.
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
		if (pick.kind === 'cli') {
			const signIn = await azureCliSignIn(context);
			if ('failure' in signIn)
				return cliUnusable(context, `DefaultAzureCredential would use ${pick.name}`, signIn.failure, facts);
			return pass(`DefaultAzureCredential would use ${pick.name}: ${signIn.who}.${narrowed}`, {facts});
		}

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

	const signIn = chosen.kind === 'cli' ? await azureCliSignIn(context) : undefined;
	if (signIn && 'failure' in signIn) return cliUnusable(context, `The tools use ${chosen.name}`, signIn.failure, facts);
	const why = signIn ? signIn.who : chosen.reason;
	if (pick.kind !== chosen.kind) {
		return warn(`Using ${chosen.name} (${why}); note that DefaultAzureCredential would pick ${pick.name} first.`, {
			fix: {
				text: `If your app uses DefaultAzureCredential, set AZURE_TOKEN_CREDENTIALS to pin the credential.`,
				command: `export AZURE_TOKEN_CREDENTIALS=${chosen.name}`,
			},
			facts,
		});
	}

	return pass(`Using ${chosen.name} (${why}); DefaultAzureCredential would pick it too.`, {facts});
}
