/**
MSAL's logs (msal-node, MSAL Python, MSAL.NET). MSAL logs what it does, not the HTTP it sends:
msal-node says `Sending token request to endpoint: <url>`; MSAL Python's requests show only as
urllib3 status lines (python-trace.ts); MSAL.NET's only as HttpClient records (dotnet-sdk.ts).
The error (AADSTS text, error code, HTTP status) is in the exception or result the program printed.
*/

import {isDotnetRecordStart, readDotnetSdk} from './dotnet-sdk.ts';
import {type RawExchange, rawExchange} from './exchange.ts';
import {errorRecords} from './lines.ts';
import {readPythonTrace, recordStart} from './python-trace.ts';

/** msal-node's line, wherever the app put it: `[date] : [correlation id] … : @azure/msal-node@5.6.0 : Info - text`. */
export const msalNodeLine = /\[[^\]]*\] : \[[^\]]*\](?: \[[^\]]*\])? : @azure\/msal-[\w-]+@[\w.-]+ : (\w+) - (.*)$/;
/** MSAL.NET's line: `False MSAL 4.67.2.0 MSAL.NetCore … [2025-04-10 13:07:42Z - <id>] text` (`(False)` in old ones). */
const msalNetLine = /\(?(?:False|True)\)? MSAL \d+\.\d+\.\d+\.\d+ MSAL\.[\w.]+ .*?\[[^\]]*\] (.*)$/;

function isRecordStart(line: string): boolean {
	return (
		msalNodeLine.test(line) || msalNetLine.test(line) || recordStart(line) !== undefined || isDotnetRecordStart(line)
	);
}

export function readMsal(lines: readonly string[]): {exchanges: RawExchange[]; errors: string[]} {
	const exchanges: RawExchange[] = [];
	for (let index = 0; index < lines.length; index++) {
		const text = msalNodeLine.exec(lines[index]!)?.[2];
		const endpoint = text ? /^Sending token request to endpoint: (https?:\/\/\S+)/.exec(text)?.[1] : undefined;
		if (endpoint) exchanges.push(rawExchange('POST', endpoint, index + 1));
	}

	const fromPython = readPythonTrace(lines).exchanges;
	const fromDotnet = readDotnetSdk(lines).exchanges;
	const message = (line: string) =>
		msalNodeLine.exec(line)?.[2] ??
		msalNetLine.exec(line)?.[1] ??
		(recordStart(line) ? line.slice(recordStart(line)!.length) : line);
	return {
		exchanges: [...exchanges, ...fromPython, ...fromDotnet].sort((a, b) => a.at - b.at),
		errors: errorRecords(lines, {isRecordStart, message}),
	};
}
