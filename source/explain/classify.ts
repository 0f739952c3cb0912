/**
The rules: from normalised text to ranked family candidates. Pure. combine.ts joins them with the
learned classifier (learned.ts), which decides where the rules are silent or weak.

Order of decision (shared/taxonomy.md):
1. An AADSTS code names `aadsts-<code>` (the causal one when there are several), unless a
   service error code of another family comes first and merely quotes it (an ARM error wrapping a
   token-endpoint failure).
2. Otherwise whatever weighs most: a family by its signals (service codes, then wording; the
   strongest signal counts fully, each further one a quarter), or an AADSTS entry whose
   distinctive phrase survived in a paste that lost its code.
3. Otherwise `other` when the text shows an authentication failure; nothing when it does not.
Other families with enough evidence follow the most likely one.
*/

import {aadstsEntries} from '../knowledge/aadsts/index.ts';
import {entryForCode, entryForFamily, familyEntries} from '../knowledge/index.ts';
import type {KnowledgeEntry} from '../knowledge/types.ts';
import {mayMatch} from './anchor.ts';
import {chooseCausalCode, type FoundCode, findAadstsCodes} from './codes.ts';
import {type Basis, closeRivalRatio} from './confidence.ts';
import type {NormalizedText} from './normalize.ts';
import {
	authFailureSignals,
	counterEvidence,
	derivedSignals,
	enumeratesCauses,
	relationSignals,
	signals,
} from './signals.ts';

export type Candidate = {
	readonly family: string;
	/** The knowledge entry, undefined for an unknown AADSTS code or `other`. */
	readonly entry: KnowledgeEntry | undefined;
	/** Codes seen in the text that belong to this finding ('AADSTS50076', 'InvalidAuthenticationTokenTenant'). */
	readonly codes: readonly string[];
	readonly score: number;
	/** How the family was decided. */
	readonly basis: Basis;
	/** The probability that this is the right family (set by combine.ts, calibrated with the learned model). */
	readonly confidence: number;
	/** Set on the candidate that has nearly as much evidence as the first one: the report is not sure between them. */
	readonly close?: boolean;
	/** Short excerpts of the text that led here. */
	readonly evidence: readonly string[];
};

/** Minimum score for a family to be named at all. */
const minimumScore = 4;
/** Minimum score for a family to be listed after the most likely one. */
const secondaryScore = 6;
const maxFindings = 4;

/** The evidence gathered for one family while reading the text. */
type Tally = {
	family: string;
	/** Weight of every signal or phrase that matched. */
	weights: number[];
	/** Offset of the earliest match: breaks ties, the earlier mention first. */
	first: number;
	codes: Set<string>;
	evidence: string[];
	/** Offset of the earliest service error code (ARM, IDX) of this family, if any. */
	serviceCodeAt: number;
	/** Length of the longest phrase matched: between equal scores, the more specific phrase wins. */
	longest: number;
	/** The strongest weight that states what failed (every signal but remedies, the advice to sign in). */
	statement: number;
	/** Where its signals matched, and how much each weighed: a relation over the same words is the same evidence, not more. */
	spans: Array<readonly [start: number, end: number, weight: number]>;
	/** Whether any of its signals matched outside a list of alternative causes. */
	stated: boolean;
};

/** Phrase lists are built once, lazily: loading the module stays cheap. */
let phraseTable: {family: string; phrase: string; entry: KnowledgeEntry; weight: number}[] | undefined;
function phrases() {
	phraseTable ??= [
		...familyEntries.flatMap(entry =>
			(entry.phrases ?? []).map(phrase => ({family: entry.family, phrase, entry, weight: 6})),
		),
		...aadstsEntries.flatMap(entry =>
			(entry.phrases ?? [])
				.filter(phrase => phrase.length >= 12)
				.map(phrase => ({family: entry.family, phrase: phrase.toLowerCase(), entry, weight: 7})),
		),
	];
	return phraseTable;
}

export function excerpt(flat: string, index: number, length: number): string {
	const text = flat.slice(index, index + Math.min(length, 100)).trim();
	return length > 100 ? `${text}…` : text;
}

/** An excerpt of the text as pasted for a match in the gloss (which may be a translation of it). */
export function quote(normalized: NormalizedText, index: number, length: number): string {
	const {glossOrigin: origin, flat} = normalized;
	if (!origin) return excerpt(flat, index, length);
	const start = origin(index);
	const last = Math.max(start, origin(index + Math.max(length, 1) - 1));
	return excerpt(flat, start, last + 1 - start);
}

