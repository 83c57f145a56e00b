import fc from 'fast-check';
import { TASK_INSTANCE_STATES } from '../../generated/transitions.ts';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome } from '../expectations.ts';
import { describeRef } from '../InstanceRef.ts';
import { reachState, settle } from '../reachState.ts';

const NAMED_ENV_REFUSAL = 'UnsupportedOperation.TerminateOperationWithEnvId';

/**
 * Provenance of the expectations:
 * - seed: TerminateJob is "not supported" for jobs of a named compute environment (the sentence quoted below), with
 *   the code the seed's error table gives for "task instances in the specified compute environment";
 * - decision: D-25 (the refusal holds in every job state, SUBMITTED included, before D-09's rule), D-05 (under
 *   `current` a named environment is no longer refused), D-09 (a SUBMITTED job: UnsupportedOperation).
 */
export const tti18 = defineInvariant({
  id: 'TTI-18',
  title:
    'TerminateJob on a job of a named compute environment (EnvId): UnsupportedOperation.TerminateOperationWithEnvId in every job state and nothing changes (doc revision seed; under current it is accepted).',
  source:
    'For jobs submitted to a named compute environment (where EnvId but not ComputeEnv is specified for SubmitJob), the TerminateTaskInstance and TerminateJob operations are not supported.',
  requires: ['state', 'named-env'],
  arbitrary: () => fc.constantFrom(...TASK_INSTANCE_STATES),
  async run(h, state) {
    // Two jobs with the same timing: the first gets the call, the second is its untouched twin.
    const refs = await reachState(h, { state, env: 'named', count: 2 }, 2);
    if (refs === undefined) {
      h.skipRun(`two named-environment jobs could not be caught in ${state}`);
      return;
    }
    const [touched, twin] = refs;
    if (twin === undefined) throw new Error('reachState returned one job for two');
    const described = `TerminateJob on a named-environment job whose instances are ${state}`;
    const result = await h.call('TerminateJob', { JobId: touched.jobId });
    if (h.docRevision === 'seed') {
      expectOutcome(result, [NAMED_ENV_REFUSAL], described);
      await expectLikeTwin(h, touched, twin, `a refused ${described} changed the job`);
      return;
    }
    expectOutcome(result, [state === 'SUBMITTED' ? 'UnsupportedOperation' : 'Success'], described);
    if (state === 'SUBMITTED' || state === 'SUCCEED' || state === 'FAILED') return;
    const [end] = await settle(h, [touched]);
    expectThat(end === 'FAILED', `${describeRef(touched)} ended ${String(end)} after an accepted ${described}`);
  },
});
