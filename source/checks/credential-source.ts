import {
	type ChainOutcome,
	defaultCredentialOutcome,
	describeOutcome,
	sdkIds,
	sdkInfo,
	walkChain,
} from '../credentials/chains.ts';
import {defaultChainOf, defaultCredentialPick} from '../credentials/default-chain.ts';
import {
	chainAvailability,
	type DetectedSource,
	describeSource,
	type SourceId,
	type SourceInputs,
} from '../credentials/sources.ts';
import type {Finding, FindingFix} from '../findings/finding.ts';
import type {LanguageId} from '../knowledge/languages.ts';
import type {CheckContext} from './context.ts';
import {describeFailure, findingFor} from './finding-builders.ts';
import {loginFix} from './fixes.ts';

const {pass, warn, fail} = findingFor('credential-source', 'Credential source');

const setupHint: Record<string, string> = {
	env: 'export AZURE_TENANT_ID=<tenant> AZURE_CLIENT_ID=<app id> AZURE_CLIENT_SECRET=<secret>',
	'workload-identity':
		'export AZURE_TENANT_ID=<tenant> AZURE_CLIENT_ID=<app id> AZURE_FEDERATED_TOKEN_FILE=<path to the OIDC token>',
	'managed-identity': 'run on an Azure host with a managed identity (or set IDENTITY_ENDPOINT and IDENTITY_HEADER)',
};

/**
AzureCliCredential takes its tokens from the Azure CLI's sign-in: whether there is one (the same
memoised `az account show` the cli-context check reads), so this check never calls the credential
usable while that one says the Azure CLI is not signed in.
*/
async function azureCliSignIn(
	context: CheckContext,
): Promise<{readonly who: string} | {readonly failure: ReturnType<typeof describeFailure>}> {
	try {
		const account = await context.account();
		const kind = account.userType === 'servicePrincipal' ? 'service principal' : 'user';
		return {who: `the Azure CLI is signed in as ${kind} ${account.userName}`};
	} catch (error) {
		return {failure: describeFailure(error)};
	}
}

/** The fail finding for AzureCliCredential without a signed-in Azure CLI. */
async function cliUnusable(
	context: CheckContext,
	lead: string,
	failure: ReturnType<typeof describeFailure>,
	facts: Record<string, string>,
): Promise<Finding> {
	const expected = await context.expectedTenant().catch(() => undefined);
	const fix =
		failure.code === 'not-installed' ? failure.fix : loginFix(undefined, expected, 'Sign in to the Azure CLI.');
	return fail(`${lead}, and it has no token to give: ${failure.detail.replace(/\.$/, '')}.`, {
		...(fix ? {fix} : {}),
		facts,
	});
}

