import fc from 'fast-check';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { mixedCallArb } from '../arbitraries/callMixArb.ts';
import { sendMixedCall } from './callMix.ts';

export const tti10 = defineInvariant({
  id: 'TTI-10',
  title:
    'Every response is HTTP 200 JSON with a Response object and a RequestId; errors carry Error.Code (a documented code) and Error.Message.',
  source: 'Output parameters (RequestId) and the error codes table; reference §4.4.',
  requires: [],
  arbitrary: () => fc.array(mixedCallArb, { minLength: 1, maxLength: 8 }),
  async run(h, calls) {
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
  },
});
