/**
Semantic tones in one place, and the one app context: whether colour is on (`--no-color`,
NO_COLOR and non-TTY turn it off; chalk does not read NO_COLOR, so components never pass a colour
themselves).
*/
import {Text} from 'ink';
import {createContext, type ReactNode, useContext} from 'react';

export type Tone = 'pass' | 'warn' | 'fail' | 'muted' | 'accent' | 'strong' | 'code';

export const UiOptions = createContext<{readonly color: boolean}>({color: false});

const colours: Record<Tone, {color?: string; bold?: boolean; dimColor?: boolean}> = {
	pass: {color: 'green'},
	warn: {color: 'yellow'},
	fail: {color: 'red'},
	muted: {dimColor: true},
	accent: {color: 'cyan'},
	strong: {bold: true},
	code: {color: 'cyan'},
};

export function Toned({tone, children}: {readonly tone: Tone; readonly children: ReactNode}) {
	const {color} = useContext(UiOptions);
	// Bold survives NO_COLOR (no-color.org is about colour), dim and colours do not.
	if (!color) return <Text bold={tone === 'strong'}>{children}</Text>;
	return <Text {...colours[tone]}>{children}</Text>;
}

export const statusTones = {pass: 'pass', warn: 'warn', fail: 'fail', skip: 'muted', error: 'fail'} as const;
