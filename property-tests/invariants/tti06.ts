import fc from 'fast-check';
import { TASK_INSTANCE_STATES } from '../../generated/transitions.ts';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { cvmPhases, expectedTermination, expectLikeTwin, expectOutcome, terminate } from '../expectations.ts';
import { reachState, settle } from '../reachState.ts';
import { describeRef } from '../InstanceRef.ts';

export const tti06 = defineInvariant({
  id: 'TTI-06',
  title:
    'Named compute env (EnvId): UnsupportedOperation.TerminateOperationWithEnvId and nothing changes (doc revision seed; under current: FAILED and the CVM restarted).',
  source:
    'This API only supports jobs submitted to an anonymous compute environment ... For jobs in a named compute environment, TerminateTaskInstance is not supported.',
  requires: ['state', 'named-env'],
  arbitrary: () => fc.constantFrom(...TASK_INSTANCE_STATES),
  async run(h, state) {
    const refs = await reachState(h, { state, env: 'named', count: 2 });
    if (refs === undefined) {
      h.skipRun(`a named-environment instance could not be caught in ${state}`);
      return;
    }
    const [touched] = refs;
    const twin = { ...touched, index: 1 };
    // A named environment's node exists before the instance, so the table's CVM phase is `running` once started.
    const started = state === 'STARTING' || state === 'RUNNING' || state === 'FAILED_INTERRUPTED';
    const expected = expectedTermination(h, 'named', state, started ? 'running' : 'none');
    expectOutcome(
      await terminate(h, touched),
      [expected.response],
      `terminating a ${state} instance of a named environment`,
    );
    if (expected.effect.instance === 'unchanged') {
      await expectLikeTwin(h, touched, twin, `a rejected or no-op termination (${expected.rule}) changed the instance`);
      return;
    }
    const [end] = await settle(h, [touched]);
    expectThat(end === 'FAILED', `${describeRef(touched)} ended ${String(end)}, not FAILED (${expected.rule})`);
    if (expected.effect.cvm !== 'restarted') return;
    const phases = await cvmPhases(h, touched);
    if (!h.capabilities.has('control')) {
      h.cannotObserve('that the CVM is restarted');
      return;
    }
    expectThat(
      phases.includes('restarting') && !phases.includes('terminated') && phases.at(-1) === 'running',
      `the node of ${describeRef(touched)} went ${phases.join(' → ')}: not restarted (${expected.rule})`,
    );
  },
});
