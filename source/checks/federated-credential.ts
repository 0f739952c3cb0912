import {decodeJwt} from 'jose';
import type {AssertionSource, DetectedSource, SourceId} from '../credentials/sources.ts';
import {
	assertionOf,
	credentialToAdd,
	exchangeAudience,
	explainMismatch,
	type FederatedRecord,
	matchRecords,
	shellQuote,
} from '../credentials/subjects.ts';
import type {Finding} from '../findings/finding.ts';
import type {TokenResult} from '../ports/services.ts';
import {shortTime} from '../token/time.ts';
import type {CheckContext} from './context.ts';
import {describeFailure, findingFor} from './finding-builders.ts';
import {graphGet} from './graph.ts';
import {isRecordLike} from './records.ts';

const {pass, warn, fail, skip} = findingFor('federated-credential', 'Federated credential');

/** The tenant of an Entra issuer (`{authority}/{tid}/v2.0` or `https://sts.windows.net/{tid}/`), else undefined. */
export function entraIssuerTenant(issuer: string, authorityHost: string): string | undefined {
	let url: URL;
	try {
		url = new URL(issuer);
	} catch {
		return undefined;
	}

	const entraHosts = new Set([
		new URL(authorityHost).host.toLowerCase(),
		'sts.windows.net',
		'login.microsoftonline.com',
	]);
	if (!entraHosts.has(url.host.toLowerCase())) return undefined;
	const tenant = url.pathname.split('/').find(part => part !== '');
	return tenant && /^[0-9a-f-]{36}$/i.test(tenant) ? tenant.toLowerCase() : undefined;
}

/** The federating sources, the one a job or workload uses for its token first. */
const federatedOrder: readonly SourceId[] = [
	'azure-pipelines',
	'github-actions',
	'terraform',
	'kubernetes',
	'workload-identity',
];

/** The assertion a source uses, fetched or read as its tool does; a failing finding when it cannot be had. */
async function readAssertion(
	context: CheckContext,
	source: DetectedSource & {assertion: AssertionSource},
): Promise<{text: string; where: string} | Finding> {
	const {services} = context;
	const env = services.env;
	const {assertion} = source;
	switch (assertion.kind) {
		case 'file': {
			const file = assertion.path;
			let text: string | undefined;
			try {
				text = await services.files.readText(file, 64 * 1024);
			} catch (error) {
				return fail(`The federated token file ${file} cannot be read: ${describeFailure(error).detail}`);
			}

			if (text === undefined || text.trim() === '') {
				return fail(
					`The federated token file ${file} (${assertion.variable}) ${text === undefined ? 'does not exist' : 'is empty'}; WorkloadIdentityCredential is unavailable.`,
					{
						fix: {
							text: 'Point AZURE_FEDERATED_TOKEN_FILE at the projected service account token (or the CI OIDC token).',
						},
					},
				);
			}

			return {text: text.trim(), where: `the federated token file ${file}`};
		}

		case 'variable': {
			return {text: (env[assertion.variable] ?? '').trim(), where: assertion.variable};
		}

		case 'github': {
			try {
				const token = await services.jobTokens.github(
					{
						url: env[assertion.urlVariable] ?? '',
						requestToken: env[assertion.tokenVariable] ?? '',
						audience: assertion.audience,
					},
					{signal: context.signal},
				);
				return {text: token.reveal(), where: "the job's GitHub OIDC token"};
			} catch (error) {
				return fail(`GitHub did not give the job an OIDC token: ${describeFailure(error).detail}`, {
					fix: {text: 'Give the job `permissions: id-token: write` (and contents: read), as azure/login needs.'},
				});
			}
		}

		case 'azure-pipelines': {
			try {
				const token = await services.jobTokens.azurePipelines(
					{
						uri: env[assertion.uriVariable] ?? '',
						accessToken: env[assertion.tokenVariable] ?? '',
						serviceConnectionId: assertion.serviceConnectionId,
					},
					{signal: context.signal},
				);
				return {text: token.reveal(), where: "the service connection's OIDC token"};
			} catch (error) {
				return fail(
					`Azure Pipelines did not give an OIDC token for service connection ${assertion.serviceConnectionId}: ${describeFailure(error).detail}`,
					{
						fix: {
							text: 'Use a service connection of type workload identity federation that this pipeline may use, and map SYSTEM_ACCESSTOKEN into the step.',
						},
					},
				);
			}
		}
	}
}

