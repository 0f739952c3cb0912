import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['source/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
		env: {FORCE_COLOR: '0', NO_COLOR: '1'},
		testTimeout: 30_000,
		hookTimeout: 120_000,
		pool: 'forks',
		reporters: ['default', './test/support/summary-reporter.ts'],
	},
});
