import {describe, expect, test} from 'vitest';
import {audiences, mintToken, unsignedToken, wellKnown} from '../../test/support/mint.ts';
import {analyzeToken} from './analyze.ts';
import {decodeJwt} from './jwt.ts';

const now = Date.UTC(2026, 10, 22, 12, 0, 0);
const analyze = async (options: Parameters<typeof mintToken>[0] = {}) =>
	analyzeToken(decodeJwt((await mintToken({now, ...options})).token), {now, timeZone: 'UTC'});
const ids = (analysis: {findings: readonly {id: string}[]}) => analysis.findings.map(finding => finding.id);

describe('kind and version', () => {
	test('a v2 delegated access token for a custom API', async () => {
		const analysis = await analyze();
		expect(analysis.kind).toBe('access');
		expect(analysis.version).toBe('2.0');
		expect(analysis.findings).toEqual([]);
	});

	test('a v1 access token for ARM is an access token, v1, with a v1-token note', async () => {
		const analysis = await analyze({version: '1.0', audience: audiences.arm});
		expect(analysis.kind).toBe('access');
		expect(analysis.version).toBe('1.0');
		expect(ids(analysis)).toEqual(['v1-token']);
		expect(analysis.findings[0]!.severity).toBe('info');
	});

	test.each(['1.0', '2.0'] as const)('a v%s ID token is an ID token and an error-severity finding', async version => {
		const analysis = await analyze({kind: 'id', version});
		expect(analysis.kind).toBe('id');
		expect(analysis.version).toBe(version);
		expect(analysis.findings[0]).toMatchObject({id: 'id-token', severity: 'error'});
		expect(analysis.findings[0]!.message).toContain(wellKnown.azureCliClientId);
	});

	test('the version comes from the issuer when ver is missing', async () => {
		expect((await analyze({version: '1.0', claims: {ver: undefined}})).version).toBe('1.0');
		expect((await analyze({claims: {ver: undefined}})).version).toBe('2.0');
	});

	test('a token from another issuer (GitHub Actions OIDC) is unknown and says so', () => {
		const token = unsignedToken(
			{alg: 'RS256', typ: 'JWT', kid: 'k'},
			{
				iss: 'https://token.actions.githubusercontent.com',
				aud: 'api://AzureADTokenExchange',
				sub: 'repo:contoso/app:environment:prod',
				exp: now / 1000 + 300 + 60,
			},
			'c2ln',
		);
		const analysis = analyzeToken(decodeJwt(token), {now});
		expect(analysis.kind).toBe('unknown');
		expect(analysis.version).toBeNull();
		expect(ids(analysis)).toEqual(['federation-audience', 'not-entra']);
	});
});

describe('time findings', () => {
	test('expired: error, with the relative phrase and UTC time', async () => {
		const analysis = await analyze({expiresIn: -2 * 3600});
		expect(analysis.findings[0]).toEqual({
			id: 'expired',
			severity: 'error',
			message: expect.stringContaining('Expired 2 h ago (2026-11-22 10:00:00 UTC)'),
		});
		const exp = analysis.explained.find(entry => entry.claim === 'exp')!;
		expect(exp.value).toBe(now / 1000 - 7200);
		expect(exp.meaning).toBe('Expires: 2026-11-22 10:00:00 UTC, expired 2 h ago.');
	});

	test('local time is shown beside UTC when the zone differs', async () => {
		const {token} = await mintToken({now, expiresIn: 3600});
		const analysis = analyzeToken(decodeJwt(token), {now, timeZone: 'Asia/Tokyo'});
		expect(analysis.explained.find(entry => entry.claim === 'exp')!.meaning).toBe(
			'Expires: 2026-11-22 13:00:00 UTC (local 2026-11-22 22:00:00 GMT+9), expires in 1 h.',
		);
	});

	test('expiring within 5 minutes is a warning', async () => {
		expect((await analyze({expiresIn: 120})).findings).toEqual([
			expect.objectContaining({id: 'expiring-soon', severity: 'warning'}),
		]);
	});

	test('not yet valid: error beyond the 5-minute skew, warning within it', async () => {
		const far = await analyze({notBeforeIn: 3600, issuedAtIn: 0});
		expect(far.findings[0]).toMatchObject({id: 'not-yet-valid', severity: 'error'});
		expect(far.findings[0]!.message).toContain('in 1 h');
		const near = await analyze({notBeforeIn: 120, issuedAtIn: 0});
		expect(near.findings[0]).toMatchObject({id: 'not-yet-valid', severity: 'warning'});
	});

	test('a token issued in the future points at a clock that is behind', async () => {
		const analysis = await analyze({issuedAtIn: 1800, notBeforeIn: 1800, expiresIn: 5400});
		expect(ids(analysis)).toEqual(['not-yet-valid', 'clock-skew']);
		expect(analysis.findings[1]!.message).toContain('30 min in the future');
	});

	test('no exp at all is a warning', async () => {
		expect(ids(await analyze({claims: {exp: undefined}}))).toEqual(['no-expiry']);
	});
});

