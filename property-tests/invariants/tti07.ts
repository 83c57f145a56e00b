import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, runningTwins } from '../expectations.ts';
import { malformedJobIdArb } from '../arbitraries/malformedJobIdArb.ts';

export const tti07 = defineInvariant({
  id: 'TTI-07',
  title: 'A malformed JobId gives InvalidParameter.JobIdMalformed and changes nothing.',
  source: 'Error codes table: InvalidParameter.JobIdMalformed — "JobId has an invalid format".',
  requires: [],
  arbitrary: () => malformedJobIdArb,
  async run(h, jobId) {
    const twins = await runningTwins(h);
    const result = await h.call('TerminateTaskInstance', { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 });
    expectOutcome(result, ['InvalidParameter.JobIdMalformed'], `terminating JobId ${JSON.stringify(jobId)}`);
    if (twins === undefined) return;
    // A bystander a sloppy parser could hit: the second call is a near miss of this job's own id.
    const { touched, twin } = twins;
    const nearMiss = touched.jobId.toUpperCase();
    expectOutcome(
      await h.call('TerminateTaskInstance', { JobId: nearMiss, TaskName: 'A', TaskInstanceIndex: 0 }),
      ['InvalidParameter.JobIdMalformed'],
      `terminating JobId ${nearMiss} (an existing job's id in upper case)`,
    );
    await expectLikeTwin(h, touched, twin, 'a call with a malformed JobId changed an instance');
  },
});
