import {describe, expect, test} from 'vitest';
import {commands, mainHelp} from './registry.ts';
import {command as troubleshooter} from './tui.ts';

/** Lines wider than 80 columns, with their width. */
function wideLines(text: string): string[] {
	return text
		.split('\n')
		.filter(line => [...line].length > 80)
		.map(line => `${[...line].length}: ${line}`);
}

describe('every help text fits 80 columns', () => {
	test('authfix --help', () => {
		expect(wideLines(mainHelp())).toEqual([]);
	});

	test.each(commands.map(entry => entry.name))('authfix %s --help', async name => {
		const command = await commands.find(entry => entry.name === name)!.load();
		expect(wideLines(command.usage)).toEqual([]);
	});

	test('authfix (the troubleshooter) --help', () => {
		expect(wideLines(troubleshooter.usage)).toEqual([]);
	});
});
