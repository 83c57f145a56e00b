import fc from 'fast-check';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, findUnknownJob, runningTwins } from '../expectations.ts';
import { unknownJobCandidatesArb } from '../arbitraries/malformedJobIdArb.ts';
import { decision, seed } from '../Provenance.ts';
import { LANES } from '../Workload.ts';

type Miss =
  { kind: 'job'; candidates: string[] } | { kind: 'task'; taskName: string } | { kind: 'index'; offset: number };

const ROW = 'ResourceNotFound.TaskInstance | The specified task instance does not exist.';

export const tti08 = defineInvariant({
  id: 'TTI-08',
  title:
    'A JobId with no such instance (unknown job, unknown task, index out of range) gives ResourceNotFound.TaskInstance and changes nothing.',
  source: `Error codes table: "${ROW}" (seed)`,
  requires: [],
  expectations: {
    unknownInstance: {
      statement: 'An unknown task or an index past the task’s instances is answered ResourceNotFound.TaskInstance.',
      provenance: seed(ROW),
    },
    unknownJob: {
      statement:
        'A job that does not exist (DescribeJob: ResourceNotFound.Job) is answered ResourceNotFound.TaskInstance.',
      provenance: decision('D-07'),
    },
    unchanged: { statement: 'The rejected call changes nothing.', provenance: decision('D-28') },
  },
  // Without state of its own a run can only aim at unknown jobs: candidates, of which DescribeJob picks one.
  arbitrary: (h) => {
    const job = unknownJobCandidatesArb(h.capabilities).map((candidates): Miss => ({ kind: 'job', candidates }));
    if (!h.capabilities.has('state')) return job;
    return fc.oneof(
      job,
      fc
        .stringMatching(/^[A-Za-z0-9_-]{1,20}$/)
        .filter((n) => !(LANES as readonly string[]).includes(n) && n !== 'A' && n !== 'Gate')
        .map((taskName): Miss => ({ kind: 'task', taskName })),
      fc
        .oneof(fc.nat(5), fc.constantFrom(1000, 2 ** 31, Number.MAX_SAFE_INTEGER - 2))
        .map((offset): Miss => ({ kind: 'index', offset })),
    );
  },
  async run(h, miss, expect) {
    if (miss.kind === 'job') {
      // Only an id the target itself proves nonexistent is a fact about unknown jobs; one it calls malformed is
      // TTI-07's, one it knows is someone's job.
      const jobId = await findUnknownJob(h, miss.candidates);
      if (jobId === undefined) {
        h.skipRun(`DescribeJob found every candidate (${miss.candidates.join(', ')}): none is known to be unknown`);
        return;
      }
      expectOutcome(
        h,
        expect.unknownJob,
        await h.call('TerminateTaskInstance', { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 }),
        ['ResourceNotFound.TaskInstance'],
        `terminating an instance of unknown job ${jobId}`,
      );
      return;
    }
    const twins = await runningTwins(h);
    if (twins === undefined) {
      h.skipRun('unknown tasks and indexes need a job of the run');
      return;
    }
    const { touched, twin, task } = twins;
    const request =
      miss.kind === 'task'
        ? { JobId: task.jobId, TaskName: miss.taskName, TaskInstanceIndex: 0 }
        : { JobId: task.jobId, TaskName: task.taskName, TaskInstanceIndex: task.taskSize + miss.offset };
    expectOutcome(
      h,
      expect.unknownInstance,
      await h.call('TerminateTaskInstance', request),
      ['ResourceNotFound.TaskInstance'],
      `terminating a nonexistent instance (${miss.kind}: ${JSON.stringify(request)})`,
    );
    await expectLikeTwin(h, expect.unchanged, touched, twin, 'a call for a nonexistent instance changed an instance');
  },
});
