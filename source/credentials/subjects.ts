/**
Federated assertions as Entra compares them: who issued them (GitHub Actions, Azure DevOps, a
Kubernetes cluster, Entra itself), what their subject says (a branch, a tag, an environment, a pull
request, a service connection, a service account), why a federated credential does not match, and
the exact credential to add. Entra compares issuer, subject and audience exactly and case-sensitively.
*/

export const exchangeAudience = 'api://AzureADTokenExchange';

export type Assertion = {
	readonly iss: string;
	readonly sub: string;
	readonly aud: readonly string[];
	readonly claims?: Readonly<Record<string, unknown>>;
};

export type FederatedRecord = {
	readonly name: string;
	readonly issuer: string;
	readonly subject: string;
	readonly audiences: readonly string[];
};

export type IssuerKind = 'github' | 'azure-pipelines' | 'kubernetes' | 'entra' | 'other';

/** Reads iss, sub and aud (a string or a list) out of decoded claims. */
export function assertionOf(claims: Readonly<Record<string, unknown>>): Assertion {
	const aud = Array.isArray(claims['aud'])
		? claims['aud'].map(String)
		: typeof claims['aud'] === 'string'
			? [claims['aud']]
			: [];
	return {
		iss: typeof claims['iss'] === 'string' ? claims['iss'] : '',
		sub: typeof claims['sub'] === 'string' ? claims['sub'] : '',
		aud,
		claims,
	};
}

function hostOf(url: string): string {
	try {
		return new URL(url).host.toLowerCase();
	} catch {
		return '';
	}
}

/**
Who issued an assertion, from its issuer URL and, for issuers at other addresses (GitHub Enterprise
Server, a test issuer), from the claims only that issuer sets.
*/
export function issuerKindOf(assertion: Assertion): IssuerKind {
	const host = hostOf(assertion.iss);
	const {claims = {}, sub} = assertion;
	if (
		host === 'token.actions.githubusercontent.com' ||
		/^token\.actions\.[\w-]+\.ghe\.com$/.test(host) ||
		assertion.iss.endsWith('/_services/token') ||
		(typeof claims['repository'] === 'string' && typeof claims['job_workflow_ref'] === 'string')
	) {
		return 'github';
	}

	if (
		host === 'vstoken.dev.azure.com' ||
		sub.startsWith('sc://') ||
		/^\/eid1\/c\/pub\/t\/[^/]+\/a\/[^/]+\/sc\//.test(sub)
	) {
		return 'azure-pipelines';
	}

	if (sub.startsWith('system:serviceaccount:') || typeof claims['kubernetes.io'] === 'object') return 'kubernetes';
	if (
		host === 'login.microsoftonline.com' ||
		host === 'sts.windows.net' ||
		/^https:\/\/[^/]+\/[\da-f-]{36}\/(v2\.0)?$/i.test(assertion.iss)
	) {
		return 'entra';
	}

	return 'other';
}

export type GithubSubject = {
	/** `environment`, `pull-request`, `branch`, `tag`, a custom template, or another `repo:` context. */
	readonly form: 'environment' | 'pull-request' | 'branch' | 'tag' | 'custom' | 'other';
	readonly owner?: string;
	readonly repo?: string;
	readonly ownerId?: string;
	readonly repoId?: string;
	/** The environment, branch or tag name. */
	readonly value?: string;
	/** Owner and repository carry their numeric ids (`repo:OWNER@ID/REPO@ID:…`): GitHub's immutable subjects. */
	readonly idBased: boolean;
	/** The claims of a custom template, in order (`repository_owner_id`, `repository_id`, …). */
	readonly keys: readonly string[];
};

const githubClaimKeys = new Set([
	'repo',
	'context',
	'repository',
	'repository_id',
	'repository_owner',
	'repository_owner_id',
	'repository_visibility',
	'environment',
	'ref',
	'ref_type',
	'job_workflow_ref',
	'workflow',
	'workflow_ref',
	'event_name',
	'actor',
	'actor_id',
	'head_ref',
	'base_ref',
	'runner_environment',
	'enterprise',
	'enterprise_id',
]);

