/**
Fills `{placeholders}` of tree texts and commands from the session's facts. An unknown one stays
readable as a stand-in (`<subscription-tenant-id>`), never silently dropped.
*/
import type {Facts} from './session.ts';

function standIn(name: string): string {
	const kebab = name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
	if (/(^|-)tenant$/.test(kebab)) return `<${kebab}-id>`;
	return `<${kebab}>`;
}

/**
The same fact under the names the checks (issue 4), `explain`'s entities and token claims use, in
order of preference: a placeholder takes the first one known.
*/
const aliases: Readonly<Record<string, readonly string[]>> = {
	subscriptionTenant: ['subscriptionTenantId', 'expectedTenantId'],
	tokenTenant: ['tokenTenantId', 'tid', 'staleTenantId', 'profileTenantId'],
	audience: ['aud'],
	armAudience: ['armResource'],
	principalId: ['principalObjectId', 'oid'],
	clientId: ['appid', 'azp'],
	auxTenant: ['auxTenantId', 'auxiliaryTenant'],
	tenantId: ['subscriptionTenantId', 'expectedTenantId'],
};

/** The value of a fact under its own name or one of its aliases. */
export function factValue(facts: Facts, name: string): string | undefined {
	for (const key of [name, ...(aliases[name] ?? [])]) {
		const value = facts[key];
		if (value !== undefined && value !== '') return value;
	}

	return undefined;
}

export function fillPlaceholders(text: string, facts: Facts): string {
	return text.replaceAll(/\{([a-zA-Z]+)\}/g, (_match, name: string) => factValue(facts, name) ?? standIn(name));
}

/**
A value as it may stand in a command the user copies into a shell: ids, tenants, URLs, user names.
Anything else (quotes, spaces, `;`, `|`, `$(`…) came from pasted or remote data and gets the stand-in.
*/
const commandSafe = /^[\w.:/@+=,~%-]+$/;

/** Fills a command's `{placeholders}`; a fact that is not command-safe shows as its stand-in. */
export function fillCommand(command: string, facts: Facts): string {
	return command.replaceAll(/\{([a-zA-Z]+)\}/g, (_match, name: string) => {
		const value = factValue(facts, name);
		return value !== undefined && commandSafe.test(value) ? value : standIn(name);
	});
}
