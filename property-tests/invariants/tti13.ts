import fc from 'fast-check';
import type { SignatureFault } from '../../conformance/client/Malformation.ts';
import { ERROR_CODES, type ErrorCode } from '../../generated/errorCodes.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, runningTwins } from '../expectations.ts';
import { unknownJobIdArb } from '../arbitraries/malformedJobIdArb.ts';
import { decision, reference } from '../Provenance.ts';

/** Every documented AuthFailure code, from the one error table. */
const AUTH_FAILURES = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((c) => c.startsWith('AuthFailure.'));

const FAULTS: readonly SignatureFault[] = [
  'missing',
  'corrupt',
  'wrong-key',
  'unknown-secret-id',
  'expired',
  'scope-date',
  'malformed',
];

export const tti13 = defineInvariant({
  id: 'TTI-13',
  title: 'A missing, malformed, forged or expired signature gives an AuthFailure.* code; nothing changes.',
  source:
    'reference §4.3, §4.5: the Authorization header (TC3) or Signature parameter (v1) and the timestamp; "more than 5 minutes" of skew gives AuthFailure.SignatureExpire (§3.2).',
  requires: [],
  expectations: {
    authFailure: {
      statement: 'A missing, malformed, forged or expired signature is answered with an AuthFailure.* code.',
      provenance: reference('reference §4.5 step 6, §3.2', 'a signature mismatch gives AuthFailure.SignatureFailure'),
    },
    unchanged: { statement: 'The rejected call changes nothing.', provenance: decision('D-28') },
  },
  arbitrary: () =>
    fc.record({
      fault: fc.oneof(
        fc.constantFrom(...FAULTS).map((fault) => ({ kind: 'signature' as const, fault })),
        fc
          .integer({ min: 301, max: 86_400 * 30 })
          .chain((s) => fc.constantFrom(s, -s))
          .map((offsetSeconds) => ({ kind: 'timestamp' as const, offsetSeconds })),
      ),
      signMethod: fc.constantFrom('TC3' as const, 'v1' as const),
      unknownJob: unknownJobIdArb,
    }),
  async run(h, { fault, signMethod, unknownJob }, expect) {
    // Some faults exist in one scheme only (reference §4.5, §4.6).
    const tc3Only = fault.kind === 'signature' && (fault.fault === 'scope-date' || fault.fault === 'malformed');
    const method = tc3Only ? 'TC3' : signMethod;
    const describe = `a ${method} request with ${fault.kind === 'signature' ? `a ${fault.fault} signature` : `a timestamp ${fault.offsetSeconds} s off`}`;
    const twins = await runningTwins(h);
    const target = twins?.touched ?? { jobId: unknownJob, taskName: 'A', index: 0 };
    const params = { JobId: target.jobId, TaskName: target.taskName, TaskInstanceIndex: target.index };
    expectOutcome(
      h,
      expect.authFailure,
      await h.raw({ action: 'TerminateTaskInstance', params, signMethod: method, malformations: [fault] }),
      AUTH_FAILURES,
      describe,
    );
    if (twins !== undefined) {
      await expectLikeTwin(h, expect.unchanged, twins.touched, twins.twin, `${describe} changed an instance`);
    }
  },
});
