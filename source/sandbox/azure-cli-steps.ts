/**
The Azure CLI commands that point `az` at the sandbox and sign in: register its cloud, make it
active, log in as a service principal. One list, as argv arrays: `authfix sandbox` prints them (and
puts them in its --json document), the tests and the benchmark run them.
*/
import type {Cloud} from '../cloud/cloud.ts';

export type ServicePrincipalLogin = {
	readonly clientId: string;
	readonly secret: string;
	readonly tenantId: string;
	/** `--allow-no-subscriptions`: a tenant-level sign-in when the identity sees no subscription. */
	readonly allowNoSubscriptions?: boolean;
};

export type AzureCliSteps = {
	readonly register: readonly string[];
	readonly set: readonly string[];
	readonly login?: readonly string[];
};

export function azureCliSteps(cloud: Cloud, login?: ServicePrincipalLogin): AzureCliSteps {
	return {
		register: [
			'cloud',
			'register',
			'--name',
			cloud.name,
			'--endpoint-active-directory',
			cloud.authorityHost,
			'--endpoint-resource-manager',
			`${cloud.resourceManager}/`,
			'--endpoint-active-directory-resource-id',
			cloud.resourceManagerAudience,
			'--endpoint-active-directory-graph-resource-id',
			`${cloud.graph}/`,
		],
		set: ['cloud', 'set', '--name', cloud.name],
		...(login
			? {
					login: [
						'login',
						'--service-principal',
						'--username',
						login.clientId,
						'--password',
						login.secret,
						'--tenant',
						login.tenantId,
						...(login.allowNoSubscriptions ? ['--allow-no-subscriptions'] : []),
					],
				}
			: {}),
	};
}