/** Parses a GitHub Actions subject in any of its forms. */
export function parseGithubSubject(sub: string): GithubSubject {
	const repoForm = /^repo:([^/:]+)\/([^:]+):(.*)$/.exec(sub);
	if (repoForm) {
		const [, ownerPart = '', repoPart = '', context = ''] = repoForm;
		const [owner, ownerId] = ownerPart.split('@');
		const [repo, repoId] = repoPart.split('@');
		const base = {
			owner,
			repo,
			...(ownerId ? {ownerId} : {}),
			...(repoId ? {repoId} : {}),
			idBased: ownerId !== undefined && repoId !== undefined,
			keys: [],
		};
		const environment = /^environment:(.+)$/.exec(context);
		if (environment) return {...base, form: 'environment', value: environment[1]!};
		if (context === 'pull_request') return {...base, form: 'pull-request'};
		const branch = /^ref:refs\/heads\/(.+)$/.exec(context);
		if (branch) return {...base, form: 'branch', value: branch[1]!};
		const tag = /^ref:refs\/tags\/(.+)$/.exec(context);
		if (tag) return {...base, form: 'tag', value: tag[1]!};
		return {...base, form: 'other', value: context};
	}

	// A custom template: `key:value:key:value…` of the job's claims.
	const parts = sub.split(':');
	const keys: string[] = [];
	const values: Record<string, string> = {};
	let key: string | undefined;
	for (const part of parts) {
		if (githubClaimKeys.has(part) && (key === undefined || values[key] !== undefined)) {
			key = part;
			keys.push(part);
		} else if (key !== undefined) {
			values[key] = values[key] === undefined ? part : `${values[key]}:${part}`;
		}
	}

	const [owner, repo] = (values['repository'] ?? '').split('/');
	return {
		form: keys.length > 0 ? 'custom' : 'other',
		...(owner ? {owner} : {}),
		...(repo ? {repo} : {}),
		...(values['repository_owner_id'] ? {ownerId: values['repository_owner_id']} : {}),
		...(values['repository_id'] ? {repoId: values['repository_id']} : {}),
		...(values['environment'] ? {value: values['environment']} : {}),
		idBased: values['repository_id'] !== undefined,
		keys,
	};
}

const githubForm = {
	environment: 'an environment',
	'pull-request': 'a pull request',
	branch: 'a branch',
	tag: 'a tag',
	custom: 'a custom subject template',
	other: 'another context',
} as const;

function describeGithub(subject: GithubSubject): string {
	const value = subject.value === undefined ? '' : ` '${subject.value}'`;
	return `${githubForm[subject.form]}${value}`;
}

/** Why a GitHub job's subject is not the record's: the difference that matters, in a sentence. */
function explainGithub(assertion: Assertion, record: FederatedRecord): string {
	const token = parseGithubSubject(assertion.sub);
	const expected = parseGithubSubject(record.subject);
	const sameRepo =
		token.owner?.toLowerCase() === expected.owner?.toLowerCase() &&
		token.repo?.toLowerCase() === expected.repo?.toLowerCase();
	if (token.form === 'custom' && expected.form !== 'custom') {
		return `The repository (or its organisation) customises the subject template (${token.keys.join(', ')}), so the job's subject no longer starts with repo:.`;
	}

	if (token.idBased && !expected.idBased && expected.form !== 'custom') {
		return `The job's subject carries the owner and repository ids (repo:${token.owner}@${token.ownerId}/${token.repo}@${token.repoId}:…): GitHub's immutable subjects, the default for repositories created, renamed or transferred after July 15, 2026. The record still names them without ids.`;
	}

	if (!token.idBased && expected.idBased) {
		return "The record's subject carries owner and repository ids (as the portal generates it), but the job's subject names them without ids.";
	}

	if (!sameRepo && token.owner !== undefined) {
		return `The job runs in ${token.owner}/${token.repo}, but the record names ${expected.owner}/${expected.repo}: a renamed or transferred repository, or a record for another one.`;
	}

	if (token.form !== expected.form) {
		const why =
			token.form === 'environment'
				? ' GitHub puts the environment in the subject whenever the job references one, instead of the branch.'
				: token.form === 'pull-request'
					? ' A pull_request run has this subject whatever its branch.'
					: '';
		return `The job's subject is for ${describeGithub(token)}, the record's for ${describeGithub(expected)}.${why}`;
	}

	return `The job's subject is for ${describeGithub(token)}, the record's for ${describeGithub(expected)}.`;
}

