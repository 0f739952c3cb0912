/**
Finds AADSTS codes in normalised text, with and without their prefix, and picks the causal one.
*/

export type FoundCode = {
	/** Digits only: '50076'. */
	readonly digits: string;
	/** Offset of the first mention in the flat text. */
	readonly index: number;
	/** How many times it is mentioned. */
	readonly count: number;
	/** Whether it was written with its AADSTS prefix at least once. */
	readonly prefixed: boolean;
};

/**
Codes that wrap another: when a more specific code appears too, that one is the cause
(AADSTS70002 "Error validating credentials" wraps AADSTS50126, AADSTS50000 and AADSTS70000 are
generic token-endpoint failures; AADSTS50058 "no user signed in" and AADSTS70016 "authorization pending" are noise
before the real error).
*/
const wrapperCodes: ReadonlySet<string> = new Set(['70002', '50000', '70000', '900561', '50058', '70016']);

// `AADSTS50076`, `AADSTS 50076`, `AADSTS:50076`
const prefixed = /aadsts[ :#-]?(\d{4,8})(?!\d)/gi;

// Bare codes in the places Entra and its clients print them.
const bare = [
	// "error_codes":[50079, 50158]  /  error_codes: [ 9002313 ]
	/error_?codes"?\s*[:=]\s*\[\s*([\d,\s]{5,60})\]/gi,
	// Error Code: 530033, ErrorCode=50126, error code 50058, Sign-in error code: 50105, errorNo: '50076'
	// (not an operating system's error number: Python's `[Errno 11001] getaddrinfo failed`, Node's `errno: …`)
	/\b(?!errno\b)(?:error|err|sign-?in error)[ _-]?(?:code|no|number)s?\s*[:=#]?\s*['"[(]?\s*(\d{5,7})(?!\d)/gi,
	// invalid_client: 700027 - [2021-…]   interaction_required: 50076 - …   (msal-node ServerError)
	/\b(?:invalid_[a-z_]+|interaction_required|unauthorized_client|consent_required|access_denied|temporarily_unavailable|unsupported_grant_type|login_required)\s*:\s*(\d{5,7})\s*-/gi,
	// MSAL: "Error(s): 50076 - Timestamp"
	/\berror\(s\)\s*:\s*(\d{5,7})(?!\d)/gi,
	// https://login.microsoftonline.com/error?code=500011
	/\/error\?code=(\d{4,8})(?!\d)/gi,
];

/** Every AADSTS code in the flat text, in order of first mention. */
export function findAadstsCodes(flat: string): FoundCode[] {
	const found = new Map<string, {digits: string; index: number; count: number; prefixed: boolean}>();
	const note = (digits: string, index: number, isPrefixed: boolean) => {
		const normalized = digits.replace(/^0+(?=\d)/, '');
		if (normalized.length < 4 || normalized === '0000') return;
		const existing = found.get(normalized);
		if (existing) {
			existing.count++;
			existing.index = Math.min(existing.index, index);
			existing.prefixed ||= isPrefixed;
		} else {
			found.set(normalized, {digits: normalized, index, count: 1, prefixed: isPrefixed});
		}
	};

	for (const match of flat.matchAll(prefixed)) note(match[1]!, match.index, true);
	for (const pattern of bare) {
		for (const match of flat.matchAll(pattern)) {
			for (const digits of match[1]!.split(/[\s,]+/)) {
				if (/^\d{5,8}$/.test(digits)) note(digits, match.index, false);
			}
		}
	}

	return [...found.values()].sort((a, b) => a.index - b.index);
}

/**
The causal code among several: a specific code over a generic wrapper, then the first
mentioned (the outermost message names the cause first; repeats of the same code count too).
*/
export function chooseCausalCode(codes: readonly FoundCode[]): FoundCode | undefined {
	if (codes.length === 0) return undefined;
	const specific = codes.filter(code => !wrapperCodes.has(code.digits));
	const pool = specific.length > 0 ? specific : codes;
	return pool[0];
}
