import {spawnSync} from 'node:child_process';
import {expect, test} from 'vitest';
import {repositoryRoot} from '../support/packed.ts';

test('every install script of a dependency is reviewed in allowScripts: npm ci ends without an install-scripts warning', context => {
	const result = spawnSync('npm', ['install-scripts', 'ls', '--json'], {
		cwd: repositoryRoot,
		encoding: 'utf8',
		timeout: 60_000,
	});
	context.skip(
		result.status !== 0 && /unknown command/i.test(`${result.stdout}${result.stderr}`),
		'this npm has no allowScripts (npm 11.16 and later have)',
	);
	expect(result.status, result.stderr).toBe(0);
	expect(JSON.parse(result.stdout)).toEqual({allowScripts: []});
});
