/**
Every text a user reads with a value in it, filled the way the session or `explain` fills it with
the facts a typical failure of its family reveals: every knowledge entry (source/knowledge/) and
every tree node (source/tree/nodes-*.ts). None may keep a `{placeholder}`, fill a slot with prose
("the right tenant"), or show `[redacted]` where the user's own secret goes: a value that is not
known is its explicit stand-in (`<tenant-id>`), and authfix knows where to find it.
*/
import {describe, expect, test} from 'vitest';
import {describeEffects} from '../engine/effects.ts';
import {fillCommand, fillPlaceholders} from '../engine/fill.ts';
import {fillEntry, standInOf} from '../explain/explain.ts';
import {knowledgeEntries} from '../knowledge/index.ts';
import type {LanguageId} from '../knowledge/languages.ts';
import type {KnowledgeEntry} from '../knowledge/types.ts';
import {redactSecrets} from '../safety/redact.ts';
import type {Facts} from './facts.ts';
import {tree} from './index.ts';
import {placeholderHints, standIn} from './placeholders.ts';
import type {TreeNode} from './types.ts';

const id = (digit: string) =>
	`${digit.repeat(8)}-${digit.repeat(4)}-${digit.repeat(4)}-${digit.repeat(4)}-${digit.repeat(12)}`;
const value = {
	tokenTenant: id('1'),
	subscriptionTenant: id('2'),
	tenantId: id('2'),
	subscriptionId: id('3'),
	linkedSubscriptionId: id('4'),
	clientId: id('5'),
	principalId: id('6'),
	auxTenant: id('7'),
	traceId: id('8'),
	correlationId: id('9'),
	audience: 'https://graph.microsoft.com',
	expectedAudience: 'https://management.core.windows.net/',
	armAudience: 'https://management.core.windows.net/',
	authority: `https://login.microsoftonline.com/${id('2')}`,
	issuer: `https://sts.windows.net/${id('1')}/`,
	requestUrl: `https://management.azure.com/subscriptions/${id('3')}/resourcegroups?api-version=2021-04-01`,
	userPrincipalName: 'alice@contoso.example',
} as const;

const pick = (...names: Array<keyof typeof value>) => Object.fromEntries(names.map(name => [name, value[name]]));

/** What a pasted error of each family typically names (explain's entities). */
const entryFacts: Readonly<Record<string, Record<string, string>>> = {
	'arm-token-tenant-mismatch': pick('tokenTenant', 'subscriptionTenant', 'subscriptionId', 'authority', 'issuer'),
	'arm-wrong-audience': pick('audience', 'expectedAudience', 'subscriptionId'),
	'token-expired': pick('subscriptionId'),
	'arm-aux-token': pick('subscriptionId', 'linkedSubscriptionId', 'tenantId'),
	'authorization-failed': pick('clientId', 'subscriptionId'),
	'subscription-context': pick('subscriptionId', 'tenantId'),
	'api-invalid-audience': pick('audience', 'expectedAudience'),
	'cli-not-logged-in': {},
	'managed-identity-unavailable': pick('clientId'),
	'credential-chain-failed': {},
	other: {},
};
/** An AADSTS error names the tenant, the client and the ids support traces it by. */
const aadstsFacts = pick('tenantId', 'clientId', 'traceId', 'correlationId');

function typicalForEntry(entry: KnowledgeEntry): Record<string, string> {
	const code = /^aadsts-(\d+)$/.exec(entry.family)?.[1];
	return code ? {...aadstsFacts, code} : (entryFacts[entry.family] ?? {});
}

/** What a session of each part of the tree typically knows by then: the failing call, and what its checks found. */
const call = pick('subscriptionId', 'requestUrl', 'armAudience', 'expectedAudience');
function typicalForNode(node: TreeNode): Facts {
	const prefix = node.id.split('-')[0]!;
	if (['tm', 'stale', 'subctx', 'health', 'authz', 'arm'].includes(prefix))
		return {...call, ...pick('subscriptionTenant', 'tokenTenant', 'tenantId', 'principalId', 'clientId', 'audience')};
	if (['aud', 'api'].includes(prefix)) return {...call, ...pick('audience', 'clientId')};
	if (prefix === 'exp') return {...call, ...pick('tokenTenant', 'audience'), skew: '2.0 h'};
	if (prefix === 'aux')
		return {...call, ...pick('subscriptionTenant', 'auxTenant', 'clientId', 'tokenTenant'), auxSkew: '2.0 h'};
	if (/^a\d+$|^aadsts$/.test(prefix))
		return {...aadstsFacts, ...pick('userPrincipalName'), code: 'AADSTS50000', signInKind: 'user'};
	if (prefix === 'fic')
		return {
			...pick('subscriptionId', 'clientId'),
			identityTenantId: id('1'),
			identityObjectId: id('a'),
			identityIssuer: `https://login.microsoftonline.com/${id('1')}/v2.0`,
			homeAppId: id('b'),
			targetTenantId: id('2'),
			code: 'AADSTS700236',
		};
	if (['cli', 'mi', 'chain'].includes(prefix)) return pick('tenantId', 'subscriptionId', 'clientId');
	if (prefix === 'onb') return pick('subscriptionId', 'subscriptionTenant');
	return call;
}

