/** Named key sequences as a terminal sends them. */
export const keys = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	left: '\u001B[D',
	right: '\u001B[C',
	backspace: '\u007F',
	ctrlC: '\u0003',
	tab: '\t',
	/** Bracketed paste: what a terminal sends when text is pasted (Ink's usePaste). */
	paste: (text: string) => `\u001B[200~${text}\u001B[201~`,
} as const;
