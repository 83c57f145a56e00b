import type { Credentials } from '../signing/Credentials.ts';
import { createLiveLikeDouble, type LiveLikeDouble } from './createLiveLikeDouble.ts';

/**
 * A seed-conformant live service that is eventually consistent, as a user met one: a new job is not found for
 * `LAG_MS` after its SubmitJob, and DescribeTask shows an instance as it was before a termination for as long. It has
 * one named compute environment. The live-stateful test and `npm run bench:live` run against the same service.
 */
export const EVENTUALLY_CONSISTENT = {
  keys: {
    secretId: 'AKIDeventuallyConsistentKey00001',
    secretKey: 'eventuallyConsistentSecretKey001',
  } satisfies Credentials,
  namedEnv: 'env-ecnamed1',
  lagMs: 1500,
} as const;

export function eventuallyConsistentService(): LiveLikeDouble {
  const { keys, namedEnv, lagMs } = EVENTUALLY_CONSISTENT;
  return createLiveLikeDouble({
    credentials: [keys],
    namedEnvs: [namedEnv],
    docRevision: 'seed',
    newJobLagMs: lagMs,
    consistencyWindowMs: lagMs,
  });
}
