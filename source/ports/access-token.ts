import type {JWTPayload} from 'jose';
import {fingerprint} from '../safety/redact.ts';
import {decodeJwt} from '../token/jwt.ts';

/**
A bearer token that cannot print itself: `String(token)` and `JSON.stringify(token)` show a short
fingerprint only. `reveal()` is for the two places that must send it (replay, ARM reads).
*/
export class AccessToken {
	readonly #value: string;
	readonly fingerprint: string;
	constructor(value: string, fingerprint: string) {
		this.#value = value;
		this.fingerprint = fingerprint;
	}

	reveal(): string {
		return this.#value;
	}

	toString(): string {
		return `token ${this.fingerprint}`;
	}

	toJSON(): string {
		return this.toString();
	}
}

/** The token behind a wrapper that shows only its fingerprint: the same `sha256:…` that `decode` and redaction show. */
export function createAccessToken(value: string): AccessToken {
	return new AccessToken(value, fingerprint(value));
}

export type DecodedToken = {
	readonly claims: JWTPayload & Record<string, unknown>;
	readonly header: Record<string, unknown>;
};

/** Claims without verification (token/jwt.ts, as `decode` reads them); undefined when it is not a JWT. */
export function decodeToken(token: AccessToken): DecodedToken | undefined {
	try {
		const {claims, header} = decodeJwt(token.reveal());
		return {claims: claims as DecodedToken['claims'], header};
	} catch {
		return undefined;
	}
}
