import type {CheckId, Finding, FindingFix} from '../findings/finding.ts';
import {AdapterError} from '../ports/adapter-error.ts';

/** Finding constructors: every finding carries its check's id and title. */
export function findingFor(id: CheckId, title: string) {
	const make =
		(status: Finding['status']) =>
		(
			detail: string,
			extra: {fix?: FindingFix; facts?: Record<string, string>; lines?: readonly string[]} = {},
		): Finding => ({
			id,
			status,
			title,
			detail,
			...(extra.fix ? {fix: extra.fix} : {}),
			...(extra.facts ? {facts: extra.facts} : {}),
			...(extra.lines && extra.lines.length > 0 ? {lines: extra.lines} : {}),
		});
	return {pass: make('pass'), warn: make('warn'), fail: make('fail'), skip: make('skip'), error: make('error')};
}

/** A sentence for a failed adapter call, and a fix when the failure has a known one. */
export function describeFailure(error: unknown): {detail: string; code: string; fix?: FindingFix} {
	if (error instanceof AdapterError) {
		switch (error.code) {
			case 'not-installed': {
				return {
					detail: error.message,
					code: error.code,
					fix: {
						text: 'Install the Azure CLI: https://aka.ms/azure-cli (Debian/Ubuntu: sudo apt-get install azure-cli)',
					},
				};
			}

			case 'not-signed-in': {
				return {detail: error.message, code: error.code, fix: {text: 'Sign in to the Azure CLI', command: 'az login'}};
			}

			default: {
				return {detail: error.message, code: error.code};
			}
		}
	}

	return {detail: error instanceof Error ? error.message : String(error), code: 'unexpected'};
}
