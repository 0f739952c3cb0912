import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {AzureCliSeed} from './scenario.ts';
import type {World} from './world.ts';

export const sandboxCloudName = 'AuthfixSandbox';

/** The `[core]` section of every sandbox Azure CLI config: no telemetry, no error recommendations (both call home). */
const coreConfig = '[core]\ncollect_telemetry = false\nerror_recommendation = off\n';

/** `2026-11-22 02:00:41.282418` in local time: the format of the Azure CLI's versionCheck.json. */
function localPythonTime(epochMs: number): string {
	const date = new Date(epochMs);
	const pad = (value: number, width = 2) => String(value).padStart(width, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds() * 1000, 6)}`;
}

/**
A fresh Azure CLI config folder that never calls home: telemetry and error recommendations off,
the daily version check already done (otherwise az 2.45 contacts azure.microsoft.com first).
*/
export async function prepareAzureConfigDirectory(directory: string, now: number) {
	await writeFile(path.join(directory, 'config'), coreConfig);
	await writeFile(
		path.join(directory, 'versionCheck.json'),
		JSON.stringify({
			versions: {'azure-cli': {local: '2.45.0'}, core: {local: '2.45.0'}, telemetry: {local: '1.0.8'}},
			update_time: localPythonTime(now),
		}),
	);
}

/**
Seeds what `az` would hold after an earlier sign-in: the sandbox cloud registered and active, a
profile listing subscriptions under the tenants the seed says (possibly stale), the SP's secret.
*/
export async function seedAzureCli(
	directory: string,
	seed: AzureCliSeed,
	world: World,
	endpoints: {authorityHost: string; resourceManager: string; graph: string},
) {
	const app = world.findApp(seed.servicePrincipal);
	if (!app) throw new Error(`azure CLI seed: no app ${seed.servicePrincipal}`);
	const defaultSubscription = seed.subscriptions.find(subscription => subscription.isDefault) ?? seed.subscriptions[0];
	const cloudsConfig = [
		`[${sandboxCloudName}]`,
		'profile = latest',
		`endpoint_active_directory = ${endpoints.authorityHost}`,
		`endpoint_resource_manager = ${endpoints.resourceManager}/`,
		'endpoint_active_directory_resource_id = https://management.core.windows.net/',
		`endpoint_active_directory_graph_resource_id = ${endpoints.graph}/`,
		...(defaultSubscription ? [`subscription = ${defaultSubscription.id}`] : []),
		'',
	].join('\n');
	await writeFile(path.join(directory, 'clouds.config'), cloudsConfig);
	await writeFile(path.join(directory, 'config'), `${coreConfig}\n[cloud]\nname = ${sandboxCloudName}\n`);
	const profile = {
		installationId: '00000000-0000-0000-0000-00000000a2f1',
		subscriptions: seed.subscriptions.map(entry => {
			const subscription = world.findSubscription(entry.id);
			return {
				id: entry.id,
				name: subscription?.displayName ?? entry.id,
				state: 'Enabled',
				user: {name: app.appId, type: 'servicePrincipal'},
				isDefault: entry === defaultSubscription,
				tenantId: entry.tenantId,
				environmentName: sandboxCloudName,
				homeTenantId: entry.tenantId,
				managedByTenants: [],
			};
		}),
	};
	// The Azure CLI writes its profile as UTF-8 with a byte order mark.
	await writeFile(path.join(directory, 'azureProfile.json'), '\uFEFF' + JSON.stringify(profile, undefined, 4));
	await writeFile(
		path.join(directory, 'service_principal_entries.json'),
		JSON.stringify([
			{client_id: app.appId, tenant: defaultSubscription?.tenantId ?? app.homeTenantId, client_secret: seed.secret},
		]),
		{mode: 0o600},
	);
}
