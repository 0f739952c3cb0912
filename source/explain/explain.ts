/**
`explain` as a pure function: pasted text in, findings out (the `explain --json` document).
Knowledge texts get their `{placeholders}` filled from the entities in the text; an unknown value
gets its explicit stand-in (`<tenant-id>`) and the finding says where to find it. Every string that
leaves here went through redactSecrets and lost its control characters, so no output path can echo
a token or an escape sequence.
*/
import {distinctionOf} from '../knowledge/distinctions.ts';
import {errorLookupUrl, otherEntry, unknownAadstsEntry} from '../knowledge/index.ts';
import type {LanguageId} from '../knowledge/languages.ts';
import type {KnowledgeEntry, KnowledgeFix} from '../knowledge/types.ts';
import {redactForDisplay} from '../safety/redact.ts';
import {type PlaceholderHint, placeholderHints, standIn} from '../tree/placeholders.ts';
import {orderCauses} from './cause-order.ts';
import type {Candidate} from './classify.ts';
import {classify} from './combine.ts';
import {type Likelihood, likelihoodOf} from './confidence.ts';
import {type Entities, extractEntities, tokenEntities} from './entities.ts';
import {type DetectedLanguage, detectLanguage} from './language.ts';
import {boundLength, normalizeText} from './normalize.ts';
import {type SuggestedCommand, suggestedCommand} from './suggested.ts';

export type ExplainFix = {
	text: string;
	command?: string;
	/** Source or configuration to put in the program (a line or a short block). */
	code?: string;
	portal?: string;
	/** The language this fix is written for, when it is one language's API (the detected language's fixes come first). */
	language?: LanguageId;
	/** The command the failing tool itself suggested in the pasted text, in its gentlest form. */
	suggested?: true;
};

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
	/** The stand-ins (`<tenant-id>`) in the causes and fixes, with where to find each value. */
	placeholders: PlaceholderHint[];
	links: string[];
	httpStatus?: number;
	/** The language (or tool) the pasted text comes from, and what in it told (`unknown` when nothing did). */
	language: DetectedLanguage;
};

/** Two families with nearly the same evidence, and the question whose answer tells them apart. */
export type ExplainUnsure = {families: [string, string]; question: string};

export type ExplainReport = {findings: ExplainFinding[]; unsure?: ExplainUnsure};

/**
Stand-ins of the knowledge's placeholders that name no fact; the facts' own stand-ins are
tree/placeholders.ts's (`<tenant-id>`), in sentences as in commands: never prose.
*/
const knowledgeStandIns: Readonly<Record<string, string>> = {
	cloudName: '<cloud-name>',
	armResource: 'https://management.core.windows.net/',
	// ' (Contoso Ltd, <id>)' after a tenant when the text names it; nothing when it does not.
	tenantNameAside: '',
};

/** An excerpt may cut a token anywhere: any JWT-like or long opaque run left in it goes. */
const partialToken = /eyJ[\w-]{4,}(?:\.[\w-]*){0,2}|[A-Za-z0-9+/_~-]{60,}={0,2}/g;

/** Neutralises escape sequences and control characters (the shared terminal-text rule) and redacts secrets. */
const safeText = redactForDisplay;

/** What a placeholder reads as when the text did not give its value. */
export function standInOf(name: string): string {
	return knowledgeStandIns[name] ?? standIn(name);
}

function fill(template: string, values: Record<string, string>): string {
	return template.replace(/\{([a-zA-Z]+)\}/g, (_whole, name: string) => values[name] ?? standInOf(name));
}

