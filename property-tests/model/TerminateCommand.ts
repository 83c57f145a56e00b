import type fc from 'fast-check';
import { expectedAnswer, terminate, underRule } from '../expectations.ts';
import { pickJob, type BatchModel } from './BatchModel.ts';
import { describeRef, member } from '../InstanceRef.ts';
import { outcomeOf } from '../outcomeOf.ts';
import type { ModelReal } from './ModelReal.ts';
import type { WireForm } from '../coverage/WireForm.ts';

/**
 * Terminates instance `index` of job `job` (both taken modulo what exists) in a wire form, having first read its state
 * as a client would; the answer (anonymous environment) and the effect must be what the transition table says for
 * that env and state. The CVM phase is not looked at: a client cannot see it, and the table's answer does not depend
 * on it (expectedAnswer).
 */
export class TerminateCommand implements fc.AsyncCommand<BatchModel, ModelReal> {
  constructor(
    readonly job: number,
    readonly index: number,
    readonly form: WireForm,
  ) {}
  check(model: Readonly<BatchModel>): boolean {
    return model.jobs.length > 0;
  }
  async run(model: BatchModel, { h, expect }: ModelReal): Promise<void> {
    const job = pickJob(model, this.job);
    if (job === undefined) return;
    const ref = member(job.group, this.index % job.group.count);
    const state = await h.stateOf(ref);
    const expected = expectedAnswer(h, job.env, state);
    const got = outcomeOf(await terminate(h, ref, this.form));
    h.note(`${this.toString()}: ${describeRef(ref)} in ${state} answered ${got}`);
    const [rule] = expected.rules;
    // A named environment's answer is TTI-06's to judge, in every state and wire form (one fault, one finding); the
    // model still holds the instance to what that answer means.
    if (job.env === 'anonymous') {
      h.check(
        rule === undefined
          ? expect.answer
          : underRule(expect.answer, h.docRevision, rule, { env: job.env, state, cvm: 'none' }),
        got === expected.response,
        `terminating ${describeRef(ref)} in ${state} (${this.form.label}) answered ${got}; the table (${expected.rules.join(' or ')}) says ${expected.response}`,
      );
    }
    if (expected.instance === 'FAILED') job.terminated.add(ref.index);
  }
  toString(): string {
    return `Terminate(job ${this.job}, index ${this.index}, ${this.form.label})`;
  }
}
