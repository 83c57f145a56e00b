import fc from 'fast-check';
import type { Malformation } from '../../conformance/client/Malformation.ts';
import { malformedJobIdArb, wellFormedJobIdArb } from './malformedJobIdArb.ts';
import { mutationArb, applyMutation } from './wrongParamArb.ts';

/** One call of a random mix: well-formed or not, on any wire form; what TTI-10 and TTI-11 look at is the envelope. */
export type MixedCall =
  | { kind: 'terminate'; jobId: string; index: number }
  | { kind: 'describe'; jobId: string }
  | { kind: 'raw'; params: Record<string, unknown>; method: 'GET' | 'POST'; malformations: Malformation[] };

const malformationArb: fc.Arbitrary<Malformation[]> = fc.oneof(
  fc.constant<Malformation[]>([]),
  fc.constantFrom<Malformation[]>(
    [{ kind: 'signature', fault: 'missing' }],
    [{ kind: 'signature', fault: 'corrupt' }],
    [{ kind: 'signature', fault: 'expired' }],
    [{ kind: 'action', value: 'TerminateEverything' }],
    [{ kind: 'version', value: '2099-01-01' }],
    [{ kind: 'invalid-json' }],
    [{ kind: 'content-type', value: 'text/plain' }],
    [{ kind: 'method', value: 'PUT' }],
    [{ kind: 'omit-common-parameter', name: 'Timestamp' }],
  ),
);

export const mixedCallArb: fc.Arbitrary<MixedCall> = fc.oneof(
  fc.record({
    kind: fc.constant('terminate' as const),
    jobId: fc.oneof(wellFormedJobIdArb, malformedJobIdArb),
    index: fc.nat(3),
  }),
  fc.record({ kind: fc.constant('describe' as const), jobId: fc.oneof(wellFormedJobIdArb, malformedJobIdArb) }),
  fc.record({
    kind: fc.constant('raw' as const),
    params: fc
      .tuple(wellFormedJobIdArb, mutationArb)
      .map(([JobId, m]) => applyMutation({ JobId, TaskName: 'A', TaskInstanceIndex: 0 }, m)),
    method: fc.constantFrom('GET' as const, 'POST' as const),
    malformations: malformationArb,
  }),
);
