import type {Reporter, TestModule} from 'vitest/node';

/**
Ends a run with one plain line, `N passed, N failed[, N skipped]`, that any log reader (CI included)
understands, after vitest's own summary; before it, each test skipped with a reason
(`context.skip(condition, reason)`: something this machine lacks) and that reason.
*/
export default class SummaryReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
		let passed = 0;
		let failed = unhandledErrors.length;
		let skipped = 0;
		const reasons: string[] = [];
		for (const module of testModules) {
			if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
			for (const test of module.children.allTests()) {
				const result = test.result();
				if (result.state === 'passed') passed++;
				else if (result.state === 'failed') failed++;
				else skipped++;
				if (result.state === 'skipped' && result.note) reasons.push(`skipped: ${test.fullName}: ${result.note}\n`);
			}
		}

		process.stdout.write(
			`\n${reasons.join('')}${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`,
		);
	}
}
