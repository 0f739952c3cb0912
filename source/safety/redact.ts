/**
The one redaction function every output path uses (reports, logs, the screen, JSON). Placeholder:
the full implementation replaces JWTs, refresh tokens, client secrets, passwords in pasted command
lines and assertion values with short fingerprints.
*/
export function redactSecrets(text: string): string {
	return text;
}
