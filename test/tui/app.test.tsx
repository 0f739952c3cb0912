import {afterEach, describe, expect, test} from 'vitest';
import {createSessionStore, type SessionStore} from '../../source/engine/driver.ts';
import type {Session} from '../../source/engine/session.ts';
import {tree} from '../../source/tree/index.ts';
import {App, type OpenRequest} from '../../source/ui/app.tsx';
import {keys} from '../support/keys.ts';
import {type RenderedApp, renderApp} from '../support/render-app.tsx';
import {createScriptedServices, type Script} from '../support/scripted-services.ts';

const tenantMismatch: Script = {
	checks: {
		'subscription-tenant': {
			status: 'pass',
			title: 'Subscription tenant',
			detail: 'Subscription 1111 belongs to tenant t-sub.',
			facts: {subscriptionTenant: 't-sub', subscriptionId: '1111'},
		},
		'token-tenant': {
			status: 'fail',
			title: 'Token tenant',
			detail: 'The token is from tenant t-home.',
			facts: {tokenTenant: 't-home'},
		},
	},
	replay: {
		outcome: 'fixed',
		request: {method: 'GET', url: 'https://arm.test/subscriptions/1111'},
		attempts: [
			{label: 'before', status: 401, errorCode: 'InvalidAuthenticationTokenTenant', requestId: 'req-1'},
			{label: 'after', status: 200, requestId: 'req-2'},
		],
		detail: 'GET now returns 200.',
	},
};

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

function setup(
	script: Script,
	options: {scenarios?: boolean; initial?: OpenRequest; columns?: number; color?: boolean} = {},
) {
	const services = createScriptedServices(script, () => Date.parse('2026-11-22T01:00:00Z'));
	const exits: Array<Session | undefined> = [];
	const interrupted: boolean[] = [];
	const opened: OpenRequest[] = [];
	let store: SessionStore | undefined;
	app = renderApp(
		<App
			tree={tree}
			color={options.color ?? false}
			scenarios={options.scenarios ? [{id: 'tenant-mismatch', label: 'signed in to the wrong tenant'}] : undefined}
			initial={options.initial}
			openSession={async request => {
				opened.push(request);
				const family =
					request.text?.includes('InvalidAuthenticationTokenTenant') || request.scenario
						? 'arm-token-tenant-mismatch'
						: undefined;
				store = createSessionStore(
					{
						id: 'sess-1',
						entry: request.entry,
						family,
						...(request.scenario ? {scenario: request.scenario} : {}),
						...(request.text ? {paste: {text: request.text, family, title: 'Token from the wrong tenant'}} : {}),
					},
					{tree, services, timeoutMs: 2000},
				);
				return store;
			}}
			preview={text =>
				text.includes('InvalidAuthenticationTokenTenant') ? 'recognised: arm-token-tenant-mismatch' : undefined
			}
			listSessions={async () => [
				{id: 'old-1', startedAt: '2026-11-21T10:00:00.000Z', scenario: 'no-rbac', outcome: 'fixed'},
			]}
			showSession={async id => `## authfix session ${id}\n- Outcome: **fixed**`}
			onExit={(session, how) => {
				exits.push(session);
				interrupted.push(how.interrupted);
			}}
		/>,
		{columns: options.columns ?? 80},
	);
	return {app, services, exits, interrupted, opened, store: () => store};
}

/** The role-assignments check finding no role: the least privileged one, at the refused scope. */
const noRole = {
	status: 'fail',
	facts: {role: 'Reader', roleScope: '/subscriptions/1111/resourceGroups/rg', principalType: 'ServicePrincipal'},
} as const;

