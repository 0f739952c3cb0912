// The install a user pays for with `npx authfix`: tarball size, unpacked size, install time into
// an empty folder (no registry needed: everything is bundled). JSON lines on stdout.
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {median, root, row} from './measure.mjs';

function folderBytes(folder) {
	let total = 0;
	for (const entry of readdirSync(folder, {recursive: true})) {
		const info = statSync(path.join(folder, entry));
		if (info.isFile()) total += info.size;
	}

	return total;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'authfix-pack-'));
try {
	const [info] = JSON.parse(
		// `npm run bench` has just built distribution/: no second build through prepack.
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	);
	const tarball = path.join(work, info.filename);
	console.log(row('packed tarball', Math.round((statSync(tarball).size / 1024 / 1024) * 100) / 100, 'MiB', '≤ 15'));
	const times = [];
	let unpacked = 0;
	for (let index = 0; index < 3; index++) {
		const project = path.join(work, `project-${index}`);
		execFileSync('mkdir', ['-p', project]);
		writeFileSync(path.join(project, 'package.json'), '{"name":"empty","private":true}\n');
		const started = performance.now();
		const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], {
			cwd: project,
			encoding: 'utf8',
		});
		if (result.status !== 0) throw new Error(result.stderr);
		times.push(performance.now() - started);
		unpacked = folderBytes(path.join(project, 'node_modules'));
	}

	console.log(row('installed size', Math.round((unpacked / 1024 / 1024) * 100) / 100, 'MiB', '≤ 15'));
	console.log(row('npm install of the tarball (median of 3)', Math.round(median(times)), 'ms', '≤ 2000'));
} finally {
	rmSync(work, {recursive: true, force: true});
}
