/**
What the learned classifier (learned.ts) reads of a paste: the words of its English gloss (the same
normalised, glossed text the signals read: normalize.ts, localize.ts) and the concepts the signals
are built of (signals.ts `concepts`, the relations that hold unless they sit in a list of
alternative causes, the words of an authentication failure). One scan per pattern and one over the words: linear in the length of the text.

Words are lower case; numbers and ids lose their digits ('AADSTS50076' → `aadsts#`, a GUID → `#`),
so the model learns from what a message says, not which code or tenant it names (codes are the
rules' to decide). An HTTP status (three digits) is kept. Japanese and Chinese have no spaces: each
Han character is a word, a run of kana another. Concepts are named `@name`.
*/
import {authFailureSignals, concepts, enumeratesCauses, relationSignals} from './signals.ts';

/** Each feature of a text with where it first occurs in the gloss (to quote it as evidence). */
export type Features = Map<string, number>;

/**
Words: a Han character, a run of kana, or a run of other letters, digits and underscores (ASCII
tried first: most words are, and it halves the time on a megabyte).
*/
const wordPattern =
	/\p{Script=Han}|[\p{Script=Hiragana}\p{Script=Katakana}\u30FC]+|(?:[a-z0-9_]|(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])+/gu;

/** Longer runs are identifiers, hashes or base64, never a word of a message. */
const maxWordLength = 40;

/** The word as a feature: digits of codes and ids removed, undefined for what is no word. */
export function wordFeature(word: string): string | undefined {
	if (word.length > maxWordLength) return undefined;
	if (!/\d/.test(word)) return word;
	if (/^\d+$/.test(word)) return word.length === 3 ? word : '#';
	if (word.length >= 6 && /^[\da-f]+$/.test(word)) return '#';
	const digits = word.replace(/\D/g, '').length;
	return digits >= 4 ? word.replace(/\d+/g, '#') : word;
}

function add(features: Features, feature: string, index: number): void {
	if (!features.has(feature)) features.set(feature, index);
}

/** Which features to keep: on a huge paste, only those a model knows. */
export type Keep = {
	readonly feature: (feature: string) => boolean;
	/** Whether any kept pair starts with this word (no other pair is even built). */
	readonly pairAfter: (word: string) => boolean;
};

const keepAll: Keep = {feature: () => true, pairAfter: () => true};

/** The features of a gloss: its words and each pair of neighbouring words (`word word`), and the concepts. */
export function featuresOf(gloss: string, keep: Keep = keepAll): Features {
	const features: Features = new Map();
	let previous: string | undefined;
	wordPattern.lastIndex = 0;
	for (const match of gloss.matchAll(wordPattern)) {
		const word = wordFeature(match[0]);
		if (word === undefined) {
			previous = undefined;
			continue;
		}

		if (keep.feature(word)) add(features, word, match.index);
		if (previous !== undefined && keep.pairAfter(previous)) {
			const pair = `${previous} ${word}`;
			if (keep.feature(pair)) add(features, pair, match.index);
		}

		previous = word;
	}

	for (const [name, pattern] of Object.entries(concepts)) {
		pattern.lastIndex = 0;
		const match = pattern.exec(gloss);
		pattern.lastIndex = 0;
		if (match) add(features, `@${name}`, match.index);
	}

	for (const [index, pattern] of authFailureSignals.entries()) {
		const match = pattern.exec(gloss);
		if (match) add(features, `@authFailure${index}`, match.index);
	}

	// A relation inside a list of alternative causes ('missing, invalid, wrong audience or expired') names none of them.
	for (const {signal, index} of relationSignals(gloss))
		add(features, enumeratesCauses(gloss, index) ? '@enumeratedCauses' : `@relation:${signal.family}`, index);
	return features;
}
