import { ACTIONS, type ActionName } from '../../generated/actions.ts';
import { REGION_RULES } from '../../generated/regions.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import type { Implementation } from '../Implementation.ts';
import { TbcError } from '../TbcError.ts';
import { createApiClient, IN_PROCESS_ORIGIN } from '../client/createApiClient.ts';
import type { EmulatorSnapshot } from '../control/controlPlane.ts';
import { createControlClient } from '../control/createControlClient.ts';
import { createEmulator } from '../emulator/createEmulator.ts';
import type { Credentials } from '../signing/Credentials.ts';
import { foreignJobs } from './liveLike/foreignJobs.ts';
import { laggingReplica } from './liveLike/laggingReplica.ts';
import { latency } from './liveLike/latency.ts';
import { laxJobIds } from './liveLike/laxJobIds.ts';
import { liveWording } from './liveLike/liveWording.ts';
import { forwardTo, layered, serveLive } from './liveLike/LiveRequest.ts';
import { noControlPlane } from './liveLike/noControlPlane.ts';
import { recordRequests, type RequestRecord } from './liveLike/recordRequests.ts';
import { regionGate } from './liveLike/regionGate.ts';
import { wallClockLimit } from './liveLike/wallClockLimit.ts';

export { NEWER_API_FIELDS } from './liveLike/liveWording.ts';
export type { ForeignTermination, SeenRequest } from './liveLike/recordRequests.ts';

/** "the current WEB page 599/30549 says 7 req/s" for SubmitJob (reference §2.1); the kit chose 2 (D-12). */
const CURRENT_DOCS_SUBMIT_JOB_LIMIT = 7;

export interface LiveLikeOptions {
  /** The account's key pairs (at least one); any pair, not only Tencent's published example. */
  credentials: readonly Credentials[];
  /** How much faster than the wall clock jobs live; default 20. */
  timeScale?: number;
  /** Upper bound of the random delay added to every answer, in ms; default 5. */
  latencyMs?: number;
  /** How long (wall ms) DescribeTask keeps showing a task as it was before an accepted termination; default 1000. */
  consistencyWindowMs?: number;
  /** How long (wall ms) a new job is not found after SubmitJob answered; default 0 (found at once). */
  newJobLagMs?: number;
  /** Regions the double serves; default the Batch regions (generated/regions.ts, reference §4.1). */
  regions?: readonly string[];
  /** Requests per wall-clock second per action and SecretId; default the documented limits, SubmitJob 7. */
  rateLimits?: Partial<Record<ActionName, number>>;
  /** Named compute environments that exist. */
  namedEnvs?: readonly string[];
  /** Default `current`: today's docs, so a named-environment instance is FAILED and its node restarted. */
  docRevision?: DocRevision;
  /** Wall clock in ms (default Date.now); tests pass one that moves when told, to step rate windows exactly. */
  wallClock?: () => number;
  /** Random source in [0, 1) for the latency (default Math.random). */
  random?: () => number;
}

export interface LiveLikeDouble extends Omit<RequestRecord, 'isOwn'> {
  implementation: Implementation;
  /**
   * The service's own view of every job (the wrapped emulator's snapshot: instances, CVMs, times in job ms), for a
   * test to check what a run left behind. Not reachable through `implementation`: a live endpoint has no such thing.
   */
  snapshot(): Promise<EmulatorSnapshot>;
  /** Job time per wall time (`timeScale`): snapshot times divided by it are wall times. */
  readonly timeScale: number;
}

