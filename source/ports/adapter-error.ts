/**
Why an adapter could not do what was asked. Checks switch on `code` (jose style) and turn it into a
finding; the message is one sentence for people, already free of secrets.
*/
export type AdapterErrorCode =
	| 'not-installed'
	| 'not-signed-in'
	| 'timeout'
	| 'aborted'
	| 'garbage'
	| 'failed'
	| 'unavailable'
	| 'refused'
	| 'tls'
	| 'http'
	| 'invalid-argument';

export class AdapterError extends Error {
	override readonly name = 'AdapterError';
	readonly code: AdapterErrorCode;
	/** Extra words for the finding (an AADSTS line, stderr's first ERROR line), already redacted. */
	readonly detail: string | undefined;
	/** With code 'http': the HTTP status the service answered. */
	readonly status: number | undefined;
	constructor(code: AdapterErrorCode, message: string, detail?: string, status?: number) {
		super(message);
		this.code = code;
		this.detail = detail;
		this.status = status;
	}
}