/**
What is wrong with one filled text: a placeholder left, a slot without its explicit stand-in (prose
took its place), a stand-in authfix cannot say where to find, or a redaction where a secret goes.
*/
function problems(
	template: string,
	filled: string,
	known: Readonly<Record<string, string | undefined>>,
	standInFor: (name: string) => string = standIn,
): string[] {
	const found: string[] = [];
	const shown = redactSecrets(filled);
	if (/\{[a-zA-Z]+\}/.test(shown)) found.push(`a placeholder is left: ${shown}`);
	if (shown.includes('[redacted')) found.push(`[redacted] where a value or <secret> belongs: ${shown}`);
	const missing = [...template.matchAll(/\{([a-zA-Z]+)\}/g)]
		.map(match => match[1]!)
		.filter(name => known[name] === undefined);
	const hinted = new Set(placeholderHints([shown]).map(hint => hint.placeholder));
	for (const name of missing) {
		// An explicit stand-in, or a value that holds when the text names none (the public cloud's ARM audience, no aside).
		const placeholder = standInFor(name);
		if (placeholder !== '' && !/<[a-z][\w.-]*>|^https:\/\/\S+$/.test(placeholder))
			found.push(`{${name}} reads as prose: '${placeholder}'`);
		if (!shown.includes(placeholder)) found.push(`{${name}} is not its stand-in ${placeholder}: ${shown}`);
		for (const [inner] of placeholder.matchAll(/<[a-z][\w.-]*>/g)) {
			if (!hinted.has(inner)) found.push(`no word on where to find ${inner}`);
		}
	}

	return found;
}

describe('every knowledge entry, filled with what its error typically names', () => {
	test.each(knowledgeEntries.map(entry => [entry.family, entry] as const))('%s', (_family, entry) => {
		const values = typicalForEntry(entry);
		const filled = fillEntry(entry, values);
		const pairs: Array<[string, string | undefined]> = [
			[entry.title, filled.title],
			[entry.explanation, filled.explanation],
			[entry.verify, filled.verify],
			[entry.prevent ?? '', filled.prevent ?? ''],
		];
		entry.causes.forEach((cause, index) => {
			const done = filled.causes[index]!;
			pairs.push([cause.text, done.text], [cause.confirm, done.confirm]);
			cause.fixes.forEach((fix, fixIndex) => {
				const fixed = done.fixes[fixIndex]!;
				pairs.push(
					[fix.text, fixed.text],
					[fix.command ?? '', fixed.command ?? ''],
					[fix.portal ?? '', fixed.portal ?? ''],
				);
			});
		});
		// Each fix as the client's own language shows it, too.
		const languages = new Set(
			entry.causes.flatMap(cause => cause.fixes.flatMap(fix => Object.keys(fix.inLanguage ?? {}) as LanguageId[])),
		);
		for (const language of languages) {
			const inLanguage = fillEntry(entry, values, language);
			entry.causes.forEach((cause, index) => {
				cause.fixes.forEach((fix, fixIndex) => {
					const own = fix.inLanguage?.[language];
					const fixed = inLanguage.causes[index]!.fixes[fixIndex]!;
					if (own)
						pairs.push(
							[own.text, fixed.text],
							[own.command ?? '', fixed.command ?? ''],
							[own.code ?? '', fixed.code ?? ''],
						);
				});
			});
		}

		expect(pairs.flatMap(([template, text]) => problems(template, text ?? '', values, standInOf))).toEqual([]);
	});

	test('a slot the error did not fill is its stand-in, in a sentence too, with where to find it', () => {
		const entry = knowledgeEntries.find(candidate => candidate.family === 'aadsts-65001')!;
		const filled = fillEntry(entry, {});
		const portals = filled.causes.flatMap(cause => cause.fixes.flatMap(fix => fix.portal ?? []));
		expect(portals.join(' ')).toContain(
			'https://login.microsoftonline.com/<tenant-id>/adminconsent?client_id=<client-id>',
		);
		expect(JSON.stringify(filled)).not.toMatch(/the right tenant|the signed-in identity/);
	});
});

describe('every tree node, filled with what a typical session knows there', () => {
	test.each(tree.nodes.map(node => [node.id, node] as const))('%s', (_id, node) => {
		const facts = typicalForNode(node);
		const pairs: Array<[string, string]> = [];
		const text = (template: string | undefined) =>
			template && pairs.push([template, fillPlaceholders(template, facts)]);
		switch (node.kind) {
			case 'question':
				text(node.prompt);
				text(node.help);
				for (const answer of node.answers) text(answer.label);
				break;
			case 'pick':
				text(node.prompt);
				text(node.help);
				text(node.title);
				break;
			case 'fix':
				text(node.title);
				text(node.why);
				// Every step as written, and in each language the session may know.
				for (const fixStep of node.steps.flatMap(step => [step, ...Object.values(step.inLanguage ?? {})])) {
					text(fixStep.text);
					for (const command of [fixStep.command, fixStep.code])
						if (command) pairs.push([command, fillCommand(command, facts)]);
				}

				for (const effect of node.effects ?? []) {
					const templates = Object.values(effect).filter((part): part is string => typeof part === 'string');
					pairs.push([templates.join(' '), describeEffects([effect], facts) ?? '']);
				}

				break;
			case 'outcome':
				text(node.summary);
				text(node.advice);
				break;
			default:
				text(node.title);
		}

		expect(pairs.flatMap(([template, filled]) => problems(template, filled, facts))).toEqual([]);
	});

	test('AADSTS50000 names the trace and correlation ids it has, or says where to find them (not "the ids above")', () => {
		const node = tree.nodes.find(candidate => candidate.id === 'a50000-ask')!;
		const help = node.kind === 'question' ? (node.help ?? '') : '';
		expect(fillPlaceholders(help, {traceId: value.traceId, correlationId: value.correlationId})).toContain(
			`trace id ${value.traceId} and correlation id ${value.correlationId}`,
		);
		const unknown = fillPlaceholders(help, {});
		expect(unknown).toContain('trace id <trace-id> and correlation id <correlation-id>');
		expect(placeholderHints([unknown]).map(hint => hint.placeholder)).toEqual(['<trace-id>', '<correlation-id>']);
	});
});
