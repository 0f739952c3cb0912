import {type FailingCall, failingCallOf} from '../artifacts/failing-call.ts';
import {readArtifact} from '../artifacts/read.ts';
import {type ArtifactKind, kindNames} from '../artifacts/types.ts';
import {maxAuxiliaryTokens} from '../checks/aux-tokens.ts';
import {exitCodes} from '../exit-codes.ts';
import {excerptOf, redactJsonValue, redactSecrets} from '../safety/redact.ts';
import {neutralizeTerminalText, terminalSafeJson} from '../safety/terminal-text.ts';
import {type ServicesFactory, servicesForCommand} from '../services/command-services.ts';
import {refusalOf, replayCall} from '../services/replay.ts';
import {tenantIdFrom} from '../target/ids.ts';
import {parseReplayRequest} from '../target/request.ts';
import {audienceForUrl} from '../target/resource.ts';
import {credentialKindFrom} from '../target/target.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import {readTextInput} from '../terminal/input.ts';
import {createStyle} from '../terminal/style.ts';
import {UsageError} from '../usage-error.ts';
import type {Command} from './command.ts';

const usage = `authfix replay: replay a failing call with fresh token(s) and compare with the failure

Usage
  authfix replay <METHOD> <URL> [--header 'Name: value']… [--data BODY] [--tenant ID] [--aux-tenant ID]…
                 [--credential KIND] [--failed-with TEXT] [--yes] [--json]
  authfix replay 'curl -H … https://management.azure.com/…'      (a pasted curl or az rest line)
  authfix replay --from FILE        the failed call in an artifact: az --debug output, an SDK's or
                                    Terraform's debug log, a HAR export (see authfix explain --help)

It sends the call as your tools would today ("before"), then with a fresh token from the
subscription's tenant and auxiliary tokens ("after"), and says what changed:
  ok             it works as it is
  fixed          it failed before and works with the fresh token(s)
  now-forbidden  authentication is fixed, but the identity lacks a role (403)
  still-failing  it fails either way (with the explain diagnosis)
  refused        the URL is not this cloud's ARM or Graph: no token is sent there (exit 2)
A pasted line is read with its tool's options (curl's, az rest's): an option's value is never taken
as the URL. A curl line with -x/--proxy (or another proxy option), --resolve, --connect-to,
--unix-socket, -k/--insecure or -K/--config is refused (exit 2): they change where, or how safely,
a token would travel. A body read from a file (-d @file, --body @file) is refused: give --data.
--failed-with TEXT takes the failure you saw (status and error code) as "before" instead of sending it.
--from FILE takes the artifact's last failed call to this cloud's ARM or Graph, and the failure it
recorded as "before"; the token it logged is never reused.
Anything but GET and HEAD is asked about on a terminal ([y/N]) and needs --yes otherwise (and with
--json). A pasted Authorization header is never reused.
--json prints {"request":{"method","url"},"attempts":[{"label","status","errorCode","requestId"}],"outcome"}
(with --from also "from":{"kind","at"}).
Exit codes: 0 ok or fixed, 1 now-forbidden or still-failing, 2 refused, declined or bad usage.
`;

