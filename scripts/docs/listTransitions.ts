// The docs read the transition table from generated/transitions.ts, never from prose, so they cannot drift from it.
import {
  CVM_PHASES,
  ENV_KINDS,
  TASK_INSTANCE_STATES,
  TERMINATE_OUTCOMES,
  TRANSITION_TABLE,
} from '../../generated/transitions.ts';
import type { CvmPhase, Effect, EnvKind, DocRevision, TaskInstanceState } from '../../generated/transitions.ts';

/** What one TerminateTaskInstance call does to an instance in `from`, for the CVM phases listed. */
export interface Transition {
  env: EnvKind;
  from: TaskInstanceState;
  /** The state the instance ends in once the effect has played out (`from` when the effect leaves it unchanged). */
  to: TaskInstanceState;
  /** The CVM phases this outcome applies to; all of CVM_PHASES when the phase does not matter. */
  cvmPhases: readonly CvmPhase[];
  /** True when the outcome differs between CVM phases for this env and state. */
  dependsOnCvm: boolean;
  rule: string;
  /** `Success` or the error code the call answers with. */
  response: string;
  effect: Effect;
}

/**
 * Every (env kind, state) of a revision with its outcomes, in table order. CVM phases that give the same rule,
 * response and effect are merged, so a state has more than one transition only where the CVM phase matters.
 */
export function listTransitions(revision: DocRevision): Transition[] {
  const transitions: Transition[] = [];
  for (const env of ENV_KINDS) {
    for (const from of TASK_INSTANCE_STATES) {
      const byOutcome = new Map<string, Transition>();
      for (const phase of CVM_PHASES) {
        const outcome = TERMINATE_OUTCOMES[revision][env][from][phase];
        const key = `${outcome.rule}|${outcome.response}|${outcome.effect}`;
        const known = byOutcome.get(key);
        if (known !== undefined) {
          known.cvmPhases = [...known.cvmPhases, phase];
          continue;
        }
        const result = TRANSITION_TABLE.effects[outcome.effect].instance;
        byOutcome.set(key, {
          env,
          from,
          to: result === 'unchanged' ? from : result,
          cvmPhases: [phase],
          dependsOnCvm: false,
          rule: outcome.rule,
          response: outcome.response,
          effect: outcome.effect,
        });
      }
      const outcomes = [...byOutcome.values()];
      for (const t of outcomes) t.dependsOnCvm = outcomes.length > 1;
      transitions.push(...outcomes);
    }
  }
  return transitions;
}
