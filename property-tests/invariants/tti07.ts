import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, runningTwins } from '../expectations.ts';
import { malformedJobIdArb } from '../arbitraries/malformedJobIdArb.ts';
import { decision } from '../Provenance.ts';

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
  arbitrary: () => malformedJobIdArb,
  async run(h, jobId, expect) {
    const twins = await runningTwins(h);
    const result = await h.call('TerminateTaskInstance', { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 });
    expectOutcome(
      h,
      expect.code,
      result,
      ['InvalidParameter.JobIdMalformed'],
      `terminating JobId ${JSON.stringify(jobId)}`,
    );
    if (twins === undefined) return;
    // A bystander a sloppy parser could hit: the second call is a near miss of this job's own id.
    const { touched, twin } = twins;
    const nearMiss = touched.jobId.toUpperCase();
    expectOutcome(
      h,
      expect.code,
      await h.call('TerminateTaskInstance', {
        JobId: nearMiss,
        TaskName: touched.taskName,
        TaskInstanceIndex: touched.index,
      }),
      ['InvalidParameter.JobIdMalformed'],
      `terminating JobId ${nearMiss} (an existing job's id in upper case)`,
    );
    await expectLikeTwin(h, expect.unchanged, touched, twin, 'a call with a malformed JobId changed an instance');
  },
});
