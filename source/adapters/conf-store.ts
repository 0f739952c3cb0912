import {existsSync, renameSync} from 'node:fs';
import path from 'node:path';
import Conf, {type Options} from 'conf';

export type OpenedStore<T extends Record<string, unknown>> = {
	readonly store: Conf<T>;
	/** Where a file that was not valid JSON was moved before a fresh store was started. */
	readonly quarantined?: string;
};

/**
Opens one of authfix's `conf` stores (sessions, profiles) without ever losing what is in it. conf's
`clearInvalidConfig` would empty a file it cannot parse, on a mere read; instead, a file that is not
valid JSON is moved aside to `<name>.json.corrupt-<time>` and a fresh store starts, and the caller is
told where the old file went so it can say so.
*/
export function openConfStore<T extends Record<string, unknown>>(
	options: Options<T> & {readonly cwd: string; readonly configName: string},
	now: () => number = Date.now,
): OpenedStore<T> {
	const settings = {projectName: 'authfix', ...options, clearInvalidConfig: false};
	try {
		return {store: new Conf<T>(settings)};
	} catch (error) {
		const file = path.join(options.cwd, `${options.configName}.json`);
		if (!(error instanceof SyntaxError) || !existsSync(file)) throw error;
		const quarantined = `${file}.corrupt-${new Date(now()).toISOString().replaceAll(':', '-')}`;
		renameSync(file, quarantined);
		return {store: new Conf<T>(settings), quarantined};
	}
}
