/** Renders the app on the real terminal (Ctrl-C is the app's own key: it saves the session first). */
import {render} from 'ink';
import {App, type AppProps} from './app.tsx';

export function renderTui(props: AppProps) {
	// 60 fps: a keypress is answered within 17 ms even while a spinner animates.
	return render(<App {...props} />, {exitOnCtrlC: false, patchConsole: false, maxFps: 60});
}
