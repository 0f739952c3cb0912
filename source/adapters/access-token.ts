import {fingerprint} from '../safety/redact.ts';
import {AccessToken} from './ports.ts';

/** The token behind a wrapper that shows only its fingerprint: the same `sha256:…` that `decode` and redaction show. */
export function createAccessToken(value: string): AccessToken {
	return new AccessToken(value, fingerprint(value));
}
