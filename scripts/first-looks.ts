// The rules' first looks: what the rules said of each collected round's tuning texts before any rule
// was tuned on them, read by running the rules of the commit that added the round (from a temporary
// git worktree) on that round's texts. Written to test/corpus/first-looks.json; train-classifier.ts
// fits the rules' calibration on these answers, as the only ones that show how the rules do on
// wordings they were not written for. `node scripts/first-looks.ts` (needs the git history).
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Each round: the commit whose rules had not yet seen it, the corpus file and the ids it added. */
export const rounds = [
	{commit: 'a06d753', file: 'extra-tuning-2.jsonl', ids: /^gen-(?:0\d\d|1[0-5]\d)$/},
	{commit: '901afd9', file: 'extra-tuning-2.jsonl', ids: /^gen-(?:1[6-9]\d|200)$/},
	{commit: '64a770a', file: 'extra-tuning-3.jsonl', ids: /^r3[abc]-\d{3}$/},
	{commit: '654883d', file: 'extra-tuning-4.jsonl', ids: /^r4[abc]-\d{3}$/},
	{commit: '0c183b5', file: 'extra-tuning-5.jsonl', ids: /^r5[abc]-\d{3}$/},
	{commit: '7032223', file: 'extra-tuning-6.jsonl', ids: /^r6[ab]-\d{3}$/},
] as const;

export type FirstLook = {
	readonly set: string;
	readonly id: string;
	readonly commit: string;
	/** The rules' first family then, or null when they named none. */
	readonly family: string | null;
	readonly basis: string | null;
	readonly score: number;
};

// Run inside the old tree: its own rules (classify at the older commits, classifyByRules later) on the texts.
const runner = `
import {readFileSync} from 'node:fs';
import * as rules from './source/explain/classify.ts';
import {normalizeText} from './source/explain/normalize.ts';
const [file, pattern] = process.argv.slice(2);
const classify = rules.classifyByRules ? text => rules.classifyByRules(text).candidates : rules.classify;
const out = [];
for (const line of readFileSync(file, 'utf8').split('\\n')) {
	if (!line.trim()) continue;
	const {id, text} = JSON.parse(line);
	if (!new RegExp(pattern).test(id)) continue;
	const [top] = classify(normalizeText(text));
	out.push({id, family: top?.family ?? null, basis: top?.basis ?? null, score: top?.score ?? 0});
}
process.stdout.write(JSON.stringify(out));
`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const looks: FirstLook[] = [];
	for (const {commit, file, ids} of rounds) {
		const tree = mkdtempSync(path.join(tmpdir(), 'authfix-first-look-'));
		try {
			execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', '--quiet', tree, commit]);
			writeFileSync(path.join(tree, 'first-look.ts'), runner);
			const output = execFileSync(
				process.execPath,
				['first-look.ts', path.join(root, 'test/corpus', file), ids.source],
				{cwd: tree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']},
			);
			const set = file.replace(/\.jsonl$/, '');
			for (const look of JSON.parse(output) as Array<Omit<FirstLook, 'set' | 'commit'>>)
				looks.push({set, commit, ...look});
		} finally {
			execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', tree]);
			rmSync(tree, {recursive: true, force: true});
		}
	}

	const target = path.join(root, 'test/corpus/first-looks.json');
	writeFileSync(target, `[\n${looks.map(look => `\t${JSON.stringify(look)}`).join(',\n')}\n]\n`);
	console.log(`wrote ${target} (${looks.length} answers)`);
}
