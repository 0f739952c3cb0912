/**
The artifact fixtures (test/artifacts/fixtures, sources in test/artifacts/README.md) and what the
tests splice into them. A fixture's lines that start with `# ` are its notes (where it comes from,
what was cut) and are dropped before a test reads it. `{{name}}` placeholders stand where a real
artifact has a token or a secret in clear: the tests mint those at run time (mint.ts and random
bytes), so nothing token-like is committed, and then check that none of them comes out.

```ts
const secrets = await mintSecrets();
const text = await readFixture('python-sdk/local-azure-core1.26-identity-arm-403-token-in-clear.txt', {token: secrets.armToken});
const har = signInHar(secrets, {apiUrl: 'https://management.azure.com/subscriptions/…'});
```
*/
import {randomBytes} from 'node:crypto';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect} from 'vitest';
import {root} from '../fakes/run-cli.ts';
import {audiences, mintToken} from './mint.ts';

export const fixturesDirectory = path.join(root, 'test', 'artifacts', 'fixtures');

/** Replaces every `{{name}}`; a placeholder without a value is a broken test, not a silent blank. */
export function splice(text: string, values: Readonly<Record<string, string>>): string {
	return text.replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => {
		const value = values[name];
		if (value === undefined) throw new Error(`no value for the fixture's {{${name}}}`);
		return value;
	});
}

/** A fixture's text without its notes, placeholders filled. */
export async function readFixture(relative: string, values: Readonly<Record<string, string>> = {}): Promise<string> {
	const text = await readFile(path.join(fixturesDirectory, relative), 'utf8');
	return splice(
		text
			.split('\n')
			.filter(line => !line.startsWith('# '))
			.join('\n'),
		values,
	);
}

/** A folder of its own for a test file's artifacts: `write` puts one there and says where. */
export async function artifactFolder(prefix: string) {
	const directory = await mkdtemp(path.join(tmpdir(), `authfix-${prefix}-`));
	return {
		directory,
		async write(name: string, text: string): Promise<string> {
			const file = path.join(directory, name);
			await writeFile(file, text);
			return file;
		},
		remove: () => rm(directory, {recursive: true, force: true}),
	};
}

/** Tenants of the made-up artifacts: the one the token came from and the subscription's. */
export const artifactIds = {
	tokenTenant: '72f0a8c1-3b5e-4d6f-8a9b-0c1d2e3f4a5b',
	subscriptionTenant: '5c8a0e1f-2b3d-4e5f-9a0b-1c2d3e4f5a6b',
	subscriptionId: '9d4e2a1b-7c3f-4e5d-8a9b-0c1d2e3f4a5c',
	clientId: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5d',
} as const;

export type Secrets = {
	/** The ARM token a failing request sent (v1, from the wrong tenant, expired). */
	readonly armToken: string;
	readonly idToken: string;
	readonly accessToken: string;
	readonly code: string;
	readonly clientSecret: string;
	readonly refreshToken: string;
	readonly samlResponse: string;
	readonly password: string;
	readonly estsCookie: string;
	readonly flowToken: string;
	readonly codeVerifier: string;
};

const opaque = (bytes: number) => randomBytes(bytes).toString('base64url');

/** Fresh tokens and secrets for one test: none of them may appear in anything authfix prints or saves. */
export async function mintSecrets(now = Date.now()): Promise<Secrets> {
	const arm = await mintToken({
		version: '1.0',
		audience: audiences.arm,
		tenantId: artifactIds.tokenTenant,
		clientId: artifactIds.clientId,
		now,
		expiresIn: -600,
	});
	const id = await mintToken({kind: 'id', tenantId: artifactIds.tokenTenant, clientId: artifactIds.clientId, now});
	const access = await mintToken({audience: audiences.graph, tenantId: artifactIds.tokenTenant, now});
	return {
		armToken: arm.token,
		idToken: id.token,
		accessToken: access.token,
		// An authorization code and a refresh token as Entra shapes them: 0.A… and long.
		code: `0.A${opaque(180)}`,
		refreshToken: `1.A${opaque(300)}`,
		// An Entra client secret: three characters, a digit, "Q~", 34 more.
		clientSecret: `${opaque(3).slice(0, 3).replace(/[-_]/g, 'x')}8Q~${opaque(30).slice(0, 34).replace(/[-_]/g, 'y')}`,
		samlResponse: Buffer.from(
			`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_${opaque(16)}"><Assertion>${opaque(120)}</Assertion></samlp:Response>`,
		).toString('base64'),
		password: `Pw-${opaque(12)}`,
		estsCookie: opaque(90),
		flowToken: `AQAB${opaque(160)}`,
		codeVerifier: opaque(32),
	};
}

/** Every secret value, to check output against. */
export function secretValues(secrets: Secrets): string[] {
	return Object.values(secrets);
}

