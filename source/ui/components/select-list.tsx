/**
A vertical list driven by arrows; Enter picks the highlighted line, which starts on the
recommended one, so Enter alone always takes the recommended action.

  ❯ Not sure: run the health check   (recommended)
    A call to Azure Resource Manager returns 401
*/
import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import {Toned} from '../theme.tsx';

export type SelectItem = {readonly label: string; readonly hint?: string};

export function SelectList({
	items,
	recommended = 0,
	isActive = true,
	onSelect,
	detail,
}: {
	readonly items: readonly SelectItem[];
	readonly recommended?: number;
	readonly isActive?: boolean;
	readonly onSelect: (index: number) => void;
	/** A longer description of the highlighted line, shown under the list (keeps long lists short). */
	readonly detail?: (index: number) => string | undefined;
}) {
	const [cursor, setCursor] = useState(recommended);
	useInput(
		(input, key) => {
			if (key.upArrow || input === 'k') setCursor(current => (current + items.length - 1) % items.length);
			else if (key.downArrow || input === 'j') setCursor(current => (current + 1) % items.length);
			else if (key.return) onSelect(cursor);
			else if (/^[1-9]$/.test(input) && Number(input) <= items.length) onSelect(Number(input) - 1);
		},
		{isActive},
	);
	return (
		<Box flexDirection="column">
			{items.map((item, index) => (
				<Box key={item.label}>
					<Text>{index === cursor ? '❯ ' : '  '}</Text>
					<Text wrap="wrap">
						{index === cursor ? <Toned tone="accent">{item.label}</Toned> : item.label}
						{item.hint ? <Toned tone="muted"> {item.hint}</Toned> : null}
						{index === recommended ? <Toned tone="muted"> (recommended)</Toned> : null}
					</Text>
				</Box>
			))}
			{detail?.(cursor) ? (
				<Box marginTop={1}>
					<Text wrap="wrap">
						<Toned tone="muted">{detail(cursor)}</Toned>
					</Text>
				</Box>
			) : null}
		</Box>
	);
}
