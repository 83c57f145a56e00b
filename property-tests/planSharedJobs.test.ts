import { describe, expect, it } from 'vitest';
import { CATALOGUE, type InvariantId } from './catalogue.ts';
import { LIVE_DEMAND, PAIR_USERS, RUNNING_PAIR } from './liveDemand.ts';
import { DEFAULT_MAX_INSTANCES, planSharedJobs, type PlanRequest } from './planSharedJobs.ts';
import { GATE_WORKLOADS, LANES } from './Workload.ts';

const ALL = CATALOGUE.map((i) => i.id);

function plan(ids: readonly InvariantId[], more: Partial<PlanRequest> & { runs?: number } = {}) {
  const { runs = 1, ...rest } = more;
  return planSharedJobs({
    invariants: ids.map((id) => ({ id, runs })),
    maxInstances: 10_000,
    maxJobs: 4,
    namedEnv: true,
    singleJobsWanted: 0,
    ...rest,
  });
}

const lanesOf = (p: ReturnType<typeof plan>, job = 0) =>
  Object.fromEntries((p.jobs[job]?.tasks ?? []).map((t) => [t.name, t.count]));

describe('planSharedJobs: the shared jobs, sized from the invariants selected and their runs', () => {
  it('gives a lane the largest holding of one run plus what all runs use up', () => {
    const [demand] = LIVE_DEMAND['TTI-04'] ?? [];
    for (const runs of [1, 3, 25]) {
      const p = plan(['TTI-04'], { runs });
      expect(lanesOf(p)).toEqual({ long: (demand?.lanes.long ?? 0) + runs * (demand?.usesUp ?? 0) });
      expect(p.instances).toBe(lanesOf(p)['long']);
    }
  });

  it('creates only the lanes, jobs and environments the selected invariants need', () => {
    // A small selection: three invariants, none comparing twin jobs or needing a named environment.
    const p = plan(['TTI-02', 'TTI-03', 'TTI-14'], { runs: 25 });
    expect(p.jobs.map((j) => [j.env, j.twin])).toEqual([['anonymous', false]]);
    const used = new Set(
      (['TTI-02', 'TTI-03', 'TTI-14'] as const).flatMap((id) =>
        (LIVE_DEMAND[id] ?? []).flatMap((d) => Object.keys(d.lanes)),
      ),
    );
    expect(new Set(p.jobs[0]?.tasks.map((t) => t.name).filter((n) => n !== 'Gate'))).toEqual(used);
    expect(p.instances).toBeLessThan(plan(ALL, { runs: 25 }).instances);
    // Fewer runs, fewer instances.
    expect(plan(['TTI-02', 'TTI-03', 'TTI-14'], { runs: 2 }).instances).toBeLessThan(p.instances);
  });

  it('puts a gate before a gated lane, running the environment’s gate workload', () => {
    const p = plan(['TTI-02']);
    expect(p.jobs[0]?.tasks[0]).toEqual({ name: 'Gate', count: 1, command: GATE_WORKLOADS.anonymous });
  });

  it('holds the RUNNING pair and its spare for the invariants that aim at it, once for all of them', () => {
    const one = plan(['TTI-07']);
    const all = plan(PAIR_USERS);
    expect(lanesOf(one)).toEqual({ [RUNNING_PAIR.lane]: RUNNING_PAIR.instances + RUNNING_PAIR.spares });
    expect(all.instances).toBe(one.instances);
    expect(plan(['TTI-09', 'TTI-10']).jobs).toEqual([]);
  });

  it('adds a twin job only for an invariant that compares twins, with only its lanes', () => {
    const p = plan(['TTI-04', 'TTI-15']);
    expect(p.jobs.map((j) => [j.env, j.twin])).toEqual([
      ['anonymous', false],
      ['anonymous', true],
    ]);
    const twinLanes = Object.keys(LIVE_DEMAND['TTI-15']?.[0]?.lanes ?? {});
    expect(p.jobs[1]?.tasks.map((t) => t.name)).toEqual(twinLanes);
    // The main job holds the twin range too, at the same positions.
    expect(lanesOf(p, 0)['long']).toBe((lanesOf(p, 1)['long'] ?? 0) + (lanesOf(plan(['TTI-04']))['long'] ?? 0));
  });

  it('plans a named environment’s job only with one, and without an interrupted lane there', () => {
    expect(plan(['TTI-06'], { namedEnv: false }).jobs).toEqual([]);
    const p = plan(['TTI-06', 'TTI-18']);
    expect(p.jobs.map((j) => [j.env, j.twin])).toEqual([
      ['named', false],
      ['named', true],
    ]);
    for (const job of p.jobs) expect(job.tasks.map((t) => t.name)).not.toContain('interrupt');
  });

  it('gives the job budget to the main jobs first: a twin that does not fit leaves its invariant without runs', () => {
    const p = plan(['TTI-04', 'TTI-06', 'TTI-15'], { maxJobs: 2 });
    expect(p.jobs.map((j) => [j.env, j.twin])).toEqual([
      ['anonymous', false],
      ['named', false],
    ]);
    expect(p.runs.get('TTI-15')).toBe(0);
    expect(p.leftOut).toEqual([{ id: 'TTI-15', why: 'jobs' }]);
  });

  it('never plans more instances than the budget: every invariant makes at most the runs it pays for', () => {
    const asked = plan(ALL, { runs: 25 });
    for (const maxInstances of [DEFAULT_MAX_INSTANCES, 100, 200, asked.instances - 1]) {
      const p = plan(ALL, { runs: 25, maxInstances });
      expect(p.instances).toBeLessThanOrEqual(maxInstances);
      const runs = [...p.runs].filter(([id, r]) => r > 0 && LIVE_DEMAND[id] !== undefined).map(([, r]) => r);
      // One cap for all: the same runs for every invariant that makes any, fewer than asked.
      expect(new Set(runs).size).toBe(1);
      expect(runs[0]).toBeLessThan(25);
      // The pair costs the same at any runs: its users make all theirs.
      for (const id of PAIR_USERS) expect(p.runs.get(id)).toBe(25);
      // One more run each would not have fitted.
      const cap = runs[0] ?? 0;
      const more = planSharedJobs({
        invariants: [...p.runs].filter(([, r]) => r > 0).map(([id, r]) => ({ id, runs: Math.min(r, cap) + 1 })),
        maxInstances: 10_000,
        maxJobs: 4,
        namedEnv: true,
        singleJobsWanted: 0,
      });
      if (p.leftOut.length === 0) expect(more.instances).toBeGreaterThan(maxInstances);
    }
  });

  it('leaves out the costliest invariants when not even one run each fits, and says why', () => {
    const p = plan(ALL, { maxInstances: 20 });
    expect(p.instances).toBeLessThanOrEqual(20);
    expect(p.leftOut.length).toBeGreaterThan(0);
    for (const { id, why } of p.leftOut) {
      expect(why).toBe('instances');
      expect(p.runs.get(id)).toBe(0);
    }
    expect([...p.runs.values()].some((r) => r > 0)).toBe(true);
  });

  it('the default budget pays for one run of every stateful invariant but at most one', () => {
    const p = plan(ALL, { runs: 25, maxInstances: DEFAULT_MAX_INSTANCES });
    const made = [...p.runs].filter(([, r]) => r > 0).map(([id]) => id);
    expect(made.length).toBeGreaterThanOrEqual([...p.runs.keys()].length - 1);
  });

  it('leaves the jobs and instances the shared jobs do not need to invariants that submit their own', () => {
    const p = plan(['TTI-04', 'TTI-10'], { maxJobs: 4, singleJobsWanted: 10, maxInstances: 10 });
    const shared = p.jobs.reduce((sum, j) => sum + j.tasks.reduce((n, t) => n + t.count, 0), 0);
    expect(p.singleJobs).toBe(Math.min(4 - p.jobs.length, 10 - shared));
    expect(p.instances).toBe(shared + p.singleJobs);
  });

  it('lists every lane a job holds in the catalogue’s lane order', () => {
    const p = plan(ALL);
    for (const job of p.jobs) {
      const names = job.tasks.map((t) => t.name).filter((n) => n !== 'Gate');
      expect(names).toEqual(LANES.filter((l) => names.includes(l)));
    }
  });
});
