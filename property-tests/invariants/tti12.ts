import fc from 'fast-check';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, findUnknownJob, runningTwins } from '../expectations.ts';
import { applyMutation, mutationArb } from '../arbitraries/wrongParamArb.ts';
import { unknownJobCandidatesArb } from '../arbitraries/malformedJobIdArb.ts';
import { decision, reference } from '../Provenance.ts';

export const tti12 = defineInvariant({
  id: 'TTI-12',
  title:
    'A missing required parameter gives MissingParameter; a wrong type or value gives InvalidParameter or InvalidParameterValue; nothing changes.',
  source:
    'Input parameters: "JobId | Yes | String | Job ID", "TaskName | Yes | String | Task name", "TaskInstanceIndex | Yes | Integer | Task instance index" (seed)',
  requires: [],
  expectations: {
    missing: {
      statement: 'A request without a required parameter is answered MissingParameter.',
      provenance: reference('reference §3.2', 'MissingParameter | A required parameter is missing'),
    },
    'wrong-type': {
      statement: 'A parameter of another JSON type is answered InvalidParameter or InvalidParameterValue.',
      provenance: reference('reference §3.2', 'InvalidParameter | Parameter error (format, type, …)'),
    },
    'wrong-value': {
      statement: 'A TaskInstanceIndex outside 0 … 2^53−1 is answered InvalidParameter or InvalidParameterValue.',
      provenance: decision('D-03'),
    },
    extra: {
      statement: 'A parameter the action does not have is answered UnknownParameter (or InvalidParameter).',
      provenance: decision('D-10'),
    },
    unchanged: { statement: 'The rejected call changes nothing.', provenance: decision('D-28') },
  },
  arbitrary: (h) => fc.record({ mutation: mutationArb, candidates: unknownJobCandidatesArb(h.capabilities) }),
  async run(h, { mutation, candidates }, expect) {
    // With state, the defective call aims at a real RUNNING instance: processing it anyway would terminate it.
    const twins = await runningTwins(h);
    // Without state, the request names a job the target proves nonexistent: the defect is then the only fault.
    const jobId = twins?.touched.jobId ?? (await findUnknownJob(h, candidates));
    if (jobId === undefined) {
      h.skipRun(`DescribeJob found every candidate (${candidates.join(', ')})`);
      return;
    }
    const target = twins?.touched ?? { jobId, taskName: 'A', index: 0 };
    const params = applyMutation(
      { JobId: target.jobId, TaskName: target.taskName, TaskInstanceIndex: target.index },
      mutation,
    );
    expectOutcome(
      h,
      expect[mutation.kind],
      await h.raw({ action: 'TerminateTaskInstance', params }),
      mutation.expect,
      `a request with ${mutation.kind} ${mutation.name} (${JSON.stringify(params)})`,
    );
    if (twins === undefined) return;
    await expectLikeTwin(
      h,
      expect.unchanged,
      twins.touched,
      twins.twin,
      `a request with ${mutation.kind} ${mutation.name} changed an instance`,
    );
  },
});
