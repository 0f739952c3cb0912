/**
Azure RBAC against the sandbox with the real clients: the Azure CLI (`az rest` for the role
assignment requests, `az login`, its token cache), curl for ARM's answers as they are on the wire,
and authfix check's role-assignments finding for each RBAC scenario.

This machine's Azure CLI (Debian's 2.45) cannot run `az role assignment create` or `list` at all:
they fail before any request with "'RoleAssignmentsOperations' object has no attribute 'config'"
(Azure/azure-cli#24959, a packaging mismatch). So the command authfix prints is checked against
`az role assignment create --help`, and the requests it makes (the role by name, then the PUT) are
sent with `az rest`.
*/
import {execFile} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {promisify} from 'node:util';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {rbacStaleToken} from '../../source/sandbox/scenarios/rbac-stale-token.ts';
import {ids, replayUrl, type Session, startSession} from './sandbox-session.ts';

vi.setConfig({testTimeout: 180_000});

const run = promisify(execFile);
const subscription = `/subscriptions/${ids.subscriptionA}`;
const group = `${subscription}/resourceGroups/rg-app`;
const readGroup = 'Microsoft.Resources/subscriptions/resourcegroups/read';

let session: Session | undefined;
afterEach(async () => {
	await session?.stop();
	session = undefined;
});

/** A printed command as argv (double quotes group words), without the leading `az`. */
function azArguments(command: string): string[] {
	const words = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map(match => match[1] ?? match[2] ?? '');
	expect(words[0]).toBe('az');
	return words.slice(1);
}

/** The signed-in identity's ARM token from the Azure CLI (its cache while it is valid). */
async function armToken(current: Session): Promise<string> {
	const token = await current.az([
		'account',
		'get-access-token',
		'--tenant',
		ids.tenantA,
		'--query',
		'accessToken',
		'--output',
		'tsv',
	]);
	return token.stdout.trim();
}

/** ARM's answers as these tests read them. */
type ArmBody = {error: {code: string; message: string}; value: unknown[]; [key: string]: unknown};

/** curl against the sandbox's ARM: status line, headers and the JSON body. */
async function curl(current: Session, url: string, token: string) {
	const {stdout} = await run(
		'curl',
		['-sS', '-i', '--cacert', current.env['REQUESTS_CA_BUNDLE']!, '-H', `Authorization: Bearer ${token}`, url],
		{env: {PATH: current.env['PATH']!}, timeout: 30_000},
	);
	const [head = '', body = ''] = stdout.split(/\r?\n\r?\n/);
	return {status: Number(/^HTTP\/[\d.]+ (\d+)/.exec(head)?.[1]), head, json: JSON.parse(body) as ArmBody};
}

/** `az …` that is expected to fail: its exit code and stderr. */
async function azFails(current: Session, args: readonly string[]) {
	try {
		await current.az(args);
	} catch (error) {
		const failed = error as {code?: number; stderr?: string};
		return {code: failed.code, stderr: String(failed.stderr ?? '')};
	}

	throw new Error(`az ${args.join(' ')} succeeded`);
}

