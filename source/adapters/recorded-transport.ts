/**
A transport that answers from recorded exchanges instead of the network: the HTTP adapter's
recorded mode. `createHttp({fetch: recorded.fetch, httpClient: recorded.httpClient, …})` gives the
checks and `replay` an `Http` whose every request (authfix's own and the ARM SDK's) is answered by
the first recorded exchange that matches its method and URL pattern, and an optional condition on
the request (no Authorization header, a token of some tenant). A request nothing matches fails as a
transport failure that names it, so a check reports what was not recorded instead of reaching out.
Nothing here connects anywhere.
*/
import type {HttpClient, PipelineRequest, PipelineResponse} from '@azure/core-rest-pipeline';
import {AdapterError} from '../ports/adapter-error.ts';

/** A request as the transport sees it: method, full URL, lower-case header names. */
export type TransportRequest = {
	readonly method: string;
	readonly url: string;
	readonly headers: Readonly<Record<string, string>>;
	readonly body: string | undefined;
};

/** What was recorded: the status, the headers and the body (JSON, or text as recorded). */
export type RecordedAnswer = {
	readonly status: number;
	readonly headers?: Readonly<Record<string, string | readonly string[]>>;
	readonly body?: unknown;
};

export type RecordedRoute = {
	/** `GET`, `POST`, … or `*` for any. */
	readonly method: string;
	/** The URL the answer was recorded for; `*` stands for any run of characters, `{id}` for one path segment. */
	readonly url: string;
	/** A further condition on the request, e.g. no Authorization header, or a token from one tenant. */
	readonly when?: (request: TransportRequest) => boolean;
	readonly answer: RecordedAnswer;
	/** Where the answer was recorded (an exchange id, a URL): shown when a test or a report names it. */
	readonly source?: string;
};

export type RecordedTransport = {
	/** A `fetch` answering from the routes: for `createHttp`'s own requests and the issuer-key lookups. */
	readonly fetch: typeof globalThis.fetch;
	/** The same answers for an Azure SDK client's pipeline (the ARM SubscriptionClient). */
	readonly httpClient: HttpClient;
	/** Every request made, in order, with the source of the route that answered (undefined: none did). */
	readonly requests: ReadonlyArray<{readonly method: string; readonly url: string; readonly answeredBy?: string}>;
};

function patternOf(url: string): RegExp {
	const escaped = url.replaceAll(/[.*+?^${}()|[\]\\]/g, character => (character === '*' ? '\u0000' : `\\${character}`));
	const pattern = escaped.replaceAll('\u0000', '.*').replaceAll('\\{id\\}', '[^/?#]+');
	return new RegExp(`^${pattern}$`, 'i');
}

function bodyOf(answer: RecordedAnswer): string | undefined {
	if (answer.body === undefined || answer.body === null) return undefined;
	return typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
}

function headersOf(answer: RecordedAnswer): Array<[string, string]> {
	const headers: Array<[string, string]> = [];
	for (const [name, value] of Object.entries(answer.headers ?? {})) {
		headers.push([name.toLowerCase(), typeof value === 'string' ? value : value.join(', ')]);
	}

	if (!headers.some(([name]) => name === 'content-type') && answer.body !== undefined && answer.body !== null) {
		headers.push(['content-type', typeof answer.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8']);
	}

	return headers;
}

export function createRecordedTransport(routes: readonly RecordedRoute[]): RecordedTransport {
	const compiled = routes.map(route => ({route, pattern: patternOf(route.url)}));
	const requests: Array<{method: string; url: string; answeredBy?: string}> = [];

	const answer = (request: TransportRequest): RecordedAnswer => {
		const found = compiled.find(
			({route, pattern}) =>
				(route.method === '*' || route.method.toUpperCase() === request.method.toUpperCase()) &&
				pattern.test(request.url) &&
				(route.when?.(request) ?? true),
		)?.route;
		requests.push({
			method: request.method,
			url: request.url,
			...(found ? {answeredBy: found.source ?? found.url} : {}),
		});
		if (!found) throw new AdapterError('failed', `no recorded exchange answers ${request.method} ${request.url}`);
		return found.answer;
	};

	const fetch: typeof globalThis.fetch = async (input, init) => {
		const request = input instanceof Request ? input : undefined;
		const signal = init?.signal ?? request?.signal;
		if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
		const headers: Record<string, string> = {};
		for (const [name, value] of new Headers(init?.headers ?? request?.headers)) headers[name.toLowerCase()] = value;
		const recorded = answer({
			method: init?.method ?? request?.method ?? 'GET',
			url: request ? request.url : String(input),
			headers,
			body: typeof init?.body === 'string' ? init.body : undefined,
		});
		// A 204 or 304 may not carry a body.
		const body = [204, 205, 304].includes(recorded.status) ? null : (bodyOf(recorded) ?? null);
		return new Response(body, {status: recorded.status, headers: headersOf(recorded)});
	};

	const httpClient: HttpClient = {
		async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
			const headers: Record<string, string> = {};
			for (const [name, value] of request.headers) headers[name.toLowerCase()] = value;
			const recorded = answer({
				method: request.method,
				url: request.url,
				headers,
				body: typeof request.body === 'string' ? request.body : undefined,
			});
			const {createHttpHeaders} = await import('@azure/core-rest-pipeline');
			const body = bodyOf(recorded);
			return {
				request,
				status: recorded.status,
				headers: createHttpHeaders(Object.fromEntries(headersOf(recorded))),
				...(body === undefined ? {} : {bodyAsText: body}),
			};
		},
	};

	return {fetch, httpClient, requests};
}
