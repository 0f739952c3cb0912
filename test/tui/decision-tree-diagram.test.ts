import {readFile} from 'node:fs/promises';
import {expect, test} from 'vitest';
import {tree} from '../../source/tree/index.ts';
import {renderTreeMarkdown} from '../../source/tree/mermaid.ts';

test('docs/decision-tree.md is up to date (regenerate: node scripts/render-tree.ts)', async () => {
	const committed = await readFile(new URL('../../docs/decision-tree.md', import.meta.url), 'utf8');
	expect(committed).toBe(renderTreeMarkdown(tree));
});
