/**
Renders the decision tree as a Mermaid flowchart inside Markdown: docs/decision-tree.md is this
function's output (scripts/render-tree.ts writes it; a test fails when the committed file is stale).
*/
import {edgesOf} from './index.ts';
import type {Tree, TreeNode} from './types.ts';

function label(text: string): string {
	return `"${text.replaceAll('"', '#quot;').replaceAll('`', '')}"`;
}

function shape(node: TreeNode): string {
	switch (node.kind) {
		case 'question':
			return `${node.id}{${label(node.prompt)}}`;
		case 'check':
			return `${node.id}[[${label(`check ${node.check}: ${node.title}`)}]]`;
		case 'pick':
			return `${node.id}[(${label(`pick from ${node.source}: ${node.prompt}`)})]`;
		case 'fix':
			return `${node.id}[/${label(`fix (${node.mode}): ${node.title}`)}/]`;
		case 'verify':
			return `${node.id}([${label(`verify: ${node.title}`)}])`;
		case 'route':
			return `${node.id}{{${label(`route: ${node.title}`)}}}`;
		case 'outcome':
			return `${node.id}((${label(`${node.verdict}: ${node.summary}`)}))`;
	}
}

export function renderTreeMarkdown(tree: Tree): string {
	const lines = [
		'# The decision tree',
		'',
		'Generated from `source/tree/` by `node scripts/render-tree.ts`; do not edit by hand (a test fails',
		'when this file is stale). Shapes: diamond = question, double box = live check, parallelogram = fix,',
		'stadium = verification (the replay of the failing call), cylinder = pick from a live list,',
		'hexagon = a route on what is already known, circle = outcome.',
		'',
		'## Entry points',
		'',
		...tree.entries.map(entry => `- **${entry.label}** (${entry.id}): starts at \`${entry.start}\``),
		'',
		'## Where each failure family starts',
		'',
		'| family | first node |',
		'|---|---|',
		...Object.entries(tree.families).map(([family, start]) => `| \`${family}\` | \`${start}\` |`),
		'',
		'## The tree',
		'',
		'```mermaid',
		'flowchart TD',
		...tree.nodes.map(node => `  ${shape(node)}`),
		...tree.nodes.flatMap(node => edgesOf(node).map(edge => `  ${node.id} -->|${label(edge.label)}| ${edge.to}`)),
		'```',
		'',
	];
	return lines.join('\n');
}
