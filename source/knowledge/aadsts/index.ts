import type {KnowledgeEntry} from '../types.ts';
import {clientCredentialEntries} from './client-credentials.ts';

/**
Every AADSTS code entry, one per code, grouped by theme in the files beside this one. Within an entry the
causes are ranked, most likely first.
*/
export const aadstsEntries: readonly KnowledgeEntry[] = [...clientCredentialEntries];
