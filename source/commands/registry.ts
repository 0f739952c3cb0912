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
		summary: 'replay a failing call with fresh token(s) and compare with the failure',
		load: async () => (await import('./replay.ts')).command,
	},
	{
		name: 'run',
		summary: 'run a command; when it fails with a sign-in or access error, find out why',
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
