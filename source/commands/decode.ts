import {exitCodes} from '../exit-codes.ts';
import {redactJsonValue, redactSecrets} from '../safety/redact.ts';
import {terminalSafeJson} from '../safety/terminal-text.ts';
import {verifyPastedToken} from '../services/verify.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import {readTextInput} from '../terminal/input.ts';
import {createStyle} from '../terminal/style.ts';
import {analyzeToken} from '../token/analyze.ts';
import {decodeJwt, extractToken, maxTokenBytes, TokenFormatError} from '../token/jwt.ts';
import {type DecodeReport, decodeJson, hasProblems, renderDecodeText, signatureNotChecked} from '../token/report.ts';
import {UsageError} from '../usage-error.ts';
import type {Command} from './command.ts';

const usage = `authfix decode: decode a JWT offline and explain every claim

Usage
  authfix decode [TOKEN|-] [--verify] [--file PATH] [--json]

The token comes from the argument, --file, or standard input ("-" or a pipe). A leading
"Bearer " or "Authorization: Bearer " is accepted, and so is the JSON of
\`az account get-access-token\`. The token and its signature are never printed: only its
header, claims and a fingerprint (sha256:…).

Options
  --verify     check the signature against the issuer's published keys (OIDC metadata and
               JWKS). Only issuers on a known Entra authority are contacted: the built-in
               clouds, or the cloud given with --cloud / AUTHFIX_CLOUD. Without --verify
               nothing touches the network.
  --file PATH  read the token from a file
  --json       one JSON document: header, claims, kind, version, explained, findings, signature

Exit codes
  0  decoded, and no error-severity finding
  1  decoded, with an error-severity finding (expired, not yet valid, an ID token, unsigned)
     or a signature that --verify found not to match
  2  not a token (empty, not three base64url parts, a JWE, not JSON, too large) or bad usage

Examples
  az account get-access-token --query accessToken -o tsv | authfix decode
  authfix decode eyJ0eXAiOiJKV1Qi…
  authfix decode --verify --json < token.txt
`;

export const command: Command = {
	name: 'decode',
	summary: "decode a JWT offline (--verify checks the issuer's signature)",
	usage,
	async run(args, context) {
		const {io, global} = context;
		const {values, positionals} = parseCommandArgs(args, {verify: {type: 'boolean'}, file: {type: 'string'}}, 'decode');
		const text = await readTextInput({
			commandName: 'decode',
			positionals,
			file: values.file,
			io,
			maxBytes: maxTokenBytes,
			what: 'token',
		});
		let decoded: ReturnType<typeof decodeJwt>;
		try {
			decoded = decodeJwt(text);
		} catch (error) {
			if (error instanceof TokenFormatError) throw new UsageError(`decode: ${error.message}`);
			throw error;
		}

		const analysis = analyzeToken(decoded, {now: io.now()});
		const signature = values.verify
			? await verifyPastedToken(context, {token: extractToken(text), header: decoded.header, claims: decoded.claims})
			: signatureNotChecked;
		const report: DecodeReport = {...analysis, signature};
		if (global.json) {
			io.stdout.write(`${terminalSafeJson(redactJsonValue(decodeJson(report)))}\n`);
		} else {
			io.stdout.write(redactSecrets(renderDecodeText(report, {style: createStyle(global.color), columns: io.columns})));
		}

		return hasProblems(report) ? exitCodes.problems : exitCodes.ok;
	},
};
