/**
A cloud is a set of endpoints. Built-in clouds are data; any other comes from an ARM metadata URL
(`{arm}/metadata/endpoints?api-version=2022-09-01`), the mechanism Azure Stack and the Azure CLI use.
*/
export type Cloud = {
	readonly name: string;
	/** e.g. https://login.microsoftonline.com (no trailing slash) */
	readonly authorityHost: string;
	/** e.g. https://management.azure.com (no trailing slash) */
	readonly resourceManager: string;
	/** The token audience ARM expects, e.g. https://management.core.windows.net/ */
	readonly resourceManagerAudience: string;
	/** e.g. https://graph.microsoft.com (no trailing slash) */
	readonly graph: string;
	/** Where the cloud came from, when it came from metadata. */
	readonly metadataUrl?: string;
};

export const builtInClouds: readonly Cloud[] = [
	{
		name: 'AzureCloud',
		authorityHost: 'https://login.microsoftonline.com',
		resourceManager: 'https://management.azure.com',
		resourceManagerAudience: 'https://management.core.windows.net/',
		graph: 'https://graph.microsoft.com',
	},
	{
		name: 'AzureChinaCloud',
		authorityHost: 'https://login.chinacloudapi.cn',
		resourceManager: 'https://management.chinacloudapi.cn',
		resourceManagerAudience: 'https://management.core.chinacloudapi.cn/',
		graph: 'https://microsoftgraph.chinacloudapi.cn',
	},
	{
		name: 'AzureUSGovernment',
		authorityHost: 'https://login.microsoftonline.us',
		resourceManager: 'https://management.usgovcloudapi.net',
		resourceManagerAudience: 'https://management.core.usgovcloudapi.net/',
		graph: 'https://graph.microsoft.us',
	},
];

/** The audiences a token for this cloud's ARM may carry (ARM accepts both hosts, with and without the slash). */
export function armAudiences(cloud: Cloud): string[] {
	const base = [cloud.resourceManagerAudience, cloud.resourceManager];
	return [...new Set(base.flatMap(value => [value.replace(/\/+$/, ''), `${value.replace(/\/+$/, '')}/`]))];
}
