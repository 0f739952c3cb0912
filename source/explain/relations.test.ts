/**
The general mechanisms that let explain read wordings it was never shown: relations (a subject and
what is said of it, in either order, within one sentence), enumerated causes, remedies that yield
to a stated cause, counter-evidence, and Korean. The texts are the tools' own error strings (from
their sources and troubleshooting guides) or plain paraphrases, not corpus sentences.
*/
import {describe, expect, test} from 'vitest';
import {explainText} from './explain.ts';
import {languagesOf} from './localize.ts';
import {enumeratesCauses, relationSignals} from './signals.ts';

const familyOf = (text: string) => explainText(text).findings[0]?.family ?? '(no finding)';
const relationsOf = (text: string) => relationSignals(text.toLowerCase()).map(({signal}) => signal.family);

describe('relations: a subject and what is said of it, in either order, in one sentence', () => {
	test('the managed identity endpoint and a failure, whichever comes first', () => {
		for (const text of [
			'Access token could not be acquired from IMDS',
			'IMDS did not answer: timed out',
			"Couldn't reach the managed identity endpoint",
			'ManagedIdentityCredential: no default identity is assigned to this resource',
			'MSI: Failed to retrieve a token from http://127.0.0.1:46808/MSI/auth/',
		])
			expect(familyOf(text), text).toBe('managed-identity-unavailable');
	});

	test('not across a sentence end, and not for an MSI installer', () => {
		expect(relationsOf('IMDS answered in time. Later the upload failed.')).not.toContain(
			'managed-identity-unavailable',
		);
		expect(relationsOf('Installer: MSI\nazure-cli 2.60.0\nfailed')).not.toContain('managed-identity-unavailable');
		// An IP address is not a sentence end.
		expect(relationsOf('connect to 169.254.169.254 refused')).toContain('managed-identity-unavailable');
	});

	test('a managed identity sign-in that fails names the identity, whatever the error says', () => {
		expect(familyOf('az login --identity failed without an indicative error')).toBe('managed-identity-unavailable');
		expect(familyOf('Connect-AzAccount -Identity : The operation failed')).toBe('managed-identity-unavailable');
	});

	test("a developer tool and 'not signed in' in any of its forms, or its credential and a failure", () => {
		for (const text of [
			'Stored credentials not found. Need to authenticate user in VSCode Azure Account.',
			"Visual Studio Token provider can't be accessed at C:\\Users\\me\\AppData\\Local\\.IdentityService",
			'VisualStudioCredential.GetToken was unable to retrieve an access token.',
			'SharedTokenCacheCredential authentication unavailable. Ensure that you have authenticated with a developer tool that supports Azure single sign on.',
			'WARNING: You must be logged into Azure perform this action',
		])
			expect(familyOf(text), text).toBe('cli-not-logged-in');
	});

	test('a named tool that could not hand over a token', () => {
		for (const text of [
			'failed to get access token from the Azure CLI',
			'error: az account get-access-token failed with exit code 1',
			'Azure PowerShell: could not get token',
		])
			expect(familyOf(text), text).toBe('cli-not-logged-in');
	});

	test('a token audience and its rejection, in any words; ARM audiences are their own family', () => {
		for (const text of [
			'Invalid token: aud is empty',
			'JWT Validation Failed: Claim value mismatch: aud=https://contoso.example/api.',
			'audience from claim aud with value [a] does not match with any of allowed audiences',
		])
			expect(familyOf(text), text).toBe('api-invalid-audience');
		expect(
			relationsOf(
				"The access token has been obtained for wrong audience or resource 'https://vault.azure.net'. It should exactly match with one of the allowed audiences 'https://management.azure.com/'.",
			),
		).not.toContain('api-invalid-audience');
	});

	test('what a token was issued for set against what the API expects', () => {
		for (const text of [
			'The token was issued for https://graph.microsoft.com, expected api://my-api',
			'the audience in the token is https://graph.microsoft.com but the API expects api://my-api',
			'the access token is issued for Graph, not for my API',
		])
			expect(familyOf(text), text).toBe('api-invalid-audience');
	});

	test('a megabyte of one side without the other stays linear', () => {
		const text = `${'IMDS '.repeat(200_000)}fine`;
		const started = performance.now();
		expect(relationSignals(text.toLowerCase())).toEqual([]);
		// A generous bound: quadratic pairing would take minutes.
		expect(performance.now() - started).toBeLessThan(5000);
	});
});

describe('what weakens or cancels evidence', () => {
	test('a message that enumerates alternative causes names none of them', () => {
		const text =
			'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.';
		expect(enumeratesCauses(text.toLowerCase(), text.toLowerCase().indexOf('audience'))).toBe(true);
		expect(familyOf(text)).toBe('other');
		expect(enumeratesCauses('the audience is invalid.', 4)).toBe(false);
	});

	test('advice to sign in yields to a stated cause; a stated sign-in failure stays', () => {
		expect(
			familyOf(
				"failed to resolve user access to subscription with ID '1111'. If you recently gained access to this subscription, run `azd auth login` again to reload subscriptions.",
			),
		).toBe('subscription-context');
		// 'failed to resolve … subscription: <cause>' is only the context of the cause after the colon.
		expect(
			familyOf(
				'getting tenant id: failed to resolve user access to subscription: not logged in, run `azd login` to login',
			),
		).toBe('cli-not-logged-in');
	});

	test('the CLI refusing a way of signing in is no missing sign-in, whatever it advises', () => {
		expect(
			familyOf(
				"Logging in through command line is not supported. For cross-check, try 'az login' to authenticate through browser.",
			),
		).not.toBe('cli-not-logged-in');
		expect(familyOf("Error: Please login to Azure with 'az login'")).toBe('cli-not-logged-in');
	});

	test('counter-evidence: what rules a family out', () => {
		expect(
			familyOf(
				'SecurityTokenNoExpirationException: IDX10225: Lifetime validation failed. The token is missing an Expiration Time.',
			),
		).not.toBe('token-expired');
		expect(
			familyOf(
				'AuthenticationFailed: Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature. status code: 403',
			),
		).not.toBe('authorization-failed');
		expect(
			familyOf(
				"Unable to create an authentication token for the required audience 'https://management.core.windows.net' and scopes '.default'.",
			),
		).not.toBe('arm-wrong-audience');
		// A chain stopped by one credential's error is that credential's failure, not the whole chain's.
		expect(
			familyOf(
				'DefaultAzureCredential authentication failed due to an unhandled exception: ManagedIdentityCredential authentication failed: Service request failed. Status: 400 (Bad Request)',
			),
		).toBe('managed-identity-unavailable');
	});
});

