/**
The decision tree: every node, the entry points and the family → node map. Pure data.
*/

import type {UnknownPlaceholders} from './facts.ts';
import {armNodes} from './nodes-arm.ts';
import {commonNodes} from './nodes-common.ts';
import {entraNodes} from './nodes-entra.ts';
import type {NodeId, Tree, TreeNode} from './types.ts';

export * from './types.ts';

/** The taxonomy's families (shared/taxonomy.md) and where each starts. */
export const familyStarts = {
	'arm-token-tenant-mismatch': 'tm-subscription-tenant',
	'arm-wrong-audience': 'aud-check',
	'token-expired': 'exp-start',
	'arm-aux-token': 'aux-start',
	'authorization-failed': 'authz-token-tenant',
	'subscription-context': 'subctx-cli',
	'api-invalid-audience': 'api-aud-check',
	'cli-not-logged-in': 'cli-check',
	'managed-identity-unavailable': 'mi-credential',
	'credential-chain-failed': 'chain-credential',
	'aadsts-*': 'aadsts-token',
	'aadsts-50000': 'a50000-token',
	'aadsts-700236': 'fic-check',
	'aadsts-70021': 'fic-check',
	'aadsts-700211': 'fic-check',
	'aadsts-700212': 'fic-check',
	'aadsts-700213': 'fic-check',
	'aadsts-7002138': 'fic-check',
	'aadsts-700016': 'a700016-source',
	'aadsts-7000215': 'a7000215-fix-secret',
	'aadsts-7000222': 'a7000215-fix-secret',
	'aadsts-65001': 'a65001-fix',
	'aadsts-50076': 'aadsts-fix-interactive',
	'aadsts-50079': 'aadsts-fix-interactive',
	'aadsts-53003': 'aadsts-fix-interactive',
	'aadsts-530003': 'aadsts-fix-interactive',
	'aadsts-700082': 'aadsts-fix-interactive',
	'aadsts-50173': 'aadsts-fix-interactive',
	'aadsts-90002': 'a90002-fix',
	'aadsts-50020': 'aadsts-fix-interactive',
} as const satisfies Readonly<Record<string, NodeId>>;

/**
Every `{placeholder}` in the nodes' texts names a fact (tree/facts.ts). A typo such as
`{subscriptionTenent}` makes this line fail the typecheck, naming the placeholder.
*/
const everyPlaceholderIsAFact: [UnknownPlaceholders<typeof commonNodes | typeof armNodes | typeof entraNodes>] extends [
	never,
]
	? true
	: UnknownPlaceholders<typeof commonNodes | typeof armNodes | typeof entraNodes> = true;
void everyPlaceholderIsAFact;

export const tree: Tree = {
	nodes: [...commonNodes, ...armNodes, ...entraNodes] satisfies readonly TreeNode[],
	entries: [
		{id: 'paste', label: 'Paste an error', hint: 'the text of a failing call or sign-in', start: 'symptom'},
		{id: 'symptom', label: 'Pick a symptom', hint: 'what fails, in a few words', start: 'symptom'},
		{id: 'health', label: 'Run a health check', hint: 'sign-in, subscription, token, caches', start: 'health-cli'},
		{id: 'decode', label: 'Decode a token', hint: 'claims only, the token is never kept', start: 'decode-ask'},
		{
			id: 'onboarding',
			label: 'Set up this machine',
			hint: 'sign-in, tenant and subscription, a profile',
			start: 'onb-cli',
		},
		{id: 'session', label: 'Open a saved session', hint: 'earlier runs, as reports', start: 'saved-session'},
	],
	families: familyStarts,
};

const byId = new Map<NodeId, TreeNode>(tree.nodes.map(node => [node.id, node]));

/** The node with this id; throws on an unknown id (the tree's tests make that impossible). */
export function nodeById(id: NodeId, source: Tree = tree): TreeNode {
	const node = source === tree ? byId.get(id) : source.nodes.find(candidate => candidate.id === id);
	if (!node) throw new Error(`decision tree: no node '${id}'`);
	return node;
}

/** The node a family starts at: its own, else `aadsts-*` for an AADSTS code, else the symptom picker. */
export function startForFamily(family: string | undefined, source: Tree = tree): NodeId {
	if (!family) return 'symptom';
	const own = source.families[family];
	if (own) return own;
	if (/^aadsts-\d+$/.test(family)) return source.families['aadsts-*'] ?? 'symptom';
	return 'symptom';
}

/** Every node id an edge of `node` leads to. */
export function edgesOf(node: TreeNode): ReadonlyArray<{readonly label: string; readonly to: NodeId}> {
	switch (node.kind) {
		case 'question':
			return node.answers.map(answer => ({label: answer.label, to: answer.next}));
		case 'check':
			return Object.entries(node.next).map(([label, to]) => ({label, to: to as NodeId}));
		case 'pick':
			return [
				{label: 'picked', to: node.next},
				{label: 'none to pick', to: node.onEmpty},
			];
		case 'fix':
			return [{label: 'then verify', to: node.next}];
		case 'verify':
			return [
				{label: 'fixed', to: node.next.fixed},
				{label: 'now forbidden', to: node.next.nowForbidden},
				{label: 'still failing', to: node.next.stillFailing},
			];
		case 'route':
			return [
				...node.routes.map(route => ({label: route.label, to: route.next})),
				{label: 'otherwise', to: node.otherwise},
			];
		case 'outcome':
			return [];
	}
}
