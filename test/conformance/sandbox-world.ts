/**
One sandbox that holds every state the corpus's exchanges were recorded in (a wrong secret, an
expired one, an unregistered certificate, federated credentials, a tenant whose token clock runs
behind, an app with no role, a resource linked to another tenant's subscription, managed
identities), and the requests a client sends to reach each state.
*/
import {createHash, createPrivateKey, randomUUID, X509Certificate} from 'node:crypto';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {SignJWT} from 'jose';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.ts';
import {sandboxRequest} from '../../source/sandbox/replay.ts';
import type {Scenario} from '../../source/sandbox/scenario.ts';
import {auxToken} from '../../source/sandbox/scenarios/aux-token.ts';
import {alice, apiApp, ciApp, devTool, subscriptionB, tenantA, tenantB} from '../../source/sandbox/scenarios/base.ts';
import {ids, subscriptionScope} from '../../source/sandbox/scenarios/ids.ts';
import {loadOrCreateSigner, type TokenSigner} from '../../source/sandbox/tokens.ts';
import {createSigningKey, mintToken} from '../support/mint.ts';
import type {Answer} from './compare.ts';

export const github = 'https://token.actions.githubusercontent.com';
export const armScope = 'https://management.core.windows.net//.default';

/** The ids this world adds to the shared scenario ids. */
export const more = {
	tenantC: '55555555-5555-5555-5555-555555555555',
	subscriptionC: '66666666-6666-6666-6666-666666666666',
	/** A subscription id no tenant has: a resource links to it. */
	missingSubscription: '77777777-7777-7777-7777-777777777777',
	noRoleApp: 'aaaaaaaa-0000-0000-0000-0000000000c1',
	noRoleAppInA: 'aaaaaaaa-1111-0000-0000-0000000000c1',
	expiredSecretApp: 'aaaaaaaa-0000-0000-0000-0000000000c2',
	expiredSecretAppInA: 'aaaaaaaa-1111-0000-0000-0000000000c2',
	ghApp: 'aaaaaaaa-0000-0000-0000-0000000000c3',
	ghAppInA: 'aaaaaaaa-1111-0000-0000-0000000000c3',
	skewedApp: 'aaaaaaaa-0000-0000-0000-0000000000c4',
	skewedAppInC: 'aaaaaaaa-5555-0000-0000-0000000000c4',
	identityOne: {client: 'cccccccc-0000-0000-0000-0000000000c1', object: 'cccccccc-1111-0000-0000-0000000000c1'},
	identityTwo: {client: 'cccccccc-0000-0000-0000-0000000000c2', object: 'cccccccc-1111-0000-0000-0000000000c2'},
} as const;

export const secrets = {
	ci: ciApp.secrets![0]!.value,
	noRole: 'sandbox-no-role-secret-not-real',
	expired: 'sandbox-expired-secret-not-real',
	skewed: 'sandbox-skewed-secret-not-real',
	api: apiApp.secrets![0]!.value,
} as const;

/** aux-token's subscription A: its rg-network holds a peering linked to a network of subscription B (tenant B). */
const auxSubscriptionA = auxToken.subscriptions.find(subscription => subscription.id === ids.subscriptionA)!;
const orphanPath = 'providers/Microsoft.ContainerInstance/containerGroups/aci-orphan';
export const paths = {
	/** A resource in subscription A that links a network of subscription B (another tenant). */
	linked: auxToken.replay.path,
	/** A resource in subscription A that links a subnet of a subscription that does not exist. */
	orphan: `/subscriptions/${ids.subscriptionA}/resourceGroups/rg-network/${orphanPath}?api-version=2023-05-01`,
	groupA: `/subscriptions/${ids.subscriptionA}/resourcegroups/rg-app?api-version=2021-04-01`,
	groupB: `/subscriptions/${ids.subscriptionB}/resourcegroups/rg-prod?api-version=2021-04-01`,
	groupC: `/subscriptions/${more.subscriptionC}/resourcegroups/rg-skewed?api-version=2021-04-01`,
} as const;

