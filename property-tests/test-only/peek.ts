import type { Implementation } from '../../conformance/Implementation.ts';
import { createControlClient } from '../../conformance/control/createControlClient.ts';
import { IN_PROCESS_ORIGIN } from '../../conformance/client/createApiClient.ts';

/** What a broken double may look at to decide when to misbehave: the emulator's own snapshot of an instance. */
export async function peek(base: Implementation, params: Record<string, unknown> = {}) {
  const jobId = typeof params['JobId'] === 'string' ? params['JobId'] : '';
  const snapshot = await createControlClient(base, IN_PROCESS_ORIGIN).snapshot(jobId);
  const task = snapshot.jobs[0]?.tasks.find((t) => t.TaskName === params['TaskName']);
  const instance = task?.instances.find((i) => i.index === params['TaskInstanceIndex']);
  const cvm = snapshot.cvms
    .filter((c) => c.taskName === params['TaskName'] && c.instanceIndex === params['TaskInstanceIndex'])
    .at(-1);
  return { snapshot, state: instance?.state, cvmPhase: cvm?.phase, env: cvm?.env.kind };
}
