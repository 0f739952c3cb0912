/**
The troubleshooter's code fixes in the failing client's language: the paste (or the credential
sources) tell it as the `language` fact, and the fix screen and the saved report show that
language's snippet, filled with the session's facts.
*/
import {afterEach, describe, expect, test} from 'vitest';
import {createSessionStore} from '../../source/engine/driver.ts';
import {sessionToMarkdown} from '../../source/report/session-report.ts';
import {classifyPaste} from '../../source/services/paste.ts';
import type {Facts} from '../../source/tree/facts.ts';
import {tree} from '../../source/tree/index.ts';
import {App} from '../../source/ui/app.tsx';
import {type RenderedApp, renderApp} from '../support/render-app.tsx';
import {createScriptedServices} from '../support/scripted-services.ts';

const tenant = '3308ead4-7bc2-49b9-b3d2-97258662db50';
const subscription = '44444444-4444-4444-4444-444444444444';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

/** The walk opened right at the fix that pins the credential's tenant, with these facts. */
function atPinTenant(facts: Facts) {
	const services = createScriptedServices({}, () => Date.parse('2026-11-22T01:00:00Z'));
	let store: ReturnType<typeof createSessionStore> | undefined;
	app = renderApp(
		<App
			tree={tree}
			color={false}
			initial={{entry: 'symptom'}}
			openSession={async request => {
				store = createSessionStore(
					{id: 'sess-lang', entry: request.entry, start: 'tm-fix-sdk', facts},
					{tree, services, timeoutMs: 2000},
				);
				return store;
			}}
			preview={() => undefined}
			listSessions={async () => []}
			showSession={async () => ''}
			onExit={() => {}}
		/>,
		{columns: 100},
	);
	return {app, store: () => store!};
}

describe('code fixes in the language of the failing client', () => {
	test('the fix screen shows the language the paste told, filled in', async () => {
		const {app} = atPinTenant({language: 'python', subscriptionTenant: tenant, subscriptionId: subscription});
		await app.waitFor("Fix: Pin the credential to the subscription's tenant");
		const frame = await app.waitFor('AzureCliCredential(');
		expect(frame).toContain(`tenant_id="${tenant}"`);
		expect(frame).not.toContain('DefaultAzureCredential({');
	});

	test('Terraform: the provider block', async () => {
		const {app} = atPinTenant({language: 'terraform', subscriptionTenant: tenant, subscriptionId: subscription});
		const frame = await app.waitFor('provider "azurerm" {');
		expect(frame).toContain(`tenant_id       = "${tenant}"`);
		expect(frame).toContain(`subscription_id = "${subscription}"`);
	});

	test('an unknown language: the step as written for any language', async () => {
		const {app} = atPinTenant({subscriptionTenant: tenant});
		const frame = await app.waitFor('TenantId in .NET');
		expect(frame).toContain(`export AZURE_TENANT_ID=${tenant}`);
	});

	test('the saved report shows the same snippet as a code block', async () => {
		const {app, store} = atPinTenant({language: 'dotnet', subscriptionTenant: tenant});
		await app.waitFor('DefaultAzureCredentialOptions');
		const session = store().getSnapshot();
		const markdown = sessionToMarkdown(
			{...session, steps: [...session.steps, {kind: 'fix', node: 'tm-fix-sdk', how: 'by-user', at: session.startedAt}]},
			tree,
		);
		expect(markdown).toContain('    ```\n    var credential = new DefaultAzureCredential(');
		expect(markdown).toContain(`        TenantId = "${tenant}",`);
	});

	test("a pasted error's language becomes the session's fact", async () => {
		const pasted = await classifyPaste(
			`Traceback (most recent call last):\n  File "/app/deploy.py", line 41, in <module>\nazure.core.exceptions.ClientAuthenticationError: (InvalidAuthenticationTokenTenant) The access token is from the wrong issuer 'https://sts.windows.net/1ab2ba87-e391-4635-91e6-62b63fdb55a6/'. It must match the tenant 'https://sts.windows.net/${tenant}/' associated with this subscription.`,
		);
		expect(pasted.facts).toMatchObject({language: 'python', subscriptionTenant: tenant});
		expect(pasted.fixes?.[0]?.code).toContain(`tenant_id="${tenant}"`);
		expect((await classifyPaste('InvalidAuthenticationTokenTenant')).facts.language).toBeUndefined();
	});
});
