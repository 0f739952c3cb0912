/**
`readArtifact(text)`: which kind of artifact the text is (by its content, never by a file name),
its exchanges, the failing one, the error records and the claims of the token the failing request
sent. Text of no known kind gives undefined: it is a plain paste.
*/
import {readDotnetSdk} from './dotnet-sdk.ts';
import {finishExchange, pickFailing, type RawExchange, sentTokenOf} from './exchange.ts';
import {readGoSdk} from './go-sdk.ts';
import {harEntries, readHar} from './har.ts';
import {readJsSdk} from './js-sdk.ts';
import {linesOf} from './lines.ts';
import {readMsal} from './msal.ts';
import {readPythonTrace} from './python-trace.ts';
import {cleanUrl} from './sanitize.ts';
import {readTerraform} from './terraform.ts';
import type {Artifact, ArtifactKind} from './types.ts';

/** How each kind of log is told apart, most specific first (an az log holds MSAL lines, a Terraform log Go SDK records). */
const signatures: ReadonlyArray<readonly [Exclude<ArtifactKind, 'har'>, RegExp]> = [
	['terraform-debug', /\[(?:TRACE|DEBUG|INFO|WARN|ERROR)\]\s+(?:provider|plugin)\.terraform-provider-/],
	[
		'az-debug',
		/(?:^|\n)(?:(?:DEBUG|INFO|WARNING|ERROR|CRITICAL): )?(?:cli\.(?:azure\.cli\.core|knack\.cli)\b|az_command_data_logger:)|(?:^|\n)CMD-LOG-LINE-BEGIN \d+ \|/,
	],
	['js-sdk', /(?:^|\n)(?:\S+Z\s+)?azure:[\w-]+(?: [\w-]+)?:(?:verbose|info|warning|error) /],
	[
		'python-sdk',
		/azure\.core\.pipeline\.policies\.(?:http_logging_policy|_universal)|azure\.identity\._\w+|(?:^|\n)Request URL: '[^'\n]+'\r?\n\s*Request method: '/,
	],
	[
		'dotnet-sdk',
		/\[(?:Verbose|Informational|Warning|Error)\] Azure-(?:Core|Identity): |(?:^|\n)(?:trce|dbug|info|warn|fail|crit): Azure\.(?:Core|Identity)\[\d+\]/,
	],
	[
		'go-sdk',
		/(?:Request|Response): ==> (?:OUTGOING REQUEST|REQUEST\/RESPONSE)|(?:^|\n)\[[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d\.\d{6}\] (?:Retry|Request|Response|Authentication):|(?:^|\n)-{40,}\r?\n\s*RESPONSE \d{3}\b/,
	],
	[
		'msal',
		/@azure\/msal-(?:node|browser|common|node-extensions)@|\bMSAL \d+\.\d+\.\d+\.\d+ MSAL\.|\bmsal\.(?:application|authority|token_cache|telemetry|oauth2cli)\b/,
	],
];

const readers: Readonly<
	Record<Exclude<ArtifactKind, 'har'>, (lines: readonly string[]) => {exchanges: RawExchange[]; errors: string[]}>
> = {
	'terraform-debug': readTerraform,
	'az-debug': readPythonTrace,
	'python-sdk': readPythonTrace,
	'js-sdk': readJsSdk,
	'dotnet-sdk': readDotnetSdk,
	'go-sdk': readGoSdk,
	msal: readMsal,
};

/** The kind of artifact the text is, or undefined for a plain paste. */
export function artifactKindOf(text: string): ArtifactKind | undefined {
	if (harEntries(text)) return 'har';
	return signatures.find(([, signature]) => signature.test(text))?.[0];
}

/** URLs inside free text (an error record, a body) lose the sign-in material of their parameters. */
function cleanText(text: string): string {
	return text.replace(/\bhttps?:\/\/[^\s"'<>\\]+/g, url => cleanUrl(url));
}

/**
When no exchange failed by its status (the log does not show the token request's answer: msal-node,
MSAL.NET, a Terraform token error), the last request with no answer failed with the error the log
printed.
*/
function failingFromErrors(exchanges: RawExchange[], errors: readonly string[]): RawExchange | undefined {
	if (errors.length === 0) return undefined;
	const pending = exchanges.findLast(exchange => exchange.status === null);
	if (!pending) return undefined;
	const text = errors.join('\n');
	const status = /\b(?:status(?: code)?|HTTP StatusCode|StatusCode)[:= ]\s*([45]\d\d)\b/i.exec(text)?.[1];
	if (status) pending.status = Number(status);
	pending.body = text;
	return pending;
}

export function readArtifact(text: string): Artifact | undefined {
	const entries = harEntries(text);
	const kind = entries ? 'har' : artifactKindOf(text);
	if (!kind) return undefined;
	const {exchanges, errors} = entries ? readHar(entries) : readers[kind as Exclude<ArtifactKind, 'har'>](linesOf(text));
	const failing = pickFailing(exchanges) ?? failingFromErrors(exchanges, errors);
	// An error record that only repeats the failing response's body says nothing more.
	const shownErrors = errors.filter(
		error => !(failing?.body && failing.body !== error && failing.body.includes(error.trim())),
	);
	const finished = exchanges.map(exchange => ({raw: exchange, exchange: finishExchange(exchange)}));
	const sentToken = sentTokenOf(failing);
	const shown = finished.find(item => item.raw === failing)?.exchange;
	return {
		kind,
		exchanges: finished.map(item => item.exchange),
		...(shown ? {failing: {...shown, ...(shown.body ? {body: cleanText(shown.body)} : {})}} : {}),
		errors: shownErrors.map(cleanText),
		...(sentToken ? {sentToken} : {}),
	};
}