/**
Which credential the tools use: the one asked for (`--credential`), whether the environment makes it
available (for the Azure CLI: whether it is signed in), and which one DefaultAzureCredential would
pick from the same variables.
*/
async function credentialInUse(context: CheckContext): Promise<Finding> {
	const {services, target} = context;
	const availability = services.credentials.availability();
	const {invalid} = defaultChainOf(availability, services.env);
	const pick = defaultCredentialPick(availability, services.env);
	const facts: Record<string, string> = {
		credential: target.credential,
		defaultPick: pick.name,
		...Object.fromEntries(availability.map(item => [`available.${item.kind}`, item.available ? 'yes' : 'no'])),
	};
	const summary = availability
		.map(item => `${item.name}: ${item.available ? 'yes' : 'no'} (${item.reason})`)
		.join('; ');
	if (target.credential === 'default') {
		if (invalid) {
			return fail(`${invalid}.`, {
				fix: {
					text: "Set AZURE_TOKEN_CREDENTIALS to 'prod', 'dev' or one credential's class name, or unset it.",
					command: 'unset AZURE_TOKEN_CREDENTIALS',
				},
				facts,
			});
		}

		const tenant = services.env.AZURE_TENANT_ID;
		const expected = await context.expectedTenant().catch(() => undefined);
		if (pick.kind === 'env' || pick.kind === 'workload-identity') {
			if (tenant && expected && tenant.toLowerCase() !== expected.toLowerCase()) {
				return fail(
					`DefaultAzureCredential would use ${pick.name} with AZURE_TENANT_ID=${tenant}, but the target is in tenant ${expected}.`,
					{
						fix: {
							text: `Point AZURE_TENANT_ID at the subscription's tenant.`,
							command: `export AZURE_TENANT_ID=${expected}`,
						},
						facts,
					},
				);
			}
		}

		const partial = availability.find(item => item.kind === 'env' && item.partial);
		if (partial) {
			return warn(
				`DefaultAzureCredential would use ${pick.name}. EnvironmentCredential is half configured: ${partial.reason}.`,
				{
					fix: {
						text: 'Finish or remove the AZURE_* variables so the chain does not depend on what happens to be set.',
						command: 'env | grep ^AZURE_',
					},
					facts,
				},
			);
		}

		const narrowed = services.env.AZURE_TOKEN_CREDENTIALS
			? ` AZURE_TOKEN_CREDENTIALS=${services.env.AZURE_TOKEN_CREDENTIALS} narrows the chain.`
			: '';
		if (pick.kind === 'cli') {
			const signIn = await azureCliSignIn(context);
			if ('failure' in signIn)
				return cliUnusable(context, `DefaultAzureCredential would use ${pick.name}`, signIn.failure, facts);
			return pass(`DefaultAzureCredential would use ${pick.name}: ${signIn.who}.${narrowed}`, {facts});
		}

		return pass(`DefaultAzureCredential would use ${pick.name} (${pick.reason}).${narrowed}`, {facts});
	}

	const chosen = availability.find(item => item.kind === target.credential);
	if (!chosen) return pass(`Using ${target.credential}. ${summary}`, {facts});
	if (!chosen.available) {
		return fail(`${chosen.name} is not available here: ${chosen.reason}.`, {
			fix: {
				text: `Configure ${chosen.name}, or choose another credential with --credential.`,
				command: setupHint[chosen.kind],
			},
			facts,
		});
	}

	const signIn = chosen.kind === 'cli' ? await azureCliSignIn(context) : undefined;
	if (signIn && 'failure' in signIn) return cliUnusable(context, `The tools use ${chosen.name}`, signIn.failure, facts);
	const why = signIn ? signIn.who : chosen.reason;
	if (pick.kind !== chosen.kind) {
		return warn(`Using ${chosen.name} (${why}); note that DefaultAzureCredential would pick ${pick.name} first.`, {
			fix: {
				text: `If your app uses DefaultAzureCredential, set AZURE_TOKEN_CREDENTIALS to pin the credential.`,
				command: `export AZURE_TOKEN_CREDENTIALS=${chosen.name}`,
			},
			facts,
		});
	}

	return pass(`Using ${chosen.name} (${why}); DefaultAzureCredential would pick it too.`, {facts});
}

/** The sources a pipeline, a tool or a workload signs in with, most specific first: the one in use is the first found. */
const inUseOrder: readonly SourceId[] = [
	'terraform',
	'azure-pipelines',
	'github-actions',
	'kubernetes',
	'workload-identity',
	'environment',
	'managed-identity',
	'azure-cli',
];

/** Sources whose configuration is the job's or the workload's: what they get wrong makes the call fail. */
const automated = new Set<SourceId>([
	'terraform',
	'azure-pipelines',
	'github-actions',
	'kubernetes',
	'workload-identity',
]);

type Problem = {readonly detail: string; readonly fix?: FindingFix; readonly source?: DetectedSource};

const short = (id: string) => `${id.slice(0, 8)}…`;

/** What fixes a source's tenant, in its own terms. */
function tenantFix(source: DetectedSource, expected: string): FindingFix {
	const from = source.tenant?.from ?? '';
	switch (source.id) {
		case 'terraform': {
			return from.startsWith('the Azure CLI')
				? {
						text: 'Terraform uses the Azure CLI sign-in here: sign in to the subscription’s tenant, or set ARM_TENANT_ID.',
						command: `az login --tenant ${expected}`,
					}
				: {
						text: `Terraform reads ${from}: set it to the subscription's tenant (a tenant_id in the provider block wins over it).`,
						command: `export ${from}=${expected}`,
					};
		}

		case 'azure-pipelines': {
			return {
				text: `The service connection signs in to tenant ${source.tenant?.value}: edit it (Project settings → Service connections) so its tenant is ${expected}, the subscription's, or use a service connection made for that tenant.`,
			};
		}

		case 'github-actions': {
			return {
				text: `azure/login's tenant-id comes from ${from}: set that repository variable (or secret) to the subscription's tenant.`,
				command: `gh variable set ${from} --body ${expected}`,
			};
		}

		case 'kubernetes': {
			const account = /service account ([^/]+)\/(\S+)/.exec(source.notes.join(' '));
			return {
				text: 'The webhook injects AZURE_TENANT_ID from the service account’s tenant-id annotation (else the cluster’s tenant): annotate it, then restart the pods.',
				command: `kubectl annotate serviceaccount --namespace ${account?.[1] ?? '<namespace>'} ${account?.[2] ?? '<name>'} azure.workload.identity/tenant-id=${expected} --overwrite`,
			};
		}

		default:
			return {
				text: `Point ${from || 'AZURE_TENANT_ID'} at the subscription's tenant.`,
				command: `export ${from.startsWith('AZURE_') ? from : 'AZURE_TENANT_ID'}=${expected}`,
			};
	}
}

