/**
Keys → what they do, as data: each screen says which keys it takes right now (a key whose action is
`undefined` is not taken), instead of repeating `useInput` branches. `enter` and `escape` name those
keys; any other name is the character typed.
*/
import {useInput} from 'ink';

export type Keymap = Readonly<Record<string, (() => void) | undefined>>;

export function useKeymap(keymap: Keymap, options: {readonly isActive?: boolean} = {}): void {
	useInput(
		(input, key) => {
			const name = key.return ? 'enter' : key.escape ? 'escape' : input;
			keymap[name]?.();
		},
		{isActive: options.isActive ?? true},
	);
}