/**
A workload identity federation, wherever it runs: the assertion the job or workload uses (a GitHub
Actions job's OIDC token, an Azure Pipelines service connection's, Terraform's ARM_OIDC_TOKEN, the
projected token of AZURE_FEDERATED_TOKEN_FILE), decoded and compared with the app's federated
credential records as Entra compares them; a mismatch names the exact record to add. Recognises the
AADSTS700236 situation (an Entra-issued token, e.g. a managed identity's, federated to an app of
another tenant) and names the path that works.
*/
export async function checkFederatedCredential(original: CheckContext): Promise<Finding> {
	const context = withGraphTokenReuse(original);
	const {services} = context;
	const {sources} = await context.credentialSources();
	const source = federatedOrder
		.map(id => sources.find(candidate => candidate.id === id && candidate.assertion !== undefined))
		.find(candidate => candidate !== undefined) as (DetectedSource & {assertion: AssertionSource}) | undefined;
	if (!source) {
		return skip(
			'No federated credential in use (no AZURE_FEDERATED_TOKEN_FILE, GitHub Actions OIDC request, Azure Pipelines service connection or Terraform OIDC setting).',
		);
	}

	const clientId = source.identity?.value;
	const appTenant = (source.tenant?.value ?? '').toLowerCase();
	const read = await readAssertion(context, source);
	if ('status' in read) return read;
	let claims: Record<string, unknown>;
	try {
		claims = decodeJwt(read.text) as Record<string, unknown>;
	} catch {
		return fail(`${read.where} does not hold a JWT.`);
	}

	const iss = typeof claims.iss === 'string' ? claims.iss : '';
	const sub = typeof claims.sub === 'string' ? claims.sub : '';
	const aud = Array.isArray(claims.aud) ? claims.aud.map(String) : typeof claims.aud === 'string' ? [claims.aud] : [];
	const facts: Record<string, string> = {
		credentialOrigin: source.id,
		assertionIssuer: iss,
		assertionSubject: sub,
		assertionAudience: aud.join(','),
		clientId: clientId ?? '',
		appTenantId: appTenant,
	};
	const now = services.clock.now();
	if (iss !== iss.trim()) {
		return fail(
			`The assertion's issuer has leading or trailing whitespace (${JSON.stringify(iss)}); Entra never matches it.`,
			{fix: {text: 'Fix the issuer configuration of the token provider.'}, facts},
		);
	}

	if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) {
		return fail(
			`The assertion expired at ${shortTime(claims.exp * 1000)} (AADSTS700024: not within its valid time range). CI OIDC tokens live minutes: request a fresh one right before the exchange.`,
			{
				fix: {
					text: 'Fetch a new assertion before each token exchange (do not cache it in a file that outlives the job).',
				},
				facts,
			},
		);
	}

	if (!aud.includes(exchangeAudience)) {
		return fail(
			`The assertion is for audience ${aud.join(', ') || '(none)'}, but a federated credential expects ${exchangeAudience} (AADSTS700212).`,
			{
				fix: {
					text: `Request the assertion with audience ${exchangeAudience} (GitHub: azure/login does; elsewhere set the audience explicitly).`,
				},
				facts,
			},
		);
	}

	if (!clientId) {
		return warn(
			`${source.label} names no app (AZURE_CLIENT_ID, ARM_CLIENT_ID or the service connection's servicePrincipalId): the app the assertion is exchanged for is unknown, so its records cannot be compared.`,
			{facts},
		);
	}

	// Where is the app registered? Graph serves an application's records only in its home tenant.
	const issuerTenant = entraIssuerTenant(iss, services.cloud.authorityHost);
	const candidates = [
		...new Set([issuerTenant, appTenant || undefined].filter((tenant): tenant is string => tenant !== undefined)),
	];
	let records: FederatedRecord[] | undefined;
	let homeTenant: string | undefined;
	const errors: string[] = [];
	for (const tenant of candidates.length > 0 ? candidates : [undefined]) {
		const read = await readRecords(context, clientId, tenant);
		if ('records' in read) {
			records = read.records;
			homeTenant = tenant;
			break;
		}

		errors.push(`${tenant ? `tenant ${tenant}: ` : ''}${'error' in read ? read.error : 'no such application'}`);
		if ('notFound' in read && tenant === issuerTenant) homeTenant = undefined;
	}

	const crossTenant =
		issuerTenant !== undefined &&
		(homeTenant ? homeTenant !== issuerTenant : appTenant !== '' && appTenant !== issuerTenant);
	if (crossTenant) {
		const certain =
			homeTenant !== undefined || errors.some(error => error.startsWith(`tenant ${issuerTenant}: no such application`));
		const where = homeTenant ?? appTenant;
		const detail = `The assertion is an Entra token issued by tenant ${issuerTenant} (${iss}), used as a federated credential for app ${clientId}${certain ? `, which is registered in tenant ${where}` : ` in tenant ${where}`}: Entra refuses this with AADSTS700236 (Entra-issued tokens may not be used for federated credentials of apps registered in another tenant).`;
		const finding = certain ? fail : warn;
		const path = await findWorkingPath(context, {iss, sub, identityTenant: issuerTenant, targetTenant: where});
		return finding(`${detail} ${path.summary}`, {
			fix: {
				text: `The path that works: federate the identity (issuer ${iss}, subject ${sub}) with a multi-tenant app registered in tenant ${issuerTenant}, create its service principal in tenant ${where} (admin consent), give it the role there, and exchange the assertion for that app's token from tenant ${where}.`,
				command: `az ad app federated-credential create --id ${path.facts.homeAppId ?? '<multi-tenant-app-id>'} --parameters '{"name":"cross-tenant","issuer":"${iss}","subject":"${sub}","audiences":["${exchangeAudience}"]}'`,
			},
			facts: {
				...facts,
				issuerTenantId: issuerTenant,
				...(certain ? {appHomeTenantId: where} : {}),
				identityTenantId: issuerTenant,
				identityObjectId: sub,
				identityIssuer: iss,
				targetAppId: clientId,
				targetTenantId: where,
				...path.facts,
				code: 'AADSTS700236',
			},
		});
	}

	if (!records) {
		return warn(
			`The assertion looks right (issuer ${iss}, subject ${sub}, audience ${exchangeAudience}); the app's federated credential records could not be read (${errors.join('; ')}). Compare them by hand:`,
			{
				fix: {
					text: 'List the records and compare issuer and subject exactly (case-sensitive):',
					command: `az ad app federated-credential list --id ${clientId} --output table`,
				},
				facts,
			},
		);
	}

	const assertion = assertionOf(claims);
	const match = matchRecords(assertion, records);
	const add = credentialToAdd(assertion, clientId);
	const withAdd = {...facts, ficName: add.record.name};
	switch (match.kind) {
		case 'match': {
			return pass(
				`The assertion (issuer ${iss}, subject ${sub}) matches the federated credential '${match.record.name}' of app ${clientId}.`,
				{facts},
			);
		}

		case 'case-only': {
			return fail(
				`The subject ${sub} matches the record '${match.record.name}' (${match.record.subject}) only when case is ignored; Entra compares case-sensitively (AADSTS7002138).`,
				{
					fix: {
						text: "Make the record's subject exactly the assertion's subject.",
						command: `az ad app federated-credential update --id ${clientId} --federated-credential-id ${match.record.name} --parameters ${shellQuote(JSON.stringify({issuer: iss, subject: sub, audiences: match.record.audiences}))}`,
					},
					facts: {...facts, code: match.code},
				},
			);
		}

		default: {
			return fail(
				`No federated credential of app ${clientId} matches the assertion (issuer ${iss}, subject ${sub}) (${match.code}). ${explainMismatch(assertion, match)}`,
				{
					fix: {text: 'Add a federated credential for exactly this issuer and subject:', command: add.command},
					facts: {...withAdd, code: match.code},
				},
			);
		}
	}
}

