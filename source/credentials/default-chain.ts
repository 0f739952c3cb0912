import type {CredentialAvailability} from '../ports/services.ts';

/**
The credentials DefaultAzureCredential walks, in order, as AZURE_TOKEN_CREDENTIALS narrows them
(`prod`: environment, workload identity, managed identity; `dev`: the developer tools, here the
Azure CLI; or one credential's class name). An unknown value makes DefaultAzureCredential throw.
*/
export function defaultChainOf(
	availability: readonly CredentialAvailability[],
	env: Readonly<Record<string, string | undefined>>,
): {readonly chain: readonly CredentialAvailability[]; readonly invalid?: string} {
	const setting = (env.AZURE_TOKEN_CREDENTIALS ?? '').trim().toLowerCase();
	if (setting === '') return {chain: availability};
	if (setting === 'prod') return {chain: availability.filter(item => item.kind !== 'cli')};
	if (setting === 'dev') return {chain: availability.filter(item => item.kind === 'cli')};
	const one = availability.find(item => item.name.toLowerCase() === setting);
	if (one) return {chain: [one]};
	return {
		chain: [],
		invalid: `AZURE_TOKEN_CREDENTIALS=${env.AZURE_TOKEN_CREDENTIALS} is not 'prod', 'dev' or a credential name: DefaultAzureCredential refuses to start`,
	};
}

/** The credential DefaultAzureCredential would use first, from the same variables. */
export function defaultCredentialPick(
	availability: readonly CredentialAvailability[],
	env: Readonly<Record<string, string | undefined>> = {},
): CredentialAvailability {
	const {chain} = defaultChainOf(availability, env);
	return chain.find(item => item.available) ?? chain.at(-1) ?? availability.at(-1)!;
}