function tallyIn(tallies: Map<string, Tally>, family: string): Tally {
	let tally = tallies.get(family);
	if (!tally) {
		tally = {
			family,
			weights: [],
			first: Number.POSITIVE_INFINITY,
			codes: new Set(),
			evidence: [],
			serviceCodeAt: Number.POSITIVE_INFINITY,
			longest: 0,
			statement: 0,
			spans: [],
			stated: false,
		};
		tallies.set(family, tally);
	}

	return tally;
}

function tallyScore(tally: Tally): number {
	const sorted = [...tally.weights].sort((a, b) => b - a);
	const [top = 0, ...rest] = sorted;
	return top + 0.25 * rest.reduce((sum, weight) => sum + weight, 0);
}

/**
Families that contain others. When the text shows the containing failure itself (a signal at least
`minWeight` strong), it comes before the families it contains, which then follow it:
- a DefaultAzureCredential / ChainedTokenCredential dump names every credential it tried; with no
  AADSTS code behind it, the chain's failure is the finding (shared/taxonomy.md);
- an auxiliary token (x-ms-authorization-auxiliary) that is expired, from the wrong tenant or for the
  wrong audience is the cross-tenant family's failure, not a plain token problem: the fix is in how
  the auxiliary tokens are obtained, not the primary token.
*/
const precedence: ReadonlyArray<{
	readonly family: string;
	readonly minWeight: number;
	readonly over: ReadonlySet<string>;
}> = [
	{
		family: 'credential-chain-failed',
		minWeight: 9,
		over: new Set(['managed-identity-unavailable', 'cli-not-logged-in']),
	},
	{
		family: 'arm-aux-token',
		minWeight: 8,
		over: new Set(['token-expired', 'arm-wrong-audience', 'arm-token-tenant-mismatch']),
	},
];

function applyPrecedence(ranked: {tally: Tally; score: number}[]): void {
	for (const rule of precedence) {
		const at = ranked.findIndex(
			({tally}) => tally.family === rule.family && Math.max(...tally.weights) >= rule.minWeight,
		);
		if (at <= 0 || !ranked.slice(0, at).every(({tally}) => rule.over.has(tally.family))) continue;
		const [container] = ranked.splice(at, 1);
		if (container) ranked.unshift(container);
	}
}

/**
A family that leads on advice ('please run az login', appended by the Azure tools to many failures)
yields to a family whose stated cause is stronger than anything the leader states ('failed to resolve
user access to subscription … run azd auth login again').
*/
function adviceYields(ranked: {tally: Tally; score: number}[]): void {
	const [leader] = ranked;
	if (!leader) return;
	const strongest = Math.max(...leader.tally.weights);
	if (leader.tally.statement >= strongest) return;
	const at = ranked.findIndex(
		({tally}, index) => index > 0 && tally.statement >= 6 && tally.statement > leader.tally.statement,
	);
	if (at <= 0) return;
	const [stated] = ranked.splice(at, 1);
	if (stated) ranked.unshift(stated);
}

function aadstsCandidate(code: FoundCode, flat: string): Candidate {
	const name = `AADSTS${code.digits}`;
	const entry = entryForCode(name);
	return {
		family: `aadsts-${code.digits}`,
		entry: entry && entry.family === `aadsts-${code.digits}` ? entry : undefined,
		codes: [name],
		score: 12,
		basis: 'aadsts-code',
		confidence: 0,
		evidence: [excerpt(flat, code.index, 80)],
	};
}

/** What the rules make of a text. */
export type RulesAnswer = {
	/**
	Ranked candidates, most likely first, the one with nearly as much evidence as the first marked
	`close`; empty when the text shows no authentication failure. Their confidence is set when they
	are combined with the learned classifier (combine.ts).
	*/
	readonly candidates: readonly Candidate[];
	/**
	Families the text rules out: counter-evidence matched ('missing an expiration time' is no expired
	token), or their words stood only in a list of alternative causes.
	*/
	readonly ruledOut: ReadonlySet<string>;
};

