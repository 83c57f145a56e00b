import { envelopeOf, errorAnswer, type Bug } from './withBug.ts';

/** The tenant a request signs for (its SecretId): each tenant of an emulator is its own world. */
function tenantOf(request: Request): string {
  return /Credential=([^/]+)/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
}

/**
 * A state bug only interleavings find (TTI-MODEL's, alone): a job lookup that keeps only the two most recent jobs of
 * a world, so terminating an instance of an older job answers ResourceNotFound.TaskInstance. Every other invariant
 * works on at most two jobs per run.
 */
export function forgetsOlderJobs(): Bug {
  const recent = new Map<string, string[]>();
  return async (call, forward) => {
    const tenant = tenantOf(call.request);
    if (call.action === 'TerminateTaskInstance' && call.params !== undefined) {
      const jobs = recent.get(tenant) ?? [];
      const at = jobs.indexOf(String(call.params['JobId']));
      if (at !== -1 && at < jobs.length - 2) return errorAnswer('ResourceNotFound.TaskInstance');
      return forward();
    }
    const response = await forward();
    if (call.action !== 'SubmitJob') return response;
    const jobId = (await envelopeOf(response))['JobId'];
    // A world reset with the same seed hands out the same JobIds again: a resubmitted id is the most recent.
    if (typeof jobId === 'string')
      recent.set(tenant, [...(recent.get(tenant) ?? []).filter((j) => j !== jobId), jobId]);
    return response;
  };
}
