import {type ServicesFactory, servicesForCommand} from '../adapters/command-services.ts';
import {maxAuxiliaryTokens} from '../checks/aux-tokens.ts';
import {createCheckContext} from '../checks/context.ts';
import {describeFailure} from '../checks/finding-builders.ts';
import {exitCodes} from '../exit-codes.ts';
import {explainText} from '../explain/explain.ts';
import {decodeToken} from '../ports/access-token.ts';
import type {HttpResult, Services, TokenResult} from '../ports/services.ts';
import {redactJsonValue, redactSecrets} from '../safety/redact.ts';
import {neutralizeTerminalText, terminalSafeJson} from '../safety/terminal-text.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import {createStyle} from '../terminal/style.ts';
import {UsageError} from '../usage-error.ts';
import {validateCredential, validateGuid} from './check.ts';
import type {Command} from './command.ts';

/** The request to replay, as the user gave it (never with their Authorization header). */
export type ReplayRequest = {
	readonly method: string;
	readonly url: string;
	readonly headers: Readonly<Record<string, string>>;
	readonly body: string | undefined;
	/** Notes about what was dropped from a pasted command line. */
	readonly notes: readonly string[];
};

/** Splits a pasted command line the way a POSIX shell would for plain words and quotes (no expansion). */
export function splitCommandLine(text: string): string[] {
	const words: string[] = [];
	let current = '';
	let inWord = false;
	let quote: '"' | "'" | undefined;
	const source = text.replace(/\\\r?\n/g, ' ');
	for (let index = 0; index < source.length; index++) {
		const char = source[index]!;
		if (quote) {
			if (char === quote) quote = undefined;
			else if (char === '\\' && quote === '"' && /["\\$`]/.test(source[index + 1] ?? '')) current += source[++index];
			else current += char;
			continue;
		}

		if (char === '"' || char === "'") {
			quote = char;
			inWord = true;
		} else if (char === '\\' && index + 1 < source.length) {
			current += source[++index];
			inWord = true;
		} else if (/\s/.test(char)) {
			if (inWord) words.push(current);
			current = '';
			inWord = false;
		} else {
			current += char;
			inWord = true;
		}
	}

	if (quote) throw new UsageError('replay: the pasted command line has an unclosed quote');
	if (inWord) words.push(current);
	return words;
}

const secretHeaders = new Set(['authorization', 'x-ms-authorization-auxiliary']);

function addHeader(headers: Record<string, string>, notes: string[], line: string): void {
	const at = line.indexOf(':');
	if (at <= 0) throw new UsageError(`replay: a header must look like 'Name: value', not '${line.slice(0, 40)}'`);
	const name = line.slice(0, at).trim();
	const value = line.slice(at + 1).trim();
	if (!/^[A-Za-z0-9-]+$/.test(name)) throw new UsageError(`replay: '${name.slice(0, 40)}' is not a header name`);
	if (['host', 'content-length', 'transfer-encoding', 'connection'].includes(name.toLowerCase())) {
		throw new UsageError(`replay: the ${name} header is set by authfix, not by hand`);
	}

	if (/[\r\n]/.test(value)) throw new UsageError(`replay: the ${name} header value has a line break`);
	if (secretHeaders.has(name.toLowerCase())) {
		notes.push(`the given ${name} header was not reused: replay always sends fresh tokens`);
		return;
	}

	headers[name] = value;
}

/** Reads `authfix replay` positionals: METHOD URL, a pasted `curl …` or `az rest …` line (as one or many words). */
export function parseReplayRequest(
	positionals: readonly string[],
	extraHeaders: readonly string[],
	data: string | undefined,
): ReplayRequest {
	const words =
		positionals.length === 1 && /^\s*(curl|az)\s/.test(positionals[0]!)
			? splitCommandLine(positionals[0]!)
			: [...positionals];
	const headers: Record<string, string> = {};
	const notes: string[] = [];
	let method: string | undefined;
	let url: string | undefined;
	let body = data;
	if (words[0] === 'curl') {
		for (let index = 1; index < words.length; index++) {
			const word = words[index]!;
			const next = () => {
				const value = words[++index];
				if (value === undefined) throw new UsageError(`replay: ${word} needs a value in the pasted curl line`);
				return value;
			};

			if (word === '-X' || word === '--request') method = next().toUpperCase();
			else if (word === '-H' || word === '--header') addHeader(headers, notes, next());
			else if (['-d', '--data', '--data-raw', '--data-binary', '--json'].includes(word)) body = next();
			else if (word === '--url') url = next();
			else if (word === '-I' || word === '--head') method = 'HEAD';
			else if (/^-(?:[a-zA-Z]+)$/.test(word) || word.startsWith('--')) {
				if (
					[
						'-u',
						'--user',
						'-o',
						'--output',
						'-A',
						'--user-agent',
						'-e',
						'--referer',
						'--cacert',
						'--max-time',
						'-m',
					].includes(word)
				)
					index++;
			} else url ??= word;
		}

		method ??= body === undefined ? 'GET' : 'POST';
	} else if (words[0] === 'az' && words[1] === 'rest') {
		for (let index = 2; index < words.length; index++) {
			const word = words[index]!;
			const next = () => {
				const value = words[++index];
				if (value === undefined) throw new UsageError(`replay: ${word} needs a value in the pasted az rest line`);
				return value;
			};

			if (word === '--method' || word === '-m') method = next().toUpperCase();
			else if (word === '--url' || word === '--uri' || word === '-u') url = next();
			else if (word === '--body' || word === '-b') body = next();
			else if (word === '--headers') {
				// az rest takes KEY=VALUE words or one JSON object.
				while (words[index + 1] !== undefined && !words[index + 1]!.startsWith('--')) {
					const value = words[++index]!;
					if (value.trim().startsWith('{')) {
						try {
							for (const [key, item] of Object.entries(JSON.parse(value) as Record<string, unknown>))
								addHeader(headers, notes, `${key}: ${String(item)}`);
						} catch {
							throw new UsageError('replay: --headers in the az rest line is not valid JSON');
						}
					} else {
						const at = value.indexOf('=');
						if (at > 0) addHeader(headers, notes, `${value.slice(0, at)}: ${value.slice(at + 1)}`);
					}
				}
			} else if (word === '--resource' || word === '--output' || word === '-o' || word === '--query') index++;
		}

		method ??= 'GET';
	} else {
		if (words.length !== 2)
			throw new UsageError('replay: give METHOD and URL (or paste a curl or az rest command line)');
		method = words[0]!.toUpperCase();
		url = words[1];
	}

	if (!url) throw new UsageError('replay: no URL found');
	if (!/^[A-Z]+$/.test(method)) throw new UsageError(`replay: '${method.slice(0, 20)}' is not an HTTP method`);
	if (!['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(method))
		throw new UsageError(`replay: unsupported method ${method}`);
	for (const line of extraHeaders) addHeader(headers, notes, line);
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new UsageError(`replay: '${url.slice(0, 80)}' is not a URL`);
	}

	return {method, url: parsed.href, headers, body, notes};
}

const usage = `authfix replay: replay a failing call with fresh token(s) and compare with the failure

Usage
  authfix replay <METHOD> <URL> [--header 'Name: value']… [--data BODY] [--tenant ID] [--aux-tenant ID]…
                 [--credential KIND] [--failed-with TEXT] [--yes] [--json]
  authfix replay 'curl -H … https://management.azure.com/…'      (a pasted curl or az rest line)

It sends the call as your tools would today ("before"), then with a fresh token from the
subscription's tenant and auxiliary tokens ("after"), and says what changed:
  ok             it works as it is
  fixed          it failed before and works with the fresh token(s)
  now-forbidden  authentication is fixed, but the identity lacks a role (403)
  still-failing  it fails either way (with the explain diagnosis)
  refused        the URL is not this cloud's ARM or Graph: no token is sent there (exit 2)
--failed-with TEXT takes the failure you saw (status and error code) as "before" instead of sending it.
Anything but GET and HEAD is asked about on a terminal ([y/N]) and needs --yes otherwise (and with
--json). A pasted Authorization header is never reused.
--json prints {"request":{"method","url"},"attempts":[{"label","status","errorCode","requestId"}],"outcome"}.
Exit codes: 0 ok or fixed, 1 now-forbidden or still-failing, 2 refused, declined or bad usage.
`;

export type ReplayOutcome = 'ok' | 'fixed' | 'now-forbidden' | 'still-failing' | 'refused';

export type ReplayAttempt = {
	readonly label: 'before' | 'after';
	readonly status: number | null;
	readonly errorCode: string | null;
	readonly requestId: string | null;
	readonly correlationId: string | null;
	readonly message: string | null;
	/** How the attempt was made: the token's tenant and fingerprint, or "given". */
	readonly via: string;
};

/**
The audience a token for this URL must carry, or undefined when the host is not this cloud's ARM or
Graph: a token is only ever sent to the cloud and audience it was minted for.
*/
function audienceForUrl(url: URL, cloud: Services['cloud']): string | undefined {
	if (url.protocol !== 'https:') return undefined;
	const host = url.host.toLowerCase();
	if (host === new URL(cloud.resourceManager).host.toLowerCase()) return cloud.resourceManagerAudience;
	if (cloud.graph && host === new URL(cloud.graph).host.toLowerCase()) return cloud.graph;
	return undefined;
}

function readError(result: HttpResult): {code: string | null; message: string | null} {
	try {
		const body = JSON.parse(result.body) as {
			error?: {code?: unknown; message?: unknown} | string;
			code?: unknown;
			message?: unknown;
		};
		if (typeof body.error === 'object' && body.error) {
			return {
				code: body.error.code === undefined ? null : String(body.error.code),
				message: body.error.message === undefined ? null : String(body.error.message),
			};
		}

		if (typeof body.code === 'string')
			return {code: body.code, message: typeof body.message === 'string' ? body.message : null};
	} catch {
		// not JSON
	}

	const challenge = result.headers['www-authenticate'];
	const error = challenge ? /error="([^"]+)"/.exec(challenge)?.[1] : undefined;
	return {code: error ?? null, message: result.body ? result.body.slice(0, 300) : null};
}

function attemptFrom(label: ReplayAttempt['label'], result: HttpResult, via: string): ReplayAttempt {
	const error = result.status >= 400 ? readError(result) : {code: null, message: null};
	return {
		label,
		status: result.status,
		errorCode: error.code,
		requestId: result.headers['x-ms-request-id'] ?? result.headers['request-id'] ?? null,
		correlationId: result.headers['x-ms-correlation-request-id'] ?? result.headers['client-request-id'] ?? null,
		message: error.message,
		via,
	};
}

/** "before" from a pasted failure: its status and the first ARM error code or AADSTS code in it. */
function attemptFromText(text: string): ReplayAttempt {
	const status = /\b(40[0-9]|5\d\d)\b/.exec(text)?.[1];
	const known =
		/\b(InvalidAuthenticationToken\w*|ExpiredAuthenticationToken|AuthenticationFailed\w*|AuthorizationFailed|LinkedAuthorizationFailed|SubscriptionNotFound|AADSTS\d+)\b/.exec(
			text,
		)?.[1];
	const inferred =
		known === undefined
			? null
			: /^(Authorization|LinkedAuthorization)Failed$/.test(known)
				? 403
				: known === 'SubscriptionNotFound'
					? 404
					: known.startsWith('AADSTS')
						? 400
						: 401;
	const requestId = /(?:request[- ]id|x-ms-request-id)["':\s]+([0-9a-f-]{36})/i.exec(text)?.[1] ?? null;
	return {
		label: 'before',
		status: status === undefined ? inferred : Number(status),
		errorCode: known ?? null,
		requestId,
		correlationId: /correlation[- ]?(?:request[- ])?id["':\s]+([0-9a-f-]{36})/i.exec(text)?.[1] ?? null,
		message: null,
		via: 'given',
	};
}

export function classifyOutcome(
	before: ReplayAttempt | undefined,
	after: ReplayAttempt | undefined,
): Exclude<ReplayOutcome, 'refused'> {
	const ok = (attempt: ReplayAttempt | undefined) =>
		attempt?.status !== null && attempt?.status !== undefined && attempt.status < 400;
	if (!after) return ok(before) ? 'ok' : 'still-failing';
	if (ok(after)) return before && !ok(before) ? 'fixed' : 'ok';
	if (after.status === 403 && before && (before.status === 401 || before.status === 400 || before.status === null))
		return 'now-forbidden';
	return 'still-failing';
}

function describeTokenVia(token: TokenResult): string {
	const tid = decodeToken(token.token)?.claims.tid;
	return `${token.source}, tenant ${typeof tid === 'string' ? tid : (token.tenantId ?? '?')}, ${token.token.fingerprint}`;
}

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
					yes: {type: 'boolean'},
				},
				'replay',
			);
			const request = parseReplayRequest(positionals, values.header ?? [], values.data);
			const tenantId = validateGuid(values.tenant, '--tenant');
			const auxTenants = (values['aux-tenant'] ?? []).map(value => validateGuid(value, '--aux-tenant')!);
			if (auxTenants.length > maxAuxiliaryTokens)
				throw new UsageError(`replay: ARM accepts at most ${maxAuxiliaryTokens} auxiliary tokens`);
			const credential = validateCredential(values.credential);
			const {io, global} = context;
			const style = createStyle(global.color);
			const safe = (text: string) => neutralizeTerminalText(redactSecrets(text));
			const services = await makeServices(context);
			const url = new URL(request.url);
			const audience = audienceForUrl(url, services.cloud);
			const shownRequest = {method: request.method, url: request.url};

			if (!audience) {
				const reason = `${url.protocol === 'https:' ? url.host : `${url.protocol}//${url.host}`} is not ${services.cloud.name}'s ARM (${services.cloud.resourceManager})${services.cloud.graph ? ` or Graph (${services.cloud.graph})` : ''}: authfix never sends a token to a host outside the cloud and audience it was minted for.`;
				if (global.json)
					io.stdout.write(
						`${terminalSafeJson(redactJsonValue({request: shownRequest, attempts: [], outcome: 'refused', reason}))}\n`,
					);
				else io.stderr.write(`authfix replay: refused. ${safe(reason)}\n`);
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

			const subscriptionId = /\/subscriptions\/([0-9a-f-]{36})/i.exec(url.pathname)?.[1]?.toLowerCase();
			const target = {subscriptionId, tenantId, resource: audience, credential, auxTenants, url: request.url};
			const checkContext = createCheckContext(target, services);
			const send = async (label: ReplayAttempt['label'], token: TokenResult, aux: readonly TokenResult[]) => {
				const headers: Record<string, string> = {...request.headers, authorization: `Bearer ${token.token.reveal()}`};
				if (aux.length > 0)
					headers['x-ms-authorization-auxiliary'] = aux.map(item => `Bearer ${item.token.reveal()}`).join(', ');
				if (request.body !== undefined && !Object.keys(headers).some(name => name.toLowerCase() === 'content-type'))
					headers['content-type'] = 'application/json';
				try {
					const result = await services.http.send({
						method: request.method,
						url: request.url,
						headers,
						body: request.body,
					});
					return attemptFrom(
						label,
						result,
						describeTokenVia(token) + (aux.length > 0 ? ` + ${aux.length} auxiliary` : ''),
					);
				} catch (error) {
					return {
						label,
						status: null,
						errorCode: 'transport',
						requestId: null,
						correlationId: null,
						message: describeFailure(error).detail,
						via: describeTokenVia(token),
					};
				}
			};

			const auxTokens = async (): Promise<TokenResult[]> =>
				Promise.all(
					auxTenants.map(tenant =>
						checkContext.tokenFor({resource: services.cloud.resourceManagerAudience, tenantId: tenant}),
					),
				);

			const attempts: ReplayAttempt[] = [];
			const problems: string[] = [...request.notes];
			if (values['failed-with'] !== undefined) {
				attempts.push(attemptFromText(values['failed-with']));
			} else {
				try {
					const current = await checkContext.currentToken();
					attempts.push(await send('before', current, await auxTokens().catch(() => [])));
				} catch (error) {
					attempts.push({
						label: 'before',
						status: null,
						errorCode: 'no-token',
						requestId: null,
						correlationId: null,
						message: describeFailure(error).detail,
						via: 'current credential',
					});
				}
			}

			const before = attempts[0];
			let after: ReplayAttempt | undefined;
			const beforeOk = before?.status !== null && before?.status !== undefined && before.status < 400;
			if (!beforeOk) {
				try {
					const fresh = await checkContext.targetToken();
					const aux = await auxTokens();
					after = await send('after', fresh, aux);
				} catch (error) {
					problems.push(`no fresh token: ${describeFailure(error).detail}`);
				}

				if (after) attempts.push(after);
			}

			const outcome = classifyOutcome(before, after);
			const expected = await checkContext.expectedTenant().catch(() => undefined);
			const last = after ?? before;
			const failureText =
				last && last.status !== null && last.status >= 400
					? `${last.status} ${last.errorCode ?? ''} ${last.message ?? ''}`
					: '';
			const diagnosis = outcome === 'still-failing' && failureText ? explainText(failureText).findings[0] : undefined;
			const summary = {
				ok: 'The call works as it is.',
				fixed: `The call works with a fresh token${expected ? ` from tenant ${expected}` : ''}${auxTenants.length > 0 ? ' and fresh auxiliary tokens' : ''}: make your tool ask for ${expected ? 'that tenant' : 'a fresh token'}${credential === 'cli' && expected ? ` (az account get-access-token --tenant ${expected})` : ''}.`,
				'now-forbidden': `Authentication is fixed${expected ? ` (token from tenant ${expected})` : ''}, but the identity lacks a role for this call (403${after?.errorCode ? ` ${after.errorCode}` : ''}): grant it one.`,
				'still-failing': `The call fails with a fresh token too${last?.errorCode ? ` (${last.errorCode})` : ''}.${diagnosis ? ` Diagnosis: ${diagnosis.title}.` : ''}`,
			}[outcome];

			if (global.json) {
				const document = {
					request: shownRequest,
					attempts,
					outcome,
					summary,
					...(diagnosis
						? {
								diagnosis: {
									family: diagnosis.family,
									codes: diagnosis.codes,
									title: diagnosis.title,
									fixes: diagnosis.fixes,
								},
							}
						: {}),
					...(problems.length > 0 ? {notes: problems} : {}),
				};
				io.stdout.write(`${terminalSafeJson(redactJsonValue(document))}\n`);
			} else {
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
						io.stdout.write(`         ${style.muted(safe(attempt.message.slice(0, 300)))}\n`);
				}

				for (const note of problems) io.stdout.write(`  ${style.warn('!')} ${safe(note)}\n`);
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
