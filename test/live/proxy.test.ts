/**
A corporate proxy: HTTPS_PROXY/NO_PROXY of the injected environment route the tenant lookup, the
ARM read, @azure/identity's token requests, the issuer's keys and the replay through a CONNECT proxy
(here one on 127.0.0.1 that records every tunnel and pipes it to the sandbox).
*/
import {createServer, type Server} from 'node:http';
import {connect} from 'node:net';
import {afterAll, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {createServices} from '../../source/adapters/create-services.ts';
import {lookupSubscriptionTenant} from '../../source/checks/tenant-lookup.ts';
import type {SubscriptionId} from '../../source/target/ids.ts';
import {ids, replayUrl, type Session, startSession} from './sandbox-session.ts';

type Proxy = {server: Server; url: string; tunnels: string[]; refuse: boolean};

async function startProxy(): Promise<Proxy> {
	const proxy: Proxy = {server: createServer(), url: '', tunnels: [], refuse: false};
	proxy.server.on('connect', (request, client, head) => {
		const target = request.url ?? '';
		proxy.tunnels.push(target);
		client.on('error', () => client.destroy());
		const match = /^127\.0\.0\.1:(\d+)$/.exec(target);
		if (proxy.refuse || !match) {
			client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
			return;
		}

		const upstream = connect({host: '127.0.0.1', port: Number(match[1])});
		upstream.on('error', () => client.destroy());
		client.on('close', () => upstream.destroy());
		upstream.on('connect', () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length > 0) upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
	});
	await new Promise<void>(resolve => proxy.server.listen(0, '127.0.0.1', resolve));
	const address = proxy.server.address();
	proxy.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	return proxy;
}

describe('HTTPS_PROXY and NO_PROXY from the injected environment', {timeout: 120_000}, () => {
	let session: Session;
	let proxy: Proxy;
	let ports: {entra: string; arm: string};
	beforeAll(async () => {
		[session, proxy] = await Promise.all([startSession('healthy'), startProxy()]);
		ports = {
			entra: new URL(session.sandbox.cloud.authorityHost).port,
			arm: new URL(session.sandbox.cloud.resourceManager).port,
		};
	}, 120_000);
	beforeEach(() => {
		proxy.tunnels.length = 0;
		proxy.refuse = false;
	});
	afterAll(async () => {
		proxy?.server.closeAllConnections();
		await new Promise(resolve => proxy?.server.close(resolve));
		await session?.stop();
	});

	const ci = () => session.sandbox.identities.find(item => item.name === 'ci-app')!;
	const servicesVia = (env: Record<string, string>) =>
		createServices({
			env: {
				...session.env,
				HTTPS_PROXY: proxy.url,
				HTTP_PROXY: proxy.url,
				NO_PROXY: '',
				AZURE_TENANT_ID: ids.tenantA,
				AZURE_CLIENT_ID: ci().clientId,
				AZURE_CLIENT_SECRET: ci().secret!,
				...env,
			},
			cloud: session.sandbox.cloud,
			clock: {now: () => Date.now()},
			timeoutMs: 15_000,
		});

	test('tenant lookup, token request, ARM read and the issuer keys all go through the proxy', async () => {
		const services = servicesVia({});
		const lookup = await lookupSubscriptionTenant(services.http, services.cloud, ids.subscriptionB as SubscriptionId);
		expect(lookup, JSON.stringify(lookup)).toMatchObject({kind: 'found', tenantId: ids.tenantB});
		expect(proxy.tunnels).toEqual([`127.0.0.1:${ports.arm}`]);

		const token = await services.credentials.getToken('env', {scope: 'https://management.core.windows.net//.default'});
		expect(proxy.tunnels).toContain(`127.0.0.1:${ports.entra}`);
		await expect(services.http.getSubscription(ids.subscriptionA, token.token)).resolves.toMatchObject({
			tenantId: ids.tenantA,
		});
		const tunnelsBeforeKeys = proxy.tunnels.length;
		await expect(services.http.verifySignature(token.token)).resolves.toMatchObject({verified: true});
		expect(proxy.tunnels.length).toBeGreaterThan(tunnelsBeforeKeys);
		expect(new Set(proxy.tunnels)).toEqual(new Set([`127.0.0.1:${ports.arm}`, `127.0.0.1:${ports.entra}`]));
	});

	test('NO_PROXY exempts the hosts it names: nothing reaches the proxy', async () => {
		const services = servicesVia({NO_PROXY: 'localhost,127.0.0.1'});
		await expect(
			lookupSubscriptionTenant(services.http, services.cloud, ids.subscriptionA as SubscriptionId),
		).resolves.toMatchObject({
			kind: 'found',
		});
		await services.credentials.getToken('env', {scope: 'https://management.core.windows.net//.default'});
		expect(proxy.tunnels).toEqual([]);
	});

	test('a proxy that refuses the tunnel is named as the cause, not taken for ARM', async () => {
		proxy.refuse = true;
		const services = servicesVia({});
		const lookup = await lookupSubscriptionTenant(services.http, services.cloud, ids.subscriptionA as SubscriptionId);
		expect(lookup.kind).toBe('failed');
		expect(lookup.kind === 'failed' && lookup.message).toContain(`refused the tunnel to 127.0.0.1:${ports.arm} (403`);
	});

	test('authfix tenant and replay as processes honour HTTPS_PROXY', async () => {
		const env = {HTTPS_PROXY: proxy.url, NO_PROXY: ''};
		const tenant = await session.authfix(['tenant', ids.subscriptionB, '--json'], env);
		expect(tenant.code, tenant.stderr).toBe(0);
		expect(JSON.parse(tenant.stdout)).toMatchObject({tenantId: ids.tenantB});
		// The cloud's metadata (AUTHFIX_CLOUD) and the lookup both went through the proxy.
		expect(proxy.tunnels.filter(target => target === `127.0.0.1:${ports.arm}`).length).toBeGreaterThanOrEqual(2);

		proxy.tunnels.length = 0;
		await session.signIn('ci-app', ids.tenantA);
		const replay = await session.authfix(['replay', 'GET', replayUrl(session), '--json'], env);
		expect(replay.code, replay.stderr).toBe(0);
		expect(JSON.parse(replay.stdout)).toMatchObject({outcome: 'ok'});
		expect(proxy.tunnels).toContain(`127.0.0.1:${ports.arm}`);
	});
});
