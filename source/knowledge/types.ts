/**
The knowledge base's shape. Entries are data: the classifier, `explain`, the decision tree and
reports read them; nothing in here does I/O.

Text fields may hold placeholders that `explain` fills from the entities it found in the pasted
text, written `{name}`: {tokenTenant} {subscriptionTenant} {tenantId} {subscriptionId} {clientId}
{resource} {audience} {expectedAudience} {authority} {issuer} {code} {linkedSubscriptionId}, and
{cloudName} / {armResource} (derived from the audiences and authority the text names), and
{tenantNameAside} (' (Contoso Ltd)' after a mention of the tenant when the text gives its display
name, else nothing). In sentences, an id whose name is known reads 'Microsoft Azure CLI (04b0…)'. A
fix whose placeholder stays unknown is shown with a readable stand-in (`<subscription-tenant-id>`),
never dropped.
*/
import type {LanguageId} from './languages.ts';

/** The fixes that live in the client's code or configuration, written per language (code-fixes.ts). */
export type CodeFixKind =
	| 'sign-in'
	| 'select-subscription'
	| 'pin-tenant'
	| 'allow-tenant'
	| 'token-for-resource'
	| 'fresh-token'
	| 'aux-tenants'
	| 'managed-identity-client-id'
	| 'workload-identity';

/** A fix as one language writes it (code-fixes.ts): a sentence and the command or the code in that language's API. */
export type LanguageFix = {
	readonly text: string;
	/** A shell command (az, azd, PowerShell) with placeholders. */
	readonly command?: string;
	/** Source or configuration to put in the program (a line or a short block), with placeholders. */
	readonly code?: string;
};

/** One way to fix a cause: a sentence and, where there is one, the exact command to run. */
export type KnowledgeFix = {
	readonly text: string;
	/** A shell command (az, PowerShell, curl, authfix) with placeholders, copy-ready once filled. */
	readonly command?: string;
	/** Source or configuration to put in the program, with placeholders. */
	readonly code?: string;
	/** Portal steps when there is no command, e.g. 'Entra ID > App registrations > … > Grant admin consent'. */
	readonly portal?: string;
	/**
	The same fix in the API of each language that has its own (code-fixes.ts): shown instead of this
	one when the client's language is known (explain's detection, the walk's `language` fact).
	*/
	readonly inLanguage?: Readonly<Partial<Record<LanguageId, LanguageFix>>>;
	/** Which code fix this is, when it comes from code-fixes.ts. */
	readonly kind?: CodeFixKind;
};

/** A likely cause, in ranked order within its entry. */
export type KnowledgeCause = {
	readonly text: string;
	/** How to confirm this is the cause: a command to run or a claim to look at. */
	readonly confirm: string;
	readonly fixes: readonly KnowledgeFix[];
};

export type KnowledgeEntry = {
	/** A family id from shared/taxonomy.md, or `aadsts-<digits>` for a code entry. */
	readonly family: string;
	/** For code entries: the code with its prefix, e.g. 'AADSTS700236'. Other codes (ARM codes) as they appear. */
	readonly codes: readonly string[];
	/** The OAuth `error` value the token endpoint pairs with it, where fixed (invalid_client, invalid_grant, …). */
	readonly oauthError?: string;
	/** Short, human: 'Managed identity token used as a federated credential in another tenant'. */
	readonly title: string;
	/** What it means, in two to four plain sentences. */
	readonly explanation: string;
	readonly causes: readonly KnowledgeCause[];
	/** How to see that the fix worked: replay the failing call, a command, a check. */
	readonly verify: string;
	/** How to keep it from coming back. */
	readonly prevent?: string;
	/** Official documentation pages. */
	readonly links?: readonly string[];
	/**
	Distinctive phrases of the official message, lower case, each specific enough to name this entry
	when a paste lost its code (translated, retyped, redacted). The classifier matches them after
	normalising white space and case; they are not regular expressions.
	*/
	readonly phrases?: readonly string[];
	/** 401 (authentication) or 403 (authorization) or token-endpoint 400, where it applies. */
	readonly httpStatus?: number;
};