/** No secret, whole, percent-encoded or as a token's payload or signature, in the text. */
export function expectNoSecrets(text: string, values: readonly string[]): void {
	for (const value of values) {
		const forms = [value, encodeURIComponent(value), ...value.split('.').filter(part => part.length >= 20)];
		for (const form of forms) expect(text, `a secret (${value.slice(0, 6)}…) came out`).not.toContain(form);
	}
}

type Entry = {
	request: {
		method: string;
		url: string;
		headers: Array<{name: string; value: string}>;
		cookies?: Array<{name: string; value: string}>;
		postData?: {mimeType: string; text: string};
	};
	response: {
		status: number;
		headers: Array<{name: string; value: string}>;
		cookies?: Array<{name: string; value: string}>;
		content: {size: number; mimeType: string; text?: string};
		redirectURL: string;
	};
};

function entry(
	method: string,
	url: string,
	options: {
		requestHeaders?: Record<string, string>;
		postData?: string;
		status: number;
		responseHeaders?: Record<string, string | string[]>;
		mimeType?: string;
		body?: string;
	},
): Entry {
	const pairs = (headers: Record<string, string | string[]>) =>
		Object.entries(headers).flatMap(([name, value]) =>
			(Array.isArray(value) ? value : [value]).map(item => ({name, value: item})),
		);
	const cookieHeader = options.requestHeaders?.cookie;
	const setCookies = options.responseHeaders?.['set-cookie'];
	return {
		request: {
			method,
			url,
			headers: [{name: ':method', value: method}, ...pairs(options.requestHeaders ?? {})],
			...(cookieHeader
				? {
						cookies: cookieHeader.split('; ').map(pair => ({
							name: pair.slice(0, pair.indexOf('=')),
							value: pair.slice(pair.indexOf('=') + 1),
						})),
					}
				: {}),
			...(options.postData ? {postData: {mimeType: 'application/x-www-form-urlencoded', text: options.postData}} : {}),
		},
		response: {
			status: options.status,
			headers: pairs(options.responseHeaders ?? {}),
			...(setCookies
				? {
						cookies: (Array.isArray(setCookies) ? setCookies : [setCookies]).map(cookie => ({
							name: cookie.slice(0, cookie.indexOf('=')),
							value: cookie.slice(cookie.indexOf('=') + 1, cookie.indexOf(';')),
						})),
					}
				: {}),
			content: {
				size: options.body?.length ?? 0,
				mimeType: options.mimeType ?? 'x-unknown',
				...(options.body === undefined ? {} : {text: options.body}),
			},
			redirectURL: (options.responseHeaders?.location as string | undefined) ?? '',
		},
	};
}

