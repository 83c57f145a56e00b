import { describe, expect, it } from 'vitest';
import type { Implementation } from '../conformance/Implementation.ts';
import { createEmulator } from '../conformance/emulator/createEmulator.ts';
import { EXAMPLE_CREDENTIALS } from '../conformance/signing/Credentials.ts';
import { createApiClient } from '../conformance/client/createApiClient.ts';
import { CATALOGUE } from './catalogue.ts';
import { emulatedHarnessOf } from './test-only/emulatedHarnessOf.ts';
import { peek } from './test-only/peek.ts';
import { answer, envelopeOf, errorAnswer, renameCode, withBug, type Bug } from './test-only/withBug.ts';
import type { InvariantId } from './catalogue.ts';

const RUN_SEED = Number(process.env['TBC_SEED'] ?? 20261128);

/** A call to TerminateTaskInstance (TC3 JSON, as the harness sends valid ones). */
const isTerminate = (action: string | undefined) => action === 'TerminateTaskInstance';

/** Answers success for the termination without doing it, when `when` says so. */
function swallowTermination(base: Implementation, when: (p: Awaited<ReturnType<typeof peek>>) => boolean): Bug {
  return async (call, forward) => {
    if (!isTerminate(call.action) || !when(await peek(base, call.params))) return forward();
    return answer({ RequestId: crypto.randomUUID() });
  };
}

interface BrokenCase {
  what: string;
  caughtBy: RegExp;
  bug: (base: Implementation) => Bug;
}

/**
 * Per invariant, a plausible way to get it wrong. `caughtBy` matches the finding message of the one check the bug is
 * aimed at, so a bug that some other check (or leftover state) happens to trip does not count as caught.
 */
