/**
Exit codes, the public contract documented in the readme.
- `ok`: success (explain: something recognised; check: every check passed).
- `problems`: a problem was found (explain: nothing recognised; check: a check failed).
- `usage`: bad usage or bad input.
*/
export const exitCodes = {
	ok: 0,
	problems: 1,
	usage: 2,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