/** The same context, asking the Azure CLI once per resource and tenant (each `az` run costs a second or more). */
function withGraphTokenReuse(context: CheckContext): CheckContext {
	const azureCli = context.services.azureCli;
	const tokens = new Map<string, Promise<TokenResult>>();
	return {
		...context,
		services: {
			...context.services,
			azureCli: {
				...azureCli,
				getAccessToken(request, call) {
					const key = `${request.resource} ${request.tenantId ?? ''} ${request.subscriptionId ?? ''}`;
					let token = tokens.get(key);
					if (!token) {
						token = azureCli.getAccessToken(request, call);
						tokens.set(key, token);
					}

					return token;
				},
			},
		},
	};
}

function recordsOf(body: unknown): FederatedRecord[] {
	const value = isRecordLike(body) && Array.isArray(body.value) ? body.value : [];
	return value.filter(isRecordLike).map(item => ({
		name: String(item.name ?? ''),
		issuer: String(item.issuer ?? ''),
		subject: String(item.subject ?? ''),
		audiences: Array.isArray(item.audiences) ? item.audiences.map(String) : [],
	}));
}

async function readRecords(
	context: CheckContext,
	clientId: string,
	tenant: string | undefined,
): Promise<{records: FederatedRecord[]} | {notFound: true} | {error: string}> {
	const read = await graphGet(
		context,
		tenant,
		`applications(appId='${encodeURIComponent(clientId)}')/federatedIdentityCredentials`,
	);
	if ('error' in read) return read;
	if (read.status === 404) return {notFound: true};
	return {records: recordsOf(read.body)};
}

