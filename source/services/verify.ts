/**
`decode --verify`: a pasted token's signature against its issuer's published keys, trusting the
built-in clouds' authorities and the cloud in force (--cloud, AUTHFIX_CLOUD, the Azure CLI's), over
the environment's proxy and CA. The network stack loads only here: plain decode stays offline.
*/

import {CloudError} from '../cloud/resolve.ts';
import type {CommandContext} from '../terminal/context.ts';
import type {SignatureResult} from '../token/verify.ts';
import {UsageError} from '../usage-error.ts';

export async function verifyPastedToken(
	{io, global}: CommandContext,
	token: {
		readonly token: string;
		readonly header: Readonly<Record<string, unknown>>;
		readonly claims: Readonly<Record<string, unknown>>;
	},
): Promise<SignatureResult> {
	const timeoutMs = Math.round(global.timeoutSeconds * 1000);
	const [{createTransport}, {cloudInForce}, {verifySignature}] = await Promise.all([
		import('../adapters/transport.ts'),
		import('../adapters/create-services.ts'),
		import('../token/verify.ts'),
	]);
	const transport = createTransport({env: io.env});
	try {
		let cloud: Awaited<ReturnType<typeof cloudInForce>>['cloud'];
		try {
			({cloud} = await cloudInForce({flag: global.cloud, env: io.env, fetch: transport.fetch, timeoutMs}));
		} catch (error) {
			if (error instanceof CloudError) throw new UsageError(`decode: ${error.message}`);
			throw error;
		}

		return await verifySignature({
			...token,
			extraAuthorityHosts: [cloud.authorityHost],
			fetch: transport.fetch,
			timeoutMs,
		});
	} finally {
		transport.destroy();
	}
}
