import type {Command} from '../terminal/io.ts';

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
		name: 'sandbox',
		summary: 'run the local sandbox cloud (demos, onboarding, tests)',
		load: async () => (await import('./sandbox.ts')).command,
	},
];
