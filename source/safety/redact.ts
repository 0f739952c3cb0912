import {mapJsonStrings} from './json-strings.ts';
import {sha256Hex} from './sha256.ts';
import {neutralizeTerminalText} from './terminal-text.ts';

/**
The one redaction function every output path uses (reports, logs, the screen, JSON). It replaces
credentials with a short marker that still lets a person tell two values apart:
`[redacted JWT sha256:1a2b3c4d]` (the first 8 hex digits of the value's SHA-256).

What it removes:
- JWTs and JWEs (`eyJ…` compact serialisations), wherever they appear.
- Entra refresh tokens and authorization codes (`0.A…` / `1.A…` long opaque strings).
- Values of credential fields in JSON (also escaped JSON inside a string, JSON in HTML as
  `&quot;…&quot;`, and Python's `'…': '…'`), HAR `{"name": …, "value": …}` pairs, form bodies,
  query strings and URL fragments (also percent-encoded inside another URL) and PowerShell
  hashtables: `access_token`, `refresh_token`, `id_token`, `client_assertion`, `client_secret`,
  `password`, `sig`, `subscription-key`, Cosmos DB and Functions key fields, … . `code` when its
  value is a code to redeem or a Functions key (long, with letters and digits), not an error code
  (`error?code=50058`, `"code": "InvalidAuthenticationTokenTenant"`).
- Passwords in URLs (`https://user:password@proxy:3128`: the user name stays; also when a
  message was shortened right after `user:`) and in `curl -u` / `--user user:password`.
- Secrets on pasted command lines: `az login -p …`, `--password …`, `--client-secret …`,
  `-Secret …`, `-ClientSecret …`, `-CertificatePassword …`, `ConvertTo-SecureString '…'`,
  `openssl … -passin pass:…`, `certutil … -p …`, environment assignments such as
  `AZURE_CLIENT_SECRET=…`, `$env:AZURE_CLIENT_SECRET = "…"`, `COSMOS_KEY=…`.
- `Authorization: Bearer|Basic …`, bare `Bearer <token>` and `Basic <base64 of user:password>`,
  key headers (`x-functions-key`, `Ocp-Apim-Subscription-Key`, `api-key`, `aeg-sas-key`).
- Connection-string keys (`AccountKey=`, `SharedAccessKey=`, `SharedAccessSignature=`,
  `Password=`), SAS signatures (`sig=`; the rest of a SAS, `sv`, `se`, `sp`, `skoid`, `sktid`, is
  not secret and stays for diagnosis).
- Entra client-secret-shaped values (`abc8Q~…`, 40 characters), PEM private keys, GitHub tokens,
  and base64 keys standing alone (40 characters or more with `=` padding: storage, Cosmos DB,
  Service Bus and Functions keys as `az … keys list` prints them).

It leaves GUIDs, trace and correlation ids, timestamps, user and host names, URLs without secrets,
AADSTS codes and messages and `WWW-Authenticate` challenges (`Bearer realm="",
authorization_uri="…"`) alone. It is idempotent: redacting redacted text changes nothing.
*/
export function redactSecrets(text: string): string {
	let result = text;
	for (const rule of rules) result = result.replace(rule.pattern, rule.replace);
	return result;
}

/**
Redacts every string inside a JSON-like value (object keys stay), so that the document stays valid
JSON: redact before `JSON.stringify`, not after.
*/
export function redactJsonValue(value: unknown): unknown {
	return mapJsonStrings(value, redactSecrets);
}

/**
Text from a paste, a token or a service on its way to a screen, a report or a fact: escape
sequences and control characters are neutralised first (so none can split a secret and hide it from
the patterns), then secrets are redacted.
*/
export function redactForDisplay(text: string): string {
	return redactSecrets(neutralizeTerminalText(text));
}

/**
A piece of untrusted text (a service's answer, a tool's stderr) cut to `max` characters for a
message: redacted first, then cut, so a cut can never leave part of a secret whose pattern needed
what came after it.
*/
export function excerptOf(text: string, max: number): string {
	return redactSecrets(text).slice(0, max);
}

/** The short fingerprint used in markers and by `decode`: `sha256:` and the first 8 hex digits. */
export function fingerprint(secret: string): string {
	return `sha256:${sha256Hex(secret).slice(0, 8)}`;
}

