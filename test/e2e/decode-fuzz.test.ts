import {base64url} from 'jose';
import {expect, test} from 'vitest';
import {command} from '../../source/commands/decode.ts';
import type {Io} from '../../source/terminal/io.ts';
import {UsageError} from '../../source/usage-error.ts';
import {runBuilt} from '../fakes/run-cli.ts';
import {audiences, mintToken} from '../support/mint.ts';

/** mulberry32: a small seeded PRNG. */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const hostile = [
	'\u001B[31m',
	'\u001B]0;title\u0007',
	'\u001B]8;;https://x\u001B\\',
	'\u009B2J',
	'\u001BP+q\u001B\\',
	'\r',
	'\u0000',
	'\u007F',
	'\u202E',
	'\u2028',
	'"',
	'\\',
	'.',
	'eyJ',
	' ',
	'\n',
];

async function generate(seed: number, count: number): Promise<string[]> {
	const next = random(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
	const now = Date.UTC(2026, 10, 22, 12);
	const seeds = await Promise.all([
		mintToken({now}),
		mintToken({now, version: '1.0', audience: audiences.arm, expiresIn: -3600}),
		mintToken({now, kind: 'id'}),
		mintToken({now, graphNonce: true, audience: audiences.graph}),
	]);
	const randomString = (length: number) =>
		Array.from({length}, () =>
			next() < 0.2 ? pick(hostile) : String.fromCodePoint(Math.floor(next() < 0.9 ? next() * 128 : next() * 0x2_ff_ff)),
		).join('');
	const inputs: string[] = [];
	for (let index = 0; index < count; index++) {
		const base = pick(seeds).token;
		const parts = base.split('.');
		switch (Math.floor(next() * 8)) {
			case 0: {
				inputs.push(randomString(Math.floor(next() * 200)));
				break;
			}

			case 1: {
				// Flip, insert or delete characters of a real token.
				const characters = [...base];
				for (let edit = 0; edit < 1 + next() * 5; edit++) {
					const at = Math.floor(next() * characters.length);
					const op = next();
					if (op < 0.33) characters[at] = pick(hostile);
					else if (op < 0.66) characters.splice(at, 1);
					else characters.splice(at, 0, String.fromCodePoint(Math.floor(next() * 0x1_00)));
				}

				inputs.push(characters.join(''));
				break;
			}

			case 2: {
				// A valid JWS whose claims carry hostile strings and odd types.
				const claims: Record<string, unknown> = {iss: 'https://sts.windows.net/x/', tid: 'x', ver: '1.0'};
				for (let field = 0; field < 1 + next() * 6; field++) {
					const name =
						next() < 0.5
							? pick(['aud', 'exp', 'nbf', 'iat', 'scp', 'roles', 'amr', 'wids', 'name', 'appid'])
							: randomString(8);
					claims[name] = pick<unknown>([
						randomString(30),
						next() * 1e12,
						-1,
						Number.MAX_SAFE_INTEGER,
						null,
						[randomString(5), 3],
						{nested: randomString(5)},
						true,
					]);
				}

				inputs.push(
					`${base64url.encode(JSON.stringify({alg: pick(['RS256', 'none', 'HS256', randomString(4)]), kid: randomString(6)}))}.${base64url.encode(JSON.stringify(claims))}.${parts[2]}`,
				);
				break;
			}

			case 3: {
				// Wrong number of parts.
				const count = pick([1, 2, 4, 5, 6]);
				inputs.push(Array.from({length: count}, (_, at) => parts[at % 3]).join('.'));
				break;
			}

			case 4: {
				// Valid base64url around something that is not a JSON object.
				const body = pick(['[]', 'null', '1', '"x"', '{', randomString(10), '{"a":1}']);
				inputs.push(`${base64url.encode(body)}.${base64url.encode(pick(['{}', body, '{"exp":"soon"}']))}.${parts[2]}`);
				break;
			}

			case 5: {
				// Prefixes and wrappers people paste.
				inputs.push(
					`${pick(['Bearer ', 'Authorization: Bearer ', '"', "'", '{"accessToken":"', '  '])}${base}${pick(['', '"', '"}', '\n', ' trailing'])}`,
				);
				break;
			}

			case 6: {
				inputs.push(`${parts[0]}.${parts[1]}.${randomString(20)}`);
				break;
			}

			default: {
				inputs.push(base.slice(0, Math.floor(next() * base.length)));
			}
		}
	}

	return inputs;
}

function fakeIo(input: string): Io & {out: string[]; err: string[]} {
	const out: string[] = [];
	const err: string[] = [];
	return {
		out,
		err,
		stdout: {write: text => void out.push(text)},
		stderr: {write: text => void err.push(text)},
		readStdin: async () => input,
		stdinIsTty: false,
		stdoutIsTty: false,
		columns: 80,
		env: {},
		cwd: '/',
		now: () => Date.UTC(2026, 10, 22, 12),
	};
}

const controlOrEscape = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

test('3000 generated inputs: a clean exit every time and no escape sequence out', async () => {
	const inputs = await generate(20_261_122, 3000);
	const outcomes = {0: 0, 1: 0, 2: 0};
	for (const [index, input] of inputs.entries()) {
		for (const json of [false, true]) {
			const io = fakeIo(input);
			let code: number;
			try {
				code = await command.run(['-'], {io, global: {json, color: false, cloud: undefined, timeoutSeconds: 5}});
			} catch (error) {
				if (!(error instanceof UsageError)) {
					throw new Error(
						`input #${index} (seed 20261122) threw ${String(error)}: ${JSON.stringify(input).slice(0, 200)}`,
					);
				}

				expect(error.message, `input #${index}`).not.toMatch(controlOrEscape);
				expect(io.out.join('')).toBe('');
				code = 2;
			}

			expect([0, 1, 2]).toContain(code);
			outcomes[code as 0 | 1 | 2]++;
			const output = io.out.join('') + io.err.join('');
			expect(output, `input #${index}`).not.toMatch(controlOrEscape);
			if (json && code !== 2) expect(() => JSON.parse(io.out.join('')), `input #${index}`).not.toThrow();
		}
	}

	// The generator really exercises all three outcomes.
	expect(outcomes[0]).toBeGreaterThan(100);
	expect(outcomes[1]).toBeGreaterThan(100);
	expect(outcomes[2]).toBeGreaterThan(100);
});

test('a sample through the built CLI: exit 0, 1 or 2, never a stack trace', async () => {
	const inputs = (await generate(7, 40)).filter(input => !input.includes('\u0000'));
	for (const input of inputs) {
		const result = await runBuilt(['decode', '-'], {PATH: process.env.PATH ?? ''}, {input});
		expect([0, 1, 2]).toContain(result.code);
		expect(result.stderr).not.toMatch(/\n\s+at |unexpected error/);
		expect(result.stdout + result.stderr).not.toMatch(controlOrEscape);
	}
});
