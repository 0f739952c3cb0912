import type {CredentialAvailability} from '../ports/services.ts';

type Env = Readonly<Record<string, string | undefined>>;

const has = (env: Env, name: string) => (env[name] ?? '') !== '';

/**
Which credentials the environment configures, in DefaultAzureCredential's order (4.14: Environment,
WorkloadIdentity, ManagedIdentity, …, AzureCli), with the variables that decide each. The Azure CLI's
availability depends on `az` itself; the cli-context check says whether it is signed in.
*/
export function credentialAvailability(env: Env): CredentialAvailability[] {
	const missing = (names: string[]) => names.filter(name => !has(env, name));
	const base = missing(['AZURE_TENANT_ID', 'AZURE_CLIENT_ID']);
	let environment: CredentialAvailability;
	if (base.length > 0) {
		environment = {
			kind: 'env',
			name: 'EnvironmentCredential',
			available: false,
			reason: `${base.join(' and ')} not set`,
		};
	} else if (has(env, 'AZURE_CLIENT_SECRET')) {
		environment = {
			kind: 'env',
			name: 'EnvironmentCredential',
			available: true,
			reason: 'AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are set (client secret)',
		};
	} else if (has(env, 'AZURE_CLIENT_CERTIFICATE_PATH')) {
		environment = {
			kind: 'env',
			name: 'EnvironmentCredential',
			available: true,
			reason: `AZURE_CLIENT_CERTIFICATE_PATH is set (certificate)`,
		};
	} else if (has(env, 'AZURE_USERNAME') && has(env, 'AZURE_PASSWORD')) {
		environment = {
			kind: 'env',
			name: 'EnvironmentCredential',
			available: true,
			reason: 'AZURE_USERNAME and AZURE_PASSWORD are set (username and password)',
		};
	} else {
		environment = {
			kind: 'env',
			name: 'EnvironmentCredential',
			available: false,
			partial: true,
			reason:
				'AZURE_TENANT_ID and AZURE_CLIENT_ID are set, but no AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_USERNAME/AZURE_PASSWORD',
		};
	}

	const workloadMissing = missing(['AZURE_FEDERATED_TOKEN_FILE', 'AZURE_CLIENT_ID', 'AZURE_TENANT_ID']);
	const workload: CredentialAvailability = {
		kind: 'workload-identity',
		name: 'WorkloadIdentityCredential',
		available: workloadMissing.length === 0,
		reason:
			workloadMissing.length === 0
				? `AZURE_FEDERATED_TOKEN_FILE is set (${env.AZURE_FEDERATED_TOKEN_FILE})`
				: `${workloadMissing.join(', ')} not set`,
	};

	const managedSource =
		has(env, 'IDENTITY_ENDPOINT') && has(env, 'IDENTITY_HEADER')
			? 'App Service (IDENTITY_ENDPOINT and IDENTITY_HEADER)'
			: has(env, 'IDENTITY_ENDPOINT') && has(env, 'IMDS_ENDPOINT')
				? 'Azure Arc (IDENTITY_ENDPOINT and IMDS_ENDPOINT)'
				: has(env, 'MSI_ENDPOINT')
					? 'Cloud Shell or Machine Learning (MSI_ENDPOINT)'
					: has(env, 'AZURE_POD_IDENTITY_AUTHORITY_HOST')
						? 'IMDS at AZURE_POD_IDENTITY_AUTHORITY_HOST'
						: undefined;
	const managed: CredentialAvailability = {
		kind: 'managed-identity',
		name: 'ManagedIdentityCredential',
		available: managedSource !== undefined,
		reason:
			managedSource ??
			'no managed identity endpoint variables; only the Azure VM metadata service (IMDS, probed for 1 s by DefaultAzureCredential) could answer',
	};

	const cli: CredentialAvailability = {
		kind: 'cli',
		name: 'AzureCliCredential',
		available: true,
		reason: 'uses `az account get-access-token`: available when the Azure CLI is installed and signed in',
	};
	return [environment, workload, managed, cli];
}
