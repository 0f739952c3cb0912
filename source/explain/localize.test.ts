import {describe, expect, test} from 'vitest';
import {explainText} from './explain.ts';
import {glossOf, languagesOf, termSources} from './localize.ts';
import {normalizeText} from './normalize.ts';

describe('glossing localised pastes', () => {
	test('English text is left as it is, even with foreign-looking words', () => {
		for (const text of [
			'no subscriptions found. no account. no, no.',
			"Deployment to 'la-prod' failed: the token is expired. No retry.",
			'AADSTS50020: User account from identity provider live.com does not exist in tenant Contoso Café',
			"AADSTS50105: The signed in user 'ana@contoso.com' is not assigned to a role for the application (Graph Explorer).",
			'com.azure.identity.OnBehalfOfCredential => error in getToken(): a@outlook.com, b@hotmail.com, see /os/da/na',
		]) {
			expect(glossOf(text.toLowerCase())).toBeUndefined();
		}
	});

	test('each language is told by its own words or script', () => {
		expect(languagesOf('die zielgruppe des tokens ist ungültig.')).toEqual(['de']);
		expect(languagesOf("l'identité managée n'est pas disponible")).toContain('fr');
		expect(languagesOf('la identidad administrada no está disponible')).toContain('es');
		expect(languagesOf('a identidade gerenciada não está disponível')).toContain('pt');
		expect(languagesOf('マネージド id を使用できません')).toEqual(['ja']);
		expect(languagesOf('托管标识不可用')).toEqual(['zh']);
	});

	test('the gloss reads in English words, word order and particles aside', () => {
		expect(normalizeText('Die Zielgruppe des Tokens ist ungültig.').gloss).toBe(
			'the audience of the tokens is invalid .',
		);
		expect(normalizeText('対象ユーザーが無効です。').gloss).toBe('audience invalid');
		expect(normalizeText('托管标识不可用。').gloss).toBe('managed identity unavailable');
		const english = normalizeText('Access token validation failure. Invalid audience.');
		expect(english.gloss).toBe(english.lower);
		expect(english.glossOrigin).toBeUndefined();
	});

	test('evidence is quoted as the user wrote it, not in the gloss', () => {
		const [finding] = explainText('トークンの有効期限が切れています').findings;
		expect(finding?.family).toBe('token-expired');
		expect(finding?.evidence[0]).toBe('トークンの有効期限が切れています');
		const [french] = explainText("L'identité managée n'est pas disponible sur cette machine.").findings;
		expect(french?.family).toBe('managed-identity-unavailable');
		expect(french?.evidence.join(' ')).toMatch(/identité managée/);
	});

	test('the lexicons are plain alternations: no capturing groups, no nested quantifiers', () => {
		for (const source of termSources) {
			expect(source, source).not.toMatch(/\((?!\?)/);
			expect(source, source).not.toMatch(/\)[*+]|[*+]\)[*+?]/);
		}
	});

	test('a megabyte of localised text stays linear', () => {
		const text = 'Die verwaltete Identität ist nicht verfügbar, der Endpunkt antwortet nicht. '.repeat(14_000);
		const report = explainText(text);
		expect(report.findings[0]?.family).toBe('managed-identity-unavailable');
	});
});
