import {decodeJwt} from 'jose';
import type {Finding} from '../findings/finding.ts';
import type {TokenResult} from '../ports/services.ts';
import {shortTime} from '../token/time.ts';
import type {CheckContext} from './context.ts';
import {describeFailure, findingFor} from './finding-builders.ts';
import {graphGet} from './graph.ts';
import {isRecordLike} from './records.ts';

const {pass, warn, fail, skip} = findingFor('federated-credential', 'Federated credential');

export const exchangeAudience = 'api://AzureADTokenExchange';

export type FederatedRecord = {
	readonly name: string;
	readonly issuer: string;
	readonly subject: string;
	readonly audiences: readonly string[];
};

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

/** Compares an assertion with an app's federated credential records the way Entra does (exact, case-sensitive). */
export function matchRecords(
	assertion: {readonly iss: string; readonly sub: string; readonly aud: readonly string[]},
	records: readonly FederatedRecord[],
):
	| {kind: 'match'; record: FederatedRecord}
	| {kind: 'case-only'; record: FederatedRecord}
	| {kind: 'issuer' | 'subject' | 'audience' | 'none'; record?: FederatedRecord} {
	const exact = records.find(
		record =>
			record.issuer === assertion.iss &&
			record.subject === assertion.sub &&
			record.audiences.some(aud => assertion.aud.includes(aud)),
	);
	if (exact) return {kind: 'match', record: exact};
	const caseOnly = records.find(
		record => record.issuer === assertion.iss && record.subject.toLowerCase() === assertion.sub.toLowerCase(),
	);
	if (caseOnly && caseOnly.subject !== assertion.sub) return {kind: 'case-only', record: caseOnly};
	const sameSubject = records.find(record => record.subject === assertion.sub);
	if (sameSubject && sameSubject.issuer !== assertion.iss) return {kind: 'issuer', record: sameSubject};
	const sameIssuer = records.find(record => record.issuer === assertion.iss);
	if (sameIssuer && sameIssuer.subject !== assertion.sub) return {kind: 'subject', record: sameIssuer};
	if (sameIssuer) return {kind: 'audience', record: sameIssuer};
	return {kind: 'none'};
}

/**
A workload identity federation: the assertion in AZURE_FEDERATED_TOKEN_FILE against the app
(AZURE_CLIENT_ID in AZURE_TENANT_ID) and its federated credential records. Recognises the
AADSTS700236 situation (an Entra-issued token, e.g. a managed identity's, federated to an app of
another tenant) and names the path that works.
*/
export async function checkFederatedCredential(original: CheckContext): Promise<Finding> {
	const context = withGraphTokenReuse(original);
	const {services} = context;
	const env = services.env;
	const file = env.AZURE_FEDERATED_TOKEN_FILE;
	const clientId = env.AZURE_CLIENT_ID;
	const appTenant = (env.AZURE_TENANT_ID ?? '').toLowerCase();
	if (!file) {
		return skip('No federated credential in use (AZURE_FEDERATED_TOKEN_FILE is not set).');
	}

	let text: string | undefined;
	try {
		text = await services.files.readText(file, 64 * 1024);
	} catch (error) {
		return fail(`The federated token file ${file} cannot be read: ${describeFailure(error).detail}`);
	}

	if (text === undefined || text.trim() === '') {
		return fail(
			`The federated token file ${file} ${text === undefined ? 'does not exist' : 'is empty'}; WorkloadIdentityCredential is unavailable.`,
			{
				fix: {text: 'Point AZURE_FEDERATED_TOKEN_FILE at the projected service account token (or the CI OIDC token).'},
			},
		);
	}

	let claims: Record<string, unknown>;
	try {
		claims = decodeJwt(text.trim()) as Record<string, unknown>;
	} catch {
		return fail(`The federated token file ${file} does not hold a JWT.`);
	}

	const iss = typeof claims.iss === 'string' ? claims.iss : '';
	const sub = typeof claims.sub === 'string' ? claims.sub : '';
	const aud = Array.isArray(claims.aud) ? claims.aud.map(String) : typeof claims.aud === 'string' ? [claims.aud] : [];
	const facts: Record<string, string> = {
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
			'AZURE_CLIENT_ID is not set: the app the assertion is exchanged for is unknown, so its records cannot be compared.',
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

	const match = matchRecords({iss, sub, aud}, records);
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
						command: `az ad app federated-credential update --id ${clientId} --federated-credential-id ${match.record.name} --subject '${sub}'`,
					},
					facts,
				},
			);
		}

		default: {
			const code =
				match.kind === 'issuer'
					? 'AADSTS700211'
					: match.kind === 'subject'
						? 'AADSTS700213'
						: match.kind === 'audience'
							? 'AADSTS700212'
							: 'AADSTS70021';
			const near = match.record
				? ` The nearest record '${match.record.name}' has issuer ${match.record.issuer} and subject ${match.record.subject}.`
				: '';
			return fail(
				`No federated credential of app ${clientId} matches the assertion (issuer ${iss}, subject ${sub}) (${code}).${near}`,
				{
					fix: {
						text: 'Add a record for exactly this issuer and subject:',
						command: `az ad app federated-credential create --id ${clientId} --parameters '{"name":"authfix-fix","issuer":"${iss}","subject":"${sub}","audiences":["${exchangeAudience}"]}'`,
					},
					facts: {...facts, code},
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
