/**
The conformance corpus (exchanges.jsonl beside this file): real HTTP exchanges with Entra ID, ARM,
Graph and the managed-identity endpoints, from public recordings. README.md says what each field
means and where the exchanges come from.
*/
import {readFileSync} from 'node:fs';

export type RecordedRequest = {
	readonly method: string | null;
	readonly url: string | null;
	readonly headers?: Readonly<Record<string, string>>;
	readonly body?: unknown;
};

export type RecordedResponse = {
	/** null: the source does not show it. */
	readonly status: number | null;
	readonly headers: Readonly<Record<string, string | readonly string[]>>;
	/** Parsed JSON, or the text as recorded (a truncated or non-JSON body), or null when not shown. */
	readonly body: unknown;
};

export type Exchange = {
	readonly id: string;
	readonly kind: string;
	readonly service: string;
	readonly cloud: string;
	readonly situation: string;
	readonly source: {
		readonly url: string;
		readonly repo: string | null;
		readonly path: string | null;
		readonly commit: string | null;
		readonly kind: string;
	};
	readonly request: RecordedRequest;
	readonly response: RecordedResponse;
	/** The failure family (shared/taxonomy.md) the error means, labelled by us; absent on successes. */
	readonly family?: string;
	readonly notes: string;
};

export const exchanges: readonly Exchange[] = readFileSync(new URL('./exchanges.jsonl', import.meta.url), 'utf8')
	.split('\n')
	.filter(line => line.trim() !== '')
	.map(line => JSON.parse(line) as Exchange);

export function exchange(id: string): Exchange {
	const found = exchanges.find(candidate => candidate.id === id);
	if (!found) throw new Error(`no exchange ${id} in the conformance corpus`);
	return found;
}

/** The recorded response as text, the way a user would paste it (JSON re-serialised, text as is). */
export function bodyText(response: RecordedResponse): string {
	const {body} = response;
	if (body === null || body === undefined) return '';
	return typeof body === 'string' ? body : JSON.stringify(body);
}
