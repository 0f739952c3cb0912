/**
A command laid out for a screen of a given width so that it survives copying: never broken inside
a word or a quoted string. A shell command that is too long breaks at the spaces between its words,
each line but the last ending in ` \` (the shell joins them again when they are pasted); a word
longer than a line (a quoted JSON, a long URL) is not wrapped but shortened in the middle with `…`,
and the caller offers the whole command to copy.
*/

export type CommandLayout = {
	readonly lines: readonly string[];
	/** A word had to be shortened: the lines are for reading, not for copying. */
	readonly shortened: boolean;
};

/** Shell words, each with its quotes: `--parameters '{"a": 1}'` is two words. */
export function shellWords(command: string): string[] {
	const words: string[] = [];
	let word = '';
	let quote: string | undefined;
	for (let index = 0; index < command.length; index++) {
		const character = command[index]!;
		if (quote) {
			word += character;
			if (character === '\\' && quote === '"' && index + 1 < command.length) word += command[++index];
			else if (character === quote) quote = undefined;
		} else if (character === "'" || character === '"') {
			quote = character;
			word += character;
		} else if (character === '\\' && index + 1 < command.length) {
			word += character + command[++index];
		} else if (/\s/.test(character)) {
			if (word !== '') words.push(word);
			word = '';
		} else {
			word += character;
		}
	}

	if (word !== '') words.push(word);
	return words;
}

/** A shell command line (`az …`, `export A=b`, `sudo …`), not code, a scope or a header. */
function isShell(words: readonly string[]): boolean {
	const [first] = words;
	if (!first || first === 'new') return false;
	return /^(?:[A-Za-z_]\w*=\S*|[a-z][\w.-]*)$/.test(first);
}

/** `head…tail` in `width` characters. */
function shorten(word: string, width: number): string {
	const characters = [...word];
	if (characters.length <= width) return word;
	const room = Math.max(1, width - 1);
	const head = Math.ceil(room / 2);
	return `${characters.slice(0, head).join('')}…${characters.slice(characters.length - (room - head)).join('')}`;
}

export function layoutCommand(command: string, width: number): CommandLayout {
	if ([...command].length <= width) return {lines: [command], shortened: false};
	const words = shellWords(command);
	if (!isShell(words)) return {lines: [shorten(command, width)], shortened: true};
	const continuation = ' \\';
	const indent = '  ';
	const lines: string[] = [];
	let shortened = false;
	let line = '';
	for (const [index, original] of words.entries()) {
		const prefix = line === '' ? (lines.length === 0 ? '' : indent) : `${line} `;
		// Every line but the last keeps room for the continuation mark.
		const room = width - (index === words.length - 1 ? 0 : continuation.length);
		const fits = (text: string) => [...text].length <= room;
		if (line !== '' && !fits(prefix + original)) {
			lines.push(line + continuation);
			line = '';
		}

		const start = line === '' ? (lines.length === 0 ? '' : indent) : `${line} `;
		let word = original;
		if (!fits(start + word)) {
			word = shorten(word, room - [...start].length);
			shortened = true;
		}

		line = start + word;
	}

	lines.push(line);
	return {lines, shortened};
}

/**
A URL laid out for reading: broken only after a `/`, `?` or `&`, so no id in it is cut; the first
line leaves `first` columns free (for what stands before it), the others are indented by two. A
part longer than a line is shortened in the middle.
*/
export function layoutUrl(url: string, width: number, first = width): CommandLayout {
	const parts = url.match(/[^/?&]*(?:[/?&]|$)/g)?.filter(Boolean) ?? [url];
	const lines: string[] = [];
	let shortened = false;
	let line = '';
	const room = () => (lines.length === 0 ? first : width - 2);
	for (const part of parts) {
		if (line !== '' && [...line].length + [...part].length > room()) {
			lines.push(line);
			line = '';
		}

		const fitted = [...part].length > room() ? shorten(part, room()) : part;
		shortened ||= fitted !== part;
		line += fitted;
	}

	lines.push(line);
	return {lines: lines.map((text, index) => (index === 0 ? text : `  ${text}`)), shortened};
}
