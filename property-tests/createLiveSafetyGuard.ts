import type { CallResult } from '../conformance/client/CallResult.ts';
import { outcomeOf } from './outcomeOf.ts';
import { RunSkipped } from './Violation.ts';

export interface LiveSafetyGuardOptions {
  /** True for a job this session created (only those may be terminated without proof that they do not exist). */
  isOwnJob(jobId: string): boolean;
  /** DescribeJob of exactly this JobId value (a string or anything else), recorded like every other call of the run. */
  describeJob(jobId: unknown): Promise<CallResult<string>>;
}

/** Actions that can harm a job. */
const DESTRUCTIVE = new Set(['TerminateTaskInstance', 'TerminateJob']);
/** What DescribeJob must have answered for a JobId before a terminate call may carry it. */
const PROOF = new Set(['ResourceNotFound.Job', 'InvalidParameter.JobIdMalformed']);

export interface LiveSafetyGuard {
  /** Before a call: throws RunSkipped when it could terminate someone else's job. */
  check(action: string, params: unknown): Promise<void>;
  /** After every call of the run: what DescribeJob proved, and when a proof stops being "right before". */
  noteCall(action: string, params: unknown, result: CallResult<string>): void;
}

/**
 * Safety for live targets that does not lean on the kit's own guesses: a TerminateTaskInstance or TerminateJob for
 * any JobId this session did not create — whatever its shape, the kit's rule for well-formed ids (decision D-01)
 * included — is sent only right after DescribeJob answered ResourceNotFound.Job or InvalidParameter.JobIdMalformed
 * for that exact value, with no call of another action in between (a burst is proven id by id, then sent). Otherwise
 * the call is not sent and the run is skipped (RunSkipped): nothing was observed. A call with no JobId at all names
 * no job and passes.
 */
export function createLiveSafetyGuard(options: LiveSafetyGuardOptions): LiveSafetyGuard {
  const proven = new Set<string>();
  const jobIdOf = (params: unknown): { present: boolean; value: unknown } =>
    typeof params === 'object' && params !== null && Object.hasOwn(params, 'JobId')
      ? { present: true, value: (params as Record<string, unknown>)['JobId'] }
      : { present: false, value: undefined };
  return {
    async check(action, params) {
      if (!DESTRUCTIVE.has(action)) return;
      const { present, value } = jobIdOf(params);
      if (!present) return;
      if (typeof value === 'string' && options.isOwnJob(value)) return;
      const key = keyOf(value);
      if (proven.has(key)) return;
      const probe = await options.describeJob(value);
      if (!proven.has(key)) {
        throw new RunSkipped(
          `not sending ${action} for JobId ${key}: this run did not create it and DescribeJob answered ${outcomeOf(probe)}, not ResourceNotFound.Job or InvalidParameter.JobIdMalformed`,
        );
      }
    },
    noteCall(action, params, result) {
      if (action !== 'DescribeJob') {
        proven.clear();
        return;
      }
      const { value } = jobIdOf(params);
      if (PROOF.has(outcomeOf(result))) proven.add(keyOf(value));
    },
  };
}

/** JSON.stringify as it behaves (undefined for undefined), so every JobId value, even a missing one, has a key. */
function keyOf(value: unknown): string {
  return (JSON.stringify as (v: unknown) => string | undefined)(value) ?? String(value);
}
