/**
An artifact's diagnosis: what `explain` says about its failing exchange (the request, the status,
the error body, the error records), with the claims of the token that was sent as entities, and a
summary of what the artifact revealed for people and for `--json`. Text that is no known artifact
is explained as a paste, exactly as before.
*/
import type {Entities} from '../explain/entities.ts';
import {type ExplainReport, explainText, isRecognised} from '../explain/explain.ts';
import {readArtifact} from './read.ts';
import type {Artifact, ArtifactKind, Exchange} from './types.ts';
import {kindNames} from './types.ts';

/** What the artifact revealed, as `explain --json` and `run --json` carry it (values redacted on output). */
export type ArtifactSummary = {
	readonly kind: ArtifactKind;
	readonly name: string;
	/** How many exchanges (requests) the artifact shows. */
	readonly exchanges: number;
	readonly failing?: {
		readonly method: string;
		readonly url: string;
		readonly status: number | null;
		/** Where it starts: the line of a log, the entry of a HAR (1-based). */
		readonly at: number;
		readonly requestId?: string;
		readonly correlationId?: string;
		readonly error?: {readonly code: string; readonly description?: string};
		/** The error body (at most 4000 characters). */
		readonly body?: string;
	};
	readonly errors: readonly string[];
	readonly sentToken?: {
		readonly fingerprint: string;
		readonly claims: Readonly<Record<string, unknown>>;
		/** `exp` as ISO 8601 UTC, and whether it had passed at the time of the diagnosis. */
		readonly expires?: string;
		readonly expired?: boolean;
	};
};

export type Diagnosis = {
	readonly report: ExplainReport;
	readonly artifact?: ArtifactSummary;
	/** The text that was classified: an artifact's failing exchange and errors, or the text itself. */
	readonly focus: string;
	/** What the artifact told beside the text: the sent token's claims as entities. */
	readonly entities: Entities;
};

const shownHeaders = [
	'www-authenticate',
	'x-ms-request-id',
	'x-ms-correlation-request-id',
	'request-id',
	'client-request-id',
	'x-ms-failure-cause',
];

const bound = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…` : text);

/** The text `explain` classifies: the failing request, its status and what came back, then the error records. */
export function focusText(artifact: Artifact): string {
	const parts: string[] = [];
	const failing = artifact.failing;
	if (failing) {
		parts.push(`${failing.method} ${failing.url}`);
		if (failing.status !== null) parts.push(`HTTP ${failing.status}`);
		for (const name of shownHeaders) {
			const value = failing.responseHeaders[name];
			if (value) parts.push(`${name}: ${value}`);
		}

		if (failing.body) parts.push(bound(failing.body, 16_000));
	}

	parts.push(...artifact.errors);
	return parts.join('\n');
}

function idsOf(exchange: Exchange): {requestId?: string; correlationId?: string} {
	const headers = exchange.responseHeaders;
	const requestId = headers['x-ms-request-id'] ?? headers['request-id'];
	const correlationId = headers['x-ms-correlation-request-id'] ?? headers['client-request-id'];
	return {...(requestId ? {requestId} : {}), ...(correlationId ? {correlationId} : {})};
}

export function summarizeArtifact(artifact: Artifact, now: number): ArtifactSummary {
	const {failing, sentToken} = artifact;
	const exp = sentToken?.claims.exp;
	return {
		kind: artifact.kind,
		name: kindNames[artifact.kind],
		exchanges: artifact.exchanges.length,
		...(failing
			? {
					failing: {
						method: failing.method,
						url: failing.url,
						status: failing.status,
						at: failing.at,
						...idsOf(failing),
						...(failing.error ? {error: failing.error} : {}),
						...(failing.body ? {body: bound(failing.body, 4000)} : {}),
					},
				}
			: {}),
		errors: artifact.errors.map(error => bound(error, 2000)),
		...(sentToken
			? {
					sentToken: {
						fingerprint: sentToken.fingerprint,
						claims: sentToken.claims,
						...(typeof exp === 'number' && Number.isFinite(exp) && Math.abs(exp) < 1e11
							? {expires: new Date(exp * 1000).toISOString(), expired: exp * 1000 <= now}
							: {}),
					},
				}
			: {}),
	};
}

/**
Explains a text that may be an artifact. For an artifact, the failing exchange and the error
records are classified, with the sent token's claims as entities; when that recognises nothing, a
log is classified whole as before (a HAR is not: its pages are no error message).
*/
export function diagnoseText(text: string, now: number): Diagnosis {
	const artifact = readArtifact(text);
	if (!artifact) return {report: explainText(text), focus: text, entities: {}};
	const known = {entities: artifact.sentToken?.entities ?? {}};
	let focus = focusText(artifact);
	let report = focus.trim() === '' ? {findings: []} : explainText(focus, known);
	if (!isRecognised(report) && artifact.kind !== 'har') {
		const whole = explainText(text, known);
		if (isRecognised(whole) || report.findings.length === 0) {
			report = whole;
			focus = text;
		}
	}

	return {report, artifact: summarizeArtifact(artifact, now), focus, entities: known.entities};
}
