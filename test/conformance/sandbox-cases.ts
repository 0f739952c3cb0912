/**
Test (a)'s data: for each situation the corpus recorded and the sandbox implements, the request that
puts the sandbox in the same state, and per recorded exchange the differences that remain, each
with its reason. Exchanges of situations the sandbox does not implement are in `notCompared`, with
the reason. Every exchange of the corpus is in exactly one of the two.
*/
import {alice} from '../../source/sandbox/scenarios/base.ts';
import {ids} from '../../source/sandbox/scenarios/ids.ts';
import type {Answer} from './compare.ts';
import {armScope, type ConformanceSandbox, more, paths, secrets} from './sandbox-world.ts';

export type Situation = {
	readonly name: string;
	readonly ask: (world: ConformanceSandbox) => Promise<Answer>;
	/** Recorded exchange id → difference key (a trailing `*` matches a prefix) → why it stays. */
	readonly exchanges: Readonly<Record<string, Readonly<Record<string, string>>>>;
};

const azureCli = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/** The source shows only some fields of the body: the sandbox's others are not extras. */
const partial = (how: string) => ({'extra:*': `the source shows only some fields of the body: ${how}`});

const newerClientSecretWording =
	'the 2021 wording (Invalid client secret is provided.); since 2023 Entra names the app and the value/ID mix-up (ce-0044, ce-0096), which the sandbox speaks';
const newerSecretExpiredWording =
	'the 2020 wording, without the app and with a docs.microsoft.com link; since 2023 Entra names the app and links aka.ms/NewClientSecret (ce-0063, ce-0125), which the sandbox speaks';
const federatedSplit =
	'until 2023 Entra answered every federated-credential mismatch with AADSTS70021 (invalid_request, 400, naming issuer, subject and audience); since then it answers AADSTS700211/700212/700213 (invalid_client, 401, no error_uri: ce-0122 and ce-0143, 2024), which the sandbox speaks';
const olderAuthorizationFailed =
	"the template before ARM appended ' or the scope is invalid. If access was recently granted, please refresh your credentials.' (2017 to 2019); the sandbox speaks the current one (ce-0078 2024, ce-0141 2025)";
const olderGraphAudience =
	"2018: Graph said only 'Access token validation failure.' and its innerError had no client-request-id; since 2021 it adds 'Invalid audience.' and the client-request-id (ce-0127, ce-0084), as the sandbox does";
const noCertificate =
	"the sandbox's signing key has no certificate; the clients it serves (jose, MSAL, the Azure SDKs, authfix's own check) verify with n and e, and a self-signed certificate would change every persisted key's kid";
const appServiceOldProtocol =
	'the 2017-09-01 App Service protocol (MSI_ENDPOINT and a Secret header) answers PascalCase StatusCode/Message/CorrelationId; the sandbox serves 2019-08-01 (IDENTITY_ENDPOINT), whose errors are camelCase (ce-0196)';
const olderAudienceWording =
	"2016: 'obtained from wrong audience or resource … (including forward slash)' with two audiences (and code AuthenticationFailed); since 2018 'obtained for wrong audience or resource' with four (ce-0055, ce-0097, ce-0098), as the sandbox says";
const arm = (world: ConformanceSandbox, path: string, headers: Record<string, string> = {}) =>
	world.request(`${world.sandbox.urls.arm}${path}`, {headers});
const bearer = (token: string) => ({authorization: `Bearer ${token}`});
const clientCredentials = (world: ConformanceSandbox, form: Record<string, string>, tenant: string = ids.tenantA) =>
	world.request(world.tokenUrl(tenant), {form: {grant_type: 'client_credentials', scope: armScope, ...form}});
/** Alice signs in with her password (ROPC) through a client, for a scope. */
const aliceSignsIn = (world: ConformanceSandbox, form: {client_id: string; scope: string; password?: string}) =>
	world.request(world.tokenUrl(ids.tenantA), {
		form: {grant_type: 'password', username: alice.userPrincipalName, password: alice.password, ...form},
	});
const imds = (
	world: ConformanceSandbox,
	query: Record<string, string>,
	headers: Record<string, string> = {metadata: 'true'},
) =>
	world.request(
		`${world.sandbox.urls.arm}/metadata/identity/oauth2/token?${new URLSearchParams({'api-version': '2018-02-01', ...query})}`,
		{headers},
	);
