/**
Secrets of every kind issue 12 lists, made at run time (nothing secret-looking is committed), each
embedded in real-shaped contexts: an `az --debug` log, a Python traceback, a PowerShell error
record, a curl command line, a JSON error body (also escaped inside another), a HAR entry, a URL
with a fragment, an environment dump, proxy errors, a CI log, a Markdown ticket, an HTML page.

```ts
for (const input of secretInputs()) {
	const output = explainText(input.text);                 // any output path
	expect(leaksIn(JSON.stringify(output), input.pieces)).toEqual([]);
}
```

`pieces` are the forms of the secret the text carries (raw, URL-encoded); `leaksIn` finds any
12-character piece of them in an output.
*/
import {randomBytes, randomInt, randomUUID} from 'node:crypto';
import type {EngineServices, SessionStore} from '../../source/engine/driver.ts';
import type {Session} from '../../source/engine/session.ts';

/** Where a secret sits: a header, a parameter (query, form, fragment), a URL, a variable, or a line as a tool prints it. */
export type Carrier =
	| {readonly kind: 'header'; readonly name: string; readonly value: string}
	| {readonly kind: 'param'; readonly name: string; readonly value: string; readonly url?: string}
	| {readonly kind: 'url'; readonly url: string}
	| {readonly kind: 'env'; readonly name: string; readonly value: string}
	| {readonly kind: 'line'; readonly text: string};

export type SecretKind = {
	readonly id: string;
	/** What the secret is, for reports. */
	readonly title: string;
	/** A fresh secret, the forms it takes in text, and the places it is found in. */
	make(ids: Ids): {readonly pieces: readonly string[]; readonly carriers: readonly Carrier[]};
};

/** The ids a context mentions: they are not secrets, and explain must still find them. */
export type Ids = {
	readonly tenant: string;
	readonly subscription: string;
	readonly client: string;
	readonly trace: string;
	readonly correlation: string;
};

export type SecretInput = {
	readonly kind: string;
	readonly context: string;
	readonly text: string;
	readonly pieces: readonly string[];
	readonly ids: Ids;
};

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick<T>(items: readonly T[]): T {
	return items[randomInt(items.length)]!;
}

function randomFrom(alphabet: string, length: number): string {
	let text = '';
	for (let index = 0; index < length; index++) text += alphabet[randomInt(alphabet.length)];
	return text;
}

/** A password as people choose them for proxies and PFX files: letters, digits and a few marks, never a quote. */
function password(): string {
	return `${randomFrom(alphanumeric, 1)}${randomFrom(`${alphanumeric}-._~!*^`, 11 + randomInt(12))}${randomInt(10)}`;
}

const base64 = (bytes: number) => randomBytes(bytes).toString('base64');
const base64url = (bytes: number) => randomBytes(bytes).toString('base64url');
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A JWT-shaped string (random claims, random signature): never a real token. */
function jwtShaped(ids: Ids): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return [
		part({alg: 'RS256', typ: 'JWT', kid: base64url(20)}),
		part({
			aud: `api://${ids.client}`,
			iss: `https://sts.windows.net/${ids.tenant}/`,
			sub: base64url(24),
			uti: base64url(16),
		}),
		base64url(256),
	].join('.');
}

const user = () => pick(['alice', 'svc-build', 'corp%5Cjdoe', 'deploy', 'j.doe']);
const host = () => `${pick(['proxy', 'squid', 'gw'])}.${pick(['contoso', 'fabrikam', 'corp'])}.example`;

