/**
The OIDC issuers of the places where workloads run, as the sandbox's own loopback stand-ins: a
GitHub-Actions-like issuer (the job's ID token endpoint, `{value}`), an Azure-DevOps-like issuer (the
service connection's OIDC endpoint, `{oidcToken}`) and an AKS-like cluster issuer (projected service
account tokens). Each publishes OpenID discovery and its JWKS and signs with its own key, so Entra
(and jose, and the real clients) verify its tokens as they verify the real ones. Claims follow the
real tokens (GitHub's documented claim set and subject rules; `sc://ORG/PROJECT/CONNECTION`;
`system:serviceaccount:NS:NAME` with the `kubernetes.io` claim).
*/
import {randomBytes} from 'node:crypto';
import path from 'node:path';
import type {SandboxRequest, SandboxResponse} from './http.ts';
import type {WorkloadDefinition} from './scenario.ts';
import {loadOrCreateSigner, newId, type TokenSigner} from './tokens.ts';

export const exchangeAudience = 'api://AzureADTokenExchange';

/** How long each kind of token lives, in seconds: Azure DevOps' idToken 10 minutes, a projected token's default hour; GitHub's lifetime is not in the sources, 10 minutes is assumed. */
const lifetime = {'github-actions': 600, 'azure-pipelines': 600, kubernetes: 3600} as const;

/** The paths under the issuers' origin, and the placeholders scenarios write issuers with. */
export const issuerPaths = {
	github: '/github-actions',
	azurePipelines: '/vstoken',
	aks: '/aks',
} as const;

export type WorkloadIssuers = {
	/** `{githubIssuer}`, `{azurePipelinesIssuer}`, `{aksIssuer}` → their URLs (the last two take the org or cluster after them). */
	readonly placeholders: Readonly<Record<string, string>>;
	/** The issuer a workload's tokens carry. */
	issuerOf(workload: WorkloadDefinition): string;
	/** The signer of an issuer URL this sandbox serves, to verify its tokens. */
	signerFor(issuer: string): TokenSigner | undefined;
	/** The environment the workload's job or pod has (the request URL and secret of its token endpoint). */
	environmentOf(workload: WorkloadDefinition): Record<string, string>;
	/** A token as the workload gets it: the job's, for `audience`; the pod's projected token. */
	mint(workload: WorkloadDefinition, audience?: string): Promise<string>;
	handle(request: SandboxRequest): Promise<SandboxResponse>;
};

type IssuerKeys = {readonly github: TokenSigner; readonly azurePipelines: TokenSigner; readonly aks: TokenSigner};

export async function loadIssuerKeys(stateDirectory: string): Promise<IssuerKeys> {
	const [github, azurePipelines, aks] = await Promise.all(
		['github-actions', 'azure-pipelines', 'aks'].map(name =>
			loadOrCreateSigner(path.join(stateDirectory, 'issuers', name)),
		),
	);
	return {github: github!, azurePipelines: azurePipelines!, aks: aks!};
}

/** GitHub's default subject: the environment when the job has one, else `pull_request`, else the ref. */
export function githubSubject(workload: Extract<WorkloadDefinition, {kind: 'github-actions'}>): string {
	const [owner, repo] = workload.repository.split('/');
	const name = workload.idBasedSubject
		? `${owner}@${workload.repositoryOwnerId}/${repo}@${workload.repositoryId}`
		: workload.repository;
	const context = workload.environment
		? `environment:${workload.environment}`
		: workload.eventName === 'pull_request'
			? 'pull_request'
			: `ref:${workload.ref}`;
	return `repo:${name}:${context}`;
}

