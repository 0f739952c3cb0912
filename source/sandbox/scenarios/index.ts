import type {Scenario} from '../scenario.ts';
import {aksWorkloadIdentity} from './aks-workload-identity.ts';
import {auxToken} from './aux-token.ts';
import {expiredToken} from './expired-token.ts';
import {ficCrossTenant} from './fic-cross-tenant.ts';
import {githubOidcSubjectMismatch} from './github-oidc-subject-mismatch.ts';
import {healthy} from './healthy.ts';
import {noRbac} from './no-rbac.ts';
import {pipelineWrongTenant} from './pipeline-wrong-tenant.ts';
import {rbacDenyAssignment} from './rbac-deny-assignment.ts';
import {rbacPimEligible} from './rbac-pim-eligible.ts';
import {rbacStaleToken} from './rbac-stale-token.ts';
import {staleCache} from './stale-cache.ts';
import {tenantMismatch} from './tenant-mismatch.ts';
import {terraformArmVsAzureVars} from './terraform-arm-vs-azure-vars.ts';
import {tokenEndpointError} from './token-endpoint-error.ts';
import {wrongAudience} from './wrong-audience.ts';

/** Every named scenario, in the order `authfix sandbox --scenario list` shows them. */
export const scenarios: readonly Scenario[] = [
	healthy,
	tenantMismatch,
	wrongAudience,
	expiredToken,
	auxToken,
	ficCrossTenant,
	tokenEndpointError,
	staleCache,
	noRbac,
	githubOidcSubjectMismatch,
	pipelineWrongTenant,
	terraformArmVsAzureVars,
	aksWorkloadIdentity,
	rbacPimEligible,
	rbacDenyAssignment,
	rbacStaleToken,
];

export function findScenario(name: string): Scenario | undefined {
	return scenarios.find(scenario => scenario.name === name);
}
