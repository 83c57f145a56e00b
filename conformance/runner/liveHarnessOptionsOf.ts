import { createApiClient } from '../client/createApiClient.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import type { LiveSessionOptions } from './createLiveSession.ts';
import type { PreparedRun } from './prepareRun.ts';
import { isLive } from './runnerProfiles.ts';

/** What a live harness is made with, on a live endpoint (the run's one) or a mock (one per invariant). */
export function liveHarnessOptionsOf(run: PreparedRun, options: ConformanceOptions): LiveSessionOptions['harness'] {
  return {
    client: run.client,
    // TTI-09's bursts go out unpaced on purpose; a mock's client is not paced anyway.
    burstClient: isLive(run.resolved.profile)
      ? createApiClient({ ...run.common, credentials: options.credentials, pacing: false })
      : run.client,
    docRevision: options.docRevision,
    ...(run.zone === undefined ? {} : { zone: run.zone }),
    jobTag: run.jobTag,
    capabilities: run.resolved.capabilities,
    strict: run.strict,
    ...(options.maxJobs === undefined ? {} : { maxJobs: options.maxJobs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.liveTiming === undefined ? {} : { timing: options.liveTiming }),
    ...(options.namedEnvId === undefined ? {} : { namedEnvId: options.namedEnvId }),
  };
}