export function createReplayCommand(makeServices: ServicesFactory = servicesForCommand): Command {
	return {
		name: 'replay',
		summary: 'replay a failing call with fresh token(s) and compare with the failure',
		usage,
		async run(args, context) {
			const {values, positionals} = parseCommandArgs(
				args,
				{
					header: {type: 'string', multiple: true},
					data: {type: 'string'},
					tenant: {type: 'string'},
					'aux-tenant': {type: 'string', multiple: true},
					credential: {type: 'string'},
					'failed-with': {type: 'string'},
					from: {type: 'string'},
					yes: {type: 'boolean'},
				},
				'replay',
			);
			const {io, global} = context;
			const services = await makeServices(context);
			let found: (FailingCall & {readonly kind: ArtifactKind}) | undefined;
			if (values.from !== undefined) {
				if (positionals.length > 0)
					throw new UsageError('replay: give the call as METHOD URL or with --from FILE, not both');
				const text = await readTextInput({
					commandName: 'replay',
					positionals: [],
					file: values.from,
					io,
					maxBytes: 32 * 1024 * 1024,
					what: 'artifact',
				});
				const artifact = readArtifact(text);
				if (!artifact)
					throw new UsageError(
						`replay: ${values.from} is no artifact authfix reads (az --debug output, an SDK's, MSAL's or Terraform's debug log, a HAR export)`,
					);
				const result = failingCallOf(artifact, url => audienceForUrl(url, services.cloud) !== undefined);
				if ('reason' in result) throw new UsageError(`replay: nothing to replay in ${values.from}: ${result.reason}`);
				found = {...result.call, kind: artifact.kind};
				if (found.method !== 'GET' && found.method !== 'HEAD' && found.body === undefined && values.data === undefined)
					throw new UsageError(
						`replay: ${values.from} does not hold the body of the failed ${found.method}; give it with --data`,
					);
			}

			const request = found
				? parseReplayRequest([found.method, found.url], values.header ?? [], values.data ?? found.body)
				: parseReplayRequest(positionals, values.header ?? [], values.data);
			const tenantId = values.tenant === undefined ? undefined : tenantIdFrom(values.tenant, '--tenant');
			const auxTenants = (values['aux-tenant'] ?? []).map(value => tenantIdFrom(value, '--aux-tenant'));
			if (auxTenants.length > maxAuxiliaryTokens)
				throw new UsageError(`replay: ARM accepts at most ${maxAuxiliaryTokens} auxiliary tokens`);
			const credential = credentialKindFrom(values.credential, '--credential');
			const style = createStyle(global.color);
			const safe = (text: string) => neutralizeTerminalText(redactSecrets(text));
			const url = new URL(request.url);
			const failedWith = values['failed-with'] ?? found?.failedWith;
			const from = found ? {from: {kind: found.kind, at: found.at}} : {};
			const refusal = refusalOf(request, services.cloud);
			if (refusal) {
				if (global.json)
					io.stdout.write(
						`${terminalSafeJson(redactJsonValue({request: {method: request.method, url: request.url}, ...from, attempts: [], outcome: 'refused', reason: refusal}))}\n`,
					);
				else io.stderr.write(`authfix replay: refused. ${safe(refusal)}\n`);
				return exitCodes.usage;
			}

			if (request.method !== 'GET' && request.method !== 'HEAD' && !values.yes) {
				// On a terminal, ask; headless (or --json, whose stdout is one document) it takes --yes.
				if (!(io.stdinIsTty && io.stdoutIsTty && !global.json && io.readLine)) {
					throw new UsageError(`replay: ${request.method} may change something in Azure; add --yes to replay it`);
				}

				const shown = safe(`${url.origin}${url.pathname}`);
				const answer = await io.readLine(`Send ${request.method} to ${shown} with a fresh token? [y/N] `);
				if (!/^\s*y(?:es)?\s*$/i.test(answer ?? '')) {
					io.stderr.write(`authfix replay: not sent; nothing was changed.\n`);
					return exitCodes.usage;
				}
			}

			const report = await replayCall(
				request,
				{
					...(tenantId ? {tenantId} : {}),
					auxTenants,
					credential,
					...(failedWith === undefined ? {} : {failedWith}),
				},
				services,
			);
			if (report.outcome === 'refused') return exitCodes.usage;
			const {attempts, outcome, summary, diagnosis, notes} = report;
			if (global.json) {
				const document = {
					request: report.request,
					...from,
					attempts,
					outcome,
					summary,
					...(diagnosis ? {diagnosis} : {}),
					...(notes.length > 0 ? {notes} : {}),
				};
				io.stdout.write(`${terminalSafeJson(redactJsonValue(document))}\n`);
			} else {
				if (found)
					io.stdout.write(
						`From the ${kindNames[found.kind]} (${found.kind === 'har' ? 'entry' : 'line'} ${found.at}): its failed call, sent again with a fresh token\n`,
					);
				io.stdout.write(`Replaying ${request.method} ${safe(request.url)}\n`);
				for (const attempt of attempts) {
					const status = attempt.status === null ? 'no answer' : String(attempt.status);
					const paint = attempt.status !== null && attempt.status < 400 ? style.pass : style.fail;
					const ids = [
						attempt.requestId ? `request id ${attempt.requestId}` : '',
						attempt.correlationId && attempt.correlationId !== attempt.requestId
							? `correlation id ${attempt.correlationId}`
							: '',
					]
						.filter(Boolean)
						.join(', ');
					io.stdout.write(
						`  ${attempt.label.padEnd(6)} ${paint(status)}${attempt.errorCode ? ` ${safe(attempt.errorCode)}` : ''}  ${style.muted(safe(`(${attempt.via}${ids ? `; ${ids}` : ''})`))}\n`,
					);
					if (attempt.message && attempt.status !== null && attempt.status >= 400)
						io.stdout.write(`         ${style.muted(safe(excerptOf(attempt.message, 300)))}\n`);
				}

				for (const note of notes) io.stdout.write(`  ${style.warn('!')} ${safe(note)}\n`);
				io.stdout.write(`Outcome: ${style.strong(outcome)}. ${safe(summary)}\n`);
				if (diagnosis?.fixes[0])
					io.stdout.write(
						`  → ${safe(diagnosis.fixes[0].text)}${diagnosis.fixes[0].command ? `\n    ${style.code(safe(diagnosis.fixes[0].command))}` : ''}\n`,
					);
			}

			return outcome === 'ok' || outcome === 'fixed' ? exitCodes.ok : exitCodes.problems;
		},
	};
}

export const command = createReplayCommand();
