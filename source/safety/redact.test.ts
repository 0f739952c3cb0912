import {randomBytes} from 'node:crypto';
import {base64url} from 'jose';
import {describe, expect, test} from 'vitest';
import {audiences, mintToken} from '../../test/support/mint.ts';
import {fingerprint, redactJsonValue, redactSecrets} from './redact.ts';

/** Random secret-shaped strings, made at run time. */
const opaque = (bytes: number) => base64url.encode(randomBytes(bytes));
const clientSecret = () => `${opaque(3).slice(0, 3)}8Q~${opaque(30).slice(0, 34)}`;
const refreshToken = () => `1.AXEA${opaque(600)}`;

/** Asserts the secrets are gone, the result is stable, and returns it. */
function expectRedacted(text: string, secrets: readonly string[]): string {
	const redacted = redactSecrets(text);
	for (const secret of secrets) expect(redacted, `still contains ${secret.slice(0, 12)}…`).not.toContain(secret);
	expect(redactSecrets(redacted)).toBe(redacted);
	return redacted;
}

describe('tokens', () => {
	test('a JWT anywhere becomes a marker with its fingerprint', async () => {
		const {token} = await mintToken();
		const redacted = expectRedacted(`token=${token} and again:${token}.`, [token, token.split('.')[2]!]);
		expect(redacted).toBe(`token=[redacted JWT ${fingerprint(token)}] and again:[redacted JWT ${fingerprint(token)}].`);
	});

	test('ID tokens, Graph nonce tokens, unsigned and signature-stripped tokens', async () => {
		const id = (await mintToken({kind: 'id'})).token;
		const graph = (await mintToken({graphNonce: true, audience: audiences.graph})).token;
		const stripped = `${id.split('.').slice(0, 2).join('.')}.`;
		const payloadOnly = id.split('.').slice(0, 2).join('.');
		expectRedacted(`${id}\n${graph}\n${stripped}\n${payloadOnly}`, [id, graph, id.split('.')[1]!]);
	});

	test('a JWE', () => {
		const jwe = `eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.${opaque(256)}.${opaque(12)}.${opaque(400)}.${opaque(16)}`;
		expect(expectRedacted(`x ${jwe} y`, [jwe.split('.')[3]!])).toBe(`x [redacted JWE ${fingerprint(jwe)}] y`);
	});

	test('a token response, raw and escaped inside another JSON string', async () => {
		const access = (await mintToken()).token;
		const refresh = refreshToken();
		const body = JSON.stringify({
			token_type: 'Bearer',
			scope: 'https://management.azure.com//user_impersonation',
			expires_in: 3599,
			access_token: access,
			refresh_token: refresh,
			id_token: 'short.opaque',
			client_info: 'eyJ1aWQiOiIxIn0',
		});
		const raw = expectRedacted(body, [access, refresh, 'short.opaque']);
		expect(JSON.parse(raw)).toMatchObject({expires_in: 3599, token_type: 'Bearer'});
		expectRedacted(JSON.stringify({log: body}), [access, refresh, 'short.opaque']);
	});

	test('a bare refresh token, but not the short rh claim', () => {
		const refresh = refreshToken();
		expectRedacted(`refresh: ${refresh}`, [refresh]);
		const rh = `0.AXoAv4j5cvGGr0GRqy180BHbR${opaque(20)}`;
		expect(redactSecrets(`"rh":"${rh}"`)).toBe(`"rh":"${rh}"`);
	});

	test('assertions and secrets in form bodies', async () => {
		const assertion = (await mintToken()).token;
		const secret = clientSecret();
		const form = `grant_type=client_credentials&client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46&client_secret=${encodeURIComponent(secret)}&client_assertion=${assertion}&assertion=opaque-${opaque(20)}&scope=https%3A%2F%2Fmanagement.azure.com%2F.default`;
		const redacted = expectRedacted(form, [secret, encodeURIComponent(secret), assertion]);
		expect(redacted).toContain('client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46');
		expect(redacted).toContain('scope=https%3A%2F%2Fmanagement.azure.com%2F.default');
		expect(redacted).not.toMatch(/assertion=opaque-/);
	});
});

