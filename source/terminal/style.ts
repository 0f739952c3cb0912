/**
Semantic terminal styles in one place. Colour is decided once by the composition root
(`--no-color`, `NO_COLOR`, `FORCE_COLOR`, TTY) and passed in, never read from `process` here.
*/
export type Style = {
	readonly pass: (text: string) => string;
	readonly warn: (text: string) => string;
	readonly fail: (text: string) => string;
	readonly muted: (text: string) => string;
	readonly strong: (text: string) => string;
	readonly accent: (text: string) => string;
	readonly code: (text: string) => string;
};

const wrap = (open: number, close: number) => (text: string) => `\u001B[${open}m${text}\u001B[${close}m`;
const plain = (text: string) => text;

export function createStyle(color: boolean): Style {
	if (!color) {
		return {pass: plain, warn: plain, fail: plain, muted: plain, strong: plain, accent: plain, code: plain};
	}

	return {
		pass: wrap(32, 39),
		warn: wrap(33, 39),
		fail: wrap(31, 39),
		muted: wrap(2, 22),
		strong: wrap(1, 22),
		accent: wrap(36, 39),
		code: wrap(36, 39),
	};
}

/** Status icons as `gh auth status` uses them. */
export const icons = {pass: '✓', warn: '!', fail: '✗', skip: '-', error: '✗', info: '•'} as const;

/**
Decides whether to colour output: `--no-color` and `NO_COLOR` (any non-empty value, no-color.org)
turn it off, `FORCE_COLOR` (not "0") turns it on, otherwise only on a TTY.
*/
export function shouldColor(options: {
	readonly noColorFlag: boolean;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly isTty: boolean;
}): boolean {
	if (options.noColorFlag) return false;
	if (options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== '') return false;
	const force = options.env.FORCE_COLOR;
	if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
	if (options.env.TERM === 'dumb') return false;
	return options.isTty;
}
