import {expect, test} from 'vitest';
import {formatDuration, formatLocal, formatUtc, relativeTo} from './time.ts';

test('formats times in UTC and in a given zone', () => {
	const instant = Date.UTC(2026, 0, 15, 8, 30, 5) / 1000;
	expect(formatUtc(instant)).toBe('2026-01-15 08:30:05 UTC');
	expect(formatLocal(instant, 'Europe/Berlin')).toBe('2026-01-15 09:30:05 GMT+1');
	expect(formatLocal(instant, 'Not/AZone')).toBe('2026-01-15 08:30:05 UTC');
});

test('phrases durations relative to now', () => {
	const now = 1_800_000_000;
	expect(relativeTo(now - 2 * 3600, now)).toBe('2 h ago');
	expect(relativeTo(now + 45 * 60, now)).toBe('in 45 min');
	expect(relativeTo(now - 30, now)).toBe('30 s ago');
	expect(relativeTo(now, now)).toBe('now');
	expect(formatDuration(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
	expect(formatDuration(3 * 86_400 + 4 * 3600)).toBe('3 d 4 h');
	expect(formatDuration(800 * 86_400)).toBe('2.1 y');
});
