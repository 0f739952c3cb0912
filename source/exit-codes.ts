/**
Exit codes, the public contract documented in the readme.
- `ok`: success (explain: something recognised; check: every check passed).
- `problems`: a problem was found (explain: nothing recognised; check: a check failed).
- `usage`: bad usage or bad input.
- `interrupted`: the user ended the troubleshooter with Ctrl-C (128 + SIGINT, as shells report it).
*/
export const exitCodes = {
	ok: 0,
	problems: 1,
	usage: 2,
	interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