export const scenario: Scenario = {
	name: 'conformance',
	description: 'every state of the conformance corpus in one directory',
	tenants: [
		tenantA,
		tenantB,
		{id: more.tenantC, displayName: 'Skewed', defaultDomain: 'skewed.onmicrosoft.com', clockOffsetSeconds: -7200},
	],
	subscriptions: [
		{
			...auxSubscriptionA,
			resourceGroups: auxSubscriptionA.resourceGroups.map(group =>
				group.name === 'rg-network'
					? {
							...group,
							resources: [
								...(group.resources ?? []),
								{
									path: orphanPath,
									type: 'Microsoft.ContainerInstance/containerGroups',
									location: 'westeurope',
									linkedScopes: [
										`/subscriptions/${more.missingSubscription}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aci`,
									],
								},
							],
						}
					: group,
			),
		},
		subscriptionB,
		{
			id: more.subscriptionC,
			displayName: 'Skewed Subscription',
			tenantId: more.tenantC,
			resourceGroups: [{name: 'rg-skewed', location: 'westeurope'}],
		},
	],
	apps: [
		{...ciApp, multiTenant: true},
		apiApp,
		devTool,
		{
			name: 'no-role-app',
			appId: more.noRoleApp,
			displayName: 'contoso-no-role',
			homeTenantId: ids.tenantA,
			secrets: [{id: 'no-role-secret', value: secrets.noRole}],
		},
		{
			name: 'expired-secret-app',
			appId: more.expiredSecretApp,
			displayName: 'contoso-expired',
			homeTenantId: ids.tenantA,
			secrets: [{id: 'old-secret', value: secrets.expired, expiresInSeconds: -86_400}],
		},
		{
			name: 'gh-deploy',
			appId: more.ghApp,
			displayName: 'contoso-gh-deploy',
			homeTenantId: ids.tenantA,
			federatedCredentials: [
				{
					name: 'main',
					issuer: github,
					subject: 'repo:Contoso/App:ref:refs/heads/main',
					audiences: ['api://AzureADTokenExchange'],
				},
			],
		},
		{
			name: 'skewed-app',
			appId: more.skewedApp,
			displayName: 'skewed-app',
			homeTenantId: more.tenantC,
			secrets: [{id: 'skewed-secret', value: secrets.skewed}],
		},
	],
	servicePrincipals: [
		{appId: ids.ciApp, tenantId: ids.tenantA, objectId: ids.ciAppInA},
		{appId: ids.ciApp, tenantId: ids.tenantB, objectId: ids.ciAppInB},
		{appId: ids.apiApp, tenantId: ids.tenantA, objectId: ids.apiAppInA},
		{appId: ids.devTool, tenantId: ids.tenantA, objectId: ids.devToolInA},
		{appId: more.noRoleApp, tenantId: ids.tenantA, objectId: more.noRoleAppInA},
		{appId: more.expiredSecretApp, tenantId: ids.tenantA, objectId: more.expiredSecretAppInA},
		{appId: more.ghApp, tenantId: ids.tenantA, objectId: more.ghAppInA},
		{appId: more.skewedApp, tenantId: more.tenantC, objectId: more.skewedAppInC},
	],
	managedIdentities: [
		{
			name: 'id-one',
			kind: 'user-assigned',
			tenantId: ids.tenantA,
			clientId: more.identityOne.client,
			objectId: more.identityOne.object,
			resourceId: `/subscriptions/${ids.subscriptionA}/resourceGroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-one`,
		},
		{
			name: 'id-two',
			kind: 'user-assigned',
			tenantId: ids.tenantA,
			clientId: more.identityTwo.client,
			objectId: more.identityTwo.object,
			resourceId: `/subscriptions/${ids.subscriptionA}/resourceGroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-two`,
		},
	],
	users: [alice],
	// None for dev-tool: alice's sign-in through it asks for consent (AADSTS65001).
	consentGrants: [{clientAppId: ids.apiApp, tenantId: ids.tenantA, consentType: 'admin'}],
	roleAssignments: [
		{principalId: ids.ciAppInA, role: 'Contributor', scope: subscriptionScope(ids.subscriptionA)},
		{principalId: ids.alice, role: 'Owner', scope: subscriptionScope(ids.subscriptionA)},
		{principalId: more.skewedAppInC, role: 'Reader', scope: subscriptionScope(more.subscriptionC)},
		{principalId: more.identityOne.object, role: 'Reader', scope: subscriptionScope(ids.subscriptionA)},
	],
	replay: {
		identity: 'ci-app',
		tenantId: ids.tenantA,
		resource: 'https://management.core.windows.net/',
		method: 'GET',
		path: paths.groupA,
		expectedError: '',
	},
	fix: {operations: [], summary: 'nothing to fix'},
};

