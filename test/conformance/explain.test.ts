/**
Test (b): `explain` names the family of every recorded error body (the label is ours, by meaning:
README.md), and what the knowledge base says about a recorded code (its OAuth error, its HTTP
status) is what Entra and ARM answered. The misses explain has today are listed with why; they are
printed, not asserted, so that work on the classifier can remove them. Any other miss fails.
*/
import {expect, test} from 'vitest';
import {explainText} from '../../source/explain/explain.ts';
import {entryForCode} from '../../source/knowledge/index.ts';
import {bodyText, type Exchange, exchanges} from './corpus.ts';

const nothingKnown = (what: string) => `explain recognises nothing in it (exit 1): ${what}`;

/** Recorded error bodies explain does not name right today, and why. */
const knownMisses: Readonly<Record<string, string>> = {
	'ce-0002': nothingKnown("IMDS's answer to a request without the Metadata header, a client protocol slip"),
	'ce-0029': nothingKnown("IMDS's answer to a request without the Metadata header, a client protocol slip"),
	'ce-0187': nothingKnown("IMDS's answer to a request without api-version, a client protocol slip"),
	'ce-0003': nothingKnown("the retired managed-identity VM extension's unknown_source"),
	'ce-0004':
		"IMDS failing to get a token from Entra ('Failed to retrieve token from the Active directory') is named other, not managed-identity-unavailable",
	'ce-0196': nothingKnown("App Service's 500 'An unexpected error occured while fetching the AAD Token.'"),
	'ce-0085': nothingKnown("Cloud Shell's AudienceNotSupported (an audience outside its allow-list)"),
	'ce-0086': nothingKnown("Cloud Shell's AudienceNotSupported (an audience outside its allow-list)"),
	'ce-0087': nothingKnown("Cloud Shell's AudienceNotSupported (an audience outside its allow-list)"),
	'ce-0088': nothingKnown("Cloud Shell's AudienceNotSupported (an audience outside its allow-list)"),
	'ce-0197': nothingKnown("Cloud Shell's AudienceNotSupported (an audience outside its allow-list)"),
	'ce-0039': nothingKnown("AD FS's MSIS9714 (authorization pending): explain knows Entra's codes, not AD FS's"),
	'ce-0046': nothingKnown("AD FS's WS-Trust SOAP fault (ID3242): explain knows Entra's codes, not AD FS's"),
	'ce-0104': nothingKnown('an Azure Policy denial (RequestDisallowedByPolicy), which no family and no entry covers'),
	'ce-0105': nothingKnown('an Azure Policy denial (RequestDisallowedByPolicy), which no family and no entry covers'),
	'ce-0106': nothingKnown('an Azure Policy denial (RequestDisallowedByPolicy), which no family and no entry covers'),
	'ce-0107': nothingKnown('an Azure Policy denial (RequestDisallowedByPolicy), which no family and no entry covers'),
	'ce-0180': nothingKnown('an Azure Policy denial inside a template validation error'),
	'ce-0135': nothingKnown("Azure AD Graph's Authentication_MissingOrMalformed (odata.error), a retired API"),
	'ce-0080':
		'LinkedAuthorizationFailed in the form that means a missing role on the linked scope: explain names the code’s family (arm-aux-token) first and authorization-failed second; the text cannot tell it from the cross-tenant case, which has the same wording (ce-0112)',
	'ce-0111':
		'LinkedAuthorizationFailed in the form that means a missing role on the linked scope (see ce-0080): arm-aux-token first, authorization-failed second',
	'ce-0167':
		"LinkedAuthorizationFailed 'the linked subscription … was not found': arm-aux-token first, subscription-context second",
	'ce-0074':
		"Graph's 2018 wording for a wrong audience ('Access token validation failure.' without 'Invalid audience.') is named other",
	'ce-0128':
		"Graph's 2018 wording for a wrong audience ('Access token validation failure.' without 'Invalid audience.') is named other",
};