const BROKEN: Record<InvariantId, BrokenCase> = {
  'TTI-01': {
    what: 'refuses to terminate SUCCEED and FAILED instances',
    caughtBy:
      /^terminating a (SUCCEED|FAILED) instance \((TC3|v1) (GET|POST)\): expected Success, got UnsupportedOperation$/,
    bug: (base) => async (call, forward) => {
      const { state } = isTerminate(call.action) ? await peek(base, call.params) : { state: undefined };
      return state === 'SUCCEED' || state === 'FAILED' ? errorAnswer('UnsupportedOperation') : forward();
    },
  },
  'TTI-02': {
    what: 'answers success for a SUBMITTED, PENDING or RUNNABLE instance without failing it',
    caughtBy:
      /^an? (SUBMITTED|PENDING|RUNNABLE) instance \(terminated with (TC3|v1) (GET|POST)\) ended SUCCEED after termination, not FAILED$/,
    bug: (base) => swallowTermination(base, (p) => ['SUBMITTED', 'PENDING', 'RUNNABLE'].includes(p.state ?? '')),
  },
  'TTI-03': {
    what: 'answers success for a RUNNING instance and lets the workload finish',
    caughtBy: / ended SUCCEED after termination \(states seen: /,
    bug: (base) => swallowTermination(base, (p) => p.state === 'RUNNING'),
  },
  'TTI-04': {
    what: 'forgets a termination requested while the CVM is being created',
    caughtBy: / ended SUCCEED, not FAILED$/,
    bug: (base) => swallowTermination(base, (p) => p.state === 'STARTING' && p.cvmPhase === 'creating'),
  },
  'TTI-05': {
    what: 'reports the quota of a terminating FAILED_INTERRUPTED instance released at once',
    caughtBy: /is still FAILED_INTERRUPTED but .* released before the termination completed$/,
    bug: (base) => {
      let terminating = 0;
      return async (call, forward) => {
        // Each run starts on a fresh emulator: a count carried over would skew the snapshot before any termination.
        if (call.path === '/_emulator/reset') terminating = 0;
        if (isTerminate(call.action) && (await peek(base, call.params)).state === 'FAILED_INTERRUPTED') terminating = 1;
        const response = await forward();
        if (call.path !== '/_emulator/snapshot' || terminating === 0) return response;
        const snapshot = (await response.json()) as { quota: { cvmsInUse: number } };
        snapshot.quota.cvmsInUse -= terminating;
        return new Response(JSON.stringify(snapshot), { headers: { 'content-type': 'application/json' } });
      };
    },
  },
  'TTI-06': {
    what: 'follows the current docs while claiming the seed wording',
    caughtBy:
      / of a named environment \((TC3|v1) (GET|POST)\): expected UnsupportedOperation\.TerminateOperationWithEnvId, got Success$/,
    bug: (base) => async (call, forward) => {
      if (call.path !== '/_emulator/reset') return forward();
      return base(
        new Request(call.request.url, {
          method: 'POST',
          body: JSON.stringify({ ...call.params, docRevision: 'current' }),
        }),
      );
    },
  },
  'TTI-07': {
    what: 'answers InvalidParameter for a malformed JobId',
    caughtBy: /^terminating JobId .*: expected InvalidParameter\.JobIdMalformed, got InvalidParameter$/,
    bug: () => renameCode('InvalidParameter.JobIdMalformed', 'InvalidParameter'),
  },
  'TTI-08': {
    what: 'answers ResourceNotFound for a missing instance',
    caughtBy: /: expected ResourceNotFound\.TaskInstance, got ResourceNotFound$/,
    bug: () => renameCode('ResourceNotFound.TaskInstance', 'ResourceNotFound'),
  },
  'TTI-09': {
    what: 'has no rate limit',
    caughtBy:
      /^a burst of \d+ simultaneous calls \((TC3|v1) (GET|POST)\) got \[Success(, Success)*\], expected \d+ Success and [1-9]\d* RequestLimitExceeded$/,
    bug: (base) => async (call, forward) => {
      if (call.path !== '/_emulator/reset') return forward();
      return base(
        new Request(call.request.url, { method: 'POST', body: JSON.stringify({ ...call.params, rateLimits: false }) }),
      );
    },
  },
  'TTI-10': {
    what: 'answers every third call with HTTP 500',
    caughtBy: /call \(\w+\) got an answer that breaks the envelope: HTTP status 500/,
    bug: () => {
      let n = 0;
      return async (call, forward) =>
        call.path === '/' && ++n % 3 === 0 ? new Response('oops', { status: 500 }) : forward();
    },
  },
  'TTI-11': {
    what: 'answers with one fixed RequestId, like a static mock',
    caughtBy: /^RequestId 72e9a712-1fed-4b57-be72-62e71eefd4c3 was returned twice$/,
    bug: () => async (call, forward) => {
      const response = await forward();
      if (call.path !== '/') return response;
      const envelope = await envelopeOf(response).catch(() => undefined);
      return envelope === undefined
        ? response
        : answer({ ...envelope, RequestId: '72e9a712-1fed-4b57-be72-62e71eefd4c3' });
    },
  },
  'TTI-12': {
    what: 'answers InvalidParameter for a missing parameter',
    caughtBy: /^a request with missing \w+ .*: expected MissingParameter, got InvalidParameter$/,
    bug: () => renameCode('MissingParameter', 'InvalidParameter'),
  },
  'TTI-13': {
    what: 'answers success to a request whose signature failed',
    caughtBy: /^a (TC3|v1) (GET|POST) request with .*: expected AuthFailure\..*, got Success$/,
    bug: () => async (call, forward) => {
      const response = await forward();
      const envelope = call.path === '/' ? await envelopeOf(response).catch(() => undefined) : undefined;
      const code = (envelope?.['Error'] as { Code?: string } | undefined)?.Code ?? '';
      return code.startsWith('AuthFailure.') ? answer({ RequestId: crypto.randomUUID() }) : response;
    },
  },
  'TTI-14': {
    what: 'refuses a second termination of the same instance',
    caughtBy:
      /^terminating an? \w+ instance again \((TC3|v1) (GET|POST)\) answered ResourceInUse, the first call Success$/,
    bug: () => {
      const done = new Set<string>();
      return async (call, forward) => {
        // What it remembers is part of the world: a reset or a restored checkpoint (a fresh run) forgets it.
        if (call.path === '/_emulator/reset' || call.path === '/_emulator/restore') done.clear();
        if (!isTerminate(call.action)) return forward();
        const key = JSON.stringify(call.params);
        if (done.has(key)) return errorAnswer('ResourceInUse');
        done.add(key);
        return forward();
      };
    },
  },
  'TTI-15': {
    what: 'also terminates the next instance of the task',
    // Caught by its state, or by its CVM being terminated, against the same instance of the untouched twin job.
    caughtBy:
      /^(\S+#\d+ is FAILED while the same instance of an untouched twin job is \w+, after terminating |after terminating \S+, compared with an untouched twin job: the CVM of \S+ went .*terminating)/,
    bug: (base) => {
      const sibling = createApiClient({ implementation: base, credentials: EXAMPLE_CREDENTIALS, pacing: false });
      return async (call, forward) => {
        const response = await forward();
        const p = call.params;
        if (isTerminate(call.action) && p !== undefined && typeof p['TaskInstanceIndex'] === 'number') {
          await sibling.TerminateTaskInstance({
            JobId: String(p['JobId']),
            TaskName: String(p['TaskName']),
            TaskInstanceIndex: p['TaskInstanceIndex'] + 1,
          });
        }
        return response;
      };
    },
  },
  'TTI-16': {
    what: 'retries a terminated instance a while later (FAILED turns back into RUNNABLE)',
    // Caught as the instance settles (ended RUNNABLE) or while it is watched (later became RUNNABLE).
    caughtBy: /(, FAILED by termination, later became| ended) RUNNABLE( after termination, not FAILED)?$/,
    bug: () => {
      let describesAfterTermination = 0;
      return async (call, forward) => {
        if (isTerminate(call.action)) describesAfterTermination = 0;
        const response = await forward();
        if (call.action !== 'DescribeTask' || ++describesAfterTermination < 4) return response;
        const envelope = await envelopeOf(response);
        const set = (envelope['TaskInstanceSet'] as { TaskInstanceState: string }[]).map((i) =>
          i.TaskInstanceState === 'FAILED' ? { ...i, TaskInstanceState: 'RUNNABLE' } : i,
        );
        return answer({ ...envelope, TaskInstanceSet: set });
      };
    },
  },
  'TTI-17': {
    what: 'answers InvalidParameterValue for a Region that is not a Batch region',
    caughtBy:
      /^a (TC3|v1) (GET|POST) TerminateTaskInstance with Region ".*": expected UnsupportedRegion, got InvalidParameterValue$/,
    bug: () => renameCode('UnsupportedRegion', 'InvalidParameterValue'),
  },
  'TTI-18': {
    what: 'accepts TerminateJob on a named-environment job and does nothing',
    caughtBy:
      /^TerminateJob \((TC3|v1) (GET|POST)\) on a named-environment job whose instances are \w+: expected UnsupportedOperation\.TerminateOperationWithEnvId, got Success$/,
    bug: (base) => async (call, forward) => {
      if (call.action !== 'TerminateJob') return forward();
      const { snapshot } = await peek(base, call.params);
      const named = snapshot.jobs[0]?.tasks.some((t) => t.env.kind === 'named') ?? false;
      return named ? answer({ RequestId: crypto.randomUUID() }) : forward();
    },
  },
  'TTI-MODEL': {
    what: 'reports terminated instances as SUCCEED once their CVM is gone',
    caughtBy: / was terminated and is SUCCEED$/,
    bug: () => {
      const terminated = new Set<string>();
      return async (call, forward) => {
        if (isTerminate(call.action))
          terminated.add(`${String(call.params?.['JobId'])}#${String(call.params?.['TaskInstanceIndex'])}`);
        const response = await forward();
        if (call.action !== 'DescribeTask') return response;
        const envelope = await envelopeOf(response);
        const set = (envelope['TaskInstanceSet'] as { TaskInstanceIndex: number; TaskInstanceState: string }[]).map(
          (i) =>
            i.TaskInstanceState === 'FAILED' &&
            terminated.has(`${String(call.params?.['JobId'])}#${i.TaskInstanceIndex}`)
              ? { ...i, TaskInstanceState: 'SUCCEED' }
              : i,
        );
        return answer({ ...envelope, TaskInstanceSet: set });
      };
    },
  },
};

/** More ways to break TTI-12, 13, 17 and 18 (integers, signatures, Region, named-env TerminateJob), each caught by that invariant's own message. */
const MORE_BROKEN: readonly (BrokenCase & { id: InvariantId })[] = [
  {
    id: 'TTI-10',
    what: 'answers InvalidParameter for another Version',
    caughtBy: /^a (TC3|v1) (GET|POST) call with Version ".*": expected NoSuchVersion, got InvalidParameter$/,
    bug: () => renameCode('NoSuchVersion', 'InvalidParameter'),
  },
  {
    id: 'TTI-10',
    what: 'answers MissingParameter for an unknown Action',
    caughtBy: /^a (TC3|v1) (GET|POST) call with Action ".*": expected InvalidAction, got MissingParameter$/,
    bug: () => renameCode('InvalidAction', 'MissingParameter'),
  },
  {
    id: 'TTI-10',
    what: 'answers InvalidParameter for a missing Action, Version or Timestamp',
    caughtBy:
      /^a (TC3|v1) (GET|POST) call with no (Action|Version|Timestamp): expected MissingParameter, got InvalidParameter$/,
    bug: () => renameCode('MissingParameter', 'InvalidParameter'),
  },
  {
    id: 'TTI-17',
    what: 'lets a TC3 request without a Region through, as if it named the default one',
    caughtBy: /^a TC3 (GET|POST) TerminateTaskInstance with no Region: expected MissingParameter, got Success$/,
    bug: (base) => async (call, forward) => {
      const request = call.request;
      if (call.path !== '/' || !request.headers.has('authorization') || request.headers.has('x-tc-region')) {
        return forward();
      }
      // X-TC-Region is not signed (reference §5.2 item 6): adding it keeps the signature valid.
      const headers = new Headers(request.headers);
      headers.set('x-tc-region', 'ap-guangzhou');
      const body = request.method === 'GET' ? undefined : await request.arrayBuffer();
      return base(
        new Request(request.url, { method: request.method, headers, ...(body === undefined ? {} : { body }) }),
      );
    },
  },
];

describe('each invariant catches an implementation that breaks it', () => {
  const cases = [...CATALOGUE.map((i) => ({ id: i.id, ...BROKEN[i.id] })), ...MORE_BROKEN].map(
    (c) => [c.id, c.what, c] as const,
  );
  it.each(cases)('%s catches an implementation that %s', async (id, _what, broke) => {
    const invariant = CATALOGUE.find((i) => i.id === id);
    if (invariant === undefined) throw new Error(`${id} is not in the catalogue`);
    const emulator = createEmulator({ clock: 'virtual', seed: RUN_SEED });
    const broken = withBug(emulator.implementation, broke.bug(emulator.implementation));
    const h = emulatedHarnessOf(broken);
    const result = await invariant.check(h, { seed: RUN_SEED, numRuns: 30 });
    expect(result.status, `seed ${RUN_SEED}`).toBe('failed');
    if (result.status === 'failed') {
      expect(result.finding.invariant).toBe(id);
      expect(result.finding.message).toMatch(broke.caughtBy);
      expect(result.finding.evidence.reproduced).toBe(true);
      expect(result.finding.evidence.exchanges.length).toBeGreaterThan(0);
    }
  });
});
