import {describe, expect, test} from 'vitest';
import {fakeServices, subscriptionB, tenantA, tenantB, tokenResult} from '../../test/fakes/services.ts';
import {mintToken} from '../../test/support/mint.ts';
import {startSession, step} from '../engine/step.ts';
import type {CredentialKind, TokenResult} from '../ports/services.ts';
import type {CommandContext} from '../terminal/context.ts';
import {tree} from '../tree/index.ts';
import {createLiveWorld} from './live.ts';
import type {Profiles} from './profiles.ts';

const context: CommandContext = {
	io: {
		stdout: {write() {}},
		stderr: {write() {}},
		readStdin: async () => '',
		stdinIsTty: false,
		stdoutIsTty: false,
		columns: 80,
		env: {},
		cwd: '/nonexistent',
		now: () => Date.now(),
	},
	global: {json: false, color: false, cloud: undefined, timeoutSeconds: 5},
};

/** Fake services that remember which client each token was asked through. */
function recordingServices() {
	const asked: Array<CredentialKind | 'az'> = [];
	const token = async (source: string, request: {resource: string; tenantId?: string}): Promise<TokenResult> => {
		const minted = await mintToken({
			version: '1.0',
			identity: 'app',
			audience: request.resource,
			tenantId: request.tenantId ?? tenantA,
		});
		return {...tokenResult(minted.token, request.tenantId), source};
	};
	const base = fakeServices({tokens: request => token('AzureCliCredential', request)});
	const services = fakeServices({
		tokens: request => token('AzureCliCredential', request),
		overrides: {
			azureCli: {
				...base.azureCli,
				getAccessToken: async request => {
					asked.push('az');
					return token('AzureCliCredential', request);
				},
			},
			credentials: {
				...base.credentials,
				getToken: async (kind, request) => {
					asked.push(kind);
					return token('DefaultAzureCredential (EnvironmentCredential)', {
						resource: request.scope.replace(/\/\.default$/, ''),
						...(request.tenantId ? {tenantId: request.tenantId} : {}),
					});
				},
			},
		},
	});
	return {services, asked};
}

describe('the live replay follows the path the user took', () => {
	test('after "My code (an Azure SDK credential)", the replay gets its tokens through DefaultAzureCredential, not the Azure CLI', async () => {
		let session = startSession(
			{id: 's', entry: 'symptom', start: 'tm-ask-client'},
			{tree, canApply: () => false, now: 0},
		);
		session = step(session, {type: 'continue'}, {tree, canApply: () => false, now: 0});
		expect(session.facts.credential).toBe('default');

		const {services, asked} = recordingServices();
		const world = createLiveWorld(context, {services: async () => services, profiles: {} as Profiles});
		const url = `https://management.azure.com/subscriptions/${subscriptionB}/resourcegroups?api-version=2021-04-01`;
		const result = await world.replay(
			{...session.facts, subscriptionId: subscriptionB, subscriptionTenant: tenantB, requestUrl: url},
			new AbortController().signal,
		);
		expect(asked.length).toBeGreaterThan(0);
		expect(asked).not.toContain('az');
		expect(new Set(asked)).toEqual(new Set(['default']));
		expect(result.via).toBe('DefaultAzureCredential (EnvironmentCredential)');
	});

	test('after "The Azure CLI or a script around it", it replays through the Azure CLI, and says so', async () => {
		const {services, asked} = recordingServices();
		const world = createLiveWorld(context, {services: async () => services, profiles: {} as Profiles});
		const result = await world.replay(
			{credential: 'cli', subscriptionId: subscriptionB, subscriptionTenant: tenantB},
			new AbortController().signal,
		);
		expect(new Set(asked)).toEqual(new Set(['az']));
		expect(result.via).toBe('AzureCliCredential');
	});
});
