/**
What a regular expression needs to find in a text before it can match at all: the literal pieces
that every match contains (one of several, for a top-level alternation). `explain` runs hundreds of
patterns over a paste, and V8 compiles each one the first time it runs: checking a pattern's anchor
with `includes` first skips the patterns that cannot match, so a short paste compiles only a few.

The reading is conservative: where the source has anything this reader does not follow (a
back-reference, a Unicode escape, a class, a group), the literal run stops there; a pattern with no
literal it can vouch for gets no anchor and always runs. test/corpus/anchors.test.ts holds every
signal to it on every corpus text: whenever the pattern matches, its anchor is in the text.
*/

/** The literal runs one alternative of a pattern source always contains (its top level only). */
function runsOf(source: string): string[] | undefined {
	const runs: string[] = [];
	let run = '';
	const close = () => {
		if (run) runs.push(run);
		run = '';
	};

	let index = 0;
	while (index < source.length) {
		const char = source[index]!;
		if (char === '(' || char === '[') {
			// A group or a class: skip to its end (escapes and nesting honoured); it breaks the run.
			const end = skipBracketed(source, index);
			if (end === undefined) return undefined;
			close();
			index = end;
			index = skipQuantifier(source, index);
			continue;
		}

		if (char === '\\') {
			const next = source[index + 1];
			if (next === undefined) return undefined;
			// Zero-width: \b and \B assert, they do not consume, so the run goes on.
			if (next === 'b' || next === 'B') {
				index += 2;
				continue;
			}

			const literal = /[\\/.^$|?*+()[\]{}\-'"!#%&,:;<=>@_`~ ]/.test(next) ? next : undefined;
			if (literal === undefined) {
				// \d, \w, \s, \n, \u…, \x…, \p{…}, back-references: not read as literals.
				close();
				index += 2;
				if (next === 'u' || next === 'x' || next === 'p' || next === 'P' || next === 'k' || next === 'c')
					return undefined;
				index = skipQuantifier(source, index);
				continue;
			}

			index = appendLiteral(source, index + 2, literal);
			continue;
		}

		if (char === '.' || char === '^' || char === '$') {
			close();
			index = skipQuantifier(source, index + 1);
			continue;
		}

		if (char === '|') return undefined;
		if ('?*+{'.includes(char)) return undefined;
		index = appendLiteral(source, index + 1, char);
	}

	close();
	return runs;

	/** Adds a literal character, unless a quantifier makes it optional or repeats it (then the run ends). */
	function appendLiteral(text: string, after: number, literal: string): number {
		const quantifier = text[after];
		if (quantifier === '?' || quantifier === '*' || (quantifier === '{' && /^\{0[,}]/.test(text.slice(after)))) {
			close();
			return skipQuantifier(text, after);
		}

		if (quantifier === '+' || quantifier === '{') {
			// Present at least once: it belongs to this run, and the run ends after it.
			run += literal;
			close();
			return skipQuantifier(text, after);
		}

		run += literal;
		return after;
	}
}

/** Past a quantifier (`?`, `*`, `+`, `{m,n}`, each maybe lazy) at `index`, or `index` itself. */
function skipQuantifier(source: string, index: number): number {
	const char = source[index];
	let end = index;
	if (char === '?' || char === '*' || char === '+') end = index + 1;
	else if (char === '{') {
		const close = source.indexOf('}', index);
		if (close !== -1 && /^\{\d*,?\d*\}$/.test(source.slice(index, close + 1))) end = close + 1;
	}

	if (end !== index && source[end] === '?') end++;
	return end;
}

/** The index just past the group or class opened at `index`, or undefined when it does not close. */
function skipBracketed(source: string, index: number): number | undefined {
	let depth = 0;
	let inClass = false;
	for (let at = index; at < source.length; at++) {
		const char = source[at]!;
		if (char === '\\') {
			at++;
			continue;
		}

		if (inClass) {
			if (char === ']') {
				inClass = false;
				if (depth === 0) return at + 1;
			}

			continue;
		}

		if (char === '[') inClass = true;
		else if (char === '(') depth++;
		else if (char === ')') {
			depth--;
			if (depth === 0) return at + 1;
		}
	}

	return undefined;
}

/** Splits a source at its top-level `|`s (those outside groups and classes). */
function alternativesOf(source: string): string[] {
	const alternatives: string[] = [];
	let start = 0;
	let depth = 0;
	let inClass = false;
	for (let at = 0; at < source.length; at++) {
		const char = source[at]!;
		if (char === '\\') {
			at++;
			continue;
		}

		if (inClass) {
			if (char === ']') inClass = false;
		} else if (char === '[') inClass = true;
		else if (char === '(') depth++;
		else if (char === ')') depth--;
		else if (char === '|' && depth === 0) {
			alternatives.push(source.slice(start, at));
			start = at + 1;
		}
	}

	alternatives.push(source.slice(start));
	return alternatives;
}

/**
The literals a text must contain one of for `pattern` to match it (the longest run of each top-level
alternative), or undefined when the reader cannot vouch for any. Literals of a case-insensitive
pattern are lower case.
*/
export function anchorsOf(pattern: RegExp): readonly string[] | undefined {
	// Unicode-aware case folding differs from toLowerCase in places: no anchors for /iu patterns.
	if (pattern.flags.includes('i') && (pattern.flags.includes('u') || pattern.flags.includes('v'))) return undefined;
	const anchors: string[] = [];
	for (const alternative of alternativesOf(pattern.source)) {
		const runs = runsOf(alternative);
		const longest = runs?.reduce((best, run) => (run.length > best.length ? run : best), '');
		if (!longest || longest.length < 3) return undefined;
		// Case-insensitive matching folds some non-ASCII letters in ways toLowerCase does not (ς/σ): ASCII only.
		if (pattern.flags.includes('i') && !/^[\u0020-\u007e]+$/.test(longest)) return undefined;
		anchors.push(pattern.flags.includes('i') ? longest.toLowerCase() : longest);
	}

	return anchors;
}

const known = new WeakMap<RegExp, readonly string[] | null>();

/**
Whether `pattern` can match `text` at all, asked of its anchors (worked out once per pattern): false
means it cannot, without compiling or running it; true means it has to run. `lower` is the text in
lower case when the caller has it (for case-insensitive patterns).
*/
export function mayMatch(pattern: RegExp, text: string, lower?: string): boolean {
	let anchors = known.get(pattern);
	if (anchors === undefined) {
		anchors = anchorsOf(pattern) ?? null;
		known.set(pattern, anchors);
	}

	if (anchors === null) return true;
	const haystack = pattern.flags.includes('i') ? (lower ?? text.toLowerCase()) : text;
	return anchors.some(anchor => haystack.includes(anchor));
}