export function createWorkloadIssuers(options: {
	readonly origin: string;
	readonly keys: IssuerKeys;
	readonly workloads: readonly WorkloadDefinition[];
	readonly now: () => number;
}): WorkloadIssuers {
	const {origin, keys, workloads} = options;
	const githubIssuer = `${origin}${issuerPaths.github}`;
	const azurePipelinesBase = `${origin}${issuerPaths.azurePipelines}`;
	const aksBase = `${origin}${issuerPaths.aks}`;
	// Each job's endpoint secret: what ACTIONS_ID_TOKEN_REQUEST_TOKEN and SYSTEM_ACCESSTOKEN hold.
	const secrets = new Map(workloads.map(workload => [workload.name, randomBytes(24).toString('base64url')]));

	const issuerOf = (workload: WorkloadDefinition) =>
		workload.kind === 'github-actions'
			? githubIssuer
			: workload.kind === 'azure-pipelines'
				? `${azurePipelinesBase}/${workload.organizationId}`
				: `${aksBase}/${workload.tenantId}/${workload.clusterId}/`;
	const signerOf = (workload: WorkloadDefinition) =>
		workload.kind === 'github-actions'
			? keys.github
			: workload.kind === 'azure-pipelines'
				? keys.azurePipelines
				: keys.aks;

	async function mint(workload: WorkloadDefinition, audience?: string): Promise<string> {
		const now = Math.floor(options.now() / 1000);
		const times = {iat: now, nbf: now - 5, exp: now + lifetime[workload.kind]};
		const issuer = issuerOf(workload);
		if (workload.kind === 'github-actions') {
			const [owner = ''] = workload.repository.split('/');
			const sha = workload.sha ?? 'e0f1a2b3c4d5e6f708192a3b4c5d6e7f80910111';
			const workflowRef = `${workload.repository}/.github/workflows/${workload.workflowFile ?? 'deploy.yml'}@${workload.ref}`;
			return signerOf(workload).sign(
				{
					jti: newId(),
					sub: githubSubject(workload),
					...(workload.environment ? {environment: workload.environment} : {}),
					aud: audience ?? `https://github.com/${owner}`,
					ref: workload.ref,
					sha,
					repository: workload.repository,
					repository_owner: owner,
					actor_id: '1000001',
					repository_visibility: 'private',
					repository_id: workload.repositoryId,
					repository_owner_id: workload.repositoryOwnerId,
					run_id: '9000000001',
					run_number: '42',
					run_attempt: '1',
					runner_environment: 'github-hosted',
					actor: 'octocat',
					workflow: workload.workflow ?? 'Deploy',
					head_ref: '',
					base_ref: '',
					event_name: workload.eventName ?? 'push',
					ref_type: workload.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
					workflow_ref: workflowRef,
					workflow_sha: sha,
					job_workflow_ref: workflowRef,
					job_workflow_sha: sha,
					iss: issuer,
					...times,
				},
				{x5t: keys.github.kid},
			);
		}

		if (workload.kind === 'azure-pipelines') {
			return signerOf(workload).sign({
				jti: newId(),
				sub: `sc://${workload.organization}/${workload.project}/${workload.serviceConnection.name}`,
				aud: audience ?? exchangeAudience,
				iss: issuer,
				...times,
			});
		}

		return signerOf(workload).sign({
			aud: [audience ?? exchangeAudience],
			iss: issuer,
			sub: `system:serviceaccount:${workload.namespace}:${workload.serviceAccount}`,
			'kubernetes.io': {
				namespace: workload.namespace,
				pod: {name: `${workload.serviceAccount}-7d9c5b6f4-x2k8p`, uid: newId()},
				serviceaccount: {name: workload.serviceAccount, uid: newId()},
			},
			...times,
		});
	}

	const discovery = (issuer: string, jwksUri: string) => ({
		status: 200,
		body: {
			issuer,
			jwks_uri: jwksUri,
			response_types_supported: ['id_token'],
			subject_types_supported: ['public', 'pairwise'],
			id_token_signing_alg_values_supported: ['RS256'],
			claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf'],
		},
	});
	const jwks = (signer: TokenSigner) => ({status: 200, body: {keys: [signer.jwk]}});
	const bearer = (request: SandboxRequest) =>
		/^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];

	async function handle(request: SandboxRequest): Promise<SandboxResponse> {
		const {path: requestPath} = request;
		// GitHub Actions: discovery, keys, and each job's ID token endpoint.
		if (requestPath === `${issuerPaths.github}/.well-known/openid-configuration`) {
			return discovery(githubIssuer, `${githubIssuer}/.well-known/jwks`);
		}

		if (requestPath === `${issuerPaths.github}/.well-known/jwks`) return jwks(keys.github);
		const githubJob = new RegExp(
			`^${issuerPaths.github}/_apis/distributedtask/hubs/Actions/plans/[\\w-]+/jobs/([\\w-]+)/idtoken$`,
		).exec(requestPath);
		if (githubJob && request.method === 'GET') {
			const workload = workloads.find(
				candidate => candidate.kind === 'github-actions' && candidate.name === githubJob[1],
			);
			if (!workload || bearer(request) !== secrets.get(workload.name)) {
				return {status: 401, body: {message: 'The user is not authorized to access this resource.'}};
			}

			return {status: 200, body: {value: await mint(workload, request.query.get('audience') ?? undefined)}};
		}

		// Azure DevOps: each organisation's issuer, and the service connection OIDC endpoint of a job.
		const pipelinesDiscovery = new RegExp(
			`^${issuerPaths.azurePipelines}/([\\w-]+)/\\.well-known/openid-configuration$`,
		).exec(requestPath);
		if (pipelinesDiscovery) {
			const issuer = `${azurePipelinesBase}/${pipelinesDiscovery[1]}`;
			return discovery(issuer, `${issuer}/.well-known/jwks`);
		}

		if (new RegExp(`^${issuerPaths.azurePipelines}/[\\w-]+/\\.well-known/jwks$`).test(requestPath))
			return jwks(keys.azurePipelines);
		const pipelinesJob =
			/^\/azure-pipelines\/[\w-]+\/[\w-]+\/_apis\/distributedtask\/hubs\/build\/plans\/[\w-]+\/jobs\/([\w-]+)\/oidctoken$/.exec(
				requestPath,
			);
		if (pipelinesJob && request.method === 'POST') {
			const workload = workloads.find(
				candidate => candidate.kind === 'azure-pipelines' && candidate.name === pipelinesJob[1],
			);
			if (workload?.kind !== 'azure-pipelines' || bearer(request) !== secrets.get(workload.name)) {
				return {status: 401, body: {message: 'TF400813: The user is not authorized to access this resource.'}};
			}

			if (request.query.get('serviceConnectionId') !== workload.serviceConnection.id) {
				return {
					status: 400,
					body: {
						message: `Service connection ${request.query.get('serviceConnectionId') ?? ''} was not found or the pipeline may not use it.`,
					},
				};
			}

			return {status: 200, body: {oidcToken: await mint(workload, request.query.get('audience') ?? undefined)}};
		}

		// AKS: the cluster's issuer serves discovery and its keys under the issuer path (which ends in /).
		const cluster = new RegExp(
			`^${issuerPaths.aks}/([\\w-]+)/([\\w-]+)/(\\.well-known/openid-configuration|openid/v1/jwks)$`,
		).exec(requestPath);
		if (cluster) {
			const issuer = `${aksBase}/${cluster[1]}/${cluster[2]}/`;
			return cluster[3] === 'openid/v1/jwks' ? jwks(keys.aks) : discovery(issuer, `${issuer}openid/v1/jwks`);
		}

		// The kubelet's part, for clients outside the sandbox's process: a pod's projected token, as the file holds it.
		const kubelet = /^\/kubelet\/([\w-]+)\/token$/.exec(requestPath);
		const pod = kubelet
			? workloads.find(candidate => candidate.kind === 'kubernetes' && candidate.name === kubelet[1])
			: undefined;
		if (pod && request.method === 'GET') return {status: 200, body: await mint(pod)};
		return {status: 404, body: {message: `The sandbox's workload issuers have nothing at ${requestPath}.`}};
	}

	return {
		placeholders: {
			'{githubIssuer}': githubIssuer,
			'{azurePipelinesIssuer}': azurePipelinesBase,
			'{aksIssuer}': aksBase,
		},
		issuerOf,
		signerFor(issuer) {
			if (issuer === githubIssuer) return keys.github;
			if (issuer.startsWith(`${azurePipelinesBase}/`)) return keys.azurePipelines;
			if (issuer.startsWith(`${aksBase}/`)) return keys.aks;
			return undefined;
		},
		environmentOf(workload): Record<string, string> {
			const secret = secrets.get(workload.name) ?? '';
			if (workload.kind === 'github-actions') {
				return {
					GITHUB_ACTIONS: 'true',
					GITHUB_REPOSITORY: workload.repository,
					GITHUB_REPOSITORY_ID: workload.repositoryId,
					GITHUB_REPOSITORY_OWNER_ID: workload.repositoryOwnerId,
					GITHUB_REF: workload.ref,
					GITHUB_EVENT_NAME: workload.eventName ?? 'push',
					GITHUB_WORKFLOW: workload.workflow ?? 'Deploy',
					ACTIONS_ID_TOKEN_REQUEST_URL: `${githubIssuer}/_apis/distributedtask/hubs/Actions/plans/${newId()}/jobs/${workload.name}/idtoken?api-version=2.0`,
					ACTIONS_ID_TOKEN_REQUEST_TOKEN: secret,
				};
			}

			if (workload.kind === 'azure-pipelines') {
				return {
					TF_BUILD: 'True',
					SYSTEM_COLLECTIONURI: `https://dev.azure.com/${workload.organization}/`,
					SYSTEM_TEAMPROJECT: workload.project,
					SYSTEM_OIDCREQUESTURI: `${origin}/azure-pipelines/${workload.organization}/${workload.projectId}/_apis/distributedtask/hubs/build/plans/${newId()}/jobs/${workload.name}/oidctoken`,
					SYSTEM_ACCESSTOKEN: secret,
					AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: workload.serviceConnection.id,
				};
			}

			return {KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '443'};
		},
		mint,
		handle,
	};
}
