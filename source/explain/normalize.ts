/**
Turns the many shapes a pasted error comes in into plain text the classifier can read: JSON
escaped inside strings (any depth), literal `\n`/`\t`, HTML entities, Markdown emphasis, terminal
escape sequences, CI log prefixes (`##[error]`, timestamps), Terraform boxes, log-viewer pipes and
hard wraps. Every pattern here is linear: no nested quantifiers, so megabyte pastes stay fast.
*/
import {redactSecrets} from '../safety/redact.ts';
import {glossOf} from './localize.ts';

/** The longest text analysed: beyond it only the head and the tail are read (errors sit at either end). */
export const maxAnalysedLength = 512 * 1024;

export type NormalizedText = {
	/** Unescaped, cleaned, line structure kept, case kept. */
	readonly text: string;
	/** `text` with every run of white space turned into one space (hard wraps joined). */
	readonly flat: string;
	/** `flat` in lower case, for phrase matching. */
	readonly lower: string;
	/**
	What the signals read: `lower`, with the terms of a localised paste rendered in English
	(localize.ts). The same string as `lower` when the text is English.
	*/
	readonly gloss: string;
	/** For each character of a gloss that differs from `lower`, its index in `lower` (and `flat`). */
	readonly glossOrigin?: (index: number) => number;
};

const escapeSequence =
	/\u001B\[[0-?]*[ -/]*[@-~]|\u009B[0-?]*[ -/]*[@-~]|\u001B[\]PX^_][^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[ -/]*[0-~]?/g;
const controlCharacter =
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2069\uFEFF]/g;

const namedEntities: Readonly<Record<string, string>> = {
	quot: '"',
	apos: "'",
	amp: '&',
	lt: '<',
	gt: '>',
	nbsp: ' ',
	lsquo: "'",
	rsquo: "'",
	ldquo: '"',
	rdquo: '"',
	ndash: '-',
	mdash: '-',
	hellip: '...',
};

/** Bounds the text analysed; keeps the head and the tail of a huge paste. */
export function boundLength(text: string): string {
	if (text.length <= maxAnalysedLength) return text;
	const head = Math.floor(maxAnalysedLength * 0.75);
	return `${text.slice(0, head)}\n…\n${text.slice(text.length - (maxAnalysedLength - head))}`;
}

export function stripTerminalEscapes(text: string): string {
	return text.replace(escapeSequence, '').replace(controlCharacter, '');
}

/** `&quot;`, `&#39;`, `&#x27;`: HTML entities (from browser pages, Q&A sites, XML logs). */
export function decodeHtmlEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
			return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}

		return namedEntities[name.toLowerCase()] ?? whole;
	});
}

