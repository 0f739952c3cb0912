/**
Maps every string inside a JSON-like value (arrays, plain objects; other values as they are), and
the object keys too when `keys` is given, so a document can be made safe before `JSON.stringify`.
Keys are defined, not assigned: a `__proto__` key stays a key.
*/
export function mapJsonStrings(value: unknown, map: (text: string) => string, keys?: (key: string) => string): unknown {
	if (typeof value === 'string') return map(value);
	if (Array.isArray(value)) return value.map(item => mapJsonStrings(item, map, keys));
	if (typeof value === 'object' && value !== null) {
		const result: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) {
			Object.defineProperty(result, keys ? keys(key) : key, {
				value: mapJsonStrings(item, map, keys),
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}

		return result;
	}

	return value;
}