describe('command lines and settings', () => {
	const secret = clientSecret();
	const cases: Array<[string, string]> = [
		[
			'az login -p',
			`az login --service-principal -u 6e1f3c2a-95d4-4c5e-9f0a-1b2c3d4e5f60 -p ${secret} --tenant contoso.onmicrosoft.com`,
		],
		['az login -p quoted', `az login -u alex@contoso.example -p 'pa ss word 1234567'`],
		['--password', `az ad sp create-for-rbac --password=${secret}`],
		['--client-secret', `azd auth login --client-id x --client-secret "${secret}" --tenant-id y`],
		['-Secret', `New-AzADSpCredential -ObjectId x -Secret ${secret}`],
		['ConvertTo-SecureString', `$p = ConvertTo-SecureString '${secret}' -AsPlainText -Force`],
		['AZURE_CLIENT_SECRET=', `AZURE_CLIENT_ID=abc AZURE_CLIENT_SECRET=${secret} node app.js`],
		['export with quotes', `export ARM_CLIENT_SECRET="${secret}"`],
		['$env:', `$env:AZURE_CLIENT_SECRET = '${secret}'`],
		['client_secret=', `curl -d "client_secret=${secret}&grant_type=client_credentials"`],
		['yaml', `  client_secret: ${secret}`],
		['bare secret shape', `the secret is ${secret}.`],
		[
			'-Password (ConvertTo-SecureString …)',
			`Connect-AzAccount -ServicePrincipal -Tenant t -Password (ConvertTo-SecureString "${secret}" -AsPlainText -Force)`,
		],
	];
	test.each(cases)('%s', (_name, line) => {
		const redacted = expectRedacted(line, [secret, 'pa ss word']);
		expect(redacted).toContain('[redacted');
	});

	test('keeps everything around a secret', () => {
		const line = `az login --service-principal -u 6e1f3c2a-95d4-4c5e-9f0a-1b2c3d4e5f60 -p ${secret} --tenant 72f0a8c1-3b5e-4d6f-8a9b-0c1d2e3f4a5b`;
		expect(redactSecrets(line)).toBe(
			`az login --service-principal -u 6e1f3c2a-95d4-4c5e-9f0a-1b2c3d4e5f60 -p [redacted ${fingerprint(secret)}] --tenant 72f0a8c1-3b5e-4d6f-8a9b-0c1d2e3f4a5b`,
		);
	});

	test('short secrets get no fingerprint (it would help guess a weak password)', () => {
		expect(redactSecrets('az login -u a@b.c -p hunter2')).toBe('az login -u a@b.c -p [redacted]');
		expect(redactSecrets('--password "hunter2"')).toBe('--password "[redacted]"');
	});

	test('variable references are not secrets', () => {
		const line =
			// biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, as people paste it
			'az login --service-principal -u $APP -p "$SECRET" && --client-secret ${{ secrets.X }} --password %PASS%';
		expect(redactSecrets(line)).toBe(line);
	});

	test('placeholders the user fills in are not secrets: `-p <secret>` stays as written', () => {
		const line =
			'az login --service-principal -u 1111 -p <secret> --tenant 2222 && az ad user update --password <temporary-password>';
		expect(redactSecrets(line)).toBe(line);
		expect(redactSecrets('az login -p <secret>hunter2')).toBe('az login -p [redacted]');
	});

	test('-p outside az login is left alone', () => {
		expect(redactSecrets('mkdir -p /tmp/x && ssh -p 2222 host')).toBe('mkdir -p /tmp/x && ssh -p 2222 host');
	});
});

describe('keys and other tokens', () => {
	test('a PEM private key, whole or cut off', () => {
		const body = Buffer.from(randomBytes(600))
			.toString('base64')
			.replace(/(.{64})/g, '$1\n');
		const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
		const redacted = expectRedacted(`cert:\n${pem}\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----`, [
			body.slice(0, 40),
		]);
		expect(redacted).toMatch(/^cert:\n\[redacted private key sha256:[0-9a-f]{8}]\n-----BEGIN CERTIFICATE-----\nMIIB\n/);
		expectRedacted(`-----BEGIN RSA PRIVATE KEY-----\n${body.slice(0, 200)}`, [body.slice(0, 40)]);
	});

	test('GitHub tokens', () => {
		const pat = `ghp_${opaque(30).replace(/[-_]/g, 'x').slice(0, 36)}`;
		expect(expectRedacted(`GITHUB=${pat} done`, [pat])).toBe(`GITHUB=[redacted GitHub token ${fingerprint(pat)}] done`);
	});
});

