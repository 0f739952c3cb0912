/**
A fix node's steps as this session shows them: a step written for several languages
(knowledge/code-fixes.ts) in the language of the failing client when the session knows it (the
`language` fact: the pasted error's, or the SDK or tool the credential sources show), and as written
for any language otherwise. The screen, the saved report and the plain guidance all show these.
*/
import {isLanguageId} from '../knowledge/languages.ts';
import type {Facts} from '../tree/facts.ts';
import type {FixStep} from '../tree/types.ts';

/** What one step shows: a sentence, and a command to run or code to put in the program. */
export type ShownStep = {readonly text: string; readonly command?: string; readonly code?: string};

export function shownSteps(steps: readonly FixStep[], facts: Facts): ShownStep[] {
	const language = isLanguageId(facts.language) ? facts.language : undefined;
	return steps.map(step => {
		const own = language === undefined ? undefined : step.inLanguage?.[language];
		const shown = own ?? step;
		return {
			text: shown.text,
			...(shown.command === undefined ? {} : {command: shown.command}),
			...(shown.code === undefined ? {} : {code: shown.code}),
		};
	});
}
