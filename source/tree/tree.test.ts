import {describe, expect, test} from 'vitest';
import {checkIds} from '../findings/finding.ts';
import {edgesOf, familyStarts, nodeById, startForFamily, tree} from './index.ts';
import type {NodeId, TreeNode} from './types.ts';

/** The families of shared/taxonomy.md (copied: the contract is stable, add never rename). */
const taxonomyFamilies = [
	'arm-token-tenant-mismatch',
	'arm-wrong-audience',
	'token-expired',
	'arm-aux-token',
	'authorization-failed',
	'subscription-context',
	'api-invalid-audience',
	'cli-not-logged-in',
	'managed-identity-unavailable',
	'credential-chain-failed',
];

const ids = new Set(tree.nodes.map(node => node.id));

function reachableFrom(starts: readonly NodeId[]): Set<NodeId> {
	const seen = new Set<NodeId>();
	const queue = [...starts];
	while (queue.length > 0) {
		const id = queue.pop()!;
		if (seen.has(id)) continue;
		seen.add(id);
		for (const edge of edgesOf(nodeById(id))) queue.push(edge.to);
	}

	return seen;
}

describe('the decision tree', () => {
	test('node ids are unique kebab-case', () => {
		expect(ids.size).toBe(tree.nodes.length);
		for (const node of tree.nodes) expect(node.id).toMatch(/^[a-z\d]+(-[a-z\d]+)*$/);
	});

	test('every edge, entry and family start resolves to a node', () => {
		const dangling = tree.nodes.flatMap(node =>
			edgesOf(node)
				.filter(edge => !ids.has(edge.to))
				.map(edge => `${node.id} -> ${edge.to}`),
		);
		expect(dangling).toEqual([]);
		for (const entry of tree.entries) expect(ids.has(entry.start), entry.id).toBe(true);
		for (const [family, start] of Object.entries(tree.families)) expect(ids.has(start), family).toBe(true);
	});

	test('no dead ends: only outcomes are leaves, and every node can reach an outcome', () => {
		for (const node of tree.nodes) {
			if (node.kind !== 'outcome') expect(edgesOf(node).length, node.id).toBeGreaterThan(0);
		}

		const canFinish = new Set(tree.nodes.filter(node => node.kind === 'outcome').map(node => node.id));
		let grew = true;
		while (grew) {
			grew = false;
			for (const node of tree.nodes) {
				if (!canFinish.has(node.id) && edgesOf(node).some(edge => canFinish.has(edge.to))) {
					canFinish.add(node.id);
					grew = true;
				}
			}
		}

		expect(tree.nodes.filter(node => !canFinish.has(node.id)).map(node => node.id)).toEqual([]);
	});

	test('every node is reachable from an entry point or a family', () => {
		const reached = reachableFrom([...tree.entries.map(entry => entry.start), ...Object.values(tree.families)]);
		expect(tree.nodes.filter(node => !reached.has(node.id)).map(node => node.id)).toEqual([]);
	});

	test('every family of the taxonomy has a start, and AADSTS codes fall back to the generic path', () => {
		for (const family of taxonomyFamilies) {
			expect(Object.keys(familyStarts), family).toContain(family);
			expect(startForFamily(family)).toBe(tree.families[family]);
		}

		expect(startForFamily('aadsts-50000')).toBe('a50000-token');
		expect(startForFamily('aadsts-700236')).toBe('fic-check');
		expect(startForFamily('aadsts-9999999')).toBe('aadsts-token');
		expect(startForFamily('no-such-family')).toBe('symptom');
		expect(startForFamily(undefined)).toBe('symptom');
	});

	test('the seed failures get a deep path: several live checks before the fix', () => {
		const checksBefore = (start: NodeId, fix: NodeId) => {
			// Longest chain of check nodes on some path from start to fix (the tree is small).
			const walk = (id: NodeId, seen: Set<NodeId>): number => {
				if (id === fix) return 0;
				if (seen.has(id)) return Number.NEGATIVE_INFINITY;
				const node = nodeById(id);
				const next = new Set(seen).add(id);
				const best = Math.max(Number.NEGATIVE_INFINITY, ...edgesOf(node).map(edge => walk(edge.to, next)));
				return best + (node.kind === 'check' ? 1 : 0);
			};

			return walk(start, new Set());
		};

		expect(checksBefore(startForFamily('arm-token-tenant-mismatch'), 'tm-fix-login')).toBeGreaterThanOrEqual(2);
		expect(checksBefore(startForFamily('arm-aux-token'), 'aux-fix')).toBeGreaterThanOrEqual(2);
		expect(checksBefore(startForFamily('aadsts-50000'), 'a50000-fix-principal')).toBeGreaterThanOrEqual(2);
		expect(checksBefore(startForFamily('aadsts-700236'), 'fic-fix-multitenant')).toBeGreaterThanOrEqual(1);
		expect(checksBefore('stale-cache', 'stale-fix-purge')).toBeGreaterThanOrEqual(1);
		// 401 vs 403: a 403 first rules out the wrong tenant.
		expect(nodeById('authz-token-tenant')).toMatchObject({kind: 'check', next: {fail: 'tm-why'}});
		// A failed token tenant asks the caches: a stale cache of an earlier tenant is purged, else sign in.
		expect(nodeById('tm-why')).toMatchObject({
			kind: 'check',
			check: 'cache-state',
			next: {fail: 'stale-fix-purge', pass: 'tm-fix-login'},
		});
	});

	test('every fix is followed by a verification', () => {
		const fixes = tree.nodes.filter((node): node is Extract<TreeNode, {kind: 'fix'}> => node.kind === 'fix');
		expect(fixes.length).toBeGreaterThan(20);
		for (const fix of fixes) expect(nodeById(fix.next).kind, fix.id).toBe('verify');
	});

	test('safe fixes say what they change (effects), so the demo carries out the fix the walk reached', () => {
		const safe = tree.nodes.filter(
			(node): node is Extract<TreeNode, {kind: 'fix'}> => node.kind === 'fix' && node.mode === 'safe',
		);
		const without = safe.filter(node => !node.effects?.length).map(node => node.id);
		// Pinning a profile changes authfix's own settings, not the failing call.
		expect(without).toEqual(['onb-pin', 'onb-pin-project']);
		for (const node of tree.nodes) {
			if (node.kind !== 'fix') continue;
			for (const effect of node.effects ?? []) {
				const values = Object.values(effect).filter((value): value is string => typeof value === 'string');
				const params = 'params' in effect && effect.params ? Object.values(effect.params) : [];
				for (const value of [...values, ...params]) expect(value, node.id).not.toMatch(/\{[^a-zA-Z]|\{\}/);
			}
		}
	});

	test('routes branch on a named fact and always have a way on', () => {
		for (const node of tree.nodes) {
			if (node.kind !== 'route') continue;
			expect(node.routes.length, node.id).toBeGreaterThan(0);
			for (const route of node.routes) expect(route.when.fact, node.id).toMatch(/^[a-zA-Z]+$/);
			expect(ids.has(node.otherwise), node.id).toBe(true);
		}
	});

	test('every question has exactly one recommended answer (Enter)', () => {
		for (const node of tree.nodes) {
			if (node.kind !== 'question') continue;
			expect(node.answers.filter(answer => answer.recommended).length, node.id).toBe(1);
		}
	});

	test('checks name only known check ids', () => {
		for (const node of tree.nodes) if (node.kind === 'check') expect(checkIds).toContain(node.check);
	});
});

describe('AADSTS700236 (fic) path', () => {
	const facts = {
		identityTenantId: '11111111-1111-1111-1111-111111111111',
		identityIssuer: 'https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/v2.0',
		identityObjectId: 'cccccccc-1111-0000-0000-000000000001',
		targetTenantId: '22222222-2222-2222-2222-222222222222',
		homeAppId: 'aaaaaaaa-0000-0000-0000-000000000005',
		subscriptionId: '44444444-4444-4444-4444-444444444444',
	};

	test('a failing check that names AADSTS700236 goes straight to the multi-tenant fix; other failures ask', () => {
		const route = nodeById('fic-why');
		expect(route.kind === 'route' && route.routes.map(item => [item.when, item.next])).toEqual([
			[{fact: 'code', matches: '^AADSTS700236$'}, 'fic-fix-multitenant'],
			[{fact: 'code', matches: '^AADSTS(70021|700211|700212|700213|7002138)$'}, 'fic-fix-add'],
		]);
		expect(route.kind === 'route' && route.otherwise).toBe('fic-ask');
		const check = nodeById('fic-check');
		expect(check.kind === 'check' && check.next).toMatchObject({fail: 'fic-why', skip: 'fic-ask'});
	});

	test('outside the demo the fix is the exact az commands, filled from the check facts', async () => {
		const {fillPlaceholders} = await import('../engine/fill.ts');
		const node = nodeById('fic-fix-multitenant');
		expect(node.kind === 'fix' && node.mode).toBe('admin');
		const commands = node.kind === 'fix' ? node.steps.map(step => fillPlaceholders(step.command ?? '', facts)) : [];
		expect(commands).toEqual([
			`az ad app federated-credential create --id ${facts.homeAppId} --parameters '{"name":"cross-tenant-identity","issuer":"${facts.identityIssuer}","subject":"${facts.identityObjectId}","audiences":["api://AzureADTokenExchange"]}'`,
			`az login --tenant ${facts.targetTenantId} && az ad sp create --id ${facts.homeAppId}`,
			`az role assignment create --assignee ${facts.homeAppId} --role Reader --scope /subscriptions/${facts.subscriptionId}`,
			`AZURE_CLIENT_ID=${facts.homeAppId} AZURE_TENANT_ID=${facts.targetTenantId}`,
		]);
		// An unknown fact stays a readable stand-in, never an empty argument.
		expect(fillPlaceholders(node.kind === 'fix' ? (node.steps[1]?.command ?? '') : '', {})).toBe(
			'az login --tenant <target-tenant-id> && az ad sp create --id <home-app-id>',
		);
	});
});

describe('the authorisation path (403)', () => {
	test("the role-assignments check's findings route to their fixes; the role fix is the exact az command", async () => {
		const {holds} = await import('../engine/step.ts');
		const {fillCommand} = await import('../engine/fill.ts');
		const route = nodeById('authz-why');
		const routeFor = (facts: Record<string, string>) =>
			route.kind === 'route'
				? (route.routes.find(candidate => holds(candidate.when, {facts})) ?? {next: route.otherwise}).next
				: undefined;
		expect(routeFor({denyAssignmentId: 'd-1', eligibleRole: 'Contributor'})).toBe('authz-fix-deny');
		expect(routeFor({eligibleRole: 'Contributor'})).toBe('authz-fix-pim');
		expect(routeFor({staleToken: 'yes'})).toBe('authz-fix-fresh-token');
		expect(routeFor({roleCondition: "@Resource[x] StringEquals 'y'"})).toBe('authz-fix-condition');
		expect(routeFor({role: 'Reader'})).toBe('authz-fix-role');
		// LinkedAuthorizationFailed: naming the operation missing on the linked scope, it is this path too.
		const aux = nodeById(startForFamily('arm-aux-token'));
		const auxNext = (facts: Record<string, string>) =>
			aux.kind === 'route'
				? (aux.routes.find(candidate => holds(candidate.when, {facts})) ?? {next: aux.otherwise}).next
				: undefined;
		expect(auxNext({linkedAction: 'Microsoft.Network/virtualNetworks/subnets/join/action'})).toBe('authz-token-tenant');
		expect(auxNext({linkedSubscriptionId: 'b7a6ea8b-8aac-46e2-9cd9-0d22ff8778bc'})).toBe('aux-subscription-tenant');
		const check = nodeById('authz-roles');
		expect(check.kind === 'check' && check.next).toEqual({
			pass: 'authz-fix-fresh-token',
			fail: 'authz-why',
			skip: 'authz-fix-role',
		});
		const fix = nodeById('authz-fix-role');
		const command = fix.kind === 'fix' ? (fix.steps[0]?.command ?? '') : '';
		expect(
			fillCommand(command, {
				principalId: 'aaaaaaaa-1111-0000-0000-000000000001',
				principalType: 'ServicePrincipal',
				role: 'Storage Account Contributor',
				roleScope: '/subscriptions/s/resourceGroups/rg-app',
			}),
		).toBe(
			'az role assignment create --assignee-object-id aaaaaaaa-1111-0000-0000-000000000001 --assignee-principal-type ServicePrincipal --role "Storage Account Contributor" --scope /subscriptions/s/resourceGroups/rg-app',
		);
	});
});

describe("code fixes in the client's language", () => {
	test('every placeholder of every fix step, in every language, names a fact', async () => {
		const {isFactName} = await import('./facts.ts');
		for (const node of tree.nodes) {
			if (node.kind !== 'fix') continue;
			for (const step of node.steps) {
				const texts = [step.text, step.command ?? '', step.code ?? ''];
				for (const own of Object.values(step.inLanguage ?? {})) texts.push(own.text, own.command ?? '', own.code ?? '');
				for (const text of texts)
					for (const [, name] of text.matchAll(/\{([a-zA-Z]+)\}/g))
						expect(isFactName(name!), `${node.id}: {${name}}`).toBe(true);
			}
		}
	});

	test("the fixes in code take each language's version from knowledge/code-fixes.ts", async () => {
		const {codeFixStep} = await import('../knowledge/index.ts');
		const inLanguage = (id: string) => {
			const node = nodeById(id);
			return node.kind === 'fix' ? node.steps.find(step => step.inLanguage)?.inLanguage : undefined;
		};
		expect(inLanguage('tm-fix-sdk')).toEqual(
			codeFixStep('pin-tenant', {tenant: '{subscriptionTenant}', subscription: '{subscriptionId}'}).inLanguage,
		);
		for (const id of [
			'aud-fix',
			'aud-fix-code',
			'exp-fix-code',
			'aux-fix',
			'api-aud-fix',
			'api-aud-fix-id-token',
			'mi-fix-client-id',
			'src-fix-env',
		])
			expect(Object.keys(inLanguage(id) ?? {}), id).toEqual(expect.arrayContaining(['java', 'go']));
	});
});

describe('one home for fix text', () => {
	test("a fix node that only one AADSTS code starts at shows that code's own fixes from knowledge/", async () => {
		const {entryForFamily} = await import('../knowledge/index.ts');
		const starts = Object.entries(familyStarts).filter(([family]) => /^aadsts-\d+$/.test(family));
		const codeSpecific = starts.filter(
			([, start]) => nodeById(start).kind === 'fix' && starts.filter(([, other]) => other === start).length === 1,
		);
		expect(codeSpecific.map(([family]) => family).sort()).toEqual(['aadsts-65001', 'aadsts-90002']);
		// 7000215 and 7000222 (both a secret that does not work) share a node: it shows 7000215's fixes.
		// AADSTS700016 first looks at the credential sources; when none signs in elsewhere, its own fix.
		const shared = [
			...codeSpecific,
			['aadsts-7000215', familyStarts['aadsts-7000215']] as const,
			['aadsts-700016', 'a700016-fix'] as const,
		];
		for (const [family, start] of shared) {
			const node = nodeById(start);
			const fixes = (entryForFamily(family)?.causes ?? []).flatMap(cause => cause.fixes);
			if (node.kind !== 'fix') throw new Error(`${start} is not a fix`);
			expect(node.steps.length, family).toBeGreaterThan(0);
			for (const step of node.steps) {
				expect(
					fixes.some(fix => fix.command === step.command && step.text.startsWith(fix.text)),
					`${family}: ${step.text}`,
				).toBe(true);
			}
		}
	});
});

describe('where the failures happen: the credential sources and federated workloads', () => {
	test('AADSTS70021, 700211, 700212, 700213 and 7002138 start at the federated-credential check; 700016 at the credential sources', () => {
		for (const code of ['70021', '700211', '700212', '700213', '7002138']) {
			expect(familyStarts[`aadsts-${code}` as keyof typeof familyStarts]).toBe('fic-check');
		}

		expect(familyStarts['aadsts-700016']).toBe('a700016-source');
		const tokenTenant = nodeById('tm-token-tenant');
		expect(tokenTenant.kind === 'check' && tokenTenant.next.pass).toBe('tm-source');
	});

	test('the record to add is the exact az command, filled from the check facts', async () => {
		const {fillPlaceholders} = await import('../engine/fill.ts');
		const node = nodeById('fic-fix-add');
		const facts = {
			clientId: 'aaaaaaaa-0000-0000-0000-000000000007',
			ficName: 'github-webapp-environment-production',
			assertionIssuer: 'https://token.actions.githubusercontent.com',
			assertionSubject: 'repo:contoso/webapp:environment:production',
		};
		expect(node.kind === 'fix' && fillPlaceholders(node.steps[0]?.command ?? '', facts)).toBe(
			`az ad app federated-credential create --id ${facts.clientId} --parameters '{"name":"${facts.ficName}","issuer":"${facts.assertionIssuer}","subject":"${facts.assertionSubject}","audiences":["api://AzureADTokenExchange"]}'`,
		);
		expect(node.kind === 'fix' && node.effects).toEqual([
			{
				kind: 'sandbox',
				operation: 'add-federated-credential',
				params: {
					app: '{clientId}',
					name: '{ficName}',
					issuer: '{assertionIssuer}',
					subject: '{assertionSubject}',
					audience: 'api://AzureADTokenExchange',
				},
			},
		]);
	});

	test("each tool's wrong tenant is fixed in its own terms, and the client then signs in to the subscription's tenant", async () => {
		const {fillPlaceholders} = await import('../engine/fill.ts');
		const route = nodeById('src-why');
		expect(route.kind === 'route' && route.routes.map(item => item.next)).toEqual([
			'src-fix-terraform',
			'src-fix-pipeline',
			'src-fix-github',
			'src-fix-pod',
		]);
		const facts = {subscriptionTenant: '22222222-2222-2222-2222-222222222222'};
		const first = (id: string) => {
			const node = nodeById(id);
			return node.kind === 'fix' ? fillPlaceholders(node.steps.find(step => step.command)?.command ?? '', facts) : '';
		};
		expect(first('src-fix-terraform')).toBe(`export ARM_TENANT_ID=${facts.subscriptionTenant}`);
		expect(first('src-fix-github')).toBe(`gh variable set AZURE_TENANT_ID --body ${facts.subscriptionTenant}`);
		expect(first('src-fix-env')).toBe(`export AZURE_TENANT_ID=${facts.subscriptionTenant}`);
		for (const id of ['src-fix-terraform', 'src-fix-pipeline', 'src-fix-github', 'src-fix-pod', 'src-fix-env']) {
			const node = nodeById(id);
			expect(node.kind === 'fix' && node.effects).toEqual([{kind: 'sign-in', tenant: '{subscriptionTenant}'}]);
		}
	});
});
