import {fingerprint} from '../safety/redact.ts';

/** A decoded compact JWS. The token itself stays here: it is never printed, only fingerprinted. */
export type DecodedJwt = {
	readonly header: Readonly<Record<string, unknown>>;
	readonly claims: Readonly<Record<string, unknown>>;
	/** `sha256:` and the first 8 hex digits of the token's SHA-256: how output names the token. */
	readonly fingerprint: string;
	/** True when the third part is empty (an unsigned token, or one whose signature was removed). */
	readonly signatureMissing: boolean;
};

/** Why a text is not a JWT; the message is one line for people, without any of the text. */
export class TokenFormatError extends Error {
	override readonly name = 'TokenFormatError';
}

/** The most a token may weigh: real Entra tokens are 1 to 8 KiB; 64 KiB leaves room for big group claims. */
export const maxTokenBytes = 64 * 1024;

const base64urlPart = /^[A-Za-z0-9_-]*$/;

/**
Finds the token in what a person pasted: surrounding whitespace and quotes, `Bearer …`,
`Authorization: Bearer …`, or the JSON of `az account get-access-token` / a token response.
*/
export function extractToken(input: string): string {
	let text = input.replace(/^\uFEFF/, '').trim();
	if (text.startsWith('{')) {
		const fromJson = tokenFromJson(text);
		if (fromJson !== undefined) return fromJson;
	}

	text = text.replace(/^authorization\s*:\s*/i, '');
	text = text.replace(/^bearer(?:\s+|$)/i, '');
	text = text.trim();
	if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.endsWith(text[0])) {
		text = text.slice(1, -1).trim();
	}

	return text;
}

function tokenFromJson(text: string): string | undefined {
	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch {
		return undefined;
	}

	if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
	const record = document as Record<string, unknown>;
	for (const name of ['accessToken', 'access_token', 'id_token', 'idToken', 'token']) {
		const value = record[name];
		if (Object.hasOwn(record, name) && typeof value === 'string' && value.trim() !== '') return value.trim();
	}

	return undefined;
}

/**
Decodes a compact JWS JWT without verifying it. Throws TokenFormatError with a one-line reason for
anything else: empty text, the wrong number of parts, a JWE, bad base64url, JSON that is not an
object, a header without `alg`.
*/
export function decodeJwt(input: string): DecodedJwt {
	const token = extractToken(input);
	if (token === '') throw new TokenFormatError('no token given');
	if (token.length > maxTokenBytes) throw new TokenFormatError('the text is too long to be a token');
	if (/[^\u0021-\u007E]/.test(token)) {
		throw new TokenFormatError(
			/\s/.test(token)
				? 'not a JWT: a token has no spaces or line breaks inside (paste just the token)'
				: 'not a JWT: it contains characters that cannot appear in a token',
		);
	}

	const parts = token.split('.');
	if (parts.length === 5) {
		throw new TokenFormatError('this is an encrypted token (JWE): only the service it was issued for can read it');
	}

	if (parts.length !== 3) {
		throw new TokenFormatError(
			`not a JWT: expected three parts separated by dots (header.payload.signature), found ${parts.length}`,
		);
	}

	const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
	const header = decodeJsonObject(headerPart, 'header');
	if (typeof header.enc === 'string') {
		throw new TokenFormatError('this is an encrypted token (JWE): only the service it was issued for can read it');
	}

	if (typeof header.alg !== 'string' || header.alg === '') {
		throw new TokenFormatError('not a JWT: the header has no "alg" (signing algorithm)');
	}

	const claims = decodeJsonObject(payloadPart, 'payload');
	if (!base64urlPart.test(signaturePart)) {
		throw new TokenFormatError('not a JWT: the signature is not base64url');
	}

	return {header, claims, fingerprint: fingerprint(token), signatureMissing: signaturePart === ''};
}

function decodeJsonObject(part: string, what: 'header' | 'payload'): Record<string, unknown> {
	if (part === '') throw new TokenFormatError(`not a JWT: the ${what} is empty`);
	if (!base64urlPart.test(part) || part.length % 4 === 1) {
		throw new TokenFormatError(`not a JWT: the ${what} is not base64url`);
	}

	const bytes = Buffer.from(part, 'base64url');
	const text = new TextDecoder('utf-8', {fatal: false}).decode(bytes);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new TokenFormatError(`not a JWT: the ${what} is not JSON`);
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new TokenFormatError(`not a JWT: the ${what} is JSON but not an object`);
	}

	return value as Record<string, unknown>;
}
