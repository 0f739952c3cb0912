#!/usr/bin/env node
/**
The installed command (distribution/cli.js): it checks the Node.js version, then loads the program
(source/cli.ts, bundled as distribution/main.mjs). On a Node older than `engines.node` the program
cannot even be linked (its bundle imports what only Node 22 exports, so an older Node stops with a
SyntaxError before any of its code runs); this tiny module is built for old Nodes (esbuild's target
enforces the syntax) and says instead, in one line, which Node is needed and how to get it.
Besides cli.ts, it is the only module that reads `process`, and only for this.
*/
import nodeModule from 'node:module';

/** package.json's `engines.node` (test/e2e/packed.test.ts holds them together). */
const needed = 22;
const found = process.versions.node;
if (Number(found.split('.')[0]) < needed) {
	process.stderr.write(
		`authfix: needs Node.js ${needed} or newer, and this is Node.js ${found}. Install Node.js ${needed} or newer, or have npm fetch it for one run: npx -p node@${needed} -p authfix authfix [command]\n`,
	);
	process.exitCode = 2;
} else {
	// Node's on-disk compile cache (as npm uses it): later runs skip parsing the program and the chunks
	// it loads (~10 ms for Ink alone). Node 22.0 lacks it; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
	nodeModule.enableCompileCache?.();
	import('./cli.ts');
}
