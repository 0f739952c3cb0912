import type {Command} from '../terminal/io.ts';

export const command: Command = {
	name: 'explain',
	summary: 'classify a pasted error, offline',
	usage: 'authfix explain [TEXT|-] [--file PATH] [--json]',
	async run(_args, {io}) {
		io.stderr.write('authfix explain: not built yet\n');
		return 1;
	},
};
