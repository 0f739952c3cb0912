/**
The compile-time check of placeholders (tree/index.ts) as a typecheck test: `npm test` runs tsc over
this file, so a placeholder that names no fact must come out as that name, and a known one as none.
*/
import {expect, test} from 'vitest';
import {factsOf, type UnknownPlaceholders} from './facts.ts';

type Typo = UnknownPlaceholders<
	readonly [{readonly why: 'The token came from {tokenTenant}; sign in to {subscriptionTenent}.'}]
>;
const typo: Typo = 'subscriptionTenent';
// @ts-expect-error a fact's own name is not an unknown placeholder
const known: Typo = 'tokenTenant';
// JSON in a command is not a placeholder; only `{letters}` are.
const json: [UnknownPlaceholders<readonly ['--parameters \'{"name":"x"}\' --id {homeAppId}']>] extends [never]
	? true
	: false = true;

test('the type-level placeholder check names exactly the unknown ones', () => {
	expect([typo, known, json]).toEqual(['subscriptionTenent', 'tokenTenant', true]);
});

test('a record gives its entries that are facts, non-empty strings only', () => {
	expect(factsOf({tokenTenant: 't', tid: 't', subscriptionTenant: '', skew: 5, audience: 'a'})).toEqual({
		tokenTenant: 't',
		audience: 'a',
	});
});
