/**
Family signals: what in a paste points to a family when no AADSTS code decides it. Each is a
linear regular expression over the flat, lower-case text, with a weight:
- 10: a service's own error code for exactly this family (ARM `code`, IDX number);
- 6–9: the family's distinctive official wording, or a close paraphrase;
- 2–5: supporting words that only count next to stronger evidence or as a last resort.
They follow the meaning of the messages (and their usual paraphrases and retranslations), never
one paste's exact text.
*/

export type Signal = {
	readonly family: string;
	readonly weight: number;
	readonly pattern: RegExp;
	/** When the signal is an error code, the code as services print it (listed in the finding's `codes`). */
	readonly code?: string;
	/** True for structured service codes that can outrank an AADSTS code quoted later in the same text. */
	readonly serviceCode?: boolean;
	/** Counter-evidence: when this matches anywhere in the text, the signal does not count. */
	readonly unless?: RegExp;
	/**
	True for advice (run the tool's sign-in command) rather than a statement of what failed: the
	Azure tools append it to many failures, so it yields to another family's stated cause.
	*/
	readonly remedy?: boolean;
};

const s = (family: string, weight: number, pattern: RegExp, code?: string): Signal =>
	code === undefined ? {family, weight, pattern} : {family, weight, pattern, code, serviceCode: weight >= 10};

/** A signal with counter-evidence that cancels it. */
const unless = (signal: Signal, counter: RegExp): Signal => ({...signal, unless: counter});

/** A remedy: the tool's sign-in command given as advice. */
const remedy = (signal: Signal): Signal => ({...signal, remedy: true});

const token = '(?:access |bearer |jwt |auth(?:entication|orization)? |security |the |your |this |id )?token';

/** Authentication (not authorisation) failed: a storage signature, a token nobody accepted. */
const authenticationFailure =
	/authenticationfailed|failed to authenticate|authentication (?:has )?failed|server failed to authenticate/;

