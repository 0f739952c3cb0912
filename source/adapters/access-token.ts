import {createHash} from 'node:crypto';
import {AccessToken} from './ports.ts';

/** A short, stable fingerprint of a secret: enough to tell two tokens apart, useless to an attacker. */
export function fingerprintOf(secret: string): string {
	return `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 12)}`;
}

export function createAccessToken(value: string): AccessToken {
	return new AccessToken(value, fingerprintOf(value));
}
