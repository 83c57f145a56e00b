import type fc from 'fast-check';
import type { EnvKind } from '../../generated/transitions.ts';
import type { BatchModel } from './BatchModel.ts';
import type { ModelReal } from './ModelReal.ts';
import { laneOfCommand } from '../Workload.ts';

/**
 * Submits a one-task job whose instances run `command` (the workload grammar); on a live target with shared jobs,
 * leases instances of the lane the command comes closest to.
 */
export class SubmitJobCommand implements fc.AsyncCommand<BatchModel, ModelReal> {
  constructor(
    readonly env: EnvKind,
    readonly count: number,
    readonly command: string,
    readonly failedAction: 'TERMINATE' | 'INTERRUPT',
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: BatchModel, { h }: ModelReal): Promise<void> {
    const provided = await h.provide({
      workload: {
        command: this.command,
        extra: { FailedAction: this.failedAction },
        lane: laneOfCommand(this.command, this.failedAction),
      },
      env: this.env,
      count: this.count,
    });
    const job = provided?.[0];
    // On shared jobs a lane can run out: the model simply has one job fewer.
    if (job === undefined) {
      h.note(`${this.toString()}: no instances left for it`);
      return;
    }
    h.note(`${this.toString()}: job ${model.jobs.length} is ${job.task.jobId}`);
    model.jobs.push({ group: job.task, env: this.env, terminated: new Set(), seen: new Map() });
  }
  toString(): string {
    return `SubmitJob(${this.env}, ${this.count}×"${this.command}", ${this.failedAction})`;
  }
}
