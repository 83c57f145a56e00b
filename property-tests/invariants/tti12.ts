import fc from 'fast-check';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome } from '../expectations.ts';
import { applyMutation, mutationArb } from '../arbitraries/wrongParamArb.ts';
import { wellFormedJobIdArb } from '../arbitraries/malformedJobIdArb.ts';
import { reachState } from '../reachState.ts';

export const tti12 = defineInvariant({
  id: 'TTI-12',
  title:
    'A missing required parameter gives MissingParameter; a wrong type or value gives InvalidParameter or InvalidParameterValue; nothing changes.',
  source: 'Input parameters: JobId (String), TaskName (String), TaskInstanceIndex (Integer), all required.',
  requires: [],
  arbitrary: () => fc.record({ mutation: mutationArb, unknownJob: wellFormedJobIdArb }),
  async run(h, { mutation, unknownJob }) {
    if (!h.capabilities.has('state')) {
      const params = applyMutation({ JobId: unknownJob, TaskName: 'A', TaskInstanceIndex: 0 }, mutation);
      expectOutcome(
        await h.raw({ action: 'TerminateTaskInstance', params }),
        mutation.expect,
        `a request with ${mutation.kind} ${mutation.name}`,
      );
      return;
    }
    // The defective call aims at a real RUNNING instance: processing it anyway would terminate it.
    const refs = await reachState(h, { state: 'RUNNING', env: 'anonymous', count: 2 });
    expectThat(refs !== undefined, 'could not bring an instance to RUNNING');
    const [touched] = refs;
    const params = applyMutation({ JobId: touched.jobId, TaskName: 'A', TaskInstanceIndex: 0 }, mutation);
    expectOutcome(
      await h.raw({ action: 'TerminateTaskInstance', params }),
      mutation.expect,
      `a request with ${mutation.kind} ${mutation.name} (${JSON.stringify(params)})`,
    );
    await expectLikeTwin(
      h,
      touched,
      { ...touched, index: 1 },
      `a request with ${mutation.kind} ${mutation.name} changed an instance`,
    );
  },
});
