import type {Command} from '../terminal/io.ts';

export const command: Command = {
	name: 'decode',
	summary: 'classify a pasted error, offline',
	usage: 'authfix decode [TEXT|-] [--file PATH] [--json]',
	async run(_args, {io}) {
		io.stderr.write('authfix decode: not built yet\n');
		return 1;
	},
};
