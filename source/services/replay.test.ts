import {describe, expect, test} from 'vitest';
import {classifyOutcome} from './replay.ts';

describe('replay outcomes', () => {
	test('outcomes', () => {
		const at = (status: number | null) => ({
			label: 'after' as const,
			status,
			errorCode: null,
			requestId: null,
			correlationId: null,
			message: null,
			via: '',
		});
		expect(classifyOutcome({...at(401), label: 'before'}, at(200))).toBe('fixed');
		expect(classifyOutcome({...at(401), label: 'before'}, at(403))).toBe('now-forbidden');
		expect(classifyOutcome({...at(403), label: 'before'}, at(403))).toBe('still-failing');
		expect(classifyOutcome({...at(200), label: 'before'}, undefined)).toBe('ok');
		expect(classifyOutcome({...at(401), label: 'before'}, at(401))).toBe('still-failing');
	});
});
