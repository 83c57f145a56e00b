import type { CallResult } from '../conformance/client/CallResult.ts';
import { isWellFormedJobId } from './arbitraries/malformedJobIdArb.ts';
import { RunSkipped } from './Violation.ts';

export interface LiveSafetyGuardOptions {
  /** True for a job this session created (only those may be terminated without proof that they do not exist). */
  isOwnJob(jobId: string): boolean;
  /** DescribeJob of `jobId`, recorded like every other call of the run. */
  describeJob(jobId: string): Promise<CallResult<'DescribeJob'>>;
}

/** Actions that can harm a job. */
const DESTRUCTIVE = new Set(['TerminateTaskInstance', 'TerminateJob']);

/**
 * Safety for live targets: a terminate call carrying a well-formed JobId this session did not create is sent only
 * right after DescribeJob has answered ResourceNotFound.Job for it. Otherwise the call is not sent and the run is
 * skipped (RunSkipped): nothing was observed.
 */
export function createLiveSafetyGuard(options: LiveSafetyGuardOptions) {
  return async function guard(action: string, params: unknown): Promise<void> {
    if (!DESTRUCTIVE.has(action)) return;
    const jobId =
      typeof params === 'object' && params !== null ? (params as Record<string, unknown>)['JobId'] : undefined;
    if (typeof jobId !== 'string' || !isWellFormedJobId(jobId) || options.isOwnJob(jobId)) return;
    const probe = await options.describeJob(jobId);
    if (probe.kind !== 'error' || probe.code !== 'ResourceNotFound.Job') {
      throw new RunSkipped(
        `not sending ${action} for ${jobId}: this run did not create it and could not verify it does not exist`,
      );
    }
  };
}

export type LiveSafetyGuard = ReturnType<typeof createLiveSafetyGuard>;
