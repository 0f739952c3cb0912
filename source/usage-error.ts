/**
Thrown for bad usage (`usage`: a flag, an argument, a command that does not exist) or bad input
(`input`: the text, file, id or URL given is not what the command takes; `cloud`: a cloud that
cannot be used): the composition root prints the message, or with `--json` the error document, and
exits 2.
*/
export class UsageError extends Error {
	override readonly name: string = 'UsageError';
	readonly code: 'usage' | 'input' | 'cloud' = 'usage';
}

/** Bad input: the data given (a file, a pasted text, a token, an id, a URL) cannot be used. */
export class InputError extends UsageError {
	override readonly name = 'InputError';
	override readonly code = 'input';
}
