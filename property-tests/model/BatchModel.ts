import type { EnvKind, TaskInstanceState } from '../../generated/transitions.ts';
import type { InstanceGroup } from '../InstanceRef.ts';

/**
 * The model of TTI-MODEL: deliberately tiny, nothing like the emulator. It knows which jobs the run has (their
 * instances, environment and size), which instances a terminate call was accepted for, and the last state seen of
 * each instance (by its index in the task). What it predicts comes from the spec's transition table (expectedTermination), not from here.
 */
export interface ModelJob {
  /** The job's instances the run may use: a whole task of a fresh job, or instances leased from shared jobs. */
  group: InstanceGroup;
  env: EnvKind;
  /** Indexes whose termination was accepted with an effect (they must end FAILED, never SUCCEED). */
  terminated: Set<number>;
  /** Last state seen through DescribeTask, by index. */
  seen: Map<number, TaskInstanceState>;
}

export interface BatchModel {
  jobs: ModelJob[];
}

export function isFinal(state: TaskInstanceState | undefined): boolean {
  return state === 'SUCCEED' || state === 'FAILED';
}

/** The job a command's number points at (numbers are taken modulo the jobs created so far, so they shrink well). */
export function pickJob(model: Readonly<BatchModel>, n: number): ModelJob | undefined {
  return model.jobs[n % model.jobs.length];
}
