import { cvmsOf } from '../cvmsOf.ts';
import fc from 'fast-check';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { expectOutcome, terminate } from '../expectations.ts';
import { reachState, settle } from '../reachState.ts';
import { describeRef } from '../InstanceRef.ts';

export const tti04 = defineInvariant({
  id: 'TTI-04',
  title:
    'An instance whose CVM is still being created: the call is accepted, the CVM is terminated once created, the workload never runs, the instance ends FAILED.',
  source:
    'If the CVM is being created, Batch registers a bypass termination and will asynchronously terminate the CVM after it is created.',
  requires: ['state', 'control'],
  arbitrary: () =>
    fc.record({
      command: fc.constantFrom('true', 'sleep 5', 'sleep 3600', 'exit 1'),
      calls: fc.integer({ min: 1, max: 2 }),
    }),
  async run(h, { command, calls }) {
    const refs = await reachState(h, { state: 'STARTING', cvm: 'creating', env: 'anonymous', command });
    expectThat(refs !== undefined, 'could not catch an instance while its CVM is being created');
    const [ref] = refs;
    for (let i = 0; i < calls; i++) {
      expectOutcome(await terminate(h, ref), ['Success'], 'terminating an instance whose CVM is being created');
    }
    const [end] = await settle(h, [ref]);
    expectThat(end === 'FAILED', `${describeRef(ref)} ended ${String(end)}, not FAILED`);
    const snapshot = await h.snapshot(ref.jobId);
    const cvms = snapshot === undefined ? [] : cvmsOf(snapshot, ref);
    const instance = snapshot?.jobs[0]?.tasks.find((t) => t.TaskName === ref.taskName)?.instances[ref.index];
    expectThat(cvms.length === 1, `${describeRef(ref)} had ${cvms.length} CVMs, expected the one being created`);
    const phases = cvms[0]?.history.map((e) => e.phase) ?? [];
    expectThat(
      phases.join(',') === 'creating,running,terminating,terminated',
      `the CVM of ${describeRef(ref)} went ${phases.join(' → ')}, not created then terminated`,
    );
    expectThat(
      cvms[0]?.workloadStartedAt === null && instance?.workloadRuns === 0,
      `the workload of ${describeRef(ref)} ran`,
    );
    expectThat(!instance.history.some((e) => e.state === 'RUNNING'), `${describeRef(ref)} passed through RUNNING`);
  },
});