/**
The marker that replaces a secret. `kind` names what it was, when that is known. Short values (a
password, say) get no fingerprint: 32 bits of the hash of a weak password would help guess it.
*/
export function redactionMarker(secret: string, kind?: string): string {
	const label = kind ? ` ${kind}` : '';
	return secret.length < 32 ? `[redacted${label}]` : `[redacted${label} ${fingerprint(secret)}]`;
}

/** Redacts a bare or quoted value, keeping its quotes. */
function redactValue(value: string): string {
	// Quotes escaped once or more (JSON inside JSON: \"…\", \\\"…\\\"), or as HTML shows them (&quot;…&quot;).
	const escaped = /^(\\+"|\\*&quot;)([\s\S]*?)(\\+"|\\*&quot;)$/.exec(value);
	if (escaped) {
		const [, open, inner, close] = escaped;
		return inner === '' ? value : `${open}${redactionMarker(inner!)}${close}`;
	}

	const quote = value[0];
	if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
		const inner = value.slice(1, -1);
		return inner === '' ? value : `${quote}${redactionMarker(inner)}${quote}`;
	}

	return redactionMarker(value);
}

type Rule = {
	readonly pattern: RegExp;
	readonly replace: (match: string, ...groups: string[]) => string;
};

const b64url = 'A-Za-z0-9_\\-';
// A value that is already a marker, a reference to a variable, or a placeholder (`<secret>`) rather than a secret.
const notRedactedOrVariable = String.raw`(?!["']?\[redacted)(?!["']?\$[{(A-Za-z_])(?!["']?%[A-Za-z_])(?!\()(?!["']?<[A-Za-z][\w.-]*>["']?(?:[\s;&|)]|$))`;
// A quoted or bare argument value.
const value = String.raw`\\+"(?:[^"\\\n]|\\(?!\\*"))*\\+"|\\*&quot;(?:(?!\\*&quot;)[^\n])*\\*&quot;|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"'\\;&|)]+`;
/** HTTP headers whose value is a key: Azure Functions, API Management, Azure OpenAI and AI services, Event Grid. */
export const keyHeaderNames: readonly string[] = [
	'x-functions-key',
	'ocp-apim-subscription-key',
	'x-api-key',
	'api-key',
	'aeg-sas-key',
	'aeg-sas-token',
];
const secretHeaders = keyHeaderNames.join('|');
/** Field names whose values are credentials (JSON keys, form fields, query parameters, HAR names). */
const secretFields = [
	'access_token',
	'refresh_token',
	'id_token',
	'client_assertion',
	'assertion',
	'client_secret',
	'password',
	'passwd',
	'device_code',
	'code_verifier',
	'subject_token',
	'actor_token',
	'accessToken',
	'refreshToken',
	'idToken',
	'clientSecret',
	'clientAssertion',
	'secret',
	'secretText',
	'secret_value',
	'federatedToken',
	'federated_token',
	'sas_token',
	'sasToken',
	// A SAS signature (storage, Service Bus, Event Hubs, Cosmos DB's `type=master&ver=1.0&sig=…`).
	'sig',
	// API Management's key as a query parameter.
	'subscription-key',
	'subscription_key',
	'apiKey',
	'api_key',
	// Storage, Service Bus and Cosmos DB keys as connection strings and `az … keys list` print them.
	'AccountKey',
	'SharedAccessKey',
	'masterKey',
	'primaryMasterKey',
	'secondaryMasterKey',
	'primaryReadonlyMasterKey',
	'secondaryReadonlyMasterKey',
	'primaryKey',
	'secondaryKey',
	secretHeaders,
].join('|');

/** Command-line options whose argument is a secret. */
const secretOptions = [
	'--password',
	'--client-secret',
	'--secret',
	'--federated-token',
	'--access-token',
	'--token',
	'--sas-token',
	'--account-key',
	'--certificate-password',
	'--pfx-password',
	'--client-assertion',
	'-Secret',
	'-ClientSecret',
	'-Password',
	'-AccessToken',
	'-CertificatePassword',
	'-PfxPassword',
	'-ApplicationSecret',
	'-FederatedToken',
	// keytool (Java keystores holding the same certificate credential).
	'-storepass',
	'-keypass',
	'-srcstorepass',
	'-deststorepass',
].join('|');

