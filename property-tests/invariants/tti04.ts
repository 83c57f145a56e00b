import fc from 'fast-check';
import { cvmsOf } from '../cvmsOf.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { expectOutcome, terminate } from '../expectations.ts';
import { describeRef, member } from '../InstanceRef.ts';
import { decision, seed } from '../Provenance.ts';
import { reachState, settle } from '../reachState.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';

const SENTENCE =
  'In particular, if the CVM is being created and thus cannot be terminated immediately, Batch will register a scheduled termination operation in the bypass and asynchronously terminate the CVM after it is created.';

export const tti04 = defineInvariant({
  id: 'TTI-04',
  title:
    'An instance whose CVM is still being created: the call is accepted, the CVM is terminated once created, the workload never runs, the instance ends FAILED.',
  source: SENTENCE,
  requires: ['state'],
  expectations: {
    success: { statement: 'The call answers Success.', provenance: seed(SENTENCE) },
    failed: { statement: 'The instance ends FAILED.', provenance: decision('D-06') },
    neverRuns: {
      statement: 'The instance never becomes RUNNING: the workload never runs.',
      provenance: decision('D-06'),
    },
    cvmCreatedThenTerminated: {
      statement: 'The one CVM goes creating → running → terminating → terminated (emulator snapshot).',
      provenance: seed(SENTENCE),
    },
  },
  cells: () => [{ form: WIRE_FORMS }],
  arbitrary: () =>
    fc.record({
      command: fc.constantFrom('true', 'sleep 5', 'sleep 3600', 'exit 1'),
      calls: fc.integer({ min: 1, max: 2 }),
    }),
  async run(h, { form, command, calls }, expect) {
    // Without a snapshot the CVM's phase cannot be seen: any STARTING instance is tried, and the facts that need the
    // CVM are reported as not observable. A STARTING instance has not run its workload in either phase.
    const control = h.capabilities.has('control');
    const refs = await reachState(h, {
      state: 'STARTING',
      env: 'anonymous',
      command,
      ...(control ? { cvm: 'creating' as const } : {}),
    });
    if (refs === undefined) {
      h.skipRun('could not catch an instance while its CVM is being created');
      return;
    }
    const ref = member(refs[0].task, 0);
    for (let i = 0; i < calls; i++) {
      expectOutcome(
        h,
        expect.success,
        await terminate(h, ref, form),
        ['Success'],
        `terminating an instance whose CVM is being created (${form.label})`,
      );
    }
    const seen: string[] = [];
    for (let i = 0; i < 500; i++) {
      const state = await h.stateOf(ref);
      seen.push(state);
      if (state === 'FAILED' || state === 'SUCCEED' || !(await h.step())) break;
    }
    const end = seen.at(-1);
    h.check(expect.failed, end === 'FAILED', `${describeRef(ref)} ended ${String(end)}, not FAILED`);
    h.check(
      expect.neverRuns,
      !seen.includes('RUNNING'),
      `${describeRef(ref)} became RUNNING after termination (states seen: ${seen.join(', ')})`,
    );
    if (!control) {
      h.cannotObserve('the CVM being created and then terminated, and that the workload never ran on it');
      return;
    }
    await settle(h, [ref]);
    const snapshot = await h.snapshot(ref.jobId);
    const cvms = snapshot === undefined ? [] : cvmsOf(snapshot, ref);
    const instance = snapshot?.jobs[0]?.tasks.find((t) => t.TaskName === ref.taskName)?.instances[ref.index];
    const phases = cvms[0]?.history.map((e) => e.phase) ?? [];
    h.check(
      expect.cvmCreatedThenTerminated,
      cvms.length === 1 && phases.join(',') === 'creating,running,terminating,terminated',
      cvms.length === 1
        ? `the CVM of ${describeRef(ref)} went ${phases.join(' → ')}, not created then terminated`
        : `${describeRef(ref)} had ${cvms.length} CVMs, expected the one being created`,
    );
    h.check(
      expect.neverRuns,
      cvms[0]?.workloadStartedAt === null &&
        instance?.workloadRuns === 0 &&
        !instance.history.some((e) => e.state === 'RUNNING'),
      `the workload of ${describeRef(ref)} ran`,
    );
  },
});
