import {describe, expect, test} from 'vitest';
import {createStyle} from '../terminal/style.ts';
import {explainText, isRecognised} from './explain.ts';
import {formatReport} from './format.ts';

const tokenTenant = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const subscriptionTenant = 'a602cbf4-21c3-4761-b54e-acf397842b82';
const subscription = 'fcfd8558-600b-4e8c-8fc6-61a12221db20';
const wrongTenant = `{"error":{"code":"InvalidAuthenticationTokenTenant","message":"The access token is from the wrong issuer 'https://sts.windows.net/${tokenTenant}/'. It must match the tenant 'https://sts.windows.net/${subscriptionTenant}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${subscriptionTenant}' to get the token."}} GET https://management.azure.com/subscriptions/${subscription}/resourcegroups`;

/** A JWT-shaped string built at run time (not a real token). */
const fakeJwt = [
	Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url'),
	Buffer.from(JSON.stringify({aud: 'https://management.azure.com/', tid: tokenTenant, oid: 'x'.repeat(30)})).toString(
		'base64url',
	),
	'c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJl',
].join('.');

describe('explainText', () => {
	test('the JSON shape scripts rely on', () => {
		const report = explainText(wrongTenant);
		expect(report.findings).toHaveLength(1);
		const [finding] = report.findings;
		expect(Object.keys(finding!)).toEqual(
			expect.arrayContaining(['family', 'codes', 'known', 'title', 'explanation', 'causes', 'fixes', 'entities']),
		);
		expect(finding).toMatchObject({
			family: 'arm-token-tenant-mismatch',
			codes: ['InvalidAuthenticationTokenTenant'],
			known: true,
			likelihood: 'very likely',
		});
		expect(finding!.confidence).toBeGreaterThanOrEqual(0.9);
		expect(finding!.confidence).toBeLessThanOrEqual(1);
		expect(report.unsure).toBeUndefined();
		expect(finding!.causes.length).toBeGreaterThanOrEqual(4);
		expect(typeof finding!.causes[0]).toBe('string');
		for (const fix of finding!.fixes) expect(typeof fix.text).toBe('string');
	});

	test('fixes are filled in with the ids from the text', () => {
		const [finding] = explainText(wrongTenant).findings;
		const commands = finding!.fixes.map(fix => fix.command).filter(Boolean);
		expect(commands).toContain(`az login --tenant ${subscriptionTenant}`);
		expect(commands).toContain(`az account set --subscription ${subscription}`);
		expect(finding!.entities).toMatchObject({tokenTenant, subscriptionTenant, subscriptionId: subscription});
		expect(finding!.explanation).toContain(`issued by tenant ${tokenTenant}`);
		expect(JSON.stringify(finding)).not.toMatch(/\{(?:subscriptionTenant|subscriptionId|tokenTenant)\}/);
	});

	test('unknown values get explicit stand-ins, in sentences too, and the finding says where to find each', () => {
		const [finding] = explainText('InvalidAuthenticationTokenTenant').findings;
		expect(finding!.fixes.map(fix => fix.command)).toContain('az login --tenant <subscription-tenant-id>');
		expect(finding!.explanation).toContain('issued by tenant <token-tenant-id>');
		expect(JSON.stringify(finding)).not.toMatch(/\{[a-zA-Z]+\}/);
		expect(finding!.placeholders).toContainEqual({
			placeholder: '<subscription-tenant-id>',
			where: '`authfix tenant <subscription-id>` prints it',
		});
	});

	test('an unknown AADSTS code: its family, known:false, the official lookup', () => {
		const [finding] = explainText('AADSTS9999991: Something new.').findings;
		expect(finding).toMatchObject({family: 'aadsts-9999991', codes: ['AADSTS9999991'], known: false});
		expect(finding!.fixes[0]!.text).toContain('https://login.microsoftonline.com/error?code=9999991');
		expect(finding!.links).toContain('https://login.microsoftonline.com/error?code=9999991');
	});

	test('an ARM error code written before a quoted AADSTS code stays first; the code follows', () => {
		const report = explainText(
			'{"error":{"code":"LinkedAuthorizationFailed","message":"auxiliary token for tenant x failed: AADSTS700082: The refresh token has expired due to inactivity."}}',
		);
		expect(report.findings.map(finding => finding.family)).toEqual(['arm-aux-token', 'aadsts-700082']);
	});

	test('an AADSTS code wins over wording of other families around it', () => {
		const report = explainText(
			"ERROR: AADSTS700082: The refresh token has expired due to inactivity.\nPlease run 'az login' to setup account.",
		);
		expect(report.findings[0]!.family).toBe('aadsts-700082');
		expect(report.findings.map(finding => finding.family)).toContain('cli-not-logged-in');
	});

	test('an auth failure that fits no family is `other`, not recognised', () => {
		const report = explainText(
			'Server failed to authenticate the request. AuthenticationErrorDetail: Issuer validation failed.',
		);
		expect(report.findings).toHaveLength(1);
		expect(report.findings[0]).toMatchObject({family: 'other', known: false});
		expect(report.findings[0]!.fixes.map(fix => fix.text).join(' ')).toMatch(/aud|issuer/i);
		expect(isRecognised(report)).toBe(false);
	});

	test('text without an auth signal has no findings', () => {
		const report = explainText('hello world, the build is green');
		expect(report).toEqual({findings: []});
		expect(isRecognised(report)).toBe(false);
	});

	test('tokens in the paste never come back, not even in evidence', () => {
		const text = `Authorization: Bearer ${fakeJwt}\n${wrongTenant}\nThe access token ${fakeJwt} is from the wrong issuer`;
		const json = JSON.stringify(explainText(text));
		expect(json).not.toContain(fakeJwt);
		expect(json).not.toContain(fakeJwt.split('.')[1]!.slice(0, 20));
	});

	test('secrets go before the text is read: an excerpt never cuts one so that a piece of it is left', () => {
		const password = 'Zq4vT9mWx2LpR7kN';
		// The evidence is the 80 characters from the code on: they end inside the password, before its '@'.
		const prefix = 'AADSTS7000215: Invalid client secret provided. HTTPS_PROXY=http://alice:';
		const text = `${prefix}${password}@proxy.corp.example:3128 GET https://management.azure.com/subscriptions/${subscription}/resourcegroups`;
		expect(prefix.length).toBeLessThan(80);
		expect(prefix.length + password.length).toBeGreaterThan(80);
		const report = explainText(text);
		const json = JSON.stringify(report);
		expect(json).not.toContain(password.slice(0, 6));
		expect(json).toContain('http://alice:[redact');
		// Ids are not secrets: the entities still come from the text.
		expect(report.findings[0]!.entities).toMatchObject({subscriptionId: subscription});
	});

	test('a JWT in the paste lends its claims (tid, aud, appid, exp), never itself', () => {
		const [finding] = explainText(
			`GET https://management.azure.com/subscriptions/${subscription} 401 InvalidAuthenticationTokenTenant\nAuthorization: Bearer ${fakeJwt}`,
		).findings;
		expect(finding?.family).toBe('arm-token-tenant-mismatch');
		expect(finding?.entities).toMatchObject({tokenTenant, audience: 'https://management.azure.com/'});
		expect(finding?.entities.tokenFingerprint).toMatch(/^sha256:[0-9a-f]{8}$/);
		expect(JSON.stringify(finding)).not.toContain(fakeJwt.split('.')[1]!.slice(0, 16));
	});

	test('control characters and escape sequences in the paste never come back', () => {
		const text = `AADSTS50076: MFA \u001B]0;pwned\u0007 required \u001B[2J to access '\u001B[31mhttps://x\u001B[0m'. Trace ID: \u0007`;
		const report = explainText(text);
		expect(JSON.stringify(report)).not.toMatch(/\\u001b|\\u0007/i);
		const human = formatReport(report, {style: createStyle(false), width: 80});
		expect(human).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
	});

	test('nor do the ones HTML entities and \\u escapes decode to, bidirectional overrides included', () => {
		const report = explainText(
			'AADSTS700016: Application with identifier &#x202e;abc&#x1b;]0;pwn&#x7; and \\u009b2J\\u2066 was not found in the directory',
		);
		expect(report.findings[0]?.family).toBe('aadsts-700016');
		expect(report.findings[0]?.evidence.join(' ')).toContain('identifier abc');
		expect(JSON.stringify(report)).not.toMatch(/[\u001B\u0007\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
	});
});

describe('human output', () => {
	test('fits 80 columns except commands and links, and names the family first', () => {
		const human = formatReport(explainText(wrongTenant), {style: createStyle(false), width: 80});
		const lines = human.split('\n');
		expect(lines[0]).toBe("✗ Token from another tenant than the subscription's");
		expect(lines[1]).toContain('family: arm-token-tenant-mismatch');
		for (const line of lines) {
			if (!/^\s*\$ |^\s*https?:\/\/|^\s{4}\S.*\s{2}\S/.test(line)) expect(line.length, line).toBeLessThanOrEqual(80);
		}

		expect(human).toContain(`$ az login --tenant ${subscriptionTenant}`);
		expect(human).toContain('Verify:');
	});

	test('no findings: a one-paragraph hint', () => {
		expect(formatReport({findings: []}, {style: createStyle(false), width: 80})).toMatch(
			/^No sign of an Azure or Entra authentication failure/,
		);
	});
});

describe('credential chains and credentials', () => {
	test('a DefaultAzureCredential dump with no AADSTS code names the chain first, its credentials after', () => {
		const dump =
			'DefaultAzureCredential failed to retrieve a token from the included credentials.\n- EnvironmentCredential authentication unavailable. Environment variables are not fully configured.\n- ManagedIdentityCredential authentication unavailable. The requested identity has not been assigned to this resource.\nStatus: 400 (Bad Request)\nContent:\n{"error":"invalid_request","error_description":"Identity not found"}';
		const families = explainText(dump).findings.map(finding => finding.family);
		expect(families[0]).toBe('credential-chain-failed');
		expect(families).toContain('managed-identity-unavailable');
	});

	test('the same managed-identity error outside a chain names managed identity', () => {
		const alone =
			'Azure.Identity.CredentialUnavailableException: ManagedIdentityCredential authentication unavailable. The requested identity has not been assigned to this resource.';
		expect(explainText(alone).findings[0]?.family).toBe('managed-identity-unavailable');
	});

	test('a chain whose credential hit an AADSTS code names that code', () => {
		const dump =
			"DefaultAzureCredential failed to retrieve a token from the included credentials.\nAttempted credentials:\n\tSharedTokenCacheCredential: Azure Active Directory error '(invalid_grant) AADSTS70043: The refresh token has expired or is invalid due to sign-in frequency checks by conditional access.'";
		expect(explainText(dump).findings[0]?.family).toBe('aadsts-70043');
	});

	test('no MSI found for a client id is managed-identity-unavailable', () => {
		const [finding] = explainText('ManagedIdentityCredential: No MSI found for specified ClientId/ResourceId').findings;
		expect(finding?.family).toBe('managed-identity-unavailable');
	});

	test('an AADSTS sentence next to its bare number reports the code', () => {
		const [finding] = explainText(
			'7000222 is not documented. The message I\'m receiving is "The provided client secret keys are expired."',
		).findings;
		expect(finding).toMatchObject({family: 'aadsts-7000222', codes: ['AADSTS7000222']});
	});

	test('Key Vault AKV10022 is an invalid audience at a non-ARM API', () => {
		const [finding] = explainText(
			'Status=401 Code="Unauthorized" Message="AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com/."',
		).findings;
		expect(finding).toMatchObject({family: 'api-invalid-audience', codes: ['AKV10022']});
	});
});

describe('the Azure CLI advice beside a real cause', () => {
	test("a code-stripped AADSTS sentence beats the CLI's 'please run az login' advice", () => {
		const families = explainText(
			"ERROR: The refresh token has expired due to inactivity. The token was issued on 2023-01-01 and was inactive for 90.00:00:00. Please run 'az login' to setup account.",
		).findings.map(finding => finding.family);
		expect(families).toEqual(['aadsts-700082', 'cli-not-logged-in']);
	});

	test('the advice alone is cli-not-logged-in, also in its other wordings', () => {
		for (const text of [
			"Please run 'az login' to setup account.",
			"User 'someone@contoso.com' does not exist in MSAL token cache. Run `az login`.",
			'Interactive authentication is needed. Please run:\naz login --scope https://management.core.windows.net//.default',
		])
			expect(explainText(text).findings[0]?.family, text).toBe('cli-not-logged-in');
	});
});

describe('pipeline and deployment wording', () => {
	test.each([
		[
			"##[error]Could not fetch access token for Managed Service Principal. Please configure Managed Service Identity (MSI) for virtual machine 'https://aka.ms/azure-msi-docs'. Status code: 400, status message: Bad Request",
			'managed-identity-unavailable',
		],
		[
			"Authorization failed for template resource 'ra1' of type 'Microsoft.Authorization/roleAssignments'. The client 'x' with object id 'y' does not have permission to perform action 'Microsoft.Authorization/roleAssignments/write' at scope '/subscriptions/z'.",
			'authorization-failed',
		],
		["Get-AzKeyVaultSecret: Operation returned an invalid status code 'Forbidden'", 'authorization-failed'],
		[
			'##[error]Error: Could not fetch access token for Azure. Verify if the Service Principal used is valid and not expired.',
			'other',
		],
	])('%s', (text, family) => {
		expect(explainText(text).findings[0]?.family).toBe(family);
	});

	test("an ARM scope 'or the scope is invalid' is not a subscription problem", () => {
		const families = explainText(
			"(AuthorizationFailed) The client 'x' with object id 'y' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/z' or the scope is invalid.",
		).findings.map(finding => finding.family);
		expect(families).toEqual(['authorization-failed']);
	});
});

test('a localised tenant-mismatch message that lost its code still names the family', () => {
	const chinese =
		'{"error":{"message":"访问令牌来自错误的颁发者“https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/”。它必须与此订阅相关联的租户“https://sts.windows.net/1c0be383-a924-44a3-b4fc-1c0c1af304ea/”匹配。"}}';
	expect(explainText(chinese).findings[0]?.family).toBe('arm-token-tenant-mismatch');
});

test('a linked-scope denial without its code stays arm-aux-token, ahead of the plain 403 reading', () => {
	const families = explainText(
		"The client 'a@b.com' with object id 'x' has permission to perform action 'Microsoft.Compute/virtualMachines/write' on scope 'y'; however, it does not have permission to perform action(s) 'Microsoft.Network/virtualNetworks/subnets/join/action' on the linked scope(s) '/subscriptions/z' or the linked scope(s) are invalid.",
	).findings.map(finding => finding.family);
	expect(families[0]).toBe('arm-aux-token');
});

describe('auxiliary tokens', () => {
	const families = (text: string) => explainText(text).findings.map(finding => finding.family);

	test('an expired auxiliary token is the cross-tenant failure first, the expiry second', () => {
		const text =
			"ExpiredAuthenticationToken: The auxiliary token at position 1 (x-ms-authorization-auxiliary) of client '0000aaaa-0000-0000-0000-000000000001' from tenant '22222222-2222-2222-2222-222222222222' has expired.";
		expect(families(text).slice(0, 2)).toEqual(['arm-aux-token', 'token-expired']);
	});

	test('a wrong-tenant auxiliary token is the cross-tenant failure too', () => {
		const text =
			"InvalidAuthenticationTokenTenant: the auxiliary token in the 'x-ms-authorization-auxiliary' header is from the wrong issuer 'https://sts.windows.net/33333333-3333-3333-3333-333333333333/'.";
		expect(families(text)[0]).toBe('arm-aux-token');
	});

	test('an expired primary token stays token-expired', () => {
		const text =
			"ExpiredAuthenticationToken: The access token expiry UTC time '1/1/2026 1:00:00 AM' is earlier than current UTC time '1/1/2026 2:00:00 AM'.";
		expect(families(text)[0]).toBe('token-expired');
		expect(families(text)).not.toContain('arm-aux-token');
	});
});

describe('confidence and honesty', () => {
	test('two families with the same evidence: not sure, both named, the question that tells them apart', () => {
		const report = explainText('The token was rejected: audience mismatch. The token expired.');
		expect(report.unsure?.families).toEqual(expect.arrayContaining(['api-invalid-audience', 'token-expired']));
		expect(report.unsure?.question).toMatch(/'exp'.*'aud'/);
		const [first, second] = report.findings;
		expect(first!.confidence).toBeLessThan(0.7);
		expect(second!.confidence).toBeLessThanOrEqual(first!.confidence);
		const human = formatReport(report, {style: createStyle(false), width: 80});
		expect(human).toMatch(/^\? Not sure: this is (?:api-invalid-audience|token-expired) or/);
		expect(human).toContain('To tell them apart:');
	});

	test('a code decides: no rival, a high confidence', () => {
		const report = explainText(
			'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication. Please run az login.',
		);
		expect(report.unsure).toBeUndefined();
		expect(report.findings[0]).toMatchObject({family: 'aadsts-50076', likelihood: 'very likely'});
	});

	test('a family that contains another is no rival to it (a credential chain lists the CLI)', () => {
		const report = explainText(
			"DefaultAzureCredential failed to retrieve a token from the included credentials.\nAttempted credentials:\n\tManagedIdentityCredential: ManagedIdentityCredential authentication unavailable. No Managed Identity endpoint found.\n\tAzureCliCredential: Please run 'az login' to set up an account",
		);
		expect(report.findings[0]?.family).toBe('credential-chain-failed');
		expect(report.unsure).toBeUndefined();
	});

	test('the human output says how sure it is, in words and as a percentage', () => {
		const human = formatReport(explainText(wrongTenant), {style: createStyle(false), width: 80});
		expect(human).toMatch(/very likely \(\d+ %\)/);
	});
});

describe('names beside ids', () => {
	const text =
		"AADSTS700016: Application with identifier '04b07795-8ddb-461a-bbee-02f9e1bf7b46' was not found in the directory 'Contoso Ltd'.";

	test('sentences name the client and the tenant; commands keep the bare id', () => {
		const [finding] = explainText(text).findings;
		expect(finding!.entities).toMatchObject({
			clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
			clientName: 'Microsoft Azure CLI, also used by azd and developer sign-in',
			tenantName: 'Contoso Ltd',
		});
		expect(finding!.explanation).toContain(
			'identifier Microsoft Azure CLI, also used by azd and developer sign-in (04b07795-8ddb-461a-bbee-02f9e1bf7b46)',
		);
		expect(finding!.explanation).toContain('named in the authority (Contoso Ltd)');
		const commands = finding!.causeDetails.flatMap(cause => [
			cause.confirm,
			...cause.fixes.map(fix => fix.command ?? ''),
		]);
		expect(commands.join('\n')).toContain('04b07795-8ddb-461a-bbee-02f9e1bf7b46');
		expect(commands.join('\n')).not.toContain('Microsoft Azure CLI');
	});

	test('without a tenant name the aside disappears', () => {
		const [finding] = explainText('AADSTS700016: Application with identifier x was not found.').findings;
		expect(finding!.explanation).toContain('named in the authority and found none');
	});

	test('the human output shows the name beside the id, not on a row of its own', () => {
		const human = formatReport(explainText(text), {style: createStyle(false), width: 80});
		expect(human).toMatch(/client \/ app +04b07795-8ddb-461a-bbee-02f9e1bf7b46 \(Microsoft Azure CLI/);
		expect(human).toMatch(/tenant \(name\) +Contoso Ltd/);
		expect(human).not.toMatch(/client \/ app \(name\)/);
	});
});

/** The first finding's family, 'none' when nothing was recognised. */
const familyOf = (text: string) => explainText(text).findings[0]?.family ?? 'none';

describe('the third collection’s generalisations', () => {
	test('a connection, proxy or TLS failure, or a crash on the tool’s own state, is no missing sign-in', () => {
		for (const text of [
			"HTTPSConnectionPool(host='login.microsoftonline.com', port=443): Max retries exceeded with url: /common/oauth2/token (Caused by ProxyError('Cannot connect to proxy.'))",
			'az login: SSL: CERTIFICATE_VERIFY_FAILED certificate verify failed: self signed certificate in certificate chain',
			'Checking Azure session...\n✖ Failed to setup project: this.cache.read is not a function',
		])
			expect(['none', 'other']).toContain(familyOf(text));
		// Unless the text also says there is no sign-in: then that is the finding.
		expect(familyOf('getaddrinfo ENOTFOUND management.azure.com. Please run `az login` to setup account.')).toBe(
			'cli-not-logged-in',
		);
	});

	test('an Az cmdlet that does not exist is the Az modules missing, in any language', () => {
		expect(
			familyOf("The term 'Get-AzStorageAccount' is not recognized as a name of a cmdlet, function, script file"),
		).toBe('cli-not-logged-in');
		const german =
			"Get-AzKeyVault : Die Benennung 'Get-AzKeyVault' wurde nicht als Name eines Cmdlet erkannt.\n    + CategoryInfo          : ObjectNotFound: (Get-AzKeyVault:String) [], CommandNotFoundException";
		expect(familyOf(german)).toBe('cli-not-logged-in');
		// The AzureAD module is another module, not Az's sign-in.
		expect(familyOf("The term 'Get-AzureADUser' is not recognized as the name of a cmdlet")).not.toBe(
			'cli-not-logged-in',
		);
	});

	test('managed identity: a workload identity token file that is not there, an endpoint refusing the API version', () => {
		expect(familyOf('failed to build credential: no token file specified, check the pod configuration')).toBe(
			'managed-identity-unavailable',
		);
		expect(
			familyOf(
				"The HTTP resource that matches the request URI 'http://localhost:42356/msi/token' does not support the API version '2017-09-01'.",
			),
		).toBe('managed-identity-unavailable');
	});

	test('service codes of an expired token and of a missing permission', () => {
		expect(familyOf('(Unauthorized) [TokenExpired] Error validating token')).toBe('token-expired');
		expect(familyOf('(StorageAccountAccessForbidden) Unable to access the storage account')).toBe(
			'authorization-failed',
		);
		expect(familyOf('RESPONSE 403: 403 Forbidden\nERROR CODE: Forbidden')).toBe('authorization-failed');
		expect(
			familyOf('AccessDenied: You cannot perform the requested operation, required scopes are missing in the token.'),
		).toBe('authorization-failed');
	});
});

describe('the fourth collection’s generalisations', () => {
	test('a subscription never given is the subscription context', () => {
		expect(familyOf('Error: `subscription_id` is a required provider property when performing a plan')).toBe(
			'subscription-context',
		);
		expect(familyOf("Cannot validate argument on parameter 'SubscriptionId'. The argument is null or empty.")).toBe(
			'subscription-context',
		);
	});

	test('an editor’s Azure account or the CLI’s profile files gone is no usable sign-in', () => {
		expect(familyOf('Failed to refresh Azure account token for connection mydb')).toBe('cli-not-logged-in');
		expect(familyOf('Could not read /home/me/.azure/azureProfile.json. Are you logged in to the Azure CLI?')).toBe(
			'cli-not-logged-in',
		);
	});

	test('ARM’s audience as what the token had is another API refusing it, not ARM', () => {
		expect(
			familyOf(
				'HTTP 401: Expected aud claim to be: 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d, but was: https://management.core.windows.net/.',
			),
		).toBe('api-invalid-audience');
		// ARM's sentence is ARM's when the allowed audiences are ARM's; Power Platform reuses it for its own.
		expect(
			familyOf(
				"The access token has been obtained for wrong audience or resource 'https://vault.azure.net'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.azure.com/'.",
			),
		).toBe('arm-wrong-audience');
		expect(
			familyOf(
				"The received access token has been obtained from wrong audience or resource 'https://org.crm.dynamics.com/'. It should exactly match with one of the allowed audiences 'https://service.powerapps.com/','https://api.powerplatform.com'.",
			),
		).toBe('api-invalid-audience');
	});

	test('an identity endpoint that throttles is there; one that refuses the connection is not', () => {
		expect(
			familyOf('ManagedIdentityCredential authentication failed: The request was throttled; retry after 4s.'),
		).not.toBe('managed-identity-unavailable');
		expect(familyOf('System.Net.Http.HttpRequestException: Connection refused (localhost:42356)')).toBe(
			'managed-identity-unavailable',
		);
	});

	test('AADSTS7000112’s sentence without its code, an unknown cloud name', () => {
		expect(familyOf("Application 'ab12cd34-0000-4000-8000-000000000001'(Payroll API) is disabled.")).toBe(
			'aadsts-7000112',
		);
		expect(
			familyOf(
				"ERROR: The cloud 'azurechinacloud' is not registered.\nError: Az CLI Login failed. Please check the credentials and make sure az is installed on the runner.",
			),
		).not.toBe('cli-not-logged-in');
	});
});

describe('the fifth collection’s generalisations', () => {
	test('an operating system’s error number is no AADSTS code', () => {
		const text =
			"HTTPSConnectionPool(host='login.microsoftonline.com', port=443): Max retries exceeded (Caused by NewConnectionError(': [Errno 11001] getaddrinfo failed'))";
		expect(explainText(text).findings.flatMap(finding => finding.codes)).toEqual([]);
		expect(['none', 'other']).toContain(familyOf(text));
	});

	test('JOSE libraries’ expired and not-yet-valid JWTs are token-expired', () => {
		expect(familyOf('com.nimbusds.jwt.proc.BadJWTException: Expired JWT')).toBe('token-expired');
		expect(familyOf('InvalidJwtException: The JWT is not yet valid as the evaluation time is earlier')).toBe(
			'token-expired',
		);
	});

	test('audiences said without a code: IDX10214’s sentence, a token for one API sent to another', () => {
		expect(
			familyOf("Audiences: 'api://my-api'. Did not match: validationParameters.ValidAudience: 'api://other-api'"),
		).toBe('api-invalid-audience');
		expect(
			familyOf(
				'401 Unauthorized. The bearer token sent is for management.core.windows.net rather than graph.windows.net.',
			),
		).toBe('api-invalid-audience');
	});

	test('Kubernetes RBAC, the identity endpoint’s versions, a resource provider not registered', () => {
		expect(
			familyOf('Error from server (Forbidden): pods is forbidden: User "dev@contoso.com" cannot list resource "pods"'),
		).toBe('authorization-failed');
		expect(familyOf('The api-version not specified. Supported are 2021-02-01 2020-06-01')).toBe(
			'managed-identity-unavailable',
		);
		expect(
			familyOf(
				"(MissingSubscriptionRegistration) The subscription is not registered to use namespace 'Microsoft.Compute'.",
			),
		).not.toBe('subscription-context');
	});
});

test('the sixth collection’s generalisations: a Dataverse privilege, a 403 said in words', () => {
	expect(familyOf("Principal user (Id=abc, type=8) is missing prvReadAccount privilege for entity 'account'")).toBe(
		'authorization-failed',
	);
	expect(familyOf('The metadata request returned a 403 code')).toBe('authorization-failed');
});
