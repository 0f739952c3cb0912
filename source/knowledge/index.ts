import {aadstsEntries} from './aadsts/index.ts';
import {type CodeFixSlots, codeFix} from './code-fixes.ts';
import {familyEntries, otherEntry} from './families.ts';
import type {LanguageId} from './languages.ts';
import type {CodeFixKind, KnowledgeEntry, KnowledgeFix, LanguageFix} from './types.ts';

export {familyEntries, otherEntry} from './families.ts';
export type {KnowledgeCause, KnowledgeEntry, KnowledgeFix, LanguageFix} from './types.ts';

/** Every entry: the taxonomy's families, then the AADSTS code entries. */
export const knowledgeEntries: readonly KnowledgeEntry[] = [...familyEntries, ...aadstsEntries];

let familyIndex: Map<string, KnowledgeEntry> | undefined;
let codeIndex: Map<string, KnowledgeEntry> | undefined;

function indexes() {
	if (!familyIndex || !codeIndex) {
		familyIndex = new Map();
		codeIndex = new Map();
		for (const entry of knowledgeEntries) {
			if (!familyIndex.has(entry.family)) familyIndex.set(entry.family, entry);
			for (const code of entry.codes) {
				const key = normalizeCode(code);
				if (!codeIndex.has(key)) codeIndex.set(key, entry);
			}
		}
	}

	return {familyIndex, codeIndex};
}

/** 'AADSTS50076', 'aadsts50076' and '50076' all become 'AADSTS50076'; ARM codes keep their case-folded name. */
export function normalizeCode(code: string): string {
	const trimmed = code.trim();
	const digits = /^(?:aadsts)?(\d+)$/i.exec(trimmed);
	if (digits) return `AADSTS${digits[1]}`;
	return trimmed.toLowerCase();
}

/** The entry for a family id (`arm-token-tenant-mismatch`, `aadsts-50076`, `other`), if known. */
export function entryForFamily(family: string): KnowledgeEntry | undefined {
	if (family === 'other') return otherEntry;
	return indexes().familyIndex.get(family);
}

/** The entry for a code: 'AADSTS50076', '50076' or an ARM code such as 'InvalidAuthenticationTokenTenant'. */
export function entryForCode(code: string): KnowledgeEntry | undefined {
	const key = normalizeCode(code);
	const found = indexes().codeIndex.get(key);
	if (found) return found;
	const digits = /^AADSTS(\d+)$/.exec(key);
	return digits ? indexes().familyIndex.get(`aadsts-${digits[1]}`) : undefined;
}

/** The official error lookup page for an AADSTS code. */
export function errorLookupUrl(digits: string): string {
	return `https://login.microsoftonline.com/error?code=${digits}`;
}

/**
An entry for an AADSTS code the knowledge base does not know: the family still follows the
taxonomy (`aadsts-<digits>`) and the fix points to Microsoft's official lookup for that code.
*/
export function unknownAadstsEntry(digits: string): KnowledgeEntry {
	const url = errorLookupUrl(digits);
	return {
		family: `aadsts-${digits}`,
		codes: [`AADSTS${digits}`],
		title: `Microsoft Entra sign-in error AADSTS${digits}`,
		explanation: `The Microsoft Entra token endpoint or sign-in page refused the request with error AADSTS${digits}. authfix has no entry for this code yet; Microsoft's error lookup describes it, and the message text next to the code usually names the cause.`,
		causes: [
			{
				text: 'The cause is described by the message after the code and by the official lookup page.',
				confirm: `Open ${url} and compare with the Trace ID / Correlation ID in the sign-in logs (Entra ID > Sign-in logs).`,
				fixes: [{text: `Look the code up in Microsoft's official error reference: ${url}`}],
			},
		],
		verify: 'Retry the sign-in or token request: it should return a token instead of the error.',
		links: [url, 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes'],
	};
}

/** A fix as the decision tree shows it (tree/types.ts FixStep): its languages' versions kept for the walk to pick. */
export type FixStepOf = {
	readonly text: string;
	readonly command?: string;
	readonly code?: string;
	readonly inLanguage?: Readonly<Partial<Record<LanguageId, LanguageFix>>>;
};

/** A knowledge fix as a fix step: one without a command or code keeps its portal steps in its text. */
function stepOf(fix: KnowledgeFix): FixStepOf {
	return {
		text: fix.command || fix.code || !fix.portal ? fix.text : `${fix.text} ${fix.portal}`,
		...(fix.command === undefined ? {} : {command: fix.command}),
		...(fix.code === undefined ? {} : {code: fix.code}),
		...(fix.inLanguage === undefined ? {} : {inLanguage: fix.inLanguage}),
	};
}

/**
The fixes of some of an entry's causes as the decision tree's fix steps: one home for what fixes an
error (here), which the tree's code-specific fix nodes show and the walk verifies. Throws when the
entry or a cause is missing: the tree is built at load time, and its tests load it.
*/
export function fixStepsOf(family: string, causes: readonly number[]): readonly FixStepOf[] {
	const entry = entryForFamily(family);
	return causes.flatMap(index => {
		const cause = entry?.causes[index];
		if (!cause) throw new Error(`knowledge: ${family} has no cause ${index}`);
		return cause.fixes.map(stepOf);
	});
}

/**
A code fix (code-fixes.ts) as one fix step of the tree, filled with the session's facts by name
(`{subscriptionTenant}`…): the walk shows it in the client's language, and for any language when
that is unknown.
*/
export function codeFixStep(kind: CodeFixKind, slots: CodeFixSlots, own?: {readonly text?: string}): FixStepOf {
	return stepOf(codeFix(kind, slots, own));
}