/** Environment-variable names whose value is a secret (`…_KEY`, but not `KEYVAULT_…`). */
const secretVariable = '[A-Za-z_][A-Za-z0-9_]*(?:SECRET|PASSWORD|PASSWD|TOKEN|KEY(?![A-Z])|ASSERTION)[A-Za-z0-9_]*';

/** What comes before a parameter: `?`, `&`, `#` (plain or as `%3F`, `%26`, `%23`), a space, a quote, `{` of a hashtable. */
const parameterStart = String.raw`(?:^|[?&#\s"'(;,{]|%26|%3F|%23)`;
/** A parameter's value, up to the next parameter (plain or percent-encoded). */
const parameterValue = String.raw`(?:(?!%26)[^&\s"'<>;,)#\\])+`;

/**
`code` is an authorization code to redeem or a Functions key when its value is long and mixes letters
and digits; an error code stays (`error?code=50058`, `"code": "InvalidAuthenticationTokenTenant"`,
`code=AADSTS50076`).
*/
function isSecretCode(code: string): boolean {
	return code.length >= 16 && /\d/.test(code) && /[a-z]/i.test(code) && !/^AADSTS\d+$/i.test(code);
}

/** Field names whose value is a secret, and `code` when its value is one (see isSecretCode). */
const fieldNames = `${secretFields}|code`;

/** Replaces a field's value with a marker (prefix, name and value are the rule's groups). */
function redactField(match: string, prefix: string, name: string, value: string): string {
	if (name.toLowerCase() === 'code' && !isSecretCode(value)) return match;
	return `${prefix}${redactionMarker(value)}`;
}

/** `Basic` credentials are base64 of `user:password`; "Basic authentication" is not. */
function isBasicCredential(encoded: string): boolean {
	const decoded = Buffer.from(encoded, 'base64').toString('latin1');
	return decoded.includes(':') && /^[\u0020-\u007E\u00A0-\u00FF]+$/.test(decoded);
}

/** A base64 key standing alone: random, so it mixes digits and both cases. */
function isRandomKey(text: string): boolean {
	return /\d/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text);
}

