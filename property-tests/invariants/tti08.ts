import fc from 'fast-check';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, requireUnknownJob, runningTwins } from '../expectations.ts';
import { unknownJobCandidatesArb } from '../arbitraries/malformedJobIdArb.ts';
import { decision, seed } from '../Provenance.ts';
import { WIRE_FORMS, type WireForm } from '../coverage/WireForm.ts';
import type { DimensionGroup } from '../coverage/planCells.ts';
import type { InstanceGroup } from '../InstanceRef.ts';

const ROW = 'ResourceNotFound.TaskInstance | The specified task instance does not exist.';

/** A way a request names no instance of a real job: another task name, or an index past the task's instances. */
interface Miss {
  readonly label: string;
  request(task: InstanceGroup): { JobId: string; TaskName: string; TaskInstanceIndex: number };
}

/** Latin letters and their Cyrillic look-alikes. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  o: '\u043E',
  p: '\u0440',
  x: '\u0445',
  A: '\u0410',
  B: '\u0412',
  C: '\u0421',
  E: '\u0415',
  H: '\u041D',
  K: '\u041A',
  M: '\u041C',
  O: '\u041E',
  P: '\u0420',
  T: '\u0422',
  X: '\u0425',
};

/** The name with its first letter that has a Cyrillic look-alike replaced; a name with none gets one in front. */
function lookAlike(real: string): string {
  const replaced = real.replace(/[aceopxABCEHKMOPTX]/, (c) => LOOK_ALIKES[c] ?? c);
  return replaced === real ? `\u0410${real}` : replaced;
}

/** The name in the other case: lower case, or upper case for a name that is lower case already ("long"). */
const otherCase = (real: string): string => (real === real.toLowerCase() ? real.toUpperCase() : real.toLowerCase());

const taskMiss = (label: string, name: (real: string) => string): Miss => ({
  label,
  request: (task) => ({ JobId: task.jobId, TaskName: name(task.taskName), TaskInstanceIndex: 0 }),
});
const indexMiss = (label: string, index: (size: number) => number): Miss => ({
  label,
  request: (task) => ({ JobId: task.jobId, TaskName: task.taskName, TaskInstanceIndex: index(task.taskSize) }),
});

/**
 * Task names that name no task of the job, whatever the real task is called (`A` on an emulator, a lane such as `long`
 * on a live target's shared job) (case, surrounding whitespace, a look-alike: a name is matched exactly, no
 * source says otherwise) and indexes past the task (the first one past it, far past, the largest safe integer).
 */
export const MISSES: readonly Miss[] = [
  taskMiss('another task', (real) => `${real}-nope`),
  taskMiss('task name in the other case', otherCase),
  taskMiss('task name with a leading space', (real) => ` ${real}`),
  taskMiss('task name with a trailing space', (real) => `${real} `),
  taskMiss('Cyrillic look-alike task name', lookAlike),
  indexMiss('the first index past the task', (size) => size),
  indexMiss('an index far past the task', (size) => size + 1000),
  indexMiss('index 2^31', () => 2 ** 31),
  indexMiss('the largest safe integer', () => Number.MAX_SAFE_INTEGER),
];

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
  cells: (h): readonly DimensionGroup<{ miss: Miss | 'unknown job'; form: WireForm }>[] => [
    { miss: ['unknown job'], form: WIRE_FORMS },
    ...(h.capabilities.has('state') ? [{ miss: MISSES, form: WIRE_FORMS }] : []),
  ],
  arbitrary: (h) => fc.record({ candidates: unknownJobCandidatesArb(h.capabilities) }),
  async run(h, { miss, form, candidates }, expect) {
    if (miss === 'unknown job') {
      // Only an id the target itself proves nonexistent is a fact about unknown jobs; one it calls malformed is
      // TTI-07's, one it knows is someone's job.
      const jobId = await requireUnknownJob(h, candidates);
      expectOutcome(
        h,
        expect.unknownJob,
        await h.call('TerminateTaskInstance', { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 }, form),
        ['ResourceNotFound.TaskInstance'],
        `terminating an instance of unknown job ${jobId} (${form.label})`,
      );
      return;
    }
    const twins = await runningTwins(h);
    if (twins === undefined) {
      h.skipRun('unknown tasks and indexes need a job of the run');
      return;
    }
    const { touched, twin, task } = twins;
    const request = miss.request(task);
    expectOutcome(
      h,
      expect.unknownInstance,
      await h.call('TerminateTaskInstance', request, form),
      ['ResourceNotFound.TaskInstance'],
      `terminating a nonexistent instance (${miss.label}, ${form.label}: ${JSON.stringify(request)})`,
    );
    await expectLikeTwin(h, expect.unchanged, touched, twin, `a call for a nonexistent instance changed an instance`);
  },
});
