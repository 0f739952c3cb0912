import {describe, expect, test} from 'vitest';
import {audiences, createSigningKey, jwksFor, mintToken, type SigningKey} from '../../test/support/mint.ts';
import {decodeJwt} from './jwt.ts';
import {discoveryFor, verifySignature} from './verify.ts';

const tenant = '72f0a8c1-3b5e-4d6f-8a9b-0c1d2e3f4a5b';

type Route = (url: URL) => Response | Promise<Response>;

/** A fetch that answers from a routing table and records every URL asked for. */
function fakeFetch(routes: Record<string, Route>) {
	const calls: string[] = [];
	const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
		const url = new URL(input instanceof Request ? input.url : String(input));
		calls.push(url.href);
		const route = routes[url.origin + url.pathname];
		if (!route) return new Response('not found', {status: 404});
		if (init?.signal?.aborted) throw init.signal.reason;
		return route(url);
	}) as typeof globalThis.fetch;
	return {fetch, calls};
}

const json = (value: unknown) => () => Response.json(value);

function entraRoutes(keys: readonly SigningKey[], authority = 'https://login.microsoftonline.com') {
	return {
		[`${authority}/${tenant}/v2.0/.well-known/openid-configuration`]: json({
			issuer: `${authority}/{tenantid}/v2.0`,
			jwks_uri: `${authority}/${tenant}/discovery/v2.0/keys`,
		}),
		[`${authority}/${tenant}/.well-known/openid-configuration`]: json({
			issuer: `https://sts.windows.net/${tenant}/`,
			jwks_uri: `${authority}/common/discovery/keys`,
		}),
		[`${authority}/${tenant}/discovery/v2.0/keys`]: json(jwksFor(keys, `${authority}/{tenantid}/v2.0`)),
		[`${authority}/common/discovery/keys`]: json(jwksFor(keys)),
	};
}

async function check(
	token: string,
	fetch: typeof globalThis.fetch,
	extraAuthorityHosts: string[] = [],
	timeoutMs = 5000,
) {
	const {header, claims} = decodeJwt(token);
	return verifySignature({token, header, claims, extraAuthorityHosts, fetch, timeoutMs});
}

describe('discoveryFor', () => {
	test('maps v1 and v2 issuers of the built-in clouds to their authority', () => {
		expect(discoveryFor(`https://sts.windows.net/${tenant}/`, [])).toMatchObject({
			ok: true,
			metadataUrl: `https://login.microsoftonline.com/${tenant}/.well-known/openid-configuration`,
		});
		expect(discoveryFor(`https://login.microsoftonline.com/${tenant}/v2.0`, [])).toMatchObject({
			metadataUrl: `https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`,
		});
		expect(discoveryFor(`https://login.partner.microsoftonline.cn/${tenant}/v2.0`, [])).toMatchObject({
			metadataUrl: `https://login.chinacloudapi.cn/${tenant}/v2.0/.well-known/openid-configuration`,
		});
		expect(discoveryFor(`https://login.microsoftonline.us/${tenant}/v2.0`, [])).toMatchObject({
			metadataUrl: `https://login.microsoftonline.us/${tenant}/v2.0/.well-known/openid-configuration`,
		});
	});

	test('refuses other hosts, other ports and plain http unless the cloud in force names them', () => {
		for (const issuer of [
			`https://evil.example/${tenant}/v2.0`,
			`https://login.microsoftonline.com:8443/${tenant}/v2.0`,
			`http://login.microsoftonline.com/${tenant}/v2.0`,
			`https://127.0.0.1:8443/${tenant}/v2.0`,
		]) {
			expect(discoveryFor(issuer, []), issuer).toMatchObject({
				ok: false,
				reason: expect.stringMatching(/not a known Entra authority/),
			});
		}

		expect(discoveryFor(`https://127.0.0.1:8443/${tenant}/v2.0`, ['https://127.0.0.1:8443'])).toMatchObject({
			ok: true,
			metadataUrl: `https://127.0.0.1:8443/${tenant}/v2.0/.well-known/openid-configuration`,
		});
		expect(discoveryFor(`https://127.0.0.1:8444/${tenant}/v2.0`, ['https://127.0.0.1:8443']).ok).toBe(false);
	});
});

