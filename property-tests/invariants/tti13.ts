import fc from 'fast-check';
import type { Malformation, SignatureFault } from '../../conformance/client/Malformation.ts';
import { WIRE_FORMS, type WireForm } from '../coverage/WireForm.ts';
import type { DimensionGroup } from '../coverage/planCells.ts';
import { ERROR_CODES, type ErrorCode } from '../../generated/errorCodes.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { expectLikeTwin, expectOutcome, runningTwins } from '../expectations.ts';
import { unknownJobIdArb } from '../arbitraries/malformedJobIdArb.ts';
import { decision, reference } from '../Provenance.ts';

/** Every documented AuthFailure code, from the one error table. */
const AUTH_FAILURES = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((c) => c.startsWith('AuthFailure.'));

/** Faults of either scheme, and a timestamp out of the 5-minute window on either side (reference §4.5 step 6). */
const ANY_SCHEME: readonly (SignatureFault | 'timestamp past' | 'timestamp future')[] = [
  'missing',
  'corrupt',
  'wrong-key',
  'unknown-secret-id',
  'expired',
  'timestamp past',
  'timestamp future',
];
/** Faults that exist in TC3 only (reference §4.5: the credential scope, the Authorization header's format). */
const TC3_ONLY: readonly SignatureFault[] = ['scope-date', 'malformed'];

type SignatureCell = { fault: (typeof ANY_SCHEME)[number]; form: WireForm };

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
  cells: (): readonly DimensionGroup<SignatureCell>[] => [
    { fault: ANY_SCHEME, form: WIRE_FORMS },
    { fault: TC3_ONLY, form: WIRE_FORMS.filter((f) => f.scheme === 'TC3') },
  ],
  arbitrary: () => fc.record({ skew: fc.integer({ min: 301, max: 86_400 * 30 }), unknownJob: unknownJobIdArb }),
  async run(h, { fault: kind, form, skew, unknownJob }, expect) {
    const fault: Malformation =
      kind === 'timestamp past' || kind === 'timestamp future'
        ? { kind: 'timestamp', offsetSeconds: kind === 'timestamp past' ? -skew : skew }
        : { kind: 'signature', fault: kind };
    const describe = `a ${form.label} request with ${fault.kind === 'signature' ? `a ${fault.fault} signature` : `a timestamp ${fault.offsetSeconds} s off`}`;
    const twins = await runningTwins(h);
    const target = twins?.touched ?? { jobId: unknownJob, taskName: 'A', index: 0 };
    const params = { JobId: target.jobId, TaskName: target.taskName, TaskInstanceIndex: target.index };
    expectOutcome(
      h,
      expect.authFailure,
      await h.raw({
        action: 'TerminateTaskInstance',
        params,
        scheme: form.scheme,
        method: form.method,
        malformations: [fault],
      }),
      AUTH_FAILURES,
      describe,
    );
    if (twins !== undefined) {
      await expectLikeTwin(h, expect.unchanged, twins.touched, twins.twin, `${describe} changed an instance`);
    }
  },
});
