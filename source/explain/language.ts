/**
Which language (or tool) a pasted error comes from, told by the text alone: a Python traceback, a
.NET exception or stack frame, Java's packages and frames, Go's azidentity and autorest, a Node.js
stack, a PowerShell error record, a Terraform error box, azd's and the Azure CLI's own messages, a
Bicep deployment. The fixes are then shown in that language (knowledge/code-fixes.ts).

Tools wrap one another: Terraform and azd run the Azure CLI, PowerShell runs .NET, an SDK quotes the
CLI's stderr. So cues come in tiers, and the outermost tool wins: the wrappers' own formats first,
then a crash inside the Azure CLI itself (its Python paths), then the SDKs' frames and exception
names, then the Azure CLI's messages. Within a tier, the language with more cues wins. A mere
mention (`run 'az login'`, `Connect-AzAccount` in an SDK's list of credentials) tells nothing: the
SDKs name every tool. A PowerShell record of a native command (`NativeCommandError`) only says that
PowerShell ran another program, so it does not count either.

Every pattern is linear (no nested or unbounded overlapping repetition), so megabyte pastes stay fast.
*/
import {type LanguageId, languageNames} from '../knowledge/languages.ts';

export type DetectedLanguage = {
	readonly id: LanguageId | 'unknown';
	/** As a sentence names it: 'Python (azure-identity)'. */
	readonly name: string;
	/** The excerpts of the text that told it (at most two, short). */
	readonly evidence: readonly string[];
};

/** 1: a wrapper's own format; 2: the Azure CLI's own crash; 3: an SDK's frames and names; 4: the Azure CLI's messages. */
type Tier = 1 | 2 | 3 | 4;

type Cue = {readonly language: LanguageId; readonly tier: Tier; readonly pattern: RegExp};

const cue = (language: LanguageId, tier: Tier, pattern: RegExp): Cue => ({language, tier, pattern});

/** A PowerShell cmdlet of the Azure, Graph, PnP or Entra modules at the start of an error line (`Connect-AzAccount: …`). */
const cmdletLine =
	/^[ \t]{0,8}(?:Get|Set|New|Remove|Connect|Disconnect|Invoke|Add|Update|Clear|Select|Import|Test|Start|Stop|Enable|Disable|Register|Grant|Revoke|Publish|Save|Resolve|Find|Install|Restart|Export|Initialize|Use)-(?:Az|Mg|PnP|AzureAD|AzureRm|Entra)\w{1,80} ?: /im;