describe('no-rbac', () => {
	test('ARM’s 403 on the wire (curl); authfix names the least privileged role and the command; an Owner runs it with az; the call passes', async () => {
		const current = await startSession('no-rbac');
		session = current;
		await current.signIn('ci-app', ids.tenantA, {allowNoSubscriptions: true});

		// curl, with the Azure CLI's token: the 403 as ARM sends it.
		const token = await armToken(current);
		const refused = await curl(current, replayUrl(current), token);
		expect(refused.status).toBe(403);
		expect(refused.head).toMatch(/^x-ms-failure-cause: gateway$/im);
		expect(refused.head).toMatch(/^cache-control: no-cache$/im);
		expect(refused.json).toEqual({
			error: {
				code: 'AuthorizationFailed',
				message: `The client '${ids.ciApp}' with object id '${ids.ciAppInA}' does not have authorization to perform action '${readGroup}' over scope '${group}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
			},
		});
		// The app may not even list its own role assignments there.
		const assignments = `${current.sandbox.cloud.resourceManager}${group}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()`;
		const list = await curl(current, assignments, token);
		expect(list.status).toBe(403);
		expect(list.json.error.message).toContain("perform action 'Microsoft.Authorization/roleAssignments/read'");

		const {byId} = await current.check(['--subscription', ids.subscriptionA, '--url', replayUrl(current)]);
		expect(byId['role-assignments']).toMatchObject({
			status: 'fail',
			facts: {action: readGroup, principalId: ids.ciAppInA, principalType: 'ServicePrincipal', role: 'Reader'},
		});
		const command = byId['role-assignments']?.fix?.command ?? '';
		expect(command).toBe(
			`az role assignment create --assignee-object-id ${ids.ciAppInA} --assignee-principal-type ServicePrincipal --role "Reader" --scope ${byId['role-assignments']?.facts?.['scope']}`,
		);

		// The printed command is one the Azure CLI takes…
		const help = (await current.az(['role', 'assignment', 'create', '--help'])).stdout;
		for (const flag of ['--assignee-object-id', '--assignee-principal-type', '--role', '--scope'])
			expect(help).toContain(flag);
		const argv = azArguments(command);
		const flag = (name: string) => argv[argv.indexOf(name) + 1] ?? '';
		// …and an Owner (Alice) makes its requests with az rest: the role by name, then the assignment.
		await current.az(['account', 'clear']);
		await current.signInUser();
		const arm = current.sandbox.cloud.resourceManager;
		const definitions = JSON.parse(
			(
				await current.az([
					'rest',
					'--method',
					'get',
					'--url',
					`${arm}${flag('--scope')}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=roleName eq '${flag('--role')}'`,
				])
			).stdout,
		) as {value: Array<{id: string}>};
		const created = JSON.parse(
			(
				await current.az([
					'rest',
					'--method',
					'put',
					'--url',
					`${arm}${flag('--scope')}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}?api-version=2022-04-01`,
					'--body',
					JSON.stringify({
						properties: {
							roleDefinitionId: definitions.value[0]?.id,
							principalId: flag('--assignee-object-id'),
							principalType: flag('--assignee-principal-type'),
						},
					}),
				])
			).stdout,
		) as {properties: Record<string, unknown>};
		expect(created.properties).toMatchObject({
			principalId: ids.ciAppInA,
			principalType: 'ServicePrincipal',
			roleDefinitionId: `${subscription}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
		});
		const listed = JSON.parse((await current.az(['rest', '--method', 'get', '--url', assignments])).stdout) as {
			value: Array<{properties: {principalId: string}}>;
		};
		expect(listed.value.map(item => item.properties.principalId).sort()).toEqual([ids.alice, ids.ciAppInA].sort());

		// The app's call passes now, and the check says which role grants it.
		await current.az(['account', 'clear']);
		await current.signIn('ci-app', ids.tenantA, {allowNoSubscriptions: true});
		const replay = JSON.parse((await current.authfix(['replay', 'GET', replayUrl(current), '--json'])).stdout);
		expect(replay).toMatchObject({outcome: 'ok', attempts: [{status: 200}]});
		const after = await current.check(['--subscription', ids.subscriptionA, '--url', replayUrl(current)]);
		expect(after.byId['role-assignments']).toMatchObject({status: 'pass', facts: {grantedRole: 'Reader'}});
	});
});

