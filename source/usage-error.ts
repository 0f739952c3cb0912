/** Thrown for bad usage or bad input: the composition root prints the message and exits 2. */
export class UsageError extends Error {
	override readonly name: string = 'UsageError';
}
