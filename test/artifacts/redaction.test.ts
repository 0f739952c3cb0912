/**
The artifact paths over every secret in every real-shaped context (test/support/secrets.ts: an az
--debug log, a HAR entry, a Python traceback, … about 800 inputs): what the artifact reader hands
out, explain's report and summary of it (JSON and the human lines), the text and facts a pasted
artifact opens the troubleshooter with, the call `replay --from` would send. No output keeps a
12-character piece of any secret.
*/
import {expect, test} from 'vitest';
import {diagnoseText} from '../../source/artifacts/diagnose.ts';
import {failingCallOf} from '../../source/artifacts/failing-call.ts';
import {formatArtifact} from '../../source/artifacts/format.ts';
import {readArtifact} from '../../source/artifacts/read.ts';
import {redactJsonValue} from '../../source/safety/redact.ts';
import {classifyPaste} from '../../source/services/paste.ts';
import {createStyle} from '../../source/terminal/style.ts';
import {leaksIn, secretInputs} from '../support/secrets.ts';

test('no secret of any kind leaves an artifact path, in any context', async () => {
	const leaks: string[] = [];
	let artifacts = 0;
	for (const input of secretInputs()) {
		const artifact = readArtifact(input.text);
		if (!artifact) continue;
		artifacts++;
		const {report, artifact: summary, focus} = diagnoseText(input.text, 0);
		const pasted = await classifyPaste(input.text);
		const call = failingCallOf(artifact, () => true);
		const outputs = {
			// What the reader hands out is redacted again on output (the JSON documents, the screen).
			reader: JSON.stringify(redactJsonValue(artifact)),
			json: JSON.stringify(redactJsonValue({...report, artifact: summary})),
			human: summary ? formatArtifact(summary, {style: createStyle(false), width: 80}) : '',
			paste: `${pasted.text ?? ''}\n${JSON.stringify(pasted.facts)}`,
			replay: JSON.stringify(redactJsonValue(call)),
		};
		for (const [path, output] of Object.entries(outputs)) {
			const found = leaksIn(output, input.pieces);
			if (found.length > 0) leaks.push(`${input.kind} in ${input.context} → ${path}: ${found.join(', ')}`);
		}

		// The classified text may hold a secret only in a form the reader or redaction replaced.
		expect(leaksIn(JSON.stringify(redactJsonValue(focus)), input.pieces), `${input.kind} in ${input.context}`).toEqual(
			[],
		);
	}

	expect(artifacts).toBeGreaterThan(50);
	expect(leaks).toEqual([]);
});