const labelled = exchanges.filter(
	(entry): entry is Exchange & {family: string} => entry.family !== undefined && bodyText(entry.response) !== '',
);

test('explain names the family of every recorded error body, but for the listed misses', () => {
	expect(labelled.length).toBeGreaterThanOrEqual(140);
	const unexpected: string[] = [];
	const stillMissed: string[] = [];
	const nowRight: string[] = [];
	for (const entry of labelled) {
		const [first, ...others] = explainText(bodyText(entry.response)).findings;
		const got = first?.family ?? '(nothing recognised)';
		const right = got === entry.family;
		// An AADSTS family is named for the code in the text: the finding must report it.
		const codeReported =
			!entry.family.startsWith('aadsts-') || (first?.codes ?? []).includes(`AADSTS${entry.family.slice(7)}`);
		const line = `${entry.id}: ${entry.family}, explain says ${got}${others.length > 0 ? ` (then ${others.map(finding => finding.family).join(', ')})` : ''}`;
		if (entry.id in knownMisses) (right && codeReported ? nowRight : stillMissed).push(line);
		else if (!right || !codeReported) unexpected.push(codeReported ? line : `${line}, without the code`);
	}

	const known = labelled.length - stillMissed.length - unexpected.length;
	console.log(`conformance corpus, explain: ${known}/${labelled.length} error bodies named right`);
	if (stillMissed.length > 0) console.log(`known misses:\n  ${stillMissed.join('\n  ')}`);
	if (nowRight.length > 0)
		console.log(`listed as misses but now right (remove them from knownMisses):\n  ${nowRight.join('\n  ')}`);
	expect(unexpected).toEqual([]);
});

test('every listed miss names a labelled exchange and says why', () => {
	for (const [id, reason] of Object.entries(knownMisses)) {
		expect(
			labelled.some(entry => entry.id === id),
			id,
		).toBe(true);
		expect(reason.length, id).toBeGreaterThan(30);
	}
});

/** Recorded answers that are not today's wire, so they say nothing about the knowledge base. */
const notToday: Readonly<Record<string, string>> = {
	'ce-0120':
		'2018: a federated user with a wrong password on the v1 endpoint was 401; today AADSTS50126 is 400 (ce-0027)',
	'ce-0192': "an MSAL.NET fixture's status (400); every recorded invalid_client is 401",
	'ce-0154': "the JS recorder replaced the word 'tenant' with a GUID, in error too",
};

test('what the knowledge base says of a recorded code (OAuth error, HTTP status) is what the service answered', () => {
	const wrong: string[] = [];
	for (const entry of labelled) {
		if (entry.id in notToday) continue;
		let body = entry.response.body;
		if (typeof body === 'string') {
			try {
				body = JSON.parse(body);
			} catch {
				continue;
			}
		}

		if (typeof body !== 'object' || body === null) continue;
		const record = body as {error?: unknown};
		const armCode =
			typeof record.error === 'object' && record.error !== null ? (record.error as {code?: unknown}).code : undefined;
		const code = entry.family.startsWith('aadsts-') ? `AADSTS${entry.family.slice(7)}` : armCode;
		const knowledge = typeof code === 'string' ? entryForCode(code) : undefined;
		if (!knowledge) continue;
		if (
			knowledge.oauthError !== undefined &&
			typeof record.error === 'string' &&
			knowledge.oauthError !== record.error
		) {
			wrong.push(`${entry.id} ${code}: the knowledge base says ${knowledge.oauthError}, the recording ${record.error}`);
		}

		const status = entry.response.status;
		if (knowledge.httpStatus !== undefined && status !== null && knowledge.httpStatus !== status) {
			wrong.push(`${entry.id} ${code}: the knowledge base says HTTP ${knowledge.httpStatus}, the recording ${status}`);
		}
	}

	expect(wrong).toEqual([]);
});
