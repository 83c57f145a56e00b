import type { CallResult } from '../../conformance/client/CallResult.ts';
import type { MixedCall } from '../arbitraries/callMixArb.ts';
import type { Harness } from '../Harness.ts';

/** Sends one call of the mix (TTI-10, TTI-11). */
export function sendMixedCall(h: Harness, call: MixedCall): Promise<CallResult<string>> {
  switch (call.kind) {
    case 'terminate':
      return h.call('TerminateTaskInstance', { JobId: call.jobId, TaskName: 'A', TaskInstanceIndex: call.index });
    case 'describe':
      return h.call('DescribeJob', { JobId: call.jobId });
    case 'raw':
      return h.raw({
        action: 'TerminateTaskInstance',
        params: call.params,
        method: call.method,
        ...(call.method === 'GET' ? { encoding: 'query' as const } : {}),
        malformations: call.malformations,
      });
  }
}