/** `sc://ORG/PROJECT/CONNECTION` → its parts. */
export function parseServiceConnectionSubject(
	sub: string,
): {organization: string; project: string; connection: string} | undefined {
	const match = /^sc:\/\/([^/]+)\/([^/]+)\/(.+)$/.exec(sub);
	return match ? {organization: match[1]!, project: match[2]!, connection: match[3]!} : undefined;
}

function explainPipelines(assertion: Assertion, record: FederatedRecord): string {
	const token = parseServiceConnectionSubject(assertion.sub);
	const expected = parseServiceConnectionSubject(record.subject);
	if (token && expected) {
		const renamed = (['organization', 'project', 'connection'] as const).filter(part => token[part] !== expected[part]);
		if (renamed.length > 0) {
			return `The service connection's subject names ${renamed.map(part => `${part} '${token[part]}'`).join(', ')}, the record ${renamed.map(part => `'${expected[part]}'`).join(', ')}: renaming the organisation, project or service connection changes the subject.`;
		}
	}

	if (assertion.sub.startsWith('/eid1/') !== record.subject.startsWith('/eid1/')) {
		return 'One side uses the Entra-issued form of the service connection (issuer https://login.microsoftonline.com/<tenant>/v2.0, subject /eid1/…) and the other the Azure DevOps issuer (https://vstoken.dev.azure.com/<organization id>, subject sc://…): copy both from the service connection.';
	}

	return "Copy the issuer and subject exactly as the service connection's 'Workload Identity federation details' show them.";
}

/** `system:serviceaccount:NS:NAME` → namespace and name. */
export function parseServiceAccountSubject(sub: string): {namespace: string; name: string} | undefined {
	const match = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(sub);
	return match ? {namespace: match[1]!, name: match[2]!} : undefined;
}

function explainKubernetes(assertion: Assertion, record: FederatedRecord): string {
	const token = parseServiceAccountSubject(assertion.sub);
	const expected = parseServiceAccountSubject(record.subject);
	if (token && expected && (token.namespace !== expected.namespace || token.name !== expected.name)) {
		return `The pod runs as service account ${token.namespace}/${token.name}, the record trusts ${expected.namespace}/${expected.name}.`;
	}

	return "The record must name the cluster's OIDC issuer URL exactly (az aks show --query oidcIssuerProfile.issuerUrl) and system:serviceaccount:<namespace>:<name>.";
}

export type MatchResult =
	| {readonly kind: 'match'; readonly record: FederatedRecord}
	| {readonly kind: 'case-only'; readonly record: FederatedRecord; readonly code: 'AADSTS7002138'}
	| {
			readonly kind: 'issuer' | 'subject' | 'audience' | 'none';
			readonly record?: FederatedRecord;
			readonly code: 'AADSTS700211' | 'AADSTS700213' | 'AADSTS700212' | 'AADSTS70021';
	  };

const trimSlash = (text: string) => text.replace(/\/+$/, '');

/**
Compares an assertion with an app's federated credential records the way Entra does: exact and
case-sensitive, the issuer first (AADSTS700211), then the subject (AADSTS700213, or 7002138 when
only case differs), then the audience (AADSTS700212). The record returned with a mismatch is the
nearest one, for the explanation.
*/
export function matchRecords(assertion: Assertion, records: readonly FederatedRecord[]): MatchResult {
	const byIssuer = records.filter(record => record.issuer === assertion.iss);
	if (byIssuer.length === 0) {
		const near =
			records.find(record => record.subject === assertion.sub) ??
			records.find(record => trimSlash(record.issuer).toLowerCase() === trimSlash(assertion.iss).toLowerCase()) ??
			records[0];
		return {
			kind: records.length === 0 ? 'none' : 'issuer',
			...(near ? {record: near} : {}),
			code: records.length === 0 ? 'AADSTS70021' : 'AADSTS700211',
		};
	}

	const bySubject = byIssuer.filter(record => record.subject === assertion.sub);
	if (bySubject.length === 0) {
		const caseOnly = byIssuer.find(record => record.subject.toLowerCase() === assertion.sub.toLowerCase());
		if (caseOnly) return {kind: 'case-only', record: caseOnly, code: 'AADSTS7002138'};
		return {kind: 'subject', record: nearestSubject(assertion, byIssuer), code: 'AADSTS700213'};
	}

	const matched = bySubject.find(record => record.audiences.some(audience => assertion.aud.includes(audience)));
	if (matched) return {kind: 'match', record: matched};
	return {kind: 'audience', record: bySubject[0]!, code: 'AADSTS700212'};
}

