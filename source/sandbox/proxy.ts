import {createServer, type Server} from 'node:http';
import type {Server as HttpsServer} from 'node:https';
import {connect, type Socket} from 'node:net';
import type {SandboxEvent} from './http.ts';

/** The one outside host the proxy answers (itself, never by connecting out): MSAL's instance discovery. */
export const discoveryHost = 'login.microsoftonline.com';

/**
A loopback HTTP proxy for CONNECT only. `login.microsoftonline.com:443` is handed to an in-process
TLS server that answers instance discovery; tunnels to the sandbox's own loopback ports are piped
to them; everything else gets 403 and is logged. It never connects off the machine.

A tunnelled socket leaves the HTTP server's hands (`closeAllConnections` does not reach it) but
still counts as one of its connections, so `server.close()` would wait for every client that keeps
a tunnel open: `closeTunnels()` ends them.
*/
export function createDiscoveryProxy(input: {
	discoveryServer: HttpsServer;
	allowedPorts: () => readonly number[];
	log: (event: SandboxEvent) => void;
}): {server: Server; closeTunnels: () => void} {
	const tunnels = new Set<Socket>();
	const server = createServer((_request, response) => {
		response.writeHead(403, {'content-type': 'text/plain'});
		response.end('authfix sandbox proxy: only CONNECT to the sandbox is served.\n');
	});
	server.on('connect', (request, clientSocket: Socket, head: Buffer) => {
		clientSocket.on('error', () => clientSocket.destroy());
		const target = request.url ?? '';
		const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(target);
		const host = match?.[1]?.toLowerCase();
		const port = Number(match?.[2]);
		const accepted = (host === discoveryHost && port === 443) || isOwnPort(host, port);
		if (accepted) {
			tunnels.add(clientSocket);
			clientSocket.once('close', () => tunnels.delete(clientSocket));
		}

		if (host === discoveryHost && port === 443) {
			input.log({kind: 'connect', message: `CONNECT ${target} answered locally`});
			clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length > 0) clientSocket.unshift(head);
			input.discoveryServer.emit('connection', clientSocket);
			return;
		}

		if (isOwnPort(host, port)) {
			const upstream = connect({host: '127.0.0.1', port});
			upstream.setTimeout(30_000, () => upstream.destroy());
			upstream.on('error', () => clientSocket.destroy());
			clientSocket.on('close', () => upstream.destroy());
			upstream.on('connect', () => {
				clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
				if (head.length > 0) upstream.write(head);
				upstream.pipe(clientSocket);
				clientSocket.pipe(upstream);
			});
			input.log({kind: 'connect', message: `CONNECT ${target} piped`});
			return;
		}

		input.log({kind: 'connect-refused', message: `CONNECT ${target.slice(0, 300)} refused`});
		clientSocket.end(
			'HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nauthfix sandbox proxy: this host is not served.\n',
		);
	});
	server.on('clientError', (_error, socket) => socket.destroy());
	return {
		server,
		closeTunnels() {
			for (const socket of tunnels) socket.destroy();
		},
	};

	function isOwnPort(host: string | undefined, port: number): boolean {
		return (host === '127.0.0.1' || host === 'localhost') && input.allowedPorts().includes(port);
	}
}
