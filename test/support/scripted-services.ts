/**
Engine services that answer from a script instead of the world: the in-memory stand-in the engine
and TUI tests use (nothing in authfix itself imports it, so it is not bundled). Each check answers with its scripted
findings in turn (the last one repeats); unscripted checks pass. After a fix is applied, the
`afterFix` findings and replay apply, like a real system after its repair.
*/

import type {EngineServices} from '../../source/engine/driver.ts';
import type {FixResult, PickOption, ReplayResult} from '../../source/engine/session.ts';
import type {CheckId, Finding} from '../../source/findings/finding.ts';

export type Script = {
	readonly checks?: Partial<Record<CheckId, Partial<Finding>>>;
	readonly replay?: ReplayResult;
	readonly afterFix?: {readonly checks?: Partial<Record<CheckId, Partial<Finding>>>; readonly replay?: ReplayResult};
	/** Actions the services can apply (default: every action). */
	readonly actions?: readonly string[];
	readonly fixResult?: FixResult;
	/** The live list of pick nodes (default: two subscriptions). */
	readonly options?: readonly PickOption[];
};

const twoSubscriptions: readonly PickOption[] = [
	{label: 'Dev (1111) · tenant t-dev', facts: {subscriptionId: '1111', subscriptionTenant: 't-dev'}},
	{label: 'Prod (2222) · tenant t-prod', facts: {subscriptionId: '2222', subscriptionTenant: 't-prod'}},
];

const fixedReplay: ReplayResult = {
	outcome: 'fixed',
	attempts: [
		{label: 'before', status: 401, errorCode: 'InvalidAuthenticationTokenTenant'},
		{label: 'after', status: 200},
	],
	detail: 'The call that failed with 401 now returns 200.',
};

export type ScriptedServices = EngineServices & {
	readonly calls: Array<{readonly kind: 'check' | 'replay' | 'fix' | 'options'; readonly id: string}>;
	fixed: boolean;
};

export function createScriptedServices(script: Script, now: () => number = () => 0): ScriptedServices {
	const services: ScriptedServices = {
		calls: [],
		fixed: false,
		async runCheck(id) {
			services.calls.push({kind: 'check', id});
			const scripted = (services.fixed ? script.afterFix?.checks?.[id] : undefined) ?? script.checks?.[id];
			return {id, status: 'pass', title: id, detail: 'As expected.', ...scripted};
		},
		async replay() {
			services.calls.push({kind: 'replay', id: 'replay'});
			return (services.fixed ? script.afterFix?.replay : undefined) ?? script.replay ?? fixedReplay;
		},
		async applyFix(action) {
			services.calls.push({kind: 'fix', id: action});
			const result = script.fixResult ?? {ok: true, detail: `Applied ${action}.`};
			if (result.ok) services.fixed = true;
			return result;
		},
		async listOptions(source) {
			services.calls.push({kind: 'options', id: source});
			return script.options ?? twoSubscriptions;
		},
		canApply: action => script.actions === undefined || script.actions.includes(action),
		now,
	};
	return services;
}
