import {createHash} from 'node:crypto';

/**
The one redaction function every output path uses (reports, logs, the screen, JSON). It replaces
credentials with a short marker that still lets a person tell two values apart:
`[redacted JWT sha256:1a2b3c4d]` (the first 8 hex digits of the value's SHA-256).

What it removes:
- JWTs and JWEs (`eyJ…` compact serialisations), wherever they appear.
- Entra refresh tokens (`0.A…` / `1.A…` long opaque strings).
- Values of credential fields in JSON (also escaped JSON inside a string), form bodies and query
  strings: `access_token`, `refresh_token`, `id_token`, `client_assertion`, `assertion`,
  `client_secret`, `password`, `accessToken`, … .
- Secrets on pasted command lines: `az login -p …`, `--password …`, `--client-secret …`,
  `-Secret …`, `-ClientSecret …`, `ConvertTo-SecureString '…'`, environment assignments such as
  `AZURE_CLIENT_SECRET=…`, `$env:AZURE_CLIENT_SECRET = "…"`.
- `Authorization: Bearer|Basic …` and bare `Bearer <token>` values.
- Connection-string keys (`AccountKey=`, `SharedAccessKey=`, `Password=`), SAS signatures (`sig=`).
- Entra client-secret-shaped values (`abc8Q~…`, 40 characters), PEM private keys, GitHub tokens.

It leaves GUIDs, trace and correlation ids, timestamps, URLs without secrets and `WWW-Authenticate`
challenges (`Bearer realm="", authorization_uri="…"`) alone. It is idempotent: redacting redacted
text changes nothing.
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
	if (typeof value === 'string') return redactSecrets(value);
	if (Array.isArray(value)) return value.map(item => redactJsonValue(item));
	if (typeof value === 'object' && value !== null) {
		const result: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) {
			Object.defineProperty(result, key, {
				value: redactJsonValue(item),
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}

		return result;
	}

	return value;
}

/** The short fingerprint used in markers and by `decode`: `sha256:` and the first 8 hex digits. */
export function fingerprint(secret: string): string {
	return `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 8)}`;
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
	if (value.startsWith('\\"') && value.endsWith('\\"') && value.length >= 4) {
		const inner = value.slice(2, -2);
		return inner === '' ? value : `\\"${redactionMarker(inner)}\\"`;
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
const value = String.raw`\\"(?:[^"\\\n]|\\(?!"))*\\"|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"'\\;&|)]+`;
/** Field names whose values are credentials (JSON keys, form fields, query parameters). */
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
	'--client-assertion',
	'-Secret',
	'-ClientSecret',
	'-Password',
	'-AccessToken',
	'-CertificatePassword',
	'-ApplicationSecret',
	'-FederatedToken',
].join('|');

/** Environment-variable names whose value is a secret. */
const secretVariable =
	'[A-Za-z_][A-Za-z0-9_]*(?:SECRET|PASSWORD|PASSWD|TOKEN|ACCESS_KEY|ACCOUNT_KEY|API_KEY|ASSERTION)[A-Za-z0-9_]*';

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
	// Entra refresh tokens: 0.A… / 1.A… long opaque strings.
	{
		pattern: new RegExp(String.raw`(?<![${b64url}.])[01]\.A[${b64url}.*]{100,}`, 'g'),
		replace: match => redactionMarker(match, 'refresh token'),
	},
	// JSON fields, also escaped inside another JSON string: "access_token":"…", \"password\": \"…\".
	{
		pattern: new RegExp(
			String.raw`((?:\\*")(?:${secretFields})\\*"\s*:\s*\\*")${notRedactedOrVariable}((?:[^"\\]|\\(?!\\*")[\s\S])+)(?=\\*")`,
			'gi',
		),
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	// Form bodies and query strings: client_secret=…&…
	{
		pattern: new RegExp(
			String.raw`((?:^|[?&\s"'(;,])(?:${secretFields})=)${notRedactedOrVariable}([^&\s"'<>;,)]+)`,
			'gi',
		),
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	// PowerShell: ConvertTo-SecureString 'secret' -AsPlainText, ConvertTo-SecureString -String "secret".
	{
		pattern: new RegExp(
			String.raw`(ConvertTo-SecureString\s+(?:-String\s+)?)${notRedactedOrVariable}("(?:[^"\\\n]|\\.)*"|'[^'\n]*')`,
			'gi',
		),
		replace: (_match, prefix, value) => `${prefix}${redactValue(value!)}`,
	},
	// Environment assignments: AZURE_CLIENT_SECRET=…, export X_TOKEN="…", $env:AZURE_CLIENT_SECRET = '…'.
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
	// `az … login … -p secret` (short -p only on az login lines: elsewhere -p means other things).
	{
		pattern: new RegExp(
			String.raw`(\baz(?:\.cmd)?\s+login\b[^\n]{0,400}?\s-p(?:\s+|=))(?!--)${notRedactedOrVariable}(${value})`,
			'gi',
		),
		replace: (_match, prefix, value) => `${prefix}${redactValue(value!)}`,
	},
	// Authorization headers: Bearer and Basic credentials; bare "Bearer <token>" with a long token.
	{
		pattern: /(\bAuthorization\s*[:=]\s*["']?(?:Bearer|Basic|PoP)\s+)(?!\[redacted)([A-Za-z0-9\-._~+/]+=*)/gi,
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	{
		pattern: /(\b(?:Encrypted)?Bearer\s+)(?![A-Za-z_-]+=["'])(?!\[redacted)([A-Za-z0-9\-._~+/]{20,}=*)/g,
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	// Connection strings and SAS: AccountKey=…; SharedAccessKey=…; Password=…; sig=…
	{
		pattern: /(\b(?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)=)(?!\[redacted)([^;"'\s&]+)/gi,
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	{
		pattern: /([?&;]sig=)(?!\[redacted)([^&\s"'<>;]+)/gi,
		replace: (_match, prefix, value) => `${prefix}${redactionMarker(value!)}`,
	},
	// Entra client secrets: three characters, a digit, "Q~", then 31 to 34 more (40 in all).
	{
		pattern: /(?<![A-Za-z0-9_\-.~])[A-Za-z0-9_\-.~]{3}\dQ~[A-Za-z0-9_\-.~]{31,34}(?![A-Za-z0-9_\-~])/g,
		replace: match => redactionMarker(match, 'client secret'),
	},
];
