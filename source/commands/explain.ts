import {diagnoseText} from '../artifacts/diagnose.ts';
import {formatArtifact} from '../artifacts/format.ts';
import {artifactKindOf} from '../artifacts/read.ts';
import {exitCodes} from '../exit-codes.ts';
import {isRecognised} from '../explain/explain.ts';
import {formatReport} from '../explain/format.ts';
import {redactJsonValue} from '../safety/redact.ts';
import {terminalSafeJson} from '../safety/terminal-text.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import {readTextInput} from '../terminal/input.ts';
import {createStyle} from '../terminal/style.ts';
import {UsageError} from '../usage-error.ts';
import type {Command} from './command.ts';

const usage = `authfix explain: classify a pasted Azure / Entra sign-in error, offline

Usage
  authfix explain TEXT          the error as an argument (quote it)
  authfix explain --file PATH   the error from a file (a log, a saved response,
                                a HAR)
  … | authfix explain [-]       the error on standard input

Options
  --file PATH   read the text from PATH (at most 4 MiB; an artifact below,
                32 MiB)
  --json        one JSON document: {"findings":[{"family","codes","known",
                "title","explanation","causes","fixes","entities","confidence",
                "likelihood","language",…}],"unsure"?:{"families",
                "question"}}, most likely first; a fix is {"text","command"?,
                "code"?,"language"?,"suggested"?}; for an artifact also
                "artifact": {"kind","exchanges","failing","errors",
                "sentToken"}

Output
  The most likely failure family first (shared taxonomy ids such as
  arm-token-tenant-mismatch, token-expired or aadsts-50076), then any others
  present: what it means, likely causes with how to confirm each, fixes as
  commands filled in with the ids found in the text, how to verify the fix.
  An AADSTS code authfix does not know still gets its family (known: false)
  and a link to Microsoft's error lookup. Each finding says how sure it is
  (confidence 0..1, in words: very likely, likely, possible, unlikely); when
  two families fit nearly equally, it says it is not sure, names both and
  asks the question that tells them apart.

  The fixes come in the language the text shows: a Python traceback, a .NET,
  Java, Go or Node.js error, a PowerShell record, a Terraform, azd or Bicep
  deployment, the Azure CLI (language: {"id","name","evidence"}; "unknown"
  when nothing tells). That language's fixes come first, in its real API
  (the credential's tenant option, the provider block, Connect-AzAccount).
  Where the tool's own error suggests a command to sign in again (the Azure
  CLI's "az login --scope …", Az.Accounts' "-TenantId …"), that command comes
  first ("suggested": true), without the az logout that signs every account
  out.

  When the text shows an authentication failure that fits no family, the one
  finding has family "other" (known: false) with generic guidance: decode the
  token with \`authfix decode\` and compare iss, aud and tid with what the
  service expects. Text with no sign of an auth failure gives {"findings":[]}.

Artifacts
  The logs and exports you already have are read for their failing request:
  az … --debug output, AZURE_LOG_LEVEL=verbose (JavaScript SDK), Python SDK
  logging, .NET SDK events, AZURE_SDK_GO_LOGGING=all, MSAL logs, Terraform's
  TF_LOG=DEBUG and browser HAR exports. authfix finds the request that failed
  (method, URL, status, error body) and explains it; the token that request
  sent is decoded for its claims (tenant, audience, app, expiry), which fill
  the findings' entities. The token itself is never printed or stored, and
  cookies, codes and secrets in headers, URLs and bodies are redacted.
  authfix replay --from FILE sends that request again with a fresh token.

Exit codes
  0  something specific was recognised
  1  nothing specific recognised (family "other", or no findings)
  2  usage or input error (no text, empty text, unreadable file)

Examples
  authfix explain "AADSTS700016: Application with identifier '…' was not
    found"
  az group list 2>&1 | authfix explain
  az group list --debug 2>&1 | authfix explain
  authfix explain --file pipeline.log --json
  authfix explain --file sign-in.har
`;

const pasteLimit = 4 * 1024 * 1024;

export const command: Command = {
	name: 'explain',
	summary: 'classify a pasted error, offline',
	usage,
	async run(args, {io, global}) {
		const {values, positionals} = parseCommandArgs(args, {file: {type: 'string'}}, 'explain');
		const text = await readTextInput({
			commandName: 'explain',
			positionals,
			file: values.file,
			io,
			maxBytes: 32 * 1024 * 1024,
			what: 'error text',
		});
		// A HAR or a debug log may be large; a paste of anything else is held to the old limit.
		if (Buffer.byteLength(text) > pasteLimit && !artifactKindOf(text))
			throw new UsageError('explain: the error text is larger than 4 MiB');
		const {report, artifact} = diagnoseText(text, io.now());
		if (global.json) {
			io.stdout.write(`${terminalSafeJson(redactJsonValue({...report, ...(artifact ? {artifact} : {})}))}\n`);
		} else {
			const style = createStyle(global.color);
			const width = Math.min(io.columns, 80);
			// explainText already neutralised (safety/terminal-text) and redacted every value it took from the paste,
			// so the report renders with the real style: no second pass that would strip the colour again.
			io.stdout.write(
				`${artifact ? formatArtifact(artifact, {style, width}) : ''}${formatReport(report, {style, width})}`,
			);
		}

		return isRecognised(report) ? exitCodes.ok : exitCodes.problems;
	},
};
