import type {Command} from '../terminal/io.ts';

export const command: Command = {
	name: 'sandbox',
	summary: 'classify a pasted error, offline',
	usage: 'authfix sandbox [TEXT|-] [--file PATH] [--json]',
	async run(_args, {io}) {
		io.stderr.write('authfix sandbox: not built yet\n');
		return 1;
	},
};
