import type { ErrorCode } from '../../generated/errorCodes.ts';
import { TASK_INSTANCE_STATES } from '../../generated/transitions.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome } from '../expectations.ts';
import { describeRef, member } from '../InstanceRef.ts';
import { decision, reference, seed } from '../Provenance.ts';
import { reachState, settle } from '../reachState.ts';
import { NAMED_ENV_SENTENCE } from './namedEnvSentence.ts';
import { WIRE_FORMS } from '../coverage/WireForm.ts';

const NAMED_ENV_REFUSAL: ErrorCode = 'UnsupportedOperation.TerminateOperationWithEnvId';

export const tti18 = defineInvariant({
  id: 'TTI-18',
  title:
    'TerminateJob on a job of a named compute environment (EnvId): UnsupportedOperation.TerminateOperationWithEnvId in every job state and nothing changes (doc revision seed; under current it is accepted).',
  source: NAMED_ENV_SENTENCE,
  requires: ['state', 'named-env'],
  expectations: {
    refused: {
      statement:
        'Under doc revision seed, TerminateJob on a named-environment job is answered UnsupportedOperation.TerminateOperationWithEnvId, in every job state.',
      provenance: decision('D-25'),
    },
    unchanged: {
      statement: 'The refused call changes nothing: the job evolves like its twin job.',
      provenance: seed(NAMED_ENV_SENTENCE),
    },
    accepted: {
      statement: 'Under doc revision current it is accepted (a SUBMITTED job still gets UnsupportedOperation, D-09).',
      provenance: decision('D-05'),
    },
    failed: {
      statement: 'Accepted, it fails the job’s unfinished instances like TerminateTaskInstance would.',
      provenance: reference(
        'reference §1.5',
        'Equivalent to running TerminateTaskInstance on every task instance of the job.',
      ),
    },
  },
  cells: () => [{ state: TASK_INSTANCE_STATES, form: WIRE_FORMS }],
  async run(h, { state, form }, expect) {
    // Two jobs with the same timing: the first gets the call, the second is its untouched twin.
    const refs = await reachState(h, { state, env: 'named', count: 2 }, 2);
    const [first, second] = refs ?? [];
    if (first === undefined || second === undefined) {
      h.skipRun(`two named-environment jobs could not be caught in ${state}`);
      return;
    }
    const touched = member(first.task, 0);
    const twin = member(second.task, 0);
    const described = `TerminateJob (${form.label}) on a named-environment job whose instances are ${state}`;
    const result = await h.call('TerminateJob', { JobId: touched.jobId }, form);
    if (h.docRevision === 'seed') {
      expectOutcome(h, expect.refused, result, [NAMED_ENV_REFUSAL], described);
      await expectLikeTwin(h, expect.unchanged, touched, twin, `a refused ${described} changed the job`);
      return;
    }
    expectOutcome(h, expect.accepted, result, [state === 'SUBMITTED' ? 'UnsupportedOperation' : 'Success'], described);
    if (state === 'SUBMITTED' || state === 'SUCCEED' || state === 'FAILED') return;
    const [end] = await settle(h, [touched]);
    h.check(
      expect.failed,
      end === 'FAILED',
      `${describeRef(touched)} ended ${String(end)} after an accepted ${described}`,
    );
  },
});
