import { createTarget } from '../client/createTarget.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import type { LiveSessionOptions } from './createLiveSession.ts';
import type { PreparedRun } from './prepareRun.ts';
import { isLive } from './runnerProfiles.ts';

/** What a live harness is made with, on a live endpoint (the run's one) or a mock (one per invariant). */
export function liveHarnessOptionsOf(run: PreparedRun, options: ConformanceOptions): LiveSessionOptions['harness'] {
  return {
    target: run.target,
    // TTI-09's bursts go out unpaced on purpose; a mock's client is not paced anyway.
    burstTarget: isLive(run.resolved.profile)
      ? createTarget({ ...run.common, credentials: options.credentials, pacing: false })
      : run.target,
    docRevision: options.docRevision,
    jobTag: run.jobTag,
    capabilities: run.resolved.capabilities,
    strict: run.strict,
    ...(options.maxJobs === undefined ? {} : { maxJobs: options.maxJobs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.liveTiming === undefined ? {} : { timing: options.liveTiming }),
    ...(options.namedEnvId === undefined ? {} : { namedEnvId: options.namedEnvId }),
  };
}
