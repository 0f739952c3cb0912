/**
The language `explain` reads from a paste, against the `tool` the newer corpora record for each text
(the tool of the issue it was posted in). Where the tool names a language, the detection agrees or
says `unknown` (many texts are a sentence or two with nothing that tells); it never names another
language, except for the records listed below, where the paste itself shows another tool than the
issue's. At least half of the texts whose tool names a language are recognised: the rest are prose
about the error, or a service's own message (a 401 body, an IMDS answer) that carries nothing of the
program that got it, where `unknown` is the right answer.
*/
import {describe, expect, test} from 'vitest';
import {detectLanguage} from '../../source/explain/language.ts';
import {normalizeText} from '../../source/explain/normalize.ts';
import {corpusFiles, readCorpus} from './corpora.ts';

/** The `tool` values that name a language, and which. */
const languageOfTool: Readonly<Record<string, string>> = {
	az: 'azure-cli',
	azd: 'azd',
	powershell: 'powershell',
	terraform: 'terraform',
	'sdk-dotnet': 'dotnet',
	'sdk-go': 'go',
	'sdk-java': 'java',
	'sdk-js': 'javascript',
	'sdk-python': 'python',
};

/** Records whose paste shows another tool than the issue it was posted in: the paste decides. */
const pasteShowsAnother: Readonly<Record<string, {readonly language: string; readonly why: string}>> = {
	'ext-125': {
		language: 'dotnet',
		why: "an Azure Automation runbook's Connect-AzAccount -Identity, but the paste is Azure.Identity's own .NET log (azsdk-net-Identity, System.Threading.Tasks): nothing in it is PowerShell's",
	},
	'gen-105': {
		language: 'python',
		why: "posted in azd's repository, but the paste is azure-identity for Python's AzureDeveloperCliCredential.get_token quoting azd's JSON output: the program that failed is a Python app",
	},
	'ext-191': {
		language: 'go',
		why: "azurerm 2.x's error is the Go SDK's own (autorest's `network.VirtualNetworkPeeringsClient#CreateOrUpdate: Failure sending request`); nothing of Terraform but a bare `Error: ` is in the excerpt",
	},
	'r4c-015': {
		language: 'go',
		why: "the azuread provider 0.x's error is the Go SDK's own (`graphrbac.ApplicationsClient#Create: Failure responding to request`, autorest's `Original Error`); Terraform adds only the `* azuread_application.app:` prefix",
	},
	'r5b-008': {
		language: 'go',
		why: "azurerm 1.x's error is the Go SDK's own (`graphrbac.ApplicationsClient#Create: Failure responding to request`, autorest's `Original Error`)",
	},
	'r5c-029': {
		language: 'go',
		why: "the Key Vault error is the Go SDK's own (`keyvault.BaseClient#DeleteSecret: Failure responding to request`, autorest); Terraform adds only `Error: `",
	},
	'ext-208': {
		language: 'azure-cli',
		why: 'posted in an azd issue, but the paste is `az account get-access-token` and the Azure CLI\'s "To re-authenticate, please run: az login --scope …"',
	},
};

type Row = {readonly id: string; readonly tool: string; readonly text: string};

const rows: Row[] = corpusFiles().flatMap(file =>
	readCorpus(file).flatMap(record => {
		const tool = (record as {tool?: string}).tool;
		return tool && languageOfTool[tool] ? [{id: record.id, tool, text: record.text}] : [];
	}),
);

const detected = (text: string) => detectLanguage(normalizeText(text).text, text).id;

describe('the language of the corpus texts', () => {
	test('there are texts of every language the corpora name', () => {
		expect(new Set(rows.map(row => languageOfTool[row.tool]))).toEqual(new Set(Object.values(languageOfTool)));
	});

	test("detection agrees with the record's tool, or says unknown", () => {
		const disagreements = rows
			.map(row => ({row, found: detected(row.text)}))
			.filter(({row, found}) => found !== 'unknown' && found !== languageOfTool[row.tool])
			.filter(({row, found}) => pasteShowsAnother[row.id]?.language !== found)
			.map(({row, found}) => `${row.id}: tool ${row.tool}, detected ${found}`);
		expect(disagreements).toEqual([]);
	});

	test('the listed exceptions still show the other tool (else the list is stale)', () => {
		for (const [id, {language}] of Object.entries(pasteShowsAnother)) {
			const row = rows.find(candidate => candidate.id === id);
			expect(row, id).toBeDefined();
			expect(detected(row!.text), id).toBe(language);
		}
	});

	test('at least half of the texts whose tool names a language tell it', () => {
		const told = rows.filter(row => detected(row.text) !== 'unknown').length;
		console.log(`languages: ${told} of ${rows.length} texts told their language`);
		expect(told / rows.length).toBeGreaterThanOrEqual(1 / 2);
	});
});
