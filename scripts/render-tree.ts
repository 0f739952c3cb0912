// Writes docs/decision-tree.md from source/tree (Node 22 strips the types): `node scripts/render-tree.ts`.
import {writeFile} from 'node:fs/promises';
import {tree} from '../source/tree/index.ts';
import {renderTreeMarkdown} from '../source/tree/mermaid.ts';

const target = new URL('../docs/decision-tree.md', import.meta.url);
await writeFile(target, renderTreeMarkdown(tree));
console.log(`wrote ${target.pathname} (${tree.nodes.length} nodes)`);
