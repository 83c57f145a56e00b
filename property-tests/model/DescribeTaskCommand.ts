import type fc from 'fast-check';
import { isFinal, pickJob, type BatchModel } from './BatchModel.ts';
import type { ModelReal } from './ModelReal.ts';
import { describeRef } from '../InstanceRef.ts';

/**
 * Reads a job's instances and checks them against the model: a final state never changes, and an instance whose
 * termination was accepted is never SUCCEED. With `settle`, first lets time run out and checks every terminated
 * instance ended FAILED.
 */
export class DescribeTaskCommand implements fc.AsyncCommand<BatchModel, ModelReal> {
  constructor(
    readonly job: number,
    readonly settle: boolean,
  ) {}
  check(model: Readonly<BatchModel>): boolean {
    return model.jobs.length > 0;
  }
  async run(model: BatchModel, { h, expect }: ModelReal): Promise<void> {
    const job = pickJob(model, this.job);
    if (job === undefined) return;
    if (this.settle) for (let i = 0; i < 200 && (await h.step()); i++);
    const { group } = job;
    const listed = await h.instances(group.jobId, group.taskName);
    h.check(
      expect.listing,
      listed.length === group.taskSize,
      `${group.jobId}/${group.taskName} lists ${listed.length} instances, submitted ${group.taskSize}`,
    );
    const mine = listed.filter(
      (i) => i.TaskInstanceIndex >= group.first && i.TaskInstanceIndex < group.first + group.count,
    );
    for (const { TaskInstanceIndex: index, TaskInstanceState: state } of mine) {
      const before = job.seen.get(index);
      const where = describeRef({ jobId: group.jobId, taskName: group.taskName, index });
      h.check(
        expect.finalStays,
        !isFinal(before) || state === before,
        `${where} was ${String(before)} (final) and is now ${state}`,
      );
      h.check(
        expect.neverSucceed,
        !(job.terminated.has(index) && state === 'SUCCEED'),
        `${where} was terminated and is SUCCEED`,
      );
      if (this.settle && job.terminated.has(index) && h.capabilities.has('control')) {
        h.check(
          expect.failedEndsFailed,
          state === 'FAILED',
          `${where} was terminated and, with nothing left to happen, is ${state}`,
        );
      }
      job.seen.set(index, state);
    }
  }
  toString(): string {
    return `DescribeTask(job ${this.job}${this.settle ? ', after letting time run out' : ''})`;
  }
}
