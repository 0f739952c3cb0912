/**
The command a tool itself suggests in its error, taken from the paste: the Azure CLI's
"To re-authenticate, please run: az login --scope …" (older releases) and "Run the command below to
authenticate interactively; additional arguments may be added as needed: az logout / az login
--tenant … --scope … --claims-challenge …" (newer ones), and Az.Accounts' "please rerun
'Connect-AzAccount' with additional parameter '-TenantId …'". It is the gentlest fix the error
names: the `az logout` the newer CLI puts before it is left out, since `az login` alone replaces the
account's stale sign-in, and `az logout` signs every account out.

The command is rebuilt from what was recognised, never copied: only known options, each value of a
plain character set (ids, URLs, base64), so nothing pasted can smuggle a second command in. A
suggestion without any option (a bare `az login`) says nothing the knowledge base's own fix does
not, and is not taken.
*/

export type SuggestedCommand = {
	readonly tool: 'azure-cli' | 'powershell';
	readonly command: string;
	/** The line of the paste it was read from (shortened). */
	readonly evidence: string;
};

/** Where the Azure CLI introduces the command it recommends. */
const cliIntro =
	/To re-authenticate, please run:|Run the command below to authenticate interactively[^\n:]{0,80}:|Please explicitly log in with:/gi;

/** The options of `az login` a suggestion may carry, with whether each takes a value. */
const cliOptions: ReadonlyMap<string, {readonly name: string; readonly value: boolean}> = new Map([
	['--tenant', {name: '--tenant', value: true}],
	['-t', {name: '--tenant', value: true}],
	['--scope', {name: '--scope', value: true}],
	['--claims-challenge', {name: '--claims-challenge', value: true}],
	['--use-device-code', {name: '--use-device-code', value: false}],
]);

/** A value that can stand in a shell command as it is: ids, domains, URLs, base64 (no `~`, quotes, spaces or `$`). */
const plainValue = /^[\w.:/@+=,%-]{1,4096}$/;

function unquote(word: string): string {
	return word.replace(/^["']|["']$/g, '');
}

/** A value the paste's redaction replaced (a long base64 claims challenge looks like a key). */
const redacted = /^\[redacted[^\]]{0,80}\]$/;

/** `az login …` on one line of a suggestion, rebuilt from its known options; undefined when it has none or anything else. */
function cliLogin(line: string): string | undefined {
	// Words, a quoted value (such as a redaction marker) counting as one.
	const words = line.trim().match(/"[^"]{0,4096}"|'[^']{0,4096}'|\S+/g) ?? [];
	if (words[0] !== 'az' || words[1] !== 'login') return undefined;
	const parts: string[] = ['az login'];
	for (let index = 2; index < words.length; index++) {
		const option = cliOptions.get(words[index]!);
		if (!option) return undefined;
		if (!option.value) {
			parts.push(option.name);
			continue;
		}

		const value = unquote(words[++index] ?? '');
		// A claims challenge is not a secret, but redaction may have taken it: the user copies it from the error.
		if (option.name === '--claims-challenge' && redacted.test(value)) parts.push(option.name, '<claims-challenge>');
		else if (plainValue.test(value)) parts.push(option.name, value);
		else return undefined;
	}

	return parts.length > 1 ? parts.join(' ') : undefined;
}

/** Az.Accounts: "please rerun 'Connect-AzAccount' with additional parameter '-TenantId <tenant>'". */
const powershellRerun =
	/rerun\s{1,40}'Connect-AzAccount'\s{1,40}with\s{1,40}additional\s{1,40}parameter\s{1,40}'-(Tenant(?:Id)?) ([\w.-]{1,256})'/i;

function shorten(line: string): string {
	const flat = line.trim().replace(/\s+/g, ' ');
	return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}

/** The tool's own suggested command in a (normalised) paste, if it names one with something to add. Never throws. */
export function suggestedCommand(text: string): SuggestedCommand | undefined {
	for (const intro of text.matchAll(cliIntro)) {
		// The command follows on the next lines: `az logout` first in newer releases, then `az login …`.
		const after = text.slice(intro.index + intro[0].length, intro.index + intro[0].length + 6000);
		for (const line of after.split('\n').slice(0, 6)) {
			const trimmed = line.trim();
			if (trimmed === '' || trimmed === 'az logout') continue;
			const command = cliLogin(trimmed);
			if (command) return {tool: 'azure-cli', command, evidence: shorten(trimmed)};
			if (!trimmed.startsWith('az ')) break;
		}
	}

	const rerun = powershellRerun.exec(text);
	if (rerun) return {tool: 'powershell', command: `Connect-AzAccount -Tenant ${rerun[2]}`, evidence: shorten(rerun[0])};
	return undefined;
}
