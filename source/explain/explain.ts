/**
`explain` as a pure function: pasted text in, findings out (the `explain --json` document).
Knowledge texts get their `{placeholders}` filled from the entities in the text; an unknown value
gets a readable stand-in. Every string that leaves here went through redactSecrets and lost its
control characters, so no output path can echo a token or an escape sequence.
*/
import {distinctionOf} from '../knowledge/distinctions.ts';
import {errorLookupUrl, otherEntry, unknownAadstsEntry} from '../knowledge/index.ts';
import type {KnowledgeEntry, KnowledgeFix} from '../knowledge/types.ts';
import {redactForDisplay} from '../safety/redact.ts';
import {orderCauses} from './cause-order.ts';
import type {Candidate} from './classify.ts';
import {classify} from './combine.ts';
import {type Likelihood, likelihoodOf} from './confidence.ts';
import {type Entities, extractEntities, tokenEntities} from './entities.ts';
import {boundLength, normalizeText} from './normalize.ts';

export type ExplainFix = {text: string; command?: string; portal?: string};

export type ExplainCause = {text: string; confirm: string; fixes: ExplainFix[]};

export type ExplainFinding = {
	family: string;
	codes: string[];
	known: boolean;
	title: string;
	explanation: string;
	/** Likely causes, most likely first. */
	causes: string[];
	/** Every fix of every cause, in cause order, placeholders filled. */
	fixes: ExplainFix[];
	entities: Record<string, string>;
	/** The probability (0..1) that this is the right family, calibrated on the corpora. */
	confidence: number;
	/** The confidence in words: very likely, likely, possible, unlikely. */
	likelihood: Likelihood;
	/** Short excerpts of the pasted text that led to this finding (redacted). */
	evidence: string[];
	/** Each cause with how to confirm it and its own fixes. */
	causeDetails: ExplainCause[];
	verify: string;
	prevent?: string;
	links: string[];
	httpStatus?: number;
};

/** Two families with nearly the same evidence, and the question whose answer tells them apart. */
export type ExplainUnsure = {families: [string, string]; question: string};

export type ExplainReport = {findings: ExplainFinding[]; unsure?: ExplainUnsure};

/** Stand-ins inside commands: copy-ready once replaced. */
const commandStandIns: Readonly<Record<string, string>> = {
	tokenTenant: '<token-tenant-id>',
	subscriptionTenant: '<subscription-tenant-id>',
	tenantId: '<tenant-id>',
	subscriptionId: '<subscription-id>',
	clientId: '<client-id>',
	resource: '<resource-uri>',
	audience: '<token-audience>',
	expectedAudience: '<api-app-id-uri>',
	authority: 'https://login.microsoftonline.com/<tenant-id>',
	issuer: '<issuer>',
	code: '<code>',
	linkedSubscriptionId: '<linked-subscription-id>',
	cloudName: '<cloud-name>',
	armResource: 'https://management.core.windows.net/',
};

/** Stand-ins inside sentences: read naturally when the value is unknown. */
const proseStandIns: Readonly<Record<string, string>> = {
	tokenTenant: 'another tenant',
	subscriptionTenant: "the subscription's home tenant",
	tenantId: 'the right tenant',
	subscriptionId: 'the subscription',
	clientId: 'the signed-in identity',
	resource: 'the target resource',
	audience: 'another audience',
	expectedAudience: "the API's own identifier",
	authority: "the subscription tenant's authority",
	issuer: 'the issuer',
	code: 'this code',
	linkedSubscriptionId: 'the linked subscription',
	cloudName: 'the right cloud',
	armResource: 'https://management.core.windows.net/',
	tenantNameAside: '',
};

/** An excerpt may cut a token anywhere: any JWT-like or long opaque run left in it goes. */
const partialToken = /eyJ[\w-]{4,}(?:\.[\w-]*){0,2}|[A-Za-z0-9+/_~-]{60,}={0,2}/g;

/** Neutralises escape sequences and control characters (the shared terminal-text rule) and redacts secrets. */
const safeText = redactForDisplay;

