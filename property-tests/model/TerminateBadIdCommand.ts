import type fc from 'fast-check';
import type { BatchModel } from './BatchModel.ts';
import type { ModelReal } from './ModelReal.ts';
import { RunSkipped } from '../Violation.ts';
import type { WireForm } from '../coverage/WireForm.ts';
import { outcomeOf } from '../outcomeOf.ts';

/** A terminate call for nothing: a malformed JobId, an unknown job, task or index. Must change nothing. */
export class TerminateBadIdCommand implements fc.AsyncCommand<BatchModel, ModelReal> {
  constructor(
    readonly kind: 'malformed' | 'unknown-job' | 'unknown-task' | 'index-out-of-range',
    readonly value: string,
    readonly form: WireForm,
  ) {}
  check(model: Readonly<BatchModel>): boolean {
    return this.kind === 'malformed' || this.kind === 'unknown-job' || model.jobs.length > 0;
  }
  async run(model: BatchModel, { h }: ModelReal): Promise<void> {
    const job = model.jobs[0];
    const request =
      this.kind === 'malformed' || this.kind === 'unknown-job' || job === undefined
        ? { JobId: this.value, TaskName: 'A', TaskInstanceIndex: 0 }
        : this.kind === 'unknown-task'
          ? { JobId: job.group.jobId, TaskName: `${this.value}x`, TaskInstanceIndex: 0 }
          : { JobId: job.group.jobId, TaskName: job.group.taskName, TaskInstanceIndex: job.group.taskSize };
    if (this.kind === 'unknown-job' && model.jobs.some((j) => j.group.jobId === this.value)) return;
    // The answer's code is TTI-07's (malformed) and TTI-08's (unknown) to judge: one fault, one finding. Here the call
    // only has to change nothing, which the model's later DescribeTask commands check.
    try {
      h.note(`${this.toString()} answered ${outcomeOf(await h.call('TerminateTaskInstance', request, this.form))}`);
    } catch (error) {
      // On a live target the guard refuses a JobId nobody proved nonexistent (it may be someone's job). Not sending
      // this one call changes nothing, so the rest of the run still checks the model; skipping the whole run would
      // leave TTI-MODEL unobserved wherever the service finds every plausible id.
      if (!(error instanceof RunSkipped)) throw error;
      h.note(`not sent: ${error.message}`);
    }
  }
  toString(): string {
    return `TerminateBadId(${this.kind}, ${JSON.stringify(this.value)}, ${this.form.label})`;
  }
}
