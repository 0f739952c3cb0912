import {createHash, randomBytes} from 'node:crypto';
import {expect, test} from 'vitest';
import {sha256Hex} from './sha256.ts';

const reference = (text: string) => createHash('sha256').update(text).digest('hex');

test('the FIPS 180-4 examples', () => {
	expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
	expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
		'248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
	);
});

test('agrees with node:crypto on every length across block boundaries and on non-ASCII text', () => {
	for (let length = 0; length <= 300; length++) {
		const text = randomBytes(length).toString('base64url').slice(0, length);
		expect(sha256Hex(text), `length ${length}`).toBe(reference(text));
	}

	for (const text of ['é', 'ſig=', '日本語のトークン', '🔑'.repeat(40), '\u0000\uFFFF'])
		expect(sha256Hex(text)).toBe(reference(text));
});
