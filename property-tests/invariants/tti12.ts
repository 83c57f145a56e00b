import fc from 'fast-check';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, runningTwins } from '../expectations.ts';
import { applyMutation, mutationArb } from '../arbitraries/wrongParamArb.ts';
import { wellFormedJobIdArb } from '../arbitraries/malformedJobIdArb.ts';

export const tti12 = defineInvariant({
  id: 'TTI-12',
  title:
    'A missing required parameter gives MissingParameter; a wrong type or value gives InvalidParameter or InvalidParameterValue; nothing changes.',
  source: 'Input parameters: JobId (String), TaskName (String), TaskInstanceIndex (Integer), all required.',
  requires: [],
  arbitrary: () => fc.record({ mutation: mutationArb, unknownJob: wellFormedJobIdArb }),
  async run(h, { mutation, unknownJob }) {
    // With state, the defective call aims at a real RUNNING instance: processing it anyway would terminate it.
    const twins = await runningTwins(h);
    const jobId = twins?.touched.jobId ?? unknownJob;
    const params = applyMutation({ JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 }, mutation);
    expectOutcome(
      await h.raw({ action: 'TerminateTaskInstance', params }),
      mutation.expect,
      `a request with ${mutation.kind} ${mutation.name} (${JSON.stringify(params)})`,
    );
    if (twins === undefined) return;
    await expectLikeTwin(
      h,
      twins.touched,
      twins.twin,
      `a request with ${mutation.kind} ${mutation.name} changed an instance`,
    );
  },
});
