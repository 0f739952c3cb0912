import {
	createHash,
	createHmac,
	createPrivateKey,
	createPublicKey,
	generateKeyPair,
	type KeyObject,
	randomUUID,
	sign,
	timingSafeEqual,
	verify,
} from 'node:crypto';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';

const signingKeyFile = 'signing-key.pem';

/** A published signing key as Entra publishes it: no `alg` (ce-0182, ce-0184); tokens name RS256 in their header. */
export type JsonWebKey = {
	readonly kty: 'RSA';
	readonly use: 'sig';
	readonly kid: string;
	readonly x5t: string;
	readonly n: string;
	readonly e: string;
};

export type Claims = Record<string, unknown>;

export type DecodedToken = {
	readonly header: Record<string, unknown>;
	readonly claims: Claims;
};

/** Why a token was refused, before any claim rule runs. */
export type TokenProblem = 'malformed' | 'bad-signature';

/** Signs RS256 tokens with the sandbox's persisted key, and checks tokens it signed. */
export class TokenSigner {
	readonly kid: string;
	readonly jwk: JsonWebKey;
	readonly #privateKey: KeyObject;
	readonly #publicKey: KeyObject;

	constructor(privateKey: KeyObject) {
		this.#privateKey = privateKey;
		this.#publicKey = createPublicKey(privateKey);
		const spki = this.#publicKey.export({format: 'der', type: 'spki'});
		this.kid = createHash('sha1').update(spki).digest('base64url');
		const jwk = this.#publicKey.export({format: 'jwk'});
		this.jwk = {kty: 'RSA', use: 'sig', kid: this.kid, x5t: this.kid, n: String(jwk.n), e: String(jwk.e)};
	}

	/** Signs off the main thread (libuv's pool): RSA signing is most of a token request's cost. */
	sign(claims: Claims, headerExtras: Record<string, unknown> = {}): Promise<string> {
		const header = {typ: 'JWT', alg: 'RS256', ...headerExtras, kid: this.kid};
		const signingInput = `${encodeJson(header)}.${encodeJson(claims)}`;
		return new Promise((resolve, reject) => {
			sign('sha256', Buffer.from(signingInput), this.#privateKey, (error, signature) => {
				if (error) reject(error);
				else resolve(`${signingInput}.${signature.toString('base64url')}`);
			});
		});
	}

	/** Decodes a token and checks that this sandbox signed it. Claims are not judged here. */
	verify(token: string): DecodedToken | TokenProblem {
		const decoded = decodeJwt(token);
		if (!decoded) return 'malformed';
		if (decoded.header['alg'] !== 'RS256' || decoded.header['kid'] !== this.kid) return 'bad-signature';
		const [header, payload, signature] = token.split('.');
		const valid = verify(
			'sha256',
			Buffer.from(`${header}.${payload}`),
			this.#publicKey,
			Buffer.from(signature!, 'base64url'),
		);
		return valid ? decoded : 'bad-signature';
	}
}

/** Loads the signing key from the state folder, or makes and saves one: tokens stay valid across restarts. */
export async function loadOrCreateSigner(directory: string): Promise<TokenSigner> {
	const file = path.join(directory, signingKeyFile);
	try {
		return new TokenSigner(createPrivateKey(await readFile(file, 'utf8')));
	} catch {
		const {privateKey} = await promisify(generateKeyPair)('rsa', {modulusLength: 2048});
		await mkdir(directory, {recursive: true, mode: 0o700});
		await writeFile(file, privateKey.export({format: 'pem', type: 'pkcs8'}), {mode: 0o600});
		return new TokenSigner(privateKey);
	}
}

/** Splits a compact JWT without checking anything; undefined when it is not one. */
export function decodeJwt(token: string): DecodedToken | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
		const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
		if (!isRecord(header) || !isRecord(claims)) return undefined;
		return {header, claims};
	} catch {
		return undefined;
	}
}

/** Checks an HS256 client assertion against the app's symmetric key. */
export function verifyHs256(token: string, key: string): DecodedToken | TokenProblem {
	const decoded = decodeJwt(token);
	if (!decoded) return 'malformed';
	if (decoded.header['alg'] !== 'HS256') return 'bad-signature';
	const [header, payload, signature] = token.split('.');
	const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
	const given = Buffer.from(signature!, 'base64url');
	return given.length === expected.length && timingSafeEqual(given, expected) ? decoded : 'bad-signature';
}

export function newId(): string {
	return randomUUID();
}

function encodeJson(value: unknown): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
