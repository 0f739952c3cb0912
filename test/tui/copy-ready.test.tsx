/**
Copy-ready commands survive copying at 80 columns: never broken inside a word or a quoted string;
a command too long for a line is shortened visibly and `c` puts it whole on the clipboard (OSC 52
through the owner's `copy`), only when the key is pressed, never from pasted text.
*/
import {afterEach, describe, expect, test} from 'vitest';
import {createSessionStore} from '../../source/engine/driver.ts';
import {fillCommand} from '../../source/engine/fill.ts';
import type {Session} from '../../source/engine/session.ts';
import {nodeById, tree} from '../../source/tree/index.ts';
import {App} from '../../source/ui/app.tsx';
import {keys} from '../support/keys.ts';
import {type RenderedApp, renderApp} from '../support/render-app.tsx';
import {createScriptedServices} from '../support/scripted-services.ts';

const facts = {
	identityTenantId: '11111111-1111-1111-1111-111111111111',
	targetTenantId: '22222222-2222-2222-2222-222222222222',
	subscriptionId: '44444444-4444-4444-4444-444444444444',
	homeAppId: 'aaaaaaaa-0000-0000-0000-000000000005',
	identityObjectId: 'cccccccc-1111-0000-0000-000000000001',
	identityIssuer: 'https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/v2.0',
};
const guids = Object.values(facts).flatMap(value => value.match(/[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}/g) ?? []);

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

function openAt(start: string) {
	const copied: string[] = [];
	const exits: Array<Session | undefined> = [];
	const services = createScriptedServices({actions: []});
	app = renderApp(
		<App
			tree={tree}
			color={false}
			initial={{entry: 'paste'}}
			openSession={async () =>
				createSessionStore({id: 'c', entry: 'paste', start, facts}, {tree, services, timeoutMs: 1000})
			}
			copy={text => copied.push(text)}
			onExit={session => exits.push(session)}
		/>,
		{columns: 80},
	);
	return {app, copied, exits};
}

describe('the federated-credential fix at 80 columns', () => {
	test('no id is cut, no line is wider than 80, and c copies the commands whole', async () => {
		const {app, copied} = openAt('fic-fix-multitenant');
		const frame = await app.waitFor('Fix: Go through a multi-tenant app');
		for (const line of frame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
		// Every id the commands hold is whole on some line: a hard wrap would cut one.
		const commandLines = frame.split('\n').filter(line => /^ {4}\S/.test(line));
		for (const guid of new Set(guids)) {
			const shown = frame.includes(guid);
			const cut = commandLines.some(line => guid.startsWith(line.trim().slice(-8)) && !line.includes(guid));
			expect(cut, guid).toBe(false);
			if (!shown) expect(frame).toContain('…');
		}

		expect(frame).toContain('(shortened to fit: c copies it whole)');
		expect(frame).toContain(
			'    az ad app federated-credential create --id \\\n      aaaaaaaa-0000-0000-0000-000000000005 --parameters \\\n',
		);
		expect(frame).toContain('c copy the commands');
		app.stdin.write('c');
		await app.waitFor('Asked the terminal to copy the 4 commands (OSC 52).');
		const node = nodeById('fic-fix-multitenant');
		const expected =
			node.kind === 'fix' ? node.steps.flatMap(step => (step.command ? [fillCommand(step.command, facts)] : [])) : [];
		expect(copied).toEqual([expected.join('\n')]);
		expect(copied[0]).toContain(`"subject":"${facts.identityObjectId}"`);
	});

	test('pasted text is never a key: a pasted c does not copy, a pasted q does not quit', async () => {
		const {app, copied, exits} = openAt('fic-fix-multitenant');
		await app.waitFor('Fix: Go through a multi-tenant app');
		app.stdin.write(keys.paste('c'));
		app.stdin.write(keys.paste('q'));
		app.stdin.write('?');
		await app.waitFor('Keys');
		expect(copied).toEqual([]);
		expect(exits).toEqual([]);
	});
});
