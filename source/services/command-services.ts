import os from 'node:os';
import {cloudInForce, createServices, tokenCachesOf} from '../adapters/create-services.ts';
import {createTransport} from '../adapters/transport.ts';
import type {Services, TokenCaches} from '../ports/services.ts';
import type {CommandContext} from '../terminal/context.ts';

/** Builds the services a command uses from its terminal context: the cloud in force, the env, the clock, --timeout. */
export async function servicesForCommand(context: CommandContext): Promise<Services> {
	const {io, global} = context;
	const timeoutMs = Math.round(global.timeoutSeconds * 1000);
	// The metadata URL of a custom cloud is fetched with the env's CA and proxy, as everything else.
	const {cloud} = await cloudInForce({
		flag: global.cloud,
		env: io.env,
		fetch: createTransport({env: io.env}).fetch,
		timeoutMs,
	});
	return createServices({env: io.env, cloud, clock: {now: () => io.now()}, timeoutMs});
}

/** A factory commands take, so tests can hand in in-memory services. */
export type ServicesFactory = (context: CommandContext) => Promise<Services>;

/** The token caches alone: `authfix cache` needs no cloud and no network. */
export function cachesForCommand(context: CommandContext): TokenCaches {
	const env = context.io.env;
	return tokenCachesOf(env, env.HOME ?? os.homedir(), () => context.io.now());
}
