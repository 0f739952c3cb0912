import type {CredentialAvailability} from '../ports/services.ts';
import {chainCredentialOf, defaultChain, narrowChain} from './chains.ts';

/**
The credentials authfix's own DefaultAzureCredential (@azure/identity 4.14, the version it ships)
walks, in order, as AZURE_TOKEN_CREDENTIALS narrows them (chains.ts reads the variable as that
version does: `prod`, `dev` or one credential's class name). An unknown value makes
DefaultAzureCredential throw.
*/
export function defaultChainOf(
	availability: readonly CredentialAvailability[],
	env: Readonly<Record<string, string | undefined>>,
): {readonly chain: readonly CredentialAvailability[]; readonly invalid?: string} {
	const narrowed = narrowChain(defaultChain('javascript'), env);
	if (narrowed.invalid) return {chain: [], invalid: narrowed.invalid};
	const kept = new Set(narrowed.names.map(name => chainCredentialOf(name)));
	return {chain: availability.filter(item => kept.has(chainCredentialOf(item.name)))};
}

/** The credential DefaultAzureCredential would use first, from the same variables. */
export function defaultCredentialPick(
	availability: readonly CredentialAvailability[],
	env: Readonly<Record<string, string | undefined>> = {},
): CredentialAvailability {
	const {chain} = defaultChainOf(availability, env);
	return chain.find(item => item.available) ?? chain.at(-1) ?? availability.at(-1)!;
}
