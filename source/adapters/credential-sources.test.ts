import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {AdapterError} from '../ports/adapter-error.ts';
import type {Http, HttpResult} from '../ports/services.ts';
import {createCredentialStores} from './credential-stores.ts';
import {createJobTokens} from './job-tokens.ts';
import {createLocalFiles} from './local-files.ts';

function recordingHttp(answer: HttpResult) {
	const sent: Array<Parameters<Http['send']>[0]> = [];
	const http = {
		send: async (request: Parameters<Http['send']>[0]) => {
			sent.push(request);
			return answer;
		},
	} as unknown as Http;
	return {http, sent};
}

describe('the job OIDC token, asked as the CI tools ask for it', () => {
	test('GitHub: GET with the audience added and the request token as bearer', async () => {
		const {http, sent} = recordingHttp({status: 200, headers: {}, body: JSON.stringify({value: 'a.b.c', count: 1})});
		const token = await createJobTokens(http).github({
			url: 'https://pipelines.actions.githubusercontent.com/abc/idtoken?api-version=2.0',
			requestToken: 'request-token',
			audience: 'api://AzureADTokenExchange',
		});
		expect(token.reveal()).toBe('a.b.c');
		expect(String(token)).not.toContain('a.b.c');
		expect(sent).toEqual([
			{
				method: 'GET',
				url: 'https://pipelines.actions.githubusercontent.com/abc/idtoken?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange',
				headers: {authorization: 'Bearer request-token', accept: 'application/json; api-version=2.0'},
			},
		]);
	});

	test('Azure Pipelines: POST with api-version 7.1, the service connection and no redirect', async () => {
		const {http, sent} = recordingHttp({status: 200, headers: {}, body: JSON.stringify({oidcToken: 'x.y.z'})});
		const token = await createJobTokens(http).azurePipelines({
			uri: 'https://dev.azure.com/fabrikam/project/_apis/distributedtask/hubs/build/plans/p/jobs/j/oidctoken',
			accessToken: 'system-access-token',
			serviceConnectionId: 'c0ffee00-0000-0000-0000-000000000001',
		});
		expect(token.reveal()).toBe('x.y.z');
		expect(sent[0]).toMatchObject({
			method: 'POST',
			url: 'https://dev.azure.com/fabrikam/project/_apis/distributedtask/hubs/build/plans/p/jobs/j/oidctoken?api-version=7.1&serviceConnectionId=c0ffee00-0000-0000-0000-000000000001',
			headers: {authorization: 'Bearer system-access-token', 'x-tfs-fedauthredirect': 'Suppress'},
		});
	});

	test('a refusal or an answer without a token is an AdapterError that says which', async () => {
		const refused = recordingHttp({status: 403, headers: {}, body: 'Forbidden'});
		await expect(
			createJobTokens(refused.http).github({url: 'https://x/t?a=1', requestToken: 't', audience: 'a'}),
		).rejects.toMatchObject({code: 'http', status: 403});
		const empty = recordingHttp({status: 200, headers: {}, body: '{}'});
		const error = await createJobTokens(empty.http)
			.azurePipelines({uri: 'https://x/oidc', accessToken: 't', serviceConnectionId: 's'})
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(AdapterError);
		expect((error as AdapterError).message).toContain('has no oidcToken field');
	});
});

describe('the developer tools’ sign-in files', () => {
	let home: string;
	beforeAll(async () => {
		home = await mkdtemp(path.join(os.tmpdir(), 'authfix-stores-'));
	});
	afterAll(async () => {
		await rm(home, {recursive: true, force: true});
	});

	test('found where each tool keeps them; absent ones are left out', async () => {
		const write = async (relative: string, text: string) => {
			const file = path.join(home, relative);
			await mkdir(path.dirname(file), {recursive: true});
			await writeFile(file, text);
			return file;
		};

		const powershell = await write('.Azure/AzureRmContext.json', '{"Contexts":{}}');
		const vscode = await write('.Azure/ms-azuretools.vscode-azureresourcegroups/authRecord.json', '{"username":"u"}');
		const azd = await write('azd-home/config.json', '{"defaults":{"subscription":"s"}}');
		const stores = createCredentialStores({
			env: {AZD_CONFIG_DIR: path.join(home, 'azd-home')},
			home,
			files: createLocalFiles(),
		});
		expect(await stores.read()).toEqual({
			'azure-powershell': {path: powershell, text: '{"Contexts":{}}'},
			'vscode-auth-record': {path: vscode, text: '{"username":"u"}'},
			'azd-config': {path: azd, text: '{"defaults":{"subscription":"s"}}'},
		});
	});
});