const appService = (world: ConformanceSandbox, query: Record<string, string>) =>
	world.request(`${world.sandbox.urls.arm}/msi/token?${new URLSearchParams({'api-version': '2019-08-01', ...query})}`, {
		headers: {'x-identity-header': world.sandbox.managedIdentityEnv.IDENTITY_HEADER!},
	});

export const situations: readonly Situation[] = [
	{
		name: 'client credentials with a wrong secret',
		ask: world => clientCredentials(world, {client_id: ids.ciApp, client_secret: 'not-the-secret'}),
		exchanges: {
			'ce-0008': {'message:error_description': newerClientSecretWording},
			'ce-0028': {'message:error_description': newerClientSecretWording},
			'ce-0044': {},
			'ce-0096': {},
			'ce-0126': {
				message: '2017: a wrong secret was AADSTS70002 wrapping AADSTS50012; today it is AADSTS7000215 (ce-0044)',
			},
		},
	},
	{
		name: 'client credentials with an expired secret',
		ask: world => clientCredentials(world, {client_id: more.expiredSecretApp, client_secret: secrets.expired}),
		exchanges: {
			'ce-0062': {'message:error_description': newerSecretExpiredWording},
			'ce-0063': {},
			'ce-0064': {
				...partial('ADAL4J prints only error_description and error'),
				'message:error_description': newerSecretExpiredWording,
			},
			'ce-0125': partial('rebuilt from an Azure.Identity log that shows only the code and the description'),
		},
	},
	{
		name: 'client credentials with a certificate the app never registered',
		ask: async world =>
			clientCredentials(world, {
				client_id: ids.ciApp,
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: await world.certificateAssertion({foreignKey: true}),
			}),
		exchanges: {
			'ce-0009': {},
			'ce-0026': {},
		},
	},
	{
		name: 'client credentials with an expired certificate assertion',
		ask: async world =>
			clientCredentials(world, {
				client_id: ids.ciApp,
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: await world.certificateAssertion({expiresIn: -3600}),
			}),
		exchanges: {
			'ce-0068': {},
			'ce-0124': {},
			'ce-0069': {
				...partial('ADAL4J prints only error_description and error'),
				'message:error_description':
					'2015: an assertion out of its time range was AADSTS70002 wrapping AADSTS50012; today it is AADSTS700024 (ce-0124)',
			},
		},
	},
	{
		name: 'federated credential: an expired GitHub token',
		ask: async world =>
			clientCredentials(world, {
				client_id: more.ghApp,
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: await world.githubAssertion({exp: Math.floor(Date.now() / 1000) - 3600}),
			}),
		exchanges: {
			'ce-0123': {
				...partial('rebuilt from an MSAL.NET exception that shows only the code and the description'),
				'message:error_description':
					'2024: the same sentence linked the documentation at its docs.microsoft.com address; the sandbox links the 2025 one (ce-0124)',
			},
		},
	},
	{
		name: 'federated credential: no credential for the issuer',
		ask: async world =>
			clientCredentials(world, {
				client_id: more.ghApp,
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: await world.githubAssertion({iss: 'https://oidc.prod-aks.azure.com/cluster/'}),
			}),
		exchanges: {
			'ce-0122': {},
			'ce-0121': {
				'field:error_uri': federatedSplit,
				status: federatedSplit,
				'value:error': federatedSplit,
				'value:error_codes': federatedSplit,
				'message:error_description': federatedSplit,
			},
			'ce-0177': {
				'field:error_uri': federatedSplit,
				status: federatedSplit,
				'value:error': federatedSplit,
				'value:error_codes': federatedSplit,
				'message:error_description': federatedSplit,
			},
			'ce-0178': {
				'field:error_uri': federatedSplit,
				status: federatedSplit,
				'value:error': federatedSplit,
				'value:error_codes': federatedSplit,
				'message:error_description': federatedSplit,
			},
		},
	},
	{
		name: 'federated credential: no credential for the subject',
		ask: async world =>
			clientCredentials(world, {
				client_id: more.ghApp,
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: await world.githubAssertion({sub: 'repo:Contoso/App:pull_request'}),
			}),
		exchanges: {
			'ce-0143': {
				'message:error_description':
					'the reporter replaced the trace and correlation ids with the words traceId and correlationId',
			},
			'ce-0144': {},
			'ce-0066': {
				message:
					"AADSTS7002137 is Entra's answer when an Entra-issued assertion (a managed identity's token, whose subject has the /eid1/… form) matches no credential; the sandbox's managed-identity tokens carry the object id as subject and it answers AADSTS700213",
			},
		},
	},
	{
		name: 'federated credential: the subject differs in case only',
		ask: async world =>
			clientCredentials(world, {
				client_id: more.ghApp,
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: await world.githubAssertion({sub: 'repo:contoso/app:ref:refs/heads/main'}),
			}),
		exchanges: {
			'ce-0145': {},
		},
	},
	{
		name: 'client credentials without a secret or assertion',
		ask: world => clientCredentials(world, {client_id: ids.ciApp}),
		exchanges: {
			'ce-0192': {
				status:
					"the fixture's status (MSAL.NET unit tests answer 400); every recorded invalid_client is 401 (ce-0008, ce-0026, ce-0028, ce-0044)",
				'extra:error_uri': '2019-07: before error_uri appeared in Entra error bodies (first seen 2019-09-30, ce-0065)',
				'message:error_description':
					'the fixture lost the line breaks of the trace block and put spaces inside its GUIDs and timestamp',
			},
		},
	},
	{
		name: 'token request without grant_type',
		ask: world => world.request(world.tokenUrl(ids.tenantA), {form: {client_id: ids.ciApp, scope: armScope}}),
		exchanges: {'ce-0091': {}, 'ce-0092': {}},
	},
	{
		name: 'client credentials without scope',
		ask: world =>
			world.request(world.tokenUrl(ids.tenantA), {
				form: {grant_type: 'client_credentials', client_id: ids.ciApp, client_secret: secrets.ci},
			}),
		exchanges: {
			'ce-0202': {},
		},
	},
	{
		name: 'token request whose scope names no resource',
		ask: world =>
			world.request(world.tokenUrl(ids.tenantA), {
				form: {grant_type: 'client_credentials', client_id: ids.ciApp, client_secret: secrets.ci, scope: 'openid'},
			}),
		exchanges: {'ce-0083': {}},
	},
	{
		name: 'token for a resource the tenant does not know',
		ask: world =>
			clientCredentials(world, {
				client_id: ids.ciApp,
				client_secret: secrets.ci,
				scope: 'https://unknown.example.com/.default',
			}),
		exchanges: {
			'ce-0093': {
				'message:error_description':
					'the reporter replaced the resource and tenant with {id}, blanked the trace and correlation ids and dropped the period after the tenant',
			},
		},
	},
	{
		name: 'token from a tenant where the app does not exist',
		ask: world => clientCredentials(world, {client_id: more.noRoleApp, client_secret: secrets.noRole}, ids.tenantB),
		exchanges: {
			'ce-0095': {
				message:
					'2016, Azure Germany: AADSTS70001 with the directory unquoted; today an unknown app is AADSTS700016, which the sandbox speaks',
			},
		},
	},
	{
		name: 'password grant with a wrong password',
		ask: world => aliceSignsIn(world, {client_id: azureCli, scope: armScope, password: 'not-the-password'}),
		exchanges: {
			'ce-0027': {},
			'ce-0119': {},
			'ce-0120': {
				status:
					'2018: a federated user with a wrong password on the v1 endpoint was 401 AADSTS70002 wrapping AADSTS50126; today it is 400 AADSTS50126 alone (ce-0027 2022, ce-0119 2020)',
				'extra:error_uri': '2018: before error_uri appeared in Entra error bodies (first seen 2019-09-30, ce-0065)',
				'value:error_codes': '2018: AADSTS70002 wrapping AADSTS50126 (see status)',
				'message:error_description': '2018: AADSTS70002 wrapping AADSTS50126 (see status)',
			},
		},
	},
	{
		name: 'password grant through an app nobody consented to',
		ask: world => aliceSignsIn(world, {client_id: ids.devTool, scope: `${armScope} offline_access`}),
		exchanges: {
			'ce-0081': {
				'extra:error_uri':
					'2019-09-19: before error_uri appeared in Entra error bodies (first seen 2019-09-30, ce-0065)',
			},
			'ce-0082': {},
		},
	},
	{
		name: 'device code polled before the user signed in',
		ask: async world => {
			const started = await world.request(`${world.sandbox.urls.entra}/${ids.tenantA}/oauth2/v2.0/devicecode`, {
				form: {client_id: azureCli, scope: armScope},
			});
			const deviceCode = String((started.body as {device_code?: unknown}).device_code);
			return world.request(world.tokenUrl(ids.tenantA), {
				form: {
					grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
					client_id: azureCli,
					device_code: deviceCode,
				},
			});
		},
		exchanges: {'ce-0036': {}, 'ce-0049': {}, 'ce-0146': {}},
	},
	{
		name: 'refresh token that Entra cannot read',
		ask: world =>
			world.request(world.tokenUrl(ids.tenantA), {
				form: {
					grant_type: 'refresh_token',
					client_id: azureCli,
					refresh_token: 'not-a-refresh-token',
					scope: armScope,
				},
			}),
		exchanges: {
			'ce-0200': {},
		},
	},
	{
		name: 'OpenID configuration of a tenant that does not exist',
		ask: world =>
			world.request(`${world.sandbox.urls.entra}/${more.missingSubscription}/v2.0/.well-known/openid-configuration`),
		exchanges: {
			'ce-0153': {},
			'ce-0154': {
				'value:error':
					"the JS recorder replaced every word 'tenant' with the fake tenant id, mangling error and the description; the 2023 recording of the same request (ce-0153) matches",
				'message:error_description':
					"the JS recorder replaced every word 'tenant' with the fake tenant id (see value:error)",
			},
		},
	},
	// Successes, for their shape.
	{
		name: 'client credentials token (v2)',
		ask: world => clientCredentials(world, {client_id: ids.ciApp, client_secret: secrets.ci}),
		exchanges: {
			'ce-0032': {},
			'ce-0041': {},
			'ce-0047': {},
			'ce-0053': {},
			'ce-0054': {},
			'ce-0176': {},
		},
	},
	{
		name: 'password grant token for a user (v2)',
		ask: world => aliceSignsIn(world, {client_id: azureCli, scope: `${armScope} openid profile offline_access`}),
		exchanges: {
			'ce-0020': {},
			'ce-0151': {},
			'ce-0037': {},
			'ce-0050': {
				'extra:foci':
					"the recording's client (kubelogin's test app) is not one of Microsoft's family clients, and Entra says foci only to those; the sandbox is asked as the Azure CLI, which is one",
			},
		},
	},
	{
		name: 'on-behalf-of token for a user (v2)',
		ask: async world => {
			const signedIn = await aliceSignsIn(world, {client_id: azureCli, scope: `api://${ids.apiApp}/Orders.Read`});
			return world.request(world.tokenUrl(ids.tenantA), {
				form: {
					grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
					requested_token_use: 'on_behalf_of',
					client_id: ids.apiApp,
					client_secret: secrets.api,
					assertion: String((signedIn.body as {access_token?: unknown}).access_token),
					scope: `${armScope} openid profile offline_access`,
				},
			});
		},
		exchanges: {
			'ce-0006': {
				'extra:id_token':
					"the documentation's sample is abridged: the recorded on-behalf-of exchange (ce-0209) carries id_token and client_info",
				'extra:client_info': "the documentation's sample is abridged (see extra:id_token)",
			},
			'ce-0209': {},
		},
	},
	{
		name: 'device authorization request',
		ask: world =>
			world.request(`${world.sandbox.urls.entra}/${ids.tenantA}/oauth2/v2.0/devicecode`, {
				form: {client_id: azureCli, scope: armScope},
			}),
		exchanges: {
			'ce-0035': {
				'message:message': "the recorder replaced the message with 'redacted'",
			},
			'ce-0048': {},
		},
	},
	{
		name: 'OpenID configuration of a tenant (v2)',
		ask: world => world.request(`${world.sandbox.urls.entra}/${ids.tenantA}/v2.0/.well-known/openid-configuration`),
		exchanges: {
			'ce-0022': {},
			'ce-0025': {},
			'ce-0043': {},
			'ce-0175': {},
		},
	},
	{
		name: 'OpenID configuration of common (v2)',
		ask: world => world.request(`${world.sandbox.urls.entra}/common/v2.0/.well-known/openid-configuration`),
		exchanges: {'ce-0183': {}},
	},
	{
		name: 'OpenID configuration of common (v1)',
		ask: world => world.request(`${world.sandbox.urls.entra}/common/.well-known/openid-configuration`),
		exchanges: {
			'ce-0181': {},
		},
	},
	{
		name: 'instance discovery for a tenant authority (v2 authorize endpoint)',
		ask: world =>
			world.request(
				`${world.sandbox.urls.entra}/common/discovery/instance?${new URLSearchParams({
					'api-version': '1.1',
					authorization_endpoint: `${world.sandbox.urls.entra}/${ids.tenantA}/oauth2/v2.0/authorize`,
				})}`,
			),
		exchanges: {
			'ce-0007': {},
			'ce-0015': {},
			'ce-0021': {},
			'ce-0042': {},
			'ce-0174': {},
		},
	},
	{
		name: 'instance discovery for common (v1 authorize endpoint)',
		ask: world =>
			world.request(
				`${world.sandbox.urls.entra}/common/discovery/instance?${new URLSearchParams({
					'api-version': '1.1',
					authorization_endpoint: `${world.sandbox.urls.entra}/common/oauth2/authorize`,
				})}`,
			),
		exchanges: {'ce-0207': {}},
	},
	{
		name: 'signing keys (v1)',
		ask: world => world.request(`${world.sandbox.urls.entra}/common/discovery/keys`),
		exchanges: {
			'ce-0182': {'field:keys[].x5c': noCertificate},
		},
	},
	{
		name: 'signing keys (v2)',
		ask: world => world.request(`${world.sandbox.urls.entra}/common/discovery/v2.0/keys`),
		exchanges: {
			'ce-0184': {'field:keys[].x5c': noCertificate},
		},
	},
	{
		name: 'user realm of a cloud-only user',
		ask: world =>
			world.request(`${world.sandbox.urls.entra}/common/userrealm/alice@contosodev.onmicrosoft.com?api-version=1.0`),
		exchanges: {'ce-0019': {}},
	},
	// Managed identity.
	{
		name: 'IMDS token for a user-assigned identity',
		ask: world => imds(world, {resource: 'https://management.azure.com/', client_id: more.identityOne.client}),
		exchanges: {'ce-0014': {}, 'ce-0030': {}, 'ce-0052': {}, 'ce-0171': {}, 'ce-0173': {}},
	},
	{
		name: 'IMDS request without the Metadata header',
		ask: world => imds(world, {resource: 'https://management.azure.com/'}, {}),
		exchanges: {
			'ce-0029': {},
			'ce-0002': {
				'value:error':
					"the documentation's table (bad_request_102, likely the retired VM extension's code); IMDS itself answers invalid_request (recorded 2021, ce-0029), as the sandbox does",
			},
		},
	},
	{
		name: 'IMDS token for an identity the VM does not have',
		ask: world =>
			imds(world, {resource: 'https://management.azure.com/', client_id: 'cccccccc-0000-0000-0000-00000000dead'}),
		exchanges: {'ce-0075': {}},
	},
	{
		name: 'IMDS token without naming one of several user-assigned identities',
		ask: world => imds(world, {resource: 'https://management.azure.com/'}),
		exchanges: {
			'ce-0089': {},
		},
	},
	{
		name: 'IMDS token for a resource the tenant does not know',
		ask: world => imds(world, {resource: 'https://unknown.example.com/', client_id: more.identityOne.client}),
		exchanges: {
			'ce-0195': {
				'message:error_description':
					"the message names the resource and the tenant unquoted: the fixture asked for 'user.read' in a tenant named 'Microsoft', the sandbox is asked for a URL in a tenant it names by id; the words around them are the same",
			},
			'ce-0001': {
				...partial("the documentation's table: status, error and description"),
				'message:error_description':
					"the documentation's AADSTS50001, the older code for a resource the tenant does not know; Entra answers AADSTS500011 today (ce-0195, ce-0093)",
			},
		},
	},
	{
		name: 'App Service token for a user-assigned identity',
		ask: world => appService(world, {resource: 'https://management.azure.com/', client_id: more.identityOne.client}),
		exchanges: {'ce-0203': {}, 'ce-0204': {}},
	},
	{
		name: 'App Service token for an identity the app does not have',
		ask: world =>
			appService(world, {resource: 'https://management.azure.com/', client_id: 'cccccccc-0000-0000-0000-00000000dead'}),
		exchanges: {'ce-0090': {'field:*': appServiceOldProtocol, 'extra:*': appServiceOldProtocol}},
	},
	{
		name: 'App Service token for a resource the tenant does not know',
		ask: world => appService(world, {resource: 'https://unknown.example.com/', client_id: more.identityOne.client}),
		exchanges: {'ce-0196': {}},
	},
	// ARM.
	{
		name: 'ARM call with a token for Microsoft Graph',
		ask: async world =>
			arm(
				world,
				paths.groupA,
				bearer(await world.appToken(ids.ciApp, secrets.ci, ids.tenantA, 'https://graph.microsoft.com/.default')),
			),
		exchanges: {
			'ce-0055': {},
			'ce-0097': {},
			'ce-0098': {},
			'ce-0099': {'message:error.message': olderAudienceWording},
			'ce-0056': {message: olderAudienceWording},
		},
	},
	{
		name: "ARM call with a token from another tenant than the subscription's",
		ask: async world => arm(world, paths.groupB, bearer(await world.appToken(ids.ciApp, secrets.ci, ids.tenantA))),
		exchanges: {
			'ce-0059': {message: 'the reporter replaced the tenant ids with words and cut the message after the authority'},
			'ce-0060': {},
			'ce-0100': {},
			'ce-0101': {},
			'ce-0102': {
				'message:error.message':
					"a 2025 variant that names the token service (The 'EvolvedSecurityTokenService' access token …); a 2026 recording (ce-0060) still has the classic wording, which the sandbox speaks; both say 'access token is from the wrong issuer', which clients and explain match on",
			},
		},
	},
	{
		name: 'ARM call with an expired token',
		ask: async world =>
			arm(world, paths.groupC, bearer(await world.appToken(more.skewedApp, secrets.skewed, more.tenantC))),
		exchanges: {
			'ce-0057': {},
			'ce-0076': {
				'header-extra:www-authenticate':
					'a Terraform debug excerpt that starts below the status line; every complete ARM 401 recording with a token (ce-0058, ce-0147, ce-0150, ce-0205) carries a challenge, so the sandbox keeps one',
			},
			'ce-0077': {},
			'ce-0103': {
				'value:error.code':
					'2015: ARM answered an expired token with AuthenticationFailed; ExpiredAuthenticationToken since (ce-0057, ce-0076, ce-0077)',
			},
		},
	},
	{
		name: 'ARM call to a subscription without an Authorization header',
		ask: world => arm(world, paths.groupA),
		exchanges: {
			'ce-0061': {},
			'ce-0134': {},
		},
	},
	{
		name: 'ARM call to a tenant-level URL without an Authorization header',
		ask: world => arm(world, '/tenants?api-version=2022-12-01'),
		exchanges: {'ce-0190': {}},
	},
	{
		name: 'ARM call with a bearer value that is not a token',
		ask: world =>
			arm(world, '/tenants?api-version=2016-06-01', {authorization: 'Bearer sv=2019-12-12&ss=b&sig=not-a-token'}),
		exchanges: {
			'ce-0132': {
				'header-extra:www-authenticate':
					'an Azure PowerShell -Debug excerpt that shows only the first headers (cut inside x-ms-routing-request-id); every complete ARM 401 recording with a token (ce-0058, ce-0147, ce-0150, ce-0205) carries a challenge',
			},
		},
	},
	{
		name: 'ARM call with an app token that has no oid',
		ask: async world => {
			const now = Math.floor(Date.now() / 1000);
			const token = await world.signer.sign({
				aud: 'https://management.core.windows.net/',
				iss: `${world.sandbox.urls.entra}/${ids.tenantA}/`,
				iat: now - 60,
				nbf: now - 60,
				exp: now + 3600,
				appid: ids.ciApp,
				appidacr: '1',
				idtyp: 'app',
				tid: ids.tenantA,
				ver: '1.0',
			});
			return arm(world, paths.groupA, bearer(token));
		},
		exchanges: {'ce-0131': {}},
	},
	{
		name: 'ARM read by an app with no role',
		ask: async world =>
			arm(world, paths.groupA, bearer(await world.appToken(more.noRoleApp, secrets.noRole, ids.tenantA))),
		exchanges: {
			'ce-0078': {},
			'ce-0137': {'message:error.message': olderAuthorizationFailed},
			'ce-0138': {},
			'ce-0139': {'message:error.message': olderAuthorizationFailed},
			'ce-0141': {},
			'ce-0142': {},
			'ce-0156': {},
			'ce-0159': {'message:error.message': olderAuthorizationFailed},
			'ce-0160': {'message:error.message': olderAuthorizationFailed},
			'ce-0169': {},
			'ce-0109': {message: `${olderAuthorizationFailed}; the reporter also dropped a quote after the account`},
			'ce-0110': {message: olderAuthorizationFailed},
			'ce-0140': {},
			'ce-0108': {},
		},
	},
	{
		name: 'ARM read of a management group by an app with no role there',
		ask: async world =>
			arm(
				world,
				'/providers/Microsoft.Management/managementGroups/mg-missing?api-version=2020-05-01',
				bearer(await world.appToken(more.noRoleApp, secrets.noRole, ids.tenantA)),
			),
		exchanges: {
			'ce-0136': {},
		},
	},
	{
		name: "ARM read of a resource linked to another tenant's subscription, without an auxiliary token",
		ask: async world => arm(world, paths.linked, bearer(await world.appToken(ids.ciApp, secrets.ci, ids.tenantA))),
		exchanges: {'ce-0079': {}, 'ce-0113': {}},
	},
	{
		name: 'ARM read of a resource linked to a scope the auxiliary identity has no role on',
		ask: async world =>
			arm(world, paths.linked, {
				...bearer(await world.appToken(ids.ciApp, secrets.ci, ids.tenantA)),
				'x-ms-authorization-auxiliary': `Bearer ${await world.appToken(ids.ciApp, secrets.ci, ids.tenantB)}`,
			}),
		exchanges: {'ce-0080': {}, 'ce-0111': {}, 'ce-0112': {}},
	},
	{
		name: 'ARM read of a resource linked to a subscription that does not exist',
		ask: async world => arm(world, paths.orphan, bearer(await world.appToken(ids.ciApp, secrets.ci, ids.tenantA))),
		exchanges: {
			'ce-0167': {},
		},
	},
	{
		name: 'ARM list of subscriptions for an app that has none',
		ask: async world =>
			arm(
				world,
				'/subscriptions?api-version=2020-01-01',
				bearer(await world.appToken(more.noRoleApp, secrets.noRole, ids.tenantA)),
			),
		exchanges: {'ce-0149': {}, 'ce-0208': {}, 'ce-0133': {}},
	},
	// Graph.
	{
		name: 'Graph call with a token for ARM',
		ask: async world =>
			world.request(`${world.sandbox.urls.graph}/v1.0/users`, {
				headers: bearer(await world.appToken(ids.ciApp, secrets.ci, ids.tenantA)),
			}),
		exchanges: {
			'ce-0084': {},
			'ce-0127': {},
			'ce-0128': {
				'extra:error.innerError.client-request-id': olderGraphAudience,
				'message:error.message': olderGraphAudience,
			},
			'ce-0074': {
				'extra:error.innerError.client-request-id': olderGraphAudience,
				'message:error.message': olderGraphAudience,
			},
		},
	},
	{
		name: 'Graph call with an expired token',
		ask: async world =>
			world.request(`${world.sandbox.urls.graph}/v1.0/users`, {
				headers: bearer(
					await world.appToken(more.skewedApp, secrets.skewed, more.tenantC, 'https://graph.microsoft.com/.default'),
				),
			}),
		exchanges: {
			'ce-0073': {
				'extra:error.innerError.client-request-id': "2018: Graph's innerError had no client-request-id (see ce-0128)",
				'message:error.message':
					'a Microsoft-account (compact ticket) token, which Graph rejects with its own reason code; the sandbox has no personal accounts and answers an expired work-account token with Lifetime validation failed',
			},
		},
	},
];