const rules: readonly Rule[] = [
	// JWE: five base64url parts, the first a JSON header.
	{
		pattern: new RegExp(
			String.raw`(?<![${b64url}])eyJ[${b64url}]+\.[${b64url}]*\.[${b64url}]+\.[${b64url}]+\.[${b64url}]+`,
			'g',
		),
		replace: match => redactionMarker(match, 'JWE'),
	},
	// JWS/JWT: header.payload.signature (the signature may be empty), or a header.payload pair.
	{
		pattern: new RegExp(
			String.raw`(?<![${b64url}])(?:eyJ[${b64url}]{4,}\.eyJ[${b64url}]*(?:\.[${b64url}]*)?|eyJ[${b64url}]{4,}\.[${b64url}]{4,}\.[${b64url}]*)`,
			'g',
		),
		replace: match => redactionMarker(match, 'JWT'),
	},
	// PEM private keys (a certificate credential pasted whole).
	{
		pattern: /-----BEGIN ((?:[A-Z]+ )*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g,
		replace: match => redactionMarker(match, 'private key'),
	},
	// GitHub tokens (they show up beside federated credentials in CI logs).
	{
		pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g,
		replace: match => redactionMarker(match, 'GitHub token'),
	},
	// Entra refresh tokens and authorization codes: 0.A… / 1.A… long opaque strings.
	{
		pattern: new RegExp(String.raw`(?<![${b64url}.])[01]\.A[${b64url}.*]{100,}`, 'g'),
		replace: match => redactionMarker(match, 'refresh token'),
	},
	// Passwords in URLs: http://user:password@proxy:3128 (also JSON-escaped, http:\/\/…). The user name stays.
	// A message shortened right after `user:` (no `@` left) still hides what follows, unless it is a port.
	{
		pattern:
			/((?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:(?:\\?\/){2}[^\s:/?#@"'<>[\]\\]*:)(?!\[redacted)(?:([^\s/?#"<>]+)@|([^\s/?#"<>@]+)$)/g,
		replace: (match, prefix, password, shortened) => {
			if (password !== undefined) return `${prefix}${redactionMarker(password)}@`;
			return /^\d+$/.test(shortened!) ? match : `${prefix}${redactionMarker(shortened!)}`;
		},
	},
	// HAR entries: {"name": "x-functions-key", "value": "…"} in headers, queryString, postData.params and cookies.
	{
		pattern: new RegExp(
			String.raw`((?<!\\)\\*"name\\*"\s*:\s*\\*"(${fieldNames}|authorization|proxy-authorization|cookie|set-cookie)\\*"\s*,\s*\\*"value\\*"\s*:\s*\\*"(?!(?:(?:Bearer|Basic|PoP)\s+)?\[redacted)(?:(?:Bearer|Basic|PoP)\s+)?)((?:[^"\\]|\\(?!\\*")[\s\S])+)(?=\\*")`,
			'gi',
		),
		replace: (match, prefix, name, value) => redactField(match, prefix!, name!, value!),
	},
	// JSON fields, also escaped inside another JSON string: "access_token":"…", \"password\": \"…\".
	{
		pattern: new RegExp(
			String.raw`((?<!\\)\\*"(${fieldNames})\\*"\s*:\s*\\*")${notRedactedOrVariable}((?:[^"\\]|\\(?!\\*")[\s\S])+)(?=\\*")`,
			'gi',
		),
		replace: (match, prefix, name, value) => redactField(match, prefix!, name!, value!),
	},
	// The same in HTML (an error page, an XML log): &quot;client_secret&quot;: &quot;…&quot;.
	{
		pattern: new RegExp(
			String.raw`(&quot;(${fieldNames})&quot;\s*:\s*&quot;)(?!\[redacted)((?:(?!&quot;)[^<\n])+)(?=&quot;)`,
			'gi',
		),
		replace: (match, prefix, name, value) => redactField(match, prefix!, name!, value!),
	},
	// Python reprs in tracebacks and `az --debug`: {'client_secret': '…', 'x-functions-key': '…'}.
	{
		pattern: new RegExp(String.raw`('(${fieldNames})'\s*:\s*')${notRedactedOrVariable}([^'\n]+)(?=')`, 'gi'),
		replace: (match, prefix, name, value) => redactField(match, prefix!, name!, value!),
	},
	// Form bodies, query strings and fragments, also percent-encoded inside another URL, and PowerShell
	// hashtables: client_secret=…&…, #access_token=…, ?code=…, %26sig%3D…, @{client_secret='…'}.
	{
		pattern: new RegExp(
			String.raw`(${parameterStart}(${fieldNames})\s*(?:=|%3D)\s*(?:\\*["'])?)${notRedactedOrVariable}(${parameterValue})`,
			'gi',
		),
		replace: (match, prefix, name, value) => redactField(match, prefix!, name!, value!),
	},
	// Key headers: x-functions-key: …, Ocp-Apim-Subscription-Key: …, -H "api-key: …", 'aeg-sas-key': '…'.
	{
		pattern: new RegExp(
			String.raw`(\b(?:${secretHeaders})(?:\\*["']|&quot;)?\s*[:=]\s*(?:\\*["']|&quot;)?)(?!\[redacted)([^\s"'<>,;&)}\]\\]+)`,
			'gi',
		),
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	// PowerShell: ConvertTo-SecureString 'secret' -AsPlainText, ConvertTo-SecureString -AsPlainText -Force -String "secret".
	{
		pattern: new RegExp(
			String.raw`(ConvertTo-SecureString(?:\s+-(?:AsPlainText|Force)\b)*\s+(?:-String\s+)?)(?!-)${notRedactedOrVariable}(${value})`,
			'gi',
		),
		replace: (_match, prefix, value) => `${prefix}${redactValue(value!)}`,
	},
	// Environment assignments: AZURE_CLIENT_SECRET=…, export X_TOKEN="…", $env:AZURE_CLIENT_SECRET = '…', COSMOS_KEY=….
	{
		pattern: new RegExp(
			String.raw`((?:^|[\s;'"(])(?:\$env:)?(${secretVariable})\s*=\s*)${notRedactedOrVariable}(${value})`,
			'gm',
		),
		replace: (match, prefix, name, value) =>
			/(?:URL|URI|FILE|PATH|ENDPOINT|ID|TYPE|NAME|HOST)$/i.test(name!) ? match : `${prefix}${redactValue(value!)}`,
	},
	// YAML/INI-like settings: client_secret: …, clientSecret = …
	{
		pattern: new RegExp(
			String.raw`((?:^|\s)(?:client_secret|clientSecret|client-secret|password)\s*[:=]\s*)${notRedactedOrVariable}(${value})`,
			'gim',
		),
		replace: (_match, prefix, value) => `${prefix}${redactValue(value!)}`,
	},
	// Command-line options: --password x, --client-secret=x, -Secret 'x', -ClientSecret "x".
	{
		pattern: new RegExp(
			String.raw`((?:^|\s)(?:${secretOptions})(?:\s+|=|:))(?!--)${notRedactedOrVariable}(${value})`,
			'gim',
		),
		replace: (_match, prefix, value) => `${prefix}${redactValue(value!)}`,
	},
	// openssl pkcs12 -passin pass:… / -passout pass:… (env: and file: name where the password is, not it).
	{
		pattern: /((?:^|\s)-pass(?:in|out)?\s+["']?pass:)(?!\[redacted)([^\s"']+)/gi,
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	// `az … login … -p secret`, `certutil … -p secret` (short -p only there: elsewhere -p means other things).
	{
		pattern: new RegExp(
			String.raw`(\b(?:az(?:\.cmd)?\s+login|certutil(?:\.exe)?)\b[^\n]{0,400}?\s-p(?:\s+|=))(?!--)${notRedactedOrVariable}(${value})`,
			'gi',
		),
		replace: (_match, prefix, value) => `${prefix}${redactValue(value!)}`,
	},
	// curl -u user:password, -uuser:password, --user / --proxy-user user:password: the password only.
	{
		pattern:
			/((?:\bcurl(?:\.exe)?\b[^\n]{0,400}?\s-[uU]\s*|(?:^|\s)--(?:proxy-)?user(?:\s+|=))(?:\\*["']|\\*&quot;)?[^\s:"'\\&]*:)(?!\[redacted)((?:(?!&quot;)[^\s"'\\])+)/gi,
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	// Authorization headers (also as JSON or a Python dict): Bearer and Basic credentials.
	{
		pattern: /(\bAuthorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|PoP)\s+)(?!\[redacted)([A-Za-z0-9\-._~+/]+=*)/gi,
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	// A bare "Bearer <token>" with a long token; a bare "Basic <base64 of user:password>".
	{
		pattern: /(\b(?:Encrypted)?Bearer\s+)(?![A-Za-z_-]+=["'])(?!\[redacted)([A-Za-z0-9\-._~+/]{20,}=*)/g,
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	{
		pattern: /(\b[Bb]asic\s+)(?!\[redacted)([A-Za-z0-9+/]{4,}={0,2})(?![A-Za-z0-9+/=])/g,
		replace: (match, prefix, value) => (isBasicCredential(value!) ? `${prefix}${redactionMarker(value!)}` : match),
	},
	// Connection strings: AccountKey=…; SharedAccessKey=…; Password=…; SharedAccessSignature=<a signature>
	// (a SAS query after it, sv=…&sig=…, keeps its readable parts: the sig rule above took its signature).
	{
		pattern:
			/(\b(?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)=)(?!\[redacted)(?![a-z]{2,3}=)(?!SharedAccessSignature\s)([^;"'\s&]+)/gi,
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	// Entra client secrets: three characters, a digit, "Q~", then 31 to 34 more (40 in all).
	{
		pattern: /(?<![A-Za-z0-9_\-.~])[A-Za-z0-9_\-.~]{3}\dQ~[A-Za-z0-9_\-.~]{31,34}(?![A-Za-z0-9_\-~])/g,
		replace: match => redactionMarker(match, 'client secret'),
	},
	// Base64 keys standing alone (`az storage account keys list`, `az functionapp keys list`,
	// `CosmosClient(url, credential='…')`): 40 characters or more, `=` padded, random.
	{
		pattern: /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{38,}={1,2}(?![A-Za-z0-9+/=_-])/g,
		replace: match => (isRandomKey(match) ? redactionMarker(match, 'key') : match),
	},
];
