import fc from 'fast-check';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, runningTwins } from '../expectations.ts';
import { applyMiss, JOB_ID_MISSES, missExtrasArb, wellFormedJobIdArb } from '../arbitraries/jobIdMisses.ts';
import { decision } from '../Provenance.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';

export const tti07 = defineInvariant({
  id: 'TTI-07',
  title: 'A malformed JobId gives InvalidParameter.JobIdMalformed and changes nothing.',
  source: 'Error codes table: "InvalidParameter.JobIdMalformed | Invalid job ID format." (seed)',
  requires: [],
  expectations: {
    // The code is the seed's; which JobIds are malformed is not published: the kit's rule is decision D-01.
    code: {
      statement: 'A JobId outside the kit’s rule (D-01) is answered InvalidParameter.JobIdMalformed.',
      provenance: decision('D-01'),
    },
    unchanged: { statement: 'The rejected call changes nothing.', provenance: decision('D-28') },
  },
  cells: () => [{ miss: JOB_ID_MISSES, form: WIRE_FORMS }],
  arbitrary: () => fc.record({ extras: missExtrasArb, unknown: wellFormedJobIdArb }),
  async run(h, { miss, form, extras, unknown }, expect) {
    // With state, the miss is of a real job's own id: a parser that maps it back would change that job's instance.
    const twins = await runningTwins(h);
    const target = twins?.touched ?? { jobId: unknown, taskName: 'A', index: 0 };
    const jobId = applyMiss(miss, target.jobId, extras);
    expectOutcome(
      h,
      expect.code,
      await h.call(
        'TerminateTaskInstance',
        { JobId: jobId, TaskName: target.taskName, TaskInstanceIndex: target.index },
        form,
      ),
      ['InvalidParameter.JobIdMalformed'],
      `terminating JobId ${JSON.stringify(jobId)} (${miss.label}, ${form.label})`,
    );
    if (twins === undefined) return;
    await expectLikeTwin(
      h,
      expect.unchanged,
      twins.touched,
      twins.twin,
      `a call with JobId ${JSON.stringify(jobId)} (${miss.label} of the job's own id, ${form.label}) changed an instance`,
    );
  },
});