/**
A knowledge entry's texts, filled from `values` (an unknown one gets its explicit stand-in),
redacted and neutralised. Sentences name an id by its name too when the text gave one; commands
keep the bare id. With a `language`, a fix the knowledge base has in that language's own API is
shown that way (`language` says so).
*/
export function fillEntry(entry: KnowledgeEntry, values: Record<string, string>, language?: LanguageId) {
	const named = withNames(values);
	const prose = (text: string) => safeText(fill(namedInProse(text, named), named));
	const command = (text: string) => safeText(fill(text, values));
	const fixOf = (fix: KnowledgeFix): ExplainFix => {
		const own = language === undefined ? undefined : fix.inLanguage?.[language];
		const shown = own ?? fix;
		return {
			text: prose(shown.text),
			...(shown.command === undefined ? {} : {command: command(shown.command)}),
			...(shown.code === undefined ? {} : {code: command(shown.code)}),
			...(own === undefined && fix.portal !== undefined ? {portal: prose(fix.portal)} : {}),
			...(own === undefined ? {} : {language}),
		};
	};

	return {
		title: prose(entry.title),
		explanation: prose(entry.explanation),
		causes: entry.causes.map(cause => ({
			text: prose(cause.text),
			confirm: command(cause.confirm),
			fixes: cause.fixes.map(fixOf),
		})),
		verify: prose(entry.verify),
		...(entry.prevent === undefined ? {} : {prevent: prose(entry.prevent)}),
	};
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

/** What the paste tells about its client: the language it comes from, and the command its tool suggested. */
type Client = {readonly language: DetectedLanguage; readonly suggested?: SuggestedCommand};

/** A cause's fixes with the ones written in the client's language first (a stable partition). */
function languageFirst(fixes: readonly ExplainFix[]): ExplainFix[] {
	return [...fixes.filter(fix => fix.language), ...fixes.filter(fix => !fix.language)];
}

function toFinding(candidate: Candidate, entities: Entities, lower: string, client: Client): ExplainFinding {
	const {entry, known} = entryFor(candidate);
	const digits = /^aadsts-(\d+)$/.exec(candidate.family)?.[1];
	const values = valuesFor(entities, digits);
	const language = client.language.id === 'unknown' ? undefined : client.language.id;
	// A fix in the client's own API when the knowledge base has one for its language, else as written for any.
	const filled = fillEntry(entry, values, language);
	const order = orderCauses(candidate.family, entry.causes, lower);
	// The tool's own suggestion stands first where the entry's fix is to sign in again: it is that fix, with what the tool knows.
	const signInCause = client.suggested
		? order.findIndex(index => entry.causes[index]!.fixes.some(fix => fix.kind === 'sign-in'))
		: -1;
	const suggested: ExplainFix | undefined =
		client.suggested && signInCause >= 0
			? {
					text: `Run the command ${client.suggested.tool === 'powershell' ? 'Azure PowerShell' : 'the Azure CLI'} itself suggests in the error${client.suggested.tool === 'azure-cli' ? ' (without az logout, which would sign every account out)' : ''}:`,
					command: safeText(client.suggested.command),
					language: client.suggested.tool,
					suggested: true,
				}
			: undefined;
	const causeDetails = order.map((causeIndex, index) => {
		const cause = filled.causes[causeIndex]!;
		return {
			...cause,
			fixes: [...(index === signInCause && suggested ? [suggested] : []), ...languageFirst(cause.fixes)],
		};
	});
	const fixes: ExplainFix[] = [];
	const seen = new Set<string>();
	const all = causeDetails.flatMap(cause => cause.fixes);
	for (const fix of [...all.filter(fix => fix.suggested), ...languageFirst(all.filter(fix => !fix.suggested))]) {
		const key = `${fix.text}\u0000${fix.command ?? ''}\u0000${fix.code ?? ''}`;
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
		title: filled.title,
		explanation: filled.explanation,
		causes: causeDetails.map(cause => cause.text),
		fixes,
		entities: shownEntities,
		confidence: candidate.confidence,
		likelihood: likelihoodOf(candidate.confidence),
		evidence: candidate.evidence.map(evidence => safeText(evidence).replace(partialToken, '[redacted]')),
		causeDetails,
		verify: filled.verify,
		...(filled.prevent === undefined ? {} : {prevent: filled.prevent}),
		placeholders: placeholderHints([
			...causeDetails.flatMap(cause => [
				cause.confirm,
				...cause.fixes.flatMap(fix => [fix.text, fix.command, fix.portal]),
			]),
		]),
		links,
		...(entry.httpStatus === undefined ? {} : {httpStatus: entry.httpStatus}),
		language: client.language,
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
	const language = detectLanguage(normalized.text, boundLength(text));
	const suggested = suggestedCommand(normalized.text);
	const client: Client = {
		language: {
			...language,
			evidence: language.evidence.map(evidence => safeText(evidence).replace(partialToken, '[redacted]')),
		},
		...(suggested ? {suggested} : {}),
	};
	const findings = candidates.map(candidate => toFinding(candidate, entities, normalized.gloss, client));
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