/**
A HAR of a browser sign-in, built as Chrome writes one, with a secret in every place the research
notes list: cookies (header and array, request and response), the password and ESTS session
fields of the login form, SAMLResponse, a code in a redirect's query, tokens in a fragment, a token
request with the code, code_verifier and client_secret, its response with access, refresh and ID
tokens, and an API call with `authorization: Bearer …`. It ends with the failure asked for: the API
call answered 401 (the token is from another tenant), or the sign-in refused (`#error=…` to the app).
*/
export function signInHar(
	secrets: Secrets,
	options: {readonly apiUrl?: string; readonly failure?: 'api' | 'sign-in'} = {},
): string {
	const tenant = artifactIds.subscriptionTenant;
	const login = `https://login.microsoftonline.com/${tenant}`;
	const app = 'https://app.example.com/';
	const apiUrl =
		options.apiUrl ??
		`https://management.azure.com/subscriptions/${artifactIds.subscriptionId}/resourcegroups?api-version=2021-04-01`;
	const cookies = `ESTSAUTH=${secrets.estsCookie}; ESTSAUTHPERSISTENT=${secrets.estsCookie}x; buid=${secrets.flowToken}`;
	const entries: Entry[] = [
		entry(
			'GET',
			`${login}/oauth2/v2.0/authorize?client_id=${artifactIds.clientId}&response_type=code&redirect_uri=${encodeURIComponent(app)}&response_mode=query&scope=openid&state=${secrets.codeVerifier}&nonce=${secrets.codeVerifier}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM`,
			{
				requestHeaders: {cookie: cookies, 'user-agent': 'Mozilla/5.0'},
				status: 200,
				responseHeaders: {'content-type': 'text/html', 'x-ms-request-id': '0b6b1c2d-3e4f-4a5b-8c9d-0e1f2a3b4c5d'},
				mimeType: 'text/html; charset=utf-8',
				body: `<html><script>$Config={"pgid":"ConvergedSignIn","sFT":"${secrets.flowToken}","sCtx":"${secrets.flowToken}","canary":"${secrets.estsCookie}","urlPost":"/${tenant}/login"};</script></html>`,
			},
		),
		entry('POST', `${login}/login`, {
			requestHeaders: {cookie: cookies, 'content-type': 'application/x-www-form-urlencoded'},
			postData: `login=user%40example.com&loginfmt=user%40example.com&passwd=${encodeURIComponent(secrets.password)}&flowToken=${secrets.flowToken}&canary=${secrets.estsCookie}&ctx=${secrets.flowToken}`,
			status: 200,
			responseHeaders: {
				'set-cookie': [
					`ESTSAUTH=${secrets.estsCookie}; path=/; secure; HttpOnly`,
					`ESTSAUTHLIGHT=${secrets.estsCookie}; path=/; secure`,
				],
			},
			mimeType: 'text/html',
			body: `<html><script>$Config={"pgid":"KmsiInterrupt","sFT":"${secrets.flowToken}"};</script></html>`,
		}),
		entry('POST', 'https://login.microsoftonline.com/login.srf', {
			postData: `SAMLResponse=${encodeURIComponent(secrets.samlResponse)}&RelayState=${secrets.codeVerifier}`,
			status: 302,
			responseHeaders: {location: `${login}/kmsi`},
		}),
		entry('POST', `${login}/kmsi`, {
			requestHeaders: {cookie: cookies},
			postData: `LoginOptions=1&type=28&ctx=${secrets.flowToken}&flowToken=${secrets.flowToken}`,
			status: 302,
			responseHeaders: {
				location: `${app}?code=${secrets.code}&state=${secrets.codeVerifier}&session_state=${secrets.codeVerifier}`,
			},
		}),
		entry('GET', `${app}?code=${secrets.code}&state=${secrets.codeVerifier}`, {
			status: 302,
			responseHeaders: {
				location: `${app}spa#access_token=${secrets.accessToken}&id_token=${secrets.idToken}&token_type=Bearer&code=${secrets.code}`,
			},
		}),
		entry('POST', `${login}/oauth2/v2.0/token`, {
			requestHeaders: {origin: 'https://app.example.com', 'content-type': 'application/x-www-form-urlencoded'},
			postData: `client_id=${artifactIds.clientId}&code=${secrets.code}&code_verifier=${secrets.codeVerifier}&grant_type=authorization_code&client_secret=${encodeURIComponent(secrets.clientSecret)}&redirect_uri=${encodeURIComponent(app)}`,
			status: 200,
			responseHeaders: {'content-type': 'application/json'},
			mimeType: 'application/json',
			body: JSON.stringify({
				token_type: 'Bearer',
				expires_in: 3599,
				access_token: secrets.armToken,
				refresh_token: secrets.refreshToken,
				id_token: secrets.idToken,
			}),
		}),
	];
	if (options.failure === 'sign-in') {
		entries.push(
			entry(
				'GET',
				`${login}/oauth2/v2.0/authorize?client_id=${artifactIds.clientId}&response_mode=fragment&state=${secrets.codeVerifier}`,
				{
					requestHeaders: {cookie: cookies},
					status: 302,
					responseHeaders: {
						location: `${app}spa#error=access_denied&error_description=${encodeURIComponent(`AADSTS50105: Your administrator has configured the application ('${artifactIds.clientId}') to block users unless they are specifically granted ('assigned') access to the application.\r\nTrace ID: 0b6b1c2d-3e4f-4a5b-8c9d-0e1f2a3b4c5d\r\nCorrelation ID: 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d`)}&state=${secrets.codeVerifier}&code=${secrets.code}`,
					},
				},
			),
		);
	} else {
		entries.push(
			entry('GET', apiUrl, {
				requestHeaders: {authorization: `Bearer ${secrets.armToken}`, cookie: cookies, accept: 'application/json'},
				status: 401,
				responseHeaders: {
					'content-type': 'application/json; charset=utf-8',
					'www-authenticate': `Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="The access token is from the wrong issuer."`,
					'x-ms-request-id': '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
					'x-ms-correlation-request-id': '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
					'set-cookie': `x-ms-gateway-slice=${secrets.estsCookie}; path=/`,
				},
				mimeType: 'application/json',
				body: JSON.stringify({
					error: {
						code: 'InvalidAuthenticationTokenTenant',
						message: `The access token is from the wrong issuer 'https://sts.windows.net/${artifactIds.tokenTenant}/'. It must match the tenant 'https://sts.windows.net/${tenant}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${tenant}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
					},
				}),
			}),
		);
	}

	return JSON.stringify(
		{
			log: {
				version: '1.2',
				creator: {name: 'WebInspector', version: '537.36', comment: 'made by authfix test/support/artifacts.ts'},
				pages: [{startedDateTime: '2026-01-01T00:00:00.000Z', id: 'page_1', title: app, pageTimings: {}}],
				entries,
			},
		},
		null,
		2,
	);
}
