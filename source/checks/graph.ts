import type {TokenResult} from '../ports/services.ts';
import type {CheckContext} from './context.ts';
import {describeFailure} from './finding-builders.ts';

export type GraphRead = {status: 200; body: unknown} | {status: 404} | {error: string};

/**
One Graph GET (`path` below `/v1.0/`) in a tenant. By default with the Azure CLI's sign-in (the
operator's directory access); `as: 'target'` with the target's own credential (what the identity
itself may read, `me/…`).
*/
export async function graphGet(
	context: CheckContext,
	tenant: string | undefined,
	path: string,
	options: {readonly as?: 'azure-cli' | 'target'} = {},
): Promise<GraphRead> {
	const graph = context.services.cloud.graph;
	if (!graph) return {error: 'this cloud has no Graph endpoint'};
	let token: TokenResult;
	try {
		token =
			options.as === 'target'
				? await context.tokenFor({resource: graph, tenantId: tenant})
				: await context.services.azureCli.getAccessToken({resource: graph, tenantId: tenant}, {signal: context.signal});
	} catch (error) {
		return {
			error: `no Graph token from ${options.as === 'target' ? 'the credential' : 'the Azure CLI'}: ${describeFailure(error).detail}`,
		};
	}

	try {
		const response = await context.services.http.send(
			{
				method: 'GET',
				url: `${graph.replace(/\/+$/, '')}/v1.0/${path}`,
				headers: {authorization: `Bearer ${token.token.reveal()}`, accept: 'application/json'},
			},
			{signal: context.signal},
		);
		if (response.status === 404) return {status: 404};
		if (response.status !== 200) return {error: `Graph answered ${response.status}`};
		return {status: 200, body: JSON.parse(response.body) as unknown};
	} catch (error) {
		return {error: describeFailure(error).detail};
	}
}
