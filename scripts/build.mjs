// Bundles source/cli.ts and its lazily loaded commands into distribution/main.mjs and chunks/ with
// esbuild. Dependencies are inlined (so `npx authfix` installs one small package); each command stays
// in its own chunk, so `explain` never parses React or @azure/identity. The command users run,
// distribution/cli.js, is source/bin.ts: it checks the Node version, then imports main.mjs.
import {chmod, mkdir, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'distribution');
await rm(outdir, {recursive: true, force: true});

// yoga-layout (Ink's layout engine) fetches its inlined wasm through `fetch('data:…')` whenever
// fetch exists: on Node that loads undici and percent-decodes a large data URL before the first
// frame (~30 ms). Its own fallback (atob of the same base64) is immediate; the bundle uses that.
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(builder) {
		builder.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async args => {
			const source = await readFile(args.path, 'utf8');
			const needle = '"function"!=typeof fetch';
			const count = source.split(needle).length - 1;
			if (count !== 2) throw new Error(`yoga-without-fetch: expected 2 fetch tests in ${args.path}, found ${count}`);
			return {contents: source.replaceAll(needle, '!0'), loader: 'js'};
		});
	},
};

const result = await build({
	absWorkingDir: root,
	entryPoints: {main: 'source/cli.ts'},
	outdir,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node22',
	minify: true,
	keepNames: false,
	legalComments: 'none',
	metafile: true,
	chunkNames: 'chunks/[name]-[hash]',
	// .mjs: Node knows each file is ESM from its name, without looking for the package.json that
	// says so (one lookup per module it loads, a dozen for explain).
	outExtension: {'.js': '.mjs'},
	jsx: 'automatic',
	// Ink loads react-devtools-core only when DEV=true; it is not shipped.
	external: ['react-devtools-core'],
	define: {'process.env.NODE_ENV': '"production"'},
	// Bundled CommonJS dependencies call require(). (The compile cache is enabled by source/bin.ts.)
	banner: {
		js: "import {createRequire as __authfixCreateRequire} from 'node:module';const require=__authfixCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
	plugins: [yogaWithoutFetch],
});

// The entry is built for old Nodes, so that they refuse in one clear line instead of failing to link
// the program: es2019 syntax (no top-level await), and its import of ./cli.ts is left to the runtime
// as ./main.mjs, the bundle above.
await build({
	absWorkingDir: root,
	entryPoints: {cli: 'source/bin.ts'},
	outdir,
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'node12.20',
	minify: true,
	legalComments: 'none',
	logLevel: 'warning',
	plugins: [
		{
			name: 'program-is-main-js',
			setup(builder) {
				builder.onResolve({filter: /^\.\/cli\.ts$/}, () => ({path: './main.mjs', external: true}));
			},
		},
	],
});

const cli = path.join(outdir, 'cli.js');
const body = await readFile(cli, 'utf8');
await writeFile(cli, `#!/usr/bin/env node\n${body.replace(/^#!.*\n/, '')}`);
await chmod(cli, 0o755);
await mkdir(path.join(root, '.tmp'), {recursive: true});
await writeFile(path.join(root, '.tmp', 'build-meta.json'), JSON.stringify(result.metafile));

let total = 0;
for (const entry of await readdir(outdir, {recursive: true})) {
	const info = await stat(path.join(outdir, entry));
	if (info.isFile()) total += info.size;
}

if (process.env.AUTHFIX_BUILD_QUIET !== '1') {
	console.error(`built distribution/ (${(total / 1024 / 1024).toFixed(2)} MiB)`);
}
