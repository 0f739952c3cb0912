import {createAccessToken} from '../ports/access-token.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {AzAccount, AzureCli, CallOptions, TokenResult} from '../ports/services.ts';
import {excerptOf} from '../safety/redact.ts';
import {isGuid} from '../token/well-known.ts';
import {runProcess} from './run-process.ts';

/** Resources az accepts: a URI (https, api://) or an application id; nothing that could be read as a flag. */
const resourcePattern =
	/^(?:[a-z][a-z0-9+.-]*:\/\/[^\s"'`]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function checkArgument(kind: 'tenant' | 'subscription' | 'resource', value: string): string {
	const ok = kind === 'resource' ? resourcePattern.test(value) && value.length <= 2048 : isGuid(value);
	if (!ok) {
		throw new AdapterError('invalid-argument', `not a valid ${kind} for the Azure CLI: ${value.slice(0, 80)}`);
	}

	return value;
}

/** The first `ERROR:` line of az's stderr (or its first line), trimmed, for a finding. */
export function firstErrorLine(stderr: string): string {
	const lines = stderr.split(/\r?\n/).map(line => line.trim());
	const error = lines.find(line => line.startsWith('ERROR:'));
	return excerptOf((error ?? lines.find(line => line !== '') ?? '').replace(/^ERROR:\s*/, ''), 400);
}

/**
The Azure CLI (`az`) as an adapter: execFile-style without a shell, validated arguments, a timeout and
an AbortSignal on every call, `--output json`. AZURE_CONFIG_DIR is passed through `env`.
*/
export function createAzureCli(options: {
	readonly command: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly timeoutMs: number;
}): AzureCli {
	async function runJson(args: readonly string[], call: CallOptions | undefined): Promise<unknown> {
		const result = await runProcess(options.command, [...args, '--output', 'json', '--only-show-errors'], {
			env: {...options.env, AZURE_CORE_COLLECT_TELEMETRY: options.env.AZURE_CORE_COLLECT_TELEMETRY ?? 'false'},
			timeoutMs: options.timeoutMs,
			signal: call?.signal,
		});
		const what = `az ${args.slice(0, 2).join(' ')}`;
		switch (result.ended) {
			case 'not-found': {
				throw new AdapterError('not-installed', `the Azure CLI (${options.command}) is not installed or not on PATH`);
			}

			case 'spawn-error': {
				throw new AdapterError('failed', `could not start the Azure CLI (${result.spawnError ?? 'error'})`);
			}

			case 'timeout': {
				throw new AdapterError('timeout', `${what} did not answer within ${formatSeconds(options.timeoutMs)}`);
			}

			case 'aborted': {
				throw new AdapterError('aborted', `${what} was cancelled`);
			}

			case 'exited': {
				break;
			}
		}

		if (result.exitCode !== 0) {
			const line = firstErrorLine(result.stderr);
			// Entra's refusal comes with "Please run: az login" appended; the AADSTS line is the real cause.
			if (/AADSTS\d+/.test(line)) throw new AdapterError('failed', `${what} failed: ${line}`, line);
			if (/az login/i.test(result.stderr) && !/az login --scope/i.test(result.stderr)) {
				throw new AdapterError(
					'not-signed-in',
					`the Azure CLI is not signed in (${what}: ${line || 'run az login'})`,
					line,
				);
			}

			if (result.exitCode === 127 || /command not found|is not recognized/i.test(result.stderr)) {
				throw new AdapterError('not-installed', `the Azure CLI is not installed (${line})`, line);
			}

			throw new AdapterError('failed', `${what} failed (exit ${result.exitCode}): ${line || 'no message'}`, line);
		}

		try {
			return JSON.parse(result.stdout) as unknown;
		} catch {
			const sample = result.stdout.replace(/\s+/g, ' ').trim().slice(0, 60);
			throw new AdapterError('garbage', `${what} printed something that is not JSON: ${JSON.stringify(sample)}`);
		}
	}

	return {
		async accountShow(call) {
			const value = await runJson(['account', 'show'], call);
			return toAccount(value);
		},
		async getAccessToken(request, call): Promise<TokenResult> {
			const args = ['account', 'get-access-token', '--resource', checkArgument('resource', request.resource)];
			if (request.tenantId) args.push('--tenant', checkArgument('tenant', request.tenantId));
			else if (request.subscriptionId)
				args.push('--subscription', checkArgument('subscription', request.subscriptionId));
			const value = await runJson(args, call);
			if (!isRecord(value) || typeof value.accessToken !== 'string' || value.accessToken === '') {
				throw new AdapterError('garbage', 'az account get-access-token answered without an accessToken');
			}

			return {
				token: createAccessToken(value.accessToken),
				expiresOn: readExpiry(value),
				tenantId: typeof value.tenant === 'string' ? value.tenant : undefined,
				source: 'AzureCliCredential',
			};
		},
		async cloudShow(call) {
			const value = await runJson(['cloud', 'show'], call);
			if (!isRecord(value) || typeof value.name !== 'string') {
				throw new AdapterError('garbage', 'az cloud show answered without a cloud name');
			}

			const endpoints = isRecord(value.endpoints) ? value.endpoints : {};
			return {name: value.name, resourceManager: String(endpoints.resourceManager ?? '')};
		},
	};
}

/**
Prefer `expires_on` (epoch seconds, az ≥ 2.54); az 2.45 only prints the local-time `expiresOn`
(`%Y-%m-%d %H:%M:%S.%f`), which `new Date` reads as local time, as @azure/identity does.
*/
export function readExpiry(output: Record<string, unknown>): number | undefined {
	const epoch = output.expires_on;
	if (typeof epoch === 'number' || (typeof epoch === 'string' && /^\d+$/.test(epoch))) return Number(epoch) * 1000;
	if (typeof output.expiresOn === 'string') {
		const parsed = new Date(output.expiresOn).getTime();
		return Number.isNaN(parsed) ? undefined : parsed;
	}

	return undefined;
}

function toAccount(value: unknown): AzAccount {
	if (!isRecord(value) || typeof value.id !== 'string' || typeof value.tenantId !== 'string') {
		throw new AdapterError('garbage', 'az account show answered without a subscription id and tenant id');
	}

	const user = isRecord(value.user) ? value.user : {};
	const managed = Array.isArray(value.managedByTenants) ? value.managedByTenants : [];
	return {
		subscriptionId: value.id,
		subscriptionName: String(value.name ?? ''),
		tenantId: value.tenantId,
		homeTenantId: typeof value.homeTenantId === 'string' ? value.homeTenantId : undefined,
		environmentName: String(value.environmentName ?? value.cloudName ?? ''),
		userName: String(user.name ?? ''),
		userType: String(user.type ?? ''),
		state: String(value.state ?? ''),
		managedByTenants: managed.flatMap(item =>
			isRecord(item) && typeof item.tenantId === 'string' ? [item.tenantId] : [],
		),
	};
}

function formatSeconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(1))} s`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