export const secretKinds: readonly SecretKind[] = [
	{
		id: 'url-password',
		title: 'password in a URL (user:password@host), proxy variables and errors',
		make() {
			const secret = password();
			const proxy = `http://${user()}:${secret}@${host()}:${pick([3128, 8080, 80])}`;
			return {
				pieces: [secret],
				carriers: [
					{kind: 'url', url: proxy},
					{kind: 'url', url: `socks5h://${user()}:${secret}@${host()}:1080`},
					{kind: 'env', name: 'HTTPS_PROXY', value: proxy},
					{kind: 'env', name: 'HTTP_PROXY', value: proxy},
					{kind: 'env', name: 'ALL_PROXY', value: proxy},
					{kind: 'env', name: 'https_proxy', value: proxy},
					{kind: 'line', text: `git clone https://build:${secret}@dev.azure.com/contoso/infra/_git/deploy`},
					{kind: 'line', text: `pip install --proxy ${proxy} azure-identity`},
				],
			};
		},
	},
	{
		id: 'curl-user',
		title: 'curl -u / --user user:password',
		make(ids) {
			const secret = password();
			const url = `https://management.azure.com/subscriptions/${ids.subscription}?api-version=2022-12-01`;
			return {
				pieces: [secret],
				carriers: [
					{kind: 'line', text: `curl -sS -u ${user()}:${secret} ${url}`},
					{kind: 'line', text: `curl -sS --user "${user()}:${secret}" -X POST ${url}`},
					{kind: 'line', text: `curl -u${user()}:${secret} ${url}`},
					{kind: 'line', text: `curl --proxy http://${host()}:3128 --proxy-user ${user()}:${secret} ${url}`},
				],
			};
		},
	},
	{
		id: 'basic-auth',
		title: 'Authorization: Basic',
		make() {
			const secret = Buffer.from(`${user()}:${password()}`).toString('base64');
			return {
				pieces: [secret],
				carriers: [
					{kind: 'header', name: 'Authorization', value: `Basic ${secret}`},
					{kind: 'header', name: 'Proxy-Authorization', value: `Basic ${secret}`},
					{kind: 'line', text: `WWW-Authenticate: Basic realm="proxy" -- sent Authorization: Basic ${secret}`},
				],
			};
		},
	},
	{
		id: 'functions-key',
		title: 'Azure Functions key (?code=, x-functions-key)',
		make() {
			const raw = `${base64(40).slice(0, 54)}==`;
			const secret = pick([raw, raw.replaceAll('+', '-').replaceAll('/', '_')]);
			const site = `https://fn-orders-${hex(3)}.azurewebsites.net/api/orders`;
			return {
				pieces: [secret, encodeURIComponent(secret)],
				carriers: [
					{kind: 'header', name: 'x-functions-key', value: secret},
					{kind: 'param', name: 'code', value: encodeURIComponent(secret), url: site},
					{kind: 'url', url: `${site}?code=${encodeURIComponent(secret)}&clientId=default`},
					{
						kind: 'line',
						text: `az functionapp keys list: {"functionKeys": {"default": "${secret}"}, "masterKey": "${secret}", "systemKeys": {}}`,
					},
					{kind: 'env', name: 'FUNCTIONS_KEY', value: secret},
				],
			};
		},
	},
	{
		id: 'apim-key',
		title: 'API Management subscription key',
		make() {
			const secret = hex(16);
			const api = `https://apim-contoso-${hex(2)}.azure-api.net/orders/v1/items`;
			return {
				pieces: [secret],
				carriers: [
					{kind: 'header', name: 'Ocp-Apim-Subscription-Key', value: secret},
					{kind: 'param', name: 'subscription-key', value: secret, url: api},
					{kind: 'url', url: `${api}?subscription-key=${secret}&top=10`},
					{kind: 'env', name: 'APIM_SUBSCRIPTION_KEY', value: secret},
				],
			};
		},
	},
	{
		id: 'storage-key',
		title: 'storage account key and connection string',
		make() {
			const secret = base64(64);
			const account = `st${hex(4)}`;
			const connection = `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${secret};EndpointSuffix=core.windows.net`;
			return {
				pieces: [secret],
				carriers: [
					{kind: 'line', text: connection},
					{kind: 'env', name: 'AZURE_STORAGE_CONNECTION_STRING', value: connection},
					{kind: 'env', name: 'AZURE_STORAGE_KEY', value: secret},
					{
						kind: 'line',
						text: `az storage blob upload --account-name ${account} --account-key ${secret} -c logs -f a.log`,
					},
					{kind: 'line', text: `[{"keyName": "key1", "permissions": "FULL", "value": "${secret}"}]`},
				],
			};
		},
	},
	{
		id: 'service-bus-key',
		title: 'Service Bus / Event Hubs SharedAccessKey',
		make() {
			const secret = base64(32);
			const namespace = `sb-orders-${hex(3)}`;
			const connection = `Endpoint=sb://${namespace}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${secret}`;
			return {
				pieces: [secret],
				carriers: [
					{kind: 'line', text: connection},
					{kind: 'line', text: `${connection};EntityPath=orders`},
					{kind: 'env', name: 'EVENTHUB_CONNECTION_STRING', value: `${connection};EntityPath=telemetry`},
					{kind: 'line', text: `{"keyName": "RootManageSharedAccessKey", "primaryKey": "${secret}"}`},
				],
			};
		},
	},
	{
		id: 'sas-signature',
		title: 'SAS signature (sig=) in URLs, tokens, Cosmos DB auth',
		make(ids) {
			const raw = base64(32);
			const sig = encodeURIComponent(raw);
			const blob = `https://st${hex(4)}.blob.core.windows.net/logs/app.log`;
			const service =
				'sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2026-01-01T00%3A00%3A00Z&st=2025-01-01T00%3A00%3A00Z&spr=https';
			const delegation = `sv=2022-11-02&sr=b&sp=r&se=2026-01-01T00%3A00%3A00Z&skoid=${ids.client}&sktid=${ids.tenant}&skt=2025-12-31T00%3A00%3A00Z&ske=2026-01-01T00%3A00%3A00Z&sks=b&skv=2022-11-02`;
			return {
				pieces: [raw, sig],
				carriers: [
					{kind: 'url', url: `${blob}?${service}&sig=${sig}`},
					{kind: 'url', url: `${blob}?${delegation}&sig=${sig}`},
					{kind: 'param', name: 'sig', value: sig, url: blob},
					{
						kind: 'header',
						name: 'Authorization',
						value: `SharedAccessSignature sr=https%3A%2F%2Fsb-orders.servicebus.windows.net%2Forders&sig=${sig}&se=1767225600&skn=send`,
					},
					{kind: 'header', name: 'authorization', value: `type%3Dmaster%26ver%3D1.0%26sig%3D${sig}`},
					{kind: 'line', text: `az storage blob download --sas-token "sig=${sig}&${service}" -c logs -n app.log`},
					{kind: 'env', name: 'AZURE_STORAGE_SAS_TOKEN', value: `?${service}&sig=${sig}`},
					{kind: 'line', text: `BlobEndpoint=${blob};SharedAccessSignature=${service}&sig=${sig}`},
				],
			};
		},
	},
	{
		id: 'cosmos-key',
		title: 'Cosmos DB account key',
		make() {
			const secret = base64(64);
			const account = `cosmos-${hex(3)}`;
			return {
				pieces: [secret],
				carriers: [
					{kind: 'line', text: `AccountEndpoint=https://${account}.documents.azure.com:443/;AccountKey=${secret};`},
					{kind: 'line', text: `{"primaryMasterKey": "${secret}", "primaryReadonlyMasterKey": "${secret}"}`},
					{kind: 'env', name: 'COSMOS_KEY', value: secret},
					{
						kind: 'line',
						text: `client = CosmosClient("https://${account}.documents.azure.com:443/", credential='${secret}')`,
					},
					{
						kind: 'line',
						text: `$ az cosmosdb keys list -n ${account} -g rg --query primaryMasterKey -o tsv\n${secret}`,
					},
				],
			};
		},
	},
	{
		id: 'client-assertion',
		title: 'client_assertion (JWT-shaped or opaque)',
		make(ids) {
			const secret = pick([jwtShaped(ids), base64url(160)]);
			const token = `https://login.microsoftonline.com/${ids.tenant}/oauth2/v2.0/token`;
			return {
				pieces: [secret],
				carriers: [
					{kind: 'param', name: 'client_assertion', value: secret, url: token},
					{
						kind: 'line',
						text: `client_id=${ids.client}&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${secret}&grant_type=client_credentials`,
					},
					{
						kind: 'line',
						text: `az login --service-principal -u ${ids.client} --tenant ${ids.tenant} --federated-token ${secret}`,
					},
					{kind: 'env', name: 'AZURE_FEDERATED_TOKEN', value: secret},
				],
			};
		},
	},
	{
		id: 'auth-code',
		title: 'code= in redirect URLs (query and fragment)',
		make(ids) {
			const secret = pick([`0.A${base64url(300)}`, `M.C5${randomInt(10, 99)}_BAY.2.U.${base64url(27)}`, base64url(48)]);
			const redirect = `https://localhost:${randomInt(8000, 9000)}/`;
			return {
				pieces: [secret],
				carriers: [
					{kind: 'param', name: 'code', value: secret, url: redirect},
					{kind: 'url', url: `${redirect}?code=${secret}&state=${base64url(8)}&session_state=${ids.trace}`},
					{kind: 'url', url: `https://app.contoso.example/auth/callback#code=${secret}&state=${base64url(8)}`},
					{
						kind: 'line',
						text: `grant_type=authorization_code&client_id=${ids.client}&code=${secret}&redirect_uri=${encodeURIComponent(redirect)}`,
					},
				],
			};
		},
	},
	{
		id: 'url-token',
		title: 'id_token= / access_token= in redirect URLs and fragments',
		make(ids) {
			const secret = pick([jwtShaped(ids), `EwB${base64url(150)}`]);
			const callback = 'https://app.contoso.example/auth/callback';
			return {
				pieces: [secret],
				carriers: [
					{kind: 'url', url: `${callback}#id_token=${secret}&state=${base64url(8)}&session_state=${ids.trace}`},
					{kind: 'url', url: `${callback}#access_token=${secret}&token_type=Bearer&expires_in=3599`},
					{kind: 'param', name: 'access_token', value: secret, url: callback},
					{kind: 'param', name: 'id_token', value: secret, url: callback},
				],
			};
		},
	},
	{
		id: 'pfx-password',
		title: 'PFX password on command lines',
		make(ids) {
			const secret = password();
			return {
				pieces: [secret],
				carriers: [
					{
						kind: 'line',
						text: `openssl pkcs12 -export -in cert.pem -inkey key.pem -passout pass:${secret} -out cert.pfx`,
					},
					{kind: 'line', text: `openssl pkcs12 -in cert.pfx -nodes -passin pass:${secret} -out all.pem`},
					{
						kind: 'line',
						text: `az webapp config ssl upload -g rg -n app --certificate-file cert.pfx --certificate-password ${secret}`,
					},
					{
						kind: 'line',
						text: `az keyvault certificate import --vault-name kv -n web -f cert.pfx --password '${secret}'`,
					},
					{
						kind: 'line',
						text: `Connect-AzAccount -ServicePrincipal -ApplicationId ${ids.client} -Tenant ${ids.tenant} -CertificatePath ./cert.pfx -CertificatePassword (ConvertTo-SecureString -String '${secret}' -AsPlainText -Force)`,
					},
					{kind: 'line', text: `$pfxPassword = ConvertTo-SecureString -String "${secret}" -Force -AsPlainText`},
					{kind: 'line', text: `certutil -f -p ${secret} -importpfx cert.pfx`},
					{kind: 'env', name: 'AZURE_CLIENT_CERTIFICATE_PASSWORD', value: secret},
				],
			};
		},
	},
	// Kinds the probe found redacted already: kept here so that they stay so.
	{
		id: 'client-secret',
		title: 'Entra client secret (regression)',
		make(ids) {
			const secret = `${randomFrom(alphanumeric, 3)}8Q~${randomFrom(`${alphanumeric}_-.~`, 34)}`;
			return {
				pieces: [secret],
				carriers: [
					{kind: 'env', name: 'AZURE_CLIENT_SECRET', value: secret},
					{
						kind: 'param',
						name: 'client_secret',
						value: secret,
						url: `https://login.microsoftonline.com/${ids.tenant}/oauth2/v2.0/token`,
					},
					{kind: 'line', text: `az login --service-principal -u ${ids.client} -p ${secret} --tenant ${ids.tenant}`},
				],
			};
		},
	},
	{
		id: 'jwt',
		title: 'JWT access token (regression)',
		make(ids) {
			const secret = jwtShaped(ids);
			return {
				pieces: secret.split('.'),
				carriers: [
					{kind: 'header', name: 'Authorization', value: `Bearer ${secret}`},
					{kind: 'param', name: 'access_token', value: secret, url: 'https://app.contoso.example/'},
				],
			};
		},
	},
	{
		id: 'refresh-token',
		title: 'refresh token (regression)',
		make(ids) {
			const secret = `1.A${base64url(400)}`;
			return {
				pieces: [secret],
				carriers: [
					{
						kind: 'param',
						name: 'refresh_token',
						value: secret,
						url: `https://login.microsoftonline.com/${ids.tenant}/oauth2/v2.0/token`,
					},
					{kind: 'line', text: `{"token_type": "Bearer", "refresh_token": "${secret}", "expires_in": 3599}`},
				],
			};
		},
	},
];