export type ConformanceSandbox = {
	readonly sandbox: Sandbox;
	/** The sandbox's own signing key: for tokens its token endpoint would never issue (no `oid`). */
	readonly signer: TokenSigner;
	request(
		url: string,
		options?: {method?: string; headers?: Record<string, string>; form?: Record<string, string>},
	): Promise<Answer>;
	/** `https://{entra}/{tenant}/oauth2/v2.0/token` (v1 without `v2.0/`). */
	tokenUrl(tenant: string, version?: 1 | 2): string;
	/** An access token from the token endpoint, for client credentials with a secret. */
	appToken(clientId: string, secret: string, tenant: string, scope?: string): Promise<string>;
	/** A client assertion signed with the certificate key of the app that has one (ci-app). */
	certificateAssertion(options?: {expiresIn?: number; foreignKey?: boolean}): Promise<string>;
	/** A GitHub Actions OIDC token (signed with a key of its own: the sandbox does not fetch other issuers' keys). */
	githubAssertion(claims: Record<string, unknown>): Promise<string>;
	stop(): Promise<void>;
};

export async function startConformanceSandbox(): Promise<ConformanceSandbox> {
	const stateDirectory = await mkdtemp(path.join(tmpdir(), 'authfix-conformance-'));
	const sandbox = await startSandbox({scenario, stateDirectory});
	const signer = await loadOrCreateSigner(stateDirectory);
	const request: ConformanceSandbox['request'] = async (url, options = {}) => {
		const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
		const response = await sandboxRequest(url, {
			ca: sandbox.caPem,
			method: options.method ?? (body === undefined ? 'GET' : 'POST'),
			headers: {
				...(body === undefined ? {} : {'content-type': 'application/x-www-form-urlencoded'}),
				// MSAL sends one with every request to Entra.
				...(url.startsWith(sandbox.urls.entra) ? {'client-request-id': randomUUID()} : {}),
				...options.headers,
			},
			...(body === undefined ? {} : {body}),
		});
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(response.headers)) {
			if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
		}

		let parsed: unknown = response.text;
		try {
			parsed = JSON.parse(response.text);
		} catch {}
		return {status: response.status, headers, body: parsed};
	};

	const tokenUrl = (tenant: string, version: 1 | 2 = 2) =>
		`${sandbox.urls.entra}/${tenant}/oauth2/${version === 2 ? 'v2.0/' : ''}token`;
	const certificatePem = () => {
		const certificatePath = sandbox.identities.find(identity => identity.clientId === ids.ciApp)?.certificatePath;
		if (!certificatePath) throw new Error('ci-app has no certificate in the sandbox');
		return readFile(certificatePath, 'utf8');
	};

	return {
		sandbox,
		signer,
		request,
		tokenUrl,
		async appToken(clientId, secret, tenant, scope = armScope) {
			const answer = await request(tokenUrl(tenant), {
				form: {grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope},
			});
			const token = (answer.body as {access_token?: unknown}).access_token;
			if (answer.status !== 200 || typeof token !== 'string') {
				throw new Error(`no token for ${clientId} in ${tenant}: ${answer.status} ${JSON.stringify(answer.body)}`);
			}

			return token;
		},
		async certificateAssertion(options = {}) {
			const pem = await certificatePem();
			const now = Math.floor(Date.now() / 1000);
			const claims = {
				aud: tokenUrl(ids.tenantA),
				iss: ids.ciApp,
				sub: ids.ciApp,
				jti: createHash('sha256').update(String(Math.random())).digest('hex'),
				nbf: now - 60,
				exp: now + (options.expiresIn ?? 600),
			};
			if (options.foreignKey) {
				// Signed with a key the app never registered: Entra looks the thumbprint up and finds nothing.
				const key = await createSigningKey();
				const thumbprint = createHash('sha1').update(key.kid).digest('base64url');
				const signed = await new SignJWT(claims)
					.setProtectedHeader({alg: 'RS256', typ: 'JWT', x5t: thumbprint})
					.sign(key.privateKey);
				return signed;
			}

			const certificate = new X509Certificate(pem);
			const x5t = Buffer.from(certificate.fingerprint.replaceAll(':', ''), 'hex').toString('base64url');
			return new SignJWT(claims).setProtectedHeader({alg: 'RS256', typ: 'JWT', x5t}).sign(createPrivateKey(pem));
		},
		async githubAssertion(claims) {
			const {token} = await mintToken({
				issuer: github,
				claims: {
					iss: github,
					aud: 'api://AzureADTokenExchange',
					sub: 'repo:Contoso/App:ref:refs/heads/main',
					...claims,
				},
			});
			return token;
		},
		async stop() {
			await sandbox.stop();
			await rm(stateDirectory, {recursive: true, force: true});
		},
	};
}