/**
What the working path for AADSTS700236 needs, read from Graph: a multi-tenant app of the identity's
tenant (the one already federated with this identity, else the only one), and whether it has a
service principal in the target tenant (admin consent given). Facts it cannot read stay missing,
with the reason in the summary.
*/
async function findWorkingPath(
	context: CheckContext,
	input: {iss: string; sub: string; identityTenant: string; targetTenant: string},
): Promise<{summary: string; facts: Record<string, string>}> {
	const listed = await graphGet(context, input.identityTenant, 'applications?$select=appId,displayName,signInAudience');
	if (!('status' in listed) || listed.status !== 200) {
		const reason = 'error' in listed ? listed.error : 'not found';
		return {
			summary: `The multi-tenant apps of tenant ${input.identityTenant} could not be read (${reason}).`,
			facts: {},
		};
	}

	const apps = (isRecordLike(listed.body) && Array.isArray(listed.body.value) ? listed.body.value : [])
		.filter(isRecordLike)
		.filter(
			app =>
				String(app.signInAudience ?? '') === 'AzureADMultipleOrgs' ||
				String(app.signInAudience ?? '') === 'AzureADandPersonalMicrosoftAccount',
		)
		.map(app => ({appId: String(app.appId ?? '').toLowerCase(), displayName: String(app.displayName ?? '')}))
		.filter(app => app.appId !== '');
	if (apps.length === 0) {
		return {
			summary: `Tenant ${input.identityTenant} has no multi-tenant app yet: register one (az ad app create --sign-in-audience AzureADMultipleOrgs).`,
			facts: {homeAppFederated: 'no'},
		};
	}

	let federated: (typeof apps)[number] | undefined;
	for (const app of apps) {
		const read = await readRecords(context, app.appId, input.identityTenant);
		if (
			'records' in read &&
			matchRecords({iss: input.iss, sub: input.sub, aud: [exchangeAudience]}, read.records).kind === 'match'
		) {
			federated = app;
			break;
		}
	}

	const home = federated ?? (apps.length === 1 ? apps[0] : undefined);
	if (!home) {
		return {
			summary: `None of the multi-tenant apps of tenant ${input.identityTenant} (${apps.map(app => app.displayName || app.appId).join(', ')}) trusts this identity yet: choose the one to federate.`,
			facts: {homeAppFederated: 'no', homeAppCandidates: apps.map(app => app.appId).join(',')},
		};
	}

	const facts: Record<string, string> = {
		homeAppId: home.appId,
		homeAppName: home.displayName,
		homeAppFederated: federated ? 'yes' : 'no',
	};
	const servicePrincipal = await graphGet(
		context,
		input.targetTenant,
		`servicePrincipals(appId='${encodeURIComponent(home.appId)}')`,
	);
	const named = `the multi-tenant app ${home.displayName || home.appId} (${home.appId}) of tenant ${input.identityTenant}`;
	const trusts = federated ? 'already trusts this identity' : 'does not trust this identity yet';
	if ('error' in servicePrincipal) {
		return {
			summary: `Working path: ${named}, which ${trusts}; whether tenant ${input.targetTenant} has consented to it could not be read (${servicePrincipal.error}).`,
			facts,
		};
	}

	if (servicePrincipal.status === 404) {
		return {
			summary: `Working path: ${named}, which ${trusts}; tenant ${input.targetTenant} has no service principal for it yet (no admin consent).`,
			facts: {...facts, homeAppConsented: 'no'},
		};
	}

	const objectId = isRecordLike(servicePrincipal.body) ? String(servicePrincipal.body.id ?? '') : '';
	return {
		summary: `Working path: ${named}, which ${trusts}; tenant ${input.targetTenant} has its service principal ${objectId}.`,
		facts: {...facts, homeAppConsented: 'yes', ...(objectId ? {homeAppPrincipalId: objectId} : {})},
	};
}
