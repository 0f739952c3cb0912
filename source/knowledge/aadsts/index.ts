import type {KnowledgeEntry} from '../types.ts';

/** Every AADSTS code entry. Filled by the knowledge-base work (issue 2). */
export const aadstsEntries: readonly KnowledgeEntry[] = [];
