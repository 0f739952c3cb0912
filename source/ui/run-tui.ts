/**
Runs the Ink app on the command's terminal until the user leaves it, and hands back the session
that ran (if one did). React and Ink load here, only for the troubleshooter: the first line appears
at once, the app draws over it.
*/
import type {Session} from '../engine/session.ts';
import type {Io} from '../terminal/io.ts';
import type {AppProps} from './app.tsx';

export type TuiProps = Omit<AppProps, 'onExit'>;

export async function runTui(io: Io, props: TuiProps & {readonly loadingLine: string}): Promise<Session | undefined> {
	// Ink and React take a few hundred milliseconds to load on a busy machine: say something at once,
	// then give the line back to the app (cursor up, erase line) when it draws.
	io.stdout.write(`${props.loadingLine}\n`);
	const {renderTui} = await import('./render-app.tsx');
	io.stdout.write('\u001B[1A\u001B[2K');
	let finished: Session | undefined;
	const {loadingLine: _loadingLine, ...appProps} = props;
	const instance = renderTui({
		...appProps,
		onExit: session => {
			finished = session;
		},
	});
	await instance.waitUntilExit();
	return finished;
}
