/**
Artifacts pasted into the troubleshooter (the ink harness, the live session opener with scripted
engine services): a made HAR of a failed sign-in, az --debug output, a Terraform debug log. The
walk starts at the family of the artifact's failing request, with its ids and the claims of the
token it sent as facts; the screen, the session and its report hold none of the artifact's secrets.
*/
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import type {SessionStore} from '../../source/engine/driver.ts';
import {sessionToJson, sessionToMarkdown} from '../../source/report/session-report.ts';
import type {Profiles} from '../../source/services/profiles.ts';
import {openLiveSession} from '../../source/services/troubleshooter.ts';
import {tree} from '../../source/tree/index.ts';
import {App} from '../../source/ui/app.tsx';
import {
	artifactIds,
	expectNoSecrets,
	mintSecrets,
	readFixture,
	type Secrets,
	secretValues,
	signInHar,
} from '../support/artifacts.ts';
import {keys} from '../support/keys.ts';
import {type RenderedApp, renderApp} from '../support/render-app.tsx';
import {createScriptedServices} from '../support/scripted-services.ts';

let app: RenderedApp | undefined;
let secrets: Secrets;
afterEach(() => app?.unmount());
beforeAll(async () => {
	secrets = await mintSecrets();
});

const noProfile: Profiles = {read: async () => ({profile: undefined}), pin: async () => ''};

/** The troubleshooter as `authfix` runs it, with the engine's services scripted; the artifact pasted. */
async function pasteInto(text: string) {
	let store: SessionStore | undefined;
	app = renderApp(
		<App
			tree={tree}
			color={false}
			openSession={async request => {
				store = await openLiveSession(request, {
					id: 'sess-artifact',
					engine: createScriptedServices({}, () => Date.parse('2026-11-22T01:00:00Z')),
					profiles: noProfile,
					timeoutMs: 2000,
				});
				return store;
			}}
			onExit={() => {}}
		/>,
		{columns: 100},
	);
	await app.waitFor('Paste an error');
	await app.press(keys.enter, 'Paste the error');
	await app.press(keys.paste(text), 'lines');
	await app.press(keys.enter, 'authfix · step 1');
	return {app, session: () => store!.getSnapshot()};
}

describe('an artifact pasted into the troubleshooter', () => {
	test("a HAR of a failed sign-in whose ARM call failed: the tenant-mismatch walk, with the token's claims as facts", async () => {
		const {app, session} = await pasteInto(signInHar(secrets));
		expect(app.frame()).toContain("Recognised: Token from another tenant than the subscription's");
		expect(session()).toMatchObject({
			paste: {family: 'arm-token-tenant-mismatch'},
			facts: {
				tokenTenant: artifactIds.tokenTenant,
				subscriptionTenant: artifactIds.subscriptionTenant,
				subscriptionId: artifactIds.subscriptionId,
				requestUrl: `https://management.azure.com/subscriptions/${artifactIds.subscriptionId}/resourcegroups?api-version=2021-04-01`,
				requestMethod: 'GET',
			},
		});
		expect(session().paste?.text).toMatch(/^GET https:\/\/management\.azure\.com\/.*\nHTTP 401\n/);
		expectNoSecrets(app.frame(), secretValues(secrets));
		expectNoSecrets(
			JSON.stringify(sessionToJson(session(), tree)) + sessionToMarkdown(session(), tree),
			secretValues(secrets),
		);
	});

	test('a HAR of a sign-in Entra refused: the AADSTS50105 step', async () => {
		const {app, session} = await pasteInto(signInHar(secrets, {failure: 'sign-in'}));
		expect(session().paste?.family).toBe('aadsts-50105');
		expect(app.frame()).toContain('aadsts-50105');
		expectNoSecrets(app.frame() + JSON.stringify(sessionToJson(session(), tree)), secretValues(secrets));
	});

	test('az --debug output of a 403: the authorization walk, with the failing call to replay', async () => {
		const {app, session} = await pasteInto(await readFixture('az-debug/local-az2.45-group-list-403.txt'));
		expect(app.frame()).toContain('Recognised: Signed in fine, but not allowed to do this (403)');
		expect(session()).toMatchObject({
			paste: {family: 'authorization-failed'},
			facts: {
				subscriptionId: '22222222-2222-2222-2222-222222222222',
				requestUrl:
					'https://management.azure.com/subscriptions/22222222-2222-2222-2222-222222222222/resourcegroups?api-version=2021-04-01',
				failedWith: '403 AuthorizationFailed',
			},
		});
	});

	test("a Terraform debug log that kept the Authorization header: the token's tenant as a fact, never the token", async () => {
		const log = await readFixture('terraform/made-azurerm1.x-401-per-line-with-authorization.txt', {
			token: secrets.armToken,
		});
		const {app, session} = await pasteInto(log);
		expect(session()).toMatchObject({
			paste: {family: 'arm-token-tenant-mismatch'},
			facts: {tokenTenant: artifactIds.tokenTenant, clientId: artifactIds.clientId},
		});
		expectNoSecrets(
			app.frame() + JSON.stringify(sessionToJson(session(), tree)) + sessionToMarkdown(session(), tree),
			secretValues(secrets),
		);
	});
});