/** The record whose subject shares the longest prefix with the assertion's (same repository, same connection). */
function nearestSubject(assertion: Assertion, records: readonly FederatedRecord[]): FederatedRecord {
	const common = (a: string, b: string) => {
		let length = 0;
		while (length < a.length && length < b.length && a[length] === b[length]) length++;
		return length;
	};

	return records.toSorted((a, b) => common(assertion.sub, b.subject) - common(assertion.sub, a.subject))[0]!;
}

/** Why the nearest record does not match: one or two sentences, in the terms of the assertion's issuer. */
export function explainMismatch(assertion: Assertion, result: MatchResult): string {
	const record = result.record;
	if (result.kind === 'match') return `It matches the record '${result.record.name}'.`;
	if (!record) return 'The app has no federated credential at all.';
	if (result.kind === 'case-only') {
		return `The record '${record.name}' has subject ${record.subject}: the same but for letter case, and Entra compares case-sensitively.`;
	}

	if (result.kind === 'issuer') {
		if (trimSlash(record.issuer) === trimSlash(assertion.iss)) {
			return `The record '${record.name}' has issuer ${record.issuer}, the assertion ${assertion.iss}: they differ only in the trailing slash, and Entra compares issuers exactly.`;
		}

		if (record.issuer.toLowerCase() === assertion.iss.toLowerCase()) {
			return `The record '${record.name}' has issuer ${record.issuer}: the same but for letter case.`;
		}

		return `No record has the assertion's issuer ${assertion.iss}; the nearest, '${record.name}', has ${record.issuer}.`;
	}

	if (result.kind === 'audience') {
		return `The record '${record.name}' expects audience ${record.audiences.join(', ')}, the assertion is for ${assertion.aud.join(', ') || '(none)'}.`;
	}

	const kind = issuerKindOf(assertion);
	const detail =
		kind === 'github'
			? explainGithub(assertion, record)
			: kind === 'azure-pipelines'
				? explainPipelines(assertion, record)
				: kind === 'kubernetes'
					? explainKubernetes(assertion, record)
					: '';
	return `The nearest record '${record.name}' has subject ${record.subject}.${detail ? ` ${detail}` : ''}`;
}

/** A name Graph accepts for a federated credential: letters, digits, `-` and `_`, at most 120 characters. */
function credentialName(text: string): string {
	const name = text
		.replaceAll(/[^\w-]+/g, '-')
		.replaceAll(/-+/g, '-')
		.replace(/^-|-$/g, '');
	return (name || 'authfix').slice(0, 120);
}

/** The name a new record for this assertion gets: where it comes from, in a few words. */
export function suggestedName(assertion: Assertion): string {
	const kind = issuerKindOf(assertion);
	if (kind === 'github') {
		const subject = parseGithubSubject(assertion.sub);
		const context =
			subject.form === 'pull-request'
				? 'pull-request'
				: subject.value !== undefined
					? `${subject.form}-${subject.value}`
					: subject.form;
		return credentialName(`github-${subject.repo ?? 'repo'}-${context}`);
	}

	if (kind === 'azure-pipelines') {
		const connection = parseServiceConnectionSubject(assertion.sub);
		return credentialName(
			`azure-pipelines-${connection?.connection ?? assertion.sub.split('/').at(-1) ?? 'connection'}`,
		);
	}

	if (kind === 'kubernetes') {
		const account = parseServiceAccountSubject(assertion.sub);
		return credentialName(`kubernetes-${account ? `${account.namespace}-${account.name}` : 'service-account'}`);
	}

	return credentialName(`federated-${assertion.sub}`);
}

/** Single-quotes a value for a POSIX shell. */
export function shellQuote(text: string): string {
	return `'${text.replaceAll("'", String.raw`'\''`)}'`;
}

/**
The exact record to add for this assertion, and the command that adds it:
`az ad app federated-credential create --id <app> --parameters '<json>'`.
*/
export function credentialToAdd(
	assertion: Assertion,
	appId: string,
): {record: FederatedRecord; command: string; json: string} {
	const record: FederatedRecord = {
		name: suggestedName(assertion),
		issuer: assertion.iss,
		subject: assertion.sub,
		audiences: [exchangeAudience],
	};
	const json = JSON.stringify(record);
	return {
		record,
		json,
		command: `az ad app federated-credential create --id ${appId} --parameters ${shellQuote(json)}`,
	};
}
