import fc from 'fast-check';
import { defineInvariant, expectThat } from '../defineInvariant.ts';
import { mixedCallArb } from '../arbitraries/callMixArb.ts';
import { sendMixedCall } from './callMix.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const tti11 = defineInvariant({
  id: 'TTI-11',
  title: 'RequestIds are unique UUIDs.',
  source: '"The unique request ID which is returned for each request."',
  requires: [],
  arbitrary: () => fc.array(mixedCallArb, { minLength: 2, maxLength: 12 }),
  async run(h, calls) {
    const mine = new Set<string>();
    for (const call of calls) {
      const result = await sendMixedCall(h, call);
      if (result.kind !== 'success' && result.kind !== 'error') continue; // TTI-10's business
      const id = result.requestId;
      expectThat(UUID.test(id), `RequestId ${JSON.stringify(id)} is not a lowercase UUID`);
      expectThat(!mine.has(id), `RequestId ${id} was returned twice`);
      mine.add(id);
    }
  },
});
