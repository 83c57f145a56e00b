import type { CallResult } from '../../conformance/client/CallResult.ts';
import type { Harness } from '../Harness.ts';
import type { MixedCall } from '../arbitraries/callMixArb.ts';
import { LONG_SLEEP } from '../Workload.ts';
import { RunSkipped } from '../Violation.ts';

/**
 * Sends one call of the mix (TTI-10, TTI-11) and returns its answers; none when the live-safety guard would not send it
 * (a JobId nobody proved nonexistent), which leaves the rest of the mix to run. A `submit` goes through the harness, so
 * it counts as a job of the run; the job it creates is then read with DescribeTask, as every stateful scenario reads
 * its jobs (Harness `instances`). Why: TTI-10 owns what those supporting calls answer (a scenario they block points
 * at it), so it must see such answers itself, or a broken one would be reported by nobody.
 */
export async function sendMixedCall(h: Harness, call: MixedCall): Promise<CallResult<string>[]> {
  try {
    if (call.kind !== 'submit') return [await send(h, call)];
    const { result, jobId } = await h.trySubmit([{ name: 'A', command: LONG_SLEEP }]);
    if (jobId === undefined) return [result];
    return [result, await h.call('DescribeTask', { JobId: jobId, TaskName: 'A', Limit: 1000 })];
  } catch (error) {
    if (!(error instanceof RunSkipped)) throw error;
    h.note(`not sent: ${error.message}`);
    return [];
  }
}

async function send(h: Harness, call: Exclude<MixedCall, { kind: 'submit' }>): Promise<CallResult<string>> {
  switch (call.kind) {
    case 'terminate':
      return h.call('TerminateTaskInstance', { JobId: call.jobId, TaskName: 'A', TaskInstanceIndex: call.index });
    case 'describe-job':
      return h.call('DescribeJob', { JobId: call.jobId });
    case 'describe-task':
      return h.call('DescribeTask', { JobId: call.jobId, TaskName: 'A' });
    case 'terminate-job':
      return h.call('TerminateJob', { JobId: call.jobId });
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
