import fc from 'fast-check';
import type { Malformation } from '../../conformance/client/Malformation.ts';
import { malformedJobIdArb, unknownJobIdArb } from './malformedJobIdArb.ts';
import { mutationArb, applyMutation } from './wrongParamArb.ts';

/**
 * One call of a random mix, well-formed or not, on every wire form and of every action the kit calls; what TTI-10
 * and TTI-11 look at is the envelope. `submit` (a real job) only where the target may be given state.
 */
export type MixedCall =
  | { kind: 'terminate'; jobId: string; index: number }
  | { kind: 'describe-job'; jobId: string }
  | { kind: 'describe-task'; jobId: string }
  | { kind: 'terminate-job'; jobId: string }
  | { kind: 'submit' }
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

const anyJobIdArb = fc.oneof(unknownJobIdArb, malformedJobIdArb);

export function mixedCallArb(withState: boolean): fc.Arbitrary<MixedCall> {
  return fc.oneof(
    fc.record({ kind: fc.constant('terminate' as const), jobId: anyJobIdArb, index: fc.nat(3) }),
    fc.record({ kind: fc.constant('describe-job' as const), jobId: anyJobIdArb }),
    fc.record({ kind: fc.constant('describe-task' as const), jobId: anyJobIdArb }),
    fc.record({ kind: fc.constant('terminate-job' as const), jobId: anyJobIdArb }),
    ...(withState ? [fc.constant<MixedCall>({ kind: 'submit' })] : []),
    fc.record({
      kind: fc.constant('raw' as const),
      params: fc
        .tuple(unknownJobIdArb, mutationArb)
        .map(([JobId, m]) => applyMutation({ JobId, TaskName: 'A', TaskInstanceIndex: 0 }, m)),
      method: fc.constantFrom('GET' as const, 'POST' as const),
      malformations: malformationArb,
    }),
  );
}
