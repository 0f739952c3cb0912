// Preloaded by the benchmarks (`node --import`): on exit, writes the process's peak resident set
// size in bytes to the file named by AUTHFIX_BENCH_RSS_FILE. Not part of the product.
import {writeFileSync} from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
	const file = process.env.AUTHFIX_BENCH_RSS_FILE;
	if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
