import type { StateGoal } from '../reachState.ts';

/** A situation as a dimension of the coverage phase: a state goal that names itself. */
export type LabelledGoal = StateGoal & { readonly label: string };

const goal = (state: StateGoal['state'], cvm?: StateGoal['cvm']): LabelledGoal => ({
  state,
  env: 'anonymous',
  ...(cvm === undefined ? {} : { cvm }),
  label: cvm === undefined ? state : `${state} (CVM ${cvm})`,
});

/** Every situation of an anonymous-environment instance the transition table distinguishes. */
export const ANONYMOUS_GOALS: readonly LabelledGoal[] = [
  goal('SUBMITTED'),
  goal('PENDING'),
  goal('RUNNABLE'),
  goal('STARTING', 'creating'),
  goal('STARTING', 'running'),
  goal('RUNNING'),
  goal('SUCCEED'),
  goal('FAILED'),
  goal('FAILED_INTERRUPTED'),
];

/** The goals in which an instance is not final yet (termination has something to do). */
export const UNFINISHED_GOALS: readonly LabelledGoal[] = ANONYMOUS_GOALS.filter(
  (g) => g.state !== 'SUCCEED' && g.state !== 'FAILED',
);