describe('wordings of older and other tools', () => {
	test('sign-in commands of the Node.js CLI, AzureRM and the tool caches', () => {
		for (const text of [
			'error:   We don\'t have a valid access token. Please run "azure login" again.',
			'Get-AzureRmVM : Run Login-AzureRmAccount to login.',
			'Could not retrieve token from local cache.',
			'Run the command below to authenticate interactively; additional arguments may be added as needed:\naz logout\naz login',
		])
			expect(familyOf(text), text).toBe('cli-not-logged-in');
	});

	test("AppAuthentication's chain: every method tried, none worked", () => {
		expect(
			familyOf(
				'Exception Message: Tried the following 3 methods to get an access token, but none of them worked. Tried to get token using Managed Service Identity. Unable to connect to the Managed Service Identity (MSI) endpoint.',
			),
		).toBe('credential-chain-failed');
	});

	test('the Conditional Access page however the resource is named', () => {
		expect(familyOf("Sign-in successful, but you can't access this resource right now")).toBe('aadsts-53003');
	});
});

test("simplified Chinese: 'need to' add the account as an external user is 90072's 'must'", () => {
	expect(familyOf('该帐户不存在于租户中,首先需要将该帐户作为外部用户添加到租户中。')).toBe('aadsts-90072');
});

describe('Korean', () => {
	test('told by Hangul, glossed like the other languages', () => {
		expect(languagesOf('관리 id 엔드포인트를 찾을 수 없습니다')).toEqual(['ko']);
		expect(familyOf('관리 ID 엔드포인트를 찾을 수 없습니다.')).toBe('managed-identity-unavailable');
		expect(familyOf('지금은 여기에 액세스할 수 없습니다.')).toBe('aadsts-53003');
		expect(familyOf('az login을 실행하여 계정을 설정하세요.')).toBe('cli-not-logged-in');
		expect(familyOf('토큰의 대상 그룹이 일치하지 않습니다')).toBe('api-invalid-audience');
	});
});

describe('round three: wordings of the tools read from their sources', () => {
	test("an audience a token 'does not have', or that a service 'rejects'", () => {
		for (const text of [
			'The access token does not have a valid audience claim. Please acquire a new token for the resource.',
			"The token's 'aud' claim is for Microsoft Graph, so my API rejects it",
			'The token lacks a valid audience',
		])
			expect(familyOf(text), text).toBe('api-invalid-audience');
	});

	test('a 403 from a network rule is no missing role', () => {
		for (const text of [
			'Status=403 Code="Forbidden" Message="Public network access is disabled and request is not from a trusted service nor via an approved private link."',
			'403 Forbidden: Client address is not authorized and caller is not a trusted service.',
		])
			expect(familyOf(text), text).not.toBe('authorization-failed');
		expect(familyOf("The client 'a' does not have authorization to perform action 'x' over scope 'y'")).toBe(
			'authorization-failed',
		);
	});

	test('a resource without a managed identity, or a user-assigned identity that is not there', () => {
		for (const text of [
			'The VM does not have a managed identity',
			'user assigned identity with client id 1234 not found',
			'Der verwalteten Identität ist keine Identität zugewiesen.',
		])
			expect(familyOf(text), text).toBe('managed-identity-unavailable');
		// A managed identity that lacks a permission is a role problem, not a missing identity.
		expect(familyOf('The managed identity does not have permission to read secrets')).not.toBe(
			'managed-identity-unavailable',
		);
	});

	test("Visual Studio's sign-in page, VS Code's account details, a tool denied its own profile", () => {
		for (const text of [
			"TS003: Error, TS001: This account 'user@contoso.com' needs re-authentication. Please go to Tools->Azure Services Authentication, and re-authenticate the account you want to use.",
			'Failed to get Azure user details from Visual Studio Code.',
			"PermissionError: [WinError 5] Access is denied: 'C:\\Windows\\system32\\config\\systemprofile\\.azure'\n  Source=Azure.Identity\n  StackTrace:\n   at Azure.Identity.AzureCliCredential.<RequestCliAccessTokenAsync>d__21.MoveNext()",
		])
			expect(familyOf(text), text).toBe('cli-not-logged-in');
	});

	test("French 'valide' and the official wording of AADSTS70011 without its code", () => {
		expect(familyOf("L'audience du jeton n'est pas valide.")).toBe('api-invalid-audience');
		expect(familyOf("The provided request must include a 'scope' input parameter.")).toBe('aadsts-70011');
	});
});
