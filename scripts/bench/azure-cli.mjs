// The Azure CLI for comparison, when installed: `az account show` in a throwaway profile (no
// network: it answers "Please run 'az login'" from local files), and `az version`.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {measureCommand, row} from './measure.mjs';

const config = mkdtempSync(path.join(os.tmpdir(), 'authfix-bench-az-'));
try {
	writeFileSync(path.join(config, 'config'), '[core]\ncollect_telemetry = false\nerror_recommendation = off\n');
	const stamp = new Date().toISOString().replace('T', ' ').replace('Z', '');
	writeFileSync(
		path.join(config, 'versionCheck.json'),
		JSON.stringify({
			versions: {'azure-cli': {local: '2.45.0'}, core: {local: '2.45.0'}, telemetry: {local: '1.0.8'}},
			update_time: stamp,
		}),
	);
	const result = measureCommand('az', ['account', 'show'], {
		env: {
			AZURE_CONFIG_DIR: config,
			AZURE_CORE_COLLECT_TELEMETRY: 'false',
			HTTPS_PROXY: 'http://127.0.0.1:9',
			HTTP_PROXY: 'http://127.0.0.1:9',
		},
	});
	if (result.error) console.log(row('az account show (for comparison)', 'not installed', ''));
	else console.log(row('az account show (for comparison)', result.medianMs, 'ms'));
} finally {
	rmSync(config, {recursive: true, force: true});
}