describe('verifySignature', () => {
	test('verifies a v2 token signed by the issuer key', async () => {
		const key = await createSigningKey();
		const {fetch, calls} = fakeFetch(entraRoutes([await createSigningKey(), key]));
		const result = await check((await mintToken({key})).token, fetch);
		expect(result).toEqual({verified: true, reason: expect.stringContaining(`key ${key.kid}`)});
		expect(calls).toEqual([
			`https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`,
			`https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`,
		]);
	});

	test('verifies a v1 token through the v1 metadata, even when expired (signature only)', async () => {
		const key = await createSigningKey();
		const {fetch} = fakeFetch(entraRoutes([key]));
		const {token} = await mintToken({key, version: '1.0', audience: audiences.arm, expiresIn: -86_400});
		expect((await check(token, fetch)).verified).toBe(true);
	});

	test('a token signed by another key with the same kid does not verify', async () => {
		const published = await createSigningKey({kid: 'shared-kid'});
		const other = await createSigningKey({kid: 'shared-kid'});
		const {fetch} = fakeFetch(entraRoutes([published]));
		const result = await check((await mintToken({key: other})).token, fetch);
		expect(result).toEqual({verified: false, reason: expect.stringMatching(/signature does not match/)});
	});

	test('a token whose kid is not published does not verify', async () => {
		const {fetch} = fakeFetch(entraRoutes([await createSigningKey()]));
		const result = await check((await mintToken({key: await createSigningKey({kid: 'retired-key'})})).token, fetch);
		expect(result).toEqual({verified: false, reason: expect.stringMatching(/no key with kid retired-key/)});
	});

	test('an altered payload does not verify', async () => {
		const key = await createSigningKey();
		const {fetch} = fakeFetch(entraRoutes([key]));
		const [header, , signature] = (await mintToken({key})).token.split('.');
		const forged = (await mintToken({key: await createSigningKey(), claims: {scp: 'Everything'}})).token.split('.')[1];
		expect((await check(`${header}.${forged}.${signature}`, fetch)).verified).toBe(false);
	});

	test('a server that never answers ends as "timed out", not a hang', async () => {
		const calls: string[] = [];
		const fetch = ((input: string | URL, init?: RequestInit) => {
			calls.push(String(input));
			return new Promise((_resolve, reject) => {
				init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
			});
		}) as typeof globalThis.fetch;
		const result = await check((await mintToken()).token, fetch, [], 300);
		expect(result).toEqual({verified: null, reason: expect.stringMatching(/timed out after 0.3 s/), unreachable: true});
		expect(calls).toHaveLength(1);
	});

	test('an issuer on an unknown host is refused before any connection', async () => {
		const {fetch, calls} = fakeFetch({});
		const {token} = await mintToken({issuer: 'https://login.attacker.example'});
		const result = await check(token, fetch);
		expect(result).toEqual({
			verified: null,
			reason: expect.stringMatching(/^issuer host login\.attacker\.example is not a known Entra authority/),
		});
		expect(calls).toEqual([]);
	});

	test('keys published on a host outside the cloud are not fetched', async () => {
		const {fetch, calls} = fakeFetch({
			[`https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`]: json({
				issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
				jwks_uri: 'https://keys.attacker.example/keys',
			}),
		});
		const result = await check((await mintToken()).token, fetch);
		expect(result).toEqual({
			verified: null,
			reason: expect.stringMatching(/keys\.attacker\.example, which is not a known/),
		});
		expect(calls).toHaveLength(1);
	});

	test('a Graph nonce token is not checked, by design, and nothing is fetched', async () => {
		const {fetch, calls} = fakeFetch({});
		const {token} = await mintToken({graphNonce: true, version: '1.0', audience: audiences.graph});
		expect(await check(token, fetch)).toEqual({
			verified: null,
			reason: expect.stringMatching(/only Graph can validate/),
		});
		expect(calls).toEqual([]);
	});

	test('the issuer named by --cloud (a loopback sandbox) is trusted, port included', async () => {
		const key = await createSigningKey();
		const authority = 'https://127.0.0.1:8443';
		const {fetch} = fakeFetch(entraRoutes([key], authority));
		const {token} = await mintToken({key, issuer: authority});
		expect((await check(token, fetch, [authority])).verified).toBe(true);
		expect((await check(token, fetch, [])).verified).toBeNull();
	});

	test('metadata errors end as verified: null with the reason', async () => {
		const {token} = await mintToken();
		expect(await check(token, fakeFetch({}).fetch)).toEqual({
			verified: null,
			reason: expect.stringMatching(/answered HTTP 404/),
			unreachable: true,
		});
		const notJson = fakeFetch({
			[`https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`]: () =>
				new Response('<html>'),
		});
		expect((await check(token, notJson.fetch)).reason).toMatch(/not a JSON object/);
		const refused = (() =>
			Promise.reject(new TypeError('fetch failed', {cause: {code: 'ECONNREFUSED'}}))) as typeof globalThis.fetch;
		expect(await check(token, refused)).toMatchObject({
			reason: expect.stringMatching(/connection refused/),
			unreachable: true,
		});
	});
});