/** A list of allowed audiences with no ARM in it (management.…, Azure Stack's too): another service speaking ARM's sentence. */
const otherAllowedAudiences = /allowed audiences:? ['"]https?:\/\/(?![\s\S]{0,400}?\bmanagement\.)/;

/** A token being requested for an audience (not rejected for it): 'create a token for the required audience'. */
const tokenRequest =
	/(?:create|acquire|get|obtain|request|fetch)\w*\b[^.]{0,40}\btoken\b[^.]{0,30}\bfor (?:the )?(?:required )?(?:audience|resource|scope)/;

/** A sign-in with the managed identity asked for by the command or the configuration. */
const miMethod =
	/\baz login (?:--identity|-i)\b|\b(?:connect|login)-az(?:urerm)?account\b[^.]{0,60}?-(?:identity|msi)\b|\bazcopy login --identity\b|--login msi\b|\buse_?msi\b|\barm_use_msi\b|login-type[= ]msi\b|auto_login_type[= "']{0,3}msi\b/;

export const signals: readonly Signal[] = [
	// ARM: token from another tenant than the subscription's.
	s('arm-token-tenant-mismatch', 10, /invalidauthenticationtokentenant/, 'InvalidAuthenticationTokenTenant'),
	s('arm-token-tenant-mismatch', 8, /\bwrong issuer\b/),
	s(
		'arm-token-tenant-mismatch',
		8,
		/(?:must|has to|should|needs to) match (?:with )?(?:the tenant|one of the tenants)/,
	),
	s('arm-token-tenant-mismatch', 6, /associated with (?:this|the) subscription/),
	s('arm-token-tenant-mismatch', 5, /use the authority \(url\)/),
	s(
		'arm-token-tenant-mismatch',
		7,
		/token[^.]{0,40}\b(?:is |was |comes |came )?(?:issued )?(?:from|by) (?:a |the )?(?:different|another|other|wrong|incorrect|foreign) (?:tenant|issuer|directory)/,
	),
	s(
		'arm-token-tenant-mismatch',
		6,
		/(?:tenant|issuer)[^.]{0,50}(?:does not|doesn't|do not|did not) match[^.]{0,40}subscription/,
	),
	s(
		'arm-token-tenant-mismatch',
		5,
		/subscription[^.]{0,60}(?:belongs to|is in|lives in) (?:a |another |a different )(?:tenant|directory)/,
	),

	// ARM: token for another resource.
	s('arm-wrong-audience', 10, /invalidauthenticationtokenaudience/, 'InvalidAuthenticationTokenAudience'),
	// ARM's sentence, which other services (Power Platform) reuse: ARM's only when the allowed audiences are ARM's.
	unless(
		s('arm-wrong-audience', 9, /obtained (?:for|from) (?:the |an? )?(?:wrong|incorrect|invalid|different) audience/),
		otherAllowedAudiences,
	),
	unless(s('arm-wrong-audience', 7, /(?:one of )?the allowed audiences/), otherAllowedAudiences),
	s(
		'arm-wrong-audience',
		8,
		/audience (?:claim|value)?[^.]{0,20}\. expected:? ['"]?https:\/\/management\.|expected (?:audience:? )?['"]?https:\/\/management\.(?:core\.windows\.net|azure\.com|usgovcloudapi\.net|chinacloudapi\.cn)/,
	),
	unless(
		s(
			'arm-wrong-audience',
			4,
			/(?:audience|aud)\b[^.]{0,80}management\.(?:azure\.com|core\.|usgovcloudapi|chinacloudapi)/,
		),
		// ARM's audience as what the token had ('expected X, but was: https://management…') is another API refusing it.
		new RegExp(
			`${tokenRequest.source}|\\b(?:but (?:was|got|found|is)|got|received|actual(?: value)?|found)\\W{0,5}["']?https:\\/\\/management\\.`,
		),
	),

	// Expired or not-yet-valid tokens at an API.
	s('token-expired', 10, /expiredauthenticationtoken/, 'ExpiredAuthenticationToken'),
	s('token-expired', 10, /\bidx10223\b/, 'IDX10223'),
	s('token-expired', 10, /\bidx10222\b/, 'IDX10222'),
	s('token-expired', 8, /\bidx10230\b/, 'IDX10230'),
	s('token-expired', 8, /\bidx10224\b/),
	s(
		'token-expired',
		8,
		/\bexpiredtoken\b|\btokenexpired\b|expiredsignatureerror|signature has expired|\bexpired jwt\b/,
	),
	s('token-expired', 8, /lifetime validation failed/),
	s('token-expired', 8, /is earlier than (?:the )?current (?:utc )?time/),
	s('token-expired', 7, new RegExp(`(?<!refresh )${token} (?:is|has|had) (?:already )?expired`)),
	s('token-expired', 7, new RegExp(`(?<!refresh )${token} (?:is )?not yet valid`)),
	s('token-expired', 7, /\bjwt expired\b|"exp" claim timestamp check failed|token expiry (?:utc )?time/),
	// JOSE libraries (jose4j, openid-client, Nimbus): a JWT before its nbf.
	s('token-expired', 7, /\bjwt (?:is )?not (?:yet valid|active yet)\b/),
	// Graph's compact (MSA) token check: reason 80049228 is an expired token.
	s('token-expired', 8, /compacttoken validation failed with reason code:? 80049228\b/),
	s('token-expired', 6, /(?<!refresh[ _])\btoken[ _]expired\b|\bexpired (?:access |bearer )?token\b(?! error)/),
	s(
		'token-expired',
		5,
		/(?:exp|expiry|expiration)(?: time| claim)?[^.]{0,40}(?:has passed|in the past|before (?:the )?current)/,
	),
	s('token-expired', 4, /clock skew/),

	// Cross-tenant calls and the auxiliary header.
	s('arm-aux-token', 10, /linkedauthorizationfailed/, 'LinkedAuthorizationFailed'),
	s('arm-aux-token', 9, /x-ms-authorization-auxiliary/),
	s('arm-aux-token', 8, /not authorized to access (?:the )?linked subscription/),
	s('arm-aux-token', 8, /auxiliary (?:token|header|authorization|tenant)/),
	s('arm-aux-token', 7, /on the linked scope|linked scope\(s\)/),
	s('arm-aux-token', 6, /--aux-tenants|auxiliary_tenant_ids|auxiliarytenantids/),
	s('arm-aux-token', 5, /\blinked (?:subscription|tenant)/),

	// 403: authenticated, not authorised.
	s('authorization-failed', 10, /(?<!linked)\bauthorizationfailed\b/, 'AuthorizationFailed'),
	s('authorization-failed', 10, /authorization_requestdenied/, 'Authorization_RequestDenied'),
	s('authorization-failed', 10, /forbiddenbyrbac/, 'ForbiddenByRbac'),
	s('authorization-failed', 10, /authorizationpermissionmismatch/, 'AuthorizationPermissionMismatch'),
	s('authorization-failed', 8, /\bauthorizationfailure\b|does not have (?:the )?required rbac permissions?/),
	s('authorization-failed', 8, /does not have (?:the )?authori[sz]ation to perform/),
	// Languages that put the action first read '… does not have authorization' once glossed.
	s('authorization-failed', 7, /(?:does not|doesn't) have (?:the )?authori[sz]ation\b/),
	s(
		'authorization-failed',
		7,
		/\b(?:is )?not (?:authori[sz]ed|allowed|permitted) to perform (?:the |this )?(?:action|operation)/,
	),
	s('authorization-failed', 7, /insufficient privileges/),
	s('authorization-failed', 7, /(?:operation|request|action) is not allowed by (?:rbac|the role|role-based access)/),
	s('authorization-failed', 7, /deniedwithnovalidrbac|no ?valid ?rbac/),
	s('authorization-failed', 7, /does not have (?:secrets?|keys?|certificates?) [a-z]+ permission/),
	s(
		'authorization-failed',
		5,
		/does not have (?:the )?(?:required |necessary |sufficient )?(?:permissions?|role|access) (?:to|on|for)/,
	),
	s('authorization-failed', 5, /(?:no|missing) (?:role assignment|rbac role)/),
	unless(
		s(
			'authorization-failed',
			4,
			/\b403\b[^.]{0,30}forbidden|forbidden[^.]{0,20}\b403\b|status(?: ?code)?[=: ]+403\b|\(403\)/,
		),
		authenticationFailure,
	),
	s('authorization-failed', 3, /\baccess (?:is )?denied\b/),
	s('authorization-failed', 8, /does not have permission to perform action|authorization failed for template resource/),
	unless(s('authorization-failed', 5, /status code:? ['"]?forbidden['"]?/), authenticationFailure),
	// A service's own 'forbidden' code (KeyVaultAccessForbidden, the SDKs' 'ERROR CODE: Forbidden' of a 403).
	s('authorization-failed', 8, /\b[a-z]+accessforbidden\b/),
	// Dataverse: the application user's security role lacks the privilege ('is missing prvReadAccount privilege').
	s('authorization-failed', 8, /\bis missing prv[a-z]+ privilege\b/),
	// A request answered 403 in words ('returned a 403 code', 'returned HTTP 403').
	unless(
		s('authorization-failed', 5, /\breturned (?:an? )?(?:http |status )?(?:code )?403\b|\b403 (?:status )?code\b/),
		authenticationFailure,
	),
	// Kubernetes (AKS with Entra ID and Azure RBAC): authenticated, and the role does not allow the verb.
	s('authorization-failed', 8, /\bis forbidden: user "[^"]{1,200}" cannot [a-z]+ resource\b/),
	unless(s('authorization-failed', 6, /\bresponse 403\b|\berror ?code:? ['"]?forbidden\b/), authenticationFailure),
	// Graph's AccessDenied: the token lacks the permission (scope or app role) the call needs.
	s(
		'authorization-failed',
		8,
		/required (?:scopes?|permissions?|roles?) (?:are|is) missing (?:in|from) the token|(?:scopes?|roles?) (?:claim )?(?:is |are )?missing required (?:scopes?|permissions?)/,
	),
	s('authorization-failed', 6, /please grant\b[^.]{0,60}\bpermissions? (?:to|for)\b/),

	// Subscription wrong, missing or invisible.
	s('subscription-context', 10, /subscriptionnotfound/, 'SubscriptionNotFound'),
	s('subscription-context', 10, /invalidsubscriptionid/, 'InvalidSubscriptionId'),
	s('subscription-context', 9, /no (?:azure |active |enabled |accessible )?subscriptions? (?:were |was )?found/),
	s('subscription-context', 7, /run ["'`]?az account set\b|az account set["'`]? to select/),
	s('subscription-context', 8, /(?:does not|doesn't) have access to (?:the )?subscription/),
	s(
		'subscription-context',
		8,
		/subscription\b[^.]{0,80}(?:could not be found|was not found|cannot be found|can't be found|not found|doesn't exist|does not exist)/,
	),
	s('subscription-context', 7, /error in setting up subscription|the subscription of '/),
	s(
		'subscription-context',
		6,
		/no subscription (?:is )?(?:selected|set|specified)|please (?:set|select|specify) (?:a |the |your )?(?:default )?subscription/,
	),
	s('subscription-context', 6, /\bsubscription\b[^.]{0,60}\bis (?:not valid|invalid|disabled|not enabled|deleted)/),
	s('subscription-context', 3, /tenant level account|allow-no-subscriptions/),
	s('subscription-context', 8, /(?:don't|do not|doesn't|does not) (?:contain|have) (?:any )?accessible subscriptions?/),
	s(
		'subscription-context',
		8,
		/provide a valid tenant or a valid subscription|subscription (?:id )?could not be determined|readonlydisabledsubscription/,
	),
	s('subscription-context', 4, /\bsubscription (?:id )?(?:mismatch|is wrong)/),
	s('subscription-context', 8, /subscription (?:identifier|id)\b[^.]{0,80}\bis malformed or invalid/),
	// The subscription never given: a provider's required property, a cmdlet's empty -Subscription.
	s(
		'subscription-context',
		8,
		/\bsubscription_?id\b[`'"]? is (?:a )?required\b|\b(?:missing|no) (?:required )?subscription[ _]?id\b|\bsubscription ?id (?:is )?(?:missing|not (?:set|specified|provided))\b|parameter '(?:subscription(?:id|name)?)'\. the argument is null or empty/,
	),
	// Failing to resolve, find or access the subscription, unless that is only the context of a
	// deeper cause ('failed to resolve user access to subscription: not logged in', Go's a: b: cause).
	s(
		'subscription-context',
		8,
		/(?:failed|unable|could ?n[o']t|can(?:not|'t| not))(?: to)? (?:resolve|find|access|load|locate|determine|retrieve|read)\b[^.]{0,40}\bsubscriptions?\b(?![^.:]{0,80}: )/,
	),
	s(
		'subscription-context',
		7,
		/\bnot found:? (?:the )?subscription\b|(?:could not|couldn't|cannot|can't|unable to) find (?:the |a |any )?subscription/,
	),

	// Non-ARM APIs rejecting the audience. The meaning is 'the token's audience (aud) is not this
	// API': every validator says it as audience + invalid / not valid / did not match / failed, in
	// either order, or with its own code (IdentityModel IDX102xx, Key Vault AKV10022).
	s('api-invalid-audience', 10, /\bidx10214\b/, 'IDX10214'),
	s('api-invalid-audience', 10, /\bidx10215\b/, 'IDX10215'),
	s('api-invalid-audience', 9, /\bidx10208\b/, 'IDX10208'),
	s('api-invalid-audience', 10, /\bakv10022\b/, 'AKV10022'),
	s('api-invalid-audience', 9, /\bidx10231\b/, 'IDX10231'),
	s('api-invalid-audience', 9, /\bidx1020[67]\b/),
	// IDX10214's sentence without its number ('Audiences: '…'. Did not match: validationParameters.ValidAudience').
	s(
		'api-invalid-audience',
		9,
		/\baudiences?: '[^']{0,300}'\.? did not match:? validationparameters\.validaudiences?\b/,
	),
	// 'the token is for management.core.windows.net rather than graph.windows.net': issued for another API than the one called.
	s(
		'api-invalid-audience',
		7,
		/\btoken\b[^.]{0,60}\bfor ['"]?(?:https?:\/\/)?[\w-]+(?:\.[\w-]+)+\/?['"]? (?:rather than|instead of) ['"]?(?:https?:\/\/)?(?!management\.)[\w-]+(?:\.[\w-]+)+/,
	),
	s('api-invalid-audience', 10, /securitytokeninvalidaudienceexception/, 'SecurityTokenInvalidAudienceException'),
	s('api-invalid-audience', 10, /audienceurivalidationfailed(?:exception)?/, 'AudienceUriValidationFailedException'),
	// 'The token is intended for X; this service accepts tokens intended for Y' (Cosmos DB and others).
	s(
		'api-invalid-audience',
		8,
		/\b(?:accepts?|expects?|only accepts?|allows?) (?:only )?tokens? (?:intended|issued|meant|minted) for|tokens? (?:is |was )?(?:intended|meant) for [^.]{0,120}\b(?:accepts?|expects?)\b/,
	),
	s(
		'api-invalid-audience',
		7,
		/expected (?:the )?(?:audience|aud)\b[^.]{0,80}\b(?:got|but (?:got|was|found)|found|received)\b/,
	),
	s('api-invalid-audience', 9, /\binvalidaudience(?:error)?\b/, 'InvalidAudience'),
	s(
		'api-invalid-audience',
		8,
		/(?:unable|failed) to validate (?:the )?(?:token )?audience|audience validation (?:has )?failed|validation of the audience failed|failed[^.]{0,20}\baudience validation\b/,
	),
	s(
		'api-invalid-audience',
		8,
		/\b(?:audience|aud)\b(?: claim| value| uri)*(?: of the token)? (?:is |was )?(?:invalid|not valid)|unexpected "aud" claim value|audience '[^']{0,200}'[^.']{0,30}\bis (?:invalid|not valid|not supported)/,
	),
	s(
		'api-invalid-audience',
		8,
		/\binvalid (?:token |jwt |authori[sz]ation token )?(?:audience|aud\b)|\baudience (?:validation )?(?:is )?invalid|jwt audience invalid|"aud" claim check failed/,
	),
	s(
		'api-invalid-audience',
		7,
		/\b(?:audience|aud)\b(?: claim)?[^.]{0,40}?\b(?:invalid|not valid|did not match|does not match|doesn't match|do not match|mismatch(?:ed)?|is incorrect|not (?:accepted|allowed|expected))\b/,
	),
	s(
		'api-invalid-audience',
		7,
		/(?:required )?audience (?:claim )?is missing|token has no audience|no audience (?:claim )?(?:in|was found)/,
	),
	s('api-invalid-audience', 5, /\b(?:wrong|incorrect|unexpected|bad|mismatched|unknown) (?:token )?audience/),
	// authlib 'invalid claim "aud"', Nimbus 'JWT audience rejected', services 'not valid for this resource'.
	s('api-invalid-audience', 8, /invalid claim:? ["']?aud\b|\baudience rejected\b/),
	s(
		'api-invalid-audience',
		8,
		/\b(?:token|jwt)\b[^.]{0,30}\bnot (?:intended|issued|meant|minted) for (?:this|the) (?:resource|api|service|application|audience)/,
	),
	s(
		'api-invalid-audience',
		6,
		/\b(?:issued|minted|obtained|requested|meant|intended) for (?:a |an )?(?:different|another|other|wrong) (?:resource|api|service|audience|application)|\btoken\b[^.]{0,40}\b(?:is|was) for (?:the |a |an )?(?:wrong|different|another|other|incorrect) (?:resource|audience|api|service|application)\b/,
	),
	s(
		'api-invalid-audience',
		6,
		/\b(?:token|authentication) is not valid for (?:this|the requested) (?:resource|api|audience)/,
	),
	s('api-invalid-audience', 5, /id[ _]token[^.]{0,40}(?:instead of|as) an? access[ _]token/),
	s('api-invalid-audience', 3, /access token validation failure/),
	// App Service authentication (Easy Auth) answering a bearer token it does not accept (its allowed audiences).
	s('api-invalid-audience', 5, /\b401\b[^.]{0,80}you do not have permission to view this directory or page/),

	// No usable sign-in in the developer tool a credential borrows (Azure CLI, azd, Azure PowerShell,
	// VS Code), or the tool missing: 'not logged in', 'run <the tool's login command>', 'not found'.
	s(
		'cli-not-logged-in',
		9,
		/run ["'`]?(?:az login|connect-azaccount)["'`]? to set ?up (?:your |an |the )?(?:azure )?(?:account|credentials)/,
	),
	remedy(s('cli-not-logged-in', 8, /please run ["'`«]? ?az login ?["'`»]?(?! --scope)/)),
	s(
		'cli-not-logged-in',
		8,
		/azure (?:developer )?cli (?:is )?(?:not found|could not be found|is not installed|not installed|was not found|isn't installed)|azure cli not found on path/,
	),
	s(
		'cli-not-logged-in',
		8,
		/(?:azureclicredential|azuredeveloperclicredential|azurepowershellcredential|visualstudiocodecredential) authentication unavailable/,
	),
	// Any Az cmdlet missing (the Az modules not installed or not imported), in any language: PowerShell's
	// CategoryInfo line ('ObjectNotFound: (New-AzResourceGroup:String) [], CommandNotFoundException') is never translated.
	s(
		'cli-not-logged-in',
		7,
		/'[a-z]+-az(?!uread)[a-z]*' is not recognized|objectnotfound: \((?:[a-z]+-az(?!uread)[a-z]*|az|azd):string\) \[\], commandnotfoundexception/,
	),
	s(
		'cli-not-logged-in',
		8,
		/'(?:az|azd|connect-az(?:urerm)?account|login-az(?:urerm)?account|get-azaccesstoken)' is not recognized|\baz: (?:command )?not found|az: no such file|exec: "az": executable file not found|\bazd: (?:command )?not found/,
	),
	remedy(
		s('cli-not-logged-in', 8, /(?:please )?run ["'`]?azd (?:auth )?login|azd auth login|not logged in, run ["'`]?azd/),
	),
	s(
		'cli-not-logged-in',
		6,
		/(?:azure ?cli ?credential|azurecli|azure ?developer ?cli ?credential|azure ?powershell ?credential)[^.]{0,60}(?:unavailable|not found|not logged in|please run|not installed|failed)/,
	),
	remedy(
		s(
			'cli-not-logged-in',
			7,
			/run ["'`]?(?:connect|login|add)-az(?:urerm)?account["'`]?|(?:connect|login)-az(?:urerm)?account to (?:log ?in|sign ?in)|please (?:log ?in|sign ?in) with az login/,
		),
	),
	s(
		'cli-not-logged-in',
		8,
		/credentials have not been set up or have expired|az\.accounts?(?: module)?(?: >= ?[\d.]+)?(?: module)? (?:is not|isn't|was not|not) (?:installed|loaded)|module 'az\.accounts'[^.]{0,40}was not loaded|powershell is not installed/,
	),
	// 'not logged in' is the family's meaning; next to a tool's name it is the tool's own sign-in.
	s(
		'cli-not-logged-in',
		6,
		/\b(?:not|no longer|never) (?:logged|signed) (?:in|on)\b|you have logged out|no account (?:is |was )?(?:logged|signed) in/,
	),
	s(
		'cli-not-logged-in',
		8,
		/(?:not|no longer) (?:logged|signed) in(?: to| with| into)? (?:the )?(?:azure|az\b|azd|cli|powershell)|\b(?:azure|cli|azd|az)\b[^.]{0,30}\bis not logged in/,
	),
	s(
		'cli-not-logged-in',
		6,
		/\baz cli login failed|azure cli login failed|\blogin failed\. please check the credentials/,
	),
	s(
		'cli-not-logged-in',
		8,
		/azure cli authori[sz]ation profile was not found|(?:then |and )?log-?in with ["'`]?az login\b/,
	),
	remedy(
		s(
			'cli-not-logged-in',
			6,
			/(?:please )?(?:log ?in|sign ?in) (?:using|with|via) ["'`]?(?:connect|login|add)-az(?:urerm)?account|(?:log ?in|sign ?in|logged in) (?:with|using|via|to) (?:the )?(?:azure cli|az cli|azure powershell|az login)/,
		),
	),
	s('cli-not-logged-in', 7, /no account (?:was )?found in the (?:context|cache)|no accounts were found in the cache/),
	// The Azure account of an editor (VS Code, Azure Data Studio, IntelliJ) can no longer hand out tokens.
	s(
		'cli-not-logged-in',
		7,
		/(?:failed|unable) to refresh (?:the |your )?azure account(?:'s)? tokens?|\bcannot get azure manager\b/,
	),
	// The Azure CLI's own sign-in files missing or unreadable ('Are you logged in Azure CLI?').
	s(
		'cli-not-logged-in',
		8,
		/\bare you (?:logged|signed) in(?: to| with| into| in)? (?:the )?(?:azure cli|az)\b|(?:cannot|can't|could not|couldn't|unable to|failed to) (?:read|find|load|open)[^.]{0,60}\b(?:azureprofile|accesstokens|msal_token_cache)\.(?:json|bin)\b/,
	),
	s('cli-not-logged-in', 8, /does not exist in (?:the )?msal token cache|interactive authentication is needed/),
	// The tool's saved account has no token any more (MSAL cache, the Windows broker).
	s(
		'cli-not-logged-in',
		8,
		/(?:can't|cannot|could not|couldn't|unable to) find (?:a |the |any )?(?:token|account|wam account)s? (?:in|from|for) (?:the )?(?:msal|wam|selected user|token cache)/,
	),
	// The credential quoting the CLI's own error ('AzureCLICredential: ERROR: …') is the CLI failing.
	s('cli-not-logged-in', 9, /azure ?cli ?credential: error:/),
	s(
		'cli-not-logged-in',
		7,
		/azure (?:cli|powershell|developer cli) authentication (?:timed out|failed)|failed to invoke (?:the )?(?:azure cli|azure powershell|powershell)|authenticating using the azure cli is only supported as a user/,
	),
	s(
		'cli-not-logged-in',
		6,
		/(?:from|waiting for|result from|running|invoking|launching) (?:the )?azure cli\b[^.]{0,40}(?:exit status [1-9]|failed|error)/,
	),
	remedy(s('cli-not-logged-in', 6, /\brun ["'`]?az login["'`]?(?! --scope)(?:[ .,;:)!]|$)/)),
	// Every way of saying 'sign in with the tool first': run/try/use/need to … az login (not --identity, MI).
	remedy(
		s(
			'cli-not-logged-in',
			6,
			/\b(?:running|try|trying|use|using|via|with|by|after|need to (?:run )?|must (?:run )?|make sure (?:you )?(?:have )?(?:run )?|ensure (?:you )?(?:have )?(?:run )?)\s?["'`]?az login\b(?! --identity)(?! -i\b)/,
		),
	),
	s(
		'cli-not-logged-in',
		8,
		/must be (?:logged|signed) ?(?:in|into|on)(?: to| with| into)? (?:the )?(?:azure\b|azure cli|az\b|azd)/,
	),
	s(
		'cli-not-logged-in',
		7,
		/session (?:has )?expired[^.]{0,40}(?:az login|azd auth login|connect-azaccount|log ?in again|sign ?in again)/,
	),
	s(
		'cli-not-logged-in',
		6,
		/\bno (?:azure |signed-in |logged-in )?accounts? (?:were |was |is )?(?:found|signed in|logged in)\b/,
	),
	s(
		'cli-not-logged-in',
		6,
		/\baz cli (?:is )?(?:not found|not installed|could not be found)|\blogin failed with error\b/,
	),
	// Languages that put the verb last ('az login' を実行, Connect-AzAccount を実行) read 'az login run' once glossed.
	remedy(
		s(
			'cli-not-logged-in',
			7,
			/\b(?:az login|azd (?:auth )?login|azure login|(?:connect|login)-az(?:urerm)?account) ?["'`»」]? ?(?:run|execute)\b/,
		),
	),
	s(
		'cli-not-logged-in',
		7,
		/failed to read vs code credentials|(?:authenticate via|log ?in with|sign ?in (?:to|with)) (?:the )?azure (?:tools|account|toolkit)\b|\bazure: sign in\b|intellij authentication not available/,
	),
	s('cli-not-logged-in', 6, /\b(?:az|azure cli|az\.accounts)\b[^.]{0,80}\binstalled and (?:logged|signed) in\b/),
	s(
		'cli-not-logged-in',
		5,
		/could not configure azurecli authorizer|obtaining authori[sz]ation token from the azure cli/,
	),
	// The sign-in commands of the Azure tools' older generations: the Node.js 'azure login' (2015-17),
	// AzureRM's Login-/Add-/Connect-AzureRmAccount.
	remedy(
		s(
			'cli-not-logged-in',
			7,
			/(?:\brun|\bexecute|\btry|\buse|\bcall|\bplease|\bwith|\bvia|\busing|\bby)\W{0,3}(?:azure login|login-az(?:urerm)?account|add-azurermaccount|connect-azurermaccount)\b/,
		),
	),
	// A sign-in command given as the way to authenticate ('Run the command below to authenticate
	// interactively: az logout az login'): weak alone, below what another family's evidence outweighs.
	remedy(
		s(
			'cli-not-logged-in',
			5,
			/\b(?:re-?)?authenticat\w*\b[^.]{0,80}\b(?:az login|azd auth login|connect-azaccount)\b(?! ?--identity)(?! -i\b)/,
		),
	),
	// Visual Studio's sign-in is its 'Azure Service Authentication' options page, given as the remedy.
	remedy(
		s(
			'cli-not-logged-in',
			6,
			/\btools ?-> ?(?:options ?-> ?)?azure services? authentication\b|\bre-?authenticate[^.]{0,40}\bazure services? authentication\b/,
		),
	),
	// The tool's own token cache holds nothing usable: its sign-in is gone.
	s(
		'cli-not-logged-in',
		8,
		/(?:could ?n[o']t|can(?:not|'t| not)|unable to|failed to) (?:retrieve|find|get|load|read|acquire) (?:a |the |any |your )?(?:user |cached |valid )?(?:access )?(?:tokens?|accounts?|credentials?) (?:from|in) (?:the )?(?:local |msal |token |credential |shared )?(?:token )?cache/,
	),

	// No managed identity here: no endpoint (IMDS, App Service, Arc, pod identity), the endpoint not
	// answering, or the identity not assigned to this resource.
	s('managed-identity-unavailable', 9, /managedidentitycredential authentication unavailable/),
	s(
		'managed-identity-unavailable',
		9,
		/no managed identity endpoint|(?:has not been|hasn't been|is not|isn't|was not|wasn't) assigned to this resource/,
	),
	s(
		'managed-identity-unavailable',
		7,
		/managedidentitycredential(?:\.get_?token)?[^.]{0,60}(?:failed|unavailable|error|unable|timed out|unreachable|no response|not available)|imdscredential|managedidentityauthorizer|\[managed identity\][^.]{0,40}(?:unavailable|failed)/,
	),
	s(
		'managed-identity-unavailable',
		7,
		/\b(?:imds|instance metadata service|himds|hybrid instance metadata)\b[^.]{0,60}(?:timed? ?out|no response|failed|unreachable|not (?:available|reachable|found)|unavailable|retries|cannot be (?:reached|established))/,
	),
	s(
		'managed-identity-unavailable',
		6,
		/(?:failed to (?:reach|connect to|contact)|unable to (?:reach|connect to|contact)|cannot (?:reach|connect to|access)|no response (?:from|received from))(?: the)? (?:imds|instance metadata|hybrid instance metadata|himds|managed identity)/,
	),
	s(
		'managed-identity-unavailable',
		7,
		/managed identity[^.]{0,60}(?:not (?:found|enabled|assigned|available|configured)|unavailable|is disabled)/,
	),
	s(
		'managed-identity-unavailable',
		6,
		/(?:\bno\b|unavailable|not found|unable to (?:load|use|get)|failed to (?:load|get|obtain|acquire)|(?:could not|couldn't|cannot|can't) find)[^.]{0,30}managed identity/,
	),
	s('managed-identity-unavailable', 6, /\bidentity not found\b/),
	// The identity endpoint (IMDS, Arc's himds) answering a request it cannot serve with the versions it knows.
	s('managed-identity-unavailable', 6, /\bapi-version (?:was )?not specified\. supported are \d{4}-\d\d-\d\d\b/),
	// Workload identity's projected token file not there (the webhook did not inject it, the path is unset).
	s(
		'managed-identity-unavailable',
		6,
		/\bno (?:federated )?token ?file\b|\b(?:federated )?token ?file(?: ?path)?\b[^.]{0,40}\b(?:not (?:specified|found|set|provided)|does(?:n't| not) exist|is empty|is missing)|azure_federated_token_file\b[^.]{0,60}\b(?:not set|empty|missing|not found|no such file)/,
	),
	// The resource itself has none ('the VM does not have a managed identity'), said right before it.
	s(
		'managed-identity-unavailable',
		7,
		/(?:(?:does|did)(?:n't| not) have|has no|without) (?:an? |any )?(?:(?:system|user)[- ]assigned )?managed identit(?:y|ies)\b/,
	),
	s('managed-identity-unavailable', 7, /managed service (?:identity|principal)/),
	s(
		'managed-identity-unavailable',
		9,
		/no msi found|\bmsi (?:endpoint |token )?(?:is )?not (?:available|found|configured)|(?:could not|failed to) (?:retrieve|get|obtain|fetch|acquire) (?:an? )?msi token/,
	),
	s('managed-identity-unavailable', 8, /failed to connect to msi/),
	s(
		'managed-identity-unavailable',
		8,
		/managed_identity_(?:unreachable_network|request_failed|failed_response|invalid_response|timeout)|managedidentityerror/,
	),
	s(
		'managed-identity-unavailable',
		8,
		/(?:failed|unable) to (?:acquire|get|obtain|retrieve|fetch) (?:an? )?(?:access )?token (?:using|from|with|via) (?:the )?(?:msi|managed (?:service )?identity|imds|instance metadata)/,
	),
	s(
		'managed-identity-unavailable',
		7,
		/token_from_imds|imds_with_retry|imdsmanagedidentitysource|managedidentityclient[^.]{0,40}(?:failed|error)/,
	),
	// A managed identity credential in the trace of a failure is the credential that failed.
	s('managed-identity-unavailable', 5, /managedidentitycredential|managedidentitysource/),
	s(
		'managed-identity-unavailable',
		6,
		/managedidentitycredential[\s\S]{0,600}?(?:taskcanceledexception|operation was canceled|timed out|not in the expected format)/,
	),
	s(
		'managed-identity-unavailable',
		7,
		/managed identity (?:response|endpoint)[^.]{0,60}(?:not in the expected format|indicat\w* there's no available identity|not available|unreachable|yet no tokens)/,
	),
	s(
		'managed-identity-unavailable',
		8,
		/no (?:user[- ]assigned |system[- ]assigned |or |delegated )*managed identity (?:was )?found|unable to load the proper managed identity|no identity (?:has been |is )?assigned to this resource/,
	),
	s(
		'managed-identity-unavailable',
		6,
		/managed identity[^.]{0,60}(?:not (?:reachable|responding)|timed? ?out|no response)/,
	),
	s(
		'managed-identity-unavailable',
		8,
		/assigned identities for pod|azureassignedidentit|no azureidentity|\bnmi\b[^.]{0,60}(?:failed|error|no identity)|aad-pod-identity[^.]{0,60}(?:failed|error)/,
	),
	s(
		'managed-identity-unavailable',
		7,
		/(?:identity|msi)_(?:endpoint|header|secret)\b[^.]{0,60}(?:not set|missing|not (?:found|defined|present))/,
	),
	s('managed-identity-unavailable', 5, /169\.254\.169\.254|identity_endpoint|msi_endpoint|metadata\/identity\/oauth2/),
	s(
		'managed-identity-unavailable',
		8,
		/169\.254\.169\.254[^\n]{0,80}?(?:timeout|timed out|refused|unreachable|no route to host|deadline exceeded)/,
	),
	s(
		'managed-identity-unavailable',
		7,
		/(?:failed|unable) to [^.]{0,30}\b(?:from|to|via|reach|contact) (?:the )?imds\b/,
	),
	s('managed-identity-unavailable', 3, /managed identity|\bmsi\b|aad-pod-identity/),
	// The command asked for the managed identity ('az login --identity', 'Connect-AzAccount -Identity',
	// azcopy, kubelogin or Terraform/Pulumi 'use MSI'): whatever else fails, that identity is what is missing.
	s('managed-identity-unavailable', 5, miMethod),

	// AADSTS errors by meaning, for pastes that lost the code (translated pages, retyped titles): the
	// Conditional Access block page, and an account that is not a guest of the tenant ('must be
	// added as an external user' is 90072's wording, 'needs to be' 50020's).
	s(
		'aadsts-53003',
		7,
		/(?:cannot|can't|can not) access (?:this|that|the)(?: [a-z]+)? right now|right now[^.]{0,20}\bcannot access\b|\bcannot access\b[^.]{0,20}\bright now|(?:does not|doesn't) meet the criteria\b|criteria[^.]{0,20}\bdoes not meet\b|polic(?:y|ies)[^.]{0,30}\bdoes not meet\b|(?:does not|doesn't) (?:meet|satisfy) [^.]{0,40}\bpolic(?:y|ies)\b/,
	),
	// AADSTS7000112's own sentence ('Application '{id}'({name}) is disabled.') when the code was lost.
	s('aadsts-7000112', 7, /\bapplication '[^']{1,120}' ?\([^)]{0,120}\) (?:is )?disabled\b/),
	s('aadsts-90072', 8, /\bmust\b[^.]{0,60}\bexternal user\b|\bexternal user\b[^.]{0,40}\bmust\b/),
	s(
		'aadsts-50020',
		7,
		/(?:does not|doesn't) exist in (?:the )?tenant[\s\S]{0,300}?\bexternal user\b|\btenant\b[^.]{0,60}\bdoes not exist\b[\s\S]{0,300}?\bexternal user\b/,
	),

	// Every credential of a chain failed.
	s(
		'credential-chain-failed',
		12,
		/defaultazurecredential:? failed to (?:retrieve|acquire|get) a token|failed to retrieve a token from the included credentials/,
	),
	s('credential-chain-failed', 12, /chainedtokencredential authentication failed/),
	s(
		'credential-chain-failed',
		11,
		/chainedtokencredential:? failed to (?:retrieve|acquire|get) a token|failed to acquire a token for any of them/,
	),
	s('credential-chain-failed', 5, /attempted credential\b/),
	// Microsoft.Azure.Services.AppAuthentication (before Azure.Identity): the same chain, in its words.
	s(
		'credential-chain-failed',
		11,
		/tried (?:the following )?\d+ (?:methods|credentials|ways|providers)[^.]{0,80}none of them (?:worked|succeeded)/,
	),
	// '… failed due to an unhandled exception: <credential's error>' means the chain stopped at that
	// credential instead of trying every one: the credential's own failure names the family.
	unless(
		s(
			'credential-chain-failed',
			9,
			/defaultazurecredential[^.]{0,60}(?:failed|unavailable|error)|aggregateauthenticationerror/,
		),
		/failed due to an unhandled exception:/,
	),
	s('credential-chain-failed', 6, /attempted credentials/),
	s('credential-chain-failed', 8, /multiple errors were encountered while attempting to authenticate/),
	s(
		'credential-chain-failed',
		5,
		/environmentcredential authentication unavailable|environment variables are not fully configured/,
	),
];

/** The credentials of the Azure SDKs' chains (DefaultAzureCredential and the like), lower case. */
const chainCredentials: ReadonlyArray<readonly [string, RegExp]> = [
	['environment', /environment ?credential/],
	['workload', /workload ?identity ?credential/],
	[
		'managed',
		/managed ?identity ?credential|managed identity[^.]{0,30}(?:timed out|unavailable|failed)|token using managed service identity/,
	],
	['cache', /shared ?token ?cache ?credential/],
	['vs', /visual ?studio ?credential|token using visual studio/],
	['vscode', /visual ?studio ?code ?credential/],
	[
		'cli',
		/azure ?cli ?credential|credential from azure cli|azure cli[^.]{0,30}(?:not found|failed|error)|token using azure cli/,
	],
	['azd', /azure ?developer ?cli ?credential/],
	['powershell', /azure ?powershell ?credential/],
	['browser', /interactive ?browser ?credential/],
	['intellij', /intellij ?credential/],
	['broker', /broker ?credential/],
];

/**
Signals that are counts rather than one phrase: a text naming three or more different credentials
is a chain that tried each of them, even when the chain's own first line was cut off.
*/
export function derivedSignals(lower: string): Array<{signal: Signal; index: number; length: number}> {
	if (!lower.includes('credential')) return [];
	let count = 0;
	let first = Number.POSITIVE_INFINITY;
	for (const [, pattern] of chainCredentials) {
		const match = pattern.exec(lower);
		if (!match) continue;
		count++;
		first = Math.min(first, match.index);
	}

	return count >= 3
		? [{signal: {family: 'credential-chain-failed', weight: 9, pattern: /credential/}, index: first, length: 30}]
		: [];
}

/**
Relations: two things said about the same subject in one sentence, in either order and within a
few words, as every tool phrases its failure differently ('failed to reach IMDS', 'IMDS did not
respond', 'Access token could not be acquired from IMDS'). Each side is one alternation of plain
words, matched once over the text (linear); pairs are found by walking both position lists.
- the managed identity endpoint (IMDS, MSI, 169.254.169.254, IDENTITY_ENDPOINT) and a failure (not
  a 403 or a bare 'error': an identity refused by a service lacks a role, its endpoint is fine);
- a managed identity sign-in method ('az login --identity', use MSI) and a failure;
- a developer tool's credential (AzureCliCredential, VisualStudioCredential, …) and a failure, or
  the local system denying it its own files (a service account's profile: 'Access is denied', EACCES);
- a developer tool (Azure CLI, azd, Azure PowerShell, VS Code, Visual Studio) and 'not signed in'
  in any of its forms (no account, credentials not found, needs to re-authenticate, session expired),
  or a token it could not hand over ('unable to retrieve Azure CLI token', 'exit status 1');
- a token's audience (aud) and its rejection (invalid, mismatch, not accepted, empty, rejects, a
  token that 'does not have a valid' one, …), unless the
  audience is ARM's (its own family);
- what a token was issued for set against what the API expects ('aud is X but the API expects Y',
  'issued for Graph, not for my API'), unless the text is about tenants or ARM.
*/
export type Relation = {
	readonly family: string;
	readonly weight: number;
	readonly subject: RegExp;
	readonly predicate: RegExp;
	/** Greatest distance in characters between the two, in either order. */
	readonly window: number;
	/** Counter-evidence: when this matches anywhere in the text, the relation does not count. */
	readonly unless?: RegExp;
};

const failure =
	/\b(?:fail(?:ed|s|ure|ing)?|unable|could ?n[o']t|can(?:not|'t| not)|unavailable|unreachable|not (?:available|found|reachable|responding|enabled|assigned|configured|detected|supported)|timed? ?out|timeout|refused|no response|no route|no (?:default |user[- ]assigned |system[- ]assigned |managed )?identity (?:has been |is |was )?(?:assigned|found|available)|network is unreachable|host is down|ehostdown|ehostunreach|etimedout|econnrefused|forbidden by its access permissions|bad request|internal server error|http ?error|unsupportedapiversion|does not support the api version|did(?:n't| not) (?:get|receive|obtain) (?:the |a |an )?(?:access )?token|400|404|500|502|503|504)\b/g;

/** The local system refusing the tool its files (not a service refusing a role). */
const localDenial =
	/\b(?:permissionerror|permission denied|access (?:to the path [^.]{0,120} )?is denied|errno 13|winerror 5|eacces)\b/g;

const managedIdentityEndpoint =
	/\b(?:imds|instance metadata(?: service)?|himds|managed ?identity(?: ?credential| endpoint| source)?|(?:user|system)[- ]assigned (?:managed )?identit(?:y|ies)|managed service identity|(?<!installer: )msi(?: endpoint| token)?|identity[_ ]endpoint|msi[_ ]endpoint|metadata\/identity)\b|169\.254\.169\.254|localhost:40342|(?:localhost|127\.0\.0\.1):(?:\d{2,5}\/msi\b|42356\b)/g;

const developerCredential =
	/\b(?:azure ?cli ?credential|azure ?developer ?cli ?credential|azure ?powershell ?credential|visual ?studio ?(?:code ?)?credential|vs ?code ?credential|intellij ?credential|shared ?token ?cache ?credential|asal\.tokenservice|visual studio token provider|azure services? authentication)\b|tried to get token using (?:visual studio|azure cli)/g;

const developerTool =
	/\b(?:az(?:ure)?[ _-]?cli|az|azd|azure developer cli|azure powershell|az\.accounts|powershell|visual studio(?: code)?|vs ?code|azure account(?: extension)?|azure tools?|azure toolkit|intellij|developer tool|azure login|azure services? authentication|cli)\b/g;

const notSignedIn =
	/\b(?:not (?:logged|signed|authenticated)(?: in| on)?|no longer (?:logged|signed) in|no (?:valid |usable |active |signed-in |logged-in |cached |stored )?(?:accounts?|credentials?|logins?|sign-?ins?|sessions?|access tokens?)\b|(?:credentials?|accounts?|logins?|sessions?|sign-?ins?) (?:were |was |is |are |have |has )?(?:not found|missing|expired|not valid|no longer valid|not set up)|needs? (?:to )?(?:re-?)?(?:authenticat\w*|sign ?in|log ?in)|re-?authenticat\w* (?:is )?(?:required|needed)|needs re-?authentication|(?:sign|log) ?in (?:again|first|is required|required|needed)|login (?:is )?(?:required|expired|needed)|session (?:has )?expired|(?:don't|do not|doesn't) have a valid (?:access )?token|could ?n[o']t retrieve (?:the |a )?(?:user )?token)/g;

/** An Azure developer tool by its name (not a bare 'cli' or 'powershell'), or its token command. */
const namedTool =
	/\b(?:az(?:ure)?[ _-]?cli|az|azd|azure developer cli|azure powershell|az\.accounts|visual studio(?: code)?|vs ?code|azure account extension|intellij|get-azaccesstoken)\b/g;

/** A token the tool could not hand over. */
const tokenNotObtained =
	/\b(?:(?:unable|failed) to|could ?n[o']t|can(?:not|'t| not)) (?:get|retrieve|obtain|acquire|fetch|refresh|read) (?:an? |the |any |its |your )?(?:access |bearer |user |cli )?tokens?\b|\b(?:unable|failed) to (?:get|retrieve|read|obtain) (?:the )?(?:azure )?(?:user|account) (?:details|info(?:rmation)?)\b|\btoken (?:request|acquisition|retrieval) (?:has )?failed\b|\bexit (?:status|code):? [1-9]\d*\b/g;

const audience = /\b(?:aud(?:ience)?s?|audience ?uri)\b/g;

const rejected =
	/\b(?:invalid|not valid|reject(?:s|ed|ing)?|refus(?:es|ed|ing)|mismatch(?:ed)?|(?:does|did|do)(?:n't| not) match|no match|incorrect|wrong|unexpected|unknown|not (?:allowed|accepted|expected|intended|supported|permitted|recogni[sz]ed)|empty|missing|absent|not the same)\b|\b(?:(?:does|did)(?:n't| not)|fails? to) (?:have|contain|carry|include|match)(?: an?| the| any)?(?: valid| correct| expected| required| matching| acceptable)?\b|\blacks? (?:an? |the )?(?:valid |correct |expected )?/g;

const armAudience =
	/management\.(?:azure\.com|core\.windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)|invalidauthenticationtokenaudience/;

/** What a token was issued for, set against what the service expects ('aud is X but the API expects Y'). */
const issuedFor = /\b(?:aud(?:ience)?|(?:issued|minted|obtained|requested|meant|intended) for)\b/g;
const contrasted = /\b(?:instead of|expect(?:s|ed|ing)?|not for|rather than|should be)\b/g;
const tenantOrArm = new RegExp(
	`${armAudience.source}|wrong issuer|invalidauthenticationtokentenant|associated with this subscription`,
);

export const relations: readonly Relation[] = [
	{family: 'managed-identity-unavailable', weight: 7, subject: managedIdentityEndpoint, predicate: failure, window: 80},
	{
		family: 'managed-identity-unavailable',
		weight: 7,
		subject: new RegExp(miMethod.source, 'g'),
		predicate: failure,
		window: 80,
	},
	{family: 'cli-not-logged-in', weight: 7, subject: developerCredential, predicate: failure, window: 100},
	// The tool could not even read its own profile (a service account's, a sandbox's): the exception
	// above the credential's stack frame.
	{family: 'cli-not-logged-in', weight: 6, subject: developerCredential, predicate: localDenial, window: 200},
	{family: 'cli-not-logged-in', weight: 7, subject: developerTool, predicate: notSignedIn, window: 80},
	{family: 'cli-not-logged-in', weight: 6, subject: namedTool, predicate: tokenNotObtained, window: 60},
	{family: 'api-invalid-audience', weight: 7, subject: audience, predicate: rejected, window: 60, unless: armAudience},
	{
		family: 'api-invalid-audience',
		weight: 6,
		subject: issuedFor,
		predicate: contrasted,
		window: 100,
		unless: tenantOrArm,
	},
];

/**
The words the relations are built of, by name: what a text speaks about (the managed identity
endpoint, a developer tool, an audience) and what it says of it (a failure, not signed in, rejected).
The learned classifier reads each as a feature of its own (features.ts), so it weighs them from the
labelled texts even where no relation holds (too far apart, across a sentence, in another order).
*/
export const concepts: Readonly<Record<string, RegExp>> = {
	managedIdentityEndpoint,
	managedIdentityMethod: new RegExp(miMethod.source, 'g'),
	developerCredential,
	developerTool,
	namedTool,
	audience,
	issuedFor,
	failure,
	localDenial,
	notSignedIn,
	tokenNotObtained,
	rejected,
	contrasted,
	armAudience: new RegExp(armAudience.source, 'g'),
	tenantOrArm: new RegExp(tenantOrArm.source, 'g'),
};

/** The most positions of one side a relation reads: bounded work on megabyte pastes. */
const maxPositions = 400;

type Span = {start: number; end: number};

function spansOf(pattern: RegExp, text: string): Span[] {
	const spans: Span[] = [];
	pattern.lastIndex = 0;
	for (let match = pattern.exec(text); match && spans.length < maxPositions; match = pattern.exec(text)) {
		spans.push({start: match.index, end: match.index + match[0].length});
		if (match[0].length === 0) pattern.lastIndex++;
	}

	return spans;
}

/** Positions of sentence ends ('. ', '! ', '? ', end of text): relations do not cross them. */
function sentenceEnds(text: string): number[] {
	const ends: number[] = [];
	const pattern = /[.!?](?= |$)/g;
	for (let match = pattern.exec(text); match; match = pattern.exec(text)) ends.push(match.index);
	return ends;
}

/** Whether a sentence end lies between two positions (binary search over the sorted ends). */
function crossesSentence(ends: readonly number[], from: number, to: number): boolean {
	let low = 0;
	let high = ends.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (ends[middle]! < from) low = middle + 1;
		else high = middle;
	}

	return low < ends.length && ends[low]! < to;
}

/** The relations that hold in the text, each at the first place it holds. */
export function relationSignals(lower: string): Array<{signal: Signal; index: number; length: number}> {
	let ends: number[] | undefined;
	const found: Array<{signal: Signal; index: number; length: number}> = [];
	for (const relation of relations) {
		if (relation.unless?.test(lower)) continue;
		const subjects = spansOf(relation.subject, lower);
		if (subjects.length === 0) continue;
		const predicates = spansOf(relation.predicate, lower);
		if (predicates.length === 0) continue;
		ends ??= sentenceEnds(lower);
		let best: Span | undefined;
		let next = 0;
		for (const subject of subjects) {
			// Predicates are sorted: skip those ending too far before this subject.
			while (next < predicates.length && predicates[next]!.end < subject.start - relation.window) next++;
			for (let at = next; at < predicates.length; at++) {
				const predicate = predicates[at]!;
				if (predicate.start > subject.end + relation.window) break;
				const from = Math.min(subject.start, predicate.start);
				const to = Math.max(subject.end, predicate.end);
				if (crossesSentence(ends, from, to - 1)) continue;
				best = {start: from, end: to};
				break;
			}

			if (best) break;
		}

		if (best)
			found.push({
				signal: {family: relation.family, weight: relation.weight, pattern: relation.subject},
				index: best.start,
				length: best.end - best.start,
			});
	}

	return found;
}

/**
Whether the sentence around `index` enumerates several alternative causes ('missing, invalid,
audience is incorrect, or have expired'): such a message names none of them, so a family's wording
inside it is weak evidence.
*/
export function enumeratesCauses(lower: string, index: number): boolean {
	const before = lower.lastIndexOf('. ', index);
	const start = Math.max(before === -1 ? 0 : before, index - 300);
	const after = lower.indexOf('. ', index);
	const end = Math.min(after === -1 ? lower.length : after, index + 300);
	const sentence = lower.slice(start, end);
	if (!/\bor\b/.test(sentence)) return false;
	let kinds = 0;
	for (const kind of [/\bmissing\b/, /\binvalid\b|\bnot valid\b/, /\bexpired?\b/, /\bincorrect\b|\bwrong\b/])
		if (kind.test(sentence)) kinds++;
	return kinds >= 3;
}

/**
The connection to a sign-in endpoint failing (DNS, a proxy, TLS interception, a timeout), or the tool
crashing on its own state (an unreadable token cache, a missing keyring): no sign-in was asked for,
so none is missing.
*/
const transportOrCrash =
	/max retries exceeded|connecttimeout|connection (?:timed out|reset|aborted)|readtimeout|sslerror|certificate[_ ]verify[_ ]failed|self[- ]signed certificate|unable to (?:get local issuer|verify the first) certificate|\bx509: |getaddrinfo|\benotfound\b|\beai_again\b|\beconnreset\b|\beconnrefused\b|name or service not known|temporary failure in name resolution|no such host|proxyerror|tunnel connection failed|proxy authentication required|winerror 100(?:51|60|61)\b|is not a function|cannot autolaunch d-bus|expecting value: line 1 column 1|key not valid for use in specified state|winerror -2146893813|\bcloud '[^']{1,40}' is not registered/;

/** A text that says the tool has no sign-in or advises one, whatever else went wrong (then the transport is no counter-evidence). */
const statesNoSignIn =
	/not (?:logged|signed) in|(?:run|use|try|execute|please|with)\W{1,3}(?:az login|connect-azaccount|azd auth login)\b|authentication unavailable|credentialunavailable|no (?:accounts?|subscriptions?) (?:were |was )?found|is not recognized/;

/** Counter-evidence is asked whether it holds for a text (lower case). */
export type Counter = {readonly test: (lower: string) => boolean};

/**
What rules a family out: a token 'missing an expiration time' (IDX10225) is not an expired one, and
'logging in through command line is not supported' is the CLI refusing a way of signing in, not a
missing sign-in. When this holds, the family is not claimed, whatever else matched.
*/
export const counterEvidence: Readonly<Record<string, Counter>> = {
	'token-expired': /missing an expiration time|\bidx10225\b|no expiration time/,
	// The Azure CLI refusing a user name and password sign-in (a personal account, MFA) is no missing
	// sign-in; nor is a connection or a local crash that failed before any sign-in was asked for.
	'cli-not-logged-in': {
		test: lower =>
			/(?:logging|signing) in through (?:the )?command line is not supported/.test(lower) ||
			(transportOrCrash.test(lower) && !statesNoSignIn.test(lower)),
	},
	// A resource provider not registered for the subscription is no wrong or missing subscription.
	'subscription-context': /missingsubscriptionregistration|is not registered to use namespace/,
	// A managed identity endpoint that throttles the caller is there and answering.
	'managed-identity-unavailable': /\bthrottled\b|\btoo many requests\b/,
	// A 403 from a network rule (firewall, private link, public access off) is no missing role.
	'authorization-failed':
		/public network access is disabled|not from a trusted service|(?:via|through) an approved private link|client (?:ip )?address is not authori[sz]ed|(?:blocked|denied|rejected) by (?:the )?(?:firewall|network rules?|network acls?)\b|firewalls? (?:and|&) virtual networks/,
};

/**
Words that show an authentication failure of some kind. When only these match, the finding is
`other`: an auth failure outside every family.
*/
export const authFailureSignals: readonly RegExp[] = [
	/(?:status|http|code|error|response|returned)[^0-9a-z]{0,12}(?:code[^0-9a-z]{0,4})?401\b|\b401 unauthori[sz]ed|\(401\)/,
	/unauthori[sz]ed/,
	/authentication (?:failed|failure|error)|failed to authenticate|could not authenticate|authenticationfailed|invalidauthenticationinfo/,
	/invalid_token|invalid_grant|invalid_client|invalidauthenticationtoken/,
	/issuer validation failed|issuer[^.]{0,40}(?:is invalid|did not match|does not match|invalid)|invalid issuer/,
	/\bidx1\d{4}\b/,
	/www-authenticate/,
	/signature validation failed|invalid signature|signature is invalid/,
	/(?:access |bearer |the )token[^.]{0,40}(?:invalid|rejected|not valid|malformed)/,
	/must be logged in|asked for the client to provide credentials|(?:log(?:ging)? ?in|sign(?:ing)? ?in)[^.]{0,40}\bnot (?:supported|allowed)\b/,
	/sign-?in (?:failed|error)|login failed|token (?:request|acquisition) failed|failed to (?:acquire|get|obtain|retrieve) (?:a |an )?(?:access )?token/,
	/(?:could not|couldn't|unable to|cannot|can't|failed to) (?:fetch|acquire|get|obtain|retrieve|refresh|create) (?:an? |the )?(?:access |bearer |oauth |aad |entra |authentication )?token/,
	/credential:? [^.]{0,80}\b(?:are|is) (?:a )?required parameters?/,
	/\baadsts\b|\bmsal[a-z]*exception|\badal[a-z]*exception|\bentra id\b[^.]{0,40}(?:error|fail)|credentialunavailable|authenticationfailedexception|clientauthenticationerror/,
];