export function classifyByRules(normalized: NormalizedText): RulesAnswer {
	const {flat, gloss: lower} = normalized;
	const tallies = new Map<string, Tally>();
	const tallyFor = (family: string) => tallyIn(tallies, family);

	for (const signal of signals) {
		if (!mayMatch(signal.pattern, lower)) continue;
		const match = signal.pattern.exec(lower);
		if (!match || signal.unless?.test(lower)) continue;
		const tally = tallyFor(signal.family);
		// Wording inside a list of alternative causes ('missing, invalid, wrong audience or expired') decides nothing.
		const stated = signal.code !== undefined || !enumeratesCauses(lower, match.index);
		const weight = stated ? signal.weight : Math.min(signal.weight, 3);
		tally.stated ||= stated;
		tally.weights.push(weight);
		if (!signal.remedy) tally.statement = Math.max(tally.statement, weight);
		tally.spans.push([match.index, match.index + match[0].length, weight]);
		tally.first = Math.min(tally.first, match.index);
		if (signal.code) tally.codes.add(signal.code);
		if (signal.serviceCode) tally.serviceCodeAt = Math.min(tally.serviceCodeAt, match.index);
		if (tally.evidence.length < 3) tally.evidence.push(quote(normalized, match.index, match[0].length));
	}

	for (const {signal, index, length} of [...derivedSignals(lower), ...relationSignals(lower)]) {
		// Words a stronger signal of the family already counted are not counted again.
		const covered = tallies
			.get(signal.family)
			?.spans.some(([start, end, weight]) => start < index + length && index < end && weight >= signal.weight);
		if (covered) continue;
		const tally = tallyFor(signal.family);
		const stated = !enumeratesCauses(lower, index);
		const weight = stated ? signal.weight : Math.min(signal.weight, 3);
		tally.stated ||= stated;
		tally.weights.push(weight);
		tally.statement = Math.max(tally.statement, weight);
		tally.first = Math.min(tally.first, index);
		if (tally.evidence.length < 3) tally.evidence.push(quote(normalized, index, length));
	}

	const aadstsPhraseHits = new Map<string, Tally>();
	for (const {family, phrase, weight} of phrases()) {
		const at = lower.indexOf(phrase);
		if (at === -1) continue;
		const tally = family.startsWith('aadsts-') ? tallyIn(aadstsPhraseHits, family) : tallyIn(tallies, family);
		tally.weights.push(weight);
		tally.statement = Math.max(tally.statement, weight);
		tally.spans.push([at, at + phrase.length, weight]);
		tally.first = Math.min(tally.first, at);
		tally.longest = Math.max(tally.longest, phrase.length);
		tally.stated = true;
		if (tally.evidence.length < 3) tally.evidence.push(quote(normalized, at, phrase.length));
	}

	// What the rules know rules a family out binds the learned model too (combine.ts).
	const ruledOut = new Set<string>();
	for (const tally of tallies.values()) if (!tally.stated) ruledOut.add(tally.family);
	for (const [family, counter] of Object.entries(counterEvidence)) {
		if (!counter.test(lower)) continue;
		tallies.delete(family);
		ruledOut.add(family);
	}

	const ranked = [...tallies.values()]
		.map(tally => ({tally, score: tallyScore(tally)}))
		.filter(({score}) => score >= minimumScore)
		.sort((a, b) => b.score - a.score || a.tally.first - b.tally.first);
	applyPrecedence(ranked);
	adviceYields(ranked);

	const toCandidate = ({tally, score}: {tally: Tally; score: number}): Candidate => ({
		family: tally.family,
		entry: entryForFamily(tally.family),
		codes: [...tally.codes],
		score,
		basis: Number.isFinite(tally.serviceCodeAt) ? 'service-code' : 'wording',
		confidence: 0,
		evidence: tally.evidence,
	});

	const codes = findAadstsCodes(flat);
	const causal = chooseCausalCode(codes);
	const results: Candidate[] = [];

	if (causal) {
		// A service error code (ARM, IDX) written before the AADSTS code is the outer error quoting it.
		const outer = ranked.find(({tally}) => tally.serviceCodeAt < causal.index);
		if (outer) results.push(toCandidate(outer));
		results.push(aadstsCandidate(causal, flat));
		for (const code of codes) {
			if (code !== causal) results.push({...aadstsCandidate(code, flat), score: 6});
		}

		for (const item of ranked) {
			if (item !== outer && item.score >= secondaryScore) results.push(toCandidate(item));
		}

		return {candidates: markRival(results.slice(0, maxFindings)), ruledOut};
	}

	const phraseRanked = [...aadstsPhraseHits.values()]
		.map(tally => ({tally, score: tallyScore(tally)}))
		.sort((a, b) => b.score - a.score || b.tally.longest - a.tally.longest || a.tally.first - b.tally.first);
	const bestFamily = ranked[0];
	const bestPhrase = phraseRanked[0];
	// The Azure CLI appends 'please run az login' to most token failures: next to the sentence of a
	// specific AADSTS error that lost its code, that advice is not the cause.
	const familyScore = bestFamily?.tally.family === 'cli-not-logged-in' ? 0 : (bestFamily?.score ?? 0);
	if (bestPhrase && bestPhrase.score > familyScore) {
		// A phrase that lost its prefix may still sit next to its bare number ('7000222 … keys are expired').
		const digits = bestPhrase.tally.family.slice('aadsts-'.length);
		const bareCode = new RegExp(`(?<![\\d.-])${digits}(?![\\d.-])`).test(flat);
		results.push({
			family: bestPhrase.tally.family,
			entry: entryForFamily(bestPhrase.tally.family),
			codes: bareCode ? [`AADSTS${digits}`] : [],
			score: bestPhrase.score,
			basis: 'phrase',
			confidence: 0,
			evidence: bestPhrase.tally.evidence,
		});
	}

	for (const item of ranked) {
		if (results.length === 0 || item.score >= secondaryScore) results.push(toCandidate(item));
	}

	const match = results.length === 0 ? firstMatch(authFailureSignals, lower) : undefined;
	if (match) {
		const otherCodes = new Set<string>();
		for (const found of flat.matchAll(
			/\b(InvalidAuthenticationInfo|AuthenticationFailed[A-Za-z]*|InvalidAuthenticationToken|IDX\d{5})\b/g,
		)) {
			if (otherCodes.size < 5) otherCodes.add(found[1]!);
		}

		results.push({
			family: 'other',
			entry: undefined,
			codes: [...otherCodes],
			score: 0,
			basis: 'other',
			confidence: 0,
			evidence: [quote(normalized, match.index, match[0].length)],
		});
	}

	return {candidates: markRival(results.slice(0, maxFindings)), ruledOut};
}

