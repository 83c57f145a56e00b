/** How long each step takes on the emulator's clock, in milliseconds. */
export interface Timings {
  /** SUBMITTED → PENDING: Batch accepts the job. */
  acceptMs: number;
  /** PENDING → RUNNABLE once the task's dependences are met. */
  scheduleMs: number;
  /** RUNNABLE → STARTING: a CVM is requested (anonymous) or a node assigned (named). */
  startMs: number;
  /** STARTING with the CVM being created, until it exists. */
  cvmCreateMs: number;
  /** STARTING with the CVM up, until the workload runs (RUNNING). */
  agentStartMs: number;
  /** A CVM termination, from terminating to terminated. */
  cvmTerminateMs: number;
  /** A named-environment node restart (doc revision `current`). */
  cvmRestartMs: number;
}

export const DEFAULT_TIMINGS: Timings = {
  acceptMs: 1_000,
  scheduleMs: 1_000,
  startMs: 1_000,
  cvmCreateMs: 20_000,
  agentStartMs: 5_000,
  cvmTerminateMs: 10_000,
  cvmRestartMs: 10_000,
};
