// `npm run bench`: runs every scripts/bench/<part>.mjs (each prints JSON lines
// {"what","value","unit","target"?}) and prints one table. Benchmarks report; tests do not time.
// `npm run bench -- --json` prints the rows as one JSON array instead.
import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench');
const order = ['offline', 'package', 'sandbox', 'check', 'tui', 'azure-cli'];
const parts = readdirSync(folder)
	.filter(name => name.endsWith('.mjs') && !['measure.mjs', 'rss-hook.mjs'].includes(name))
	.map(name => name.slice(0, -4))
	.sort(
		(a, b) => order.indexOf(a) + 100 * (order.indexOf(a) === -1) - (order.indexOf(b) + 100 * (order.indexOf(b) === -1)),
	);

const rows = [];
for (const part of parts) {
	process.stderr.write(`bench: ${part}…\n`);
	const result = spawnSync(process.execPath, [path.join(folder, `${part}.mjs`)], {encoding: 'utf8', timeout: 300_000});
	for (const line of result.stdout.split('\n').filter(Boolean)) {
		try {
			rows.push({part, ...JSON.parse(line)});
		} catch {
			rows.push({part, what: line, value: '', unit: ''});
		}
	}

	if (result.status !== 0)
		rows.push({
			part,
			what: `${part} failed`,
			value: (result.stderr || result.error?.message || '').split('\n')[0],
			unit: '',
		});
}

if (process.argv.includes('--json')) {
	console.log(JSON.stringify(rows));
} else {
	const header = ['what', 'value', 'target'];
	const table = rows.map(r => [
		r.what,
		`${r.value}${r.unit ? ` ${r.unit}` : ''}`,
		r.target ? `${r.target}${r.unit ? ` ${r.unit}` : ''}` : '',
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...table.map(cells => String(cells[i]).length)));
	const line = cells => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
	console.log(`authfix bench on ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
	console.log(line(header));
	console.log(`|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`);
	for (const cells of table) console.log(line(cells));
}
