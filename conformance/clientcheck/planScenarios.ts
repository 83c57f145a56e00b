import fc from 'fast-check';
import { ID_PATTERNS } from '../../generated/actions.ts';
import type { FaultSpec } from '../control/controlPlane.ts';
import type { TerminateParams } from './ClientAdapter.ts';
import type { ScenarioId } from './scenarioIds.ts';

/** What the kit created in the emulator before the scenarios run. */
export interface CheckJobs {
  /** An anonymous-environment job: task A with 3 RUNNING instances, task B with 2. */
  jobId: string;
  /** A job in a named compute environment, task A with 1 instance. */
  namedJobId: string;
  instances: TerminateParams[];
}

/** One scenario: the calls to make, and what the kit does to the emulator around each of them. */
export interface Scenario {
  id: ScenarioId;
  title: string;
  calls: TerminateParams[];
  /** Injected before each call and cleared after it (for every request of the call, so retries meet it too). */
  fault?: FaultSpec;
  /** The kit spends the client's 2/s allowance just before the call, so the client meets RequestLimitExceeded. */
  fillRateWindow?: boolean;
  /** The server stays silent past the client's timeout: whatever the wire says later, the client saw no answer. */
  expectTimeout?: boolean;
}

const TERMINATE = 'TerminateTaskInstance';

/**
 * The scenarios of `tbc client-check`, in the order they run. Each covers one situation the docs describe (§1.3, §1.4,
 * §4.4) or one transport failure a client must tell apart from an API answer (§5.3).
 */
export function planScenarios(jobs: CheckJobs, options: { seed: number; runs: number; timeoutMs: number }): Scenario[] {
  const at = (task: string, index: number): TerminateParams => ({
    JobId: jobs.jobId,
    TaskName: task,
    TaskInstanceIndex: index,
  });
  const within = Math.max(1, Math.floor(options.timeoutMs / 4));
  const beyond = options.timeoutMs + Math.max(250, Math.floor(options.timeoutMs / 2));
  return [
    {
      id: 'fuzz',
      title: `${options.runs} fuzzed valid parameter sets (fast-check, seed ${options.seed}); existing instances succeed`,
      calls: fuzzParams(jobs, options.seed, options.runs),
    },
    { id: 'success', title: 'Terminate a RUNNING instance: success', calls: [at('A', 0)] },
    {
      id: 'JobIdMalformed',
      title: 'A malformed JobId: InvalidParameter.JobIdMalformed',
      calls: [{ JobId: 'job-NOT-VALID', TaskName: 'A', TaskInstanceIndex: 0 }],
    },
    {
      id: 'ResourceNotFound.TaskInstance',
      title: 'An index past TaskInstanceNum: ResourceNotFound.TaskInstance',
      calls: [at('A', 99)],
    },
    {
      id: 'TerminateOperationWithEnvId',
      title:
        'An instance of a named compute environment: UnsupportedOperation.TerminateOperationWithEnvId (doc revision seed; current accepts it)',
      calls: [{ JobId: jobs.namedJobId, TaskName: 'A', TaskInstanceIndex: 0 }],
    },
    {
      id: 'RequestLimitExceeded',
      title: 'The 2/s rate limit is already spent: RequestLimitExceeded (retries, if any, must back off)',
      calls: [at('A', 1)],
      fillRateWindow: true,
    },
    {
      id: 'InternalError',
      title: 'Injected InternalError on every request of the call',
      calls: [at('A', 1)],
      fault: { kind: 'error', code: 'InternalError', action: TERMINATE },
    },
    {
      id: 'latency-within',
      title: `Server latency ${within} ms, within the client's timeout (${options.timeoutMs} ms): success`,
      calls: [at('A', 2)],
      fault: { kind: 'latency', ms: within, action: TERMINATE },
    },
    {
      id: 'latency-beyond',
      title: `Server latency ${beyond} ms, beyond the client's timeout (${options.timeoutMs} ms): a timeout error`,
      calls: [at('B', 0)],
      fault: { kind: 'latency', ms: beyond, action: TERMINATE },
      expectTimeout: true,
    },
    {
      id: 'http-500',
      title: 'Transport failure: HTTP 500 with a plain-text body',
      calls: [at('B', 0)],
      fault: { kind: 'http-status', status: 500, action: TERMINATE },
    },
    {
      id: 'non-json',
      title: 'Transport failure: HTTP 200 with a body that is not JSON',
      calls: [at('B', 1)],
      fault: { kind: 'non-json', action: TERMINATE },
    },
  ];
}

/**
 * Valid parameter sets (every one passes the request schema), seeded: about 2 in 5 name an instance the kit created
 * (so the call succeeds), the rest a job, task or index that does not exist (ResourceNotFound.TaskInstance).
 * TaskNames include ASCII punctuation and any Unicode code point, to exercise encoding and signing.
 */
function fuzzParams(jobs: CheckJobs, seed: number, runs: number): TerminateParams[] {
  const random = fc.record({
    JobId: fc.oneof(fc.constant(jobs.jobId), fc.stringMatching(new RegExp(ID_PATTERNS.JobId))),
    TaskName: fc.oneof(
      fc.constantFrom('A', 'B'),
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 128 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 32 }),
    ),
    TaskInstanceIndex: fc.oneof(fc.nat(4), fc.maxSafeNat()),
  });
  const arbitrary = fc.oneof(
    { arbitrary: fc.constantFrom(...jobs.instances), weight: 2 },
    { arbitrary: random, weight: 3 },
  );
  return fc.sample(arbitrary, { seed, numRuns: runs });
}
