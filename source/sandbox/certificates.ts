import {
	createHash,
	createPublicKey,
	type KeyObject,
	X509Certificate as NodeX509Certificate,
	webcrypto,
} from 'node:crypto';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';

/** The TLS material of one sandbox: a CA the clients trust and a leaf the servers present. */
export type TlsMaterial = {
	readonly caPath: string;
	readonly caPem: string;
	readonly certificatePem: string;
	readonly keyPem: string;
};

const caFile = 'ca.pem';
const leafFile = 'server.pem';
const leafKeyFile = 'server-key.pem';
/** Names the leaf answers for: the loopback address and the one Microsoft host the discovery proxy serves. */
const subjectAlternativeNames = [
	{type: 'ip', value: '127.0.0.1'},
	{type: 'dns', value: 'localhost'},
	{type: 'dns', value: 'login.microsoftonline.com'},
] as const;
const dayMs = 86_400_000;

/**
Loads the CA and leaf from `directory`, making them at first start (or when the leaf is about to
expire). ECDSA P-256 keeps first start fast; every client here (OpenSSL via python-requests, Node) accepts it.
*/
export async function loadOrCreateTlsMaterial(directory: string, now: number): Promise<TlsMaterial> {
	const caPath = path.join(directory, caFile);
	const existing = await readExisting(directory, now);
	if (existing) return {caPath, ...existing};
	await mkdir(directory, {recursive: true, mode: 0o700});
	const created = await createTlsMaterial(now);
	await writeFile(path.join(directory, leafKeyFile), created.keyPem, {mode: 0o600});
	await writeFile(path.join(directory, leafFile), created.certificatePem, {mode: 0o644});
	await writeFile(caPath, created.caPem, {mode: 0o644});
	return {caPath, caPem: created.caPem, certificatePem: created.certificatePem, keyPem: created.keyPem};
}

async function readExisting(directory: string, now: number) {
	try {
		const [caPem, certificatePem, keyPem] = await Promise.all(
			[caFile, leafFile, leafKeyFile].map(name => readFile(path.join(directory, name), 'utf8')),
		);
		const leaf = new NodeX509Certificate(certificatePem!);
		const ca = new NodeX509Certificate(caPem!);
		if (Date.parse(leaf.validTo) < now + dayMs || !leaf.checkIssued(ca)) return undefined;
		return {caPem: caPem!, certificatePem: certificatePem!, keyPem: keyPem!};
	} catch {
		return undefined;
	}
}

async function loadX509() {
	// @peculiar/x509 resolves its extension classes through tsyringe, which needs a Reflect metadata polyfill.
	await import('@abraham/reflection');
	const imported = await import('@peculiar/x509');
	// Bundled, the package may arrive as a CommonJS namespace under `default`.
	const x509 = imported.cryptoProvider ? imported : (imported as unknown as {default: typeof imported}).default;
	const crypto = webcrypto as unknown as Crypto;
	x509.cryptoProvider.set(crypto);
	return {x509, crypto};
}

/** An app's certificate credential: the PEM a client signs with, and what Entra matches it by. */
export type ClientCertificate = {
	/** Private key and certificate in one PEM file, as ClientCertificateCredential and az take it. */
	readonly path: string;
	/** base64url SHA-1 and SHA-256 of the certificate: the `x5t` / `x5t#S256` assertion headers. */
	readonly x5t: string;
	readonly x5tS256: string;
	readonly publicKey: KeyObject;
};

/** Loads or makes (RSA 2048, self-signed) the certificate credential of one app, kept in the state folder. */
export async function loadOrCreateClientCertificate(
	directory: string,
	appId: string,
	now: number,
): Promise<ClientCertificate> {
	const file = path.join(directory, `app-${appId}.pem`);
	let pem: string;
	try {
		pem = await readFile(file, 'utf8');
	} catch {
		const {x509, crypto} = await loadX509();
		const algorithm = {
			name: 'RSASSA-PKCS1-v1_5',
			hash: 'SHA-256',
			publicExponent: new Uint8Array([1, 0, 1]),
			modulusLength: 2048,
		};
		const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
		const certificate = await x509.X509CertificateGenerator.createSelfSigned({
			name: `CN=authfix sandbox app ${appId}`,
			keys,
			notBefore: new Date(now - dayMs),
			notAfter: new Date(now + 730 * dayMs),
			signingAlgorithm: algorithm,
		});
		pem =
			toPem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', keys.privateKey)) +
			certificate.toString('pem') +
			'\n';
		await mkdir(directory, {recursive: true, mode: 0o700});
		await writeFile(file, pem, {mode: 0o600});
	}

	const certificate = new NodeX509Certificate(pem);
	return {
		path: file,
		x5t: createHash('sha1').update(certificate.raw).digest('base64url'),
		x5tS256: createHash('sha256').update(certificate.raw).digest('base64url'),
		publicKey: createPublicKey(certificate.publicKey.export({format: 'pem', type: 'spki'})),
	};
}

async function createTlsMaterial(now: number) {
	const {x509, crypto} = await loadX509();
	const algorithm = {name: 'ECDSA', namedCurve: 'P-256'};
	const signingAlgorithm = {name: 'ECDSA', hash: 'SHA-256'};
	const [caKeys, leafKeys] = await Promise.all([
		crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']),
		crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']),
	]);
	const notBefore = new Date(now - dayMs);
	const caName = 'CN=authfix sandbox local CA, O=authfix sandbox';
	const ca = await x509.X509CertificateGenerator.createSelfSigned({
		name: caName,
		keys: caKeys,
		notBefore,
		notAfter: new Date(now + 825 * dayMs),
		signingAlgorithm,
		extensions: [
			new x509.BasicConstraintsExtension(true, 0, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
			await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
		],
	});
	const leaf = await x509.X509CertificateGenerator.create({
		subject: 'CN=localhost, O=authfix sandbox',
		issuer: ca.subject,
		publicKey: leafKeys.publicKey,
		signingKey: caKeys.privateKey,
		notBefore,
		notAfter: new Date(now + 365 * dayMs),
		signingAlgorithm,
		extensions: [
			new x509.BasicConstraintsExtension(false, undefined, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
			new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
			new x509.SubjectAlternativeNameExtension(subjectAlternativeNames.map(name => ({...name}))),
			await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
			await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
		],
	});
	return {
		caPem: ca.toString('pem') + '\n',
		certificatePem: leaf.toString('pem') + '\n',
		keyPem: toPem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', leafKeys.privateKey)),
	};
}

function toPem(label: string, der: ArrayBuffer): string {
	const base64 = Buffer.from(der).toString('base64');
	const lines = base64.match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