const cues: readonly Cue[] = [
	// PowerShell error records (PowerShell 5 and 7) and Az.Accounts' own words.
	cue('powershell', 1, /^[ \t]{0,8}At (?:line:\d{1,6} char:\d{1,6}|[^\n]{1,300}:\d{1,6} char:\d{1,6})/m),
	cue('powershell', 1, /\bCategoryInfo {0,20}: /),
	cue('powershell', 1, /\bFullyQualifiedErrorId {0,20}: /),
	cue('powershell', 1, /\bInvocationInfo {0,20}: \{/),
	cue('powershell', 1, cmdletLine),
	cue('powershell', 1, /Your Azure credentials have not been set up or have expired/i),
	cue('powershell', 1, /The term '[\w-]{1,80}' is not recognized as (?:the|a) name of a cmdlet/i),
	cue('powershell', 1, /rerun\s{1,40}.Connect-AzAccount.\s{1,40}with\s{1,40}additional\s{1,40}parameter/i),
	cue('powershell', 1, /\b(?:Microsoft\.PowerShell\.\w|System\.Management\.Automation\.)/),
	// An exception as PowerShell lists it (Format-List: property names padded to a column of colons).
	cue('powershell', 1, /^(?:Message|Exception|InnerException|StackTrace|TargetSite|HResult) {2,20}: \S[^\n]{0,40}/m),
	// PowerShell's debug stream (-Debug); the Azure CLI's --debug names its logger first (`DEBUG: cli.…: `).
	cue('powershell', 1, /^DEBUG: (?![a-z][\w.]{0,80}: )[A-Z][^\n]{0,40}/m),
	// Terraform: the provider's address, the configuration's place, the azurerm provider's own errors.
	cue('terraform', 1, /provider\["registry\.terraform\.io\/[\w-]{1,60}\/[\w-]{1,60}"\]/),
	cue('terraform', 1, /\bon [\w./\\-]{1,200}\.tf line \d{1,6}/),
	cue('terraform', 1, /\bin provider "azure(?:rm|ad)"/),
	cue('terraform', 1, /\b(?:Error )?building (?:AzureRM|AzureAD) Client\b/i),
	cue('terraform', 1, /\bError building ARM Config\b/),
	cue('terraform', 1, /\bbuilding account: (?:could not acquire|unable to build authorizer)/),
	// TF_LOG lines and the provider prefix of Terraform 0.11's errors.
	cue('terraform', 1, /\[(?:DEBUG|TRACE|INFO|WARN|ERROR)\] provider\.terraform-provider-[\w-]{1,40}/),
	cue('terraform', 1, /^\s{0,8}\* provider\.azure(?:rm|ad): /m),
	// The Terraform providers' auth library (hashicorp/go-azure-sdk) around the credential it ran.
	cue('terraform', 1, /\bunable to build authorizer for [\w ]{1,40} API\b/),
	cue('terraform', 1, /\bcould not configure \w{1,40} ?Authorizer\b/),
	cue('terraform', 1, /\bdefault auth: azure-cli: /),
	// azd's own steps and files.
	cue('azd', 1, /\bplanning infrastructure provisioning\b/),
	cue('azd', 1, /\bfailed invoking (?:event handlers|action)\b/),
	cue('azd', 1, /reauthentication required, run .?azd auth login/),
	cue('azd', 1, /\b(?:Not logged in|Not authenticated)[.,]? {1,4}run:? {1,4}.?azd auth login/i),
	cue('azd', 1, /\.azure[\\/][\w.-]{1,80}[\\/]\.env\b/),
	cue('azd', 1, /\(x\) Failed: /),
	// Bicep and template deployments.
	cue('bicep', 1, /\bBCP\d{3}\b/),
	cue('bicep', 1, /[\w-]\.bicep\b/),
	cue('bicep', 1, /\baz deployment (?:group|sub|mg|tenant) (?:create|validate|what-if)\b/),
	// The Azure CLI's own code in a traceback.
	cue('azure-cli', 2, /\bazure[\\/.]cli[\\/.]core\b/),
	cue('azure-cli', 2, /\bazclierror\b/),
	cue('azure-cli', 2, /[\\/]azure[\\/]cli[\\/]/),
	cue('azure-cli', 2, /site-packages[\\/]knack[\\/]/),
	// Python.
	cue('python', 3, /Traceback \(most recent call last\)/),
	cue('python', 3, /File "[^"\n]{1,300}\.py"(?:, line \d{1,6})?/),
	cue('python', 3, /\bazure\.core\.exceptions\.\w{1,80}/),
	cue('python', 3, /\bazure\.identity\.(?:_\w{1,40}|aio)\b/),
	cue('python', 3, /\bClientAuthenticationError\b/),
	cue('python', 3, /aka\.ms\/azsdk\/python\//i),
	cue('python', 3, /site-packages[\\/]azure[\\/](?:identity|core|mgmt)\b/),
	cue('python', 3, /\b\w{1,60}Credential\.get_token(?:_info)?\b/),
	cue('python', 3, /failed to retrieve a token from the included credentials\.\s{0,20}Attempted credentials:/),
	// .NET.
	cue('dotnet', 3, /\bAzure\.(?:Identity|Core|RequestFailed)[\w.]{0,80}Exception\b/),
	cue('dotnet', 3, /^\s{0,20}at (?:Azure|Microsoft|System)\.[\w.`<>$]{1,200}\(/m),
	cue('dotnet', 3, /\bMicrosoft\.Identity\.Client\.\w{1,80}/),
	cue('dotnet', 3, /\bMicrosoft\.(?:Azure|WindowsAzure|Rest|Extensions|IdentityModel)\.[\w.]{1,120}Exception\b/),
	cue('dotnet', 3, /\bSystem\.(?:Threading\.Tasks\.|Net\.Http\.)?\w{0,60}Exception\b/),
	cue('dotnet', 3, /--- End of (?:inner exception )?stack trace/),
	cue('dotnet', 3, /\bUnhandled exception\. [\w.]{1,120}Exception\b/),
	// (The Java SDK's EnvironmentCredential message links .NET's environmentcredential page too: not a cue.)
	cue('dotnet', 3, /aka\.ms\/azsdk\/net\/(?!identity\/environmentcredential)/i),
	cue('dotnet', 3, /\bazsdk-net-/),
	cue('dotnet', 3, /\bCancellationToken cancellationToken\b/),
	cue('dotnet', 3, /\bClientOptions\.Retry(?:Policy|\.NetworkTimeout)?\b/),
	// Java.
	cue('java', 3, /\bcom\.azure\.[a-z]\w{0,40}\.[\w.$]{1,200}/),
	cue('java', 3, /\[com\.azu\.\w{1,20}\.\w{1,80}\]/),
	cue(
		'java',
		3,
		/\bat [a-z][\w$]{0,60}(?:\.[\w$<>]{1,80}){1,20}\((?:[\w$]{1,80}\.java:\d{1,6}|Native Method|Unknown Source)\)/,
	),
	cue('java', 3, /\bcom\.microsoft\.aad\.msal4j\b/),
	// Java's packages (not D-Bus error names such as org.freedesktop.DBus.Error…, which any language shows on Linux).
	cue(
		'java',
		3,
		/\b(?:com|org|io|net|java|javax|reactor)\.(?!freedesktop\.)[a-z]\w{0,40}\.[\w.$]{0,120}?(?:Exception|Error)\b/,
	),
	// log4j's default layout (Spark, Hadoop): `22/01/11 15:47:17 INFO SomeClass: …`.
	cue('java', 3, /^\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} (?:INFO|WARN|ERROR|DEBUG) [\w$.]{1,80}: /m),
	cue('java', 3, /aka\.ms\/(?:azsdk\/java\/|azure-identity-java)/i),
	// Go.
	cue('go', 3, /\bazidentity\b/),
	cue('go', 3, /\bautorest(?:\/azure)?: /),
	cue('go', 3, /\b\w{1,60}\.\w{1,60}Client#\w{1,60}: Failure (?:responding to|sending) request/),
	cue('go', 3, /DefaultAzureCredential: failed to acquire a token\./),
	cue('go', 3, /\bAzureCLICredential: /),
	cue('go', 3, /aka\.ms\/azsdk\/go\//i),
	cue('go', 3, /\bgoroutine \d{1,8} \[/),
	cue('go', 3, /FromAssertion\(\): http call/),
	// JavaScript (Node.js).
	cue('javascript', 3, /node_modules[\\/]@azure[\\/]/),
	cue('javascript', 3, /\.(?:[cm]?js|tsx?):\d{1,7}:\d{1,7}\)?\s*$/m),
	cue('javascript', 3, /\bAggregateAuthenticationError\b/),
	cue('javascript', 3, /\bazure:identity:(?:info|warning|error|verbose)\b/),
	cue('javascript', 3, /aka\.ms\/azsdk\/js\//i),
	cue('javascript', 3, /\bCredentialUnavailableError: \w{1,60}Credential is unavailable\b/),
	// The Azure CLI's messages (an SDK or a tool quoting its stderr still speaks its own language).
	cue('azure-cli', 4, /To re-authenticate, please run:/i),
	cue('azure-cli', 4, /Run the command below to authenticate interactively/i),
	cue('azure-cli', 4, /Please explicitly log in with:/i),
	cue('azure-cli', 4, /Can't find token from MSAL cache/i),
	cue('azure-cli', 4, /Failed to connect to MSI\. Please make sure MSI is configured correctly/i),
	cue('azure-cli', 4, /^ERROR: (?:AADSTS\d{1,9}|\(\w{1,80}\))/m),
	cue('azure-cli', 4, /ERROR: Please run 'az login' to setup account/),
];

/** PowerShell only ran another program: its record of that says nothing about the language of the error inside. */
const nativeCommand = /FullyQualifiedErrorId {0,20}: NativeCommandError|\bRemoteException\b/;

/** Terraform's error box, which normalising removes: looked for in the text as pasted. */
const terraformBox = /[│╷] {0,4}Error: /;

/** When two languages tie, the outer tool first, then the SDKs in a fixed order. */
const tieOrder: readonly LanguageId[] = [
	'powershell',
	'terraform',
	'azd',
	'bicep',
	'azure-cli',
	'dotnet',
	'java',
	'python',
	'javascript',
	'go',
];

const unknown: DetectedLanguage = {id: 'unknown', name: 'unknown', evidence: []};

function excerpt(match: string): string {
	const line = match.trim().replace(/\s+/g, ' ');
	return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/**
The language of a pasted error. `text` is the normalised paste (escapes undone, secrets redacted:
explain/normalize.ts); `raw`, when given, the paste as it came, for what normalising removes
(Terraform's box drawing). Never throws.
*/
export function detectLanguage(text: string, raw?: string): DetectedLanguage {
	const native = nativeCommand.test(text);
	type Tally = {tier: Tier; count: number; evidence: string[]};
	const tallies = new Map<LanguageId, Tally>();
	const found = (language: LanguageId, tier: Tier, match: string) => {
		const tally = tallies.get(language);
		if (!tally || tier < tally.tier) {
			tallies.set(language, {tier, count: 1, evidence: [excerpt(match)]});
			return;
		}

		if (tier > tally.tier) return;
		tally.count++;
		const shown = excerpt(match);
		if (tally.evidence.length < 2 && !tally.evidence.some(seen => seen.includes(shown) || shown.includes(seen)))
			tally.evidence.push(shown);
	};

	for (const {language, tier, pattern} of cues) {
		// A record of a native command: the PowerShell lines only wrap another program's error.
		if (language === 'powershell' && native && pattern !== cmdletLine) continue;
		const match = pattern.exec(text);
		if (match) found(language, tier, match[0]);
	}

	const box = raw === undefined ? undefined : terraformBox.exec(raw);
	if (box && (tallies.has('terraform') || /\bazurerm\b|\bazuread\b|Azure CLI/i.test(text)))
		found('terraform', 1, box[0]);

	let best: [LanguageId, Tally] | undefined;
	for (const language of tieOrder) {
		const tally = tallies.get(language);
		if (!tally) continue;
		if (!best || tally.tier < best[1].tier || (tally.tier === best[1].tier && tally.count > best[1].count))
			best = [language, tally];
	}

	return best ? {id: best[0], name: languageNames[best[0]], evidence: best[1].evidence} : unknown;
}