/** A carrier as one line of text, the way most tools print it. */
function asLine(carrier: Carrier): string {
	switch (carrier.kind) {
		case 'header':
			return `${carrier.name}: ${carrier.value}`;
		case 'param':
			return `${carrier.url ?? 'https://app.contoso.example/'}?${carrier.name}=${carrier.value}`;
		case 'url':
			return carrier.url;
		case 'env':
			return `${carrier.name}=${carrier.value}`;
		case 'line':
			return carrier.text;
	}
}

const html = (text: string) =>
	text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

type Context = {readonly id: string; readonly render: (carrier: Carrier, ids: Ids) => string | undefined};

const aadsts = (ids: Ids) =>
	`AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${ids.client}'. Trace ID: ${ids.trace} Correlation ID: ${ids.correlation} Timestamp: 2025-11-22 01:02:03Z`;
const armRequest = (ids: Ids) =>
	`https://management.azure.com/subscriptions/${ids.subscription}/resourcegroups?api-version=2021-04-01`;
const wrongTenant = (ids: Ids) =>
	`(InvalidAuthenticationTokenTenant) The access token is from the wrong issuer 'https://sts.windows.net/${ids.tenant}/'. It must match the tenant 'https://sts.windows.net/${ids.client}/' associated with this subscription.`;