/**
 * Test support: a stand-in for the LIVE Tencent Batch service, which the kit was not tuned to. It wraps an emulator
 * (its public `implementation`) on a real clock in small behaviours (conformance/test-only/liveLike/, each tested
 * alone), and behaves like a regional service where the docs are silent, on purpose differently from several of the
 * kit's decisions (spec/decisions.yaml), so that a conformance run against it shows observations (divergences from
 * decisions) rather than failures. Every code it answers is documented for the action (generated/actions.ts).
 *
 * Like a live endpoint:
 * - No control plane (noControlPlane): `/_emulator/...` answers as an unknown API path does — HTTP 200, an
 *   `InvalidAction` envelope.
 * - Real time: jobs live on the wall clock sped up by `timeScale` (default 20); rate limits count on the WALL clock,
 *   a sliding second per action and SecretId (wallClockLimit); the emulator's own limiter is off.
 * - A random delay of up to `latencyMs` (default 5) per answer (latency).
 * - Any key pair it is given; Tencent's example pair only if given.
 * - Region (regionGate): one of `regions` (default the Batch regions, reference §4.1), else `UnsupportedRegion`; a
 *   request without a Region is accepted, as the current docs say.
 * - Other people's jobs (foreignJobs): DescribeJob of any JobId of the kit's form that the double did not create
 *   answers success with a plausible running job; TerminateTaskInstance and TerminateJob on such a JobId answer
 *   success and are recorded in `foreignTerminations`. DescribeTask on such a JobId answers ResourceNotFound.Task.
 * - Eventual consistency (laggingReplica): for `consistencyWindowMs` (default 1000) of wall time after an accepted
 *   TerminateTaskInstance or TerminateJob, DescribeTask answers for the affected task(s) as they were just before the
 *   termination; for `newJobLagMs` (default 0) after SubmitJob answered, the new job is not found.
 *
 * Where it contradicts the kit's decisions:
 * - D-01 (JobId `^job-[a-z0-9]{8}$`) (laxJobIds): any `job-` followed by 1–32 lowercase alphanumerics is well-formed,
 *   so a 7- or 9-character JobId is simply unknown.
 * - D-05 (doc revision `seed` by default): `docRevision` defaults to `current`, so TerminateTaskInstance on a named
 *   compute environment's instance succeeds (FAILED, node restarted) instead of TerminateOperationWithEnvId.
 * - D-07 (unknown job in TerminateTaskInstance: ResourceNotFound.TaskInstance): a well-formed JobId it did not create
 *   is someone else's job, and the termination succeeds.
 * - D-12 (SubmitJob 2/s): SubmitJob allows 7 per second, as the current page says.
 * - D-13 (RequestId a lowercase UUID) (liveWording): RequestIds are UPPER-case UUIDs.
 * And where no decision speaks: every `Error.Message` is reworded (codes unchanged), and every success `Response`
 * and every DescribeTask instance view carries a field a newer API version might add (NEWER_API_FIELDS).
 *
 * It records what it saw (recordRequests): every request (action, JobId, outcome), the jobs created, those an
 * accepted TerminateJob named, and foreign terminations.
 */
export function createLiveLikeDouble(options: LiveLikeOptions): LiveLikeDouble {
  const [internalCredentials] = options.credentials;
  if (internalCredentials === undefined) throw new TbcError('createLiveLikeDouble: give at least one key pair');
  const wallClock = options.wallClock ?? Date.now;
  const timeScale = options.timeScale ?? 20;
  const limits: Partial<Record<ActionName, number>> = {
    ...Object.fromEntries(Object.entries(ACTIONS).map(([action, spec]) => [action, spec.rateLimitPerSecond])),
    SubmitJob: CURRENT_DOCS_SUBMIT_JOB_LIMIT,
    ...options.rateLimits,
  };
  const credentials = new Map(options.credentials.map((c) => [c.secretId, c]));

  const emulator = createEmulator({
    clock: 'real',
    timeScale,
    docRevision: options.docRevision ?? 'current',
    credentials: options.credentials,
    rateLimits: false,
    namedEnvs: options.namedEnvs ?? [],
    wallClock,
  });
  // The double's own reads of the emulator (task views before a termination), with the account's first key pair.
  const internal = createApiClient({
    implementation: emulator.implementation,
    credentials: internalCredentials,
    pacing: false,
  });
  const { behaviour: recorder, record } = recordRequests();
  const handler = layered(forwardTo(emulator.implementation), [
    latency(options.latencyMs ?? 5, options.random ?? Math.random),
    recorder,
    liveWording(),
    noControlPlane(),
    regionGate(options.regions ?? REGION_RULES.current.regions),
    wallClockLimit(limits),
    laxJobIds(),
    foreignJobs(record.isOwn, wallClock),
    laggingReplica({
      read: internal,
      wallClock,
      afterTerminationMs: options.consistencyWindowMs ?? 1000,
      afterSubmitMs: options.newJobLagMs ?? 0,
    }),
  ]);
  const control = createControlClient(emulator.implementation, IN_PROCESS_ORIGIN);
  const { requests, createdJobIds, terminatedJobIds, foreignTerminations } = record;
  return {
    implementation: serveLive(handler, { findCredentials: (id) => credentials.get(id), wallClock }),
    requests,
    createdJobIds,
    terminatedJobIds,
    foreignTerminations,
    snapshot: () => control.snapshot(),
    timeScale,
  };
}
