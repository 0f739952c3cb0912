import {execFile} from 'node:child_process';
import {azureCliSteps} from '../../source/sandbox/azure-cli-steps.ts';
import type {Sandbox} from '../../source/sandbox/index.ts';

export type ProcessResult = {code: number; stdout: string; stderr: string};

/** Runs a program without a shell, with a timeout, in the sandbox's environment over a minimal one. */
export function run(
	sandbox: Sandbox,
	file: string,
	args: readonly string[],
	extraEnv: Record<string, string> = {},
): Promise<ProcessResult> {
	return new Promise(resolve => {
		execFile(
			file,
			[...args],
			{
				timeout: 60_000,
				maxBuffer: 4 * 1024 * 1024,
				env: {PATH: process.env['PATH'], HOME: process.env['HOME'], LANG: 'C.UTF-8', ...sandbox.env, ...extraEnv},
			},
			(error, stdout, stderr) => {
				resolve({code: error ? Number((error as {code?: unknown}).code ?? 1) : 0, stdout, stderr});
			},
		);
	});
}

/** The real Azure CLI 2.45. */
export function az(sandbox: Sandbox, args: readonly string[]): Promise<ProcessResult> {
	return run(sandbox, 'az', args);
}

/** `az cloud register` with the sandbox's endpoints under its cloud's name, then `az cloud set`. */
export async function registerSandboxCloud(sandbox: Sandbox): Promise<{register: ProcessResult; set: ProcessResult}> {
	const steps = azureCliSteps(sandbox.cloud);
	const register = await az(sandbox, steps.register);
	const set = register.code === 0 ? await az(sandbox, steps.set) : register;
	return {register, set};
}

export function parseJson(text: string): unknown {
	return JSON.parse(text.replace(/^\uFEFF/, ''));
}
