/**
The TUI: picks a screen from where the walk is. Props in, callbacks out: every effect (sandbox,
checks, saving) sits behind `openSession` and the session store's injected services.

  authfix · tenant-mismatch · step 3
  <the screen of the current node>
*/
import {Box, Text, useApp, useInput, useWindowSize} from 'ink';
import {useCallback, useEffect, useRef, useState, useSyncExternalStore} from 'react';
import type {SessionStore} from '../engine/driver.ts';
import type {Session} from '../engine/session.ts';
import {currentNodeId} from '../engine/session.ts';
import {isRunnable} from '../engine/step.ts';
import type {SessionSummary} from '../report/session-report.ts';
import {neutralizeTerminalText} from '../safety/terminal-text.ts';
import type {Facts} from '../tree/facts.ts';
import {nodeById} from '../tree/index.ts';
import type {EntryId, Tree, TreeNode} from '../tree/types.ts';
import {Command, screenWidth} from './components/command.tsx';
import {PlaceholderHints} from './components/placeholder-hints.tsx';
import {Spinner} from './components/spinner.tsx';
import {StatusLine} from './components/status-line.tsx';
import {useKeymap} from './hooks/use-keymap.ts';
import {CheckScreen} from './screens/check-screen.tsx';
import {FixScreen, filledCommands} from './screens/fix-screen.tsx';
import {HelpScreen} from './screens/help-screen.tsx';
import {PasteScreen} from './screens/paste-screen.tsx';
import {PickScreen} from './screens/pick-screen.tsx';
import {QuestionScreen} from './screens/question-screen.tsx';
import {ReplayScreen} from './screens/replay-screen.tsx';
import {SessionsScreen} from './screens/sessions-screen.tsx';
import {SummaryScreen} from './screens/summary-screen.tsx';
import {WelcomeScreen} from './screens/welcome-screen.tsx';
import {Toned, UiOptions} from './theme.tsx';

/** What the app asks its owner to open: an entry of the tree (with the pasted text) or a demo scenario. */
export type OpenRequest = {
	readonly entry: EntryId;
	readonly scenario?: string;
	/** The raw text pasted (an error for `paste`, a token for `decode`): the owner classifies or decodes and redacts it. */
	readonly text?: string;
	/** Facts known beside the text (the owner's, for a session it opens at once). */
	readonly facts?: Facts;
};

export type AppProps = {
	readonly tree: Tree;
	readonly color: boolean;
	/** Demo mode: a scenario menu instead of the entry points. */
	readonly scenarios?: ReadonlyArray<{readonly id: string; readonly label: string}>;
	/** Open this scenario (demo) or entry at once, without the menu. */
	readonly initial?: OpenRequest;
	readonly openSession: (request: OpenRequest) => Promise<SessionStore>;
	/** 'recognised: …' while text is pasted. */
	readonly preview?: (text: string) => string | undefined;
	readonly listSessions?: () => Promise<readonly SessionSummary[]>;
	readonly showSession?: (id: string) => Promise<string>;
	/** Puts text on the terminal's clipboard (OSC 52): the `c` key on screens that show commands. */
	readonly copy?: (text: string) => void;
	/**
	Called once, when the app ends (quit, Ctrl-C, Enter on the summary), with the session if one ran;
	`interrupted` when Ctrl-C ended it (the command then exits 130).
	*/
	readonly onExit: (session: Session | undefined, how: {readonly interrupted: boolean}) => void;
};

type Screen =
	| {readonly name: 'start'}
	| {readonly name: 'paste'; readonly entry: 'paste' | 'decode'}
	| {readonly name: 'loading'; readonly label: string}
	| {readonly name: 'failed'; readonly message: string}
	| {readonly name: 'sessions'; readonly list: readonly SessionSummary[]; readonly report?: string}
	| {readonly name: 'session'; readonly store: SessionStore};

