import fc from 'fast-check';
import { mixedCallArb } from '../arbitraries/callMixArb.ts';
import { defineInvariant } from '../defineInvariant.ts';
import { decision, seed } from '../Provenance.ts';
import { sendMixedCall } from './callMix.ts';

const SENTENCE = 'The unique request ID which is returned for each request.';

export const tti11 = defineInvariant({
  id: 'TTI-11',
  title: 'RequestIds are unique UUIDs.',
  source: `Output parameters: "RequestId | String | ${SENTENCE}" (seed)`,
  requires: [],
  expectations: {
    unique: { statement: 'No two answers carry the same RequestId.', provenance: seed(SENTENCE) },
    uuid: { statement: 'A RequestId is a lowercase 8-4-4-4-12 UUID.', provenance: decision('D-13') },
  },
  arbitrary: (h) =>
    fc.record({ calls: fc.array(mixedCallArb(h.capabilities.has('state')), { minLength: 2, maxLength: 12 }) }),
  async run(h, { calls }, expect) {
    const mine = new Set<string>();
    for (const call of calls) {
      for (const result of await sendMixedCall(h, call)) {
        // An answer without a readable RequestId is TTI-10's to report (one nobody can read blocks the run: Harness).
        if (result.kind === 'transport' || result.kind === 'unreadable' || result.requestId === undefined) continue;
        const id = result.requestId;
        const format = result.breaks.find((b) => b.fact === 'request-id-format');
        h.check(expect.uuid, format === undefined, `RequestId ${JSON.stringify(id)} is not a lowercase UUID`);
        h.check(expect.unique, !mine.has(id), `RequestId ${id} was returned twice`);
        mine.add(id);
      }
    }
  },
});
