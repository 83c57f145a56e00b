import type { CatalogueInvariant } from '../../property-tests/catalogue.ts';
import { DEFAULT_CONSISTENCY_GRACE_MS } from '../../property-tests/createPatience.ts';
import type { Implementation } from '../Implementation.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../client/Deadlines.ts';
import { createCircuitBreaker, type CircuitBreaker } from '../client/createCircuitBreaker.ts';
import { createHttpImplementation } from '../client/createHttpImplementation.ts';
import {
  IN_PROCESS_ORIGIN,
  createApiClient,
  type ApiClient,
  type ApiClientOptions,
} from '../client/createApiClient.ts';
import type { ConformanceOptions, Shard } from './ConformanceOptions.ts';
import { checkRunSetup } from './checkRunSetup.ts';
import { defaultConcurrency } from './defaultConcurrency.ts';
import { resolveProfile, type ResolvedProfile } from './resolveProfile.ts';
import { isLive } from './runnerProfiles.ts';
import { zoneFor } from './zoneFor.ts';

/** What every phase of a run shares: the target as probed, how it is reached, and the run's settings for it. */
export interface PreparedRun {
  resolved: ResolvedProfile;
  /** How control calls reach the target. */
  implementation: Implementation;
  /** The origin those calls go to (the in-process one for an `implementation`). */
  baseUrl: string;
  /** What every client of the run is made with, but its credentials and pacing. */
  common: Omit<ApiClientOptions, 'credentials' | 'pacing'>;
  breaker: CircuitBreaker;
  /** The run's paced client (the documented limits on a live endpoint; none for an emulator or a local mock). */
  client: ApiClient;
  pacing: ApiClientOptions['pacing'];
  concurrency: number;
  strict: boolean;
  /** Put into the JobName of every job the run creates, and names its emulator tenants. */
  jobTag: string;
  consistencyGraceMs: number;
  /**
   * The zone of the jobs the run submits (zoneFor); undefined: the harness's default zone, which emulators and mocks
   * do not judge (checkRunSetup refused a live-stateful run without one; live-safe submits nothing).
   */
  zone: string | undefined;
  shard: Shard;
  /** Whether an invariant can run now: the target offers what it needs, and the run is neither aborted nor stopped. */
  runnable: (invariant: CatalogueInvariant) => boolean;
}

/**
 * Probes the target, decides the profile and refuses what that profile cannot do (TbcError: a setup problem), and
 * makes the clients the run shares.
 */
export async function prepareRun(options: ConformanceOptions): Promise<PreparedRun> {
  // Control calls (thousands in a run against an emulator) go through node:http(s) on kept-alive connections: fetch's
  // own connection handling cost a quarter of such a run's CPU. The probe stays with fetch when no CA is given, so a
  // target that redirects is followed and named as fetch names it ("redirect count exceeded"); fetch takes no CA.
  const implementation =
    options.implementation ?? createHttpImplementation(options.ca === undefined ? {} : { ca: options.ca });
  const probing =
    options.implementation ?? (options.ca === undefined ? (request: Request) => fetch(request) : implementation);
  const baseUrl = options.implementation === undefined ? options.url : IN_PROCESS_ORIGIN;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const resolved = await resolveProfile(probing, baseUrl, {
    control: implementation,
    profile: options.profile,
    allowDestructive: options.allowDestructive ?? false,
    maxJobs: options.maxJobs,
    namedEnvId: options.namedEnvId,
    requestTimeoutMs,
  });
  const concurrency = options.concurrency ?? defaultConcurrency(resolved.profile);
  checkRunSetup(options, resolved.profile, concurrency);
  // Every client of the run shares it: once the target stops answering, the run stops instead of waiting out each
  // call's deadline again.
  const breaker = createCircuitBreaker();
  const common = {
    ...(options.implementation === undefined ? { endpoint: options.url } : { implementation: options.implementation }),
    ...(options.region === undefined ? {} : { region: options.region }),
    timeoutMs: requestTimeoutMs,
    breaker,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  };
  // A live endpoint is paced under its documented limits; the emulator and a local mock need no pacing.
  const live = isLive(resolved.profile);
  const pacing = live && options.pacing !== false ? {} : false;
  return {
    resolved,
    implementation,
    baseUrl,
    common,
    breaker,
    client: createApiClient({ ...common, credentials: options.credentials, pacing }),
    pacing,
    concurrency,
    strict: options.strict === true || resolved.profile === 'emulated',
    jobTag: `tbc-conformance-${options.seed}`,
    consistencyGraceMs: options.consistencyGraceMs ?? (live ? DEFAULT_CONSISTENCY_GRACE_MS : 0),
    zone: zoneFor(options),
    shard: options.shard ?? { index: 1, count: 1 },
    runnable: (invariant) =>
      invariant.requires.every((c) => resolved.capabilities.has(c)) &&
      options.signal?.aborted !== true &&
      breaker.tripped === undefined,
  };
}
