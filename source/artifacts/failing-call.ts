/**
The call `authfix replay --from FILE` sends again: the artifact's last failed request that a
replay may send (the caller says which URLs: this cloud's ARM and Graph), and the failure as the
artifact recorded it, which becomes the replay's "before". The Authorization header the artifact
logged is never part of it: the replay gets a fresh token.
*/
import {pickFailing} from './exchange.ts';
import type {Artifact, Exchange} from './types.ts';

export type FailingCall = {
	readonly method: string;
	readonly url: string;
	/** The request body, when the artifact holds it whole (a redacted body is not sent). */
	readonly body?: string;
	/** The failure as recorded: status, error code and ids, as `replay --failed-with` reads them. */
	readonly failedWith: string;
	readonly at: number;
};

const redacted = /\[redacted\b|\bREDACTED\b|\*{3,}|<redacted>/;

/** What the exchange's response said, as the replay's "before": status first, then the body and the ids. */
function failureText(exchange: Exchange): string {
	const headers = exchange.responseHeaders;
	return [
		exchange.status === null ? '' : `HTTP ${exchange.status}`,
		exchange.error ? `${exchange.error.code} ${exchange.error.description ?? ''}` : '',
		exchange.body ?? '',
		headers['x-ms-request-id'] ? `x-ms-request-id: ${headers['x-ms-request-id']}` : '',
		headers['x-ms-correlation-request-id']
			? `x-ms-correlation-request-id: ${headers['x-ms-correlation-request-id']}`
			: '',
	]
		.filter(Boolean)
		.join('\n');
}

/**
The failing call to replay, or why there is none: no failed request, none the replay may send (a
sign-in page, a token endpoint), or a URL whose secret parameters the reader replaced.
*/
export function failingCallOf(
	artifact: Artifact,
	accepts: (url: string) => boolean,
): {readonly call: FailingCall} | {readonly reason: string} {
	const exchange = pickFailing(artifact.exchanges, candidate => accepts(candidate.url));
	if (!exchange) {
		const failing = artifact.failing;
		return {
			reason: failing
				? `the failed request in it (${failing.method} ${failing.url.replace(/[?#].*$/s, '')}) is not a call to this cloud's ARM or Graph, so there is nothing to replay with a fresh token; \`authfix explain --file\` explains it`
				: 'it shows no failed request',
		};
	}

	if (redacted.test(exchange.url.replace(/^[^?]*/, '')))
		return {reason: `the URL of the failed request carried a secret (now redacted): ${exchange.url}`};
	const body = exchange.requestBody && !redacted.test(exchange.requestBody) ? exchange.requestBody : undefined;
	return {
		call: {
			method: exchange.method,
			url: exchange.url,
			...(body ? {body} : {}),
			failedWith: failureText(exchange),
			at: exchange.at,
		},
	};
}
