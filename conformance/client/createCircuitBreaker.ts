import type { SendOutcome } from './sendRequest.ts';

/** After this many calls in a row without an answer (refused, reset, cut off), the target counts as gone. */
export const NO_ANSWERS_IN_A_ROW = 3;

/**
 * Whether the target still answers, shared by every client of one run. A target that let a deadline run out, or
 * left several calls in a row without an answer, has stopped answering: later calls are not sent (each would wait out
 * its deadline again, and a run of thousands of calls would never end), and the runner stops the run, naming the call.
 */
export interface CircuitBreaker {
  /** Why the target counts as gone (the call and its reason); undefined while it answers. */
  readonly tripped: string | undefined;
  /** Told of every exchange: an answer resets the count, a missing one adds to it. */
  record(action: string, outcome: SendOutcome): void;
}

export function createCircuitBreaker(): CircuitBreaker {
  let tripped: string | undefined;
  let inARow = 0;
  return {
    get tripped() {
      return tripped;
    },
    record(action, outcome) {
      if (!('reason' in outcome)) {
        inARow = 0;
        return;
      }
      inARow++;
      if (tripped !== undefined) return;
      if (outcome.timedOut) tripped = `a ${action} call got no answer: ${outcome.reason}`;
      else if (inARow >= NO_ANSWERS_IN_A_ROW) {
        tripped = `${inARow} calls in a row got no answer, the last (${action}): ${outcome.reason}`;
      }
    },
  };
}
