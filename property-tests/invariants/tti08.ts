import fc from 'fast-check';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, runningTwins } from '../expectations.ts';
import { wellFormedJobIdArb } from '../arbitraries/malformedJobIdArb.ts';
import { outcomeOf } from '../outcomeOf.ts';

type Miss = { kind: 'job'; jobId: string } | { kind: 'task'; taskName: string } | { kind: 'index'; offset: number };

export const tti08 = defineInvariant({
  id: 'TTI-08',
  title:
    'A well-formed JobId with no such instance (unknown job, unknown task, index out of range) gives ResourceNotFound.TaskInstance and changes nothing.',
  source: 'Error codes table: ResourceNotFound.TaskInstance — "The task instance does not exist".',
  requires: [],
  arbitrary: () =>
    fc.oneof(
      wellFormedJobIdArb.map((jobId): Miss => ({ kind: 'job', jobId })),
      fc
        .stringMatching(/^[A-Za-z0-9_-]{1,20}$/)
        .filter((n) => n !== 'A')
        .map((taskName): Miss => ({ kind: 'task', taskName })),
      fc
        .oneof(fc.nat(5), fc.constantFrom(1000, 2 ** 31, Number.MAX_SAFE_INTEGER - 2))
        .map((offset): Miss => ({ kind: 'index', offset })),
    ),
  async run(h, miss) {
    const twins = await runningTwins(h);
    if (twins === undefined) {
      if (miss.kind !== 'job') {
        h.skipRun('unknown tasks and indexes need a job of the run');
        return;
      }
      // live-safe: terminate only an id verified nonexistent just before.
      const probe = await h.call('DescribeJob', { JobId: miss.jobId });
      if (outcomeOf(probe) !== 'ResourceNotFound.Job') {
        h.skipRun(`could not verify that ${miss.jobId} does not exist`);
        return;
      }
      const result = await h.call('TerminateTaskInstance', { JobId: miss.jobId, TaskName: 'A', TaskInstanceIndex: 0 });
      expectOutcome(result, ['ResourceNotFound.TaskInstance'], `terminating an instance of unknown job ${miss.jobId}`);
      return;
    }
    const { touched, twin } = twins;
    const request =
      miss.kind === 'job'
        ? { JobId: miss.jobId, TaskName: 'A', TaskInstanceIndex: 0 }
        : miss.kind === 'task'
          ? { JobId: touched.jobId, TaskName: miss.taskName, TaskInstanceIndex: 0 }
          : { JobId: touched.jobId, TaskName: 'A', TaskInstanceIndex: 2 + miss.offset };
    if (
      miss.kind === 'job' &&
      outcomeOf(await h.call('DescribeJob', { JobId: miss.jobId })) !== 'ResourceNotFound.Job'
    ) {
      h.skipRun(`${miss.jobId} happens to exist`);
      return;
    }
    expectOutcome(
      await h.call('TerminateTaskInstance', request),
      ['ResourceNotFound.TaskInstance'],
      `terminating a nonexistent instance (${miss.kind}: ${JSON.stringify(request)})`,
    );
    await expectLikeTwin(h, touched, twin, 'a call for a nonexistent instance changed an instance');
  },
});