describe('the TUI', () => {
	test('Enter alone walks a demo scenario from the menu to the verified fix', async () => {
		const {app, services, exits} = setup(tenantMismatch, {scenarios: true});
		await app.waitFor('authfix demo');
		await app.press(keys.enter, 'Subscription 1111 belongs to tenant t-sub.');
		expect(app.frame()).toContain('✓ Finding the tenant the subscription belongs to');
		await app.press(keys.enter, '✗ Comparing your token');
		// A wrong tenant or a stale cache of an earlier one: the caches tell.
		await app.press(keys.enter, '✓ Telling a sign-in to the wrong tenant from a stale cache');
		await app.press(keys.enter, 'Fix: Sign in to the tenant that owns the subscription');
		expect(app.frame()).toContain('az login --tenant t-sub');
		expect(app.frame()).toContain('az account set --subscription 1111');
		await app.press(keys.enter, 'Run this fix now?');
		// What it will change, before it runs: the fix's effects with the facts filled in.
		expect(app.frame()).toContain('In the sandbox, authfix will sign the client in to tenant t-sub.');
		expect(services.calls.filter(call => call.kind === 'fix')).toEqual([]);
		await app.press(keys.enter, 'before  401  InvalidAuthenticationTokenTenant');
		expect(app.frame()).toContain('after   200');
		expect(app.frame()).toContain('✓ Fixed: the call that failed now succeeds.');
		await app.press(keys.enter, '✓ Verified: the failing call now succeeds.');
		expect(app.frame()).toMatch(/^\s+authfix sessions export sess-1 --format md$/m);
		app.stdin.write(keys.enter);
		await app.waitUntilExit();
		expect(exits).toHaveLength(1);
		expect(exits[0]?.outcome).toBe('fixed');
		expect(services.calls.map(call => call.id)).toEqual([
			'subscription-tenant',
			'token-tenant',
			'cache-state',
			'login-tenant',
			'replay',
		]);
	});

	test('paste an error: it is recognised as it is pasted and the walk starts at its family', async () => {
		const {app, opened} = setup(tenantMismatch);
		await app.waitFor('Paste an error');
		await app.press(keys.enter, 'Paste the error');
		await app.press(
			keys.paste('{"error":{"code":"InvalidAuthenticationTokenTenant",\n"message":"wrong issuer"}}'),
			'2 lines',
		);
		expect(app.frame()).toContain('recognised: arm-token-tenant-mismatch');
		await app.press(keys.enter, 'Recognised: Token from the wrong tenant');
		expect(opened[0]).toMatchObject({entry: 'paste'});
		expect(opened[0]?.text).toContain('wrong issuer');
	});

	test('pasted escape sequences are shown neutralised, never interpreted', async () => {
		const {app} = setup(tenantMismatch);
		await app.waitFor('Paste an error');
		await app.press(keys.enter, 'Paste the error');
		app.stdin.write(keys.paste('evil \u001B]0;pwned\u0007 \u001B[2J text'));
		const frame = await app.waitFor('evil');
		expect(app.lastFrame()).not.toContain('\u001B]0;pwned');
		expect(app.lastFrame()).not.toContain('\u001B[2J');
		expect(frame).toContain('text');
	});

	test('a pasted secret is shown redacted while it is pasted (the screen is a report too)', async () => {
		const {app, opened} = setup(tenantMismatch);
		await app.waitFor('Paste an error');
		await app.press(keys.enter, 'Paste the error');
		const password = 'Zq4vT9mWx2LpR7kN';
		app.stdin.write(keys.paste(`HTTPS_PROXY=http://alice:${password}@proxy:3128\nInvalidAuthenticationTokenTenant`));
		const frame = await app.waitFor('2 lines');
		expect(frame).toContain('HTTPS_PROXY=http://alice:[redacted]@proxy:3128');
		expect(app.lastFrame()).not.toContain(password);
		// The owner gets the text as pasted: it classifies and redacts it itself (services/paste.ts).
		await app.press(keys.enter, 'Recognised');
		expect(opened[0]?.text).toContain(password);
	});

	test('a symptom question: arrows move, Enter answers, Esc goes back', async () => {
		const {app} = setup({});
		await app.waitFor('Paste an error');
		await app.press(keys.down, '❯ Pick a symptom');
		await app.press(keys.enter, 'What fails?');
		expect(app.frame()).toContain('❯ Not sure: run the health check (recommended)');
		await app.press(keys.down, '❯ A call to Azure Resource Manager returns 401');
		await app.press(keys.down, '❯ A call returns 403');
		await app.press(keys.enter, "Making sure the token is from the subscription's tenant");
		await app.press(keys.escape, 'What fails?');
		await app.press(keys.escape, 'Run a health check');
	});

	test('a check can be re-run and skipped; ? shows the keys', async () => {
		const {app, services} = setup({});
		await app.waitFor('Paste an error');
		await app.press(keys.down, '❯ Pick a symptom');
		await app.press(keys.down, '❯ Run a health check');
		await app.press(keys.enter, '✓ Looking at the Azure CLI sign-in');
		await app.press('r', '✓ Looking at the Azure CLI sign-in');
		await app.waitFor(() => services.calls.length === 2);
		await app.press('?', 'Keys');
		expect(app.frame()).toContain('back one step');
		await app.press('?', 'Looking at the Azure CLI sign-in');
		await app.press('s', 'Finding the credential your code would use');
		expect(services.calls.map(call => call.id)).toEqual(['cli-context', 'cli-context', 'credential-source']);
	});

	test('a check line says what Enter does: a skip or a warning that goes on says it continues', async () => {
		const {app} = setup({
			checks: {
				'cli-context': {status: 'skip', detail: 'Not used by the env credential.'},
				'credential-source': {status: 'warn', detail: 'EnvironmentCredential is half configured.'},
				'subscription-tenant': {status: 'fail', detail: 'ARM does not know it.'},
			},
		});
		await app.waitFor('Paste an error');
		await app.press(keys.down, '❯ Pick a symptom');
		await app.press(keys.down, '❯ Run a health check');
		const skipped = await app.press(keys.enter, '- Looking at the Azure CLI sign-in');
		expect(skipped).toContain('Skipped: Enter continues.');
		expect(skipped).not.toContain('what to do about it');
		const warned = await app.press(keys.enter, '! Finding the credential your code would use');
		expect(warned).toContain('Warning: Enter continues.');
		const failed = await app.press(keys.enter, '✗ Finding the tenant of the subscription');
		expect(failed).toContain('Failed: Enter shows what to do about it.');
	});

	test('a runs the rest of the health check and lands on the summary: one key instead of ten Enters', async () => {
		const {app, services} = setup({});
		await app.waitFor('Paste an error');
		await app.press(keys.down, '❯ Pick a symptom');
		await app.press(keys.down, '❯ Run a health check');
		const first = await app.press(keys.enter, '✓ Looking at the Azure CLI sign-in');
		expect(first).toContain('a run all');
		await app.press('a', '✓ Every check passed');
		expect(services.calls.map(call => call.id)).toEqual([
			'cli-context',
			'credential-source',
			'subscription-tenant',
			'fresh-token',
			'token-tenant',
			'token-audience',
			'token-expiry',
			'cache-state',
		]);
		await app.press('?', 'Keys');
		expect(app.frame()).toContain('run every check left on this path');
	});

	test('a stops on the first check that fails, showing it', async () => {
		const {app} = setup({checks: {'fresh-token': {status: 'fail', detail: 'No token: AADSTS50076.'}}});
		await app.waitFor('Paste an error');
		await app.press(keys.down, '❯ Pick a symptom');
		await app.press(keys.down, '❯ Run a health check');
		await app.press(keys.enter, '✓ Looking at the Azure CLI sign-in');
		const stopped = await app.press('a', '✗ Getting a fresh token for Azure Resource Manager');
		expect(stopped).toContain('Failed: Enter shows what to do about it.');
	});

	test('a fix that needs an admin says so and waits for Enter', async () => {
		const {app, services} = setup(
			{actions: [], checks: {'token-tenant': {status: 'pass'}, 'role-assignments': noRole}},
			{initial: {entry: 'symptom'}},
		);
		await app.waitFor('What fails?');
		await app.press('3', '✓ Making sure the token is from the subscription');
		await app.press(keys.enter, '✗ Reading the role assignments');
		await app.press(keys.enter, 'Fix: Assign the least privileged role that grants');
		expect(app.frame()).toContain('This fix needs an administrator. Ask one to run it');
		expect(app.frame()).not.toContain('authfix can run this fix for you');
		await app.press(keys.enter, 'Verify: Replaying the failing call');
		expect(services.calls.some(call => call.kind === 'fix')).toBe(false);
	});

	test('a fix authfix could run can be done by the user instead (d)', async () => {
		const {app, services} = setup(
			{
				checks: {'token-tenant': {status: 'pass'}, 'role-assignments': noRole},
				replay: {
					outcome: 'fixed',
					attempts: [
						{label: 'before', status: 403},
						{label: 'after', status: 200},
					],
					detail: '',
				},
			},
			{initial: {entry: 'symptom'}},
		);
		await app.waitFor('What fails?');
		await app.press('3', '✓ Making sure the token is from the subscription');
		await app.press(keys.enter, '✗ Reading the role assignments');
		await app.press(keys.enter, 'Fix: Assign the least privileged role that grants');
		// The command is laid out in lines joined by shell continuations, never broken inside a word.
		expect(
			app
				.frame()
				.replaceAll(/ \\\n\s*/g, ' ')
				.replaceAll(/\s+/g, ' '),
		).toContain(
			'az role assignment create --assignee-object-id <principal-id> --assignee-principal-type ServicePrincipal --role "Reader" --scope /subscriptions/1111/resourceGroups/rg',
		);
		expect(app.frame()).toContain('authfix can run this fix for you');
		await app.press('d', 'Verify: Replaying the failing call');
		expect(services.calls.some(call => call.kind === 'fix')).toBe(false);
	});

	test('the non-runnable fix text: needs a browser', async () => {
		const {app} = setup(
			{actions: [], checks: {'cli-context': {status: 'fail', detail: 'Not signed in.'}}},
			{initial: {entry: 'symptom'}},
		);
		await app.waitFor('What fails?');
		await app.press('5', '✗ Looking at the Azure CLI sign-in');
		await app.press(keys.enter, 'Fix: Sign in with the Azure CLI');
		await app.waitFor('This fix needs a browser sign-in');
		await app.press(keys.enter, 'Verify:');
	});

	test('q quits and hands back the session so far as abandoned', async () => {
		const {app, exits} = setup(tenantMismatch, {scenarios: true});
		await app.waitFor('authfix demo');
		await app.press(keys.enter, 'Subscription 1111');
		app.stdin.write('q');
		await app.waitUntilExit();
		expect(exits[0]?.outcome).toBe('abandoned');
		expect(exits[0]?.steps).toHaveLength(1);
	});

	test('Ctrl-C quits from the paste screen too, and says it was an interruption', async () => {
		const {app, exits, interrupted} = setup({});
		await app.waitFor('Paste an error');
		await app.press(keys.enter, 'Paste the error');
		app.stdin.write(keys.ctrlC);
		await app.waitUntilExit();
		expect(exits).toEqual([undefined]);
		expect(interrupted).toEqual([true]);
	});

	test('a verified fix stays fixed however the user leaves; back on the applied fix it says it was applied', async () => {
		const {app, exits, interrupted} = setup(tenantMismatch, {scenarios: true});
		await app.waitFor('authfix demo');
		await app.press(keys.enter, 'Subscription 1111 belongs to tenant t-sub.');
		await app.press(keys.enter, '✗ Comparing your token');
		await app.press(keys.enter, '✓ Telling a sign-in');
		await app.press(keys.enter, 'Fix: Sign in to the tenant');
		await app.press(keys.enter, 'Run this fix now?');
		await app.press(keys.enter, '✓ Fixed: the call that failed now succeeds.');
		// Esc from the replay goes back to the fix, which says it was applied; Enter replays, nothing runs twice.
		const back = await app.press(keys.escape, 'Applied by authfix: Applied login-tenant.');
		expect(back).toContain('Enter replay again');
		await app.press(keys.enter, '✓ Fixed: the call that failed now succeeds.');
		await app.press(keys.enter, '✓ Verified: the failing call now succeeds.');
		await app.press(keys.escape, 'Verify:');
		app.stdin.write('q');
		await app.waitUntilExit();
		expect(exits[0]?.outcome).toBe('fixed');
		expect(exits[0]?.steps.filter(item => item.kind === 'fix')).toHaveLength(1);
		expect(interrupted).toEqual([false]);
	});

	test('saved sessions are listed and opened', async () => {
		const {app} = setup({});
		await app.waitFor('Paste an error');
		for (let index = 0; index < 5; index++) app.stdin.write(keys.down);
		await app.waitFor('❯ Open a saved session');
		await app.press(keys.enter, '2026-11-21 10:00  no-rbac  fixed');
		await app.press(keys.enter, '## authfix session old-1');
		await app.press(keys.escape, 'Saved sessions');
	});

	test('the demo menu lists scenario names; the highlighted one is described under the list', async () => {
		const app = renderApp(
			<App
				tree={tree}
				color={false}
				scenarios={[
					{id: 'healthy', label: 'everything works'},
					{id: 'tenant-mismatch', label: 'signed in to the wrong tenant'},
				]}
				openSession={async () => {
					throw new Error('not opened here');
				}}
				onExit={() => {}}
			/>,
		);
		const first = await app.waitFor('Pick a scenario');
		expect(first).toContain('❯ healthy (recommended)');
		expect(first).toContain('everything works');
		expect(first).not.toContain('signed in to the wrong tenant');
		const moved = await app.press(keys.down, '❯ tenant-mismatch');
		expect(moved).toContain('signed in to the wrong tenant');
		expect(moved).not.toContain('everything works');
		app.unmount();
	});

	test('fits 80 columns, survives a resize to 60, and has no colour with color off', async () => {
		const {app} = setup(tenantMismatch, {scenarios: true});
		await app.waitFor('authfix demo');
		await app.press(keys.enter, 'Subscription 1111');
		await app.press(keys.enter, '✗ Comparing');
		await app.press(keys.enter, '✓ Telling a sign-in');
		await app.press(keys.enter, 'Fix: Sign in');
		for (const line of app.frame().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
		app.resize(60);
		await app.waitFor(() =>
			app!
				.lastFrame()
				.split('\n')
				.every(line => line.length <= 60),
		);
		expect(app.frame()).toContain('az login --tenant t-sub');
		expect(app.stdout.frames.join('')).not.toMatch(/\u001B\[3\dm/);
	});
});

describe('the replay at 80 columns', () => {
	test('the URL is broken after a slash, never in the middle of the subscription id', async () => {
		const subscription = '33333333-3333-3333-3333-333333333333';
		const url = `https://management.azure.com/subscriptions/${subscription}/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/stcontosodata?api-version=2023-01-01`;
		const {app} = setup(
			{replay: {...tenantMismatch.replay!, request: {method: 'GET', url}}},
			{initial: {entry: 'symptom'}},
		);
		await app.waitFor('What fails?');
		await app.press('5', 'Looking at the Azure CLI sign-in');
		const frame = await app.press(keys.enter, 'after   200');
		for (const line of frame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
		expect(frame).toContain(subscription);
		expect(
			frame
				.split('\n')
				.filter(line => line.includes('GET ') || /^ {2}\S/.test(line))
				.join('')
				.replaceAll(/\s+/g, ''),
		).toContain(url.replace('https://', ''));
	});
});

describe('onboarding', () => {
	test('lists subscriptions live, pins the picked pair and verifies with a read', async () => {
		const {app, services} = setup({});
		await app.waitFor('Paste an error');
		for (let index = 0; index < 4; index++) app.stdin.write(keys.down);
		await app.waitFor('❯ Set up this machine');
		await app.press(keys.enter, '✓ Finding the Azure CLI and its sign-in');
		await app.press(keys.enter, 'Which subscription should authfix use here?');
		expect(app.frame()).toContain('❯ Dev (1111) · tenant t-dev (recommended)');
		await app.press(keys.down, '❯ Prod (2222) · tenant t-prod');
		await app.press(keys.enter, "✓ Confirming the subscription's tenant");
		await app.press(keys.enter, 'Pin subscription 2222 in tenant t-prod as a profile?');
		await app.press(keys.enter, 'Fix: Pin the profile');
		await app.press(keys.enter, 'Run this fix now?');
		await app.press(keys.enter, '✓ Fixed');
		expect(services.calls.map(call => `${call.kind}:${call.id}`)).toEqual([
			'check:cli-context',
			'options:subscriptions',
			'check:subscription-tenant',
			'fix:pin-profile',
			'replay:replay',
		]);
	});
});

describe('the decode entry', () => {
	test('shows the claims the owner decoded, then asks what the API said', async () => {
		const services = createScriptedServices({});
		app = renderApp(
			<App
				tree={tree}
				color={false}
				openSession={async request =>
					createSessionStore(
						{
							id: 'd',
							entry: request.entry,
							facts: {tokenTenant: 'tenant-x'},
							token: {claims: {tid: 'tenant-x', aud: 'https://graph.microsoft.com'}},
						},
						{tree, services, timeoutMs: 1000},
					)
				}
				onExit={() => {}}
			/>,
		);
		await app.waitFor('Paste an error');
		for (let index = 0; index < 3; index++) app.stdin.write(keys.down);
		await app.waitFor('❯ Decode a token');
		await app.press(keys.enter, 'Paste the token');
		await app.press(keys.paste('eyJhbGciOi.x.y'), '1 line');
		await app.press(keys.enter, 'What did the API say about this token?');
		expect(app.frame()).toContain('aud         https://graph.microsoft.com');
		expect(app.frame()).toContain('tid         tenant-x');
	});
});

describe('an AADSTS code the tree defers to explain for', () => {
	test("shows explain's explanation and fixes beside the question", async () => {
		const services = createScriptedServices({checks: {'fresh-token': {status: 'fail', detail: 'AADSTS7000112.'}}});
		app = renderApp(
			<App
				tree={tree}
				color={false}
				initial={{entry: 'paste', text: 'AADSTS7000112'}}
				openSession={async () =>
					createSessionStore(
						{
							id: 'a',
							entry: 'paste',
							family: 'aadsts-7000112',
							facts: {code: 'AADSTS7000112'},
							paste: {
								text: 'AADSTS7000112: Application is disabled.',
								family: 'aadsts-7000112',
								explanation: 'The application is disabled in this tenant.',
								fixes: [
									{
										text: 'Enable the service principal',
										command: 'az ad sp update --id <client-id> --set accountEnabled=true',
									},
								],
							},
						},
						{tree, services, timeoutMs: 1000},
					)
				}
				onExit={() => {}}
			/>,
		);
		await app.waitFor('✗ Requesting a token from the token endpoint');
		await app.press(keys.enter, 'The token endpoint refuses with AADSTS7000112.');
		expect(app.frame()).toContain('The application is disabled in this tenant.');
		expect(app.frame()).toContain('az ad sp update --id <client-id> --set accountEnabled=true');
	});
});

describe('an AADSTS refusal met by a check, with no pasted error', () => {
	test('"the explanation above" is the check that met it, with its own fix', async () => {
		const services = createScriptedServices({
			checks: {
				'fresh-token': {
					status: 'fail',
					detail: 'No token: AADSTS7000215: Invalid client secret provided.',
					fix: {
						text: 'Entra refused the token request (AADSTS7000215): use the secret value',
						command: 'az ad app credential reset --id 5555',
					},
					facts: {code: 'AADSTS7000215'},
				},
			},
		});
		app = renderApp(
			<App
				tree={tree}
				color={false}
				initial={{entry: 'health'}}
				openSession={async () =>
					createSessionStore({id: 'h', entry: 'health', start: 'aadsts-token'}, {tree, services, timeoutMs: 1000})
				}
				onExit={() => {}}
			/>,
		);
		await app.waitFor('✗ Requesting a token from the token endpoint');
		const frame = await app.press(keys.enter, 'The token endpoint refuses with AADSTS7000215.');
		expect(frame).toContain('No token: AADSTS7000215: Invalid client secret provided.');
		expect(frame).toContain('az ad app credential reset --id 5555');
	});
});

describe('when a session cannot open', () => {
	test('says why in one line, and Esc goes back to the start', async () => {
		app = renderApp(
			<App
				tree={tree}
				color={false}
				scenarios={[{id: 'tenant-mismatch', label: 'wrong tenant'}]}
				openSession={async () => {
					throw new Error('the sandbox could not listen on 127.0.0.1');
				}}
				onExit={() => {}}
			/>,
		);
		await app.waitFor('authfix demo');
		await app.press(keys.enter, '✗ the sandbox could not listen on 127.0.0.1');
		expect(app.frame()).not.toMatch(/\bat .*\.tsx?:\d+/);
		await app.press(keys.escape, 'Pick a scenario');
	});
});

describe('when the saved sessions cannot be read', () => {
	test('says why in one line instead of ending the process, and Esc goes back', async () => {
		app = renderApp(
			<App
				tree={tree}
				color={false}
				openSession={async () => {
					throw new Error('not opened here');
				}}
				listSessions={async () => {
					throw new Error("ENOTDIR: not a directory, open '/x/sessions.json'");
				}}
				onExit={() => {}}
			/>,
		);
		await app.waitFor('Paste an error');
		for (let index = 0; index < 5; index++) app.stdin.write(keys.down);
		await app.waitFor('❯ Open a saved session');
		await app.press(keys.enter, "✗ ENOTDIR: not a directory, open '/x/sessions.json'");
		await app.press(keys.escape, 'Paste an error');
	});
});
