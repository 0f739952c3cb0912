/**
What an error that ends a command becomes: one line for a person, or with `--json` the one JSON
document on stdout, `{"error":{"code","message"}}`, and the documented exit code (readme: "Errors
with --json"). The composition root is the only caller.
*/
import {exitCodes} from '../exit-codes.ts';
import {redactForDisplay} from '../safety/redact.ts';
import {terminalSafeJson} from '../safety/terminal-text.ts';
import {UsageError} from '../usage-error.ts';

export type FailureCode = 'usage' | 'input' | 'cloud' | 'unexpected';

export type Failure = {readonly code: FailureCode; readonly message: string; readonly exitCode: number};

export function failureOf(error: unknown): Failure {
	// An error message may quote what was given or met (a --cloud URL with a password, a proxy's URL).
	const message = redactForDisplay(error instanceof Error ? error.message : String(error));
	if (error instanceof UsageError) return {code: error.code, message, exitCode: exitCodes.usage};
	return {code: 'unexpected', message: `unexpected error: ${message}`, exitCode: exitCodes.problems};
}

/** The `--json` form: exactly one line of JSON. */
export function failureJson(failure: Failure): string {
	return `${terminalSafeJson({error: {code: failure.code, message: failure.message}})}\n`;
}

/** The human form: one line on stderr (the message is redacted and neutralised already). */
export function failureLine(failure: Failure): string {
	return `authfix: ${failure.message}\n`;
}

/**
Whether `--json` was asked for, read from the raw arguments: the error may be in the flags
themselves (`--timeout soon --json`), before they are parsed.
*/
export function wantsJson(argv: readonly string[]): boolean {
	const end = argv.indexOf('--');
	return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}