export function App(props: AppProps) {
	const {tree, scenarios} = props;
	const {exit} = useApp();
	const {columns} = useWindowSize();
	const [screen, setScreen] = useState<Screen>(props.initial ? {name: 'loading', label: 'Starting'} : {name: 'start'});
	const [help, setHelp] = useState(false);
	const [ended, setEnded] = useState(false);

	// What the owner could not do (open a session, read the saved ones): one line, Esc goes back.
	const failed = useCallback(
		(error: unknown) => setScreen({name: 'failed', message: error instanceof Error ? error.message : String(error)}),
		[],
	);

	const open = useCallback(
		(request: OpenRequest) => {
			setScreen({
				name: 'loading',
				label: request.scenario ? `Starting the sandbox with scenario ${request.scenario}` : 'Starting',
			});
			props.openSession(request).then(store => setScreen({name: 'session', store}), failed);
		},
		[props.openSession, failed],
	);

	// Opens the initial scenario or entry once, on mount.
	const initialOpened = useRef(false);
	useEffect(() => {
		if (props.initial && !initialOpened.current) {
			initialOpened.current = true;
			open(props.initial);
		}
	}, [props.initial, open]);

	const quit = useCallback(
		(interrupted = false) => {
			if (ended) return;
			setEnded(true);
			let session: Session | undefined;
			if (screen.name === 'session') {
				screen.store.dispatch({type: 'quit'});
				screen.store.dispose();
				session = screen.store.getSnapshot();
			}

			props.onExit(session, {interrupted});
			exit();
		},
		[ended, screen, props.onExit, exit],
	);

	const isTyping = screen.name === 'paste';
	useInput((input, key) => {
		if (key.ctrl && input === 'c') quit(true);
		else if (isTyping) return;
		else if (input === 'q') quit();
		else if (input === '?') setHelp(current => !current);
		else if (key.escape && help) setHelp(false);
		else if (key.escape && (screen.name === 'failed' || screen.name === 'loading')) setScreen({name: 'start'});
	});

	let body: React.ReactNode;
	switch (screen.name) {
		case 'start': {
			// Scenarios: names only, the highlighted one's description under the list (a short first frame).
			const items = scenarios
				? scenarios.map(scenario => ({label: scenario.id}))
				: tree.entries.map(entry => ({label: entry.label, hint: entry.hint}));
			body = (
				<WelcomeScreen
					title={
						scenarios
							? 'authfix demo · a real failure on the local sandbox cloud'
							: 'authfix · find and fix Azure sign-in failures'
					}
					intro={
						scenarios
							? 'Pick a scenario: the sandbox reproduces it, Enter walks it to a verified fix.'
							: 'Every step is a live check; the fix is verified by replaying the failing call.'
					}
					items={items}
					{...(scenarios ? {detail: (index: number) => scenarios[index]?.label} : {})}
					onPick={index => {
						if (scenarios) {
							open({entry: 'paste', scenario: scenarios[index]!.id});
							return;
						}

						const entry = tree.entries[index]!;
						if (entry.id === 'paste' || entry.id === 'decode') setScreen({name: 'paste', entry: entry.id});
						else if (entry.id === 'session') {
							(props.listSessions?.() ?? Promise.resolve([])).then(list => setScreen({name: 'sessions', list}), failed);
						} else open({entry: entry.id});
					}}
				/>
			);
			break;
		}

		case 'paste':
			body = (
				<PasteScreen
					prompt={
						screen.entry === 'paste'
							? 'Paste the error (any length), then press Enter:'
							: 'Paste the token, then press Enter (only its claims are kept):'
					}
					preview={screen.entry === 'paste' ? props.preview : undefined}
					onSubmit={text => open({entry: screen.entry, text})}
					onBack={() => setScreen({name: 'start'})}
				/>
			);
			break;
		case 'loading':
			body = <Spinner label={screen.label} />;
			break;
		case 'failed':
			body = (
				<Box flexDirection="column">
					<Text wrap="wrap">
						<Toned tone="fail">✗ {screen.message}</Toned>
					</Text>
					<Text>
						<Toned tone="muted">Esc back · q quit</Toned>
					</Text>
				</Box>
			);
			break;
		case 'sessions':
			body = (
				<SessionsScreen
					sessions={screen.list}
					report={screen.report}
					onOpen={id => {
						props.showSession?.(id).then(report => setScreen({...screen, report}), failed);
					}}
					onBack={() =>
						setScreen(screen.report === undefined ? {name: 'start'} : {name: 'sessions', list: screen.list})
					}
				/>
			);
			break;
		case 'session':
			body = (
				<SessionView
					store={screen.store}
					tree={tree}
					onQuit={() => quit()}
					onLeave={() => setScreen({name: 'start'})}
					{...(props.copy ? {copy: props.copy} : {})}
				/>
			);
			break;
	}

	return (
		<UiOptions.Provider value={{color: props.color}}>
			<Box flexDirection="column" width={screenWidth(columns)}>
				{help ? <HelpScreen /> : body}
			</Box>
		</UiOptions.Provider>
	);
}

