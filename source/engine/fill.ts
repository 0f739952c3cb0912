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

export function fillPlaceholders(text: string, facts: Facts): string {
	return text.replaceAll(/\{([a-zA-Z]+)\}/g, (_match, name: string) => {
		const value = facts[name];
		return value === undefined || value === '' ? standIn(name) : value;
	});
}
