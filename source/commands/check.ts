import path from 'node:path';
import {defaultCheckIds, runChecks} from '../checks/run-checks.ts';
import {exitCodes} from '../exit-codes.ts';
import type {Finding} from '../findings/finding.ts';
import {type CiKind, ciKinds, detectCi} from '../report/ci-output.ts';
import {redactJsonValue, redactSecrets} from '../safety/redact.ts';
import {neutralizeTerminalText, terminalSafeJson} from '../safety/terminal-text.ts';
import {publishToCi} from '../services/ci-output.ts';
import {type ServicesFactory, servicesForCommand} from '../services/command-services.ts';
import {createProfiles, type ProfileLocation} from '../services/profiles.ts';
import {type PinnedProfileRead, resolveTarget} from '../target/target.ts';
import {parseCommandArgs} from '../terminal/args.ts';
import {createStyle, icons} from '../terminal/style.ts';
import {UsageError} from '../usage-error.ts';
import type {Command} from './command.ts';

const usage = `authfix check: live preflight of the current context (CI-friendly)

Usage
  authfix check [--subscription ID] [--tenant ID] [--resource URL] [--credential KIND] [--aux-tenant ID]… [--url URL]
                [--sdk LANG[@VERSION]] [--chain CREDENTIAL,…] [--ci github|azure-pipelines|none]
                [--action OPERATION] [--scope SCOPE] [--json]

Options
  --subscription ID   the subscription the failing call uses (default: the pinned profile, then
                      AZURE_SUBSCRIPTION_ID, then az's current one)
  --tenant ID         the tenant tokens should come from (default: the subscription's tenant)
  --resource URL      the resource tokens are asked for (default: the cloud's ARM audience)
  --credential KIND   cli (default), env, managed-identity, workload-identity or default (DefaultAzureCredential)
  --aux-tenant ID     a tenant for x-ms-authorization-auxiliary (up to three)
  --url URL           the URL the failing call goes to (decides the audience the token needs; default ARM)
  --sdk LANG[@V]      whose DefaultAzureCredential to follow: javascript, python, dotnet, java or go, at a
                      version (default: all five, newest); its order decides which credential wins
  --chain A,B,…       a ChainedTokenCredential setup: its credential classes in order
                      (e.g. EnvironmentCredential,AzureCliCredential)
  --ci KIND           github, azure-pipelines or none: also write the CI system's annotations
                      (::error/::warning, ##vso[task.logissue]) and, on GitHub, a Markdown job summary
                      to $GITHUB_STEP_SUMMARY. Default: detected (GITHUB_ACTIONS=true, TF_BUILD=True).
                      With --json the annotations go to stderr, so stdout stays one document.
  --action OPERATION  the operation a 403 refused, e.g. Microsoft.Storage/storageAccounts/listKeys/action
                      (default: read from --url, else reading the subscription)
  --scope SCOPE       where it was refused, e.g. /subscriptions/<id>/resourceGroups/<group> (default: from --url)
  --no-profile        ignore the pinned profile (.authfix.json here, else the active profile)
  --timeout S         bound every external call (global; a check takes at most three such calls in a row)
  --json              {"verdict":"ok"|"problems","checks":[{"id","status","title","detail","fix"?}]}

A pinned profile (.authfix.json in this folder, else the active profile authfix keeps) gives the
subscription when --subscription does not; the output names the profile used.

Exit codes: 0 every check passed (warnings and skips allowed), 1 a check failed or could not run, 2 bad usage.
`;

/** Renders findings as `gh auth status` does: an icon, the title, what was found, then the fixing command. */
export function formatFindings(findings: readonly Finding[], color: boolean): string {
	const style = createStyle(color);
	const paint = {pass: style.pass, warn: style.warn, fail: style.fail, skip: style.muted, error: style.fail} as const;
	const lines: string[] = [];
	for (const finding of findings) {
		const safe = (text: string) => neutralizeTerminalText(redactSecrets(text));
		lines.push(
			`${paint[finding.status](icons[finding.status])} ${style.strong(finding.title)}: ${safe(finding.detail)}`,
		);
		for (const line of finding.lines ?? []) lines.push(`  ${style.muted('·')} ${safe(line)}`);
		if (finding.fix && finding.status !== 'pass') {
			lines.push(`  ${style.muted('→')} ${safe(finding.fix.text)}`);
			if (finding.fix.command) lines.push(`    ${style.code(safe(finding.fix.command))}`);
		}
	}

	return `${lines.join('\n')}\n`;
}

/** The line naming the profile in force, and notes about one that was ignored or no longer fits. */
function describeProfile(
	pinned: PinnedProfileRead,
	used: boolean,
	findings: readonly Finding[],
	cwd: string,
): {line: string | undefined; notes: string[]} {
	const notes: string[] = [];
	const where = (file: string) => (path.dirname(file) === cwd ? path.basename(file) : file);
	if (pinned.ignored) notes.push(`${where(pinned.ignored.file)} ignored: it ${pinned.ignored.reason}.`);
	const {profile} = pinned;
	if (!profile) return {line: undefined, notes};
	const label = `${profile.name ? `profile '${profile.name}'` : 'the pinned profile'} (${where(profile.file)})`;
	if (!used) {
		return {line: `Not using ${label}: --subscription overrides it.`, notes};
	}

	const found = findings.find(finding => finding.id === 'subscription-tenant')?.facts?.tenantId;
	if (found && found.toLowerCase() !== profile.tenantId) {
		notes.push(
			`${label} pins tenant ${profile.tenantId}, but subscription ${profile.subscriptionId} is in tenant ${found} now: pin it again.`,
		);
	}

	return {
		line: `Using ${label}: subscription ${profile.subscriptionId}, tenant ${profile.tenantId}.`,
		notes,
	};
}