/**
Undoes JSON and C-style escaping at any depth: `\\\\\\"` is a quote escaped three times, `\\r\\n`
and `\n` literals are line breaks, `\t` a tab, `\u0027` a character. Windows paths lose a
backslash here and there, which does not matter for classification.
*/
export function unescapeLiterals(text: string): string {
	if (!text.includes('\\')) return text;
	// One match per run of backslashes (the escape after it is optional), so long runs stay linear.
	return text.replace(/\\+(u[0-9a-fA-F]{4}|[rnt"'/_*[\]#<>()`])?/g, (_whole, escaped: string | undefined) => {
		if (escaped === undefined) return '\\';
		if (escaped.length === 5) {
			const code = Number.parseInt(escaped.slice(1), 16);
			return code < 0x20 ? ' ' : String.fromCharCode(code);
		}

		return escaped === 'r' || escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
	});
}

/**
A URL or form body pasted as is (`error_description=AADSTS50011%3a+The+reply+URL+…`, MSAL ObjC's
`The+resource+principal+named+…`): percent escapes of printable characters are decoded and `+`
joining words becomes a space. Only when the text clearly is form-encoded: at least two escapes, or
two runs of three `+`-joined words, so a lone `+` or a base64 blob is left alone.
*/
export function decodeFormEncoding(text: string): string {
	let result = text;
	if ((result.match(/%[2-7][0-9a-f]/gi)?.length ?? 0) >= 2) {
		result = result.replace(/%([2-7][0-9a-f])/gi, (whole, hex: string) => {
			const code = Number.parseInt(hex, 16);
			return code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : whole;
		});
	}

	if (result.includes('+') && (result.match(/\+[a-z]{2,30}\+[a-z]/gi)?.length ?? 0) >= 2) {
		result = result.replace(/([a-z0-9.,:;)'"])\+(?=[a-z0-9('"])/gi, '$1 ');
	}

	return result;
}

const htmlTag =
	/<\/?(?:html|head|body|div|span|p|br|hr|a|td|th|tr|table|tbody|thead|li|ul|ol|pre|code|b|i|u|strong|em|small|h[1-6]|title|meta|link|script|style|form|input|button|label|img|section|header|footer|main|nav|noscript|!doctype)\b[^<>]{0,500}>/gi;

/** Browser sign-in pages and HTML error bodies: tags become white space, text stays. */
export function stripHtmlTags(text: string): string {
	return text.includes('<') ? text.replace(htmlTag, ' ') : text;
}

/** Markdown and chat mangling: `**bold**` (not `***` masks), back-ticks, quote markers. */
export function stripMarkdown(text: string): string {
	return text
		.replace(/(?<!\*)\*\*(?!\*)/g, '')
		.replace(/(?<!_)__(?!_)/g, '')
		.replace(/`+/g, '')
		.replace(/^[ \t]*>[ \t]?/gm, '');
}

const linePrefixes = [
	// GitHub Actions / Azure DevOps: `2024-01-01T10:00:00.1234567Z ##[error]…`
	/^[ \t]*\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?[ \t]+/,
	/^[ \t]*##\[(?:error|warning|debug|section|command|group|endgroup|info)\][ \t]*/i,
	/^[ \t]*::(?:error|warning|debug|notice)[^:]*::/i,
	// `[2021-07-04T10:14:54.088Z] ` function host and many loggers
	/^[ \t]*\[\d{4}-\d\d-\d\d[T ][\d:.,]+Z?\][ \t]*/,
	// PowerShell error records: `+ CategoryInfo : …`
	/^[ \t]*\+[ \t]+/,
];

/** Per-line prefixes from CI logs and loggers, Terraform box drawing, log-viewer pipes. */
export function stripLinePrefixes(text: string): string {
	const boxed = text.replace(/[│┃║╷╵╎┆|]+/g, ' ').replace(/[─━═]{3,}/g, ' ');
	const lines = boxed.split('\n');
	for (let index = 0; index < lines.length; index++) {
		let line = lines[index]!;
		for (const prefix of linePrefixes) line = line.replace(prefix, '');
		lines[index] = line;
	}

	return lines.join('\n');
}

/**
A terminal that wraps a long line at its width and is then copied gives lines of exactly that
width, split mid-word. When at least two lines share the greatest length (60 columns or more), those
lines are joined to the next without a space.
*/
export function unwrapTerminalLines(text: string): string {
	const lines = text.split('\n');
	if (lines.length < 3) return text;
	const counts = new Map<number, number>();
	let widest = 0;
	for (const line of lines) {
		widest = Math.max(widest, line.length);
		counts.set(line.length, (counts.get(line.length) ?? 0) + 1);
	}

	if (widest < 60 || (counts.get(widest) ?? 0) < 2) return text;
	let result = '';
	for (const [index, line] of lines.entries()) {
		result += line;
		if (index < lines.length - 1) result += line.length === widest ? '' : '\n';
	}

	return result;
}

/**
Words split by a hard wrap with a stray space inside a GUID or code are left alone: the flat form joins lines.

Secrets go before anything is read (safety/redact.ts): once as pasted, where a secret is still whole
(decoding `%26` or dropping a `|` could cut one in two and leave a piece unseen), and again after
the unescaping, which can bring escaped or encoded ones to light. Nothing the classifier, the
entities or an excerpt takes from the text can then carry one.
*/
export function normalizeText(raw: string): NormalizedText {
	let text = redactSecrets(unwrapTerminalLines(boundLength(raw).replace(/\r\n?/g, '\n')));
	text = stripTerminalEscapes(text);
	text = decodeHtmlEntities(text);
	text = decodeFormEncoding(text);
	text = unescapeLiterals(text);
	// Entities can hide inside escaped JSON and the other way round.
	text = decodeHtmlEntities(text).replace(/\r\n?/g, '\n');
	// Decoding can make control characters (`&#x1b;`, `\u009b`, `&#x202e;`): they go again.
	text = stripTerminalEscapes(text);
	text = stripHtmlTags(text);
	text = stripMarkdown(text);
	text = stripLinePrefixes(text);
	text = text.replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ').replace(/[\u2018\u2019\u201A\u2032]/g, "'");
	text = text.replace(/[\u201C\u201D\u201E\u2033]/g, '"').replace(/[\u2010-\u2015]/g, '-');
	text = redactSecrets(text);
	const flat = text.replace(/\s+/g, ' ').trim();
	const lower = flat.toLowerCase();
	const gloss = glossOf(lower);
	return gloss ? {text, flat, lower, gloss: gloss.text, glossOrigin: gloss.origin} : {text, flat, lower, gloss: lower};
}