describe('rbac-deny-assignment', () => {
	test('az rest’s POST is refused by the deny assignment; authfix names it and the stack; excluded, it passes', async () => {
		const current = await startSession('rbac-deny-assignment');
		session = current;
		await current.signIn('ci-app', ids.tenantA, {allowNoSubscriptions: true});
		const url = replayUrl(current);
		const refused = await azFails(current, ['rest', '--method', 'post', '--url', url]);
		expect(refused.stderr).toContain('DenyAssignmentAuthorizationFailed');
		const denies = JSON.parse(
			(
				await current.az([
					'rest',
					'--method',
					'get',
					'--url',
					`${current.sandbox.cloud.resourceManager}${group}/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01&$filter=atScope()`,
				])
			).stdout,
		) as {value: Array<{name: string; properties: {denyAssignmentName: string}}>};
		expect(denies.value.map(item => item.name)).toEqual([ids.stackDenyAssignment]);

		const account = `${group}/providers/Microsoft.Storage/storageAccounts/stcontosodata`;
		const {byId} = await current.check([
			'--subscription',
			ids.subscriptionA,
			'--action',
			'Microsoft.Storage/storageAccounts/listKeys/action',
			'--scope',
			account,
		]);
		expect(byId['role-assignments']).toMatchObject({
			status: 'fail',
			facts: {denyAssignmentId: ids.stackDenyAssignment},
		});
		expect(byId['role-assignments']?.fix?.command).toContain(
			`az stack group create --name app-stack --resource-group rg-app`,
		);
		for (const operation of current.sandbox.scenario.fix.operations) current.sandbox.applyFix(operation);
		const keys = JSON.parse((await current.az(['rest', '--method', 'post', '--url', url])).stdout) as {
			keys: Array<{keyName: string}>;
		};
		expect(keys.keys.map(key => key.keyName)).toEqual(['key1', 'key2']);
	});
});

describe('rbac-pim-eligible', () => {
	test('the user sees her eligibility (curl, asTarget()); authfix says to activate it; activated, the call passes', async () => {
		const current = await startSession('rbac-pim-eligible');
		session = current;
		// No role, so no subscription to sign in to: a tenant-level sign-in, and curl with its token.
		await current.signInUser({allowNoSubscriptions: true});
		const token = await armToken(current);
		expect((await curl(current, replayUrl(current), token)).status).toBe(403);
		const eligible = await curl(
			current,
			`${current.sandbox.cloud.resourceManager}${subscription}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()`,
			token,
		);
		expect(
			(
				eligible.json['value'] as Array<{properties: {expandedProperties: {roleDefinition: {displayName: string}}}}>
			).map(item => item.properties.expandedProperties.roleDefinition.displayName),
		).toEqual(['Contributor']);
		const {byId} = await current.check(['--subscription', ids.subscriptionA, '--url', replayUrl(current)]);
		expect(byId['role-assignments']).toMatchObject({
			status: 'fail',
			facts: {eligibleRole: 'Contributor', eligibleScope: subscription, principalType: 'User'},
		});
		expect(byId['role-assignments']?.detail).toContain('Activate your eligible role Contributor in PIM');
		for (const operation of current.sandbox.scenario.fix.operations) current.sandbox.applyFix(operation);
		expect(await curl(current, replayUrl(current), token)).toMatchObject({status: 200, json: {name: 'rg-app'}});
	});
});

describe('rbac-stale-token', () => {
	test('the Azure CLI keeps a token from before the group was joined: 403; authfix tells it apart; purged and signed in again, it passes', async () => {
		// Alice signs in first; then she joins the readers group (Reader on the subscription).
		const current = await startSession({
			...rbacStaleToken,
			groups: rbacStaleToken.groups?.map(item => ({...item, members: []})),
		});
		session = current;
		await current.signInUser({allowNoSubscriptions: true});
		current.sandbox.applyFix({op: 'add-group-member', groupId: ids.readersGroup, objectId: ids.alice});
		const stale = await curl(current, replayUrl(current), await armToken(current));
		expect(stale).toMatchObject({status: 403, json: {error: {code: 'AuthorizationFailed'}}});

		const {byId} = await current.check(['--subscription', ids.subscriptionA, '--url', replayUrl(current)]);
		expect(byId['role-assignments']).toMatchObject({status: 'fail', facts: {staleToken: 'yes'}});
		expect(byId['role-assignments']?.detail).toContain(`sg-contoso-dev-readers (${ids.readersGroup})`);

		const purged = await current.authfix(['cache', 'purge', '--tenant', ids.tenantA, '--yes']);
		expect(purged.code, purged.stderr).toBe(0);
		await current.signInUser();
		expect(await curl(current, replayUrl(current), await armToken(current))).toMatchObject({
			status: 200,
			json: {name: 'rg-app'},
		});
		const after = await current.check(['--subscription', ids.subscriptionA, '--url', replayUrl(current)]);
		expect(after.byId['role-assignments']).toMatchObject({status: 'pass', facts: {grantedRole: 'Reader'}});
	});
});