/** Real-shaped contexts: each renders a carrier as that tool would show it, or says it does not fit (undefined). */
export const contexts: readonly Context[] = [
	{
		id: 'az --debug',
		render(carrier, ids) {
			const prefix = 'DEBUG: cli.azure.cli.core.sdk.policies:';
			const body =
				carrier.kind === 'header'
					? `${prefix} Request headers:\n${prefix}     'Accept': 'application/json'\n${prefix}     '${carrier.name}': '${carrier.value}'`
					: carrier.kind === 'param'
						? `DEBUG: msal.oauth2cli.oauth2: Request data: {'client_id': '${ids.client}', '${carrier.name}': '${carrier.value}', 'grant_type': 'client_credentials'}`
						: `${prefix} Request URL: '${armRequest(ids)}'\nDEBUG: cli.azure.cli.core.util: ${asLine(carrier)}`;
			return `${prefix} Request method: 'GET'\n${body}\nERROR: ${aadsts(ids)}`;
		},
	},
	{
		id: 'Python traceback',
		render(carrier, ids) {
			const argument =
				carrier.kind === 'header'
					? `headers={'${carrier.name}': '${carrier.value}'}`
					: carrier.kind === 'param'
						? `data={'${carrier.name}': '${carrier.value}'}`
						: `'${asLine(carrier)}'`;
			return `Traceback (most recent call last):\n  File "/app/deploy.py", line 41, in main\n    response = session.post(url, ${argument})\n  File "/usr/lib/python3/site-packages/azure/core/pipeline/policies/_retry.py", line 562, in send\n    raise ClientAuthenticationError(response=response)\nazure.core.exceptions.ClientAuthenticationError: (InvalidAuthenticationInfo) Server failed to authenticate the request. ${argument}\nRequestId:${ids.trace}`;
		},
	},
	{
		id: 'PowerShell error record',
		render(carrier, ids) {
			const call =
				carrier.kind === 'header'
					? `Invoke-RestMethod -Uri '${armRequest(ids)}' -Headers @{'${carrier.name}'='${carrier.value}'}`
					: carrier.kind === 'param'
						? `Invoke-RestMethod -Method Post -Uri '${carrier.url ?? armRequest(ids)}' -Body @{client_id='${ids.client}'; ${carrier.name}='${carrier.value}'}`
						: asLine(carrier);
			return `Invoke-RestMethod : {"error":{"code":"InvalidAuthenticationToken","message":"The access token is invalid."}}\nAt C:\\deploy\\run.ps1:12 char:1\n+ ${call}\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-RestMethod], WebException\n    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand`;
		},
	},
	{
		id: 'curl command line',
		render(carrier, ids) {
			switch (carrier.kind) {
				case 'header':
					return `$ curl -sS -X GET -H 'Accept: application/json' -H "${carrier.name}: ${carrier.value}" '${armRequest(ids)}'\n{"error":{"code":"InvalidAuthenticationToken","message":"The access token is invalid."}}`;
				case 'param':
					return `$ curl -sS -X POST '${carrier.url ?? armRequest(ids)}' -d 'client_id=${ids.client}&${carrier.name}=${carrier.value}&grant_type=client_credentials'\n{"error":"invalid_client","error_description":"${aadsts(ids)}"}`;
				case 'url':
					return `$ curl -sS -i '${carrier.url}'\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer authorization_uri="https://login.microsoftonline.com/${ids.tenant}", error="invalid_token"`;
				default:
					return `$ ${asLine(carrier)}\ncurl: (22) The requested URL returned error: 401 ${wrongTenant(ids)}`;
			}
		},
	},
	{
		id: 'JSON error body',
		render(carrier, ids) {
			const quoted =
				carrier.kind === 'header' || carrier.kind === 'param' ? `"${carrier.name}": "${carrier.value}"` : undefined;
			return JSON.stringify(
				{
					error: {
						code: 'InvalidAuthenticationTokenTenant',
						message: `${wrongTenant(ids)} Request: ${asLine(carrier)}`,
					},
					request: {url: armRequest(ids), ...(quoted ? {raw: `{${quoted}}`} : {})},
				},
				null,
				2,
			);
		},
	},
	{
		id: 'JSON escaped inside a log line',
		render(carrier, ids) {
			const inner = JSON.stringify({
				error: {code: 'AuthenticationFailed', message: `${aadsts(ids)} ${asLine(carrier)}`},
			});
			return JSON.stringify({level: 'error', time: '2025-11-22T01:02:03Z', msg: 'call failed', body: inner});
		},
	},
	{
		id: 'HAR entry',
		render(carrier, ids) {
			const headers = [{name: 'Accept', value: 'application/json'}];
			const queryString: Array<{name: string; value: string}> = [];
			let url = armRequest(ids);
			let postData: unknown;
			if (carrier.kind === 'header') headers.push({name: carrier.name, value: carrier.value});
			else if (carrier.kind === 'param') {
				url = `${carrier.url ?? url}?${carrier.name}=${carrier.value}`;
				queryString.push({name: carrier.name, value: carrier.value});
				postData = {
					mimeType: 'application/x-www-form-urlencoded',
					params: [
						{name: 'client_id', value: ids.client},
						{name: carrier.name, value: carrier.value},
					],
					text: `client_id=${ids.client}&${carrier.name}=${carrier.value}`,
				};
			} else if (carrier.kind === 'url') url = carrier.url;
			const response = {
				status: 401,
				statusText: 'Unauthorized',
				headers: [{name: 'x-ms-request-id', value: ids.trace}],
				content: {
					mimeType: 'text/plain',
					text: `${aadsts(ids)}${carrier.kind === 'line' || carrier.kind === 'env' ? ` ${asLine(carrier)}` : ''}`,
				},
			};
			return JSON.stringify(
				{
					log: {
						version: '1.2',
						entries: [
							{request: {method: 'POST', url, headers, queryString, ...(postData ? {postData} : {})}, response},
						],
					},
				},
				null,
				1,
			);
		},
	},
	{
		id: 'URL with a fragment',
		render(carrier, ids) {
			if (carrier.kind === 'param')
				return `Navigated to ${carrier.url ?? 'https://app.contoso.example/'}#${carrier.name}=${carrier.value}&state=${base64url(6)}&session_state=${ids.trace}\n${aadsts(ids)}`;
			if (carrier.kind === 'url') return `Redirecting to ${carrier.url}#state=${base64url(6)}\n${aadsts(ids)}`;
			return undefined;
		},
	},
	{
		id: 'environment dump',
		render(carrier, ids) {
			if (carrier.kind !== 'env' && carrier.kind !== 'url') return undefined;
			const line = carrier.kind === 'env' ? asLine(carrier) : `HTTPS_PROXY=${carrier.url}`;
			return `$ env | sort\nAZURE_CLIENT_ID=${ids.client}\nAZURE_SUBSCRIPTION_ID=${ids.subscription}\nAZURE_TENANT_ID=${ids.tenant}\nHOME=/home/runner\n${line}\nNO_PROXY=localhost,127.0.0.1\nPATH=/usr/local/bin:/usr/bin:/bin\n$ az account get-access-token\nERROR: ${aadsts(ids)}`;
		},
	},
	{
		id: 'proxy errors',
		render(carrier, ids) {
			const url = carrier.kind === 'url' ? carrier.url : carrier.kind === 'env' ? carrier.value : '';
			if (!/^[a-z0-9]+:\/\//.test(url)) return undefined;
			return [
				`Error: connect ECONNREFUSED 10.20.30.40:3128 (proxy ${url})`,
				'    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16) {',
				"  errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: '10.20.30.40', port: 3128",
				'}',
				`requests.exceptions.ProxyError: HTTPSConnectionPool(host='login.microsoftonline.com', port=443): Max retries exceeded with url: /${ids.tenant}/oauth2/v2.0/token (Caused by ProxyError('Unable to connect to proxy', OSError('Tunnel connection failed: 407 Proxy Authentication Required'))) proxy=${url}`,
				`ERROR: HTTPSConnectionPool(host='management.azure.com', port=443): Max retries exceeded. Please check your proxy settings: ${url}`,
			].join('\n');
		},
	},
	{
		id: 'CI log',
		render(carrier, ids) {
			return `2025-11-22T01:02:03.4567890Z ##[group]Run az login\n2025-11-22T01:02:03.4567890Z ${asLine(carrier)}\n2025-11-22T01:02:04.0000000Z ##[error]${aadsts(ids)}\n2025-11-22T01:02:04.0000000Z ##[error]Process completed with exit code 1.`;
		},
	},
	{
		id: 'Markdown ticket',
		render(carrier, ids) {
			return `**Deploy fails since Monday**\n\nI run:\n\n\`\`\`\n${asLine(carrier)}\n\`\`\`\n\nand get \`${wrongTenant(ids)}\` on GET ${armRequest(ids)}`;
		},
	},
	{
		id: 'HTML error page',
		render(carrier, ids) {
			const json =
				carrier.kind === 'header' || carrier.kind === 'param'
					? `{"${carrier.name}": "${carrier.value}"}`
					: JSON.stringify({detail: asLine(carrier)});
			return `<html><body><h2>Sign-in failed</h2><p>${html(aadsts(ids))}</p><pre>${html(json)}</pre></body></html>`;
		},
	},
];

/** Fresh ids for one input. */
export function newIds(): Ids {
	return {
		tenant: randomUUID(),
		subscription: randomUUID(),
		client: randomUUID(),
		trace: randomUUID(),
		correlation: randomUUID(),
	};
}

/** Every kind, every carrier, in every context that fits it: a fresh secret and fresh ids each time. */
export function* secretInputs(kinds: readonly SecretKind[] = secretKinds): Generator<SecretInput> {
	for (const kind of kinds) {
		const count = kind.make(newIds()).carriers.length;
		for (let index = 0; index < count; index++) {
			for (const context of contexts) {
				const ids = newIds();
				const {pieces, carriers} = kind.make(ids);
				const text = context.render(carriers[index]!, ids);
				if (text !== undefined) yield {kind: kind.id, context: context.id, text, pieces, ids};
			}
		}
	}
}

/**
The 12-character pieces of the secrets found in an output (empty when none). A rolling hash scans the
output once without slicing it at every position (outputs are long, and there are hundreds).
*/
export function leaksIn(output: string, secrets: readonly string[], size = 12): string[] {
	const hash = (text: string, from: number) => {
		let value = 0;
		for (let index = from; index < from + size; index++) value = (Math.imul(value, 31) + text.charCodeAt(index)) | 0;
		return value;
	};

	const pieces = new Map<number, Set<string>>();
	for (const secret of secrets) {
		for (let index = 0; index + size <= secret.length; index++) {
			const key = hash(secret, index);
			if (!pieces.has(key)) pieces.set(key, new Set());
			pieces.get(key)!.add(secret.slice(index, index + size));
		}
	}

	// 31^size, to drop the character that leaves the window.
	let power = 1;
	for (let index = 0; index < size; index++) power = Math.imul(power, 31);
	const found = new Set<string>();
	let value = output.length >= size ? hash(output, 0) : 0;
	for (let index = 0; index + size <= output.length; index++) {
		if (index > 0) {
			value = (Math.imul(value, 31) + output.charCodeAt(index + size - 1)) | 0;
			value = (value - Math.imul(power, output.charCodeAt(index - 1))) | 0;
		}

		const candidates = pieces.get(value);
		if (candidates) {
			const piece = output.slice(index, index + size);
			if (candidates.has(piece)) found.add(piece);
		}
	}

	return [...found];
}

/**
Engine services whose every answer quotes `text`, as a real check's error quotes what it met (a
proxy URL, a response body): what the troubleshooter learns from the world carries the secret too.
*/
export function echoingServices(text: string): EngineServices {
	return {
		async runCheck(id) {
			return {id, status: 'fail', title: id, detail: `Could not run: ${text}`, facts: {requestUrl: text}};
		},
		async replay() {
			return {
				outcome: 'still-failing',
				attempts: [{label: 'before', status: 401, errorCode: text}],
				detail: text,
			};
		},
		async applyFix() {
			return {ok: false, detail: `The fix failed: ${text}`};
		},
		async listOptions() {
			return [{label: text, facts: {}}];
		},
		canApply: () => true,
		now: () => Date.parse('2025-11-22T01:02:03Z'),
	};
}

/** Resolves once the store has no work in flight. */
export function settled(store: SessionStore): Promise<Session> {
	return new Promise(resolve => {
		const check = () => {
			const session = store.getSnapshot();
			if (!session.pending) {
				off();
				resolve(session);
			}
		};

		const off = store.subscribe(check);
		check();
	});
}

/** Walks a session `steps` times with Enter's event (continue), letting each check answer. */
export async function walk(store: SessionStore, steps = 4): Promise<Session> {
	let session = await settled(store);
	for (let index = 0; index < steps && !session.outcome; index++) {
		store.dispatch({type: 'continue'});
		session = await settled(store);
	}

	return session;
}
