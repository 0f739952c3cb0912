import type {Command} from './command.ts';

/**
Every command, loaded only when it runs: `explain` must not pay for React or @azure/identity.
Order is the order of `authfix --help`.
*/
export const commands: ReadonlyArray<{
	readonly name: string;
	readonly summary: string;
	readonly load: () => Promise<Command>;
}> = [
	{
		name: 'explain',
		summary: 'classify a pasted error, offline',
		load: async () => (await import('./explain.ts')).command,
	},
	{
		name: 'decode',
		summary: "decode a JWT offline (--verify checks the issuer's signature)",
		load: async () => (await import('./decode.ts')).command,
	},
	{
		name: 'check',
		summary: 'live preflight of the current context (CI-friendly)',
		load: async () => (await import('./check.ts')).command,
	},
	{
		name: 'tenant',
		summary: 'find the tenant a subscription belongs to, without access to it',
		load: async () => (await import('./tenant.ts')).command,
	},
	{
		name: 'replay',
		summary: 'replay a failing call with fresh tokens and compare before and after',
		load: async () => (await import('./replay.ts')).command,
	},
	{
		name: 'run',
		summary: 'run a command; when a sign-in or access error fails it, find out why',
		load: async () => (await import('./run.ts')).command,
	},
	{
		name: 'cache',
		summary: 'inspect, purge (with backup) and restore token caches',
		load: async () => (await import('./cache.ts')).command,
	},
	{
		name: 'sandbox',
		summary: 'run the local sandbox cloud (demos, onboarding, tests)',
		load: async () => (await import('./sandbox.ts')).command,
	},
	{
		name: 'demo',
		summary: 'the troubleshooter against the local sandbox: a failure to fix',
		load: async () => (await import('./demo.ts')).command,
	},
	{
		name: 'sessions',
		summary: 'saved troubleshooting sessions as Markdown or JSON',
		load: async () => (await import('./sessions.ts')).command,
	},
];

/** `authfix --help`: every line fits 80 columns. */
export function mainHelp(): string {
	const width = Math.max(...commands.map(command => command.name.length));
	return [
		'authfix: find and fix Azure Resource Manager and Microsoft Entra ID sign-in',
		'failures',
		'',
		'Usage',
		'  authfix                  the interactive troubleshooter (plain guidance when',
		'                           not in a terminal)',
		'  authfix <command> [options]',
		'',
		'Commands',
		...commands.map(command => `  ${command.name.padEnd(width)}  ${command.summary}`),
		'',
		'Global options',
		'  --json            one JSON document on stdout, nothing else (errors too)',
		'  --cloud NAME|URL  AzureCloud, AzureChinaCloud, AzureUSGovernment, or an ARM',
		'                    metadata URL',
		'  --timeout S       bound every external call (seconds, default 20)',
		'  --no-color        plain output (NO_COLOR is honoured too)',
		'  --help, -h        help for authfix or a command',
		'  --version, -v     print the version',
		'',
		'Exit codes: 0 success, 1 a problem found, 2 usage or input error, 130 the',
		'troubleshooter ended with Ctrl-C.',
		"Run `authfix <command> --help` for a command's options and examples.",
		'',
	].join('\n');
}
