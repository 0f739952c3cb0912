/**
`authfix demo [scenario]`: the troubleshooter against the local sandbox cloud, started with a
scenario that reproduces a real failure (services/demo.ts). Enter alone walks a scenario to its
verified fix.
*/
import type {SessionStore} from '../engine/driver.ts';
import type {Sandbox} from '../sandbox/index.ts';
import type {SessionArchive} from '../services/sessions.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import {UsageError} from '../usage-error.ts';
import type {Command} from './command.ts';
import {runTroubleshooter} from './tui.ts';

function demoGuidance(scenarios: ReadonlyArray<{readonly id: string; readonly label: string}>): string {
	return [
		'authfix demo: run it in a terminal; it starts a local sandbox cloud with a real failure and walks',
		'you to its verified fix (Enter alone is enough). Scenarios:',
		...scenarios.map(scenario => `  ${scenario.id.padEnd(22)}${scenario.label}`),
		'',
		'  authfix demo tenant-mismatch',
		'',
	].join('\n');
}

const usage = `Usage
  authfix demo [scenario]

Starts a local sandbox cloud (loopback only) that reproduces a real failure, and walks you to its
verified fix. Enter alone takes the recommended action at every step. Without a scenario, a menu.
Scenarios: healthy, tenant-mismatch, wrong-audience, expired-token, aux-token, fic-cross-tenant,
token-endpoint-error, stale-cache, no-rbac, rbac-pim-eligible, rbac-deny-assignment, rbac-stale-token.

Examples
  authfix demo
  authfix demo tenant-mismatch
`;

export const command: Command = {
	name: 'demo',
	summary: 'the troubleshooter against the local sandbox: a reproduced failure to fix',
	usage,
	async run(args, context) {
		const {positionals} = parseCommandArgs(args, {}, 'demo');
		if (positionals.length > 1) throw new UsageError(`demo takes one scenario, not '${positionals.join(' ')}'`);
		// Start loading Ink while the scenarios load; the sandbox itself loads when one is opened.
		if (context.io.stdoutIsTty && context.io.stdinIsTty) void import('../ui/render-app.tsx');
		// The menu needs only the scenario definitions.
		const scenarioModule = await import('../sandbox/scenarios/index.ts');
		const scenarios = scenarioModule.scenarios.map(scenario => ({id: scenario.name, label: scenario.description}));
		const initialScenario = positionals[0];
		if (initialScenario !== undefined && !scenarioModule.findScenario(initialScenario)) {
			throw new UsageError(
				`unknown scenario '${initialScenario}'. Scenarios: ${scenarios.map(scenario => scenario.id).join(', ')}`,
			);
		}

		let running: Sandbox | undefined;
		let closed = false;
		const stopRunning = async () => {
			const current = running;
			running = undefined;
			await current?.stop();
		};

		const open = async (
			scenario: string,
			sessionId: string,
			archive: Promise<SessionArchive>,
		): Promise<SessionStore> => {
			await stopRunning();
			const {openDemoSession} = await import('../services/demo.ts');
			const opened = await openDemoSession({scenario, sessionId, archive, context});
			if (closed) {
				// The user quit while the sandbox was starting: nothing may keep the process alive.
				opened.store.dispose();
				await opened.sandbox.stop();
				throw new Error('quit while starting');
			}

			running = opened.sandbox;
			return opened.store;
		};

		const close = async () => {
			closed = true;
			await stopRunning();
		};

		const code = await runTroubleshooter(context, {
			scenarios,
			...(initialScenario ? {initialScenario} : {}),
			open,
			stop: close,
			guidance: demoGuidance(scenarios),
		});
		await close();
		return code;
	},
};
