import type { CallResult } from '../../conformance/client/CallResult.ts';
import type { Harness } from '../Harness.ts';
import type { MixedCall } from '../arbitraries/callMixArb.ts';
import { LONG_SLEEP } from '../Workload.ts';
import { RunSkipped } from '../Violation.ts';

/**
 * Sends one call of the mix (TTI-10, TTI-11); undefined when the live-safety guard would not send it (a JobId nobody
 * proved nonexistent), which leaves the rest of the mix to run. A `submit` goes through the harness, so it counts as a
 * job of the run.
 */
export async function sendMixedCall(h: Harness, call: MixedCall): Promise<CallResult<string> | undefined> {
  try {
    return await send(h, call);
  } catch (error) {
    if (!(error instanceof RunSkipped)) throw error;
    h.note(`not sent: ${error.message}`);
    return undefined;
  }
}

async function send(h: Harness, call: MixedCall): Promise<CallResult<string>> {
  switch (call.kind) {
    case 'terminate':
      return h.call('TerminateTaskInstance', { JobId: call.jobId, TaskName: 'A', TaskInstanceIndex: call.index });
    case 'describe-job':
      return h.call('DescribeJob', { JobId: call.jobId });
    case 'describe-task':
      return h.call('DescribeTask', { JobId: call.jobId, TaskName: 'A' });
    case 'terminate-job':
      return h.call('TerminateJob', { JobId: call.jobId });
    case 'submit':
      return (await h.trySubmit([{ name: 'A', command: LONG_SLEEP }])).result;
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
