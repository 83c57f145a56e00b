import type { TaskInstanceState } from '../../generated/transitions.ts';
import type { CvmLifecyclePhase, TaskEnv } from '../control/controlPlane.ts';
import type { Workload } from './parseWorkload.ts';

// The emulator's records of the Batch domain: a job, its tasks and instances, and the CVMs they run on.

/** A history entry; `seq` orders entries that share a timestamp (e.g. "CVM terminated, then FAILED"). */
export interface Stamp<T> {
  value: T;
  at: number;
  seq: number;
}

export interface Cvm {
  id: string;
  env: TaskEnv;
  phase: CvmLifecyclePhase;
  history: Stamp<CvmLifecyclePhase>[];
  jobId: string;
  taskName: string;
  instanceIndex: number;
  attempt: number;
  /** When the workload started on this CVM; null if it never ran here. */
  workloadStartedAt: number | null;
  /** The seed text: "asynchronously terminate the CVM after it is created". */
  terminateWhenCreated: boolean;
}

export interface Instance {
  index: number;
  state: TaskInstanceState;
  history: Stamp<TaskInstanceState>[];
  createdAt: number;
  launchAt: number | null;
  runningAt: number | null;
  endAt: number | null;
  exitCode: number | null;
  stateReason: string;
  detailedReason: string;
  cvm: Cvm | undefined;
  /** 0 for the first run; grows with each MaxRetryCount retry. */
  attempt: number;
  /** Bumped whenever scheduled work for the instance must be forgotten (termination, retry). */
  generation: number;
  /** A termination was accepted and has not completed yet. */
  terminating: boolean;
  /** Completed workload runs plus the one in progress. */
  workloadRuns: number;
}

export interface Task {
  name: string;
  env: Cvm['env'];
  workload: Workload;
  failedAction: 'TERMINATE' | 'INTERRUPT' | 'FAST_INTERRUPT';
  maxRetryCount: number;
  timeoutMs: number;
  createdAt: number;
  /** Names of the tasks this one waits for (Dependences with this task as EndTask). */
  after: string[];
  instances: Instance[];
}

export interface Job {
  id: string;
  name: string;
  zone: string;
  createdAt: number;
  /** SUBMITTED until Batch accepts the job. */
  accepted: boolean;
  tasks: Map<string, Task>;
  dependences: { StartTask: string; EndTask: string }[];
}
