import { describe, expect, it } from 'vitest';
import type { EnvKind } from '../generated/transitions.ts';
import { createApiClient, IN_PROCESS_ORIGIN } from '../conformance/client/createApiClient.ts';
import { createControlClient } from '../conformance/control/createControlClient.ts';
import { createEmulator } from '../conformance/emulator/createEmulator.ts';
import { EXAMPLE_CREDENTIALS } from '../conformance/signing/Credentials.ts';
import type { Capability } from './Capability.ts';
import { CATALOGUE } from './catalogue.ts';
import { createEmulatedHarness } from './createEmulatedHarness.ts';
import type { HarnessRuntime, ProvideRequest, ProvidedJob } from './Harness.ts';
import { LIVE_DEMAND, PAIR_USERS, RUNNING_PAIR } from './liveDemand.ts';

/** What a live target offers a live-stateful run with a named environment: no control plane. */
const LIVE_STATEFUL: ReadonlySet<Capability> = new Set(['state', 'named-env', 'rate-limit']);

/** One property run as the spy saw it: what it asked the harness for, and the instances its calls may have changed. */
interface SeenRun {
  provided: { request: ProvideRequest; jobs: ProvidedJob[] }[];
  touched: { jobId: string; task: string; index: number }[];
  terminatedJobs: string[];
}

/** The invariant's harness, with every provide and every terminate call seen, run by run. */
function spyOn(h: HarnessRuntime): { harness: HarnessRuntime; runs: SeenRun[] } {
  const runs: SeenRun[] = [];
  const current = (): SeenRun => runs.at(-1) ?? { provided: [], touched: [], terminatedJobs: [] };
  const note = (action: string, params: unknown): void => {
    const p = params as { JobId?: unknown; TaskName?: unknown; TaskInstanceIndex?: unknown } | undefined;
    if (typeof p?.JobId !== 'string') return;
    if (action === 'TerminateJob') current().terminatedJobs.push(p.JobId);
    if (
      action === 'TerminateTaskInstance' &&
      typeof p.TaskName === 'string' &&
      typeof p.TaskInstanceIndex === 'number'
    ) {
      current().touched.push({ jobId: p.JobId, task: p.TaskName, index: p.TaskInstanceIndex });
    }
  };
  const harness: HarnessRuntime = {
    ...h,
    async beginRun(rateLimits, brokenAnswers) {
      runs.push({ provided: [], touched: [], terminatedJobs: [] });
      await h.beginRun(rateLimits, brokenAnswers);
    },
    async provide(request) {
      const jobs = await h.provide(request);
      if (jobs !== undefined) current().provided.push({ request, jobs });
      return jobs;
    },
    call(action, request) {
      note(action, request);
      return h.call(action, request);
    },
    raw(rawCall) {
      note(rawCall.action, rawCall.params);
      return h.raw(rawCall);
    },
  };
  return { harness, runs };
}

/** The instances of a run's leases in `env` that its calls may have changed; the same position of twins once. */
function usedUp(run: SeenRun, env: EnvKind): number {
  const positions = new Set<string>();
  run.provided.forEach(({ request, jobs }, lease) => {
    if (request.env !== env || request.reuse !== undefined) return;
    for (const job of jobs) {
      [job.task, ...job.siblings].forEach((group, g) => {
        for (let i = group.first; i < group.first + group.count; i++) {
          const named =
            run.terminatedJobs.includes(group.jobId) ||
            run.touched.some((t) => t.jobId === group.jobId && t.task === group.taskName && t.index === i);
          if (named) positions.add(`${lease}/${g}/${i - group.first}`);
        }
      });
    }
  });
  return positions.size;
}

describe('LIVE_DEMAND: what each invariant’s runs lease and use up, checked against the invariants themselves', () => {
  // Every invariant of the catalogue, 10 runs each, on an emulator offering what a live target offers (no control
  // plane, so the live paths run). The emulator submits fresh jobs where a live run leases shared ones: the requests
  // are the same.
  it.each(CATALOGUE.map((i) => i.id))('%s', async (id) => {
    const invariant = CATALOGUE.find((i) => i.id === id);
    const emulator = createEmulator({ clock: 'virtual', seed: 1 });
    const control = createControlClient(emulator.implementation, IN_PROCESS_ORIGIN);
    const { harness, runs } = spyOn(
      createEmulatedHarness({
        client: createApiClient({
          implementation: emulator.implementation,
          credentials: EXAMPLE_CREDENTIALS,
          pacing: false,
        }),
        control,
        docRevision: 'seed',
        namedEnvId: 'env-demand01',
        capabilities: LIVE_STATEFUL,
      }),
    );
    await invariant?.check(harness, { seed: 7, numRuns: 10 });
    const demands = LIVE_DEMAND[id] ?? [];
    for (const run of runs) {
      for (const { request } of run.provided) {
        if (request.reuse !== undefined) {
          // The shared pair, held for the whole run: only its users ask for it, and as planned.
          expect(PAIR_USERS).toContain(id);
          expect([request.env, request.workload.lane, request.count]).toEqual([
            'anonymous',
            RUNNING_PAIR.lane,
            RUNNING_PAIR.instances,
          ]);
          continue;
        }
        const demand = demands.find((d) => d.env === request.env);
        expect(demand, `${id} leases in a ${request.env} environment`).toBeDefined();
        expect(request.jobs ?? 1).toBe(demand?.jobs);
        const lanes = [...Object.keys(demand?.lanes ?? {}), ...(demand?.unplanned ?? [])];
        expect(lanes).toContain(request.workload.lane);
        for (const sibling of request.siblings ?? [])
          expect(Object.keys(demand?.lanes ?? {})).toContain(sibling.workload.lane);
      }
      for (const demand of demands.filter((d) => d.elastic !== true)) {
        expect(usedUp(run, demand.env), `${id}: instances a run used up`).toBeLessThanOrEqual(demand.usesUp);
      }
    }
  });
});
