import {randomUUID} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';

/** Request bodies larger than this are refused (413): nothing a client sends here is big. */
const maxBodyBytes = 256 * 1024;

export type SandboxRequest = {
	readonly method: string;
	/** The path with duplicate leading slashes folded (`//metadata/endpoints` is `/metadata/endpoints`). */
	readonly path: string;
	readonly query: URLSearchParams;
	readonly headers: IncomingMessage['headers'];
	/** `https://host:port` as the client addressed us. */
	readonly origin: string;
	readonly body: string;
	/** Form fields of an `application/x-www-form-urlencoded` body (empty otherwise). */
	readonly form: URLSearchParams;
};

export type SandboxResponse = {
	readonly status: number;
	readonly headers?: Record<string, string>;
	readonly body?: unknown;
};

export type Handler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export type SandboxEvent = {
	readonly kind: 'request' | 'connect-refused' | 'connect' | 'operation' | 'error';
	readonly message: string;
};

class BodyTooLarge extends Error {}

/**
Wraps a handler as a Node request listener: parses the URL safely (`new URL('https://x' + url)`),
reads the body with a limit, never lets an exception escape (500 with a JSON body instead).
*/
export function toListener(handler: Handler, log: (event: SandboxEvent) => void, defaultHost: string) {
	return (incoming: IncomingMessage, outgoing: ServerResponse) => {
		void serve(incoming, outgoing).catch((error: unknown) => {
			log({kind: 'error', message: error instanceof Error ? error.message : String(error)});
			if (!outgoing.headersSent) {
				send(outgoing, {status: 500, body: {error: {code: 'InternalServerError', message: 'The sandbox failed.'}}});
			} else {
				outgoing.destroy();
			}
		});
	};

	async function serve(incoming: IncomingMessage, outgoing: ServerResponse) {
		let body = '';
		try {
			body = await readBody(incoming);
		} catch (error) {
			if (error instanceof BodyTooLarge) {
				// The unread rest of the body makes the connection unusable: tell the client not to reuse it.
				send(outgoing, {
					status: 413,
					headers: {connection: 'close'},
					body: {error: {code: 'RequestTooLarge', message: 'The request is too large.'}},
				});
				return;
			}

			throw error;
		}

		const rawUrl = incoming.url ?? '/';
		let url: URL;
		try {
			url = new URL('https://x' + (rawUrl.startsWith('/') ? rawUrl : '/' + rawUrl));
		} catch {
			send(outgoing, {status: 400, body: {error: {code: 'BadRequest', message: 'The request URL is invalid.'}}});
			return;
		}

		const host =
			typeof incoming.headers.host === 'string' && /^[\w.:[\]-]+$/.test(incoming.headers.host)
				? incoming.headers.host
				: defaultHost;
		const contentType = String(incoming.headers['content-type'] ?? '');
		const request: SandboxRequest = {
			method: incoming.method ?? 'GET',
			path: url.pathname.replace(/^\/{2,}/, '/'),
			query: url.searchParams,
			headers: incoming.headers,
			origin: `https://${host}`,
			body,
			form: contentType.includes('application/x-www-form-urlencoded')
				? new URLSearchParams(body)
				: new URLSearchParams(),
		};
		const response = await handler(request);
		log({kind: 'request', message: `${request.method} ${request.path} ${response.status}`});
		send(outgoing, response);
	}
}

function send(outgoing: ServerResponse, response: SandboxResponse) {
	const isText = typeof response.body === 'string';
	const payload = response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
	outgoing.writeHead(response.status, {
		'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
		'content-length': String(Buffer.byteLength(payload)),
		'cache-control': 'no-store, no-cache',
		...response.headers,
	});
	outgoing.end(payload);
}

async function readBody(incoming: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of incoming) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > maxBodyBytes) throw new BodyTooLarge();
		chunks.push(buffer);
	}

	return Buffer.concat(chunks).toString('utf8');
}

export function newRequestId(): string {
	return randomUUID();
}

/** A GUID-shaped header value a client sent, or a new one. */
export function requestIdFrom(value: string | string[] | undefined | null): string {
	const text = Array.isArray(value) ? value[0] : value;
	return text && /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i.test(text)
		? text.toLowerCase()
		: randomUUID();
}
