import fc from 'fast-check';
import type { StateGoal } from '../reachState.ts';

/** Every situation of an anonymous-environment instance the transition table distinguishes. */
export const ANONYMOUS_GOALS: readonly StateGoal[] = [
  { state: 'SUBMITTED', env: 'anonymous' },
  { state: 'PENDING', env: 'anonymous' },
  { state: 'RUNNABLE', env: 'anonymous' },
  { state: 'STARTING', env: 'anonymous', cvm: 'creating' },
  { state: 'STARTING', env: 'anonymous', cvm: 'running' },
  { state: 'RUNNING', env: 'anonymous' },
  { state: 'SUCCEED', env: 'anonymous' },
  { state: 'FAILED', env: 'anonymous' },
  { state: 'FAILED_INTERRUPTED', env: 'anonymous' },
];

export const anonymousGoalArb: fc.Arbitrary<StateGoal> = fc.constantFrom(...ANONYMOUS_GOALS);

/** The goals in which an instance is not final yet (termination has something to do). */
export const unfinishedGoalArb: fc.Arbitrary<StateGoal> = fc.constantFrom(
  ...ANONYMOUS_GOALS.filter((g) => g.state !== 'SUCCEED' && g.state !== 'FAILED'),
);