export function createCheckCommand(
	makeServices: ServicesFactory = servicesForCommand,
	readProfile: (location: ProfileLocation) => Promise<PinnedProfileRead> = location => createProfiles(location).read(),
): Command {
	return {
		name: 'check',
		summary: 'live preflight of the current context (CI-friendly)',
		usage,
		async run(args, context) {
			const {values, positionals} = parseCommandArgs(
				args,
				{
					subscription: {type: 'string'},
					tenant: {type: 'string'},
					resource: {type: 'string'},
					credential: {type: 'string'},
					'aux-tenant': {type: 'string', multiple: true},
					url: {type: 'string'},
					sdk: {type: 'string'},
					chain: {type: 'string'},
					ci: {type: 'string'},
					action: {type: 'string'},
					scope: {type: 'string'},
					'no-profile': {type: 'boolean'},
				},
				'check',
			);
			if (positionals.length > 0) throw new UsageError(`check: unexpected argument '${positionals[0]!.slice(0, 40)}'`);
			if (values.ci !== undefined && !(ciKinds as readonly string[]).includes(values.ci)) {
				throw new UsageError(`--ci takes one of ${ciKinds.join(', ')}, not '${values.ci.slice(0, 40)}'`);
			}

			const ci = (values.ci as CiKind | undefined) ?? detectCi(context.io.env);
			const pinned = values['no-profile'] ? {profile: undefined} : await readProfile(context.io);
			const {profile} = pinned;
			const {target, profileUsed} = resolveTarget(
				{
					subscription: values.subscription,
					tenant: values.tenant,
					resource: values.resource,
					credential: values.credential,
					auxTenants: values['aux-tenant'] ?? [],
					url: values.url,
					sdk: values.sdk,
					chain: values.chain,
					action: values.action,
					scope: values.scope,
				},
				{...(profile ? {profile} : {}), env: context.io.env},
			);
			const services = await makeServices(context);
			const timeoutMs = Math.round(context.global.timeoutSeconds * 1000);
			const findings = await runChecks(defaultCheckIds, target, services, {timeoutMs: timeoutMs * 3 + 500});
			const problems = findings.some(finding => finding.status === 'fail' || finding.status === 'error');
			const profileNote = describeProfile(pinned, profileUsed, findings, context.io.cwd);
			if (context.global.json) {
				const document = {
					verdict: problems ? 'problems' : 'ok',
					cloud: {name: services.cloud.name, resourceManager: services.cloud.resourceManager},
					...(profile
						? {
								profile: {
									name: profile.name ?? null,
									origin: profile.origin,
									file: profile.file,
									subscriptionId: profile.subscriptionId,
									tenantId: profile.tenantId,
									used: profileUsed,
								},
							}
						: {}),
					...(profileNote.notes.length > 0 ? {notes: profileNote.notes} : {}),
					checks: findings.map(finding => ({
						id: finding.id,
						status: finding.status,
						title: finding.title,
						detail: finding.detail,
						...(finding.fix ? {fix: finding.fix} : {}),
						...(finding.facts ? {facts: finding.facts} : {}),
						...(finding.lines ? {lines: finding.lines} : {}),
					})),
				};
				context.io.stdout.write(`${terminalSafeJson(redactJsonValue(document))}\n`);
			} else {
				const style = createStyle(context.global.color);
				if (profileNote.line) context.io.stdout.write(`${neutralizeTerminalText(profileNote.line)}\n`);
				for (const note of profileNote.notes)
					context.io.stdout.write(`${style.warn(icons.warn)} ${neutralizeTerminalText(note)}\n`);
				if (profileNote.line || profileNote.notes.length > 0) context.io.stdout.write('\n');
				context.io.stdout.write(formatFindings(findings, context.global.color));
				const counts = ['pass', 'warn', 'fail', 'error', 'skip']
					.map(status => [status, findings.filter(finding => finding.status === status).length] as const)
					.filter(([, count]) => count > 0)
					.map(([status, count]) => `${count} ${status}`)
					.join(', ');
				context.io.stdout.write(
					`\n${problems ? 'Problems found' : 'All checks passed'} (${counts}) against ${services.cloud.name}.\n`,
				);
			}

			if (ci !== 'none') {
				const published = await publishToCi(ci, findings, {env: context.io.env, cloud: services.cloud.name});
				// The runner reads commands from either stream; stdout stays one JSON document with --json.
				const stream = context.global.json ? context.io.stderr : context.io.stdout;
				for (const line of published.annotations) stream.write(`${line}\n`);
				if (published.summary?.error) {
					context.io.stderr.write(
						`authfix: the job summary could not be written to ${neutralizeTerminalText(published.summary.file)}: ${published.summary.error}\n`,
					);
				}
			}

			return problems ? exitCodes.problems : exitCodes.ok;
		},
	};
}

export const command = createCheckCommand();
