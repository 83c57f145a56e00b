import fc from 'fast-check';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { mixedCallArb } from '../arbitraries/callMixArb.ts';
import { commonParamFaultArb, wireFormArb } from '../arbitraries/commonParamFaultArb.ts';
import { wellFormedJobIdArb } from '../arbitraries/malformedJobIdArb.ts';
import { expectOutcome } from '../expectations.ts';
import { sendMixedCall } from './callMix.ts';

export const tti10 = defineInvariant({
  id: 'TTI-10',
  title:
    'Every response is HTTP 200 JSON with a Response object and a RequestId; errors carry Error.Code (a documented code) and Error.Message; where the common codes leave no choice, the exact one (unknown Action: InvalidAction, another Version: NoSuchVersion, no Action, Version or Timestamp: MissingParameter).',
  // The exact codes are `reference` facts: the API 3.0 common codes, reference §3.2.
  source: 'Output parameters (RequestId) and the error codes table; reference §3.2, §4.4.',
  requires: [],
  arbitrary: () =>
    fc.record({
      calls: fc.array(mixedCallArb, { minLength: 1, maxLength: 8 }),
      exact: fc.array(fc.record({ fault: commonParamFaultArb, form: wireFormArb, jobId: wellFormedJobIdArb }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  async run(h, { calls, exact }) {
    for (const call of calls) {
      const result = await sendMixedCall(h, call);
      // The target validates every answer against the spec: a wrong status, body, envelope, RequestId or an
      // undocumented code comes back as kind 'violation'; no answer at all as 'transport'.
      expectThat(
        result.kind !== 'violation',
        `a ${call.kind} call got a response that breaks the spec: ${result.kind === 'violation' ? result.problems.join('; ') : ''}`,
      );
      expectThat(
        result.kind !== 'transport',
        `a ${call.kind} call got no response: ${result.kind === 'transport' ? result.reason : ''}`,
      );
    }
    for (const { fault, form, jobId } of exact) {
      const result = await h.raw({
        action: 'TerminateTaskInstance',
        params: { JobId: jobId, TaskName: 'A', TaskInstanceIndex: 0 },
        ...form,
        malformations: [fault.malformation],
      });
      expectOutcome(result, [fault.expect], `a ${form.signMethod} ${form.method} call with ${fault.what}`);
    }
  },
});