/** The commands the screen of this node shows, filled: what `c` copies. */
function commandsOnScreen(session: Session, node: TreeNode): string[] {
	switch (node.kind) {
		case 'fix':
			return filledCommands(node, session).filter(command => command !== undefined);
		case 'check': {
			const command = session.pending ? undefined : session.results[node.id]?.fix?.command;
			return command ? [neutralizeTerminalText(command)] : [];
		}

		default:
			// What `explain` filled from a pasted error is shown, never copied: the paste's words are in it.
			return [];
	}
}

/** Where the tree defers to what `explain` said about the pasted error (AADSTS codes). */
function showsExplanation(session: Session, node: TreeNode): boolean {
	return Boolean(session.paste?.explanation) && node.id === 'aadsts-advice';
}

function SessionView({
	store,
	tree,
	onQuit,
	onLeave,
	copy,
}: {
	readonly store: SessionStore;
	readonly tree: Tree;
	readonly onQuit: () => void;
	readonly onLeave: () => void;
	readonly copy?: (text: string) => void;
}) {
	const session = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const dispatch = store.dispatch;
	const node = nodeById(currentNodeId(session), tree);
	const commands = commandsOnScreen(session, node);
	const [copied, setCopied] = useState<{readonly node: string; readonly count: number} | undefined>();
	const canCopy = copy !== undefined && commands.length > 0;
	useKeymap({
		escape: session.trail.length > 1 ? () => dispatch({type: 'back'}) : onLeave,
		c: canCopy
			? () => {
					copy(commands.join('\n'));
					setCopied({node: node.id, count: commands.length});
				}
			: undefined,
	});
	const header = (
		<Text>
			<Toned tone="accent">authfix</Toned>
			<Toned tone="muted">
				{session.scenario ? ` · ${session.scenario}` : ''} · step {session.trail.length}
				{session.paste?.family ? ` · ${session.paste.family}` : ''}
			</Toned>
		</Text>
	);
	let body: React.ReactNode;
	switch (node.kind) {
		case 'question':
			body = <QuestionScreen node={node} facts={session.facts} onAnswer={index => dispatch({type: 'answer', index})} />;
			break;
		case 'check':
			body = (
				<CheckScreen
					node={node}
					session={session}
					onContinue={() => dispatch({type: 'continue'})}
					onRerun={() => dispatch({type: 'rerun'})}
					onSkip={() => dispatch({type: 'skip'})}
					onRunAll={() => dispatch({type: 'run-all'})}
				/>
			);
			break;
		case 'pick':
			body = (
				<PickScreen
					node={node}
					session={session}
					onPick={index => dispatch({type: 'answer', index})}
					onContinue={() => dispatch({type: 'continue'})}
					onRerun={() => dispatch({type: 'rerun'})}
				/>
			);
			break;
		case 'fix':
			body = (
				<FixScreen
					node={node}
					session={session}
					isRunnable={isRunnable(node, store.context())}
					onApply={() => dispatch({type: 'apply'})}
					onConfirm={() => dispatch({type: 'confirm'})}
					onCancel={() => dispatch({type: 'cancel-confirm'})}
					onDone={() => dispatch({type: 'done-by-user'})}
					onSkip={() => dispatch({type: 'skip'})}
					onContinue={() => dispatch({type: 'continue'})}
					canCopy={canCopy}
				/>
			);
			break;
		case 'verify':
			body = (
				<ReplayScreen
					node={node}
					session={session}
					onContinue={() => dispatch({type: 'continue'})}
					onRerun={() => dispatch({type: 'rerun'})}
				/>
			);
			break;
		case 'outcome':
			body = <SummaryScreen node={node} session={session} onQuit={onQuit} />;
			break;
	}

	return (
		<Box flexDirection="column">
			{header}
			{session.token && session.trail.length <= 1 ? <Claims token={session.token} /> : null}
			{session.paste && session.trail.length <= 1 ? (
				<Text wrap="wrap">
					<Toned tone="muted">Recognised: </Toned>
					{session.paste.title ?? session.paste.family ?? 'not recognised: pick the symptom'}
				</Text>
			) : null}
			{showsExplanation(session, node) && session.paste ? <Explanation paste={session.paste} /> : null}
			{node.id === 'aadsts-advice' && !showsExplanation(session, node) ? <Refusal session={session} /> : null}
			<Box marginTop={1} flexDirection="column">
				{body}
			</Box>
			{copied?.node === node.id ? (
				<Text>
					<Toned tone="pass">✓</Toned> Asked the terminal to copy{' '}
					{copied.count === 1 ? 'the command' : `the ${copied.count} commands`} (OSC 52).
				</Text>
			) : canCopy && node.kind !== 'fix' ? (
				<Text>
					<Toned tone="muted">c copies {commands.length === 1 ? 'the command' : 'the commands'} shown</Toned>
				</Text>
			) : null}
		</Box>
	);
}

