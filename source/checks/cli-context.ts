import {builtInClouds} from '../cloud/cloud.ts';
import {parseAzureCliCloud} from '../cloud/resolve.ts';
import {defaultCredentialPick} from '../credentials/default-chain.ts';
import type {Finding} from '../findings/finding.ts';
import type {CheckContext} from './context.ts';
import {describeFailure, findingFor} from './finding-builders.ts';
import {loginFix} from './fixes.ts';
import {staleProfileEntry} from './stale-profile.ts';

const {pass, warn, fail, skip} = findingFor('cli-context', 'Azure CLI context');

const trim = (url: string) => url.replace(/\/+$/, '').toLowerCase();

/**
The Azure CLI's current account: installed, signed in, on the same cloud authfix checks, and in the
tenant the target subscription belongs to. Tells apart not installed, not signed in, hung, garbage,
signed in elsewhere, and a profile that files the subscription under the wrong tenant.
*/
export async function checkCliContext(context: CheckContext): Promise<Finding> {
	const {services, target} = context;
	// DefaultAzureCredential reaches the Azure CLI only when nothing before it in the chain is configured.
	const relevant =
		target.credential === 'cli' ||
		(target.credential === 'default' &&
			defaultCredentialPick(services.credentials.availability(), services.env).kind === 'cli');
	let account: Awaited<ReturnType<CheckContext['account']>>;
	try {
		account = await context.account();
	} catch (error) {
		const failure = describeFailure(error);
		if (!relevant)
			return skip(
				`Not used by the ${target.credential === 'default' ? 'DefaultAzureCredential chain here' : `${target.credential} credential`} (${failure.detail}).`,
			);
		const expected =
			failure.code === 'not-signed-in' ? await context.expectedTenant().catch(() => undefined) : undefined;
		const fix =
			failure.code === 'not-signed-in' ? loginFix(undefined, expected, 'Sign in to the Azure CLI.') : failure.fix;
		return fail(failure.detail.endsWith('.') ? failure.detail : `${failure.detail}.`, {
			fix,
			facts: {azError: failure.code},
		});
	}

	const facts: Record<string, string> = {
		azSubscriptionId: account.subscriptionId,
		azTenantId: account.tenantId,
		azUser: account.userName,
		azUserType: account.userType,
		azCloud: account.environmentName,
	};
	const who = `${account.userType === 'servicePrincipal' ? 'service principal' : 'user'} ${account.userName}`;
	if (!relevant) {
		return skip(`Signed in as ${who} in tenant ${account.tenantId}; not used by the ${target.credential} credential.`, {
			facts,
		});
	}

	// Same cloud? Built-in clouds compare by name, registered ones by their ARM endpoint.
	const cloud = services.cloud;
	if (account.environmentName && account.environmentName.toLowerCase() !== cloud.name.toLowerCase()) {
		const builtIn = builtInClouds.find(item => item.name.toLowerCase() === account.environmentName.toLowerCase());
		const registered =
			builtIn ??
			parseAzureCliCloud(
				(await services.azureCliFiles.readCloudsConfig().catch(() => undefined)) ?? '',
				account.environmentName,
			);
		if (!registered || trim(registered.resourceManager) !== trim(cloud.resourceManager)) {
			return fail(
				`The Azure CLI is signed in to cloud ${account.environmentName}, but the target is ${cloud.name} (${cloud.resourceManager}).`,
				{
					fix: {
						text: `Switch the Azure CLI to ${cloud.name} and sign in there.`,
						command: `az cloud set --name ${cloud.name} && az login`,
					},
					facts,
				},
			);
		}
	}

	const subscriptionId = await context.subscriptionId();
	const lookup = await context.subscriptionTenant();
	const armTenant = lookup?.kind === 'found' ? lookup.tenantId : undefined;
	const expected = target.tenantId ?? armTenant;
	if (!subscriptionId || !expected) {
		return pass(`Signed in as ${who} in tenant ${account.tenantId} (subscription ${account.subscriptionId}).`, {facts});
	}

	const profile = await context.azureCliProfile().catch(() => undefined);
	const entry = profile?.find(item => item.id.toLowerCase() === subscriptionId.toLowerCase());
	const stale = staleProfileEntry(profile, subscriptionId, armTenant);
	if (stale && armTenant) {
		return fail(
			`The Azure CLI profile files subscription ${subscriptionId} under tenant ${stale.tenantId}, but ARM says it belongs to tenant ${armTenant}: az will get tokens from the wrong tenant.`,
			{
				fix: {
					text: `Clear the Azure CLI's stale accounts (authfix cache purge keeps a backup) and sign in to tenant ${armTenant}.`,
					command: `authfix cache purge --tenant ${stale.tenantId} --yes && ${loginFix(account, armTenant, '').command}`,
				},
				facts: {...facts, tokenTenant: stale.tenantId, subscriptionTenant: armTenant},
			},
		);
	}

	if (account.tenantId.toLowerCase() === expected.toLowerCase()) {
		return pass(`Signed in as ${who} in tenant ${account.tenantId}, the tenant of subscription ${subscriptionId}.`, {
			facts,
		});
	}

	if (entry && entry.tenantId.toLowerCase() === expected.toLowerCase()) {
		return warn(
			`Signed in as ${who}; the current subscription ${account.subscriptionId} is in tenant ${account.tenantId}, the target ${subscriptionId} in ${expected}.`,
			{
				fix: {
					text: 'Make the target subscription the current one.',
					command: `az account set --subscription ${subscriptionId}`,
				},
				facts,
			},
		);
	}

	return warn(
		`Signed in as ${who} in tenant ${account.tenantId}, but subscription ${subscriptionId} belongs to tenant ${expected} (signed in elsewhere).`,
		{
			fix: loginFix(account, expected, `Sign in to tenant ${expected}.`),
			facts: {...facts, subscriptionTenant: expected},
		},
	);
}
