/**
What authfix reads from the artifacts users already have (an `az … --debug` log, an SDK's verbose
log, MSAL's log, a Terraform debug log, a browser HAR): the HTTP exchanges it shows, the one that
failed, and the claims of the token that was sent. A token never leaves the artifact reader except
as its claims and its fingerprint; secrets in headers, parameters and cookies are already replaced
by markers in every exchange it hands out.
*/
import type {Entities} from '../explain/entities.ts';

export const artifactKinds = [
	'har',
	'az-debug',
	'terraform-debug',
	'js-sdk',
	'python-sdk',
	'dotnet-sdk',
	'go-sdk',
	'msal',
] as const;

export type ArtifactKind = (typeof artifactKinds)[number];

/** How each kind is named to people. */
export const kindNames: Readonly<Record<ArtifactKind, string>> = {
	har: 'browser HAR export',
	'az-debug': 'az --debug output',
	'terraform-debug': 'Terraform debug log (TF_LOG)',
	'js-sdk': 'Azure SDK for JavaScript log (AZURE_LOG_LEVEL)',
	'python-sdk': 'Azure SDK for Python log (azure-core logging)',
	'dotnet-sdk': 'Azure SDK for .NET log (Azure-Core events)',
	'go-sdk': 'Azure SDK for Go log (AZURE_SDK_GO_LOGGING)',
	msal: 'MSAL log',
};

/** One request and what came back, as the artifact shows it. */
export type Exchange = {
	readonly method: string;
	/** Absolute URL; sign-in material in its query or fragment is replaced by markers. */
	readonly url: string;
	/** The HTTP status; null when the artifact does not show one (a transport error, a log without it). */
	readonly status: number | null;
	/** Lower-case names; credentials (Authorization, cookies, keys) replaced by markers. */
	readonly requestHeaders: Readonly<Record<string, string>>;
	readonly responseHeaders: Readonly<Record<string, string>>;
	/** What the response said: its body (an error body), or the sign-in error a page or redirect carried. */
	readonly body?: string;
	/** The request body when the artifact holds it (form bodies with sign-in material replaced by markers). */
	readonly requestBody?: string;
	/** The sign-in error the exchange delivered (a redirect's `error=`, an ESTS page's AADSTS code). */
	readonly error?: {readonly code: string; readonly description?: string};
	/** 1-based line (HAR: entry index) where the exchange starts in the artifact. */
	readonly at: number;
};

/** The token a failing request carried: its claims and fingerprint, never the token. */
export type SentToken = {
	/** `sha256:` and 8 hex digits, as `decode` and redaction name tokens. */
	readonly fingerprint: string;
	/** The claims that matter for a diagnosis (tenant, audience, app, identity, scopes, times). */
	readonly claims: Readonly<Record<string, unknown>>;
	/** The claims as explain's entities (tokenTenant, audience, clientId, issuer, tokenExpires, tokenFingerprint). */
	readonly entities: Entities;
};

export type Artifact = {
	readonly kind: ArtifactKind;
	readonly exchanges: readonly Exchange[];
	/** The exchange that failed: the last one that failed and was not answered by a success to the same URL. */
	readonly failing?: Exchange;
	/** Error records of the log (exception text, `ERROR:` records, AADSTS lines), most useful first. */
	readonly errors: readonly string[];
	readonly sentToken?: SentToken;
};
