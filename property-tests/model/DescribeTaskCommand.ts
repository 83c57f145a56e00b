import type fc from 'fast-check';
import { isFinal, pickJob, type BatchModel, type ModelJob } from './BatchModel.ts';
import type { ModelReal } from './ModelReal.ts';
import { describeRef } from '../InstanceRef.ts';

/**
 * Reads a job's instances and checks them against the model: a final state never changes, and an instance whose
 * termination was accepted is never SUCCEED. With `settle`, first lets time run out and checks every terminated
 * instance ended FAILED. On a target without a control plane "time has run out" cannot be known (and the shared
 * jobs' instances run for an hour), so there `settle` waits, within the run's bounded waits, only until every instance
 * this run terminated is final: what the settled read can check there.
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
    const { group } = job;
    if (this.settle && h.capabilities.has('control')) for (let i = 0; i < 200 && (await h.step()); i++);
    else if (this.settle) await untilTerminatedAreFinal(h, job);
    const listed = await h.instances(group.jobId, group.taskName);
    h.check(
      expect.listing,
      listed.length === group.taskSize,
      `${group.jobId}/${group.taskName} lists ${listed.length} instances, submitted ${group.taskSize}`,
    );
    h.note(
      `${this.toString()}: ${group.jobId}/${group.taskName} ${listed.map((i) => `#${i.TaskInstanceIndex} ${i.TaskInstanceState}`).join(', ')}`,
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

async function untilTerminatedAreFinal(h: ModelReal['h'], job: ModelJob): Promise<void> {
  const { group } = job;
  for (let i = 0; i < 200; i++) {
    const listed = await h.instances(group.jobId, group.taskName);
    const pending = listed.some((l) => job.terminated.has(l.TaskInstanceIndex) && !isFinal(l.TaskInstanceState));
    if (!pending || !(await h.step())) return;
  }
}