function fill(template: string, values: Record<string, string>, standIns: Readonly<Record<string, string>>): string {
	// In prose, 'tenant {tokenTenant}' with no value reads 'another tenant', not 'tenant another tenant'.
	const text =
		standIns === proseStandIns
			? template.replace(
					/\b(?:([Tt]he) )?([Ss]ubscription|[Tt]enant|[Cc]lient|[Aa]pp|[Ii]dentity|[Aa]udience|[Rr]esource|[Ii]ssuer) \{([a-zA-Z]+)\}/g,
					(whole, article: string | undefined, noun: string, name: string) => {
						if (values[name] !== undefined || standIns[name] === undefined) return whole;
						const standIn = standIns[name]!;
						const capital = (article ?? noun).startsWith(article === undefined ? noun[0]!.toUpperCase() : 'T');
						return capital ? standIn[0]!.toUpperCase() + standIn.slice(1) : standIn;
					},
				)
			: template;
	return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => values[name] ?? standIns[name] ?? whole);
}

function valuesFor(entities: Entities, code: string | undefined): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of Object.entries(entities)) {
		if (typeof value === 'string') values[name] = value;
	}

	if (code) values.code = code;
	// The cloud and ARM resource the failing service expects, from the audiences and authority it named.
	const hints = [entities.expectedAudience, entities.authority, entities.audience].filter(Boolean).join(' ');
	const cloudName = /usgovcloudapi|microsoftonline\.us\b/i.test(hints)
		? 'AzureUSGovernment'
		: /chinacloudapi|microsoftonline\.cn/i.test(hints)
			? 'AzureChinaCloud'
			: undefined;
	if (cloudName) values.cloudName = cloudName;
	const expected = entities.expectedAudience;
	if (expected && /^https:\/\/management\./i.test(expected))
		values.armResource = expected.endsWith('/') ? expected : `${expected}/`;
	return values;
}

/**
Ids and their names, for sentences: 'Microsoft Azure CLI (04b07795-…)', 'tenant Contoso Ltd'.
Commands, and ids inside a URI or code in a sentence, keep the bare id.
*/
const namedIds: ReadonlyArray<readonly [string, string]> = [
	['clientId', 'clientName'],
	['tenantId', 'tenantName'],
	['audience', 'audienceName'],
	['expectedAudience', 'expectedAudienceName'],
	['resource', 'resourceName'],
];

/** The values plus `<id>Named` for each id whose name is known (the name alone when the id is not). */
function withNames(values: Record<string, string>): Record<string, string> {
	const named = {...values};
	for (const [id, name] of namedIds) {
		const label = values[name];
		if (label === undefined) continue;
		const value = values[id];
		named[`${id}Named`] =
			value === undefined ? label : value.toLowerCase() === label.toLowerCase() ? value : `${label} (${value})`;
	}

	// '{tenantNameAside}' after a mention of the tenant: ' (Contoso Ltd)' when the text names it, else nothing.
	const {tenantName, tenantId} = values;
	if (tenantName !== undefined)
		named.tenantNameAside = tenantId === undefined ? ` (${tenantName})` : ` (${tenantName}, ${tenantId})`;
	return named;
}

/** `{clientId}` standing as a word in a sentence becomes `{clientIdNamed}` when a name is known. */
function namedInProse(template: string, named: Record<string, string>): string {
	return template.replace(/(^|[\s(])\{([a-zA-Z]+)\}(?=[\s).,;:!?]|$)/g, (whole, before: string, id: string) =>
		named[`${id}Named`] === undefined ? whole : `${before}{${id}Named}`,
	);
}

function entryFor(candidate: Candidate): {entry: KnowledgeEntry; known: boolean} {
	if (candidate.entry) return {entry: candidate.entry, known: true};
	const digits = /^aadsts-(\d+)$/.exec(candidate.family)?.[1];
	if (digits) return {entry: unknownAadstsEntry(digits), known: false};
	return {entry: otherEntry, known: false};
}