/** DefaultAzureCredential of each SDK asked for, the SDKs that agree told in one sentence. */
function chainLines(context: CheckContext, inputs: SourceInputs, sources: readonly DetectedSource[]): string[] {
	const availability = chainAvailability(inputs, sources);
	const wanted = context.target.sdk ? [context.target.sdk] : sdkIds.map(sdk => ({sdk, version: undefined}));
	const outcomes = wanted.map(({sdk, version}) =>
		defaultCredentialOutcome(sdk, version, context.services.env, availability),
	);
	const groups = new Map<string, ChainOutcome[]>();
	for (const outcome of outcomes) {
		const key = JSON.stringify([
			outcome.winner?.kind,
			outcome.winner?.tenantId,
			outcome.shadowed?.kind,
			outcome.shadowed?.tenantId,
			outcome.invalid !== undefined,
		]);
		groups.set(key, [...(groups.get(key) ?? []), outcome]);
	}

	const lines = [...groups.values()].map(group => {
		const languages = group.map(outcome => (outcome.sdk ? sdkInfo[outcome.sdk].language : ''));
		const named = languages.length === 1 ? languages[0] : `${languages.slice(0, -1).join(', ')} or ${languages.at(-1)}`;
		const versions = context.target.sdk?.version ? ` ${context.target.sdk.version}` : '';
		const unconfirmed = group.some(outcome => outcome.unconfirmed.length > 0)
			? ' (order not confirmed for every version)'
			: '';
		const narrowed = group[0]!.narrowedBy ? `; ${group[0]!.narrowedBy}` : '';
		return `DefaultAzureCredential: ${describeOutcome({...group[0]!, subject: `your ${named}${versions} app`})}${narrowed}${unconfirmed}`;
	});
	const {chain} = context.target;
	if (chain) {
		const walked = walkChain('your ChainedTokenCredential', chain, (kind, name) => availability(kind, name));
		lines.push(`ChainedTokenCredential(${chain.join(', ')}): ${describeOutcome({...walked, unconfirmed: []})}`);
	}

	return lines;
}

