import {randomBytes} from 'node:crypto';
import {base64url} from 'jose';
import {describe, expect, test} from 'vitest';
import {audiences, mintToken} from '../../test/support/mint.ts';
import {excerptOf, fingerprint, redactJsonValue, redactSecrets} from './redact.ts';

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

describe('passwords in URLs and Basic credentials', () => {
	const password = `P${opaque(12)}!x`;
	test.each([
		['HTTPS_PROXY', `HTTPS_PROXY=http://alice:${password}@proxy.corp.example:3128`],
		['lower-case proxy variable, quoted', `export https_proxy='http://corp%5Calice:${password}@10.1.2.3:8080/'`],
		['ALL_PROXY socks', `ALL_PROXY=socks5h://alice:${password}@proxy:1080`],
		['a proxy error', `Error: connect ECONNREFUSED 10.1.2.3:3128 (proxy http://alice:${password}@proxy:3128)`],
		['an @ inside the password', `http://alice:${password}@x@proxy:3128/`],
		['JSON-escaped slashes', `{"proxy":"http:\\/\\/alice:${password}@proxy:3128"}`],
		['git remote', `git clone https://build:${password}@dev.azure.com/org/project/_git/repo`],
	])('%s: the password goes, the user and host stay', (_name, line) => {
		const redacted = expectRedacted(line, [password]);
		expect(redacted).toMatch(/alice:\[redacted]@|build:\[redacted]@/);
		expect(redacted).toMatch(/proxy|10\.1\.2\.3|dev\.azure\.com/);
	});

	test('a message shortened right after user: still hides the rest, a port at the end stays', () => {
		const message = `ProxyError: cannot connect to http://alice:${password}@proxy:3128`;
		const shortened = message.slice(0, message.indexOf('@') - 3);
		expect(redactSecrets(shortened)).toBe('ProxyError: cannot connect to http://alice:[redacted]');
		expect(redactSecrets('ECONNREFUSED http://proxy.corp.example:3128')).toBe(
			'ECONNREFUSED http://proxy.corp.example:3128',
		);
	});

	test.each([
		['curl -u', `curl -u alice:${password} https://api.example/x`],
		['curl -uuser:password', `curl -sS -ualice:${password} https://api.example/x`],
		['curl --user quoted', `curl --user 'alice:${password}' https://api.example/x`],
		['--proxy-user', `curl --proxy http://proxy:3128 --proxy-user alice:${password} https://x`],
	])('%s', (_name, line) => {
		expect(expectRedacted(line, [password])).toContain('alice:[redacted]');
	});

	test('Basic credentials in headers, JSON, Python dicts and HAR entries; "Basic realm" and prose stay', () => {
		const basic = Buffer.from(`alice:${password}`).toString('base64');
		const text = [
			`Authorization: Basic ${basic}`,
			`{"Authorization": "Basic ${basic}"}`,
			`{'Authorization': 'Basic ${basic}'}`,
			`{"name": "Authorization", "value": "Basic ${basic}"}`,
			`-H "Proxy-Authorization: Basic ${basic}"`,
		].join('\n');
		const redacted = expectRedacted(text, [basic]);
		expect(redacted.match(/Basic \[redacted/g)).toHaveLength(5);
		for (const kept of ['WWW-Authenticate: Basic realm="api"', 'Basic authentication failed for user alice']) {
			expect(redactSecrets(kept)).toBe(kept);
		}
	});
});

describe('Azure keys, codes and signatures', () => {
	const hex32 = () => randomBytes(16).toString('hex');
	const base64 = (bytes: number) => randomBytes(bytes).toString('base64');
	const guid = '72f0a8c1-3b5e-4d6f-8a9b-0c1d2e3f4a5b';

	test('Functions keys: ?code=, x-functions-key, HAR, az functionapp keys list', () => {
		const key = `${base64(40).slice(0, 54)}==`;
		const text = [
			`POST https://fn-orders.azurewebsites.net/api/orders?code=${encodeURIComponent(key)}&clientId=default`,
			`curl -H "x-functions-key: ${key}" https://fn-orders.azurewebsites.net/api/orders`,
			`{"name": "x-functions-key", "value": "${key}"}`,
			`{"name": "code", "value": "${key}"}`,
			`{"functionKeys": {"default": "${key}"}, "masterKey": "${key}"}`,
		].join('\n');
		const redacted = expectRedacted(text, [key, encodeURIComponent(key)]);
		expect(redacted).toContain('&clientId=default');
		expect(redacted).toContain('fn-orders.azurewebsites.net/api/orders?code=[redacted');
	});

	test('API Management keys: the header, the query parameter, a Python dict', () => {
		const key = hex32();
		const text = `Ocp-Apim-Subscription-Key: ${key}\nGET https://apim.azure-api.net/orders?subscription-key=${key}\nheaders={'Ocp-Apim-Subscription-Key': '${key}'}`;
		expectRedacted(text, [key]);
	});

	test('storage, Service Bus, Event Hubs and Cosmos DB: connection strings, keys, SAS tokens', () => {
		const key = base64(64);
		const sasKey = base64(32);
		const sig = encodeURIComponent(base64(32));
		const text = [
			`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${key};EndpointSuffix=core.windows.net`,
			`AccountEndpoint=https://orders.documents.azure.com:443/;AccountKey=${key};`,
			`Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${sasKey};EntityPath=orders`,
			`SharedAccessSignature sig=${sig}&se=1767225600&skn=send&sr=https%3A%2F%2Fns.servicebus.windows.net%2Forders`,
			`Authorization: type%3Dmaster%26ver%3D1.0%26sig%3D${sig}`,
			`{"primaryMasterKey": "${key}", "secondaryReadonlyMasterKey": "${key}"}`,
			`[{"keyName": "key1", "permissions": "FULL", "value": "${key}"}]`,
			`AZURE_COSMOS_KEY=${key}`,
			`client = CosmosClient(url, credential='${key}')`,
		].join('\n');
		const redacted = expectRedacted(text, [key, sasKey, sig, decodeURIComponent(sig)]);
		expect(redacted).toContain('AccountName=acct;');
		expect(redacted).toContain('SharedAccessKeyName=send;');
		expect(redacted).toContain('&se=1767225600&skn=send&sr=https%3A%2F%2Fns.servicebus.windows.net%2Forders');
	});

	test('a SAS keeps its readable parts: sv (a version date), se, sp, skoid, sktid; only sig goes', () => {
		const sig = encodeURIComponent(base64(32));
		const sas = `sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01T00%3A00%3A00Z&skoid=${guid}&sktid=${guid}&skt=2025-12-31T00%3A00%3A00Z&ske=2026-01-01T00%3A00%3A00Z&sks=b&skv=2022-11-02&sig=${sig}`;
		const text = `https://acct.blob.core.windows.net/c/b.txt?${sas}\naz storage blob list --sas-token "sig=${sig}&sv=2022-11-02"\nBlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=${sas}\n{"name": "sig", "value": "${sig}"}\nredirect_uri=https%3A%2F%2Fapp%3Fsv%3D2022-11-02%26sig%3D${sig}`;
		const redacted = expectRedacted(text, [sig, decodeURIComponent(sig)]);
		expect(redacted).toContain(
			`?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01T00%3A00%3A00Z&skoid=${guid}&sktid=${guid}&`,
		);
		expect(redacted).toContain('SharedAccessSignature=sv=2022-11-02&');
	});

	test('codes and tokens in redirect URLs, query or fragment; assertions in form bodies and HAR', async () => {
		const code = `0.AXoA${opaque(40)}`;
		const msaCode = `M.C507_BAY.2.U.${opaque(18)}`;
		const opaqueToken = `EwB${opaque(90)}`;
		const assertion = (await mintToken()).token;
		const text = [
			`https://localhost:8400/?code=${code}&state=abc&session_state=${guid}`,
			`https://app.example/callback#code=${msaCode}&state=abc`,
			`https://app.example/callback#access_token=${opaqueToken}&token_type=Bearer&expires_in=3599`,
			`https://app.example/callback#id_token=${opaqueToken}&state=abc`,
			`client_id=${guid}&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${assertion}`,
			`{"name": "client_assertion", "value": "${opaqueToken}"}`,
		].join('\n');
		const redacted = expectRedacted(text, [code, msaCode, opaqueToken, assertion]);
		expect(redacted).toContain(`&state=abc&session_state=${guid}`);
		expect(redacted).toContain(`client_id=${guid}&`);
	});

	test('the same fields as JSON in HTML, in PowerShell hashtables, quoted inside escaped JSON', () => {
		const key = hex32();
		const secret = `Pfx${opaque(12)}`;
		const text = [
			`<pre>{&quot;Ocp-Apim-Subscription-Key&quot;: &quot;${key}&quot;, &quot;client_secret&quot;: &quot;${secret}&quot;}</pre>`,
			`Invoke-RestMethod -Method Post -Body @{client_id='x'; client_secret='${secret}'; subscription-key = '${key}'}`,
			JSON.stringify({
				log: `curl --user "alice:${secret}" -H "x-functions-key: ${key}" && ConvertTo-SecureString -String "${secret}"`,
			}),
			`{&quot;detail&quot;:&quot;curl -u \\&quot;alice:${secret}\\&quot; https://x&quot;}`,
		].join('\n');
		expectRedacted(text, [key, secret]);
	});

	test('code is a secret in any form when it looks like one; error codes stay', () => {
		const code = `0.AXoA${opaque(20)}`;
		const text = `{"code": "${code}"}\n{'code': '${code}'}\n{"name": "code", "value": "${code}"}\n@{code='${code}'}`;
		expectRedacted(text, [code]);
		const kept = `{"error": {"code": "InvalidAuthenticationTokenTenant"}} {'code': 'AuthorizationFailed'} @{code='7000215'}`;
		expect(redactSecrets(kept)).toBe(kept);
	});

	test('PFX passwords on command lines', () => {
		const secret = `Pfx${opaque(12)}`;
		const lines = [
			`openssl pkcs12 -export -in cert.pem -inkey key.pem -passout pass:${secret} -out cert.pfx`,
			`openssl pkcs12 -in cert.pfx -nodes -passin pass:${secret}`,
			`az webapp config ssl upload -g rg -n app --certificate-file cert.pfx --certificate-password ${secret}`,
			`Import-PfxCertificate -FilePath cert.pfx -Password (ConvertTo-SecureString -AsPlainText -Force -String '${secret}')`,
			`$pwd = ConvertTo-SecureString -String ${secret} -Force -AsPlainText`,
			`Connect-AzAccount -ServicePrincipal -CertificatePath cert.pfx -CertificatePassword "${secret}"`,
			`certutil -f -p ${secret} -importpfx cert.pfx`,
			`AZURE_CLIENT_CERTIFICATE_PASSWORD=${secret}`,
		];
		for (const line of lines) expect(expectRedacted(line, [secret])).toContain('[redacted');
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
			'Visit https://login.microsoftonline.com/error?code=50058 or aka.ms; code=AADSTS700016; error?code=InvalidAuthenticationTokenTenant',
			'{"error":{"code":"InvalidAuthenticationTokenTenant","message":"The access token is from the wrong issuer"}}',
			'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 x-ms-request-id: 4bf92f3577b34da6a3ce929d0e0e4736',
			'HTTPS_PROXY=http://proxy.corp.example:3128 NO_PROXY=localhost,127.0.0.1 https://alice@dev.azure.com/org',
			'SSH_KEY_PATH=/home/alice/.ssh/id_rsa AZURE_KEYVAULT_URL=https://kv.vault.azure.net/ KEY_VAULT_NAME=kv-orders',
			'docker run -u 1000:1000 image && az login -u alice@contoso.example --tenant 72f0a8c1-3b5e-4d6f-8a9b-0c1d2e3f4a5b',
			'https://acct.blob.core.windows.net/c?restype=container&comp=list&sv=2022-11-02&skoid=72f0a8c1-3b5e-4d6f-8a9b-0c1d2e3f4a5b',
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
		.concat(['client_secret=', '--password ', 'ConvertTo-SecureString "', 'AccountKey=', '&sig=', 'ghp_', ' -p ', '"x'])
		.concat([
			'\\',
			'http://a:',
			'a.',
			'curl -u ',
			' --user a:',
			'?code=a1',
			'"name":"sig","value":"',
			'x-functions-key: ',
		])
		.concat([
			'Basic ',
			'ConvertTo-SecureString -Force ',
			'%26sig%3D',
			'Aa1',
			"'password': '",
			'certutil -p',
			'-passin pass:',
		]);
	for (const prefix of prefixes) {
		const text = prefix.repeat(Math.ceil((512 * 1024) / prefix.length));
		const started = performance.now();
		redactSecrets(text);
		// Linear patterns take milliseconds here; a quadratic one takes tens of seconds.
		expect(performance.now() - started, JSON.stringify(prefix)).toBeLessThan(3000);
	}
});

describe('excerptOf', () => {
	test('redacts before it cuts: a cut inside a secret leaves no piece of it', () => {
		const password = 'Zq8pL2wX9vR4tK7mN3bH';
		const text = `connect ECONNREFUSED via http://deploy:${password}@proxy.example:3128 while reading the keys`;
		for (let max = 20; max <= text.length; max++) {
			const excerpt = excerptOf(text, max);
			expect(excerpt.length).toBeLessThanOrEqual(max);
			for (let start = 0; start + 8 <= password.length; start++)
				expect(excerpt, `max ${max}`).not.toContain(password.slice(start, start + 8));
		}
	});
});
