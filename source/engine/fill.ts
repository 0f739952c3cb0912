/**
Fills `{placeholders}` of tree texts and commands from the session's facts (tree/facts.ts names
them). An unknown one stays readable as a stand-in (`<subscription-tenant-id>`), never silently dropped.
*/
import {type Facts, isFactName} from '../tree/facts.ts';

/** `subscriptionTenant` → `<subscription-tenant-id>`: what an unknown fact reads as, never dropped silently. */
export function standIn(name: string): string {
	const kebab = name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
	if (/(^|-)tenant$/.test(kebab)) return `<${kebab}-id>`;
	return `<${kebab}>`;
}

/** The value of a fact, or undefined when it is unknown (or not a fact's name at all). */
export function factValue(facts: Facts, name: string): string | undefined {
	const value = isFactName(name) ? facts[name] : undefined;
	return value === undefined || value === '' ? undefined : value;
}

export function fillPlaceholders(text: string, facts: Facts): string {
	return text.replaceAll(/\{([a-zA-Z]+)\}/g, (_match, name: string) => factValue(facts, name) ?? standIn(name));
}

/**
A value as it may stand in a command the user copies into a shell: ids, tenants, URLs, user names.
Anything else (quotes, spaces, `;`, `|`, `$(`…) came from pasted or remote data and gets the stand-in.
*/
const commandSafe = /^[\w.:/@+=,~%-]+$/;
/** Inside double quotes (`--role "{role}"`) spaces and parentheses are safe too; quotes, `$`, backquotes and backslashes never. */
const quotedSafe = /^[\w.:/@+=,~%() -]+$/;

/** Fills a command's `{placeholders}`; a fact that is not command-safe shows as its stand-in. */
export function fillCommand(command: string, facts: Facts): string {
	return command.replaceAll(/("?)\{([a-zA-Z]+)\}("?)/g, (_match, open: string, name: string, close: string) => {
		const value = factValue(facts, name);
		const safe = open && close ? quotedSafe : commandSafe;
		return `${open}${value !== undefined && safe.test(value) ? value : standIn(name)}${close}`;
	});
}
