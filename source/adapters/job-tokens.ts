/**
Asks the CI system a job runs in for the job's OIDC token, exactly as its own tools do: GitHub's
toolkit (`core.getIDToken`) and @azure/identity's AzurePipelinesCredential. The token comes back
wrapped (it prints as a fingerprint); the request token and the job's access token are only sent.
*/
import {createAccessToken} from '../ports/access-token.ts';
import {AdapterError} from '../ports/adapter-error.ts';
import type {Http, HttpResult, JobTokens} from '../ports/services.ts';

function field(response: HttpResult, name: string, what: string): string {
	if (response.status !== 200) {
		throw new AdapterError(
			'http',
			`${what} answered ${response.status}${response.body ? `: ${response.body.slice(0, 200)}` : ''}`,
			undefined,
			response.status,
		);
	}

	let value: unknown;
	try {
		value = (JSON.parse(response.body) as Record<string, unknown>)[name];
	} catch {
		throw new AdapterError('garbage', `${what} did not answer with JSON`);
	}

	if (typeof value !== 'string' || value === '')
		throw new AdapterError('garbage', `${what}'s answer has no ${name} field`);
	return value;
}

export function createJobTokens(http: Http): JobTokens {
	return {
		async github(request, options) {
			const url = new URL(request.url);
			url.searchParams.set('audience', request.audience);
			const response = await http.send(
				{
					method: 'GET',
					url: url.toString(),
					headers: {authorization: `Bearer ${request.requestToken}`, accept: 'application/json; api-version=2.0'},
				},
				options,
			);
			return createAccessToken(field(response, 'value', "GitHub's ID token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL)"));
		},
		async azurePipelines(request, options) {
			const url = new URL(request.uri);
			url.searchParams.set('api-version', '7.1');
			url.searchParams.set('serviceConnectionId', request.serviceConnectionId);
			const response = await http.send(
				{
					method: 'POST',
					url: url.toString(),
					headers: {
						'content-type': 'application/json',
						authorization: `Bearer ${request.accessToken}`,
						// No sign-in redirect for automation, as AzurePipelinesCredential asks.
						'x-tfs-fedauthredirect': 'Suppress',
					},
				},
				options,
			);
			return createAccessToken(field(response, 'oidcToken', "Azure Pipelines' OIDC endpoint (SYSTEM_OIDCREQUESTURI)"));
		},
	};
}
