import type fc from 'fast-check';
import type { EnvKind } from '../../generated/transitions.ts';
import type { BatchModel } from './BatchModel.ts';
import type { ModelReal } from './ModelReal.ts';

/** Submits a one-task job whose instances run `command` (the workload grammar). */
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
    const jobId = await h.submit([
      {
        name: 'A',
        command: this.command,
        count: this.count,
        env: this.env,
        extra: { FailedAction: this.failedAction },
      },
    ]);
    model.jobs.push({ jobId, env: this.env, count: this.count, terminated: new Set(), seen: new Map() });
  }
  toString(): string {
    return `SubmitJob(${this.env}, ${this.count}×"${this.command}", ${this.failedAction})`;
  }
}
