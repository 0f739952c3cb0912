/**
The words of a text; a command written inline in backticks is one word, so a wrap never breaks it
(it survives copying).
*/
function wordsOf(text: string): string[] {
	return text.match(/(?:[^\s`]*`[^`]*`)+[^\s`]*|\S+/g) ?? [];
}

/** Greedy word wrap; words longer than the width (and inline `commands`) stay whole. */
export function wrap(text: string, width: number, indent: string, firstIndent = indent): string[] {
	const lines: string[] = [];
	let line = firstIndent;
	let lineHasWord = false;
	for (const word of wordsOf(text)) {
		if (lineHasWord && line.length + 1 + word.length > width) {
			lines.push(line);
			line = indent + word;
		} else {
			line = lineHasWord ? `${line} ${word}` : line + word;
		}

		lineHasWord = true;
	}

	if (lineHasWord) lines.push(line);
	return lines;
}
