import type {KnowledgeEntry} from '../types.ts';
import {appConfigurationEntries} from './apps-and-redirects.ts';
import {clientCredentialEntries} from './client-credentials.ts';
import {conditionalAccessEntries} from './conditional-access-mfa.ts';
import {consentEntries} from './consent-and-permissions.ts';
import {deviceAndIdpEntries} from './devices-and-identity-providers.ts';
import {federationEntries} from './federation-and-managed-identity.ts';
import {grantEntries} from './grants-and-tokens.ts';
import {longTailEntries} from './long-tail.ts';
import {serviceEntries} from './service-and-misc.ts';
import {tenantEntries} from './tenant-and-authority.ts';
import {userEntries} from './users-and-passwords.ts';

/**
Every AADSTS code entry, one per code, grouped by theme in the files beside this one. Within an entry the
causes are ranked, most likely first.
*/
export const aadstsEntries: readonly KnowledgeEntry[] = [
	...clientCredentialEntries,
	...federationEntries,
	...consentEntries,
	...grantEntries,
	...conditionalAccessEntries,
	...tenantEntries,
	...userEntries,
	...appConfigurationEntries,
	...serviceEntries,
	...deviceAndIdpEntries,
	...longTailEntries,
];
