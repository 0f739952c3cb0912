import {describe, expect, test} from 'vitest';
import {createSigningKey, mintToken} from '../../test/support/mint.ts';
import {startSession, step} from '../engine/step.ts';
import {tree} from '../tree/index.ts';
import {sessionToJson, sessionToMarkdown, summarizeSession} from './session-report.ts';

const context = {tree, canApply: () => true, now: Date.parse('2026-11-22T01:00:00Z')};

async function walkedSession() {
	const {token} = await mintToken({key: await createSigningKey()});
	let session = startSession(
		{
			id: 'abc123',
			entry: 'paste',
			scenario: 'tenant-mismatch',
			family: 'arm-token-tenant-mismatch',
			paste: {
				text: `InvalidAuthenticationTokenTenant Authorization: Bearer ${token}`,
				family: 'arm-token-tenant-mismatch',
				explanation: 'ARM wants a token from the subscription tenant.',
			},
			facts: {subscriptionId: '11111111-2222-3333-4444-555555555555'},
		},
		context,
	);
	session = step(
		session,
		{
			type: 'check-finished',
			seq: session.pending!.seq,
			finding: {
				id: 'subscription-tenant',
				status: 'pass',
				title: 'Subscription tenant',
				detail: 'In tenant t-sub.',
				facts: {subscriptionTenant: 't-sub'},
			},
		},
		context,
	);
	session = step(session, {type: 'continue'}, context);
	session = step(
		session,
		{
			type: 'check-finished',
			seq: session.pending!.seq,
			finding: {id: 'token-tenant', status: 'fail', title: 'Token tenant', detail: `Token ${token} is from t-home.`},
		},
		context,
	);
	session = step(session, {type: 'continue'}, context);
	session = step(
		session,
		{
			type: 'check-finished',
			seq: session.pending!.seq,
			finding: {id: 'cache-state', status: 'skip', title: 'Token caches', detail: 'No Azure CLI cache.'},
		},
		context,
	);
	session = step(session, {type: 'continue'}, context);
	session = step(session, {type: 'done-by-user'}, context);
	session = step(
		session,
		{
			type: 'replay-finished',
			seq: session.pending!.seq,
			result: {
				outcome: 'fixed',
				request: {method: 'GET', url: 'https://management.azure.com/subscriptions/1?api-version=2022-12-01'},
				attempts: [
					{
						label: 'before',
						status: 401,
						errorCode: 'InvalidAuthenticationTokenTenant',
						requestId: 'req-1',
						correlationId: 'corr-1',
					},
					{label: 'after', status: 200, requestId: 'req-2'},
				],
				detail: 'Now 200.',
			},
		},
		context,
	);
	return {token, session: step(session, {type: 'continue'}, context)};
}

describe('session reports', () => {
	test('Markdown has the steps, the filled fix, the replay ids, and never the token', async () => {
		const {token, session} = await walkedSession();
		const markdown = sessionToMarkdown(session, tree);
		expect(markdown).toContain('- Outcome: **fixed**');
		expect(markdown).toContain('- Sandbox scenario: tenant-mismatch');
		expect(markdown).toContain('ARM wants a token from the subscription tenant.');
		expect(markdown).toContain('✓ **Subscription tenant** (`subscription-tenant`, pass): In tenant t-sub.');
		expect(markdown).toContain('`az login --tenant t-sub`');
		expect(markdown).toContain('`az account set --subscription 11111111-2222-3333-4444-555555555555`');
		expect(markdown).toContain(
			'before: HTTP 401 (error InvalidAuthenticationTokenTenant, request id req-1, correlation id corr-1)',
		);
		expect(markdown).toContain('after: HTTP 200 (request id req-2)');
		expect(markdown).not.toContain(token);
		expect(markdown).not.toContain(token.split('.')[1]);
		expect(markdown).toContain('[redacted JWT');
	});

	test('Markdown and JSON carry no escape sequence of a finding or a replay to the terminal (nor to jq -r)', async () => {
		const {session} = await walkedSession();
		const hostile = {
			...session,
			steps: [
				...session.steps,
				{
					kind: 'check' as const,
					node: 'exp-check',
					finding: {
						id: 'token-tenant' as const,
						status: 'fail' as const,
						title: 'T\u001B]0;x\u0007',
						detail: 'a\u001B[2Jb',
					},
					at: 0,
				},
			],
		};
		const markdown = sessionToMarkdown(hostile, tree);
		expect(markdown).not.toMatch(/[\u001B\u0007]/);
		expect(markdown).toContain('**T** (`token-tenant`, fail): ab');
		const json = JSON.stringify(sessionToJson(hostile, tree));
		expect(json).not.toMatch(/[\u001B\u0007]|\\u001b|\\u0007/i);
		expect(json).toContain('"title":"T","detail":"ab"');
	});

	test('JSON keeps the summary fields and redacts every string', async () => {
		const {token, session} = await walkedSession();
		const json = sessionToJson(session, tree);
		expect(json).toMatchObject({
			id: 'abc123',
			startedAt: '2026-11-22T01:00:00.000Z',
			scenario: 'tenant-mismatch',
			outcome: 'fixed',
		});
		expect(JSON.stringify(json)).not.toContain(token.split('.')[1]);
		expect(summarizeSession({...session, outcome: undefined})).toEqual({
			id: 'abc123',
			startedAt: '2026-11-22T01:00:00.000Z',
			scenario: 'tenant-mismatch',
			outcome: 'abandoned',
		});
	});
});