function toFinding(candidate: Candidate, entities: Entities, lower: string): ExplainFinding {
	const {entry, known} = entryFor(candidate);
	const digits = /^aadsts-(\d+)$/.exec(candidate.family)?.[1];
	const values = valuesFor(entities, digits);
	const named = withNames(values);
	const prose = (text: string) => safeText(fill(namedInProse(text, named), named, proseStandIns));
	const command = (text: string) => safeText(fill(text, values, commandStandIns));
	const fixOf = (fix: KnowledgeFix): ExplainFix => ({
		text: prose(fix.text),
		...(fix.command === undefined ? {} : {command: command(fix.command)}),
		...(fix.portal === undefined ? {} : {portal: prose(fix.portal)}),
	});

	const causeDetails = orderCauses(candidate.family, entry.causes, lower)
		.map(index => entry.causes[index]!)
		.map(cause => ({
			text: prose(cause.text),
			confirm: command(cause.confirm),
			fixes: cause.fixes.map(fixOf),
		}));
	const fixes: ExplainFix[] = [];
	const seen = new Set<string>();
	for (const fix of causeDetails.flatMap(cause => cause.fixes)) {
		const key = `${fix.text}\u0000${fix.command ?? ''}`;
		if (!seen.has(key)) {
			seen.add(key);
			fixes.push(fix);
		}
	}

	const links = [...(entry.links ?? [])];
	if (digits && !links.includes(errorLookupUrl(digits))) links.push(errorLookupUrl(digits));
	const shownEntities: Record<string, string> = {};
	for (const [name, value] of Object.entries(values)) if (name !== 'code') shownEntities[name] = safeText(value);

	return {
		family: candidate.family,
		codes: [...candidate.codes],
		known,
		title: prose(entry.title),
		explanation: prose(entry.explanation),
		causes: causeDetails.map(cause => cause.text),
		fixes,
		entities: shownEntities,
		confidence: candidate.confidence,
		likelihood: likelihoodOf(candidate.confidence),
		evidence: candidate.evidence.map(evidence => safeText(evidence).replace(partialToken, '[redacted]')),
		causeDetails,
		verify: prose(entry.verify),
		...(entry.prevent === undefined ? {} : {prevent: prose(entry.prevent)}),
		links,
		...(entry.httpStatus === undefined ? {} : {httpStatus: entry.httpStatus}),
	};
}

/**
Classifies a pasted error. Never throws on any input string. `known.entities` are what came with
the text from elsewhere (the claims of the token an artifact's failing request sent): they fill
what the text itself does not name.
*/
export function explainText(text: string, known: {readonly entities?: Entities} = {}): ExplainReport {
	const normalized = normalizeText(text);
	const candidates = classify(normalized);
	if (candidates.length === 0) return {findings: []};
	const entities = extractEntities(normalized.flat, {...known.entities, ...tokenEntities(boundLength(text))});
	const findings = candidates.map(candidate => toFinding(candidate, entities, normalized.gloss));
	const rival = findings.find((_finding, index) => candidates[index]?.close);
	return rival && findings[0] ? {findings, unsure: unsureBetween(findings[0], rival)} : {findings};
}

/** The question that tells two close findings apart: from the knowledge base, else from their titles. */
function unsureBetween(first: ExplainFinding, second: ExplainFinding): ExplainUnsure {
	const question =
		distinctionOf(first.family, second.family)?.question ??
		`Which describes the failure better: “${first.title}” or “${second.title}”? The complete error, with any code and the lines around it, usually decides.`;
	return {families: [first.family, second.family], question};
}

/**
How sure the report is, in a few words for a status line: 'likely, 82 %' for the first finding, or
'not sure: a or b' when two families have nearly the same evidence.
*/
export function verdictOf(report: ExplainReport): string | undefined {
	if (report.unsure) return `not sure: ${report.unsure.families.join(' or ')}`;
	const [first] = report.findings;
	return first ? `${first.likelihood}, ${Math.round(first.confidence * 100)} %` : undefined;
}

/** Exit-code rule: something was recognised when a finding names a family other than `other`. */
export function isRecognised(report: ExplainReport): boolean {
	return report.findings.some(finding => finding.family !== 'other');
}