describe('other findings', () => {
	test('a Graph token with a header nonce is flagged graph-nonce', async () => {
		const analysis = await analyze({version: '1.0', audience: audiences.graph, graphNonce: true, scopes: 'User.Read'});
		expect(ids(analysis)).toEqual(['v1-token', 'graph-nonce']);
		expect(analysis.findings[1]!.message).toMatch(/only Graph can validate/);
		expect(analysis.explainedHeader.find(entry => entry.claim === 'nonce')!.meaning).toMatch(/Microsoft Graph/);
	});

	test('app-only tokens: no roles matters for Graph, not for ARM', async () => {
		const graph = await analyze({identity: 'app', audience: audiences.graph});
		expect(ids(graph)).toEqual(['no-scopes-or-roles', 'app-only']);
		const arm = await analyze({identity: 'app', version: '1.0', audience: audiences.arm});
		expect(ids(arm)).toEqual(['v1-token', 'app-only']);
		expect(ids(await analyze({identity: 'app', audience: 'https://vault.azure.net'}))).toEqual(['app-only']);
		expect(ids(await analyze({identity: 'app', audience: 'https://management.usgovcloudapi.net/'}))).toEqual([
			'app-only',
		]);
		const withRoles = await analyze({identity: 'app', audience: audiences.graph, roles: ['User.Read.All']});
		expect(ids(withRoles)).toEqual(['app-only']);
	});

	test('a v1 token whose audience is a GUID', async () => {
		const analysis = await analyze({version: '1.0', audience: audiences.apiGuid});
		expect(ids(analysis)).toEqual(['v1-token', 'audience-guid']);
	});

	test('personal accounts, CAE, managed identities and forged issuers', async () => {
		expect(ids(await analyze({tenantId: wellKnown.msaTenantId}))).toEqual(['msa-tenant']);
		expect(ids(await analyze({claims: {xms_cc: ['cp1']}}))).toEqual(['cae']);
		expect(
			ids(await analyze({identity: 'app', version: '1.0', claims: {xms_mirid: '/subscriptions/x/resourcegroups/y'}})),
		).toEqual(['v1-token', 'app-only', 'managed-identity']);
		expect(ids(await analyze({claims: {tid: '11111111-2222-4333-8444-555555555555'}}))).toEqual([
			'issuer-tenant-mismatch',
		]);
	});

	test('unsigned and signature-stripped tokens', async () => {
		const unsigned = unsignedToken(
			{alg: 'none'},
			{iss: 'https://sts.windows.net/t/', tid: 't', ver: '1.0', appid: 'a', exp: now / 1000 + 3600},
		);
		expect(analyzeToken(decodeJwt(unsigned), {now}).findings[0]).toMatchObject({id: 'unsigned', severity: 'error'});
		const {token} = await mintToken({now});
		const stripped = `${token.split('.').slice(0, 2).join('.')}.`;
		expect(ids(analyzeToken(decodeJwt(stripped), {now}))).toEqual(['signature-removed']);
	});
});

describe('explanations', () => {
	test('every claim is explained, well-known ids are named', async () => {
		const analysis = await analyze({
			version: '1.0',
			audience: audiences.arm,
			claims: {wids: ['62e90394-69f5-4237-9190-012177145e10'], amr: ['pwd', 'mfa'], custom_thing: 1},
		});
		const meaning = (claim: string) => analysis.explained.find(entry => entry.claim === claim)?.meaning;
		expect(analysis.explained.map(entry => entry.claim)).toEqual(Object.keys(analysis.claims));
		expect(meaning('aud')).toMatch(/Azure Resource Manager/);
		expect(meaning('appid')).toMatch(/Microsoft Azure CLI/);
		expect(meaning('appidacr')).toMatch(/public client/);
		expect(meaning('wids')).toBe('Entra directory roles of the user (role template ids): Global Administrator.');
		expect(meaning('amr')).toBe(
			'Authentication methods used to sign in: pwd (password), mfa (multi-factor authentication).',
		);
		expect(meaning('xms_tcdt')).toMatch(/tenant was created: 2020-09-13/);
		expect(meaning('custom_thing')).toMatch(/Not a standard Entra claim/);
		for (const entry of analysis.explained) {
			if (entry.claim !== 'custom_thing') expect(entry.meaning, entry.claim).not.toMatch(/Not a standard Entra claim/);
		}
	});
});

test('claim and header names that are Object.prototype members are just data', () => {
	const token = unsignedToken(
		JSON.parse('{"alg":"RS256","constructor":1,"__proto__":{"x":1},"toString":2}'),
		JSON.parse(
			'{"iss":"https://sts.windows.net/t/","tid":"t","ver":"1.0","appid":"a","exp":1800000000,"amr":["constructor","toString"],"wids":["__proto__"],"hasOwnProperty":1,"__proto__":{"polluted":true}}',
		),
		'c2ln',
	);
	const analysis = analyzeToken(decodeJwt(token), {now});
	const everything = JSON.stringify([analysis.explained, analysis.explainedHeader]);
	expect(everything).not.toMatch(/native code|function|\[object Object\]/);
	expect(analysis.explainedHeader.map(entry => entry.claim)).toEqual(['alg', 'constructor', '__proto__', 'toString']);
	expect(analysis.explained.find(entry => entry.claim === 'amr')!.meaning).toBe(
		'Authentication methods used to sign in: constructor, toString.',
	);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
