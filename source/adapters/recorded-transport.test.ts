import {describe, expect, test} from 'vitest';
import {builtInClouds} from '../cloud/cloud.ts';
import {createAccessToken} from '../ports/access-token.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import {createHttp} from './http.ts';
import {createRecordedTransport, type RecordedRoute} from './recorded-transport.ts';

const cloud = builtInClouds[0]!;
const arm = cloud.resourceManager;
const subscription = '8b6001cd-a329-4999-8dbb-3b3261bb100a';
const challenge =
	'Bearer authorization_uri="https://login.windows.net/996fe9d1-6171-40aa-945b-4c64b63bf655", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."';
const routes: RecordedRoute[] = [
	{
		method: 'GET',
		url: `${arm}/subscriptions/{id}?*`,
		when: request => request.headers.authorization === undefined,
		answer: {
			status: 401,
			headers: {'WWW-Authenticate': challenge},
			body: {error: {code: 'AuthenticationFailed', message: 'Authentication failed.'}},
		},
		source: 'ce-0061',
	},
	{
		method: 'GET',
		url: `${arm}/subscriptions/{id}?*`,
		answer: {
			status: 403,
			body: {
				error: {
					code: 'AuthorizationFailed',
					message:
						"The client 'x' with object id 'y' does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/z' or the scope is invalid.",
				},
			},
		},
		source: 'recorded 403',
	},
	{
		method: 'GET',
		url: `${arm}/subscriptions?*`,
		answer: {status: 200, body: {value: [], count: {type: 'Total', value: 0}}},
	},
];

describe('recorded transport', () => {
	test('answers by method, URL pattern and condition, in order, and keeps the requests it saw', async () => {
		const transport = createRecordedTransport(routes);
		const http = createHttp({fetch: transport.fetch, httpClient: transport.httpClient, cloud, timeoutMs: 1000});
		const challenged = await http.send({
			method: 'GET',
			url: `${arm}/subscriptions/${subscription}?api-version=2022-12-01`,
		});
		expect(challenged.status).toBe(401);
		expect(challenged.headers['www-authenticate']).toBe(challenge);
		expect(JSON.parse(challenged.body)).toEqual({
			error: {code: 'AuthenticationFailed', message: 'Authentication failed.'},
		});
		const listed = await http.send({
			method: 'GET',
			url: `${arm}/subscriptions?api-version=2020-01-01`,
			headers: {authorization: 'Bearer x'},
		});
		expect(listed.status).toBe(200);
		expect(listed.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(transport.requests).toEqual([
			{method: 'GET', url: `${arm}/subscriptions/${subscription}?api-version=2022-12-01`, answeredBy: 'ce-0061'},
			{method: 'GET', url: `${arm}/subscriptions?api-version=2020-01-01`, answeredBy: `${arm}/subscriptions?*`},
		]);
	});

	test('a request nothing recorded answers is a transport failure that names it; nothing connects', async () => {
		const transport = createRecordedTransport(routes);
		const http = createHttp({fetch: transport.fetch, cloud, timeoutMs: 1000});
		const url = `${arm}/subscriptions/${subscription}/resourcegroups?api-version=2021-04-01`;
		const failure = await http.send({method: 'GET', url}).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(AdapterError);
		expect(failure).toMatchObject({code: 'failed', message: `no recorded exchange answers GET ${url}`});
		expect(
			await http.send({method: 'POST', url: `${arm}/subscriptions?api-version=1`}).catch(error => error),
		).toBeInstanceOf(AdapterError);
		expect(transport.requests.map(request => request.answeredBy)).toEqual([undefined, undefined]);
	});

	test("the ARM SDK's client is answered too: a recorded 403 reaches the check as ARM's error", async () => {
		const transport = createRecordedTransport(routes);
		const http = createHttp({fetch: transport.fetch, httpClient: transport.httpClient, cloud, timeoutMs: 1000});
		const failure = await http
			.getSubscription(subscription, createAccessToken('header.payload.signature'))
			.catch((error: unknown) => error);
		expect(failure).toMatchObject({code: 'http', status: 403});
		expect(String((failure as Error).message)).toContain('AuthorizationFailed');
		expect(transport.requests).toEqual([
			{method: 'GET', url: `${arm}/subscriptions/${subscription}?api-version=2022-12-01`, answeredBy: 'recorded 403'},
		]);
	});
});
