import type fc from 'fast-check';
import type { BatchModel } from './BatchModel.ts';
import type { ModelReal } from './ModelReal.ts';

/** Lets time pass: a number of seconds, or the next event of a virtual clock. */
export class PassTimeCommand implements fc.AsyncCommand<BatchModel, ModelReal> {
  constructor(readonly seconds: number | 'next-event') {}
  check(): boolean {
    return true;
  }
  async run(_model: BatchModel, { h }: ModelReal): Promise<void> {
    if (this.seconds === 'next-event') await h.step();
    else await h.wait(this.seconds);
  }
  toString(): string {
    return this.seconds === 'next-event' ? 'PassTime(next event)' : `PassTime(${this.seconds} s)`;
  }
}
