import {Text, useAnimation} from 'ink';
import {Toned} from '../theme.tsx';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** `⠋ Checking the token's tenant…`: names what is being checked. */
export function Spinner({label}: {readonly label: string}) {
	const {frame} = useAnimation({interval: 80});
	return (
		<Text>
			<Toned tone="accent">{frames[frame % frames.length]}</Toned> {label}…
		</Text>
	);
}