const noAdfs = 'the sandbox is an Entra ID tenant; it has no AD FS (Azure Stack Hub) authority';
const noConditionalAccess = 'the sandbox has no Conditional Access, MFA or sign-in-frequency policies';
const noRevocation = 'the sandbox never revokes sessions or refresh tokens, and has no Continuous Access Evaluation';
const noKeyVault = 'the sandbox has no Key Vault or Storage data plane';
const noPolicy = 'the sandbox has no Azure Policy: nothing is ever disallowed by policy';
const noGraphPermissions = "the sandbox's Graph-like API checks tokens but has no directory permission model (no 403)";

/** Exchanges no situation compares, and why. */
export const notCompared: Readonly<Record<string, string>> = {
	'ce-0003':
		'the legacy managed-identity VM extension (localhost:50342) was retired; the sandbox serves IMDS and App Service',
	'ce-0004': 'IMDS failing to reach Entra (500 unknown) is an outage the sandbox does not stage',
	'ce-0005': noConditionalAccess,
	'ce-0010': noKeyVault,
	'ce-0011': 'the sandbox has no Azure Arc identity endpoint (its file-secret handshake)',
	'ce-0012': 'the sandbox has no Azure Arc identity endpoint',
	'ce-0013': noKeyVault,
	'ce-0016': 'refresh tokens in the sandbox never expire from inactivity (AADSTS700082)',
	'ce-0017': 'the sandbox has no Service Fabric identity endpoint',
	'ce-0018': noKeyVault,
	'ce-0023': 'the sandbox has no authorization-code flow (browser sign-in)',
	'ce-0024': 'the sandbox has no authorization-code flow (browser sign-in)',
	'ce-0031': 'the sandbox has no regional (ESTS-R) token service',
	'ce-0033': noAdfs,
	'ce-0034': noAdfs,
	'ce-0038': noAdfs,
	'ce-0039': noAdfs,
	'ce-0040': noAdfs,
	'ce-0045': 'sandbox users are all cloud-only (Managed); there is no federated (AD FS) domain',
	'ce-0046': noAdfs,
	'ce-0051': noConditionalAccess,
	'ce-0058': 'ARM failing to find an identity for a valid token is a directory state the sandbox does not stage',
	'ce-0065': 'the sandbox has no SAML bearer assertion grant or federation realms',
	'ce-0067': noConditionalAccess,
	'ce-0070': noGraphPermissions,
	'ce-0071': noGraphPermissions,
	'ce-0072': noGraphPermissions,
	'ce-0085': 'the sandbox has no Cloud Shell identity endpoint',
	'ce-0086': 'the sandbox has no Cloud Shell identity endpoint',
	'ce-0087': 'the sandbox has no Cloud Shell identity endpoint',
	'ce-0088': 'the sandbox has no Cloud Shell identity endpoint',
	'ce-0094': 'the sandbox cannot disable an application',
	'ce-0104': noPolicy,
	'ce-0105': noPolicy,
	'ce-0106': noPolicy,
	'ce-0107': noPolicy,
	'ce-0114': 'the sandbox has no deployments (its ARM serves reads only)',
	'ce-0115': 'refresh tokens in the sandbox never expire from inactivity (AADSTS700082)',
	'ce-0116': 'refresh tokens in the sandbox never expire from inactivity (AADSTS700082)',
	'ce-0117': 'refresh tokens in the sandbox never expire from inactivity (AADSTS700082)',
	'ce-0118': noConditionalAccess,
	'ce-0129': 'Teams behind Graph (licences, chat consent) is not part of the sandbox',
	'ce-0130': 'Teams behind Graph (licences, chat consent) is not part of the sandbox',
	'ce-0135': 'Azure AD Graph (graph.windows.net) was retired; the sandbox serves a Microsoft Graph-like API',
	'ce-0147': noRevocation,
	'ce-0148': noRevocation,
	'ce-0150': noRevocation,
	'ce-0152': "the sandbox's Graph-like API has no revokeSignInSessions",
	'ce-0155': noKeyVault,
	'ce-0157': noKeyVault,
	'ce-0158': noKeyVault,
	'ce-0161': noGraphPermissions,
	'ce-0162': noGraphPermissions,
	'ce-0163': noGraphPermissions,
	'ce-0164': noKeyVault,
	'ce-0165': noKeyVault,
	'ce-0166': noKeyVault,
	'ce-0168': noGraphPermissions,
	'ce-0170': noKeyVault,
	'ce-0172': noAdfs,
	'ce-0179': "the sandbox never fetches an external issuer's OIDC metadata, so it cannot fail to (AADSTS90061)",
	'ce-0180': noPolicy,
	'ce-0187': 'the sandbox has no IMDS instance metadata (only its identity endpoint)',
	'ce-0189': noRevocation,
	'ce-0191': noKeyVault,
	'ce-0193':
		'a grant sent to /common: the fixture does not say which grant, and the sandbox answers client credentials at /common with AADSTS50059, also a real answer',
	'ce-0194': noRevocation,
	'ce-0197': 'the sandbox has no Cloud Shell identity endpoint',
	'ce-0198': 'the sandbox answers instance discovery for its own host only; no client sends it another',
	'ce-0199': 'the sandbox answers instance discovery for its own host only; no client sends it another',
	'ce-0201': 'the sandbox has no duplicate application identifiers (AADSTS90011, a 2014 answer)',
	'ce-0205': noRevocation,
	'ce-0206': noRevocation,
};
