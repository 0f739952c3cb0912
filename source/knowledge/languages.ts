/**
The languages a fix can be written in: the five Azure SDKs' identity libraries, the tools that sign
in on their own (Azure PowerShell, Terraform's azurerm provider, the Azure Developer CLI) and the
Azure CLI with the deployments it runs (Bicep and ARM templates). `explain` tells which one a paste
comes from (explain/language.ts); the fixes in each are data (code-fixes.ts).
*/

export const languageIds = [
	'javascript',
	'python',
	'dotnet',
	'java',
	'go',
	'powershell',
	'terraform',
	'azd',
	'bicep',
	'azure-cli',
] as const;

export type LanguageId = (typeof languageIds)[number];

/** How a sentence names each language: the language and the library (or tool) whose API the fix uses. */
export const languageNames: Readonly<Record<LanguageId, string>> = {
	javascript: 'JavaScript (@azure/identity)',
	python: 'Python (azure-identity)',
	dotnet: '.NET (Azure.Identity)',
	java: 'Java (azure-identity)',
	go: 'Go (azidentity)',
	powershell: 'Azure PowerShell (Az.Accounts)',
	terraform: 'Terraform (azurerm provider)',
	azd: 'Azure Developer CLI (azd)',
	bicep: 'Bicep / ARM template deployment (az deployment)',
	'azure-cli': 'Azure CLI',
};

const known = new Set<string>(languageIds);

export function isLanguageId(value: string | undefined): value is LanguageId {
	return value !== undefined && known.has(value);
}