/**
Whether `family` is no rival to a first finding of `first`: a family it contains (precedence), or
the Azure CLI's 'please run az login' appended to the sentence of an AADSTS error that lost its code.
*/
export function contains(first: Candidate, family: string): boolean {
	if (first.basis === 'phrase' && family === 'cli-not-logged-in') return true;
	return precedence.some(rule => rule.family === first.family && rule.over.has(family));
}

/**
Marks the rival of the first candidate when it has nearly as much evidence (another family it does
not contain): the report is then not sure between them. A code decides by the taxonomy's rule, so
only wording can have a rival.
*/
function markRival(candidates: Candidate[]): Candidate[] {
	const [first, ...rest] = candidates;
	if (!first) return candidates;
	const decidedByWording = first.basis === 'wording' || first.basis === 'phrase';
	const rival = decidedByWording
		? rest.find(candidate => candidate.family !== first.family && !contains(first, candidate.family))
		: undefined;
	if (!rival || rival.score < closeRivalRatio * first.score) return candidates;
	return candidates.map(candidate => (candidate === rival ? {...candidate, close: true} : candidate));
}

/**
The candidates with the first's confidence, the others sharing what is left in proportion to their
`weights` (evidence, by default their scores), never above the first.
*/
export function withConfidence(
	candidates: readonly Candidate[],
	confidence: number,
	weights: readonly number[] = candidates.map(candidate => Math.max(candidate.score, 1)),
): Candidate[] {
	const [first, ...rest] = candidates;
	if (!first) return [];
	const restWeight = weights.slice(1).reduce((sum, weight) => sum + weight, 0);
	const round = (value: number) => Math.round(value * 100) / 100;
	return [
		{...first, confidence: round(confidence)},
		...rest.map((candidate, index) => ({
			...candidate,
			confidence: round(Math.min(confidence, ((1 - confidence) * (weights[index + 1] ?? 0)) / restWeight)),
		})),
	];
}

function firstMatch(patterns: readonly RegExp[], text: string): RegExpExecArray | undefined {
	for (const pattern of patterns) {
		const match = pattern.exec(text);
		if (match) return match;
	}

	return undefined;
}
