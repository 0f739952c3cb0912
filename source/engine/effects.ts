/**
What a fix's effects (the tree's data) will change, in words, with the session's facts filled in:
shown before authfix runs a fix, so the user confirms exactly what happens.
*/

import type {Facts} from '../tree/facts.ts';
import type {FixEffect} from '../tree/types.ts';
import {factValue, fillPlaceholders} from './fill.ts';

const operationWords: Readonly<Record<Extract<FixEffect, {kind: 'sandbox'}>['operation'], string>> = {
	'assign-role': 'assign a role',
	'activate-eligible-role': 'activate the eligible role (PIM)',
	'exclude-from-deny-assignment': 'exclude the identity from the deny assignment',
	'grant-admin-consent': 'grant admin consent',
	'add-federated-credential': 'add a federated credential',
	'add-client-secret': 'add a client secret',
	'clear-clock-offset': 'correct the token clock',
	'reset-user-password': "reset the user's password",
};

/** Whether an effect is to be carried out: false when its `unless` holds (the facts say it is already done). */
export function effectNeeded(effect: FixEffect, facts: Facts): boolean {
	if (effect.kind !== 'sandbox' || !effect.unless) return true;
	const value = factValue(facts, effect.unless.fact);
	if (value === undefined) return true;
	return effect.unless.matches === undefined ? false : !new RegExp(effect.unless.matches, 'i').test(value);
}

export function describeEffect(effect: FixEffect, facts: Facts): string {
	const fill = (text: string) => fillPlaceholders(text, facts);
	switch (effect.kind) {
		case 'sign-in':
			return `sign the client in to tenant ${fill(effect.tenant)}`;
		case 'request-audience':
			return `ask for tokens for ${fill(effect.audience)}`;
		case 'purge-cache':
			return `purge tenant ${fill(effect.tenant)}'s cached entries (a backup is kept)`;
		case 'aux-token':
			return `send a fresh token from tenant ${fill(effect.tenant)} in x-ms-authorization-auxiliary`;
		case 'fresh-token':
			return 'ask for a fresh token';
		case 'exchange-via-home-app':
			return `exchange the assertion for app ${fill(effect.app)}'s token`;
		case 'sandbox': {
			const params = Object.entries(effect.params)
				.map(([name, value]) => `${name} ${fill(value)}`)
				.join(', ');
			return `${operationWords[effect.operation]}${params ? ` (${params})` : ''}`;
		}
	}
}

/** The effects as one sentence: "authfix will sign the client in to tenant T, then …". */
export function describeEffects(effects: readonly FixEffect[] | undefined, facts: Facts): string | undefined {
	if (!effects || effects.length === 0) return undefined;
	const needed = effects.filter(effect => effectNeeded(effect, facts));
	if (needed.length === 0) return 'Nothing to change: the facts say every step is already done.';
	// What an earlier step yields is named as such (its value is known only once that step is done).
	const known: Record<string, string> = {...facts};
	const words = needed.map(effect => {
		const text = describeEffect(effect, known);
		if (effect.kind === 'sandbox' && effect.yields)
			known[effect.yields] =
				effect.operation === 'grant-admin-consent' ? 'the service principal the consent creates' : 'the step before';
		return text;
	});
	return `authfix will ${words.join(', then ')}.`;
}
