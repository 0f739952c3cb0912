import type {FindingFix} from '../findings/finding.ts';
import type {AzAccount} from '../ports/services.ts';

/** `az login` for the kind of account that is signed in: a service principal needs its own flags. */
export function loginFix(account: AzAccount | undefined, tenantId: string | undefined, why: string): FindingFix {
	const tenant = tenantId ? ` --tenant ${tenantId}` : '';
	if (account?.userType === 'servicePrincipal') {
		return {
			text: `${why} Sign the service principal in to that tenant (the secret stays in your secret store):`,
			command: `az login --service-principal --username ${account.userName}${tenant} --password "$AZURE_CLIENT_SECRET"`,
		};
	}

	return {text: why, command: `az login${tenant}`};
}
