/**
The vocabulary shared by checks, the engine, the UI, reports and `check --json`: what a check found.
*/
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

/** The ids of the live checks (issue 4). The decision tree names checks only by these. */
export const checkIds = [
	'cli-context',
	'credential-source',
	'subscription-tenant',
	'fresh-token',
	'token-tenant',
	'token-audience',
	'token-expiry',
	'token-signature',
	'role-assignments',
	'aux-tokens',
	'federated-credential',
	'cache-state',
	'replay',
] as const;

export type CheckId = (typeof checkIds)[number];

export type FindingFix = {
	readonly text: string;
	readonly command?: string;
};

export type Finding = {
	readonly id: CheckId;
	readonly status: CheckStatus;
	readonly title: string;
	/** What was found, one or two sentences, already redacted. */
	readonly detail: string;
	readonly fix?: FindingFix;
	/**
	Facts the check learnt, for the next steps and the report: tenant ids, subscription id, token
	claims (never the token), request ids. Strings only, already redacted.
	*/
	readonly facts?: Readonly<Record<string, string>>;
	/**
	What the check looked at, one line of facts each (every credential source found: which identity,
	which tenant, which subscription, where that came from). Already redacted.
	*/
	readonly lines?: readonly string[];
};
