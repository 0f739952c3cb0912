/**
Token times for people: UTC, the local time and a relative phrase. `now` is always an input.
*/

/** `2026-11-22 02:20:45 UTC` for epoch seconds. */
export function formatUtc(epochSeconds: number): string {
	return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
The same instant in a time zone (default: the runtime's own), e.g. `2026-11-22 03:20:45 CET`.
An unknown zone falls back to UTC.
*/
export function formatLocal(epochSeconds: number, timeZone?: string): string {
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
			timeZoneName: 'short',
		});
	} catch {
		return formatUtc(epochSeconds);
	}

	const parts = Object.fromEntries(
		format.formatToParts(new Date(epochSeconds * 1000)).map(part => [part.type, part.value]),
	) as Record<string, string>;
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName ?? ''}`.trimEnd();
}

/** A duration in the largest sensible unit: `45 s`, `12 min`, `2 h`, `2 h 5 min`, `3 d`, `2 d 4 h`. */
export function formatDuration(seconds: number): string {
	const s = Math.round(Math.abs(seconds));
	if (s < 60) return `${s} s`;
	const minutes = Math.floor(s / 60);
	if (minutes < 60) return `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) {
		const rest = minutes % 60;
		return hours < 10 && rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
	}

	const days = Math.floor(hours / 24);
	if (days >= 365) return `${Math.floor(days / 36.5) / 10} y`;
	const restHours = hours % 24;
	return days < 10 && restHours > 0 ? `${days} d ${restHours} h` : `${days} d`;
}

/** `in 5 min` or `2 h ago` (or `now`), relative to `nowSeconds`. */
export function relativeTo(epochSeconds: number, nowSeconds: number): string {
	const delta = epochSeconds - nowSeconds;
	if (Math.abs(delta) < 1) return 'now';
	return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
}

/** True for a number that can be a JWT NumericDate (seconds, within a sane range). */
export function isEpochSeconds(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e11;
}

export function shortTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function describeDuration(ms: number): string {
	const minutes = Math.round(Math.abs(ms) / 60_000);
	if (minutes < 1) return `${Math.round(Math.abs(ms) / 1000)} s`;
	if (minutes < 120) return `${minutes} min`;
	return `${(Math.abs(ms) / 3_600_000).toFixed(1)} h`;
}