/**
Without a pasted error, what the tree's AADSTS question calls "the explanation above" is the check
that met the refusal: its finding, with the fix for its code.
*/
function Refusal({session}: {readonly session: Session}) {
	const finding = session.steps
		.flatMap(item => (item.kind === 'check' && item.finding.status !== 'pass' ? [item.finding] : []))
		.findLast(candidate => candidate.facts?.['code'] !== undefined && candidate.facts['code'] === session.facts.code);
	return finding ? (
		<Box marginTop={1}>
			<StatusLine finding={finding} />
		</Box>
	) : null;
}

/** The decoded token's claims (the decode entry); the token itself never reaches the session. */
function Claims({token}: {readonly token: NonNullable<Session['token']>}) {
	const rows = Object.entries(token.claims);
	return (
		<Box flexDirection="column" marginTop={1}>
			{rows.length === 0 ? <Text>No claims could be read{token.error ? `: ${token.error}` : ''}.</Text> : null}
			{rows.map(([name, value]) => (
				<Text key={name} wrap="truncate-end">
					<Toned tone="muted">{name.padEnd(12)}</Toned>
					{value}
				</Text>
			))}
		</Box>
	);
}

/** What `explain` said about the pasted error: shown where the tree defers to it (AADSTS codes). */
function Explanation({paste}: {readonly paste: NonNullable<Session['paste']>}) {
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text wrap="wrap">{paste.explanation}</Text>
			{(paste.fixes ?? []).map(fix => (
				<Box key={fix.text} flexDirection="column">
					<Text wrap="wrap">
						<Toned tone="muted">• </Toned>
						{fix.text}
					</Text>
					{(fix.command ?? fix.code) ? (
						<Command
							command={fix.command ?? fix.code ?? ''}
							indent={4}
							whole="`authfix explain` of the same text prints it whole"
						/>
					) : null}
				</Box>
			))}
			<PlaceholderHints texts={(paste.fixes ?? []).flatMap(fix => [fix.text, fix.command])} />
		</Box>
	);
}