describe('headers, connection strings, SAS', () => {
	test('Authorization headers, Bearer and Basic', async () => {
		const {token} = await mintToken();
		const opaqueToken = opaque(40);
		const basic = Buffer.from(`user:${opaque(16)}`).toString('base64');
		const text = `Authorization: Bearer ${token}\nauthorization: Bearer ${opaqueToken}\nAuthorization: Basic ${basic}\nx-ms-authorization-auxiliary: Bearer ${opaqueToken}, EncryptedBearer ${opaqueToken}`;
		expectRedacted(text, [token, opaqueToken, basic]);
	});

	test('storage and service bus connection strings, SAS signatures', () => {
		const key = Buffer.from(randomBytes(64)).toString('base64');
		const sig = encodeURIComponent(Buffer.from(randomBytes(32)).toString('base64'));
		const redacted = expectRedacted(
			`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${key};EndpointSuffix=core.windows.net\nEndpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${key}\nhttps://acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2026-01-01T00%3A00%3A00Z&sp=r&sig=${sig}`,
			[key, sig],
		);
		expect(redacted).toContain('AccountName=acct;');
		expect(redacted).toContain('SharedAccessKeyName=Root;');
		expect(redacted).toContain('?sv=2022-11-02&se=2026-01-01T00%3A00%3A00Z&sp=r&sig=[redacted');
	});
});

describe('what must survive', () => {
	test('GUIDs, trace ids, timestamps, URLs, challenges and error texts are untouched', () => {
		const texts = [
			"AADSTS700016: Application with identifier '6e1f3c2a-95d4-4c5e-9f0a-1b2c3d4e5f60' was not found in the directory 'Contoso'. Trace ID: 255d1aef-8c98-452f-ac51-23d051240864 Correlation ID: fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7 Timestamp: 2026-01-09 02:02:12Z",
			'{"error":"invalid_client","error_codes":[7000215],"timestamp":"2023-05-06 06:03:00Z","trace_id":"255d1aef-8c98-452f-ac51-23d051240864","error_uri":"https://login.microsoftonline.com/error?code=7000215"}',
			'WWW-Authenticate: Bearer authorization_uri="https://login.windows.net/72f0a8c1-3b5e-4d6f-8a9b-0c1d2e3f4a5b", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
			'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
			'GET https://management.azure.com/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg?api-version=2022-12-01',
			'Bearer token authentication is not permitted for non-TLS protected (non-https) URLs.',
			'x-ms-routing-request-id: SOUTHEASTASIA:20211209T090027Z:7432ff8c-8f2d-4a6b-9d3b-2a3c4d5e6f70',
			'AADSTS50055: The password is expired. AADSTS7000222: The provided client secret keys for app are expired.',
			'ERROR: (InvalidAuthenticationTokenTenant) The access token is from the wrong issuer',
			'"password": ""',
		];
		for (const text of texts) expect(redactSecrets(text)).toBe(text);
	});

	test('redactJsonValue keeps the document valid JSON', () => {
		const value = {args: ['--password', '-p'], line: 'az login -u a -p "s3cret \\" x"', nested: {password: 'p'}, n: 1};
		const redacted = redactJsonValue(value) as typeof value;
		expect(redacted.n).toBe(1);
		expect(JSON.stringify(redacted)).not.toContain('s3cret');
		expect(() => JSON.parse(JSON.stringify(redacted))).not.toThrow();
	});
});

test('no pattern backtracks catastrophically: 512 KiB of any rule prefix, repeated', () => {
	const prefixes = [
		'eyJ',
		'eyJa.',
		'eyJabcd.eyJ',
		'az login ',
		'az login -p ',
		'"password":"',
		'\\"password\\":\\"',
		'Bearer ',
	]
		.concat(['Authorization: Bearer ', '-----BEGIN PRIVATE KEY-----', 'A_TOKEN=', '$env:X_SECRET=', '0.A', 'abc8Q~'])
		.concat([
			'client_secret=',
			'--password ',
			'ConvertTo-SecureString "',
			'AccountKey=',
			'&sig=',
			'ghp_',
			' -p ',
			'"x',
		]);
	for (const prefix of prefixes) {
		const text = prefix.repeat(Math.ceil((512 * 1024) / prefix.length));
		const started = performance.now();
		redactSecrets(text);
		// Linear patterns take milliseconds here; a quadratic one takes tens of seconds.
		expect(performance.now() - started, JSON.stringify(prefix)).toBeLessThan(3000);
	}
});