/**
Every credential source found here, one line of facts each, compared with the target: a pipeline's,
a tool's or a workload's tenant that is not the subscription's fails; two tenants set for different
tools (ARM_* and AZURE_*), another subscription, a tool's own problem are named.
*/
async function credentialSources(context: CheckContext): Promise<{
	problems: Problem[];
	warnings: Problem[];
	lines: string[];
	facts: Record<string, string>;
}> {
	const {inputs, sources} = await context.credentialSources();
	const expected = await context.expectedTenant().catch(() => undefined);
	const subscription = await context.subscriptionId().catch(() => undefined);
	const {credential} = context.target;
	const problems: Problem[] = [];
	const warnings: Problem[] = [];
	const lines: string[] = [];
	for (const source of sources) {
		const tenantDiffers = expected !== undefined && source.tenant !== undefined && !same(source.tenant.value, expected);
		const subscriptionDiffers =
			subscription !== undefined && source.subscription !== undefined && !same(source.subscription.value, subscription);
		// The mark first: a narrow terminal cuts a line's end, never its verdict.
		const mark = tenantDiffers
			? `✗ not the target's tenant ${short(expected)}: `
			: subscriptionDiffers
				? `! another subscription than ${short(subscription)}: `
				: '';
		lines.push(`${mark}${describeSource(source)}`);
		const counts =
			automated.has(source.id) || (source.id === 'environment' && (credential === 'env' || credential === 'default'));
		for (const problem of source.problems)
			(automated.has(source.id) ? problems : warnings).push({detail: `${source.label}: ${problem}`, source});
		if (tenantDiffers) {
			const problem = {
				detail: `${source.label} signs in to tenant ${source.tenant!.value} (${source.tenant!.from}), but the target is in tenant ${expected}.`,
				fix: tenantFix(source, expected),
				source,
			};
			(counts ? problems : warnings).push(problem);
		}

		if (subscriptionDiffers && automated.has(source.id)) {
			warnings.push({
				detail: `${source.label} selects subscription ${source.subscription!.value} (${source.subscription!.from}), not ${subscription}.`,
				source,
			});
		}

		for (const disagreement of source.disagreements) {
			const usedIsRight = expected !== undefined && same(disagreement.used.value, expected);
			if (disagreement.what === 'tenant' && expected !== undefined && !usedIsRight) continue; // the tenant problem above says it
			warnings.push({
				detail: `Two ${disagreement.what}s are set: ${disagreement.used.from}=${disagreement.used.value} and ${disagreement.other.from}=${disagreement.other.value}. ${disagreement.readers}, so the same job signs in to two places.`,
				fix: {
					text: `Set both to the same ${disagreement.what}${expected && disagreement.what === 'tenant' ? ` (the subscription's: ${expected})` : ''}.`,
					command: `export ${disagreement.other.from}=${disagreement.what === 'tenant' && expected ? expected : disagreement.used.value}`,
				},
				source,
			});
		}
	}

	lines.push(...chainLines(context, inputs, sources));
	// The most specific tool first: in a GitHub job that runs Terraform, Terraform's setting is the one to fix.
	const order = (problem: Problem) => (problem.source ? inUseOrder.indexOf(problem.source.id) : inUseOrder.length);
	problems.sort((a, b) => order(a) - order(b));
	const failing = problems.find(problem => problem.source)?.source;
	const inUse = failing ?? inUseOrder.map(id => sources.find(source => source.id === id)).find(Boolean);
	// The failing client's language, when this says it: the SDK asked for (--sdk), or Terraform signing in wrong.
	const language: LanguageId | undefined =
		context.target.sdk?.sdk ?? (failing?.id === 'terraform' ? 'terraform' : undefined);
	const facts: Record<string, string> = {
		sources: sources.map(source => source.id).join(','),
		...Object.fromEntries(sources.map(source => [`source.${source.id}`, describeSource(source, {full: true})])),
		...(inUse ? {credentialOrigin: inUse.id} : {}),
		...(inUse?.tenant ? {credentialTenant: inUse.tenant.value, tenantVariable: inUse.tenant.from} : {}),
		...(expected && !context.target.tenantId ? {subscriptionTenant: expected} : {}),
		...(language ? {language} : {}),
	};
	return {problems, warnings, lines, facts};
}

function same(a: string, b: string): boolean {
	return a.trim().toLowerCase() === b.trim().toLowerCase();
}

const rank: Record<Finding['status'], number> = {pass: 0, skip: 1, warn: 2, fail: 3, error: 4};

/**
The credential in use (the one asked for, DefaultAzureCredential's pick) and every credential source
found here: one finding, the worst of both, with one line of facts per source.
*/
export async function checkCredentialSource(context: CheckContext): Promise<Finding> {
	const [base, found] = await Promise.all([credentialInUse(context), credentialSources(context)]);
	const worst = found.problems[0] ?? found.warnings[0];
	const status: Finding['status'] = found.problems.length > 0 ? 'fail' : found.warnings.length > 0 ? 'warn' : 'pass';
	const facts = {...base.facts, ...found.facts};
	const lines = found.lines;
	if (!worst || rank[base.status] >= rank[status]) {
		const extra = worst && rank[status] > rank.pass ? ` ${worst.detail}` : '';
		return {...base, detail: `${base.detail}${extra}`, facts, ...(lines.length > 0 ? {lines} : {})};
	}

	// Every problem found, the failures first; past three, how many more (the lines say where).
	const all = [...found.problems, ...found.warnings].map(problem => problem.detail);
	const said = all.slice(0, 3).join(' ');
	const more = all.length > 3 ? ` And ${all.length - 3} more.` : '';
	return {
		...base,
		status,
		detail: `${said}${more} ${base.detail}`.trim(),
		...(worst.fix ? {fix: worst.fix} : base.fix ? {fix: base.fix} : {}),
		facts,
		...(lines.length > 0 ? {lines} : {}),
	};
}
