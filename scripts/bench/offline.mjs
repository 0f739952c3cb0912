// Offline commands: start-up, explain on a 10 KB paste, decode. JSON lines on stdout.
import {generateKeyPairSync, sign} from 'node:crypto';
import {cli, measureNode, row, startUpOverNode} from './measure.mjs';

// A realistic 10 KB paste: a CI log with an ARM wrong-tenant error near the end.
function tenKilobytePaste() {
	const lines = [];
	for (let index = 0; lines.join('\n').length < 9000; index++) {
		lines.push(
			`2026-11-22T02:${String(index % 60).padStart(2, '0')}:01.1234567Z ##[group]Run step ${index}: az deployment group create --resource-group rg-${index} --template-file main.bicep`,
		);
	}

	lines.push(
		"##[error]ERROR: (InvalidAuthenticationTokenTenant) The access token is from the wrong issuer 'https://sts.windows.net/11111111-1111-1111-1111-111111111111/'. It must match the tenant 'https://sts.windows.net/22222222-2222-2222-2222-222222222222/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/22222222-2222-2222-2222-222222222222' to get the token.",
		'Code: InvalidAuthenticationTokenTenant',
	);
	return lines.join('\n');
}

// A token minted here and now, never stored.
function mintToken() {
	const {privateKey} = generateKeyPairSync('rsa', {modulusLength: 2048});
	const encode = value => Buffer.from(JSON.stringify(value)).toString('base64url');
	const now = Math.floor(Date.now() / 1000);
	const header = encode({typ: 'JWT', alg: 'RS256', kid: 'bench'});
	const payload = encode({
		aud: 'https://management.core.windows.net/',
		iss: 'https://sts.windows.net/11111111-1111-1111-1111-111111111111/',
		iat: now,
		nbf: now,
		exp: now + 3600,
		tid: '11111111-1111-1111-1111-111111111111',
		oid: '33333333-3333-3333-3333-333333333333',
		appid: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
		ver: '1.0',
		scp: 'user_impersonation',
	});
	const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
	return `${header}.${payload}.${signature}`;
}

// What authfix adds to Node's own start-up (the compile cache on, as installed): issue 11's budget.
const startUp = startUpOverNode([
	[cli, '--version'],
	[cli, 'explain', 'AADSTS700016: Application with identifier x was not found in the directory y.'],
]);
console.log(row('node -e 0 (bare Node, for comparison)', startUp.nodeMs, 'ms'));
console.log(row('authfix --version over bare Node', startUp.overMs[0], 'ms', '≤ 15'));
console.log(row('authfix explain (one line) over bare Node', startUp.overMs[1], 'ms', '≤ 15'));

const version = measureNode([cli, '--version'], {expectStatus: 0});
console.log(row('authfix --version (start-up)', version.medianMs, 'ms'));
console.log(row('authfix --version peak memory', version.peakMiB, 'MiB'));

const explain = measureNode([cli, 'explain'], {input: tenKilobytePaste()});
console.log(row('authfix explain, 10 KB paste', explain.medianMs, 'ms', '≤ 150'));
console.log(row('authfix explain, 10 KB paste, peak memory', explain.peakMiB, 'MiB', '≤ 100'));

const decode = measureNode([cli, 'decode'], {input: mintToken()});
console.log(row('authfix decode', decode.medianMs, 'ms'));
