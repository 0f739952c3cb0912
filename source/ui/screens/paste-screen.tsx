/**
  Paste the error (any length; Enter when done):
  │ {"error":{"code":"InvalidAuthenticationTokenTenant",…
  3 lines · recognised: arm-token-tenant-mismatch
*/
import {Box, Text, useInput, usePaste} from 'ink';
import {useMemo, useState} from 'react';
import {redactForDisplay} from '../../safety/redact.ts';
import {KeyHints} from '../components/key-hints.tsx';
import {Toned} from '../theme.tsx';

export function PasteScreen({
	prompt,
	preview,
	onSubmit,
	onBack,
}: {
	readonly prompt: string;
	/** What the text is recognised as so far ('recognised: …'), shown as the user pastes. */
	readonly preview?: (text: string) => string | undefined;
	readonly onSubmit: (text: string) => void;
	readonly onBack: () => void;
}) {
	const [text, setText] = useState('');
	usePaste(pasted => setText(current => current + pasted));
	useInput((input, key) => {
		if (key.escape) onBack();
		else if (key.return) {
			if (text.trim() !== '') onSubmit(text);
		} else if (key.backspace || key.delete) setText(current => current.slice(0, -1));
		else if (!key.ctrl && !key.meta && input) setText(current => current + input);
	});
	// Shown as it will be kept: neutralised and redacted (a screenshot of this screen is a report too).
	const lines = useMemo(() => (text === '' ? [] : redactForDisplay(text).split('\n')), [text]);
	const hint = text.trim() === '' ? undefined : preview?.(text);
	return (
		<Box flexDirection="column">
			<Text wrap="wrap">
				<Toned tone="strong">{prompt}</Toned>
			</Text>
			<Box flexDirection="column" marginTop={1}>
				{lines.length === 0 ? (
					<Text>
						<Toned tone="muted">│ (paste here)</Toned>
					</Text>
				) : (
					lines.slice(-6).map((line, index) => (
						// biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity
						<Text key={index} wrap="truncate-end">
							<Toned tone="muted">│ </Toned>
							{line}
						</Text>
					))
				)}
			</Box>
			<Text>
				<Toned tone="muted">
					{lines.length} line{lines.length === 1 ? '' : 's'}
					{hint ? ` · ${hint}` : ''}
				</Toned>
			</Text>
			<KeyHints
				hints={[
					['Enter', 'done'],
					['Esc', 'back'],
				]}
			/>
		</Box>
	);
}
