import type { EnvKind } from '../generated/transitions.ts';
import type { InvariantId } from './catalogue.ts';
import { LIVE_DEMAND, PAIR_USERS, RUNNING_PAIR, type LiveDemand } from './liveDemand.ts';
import { GATE_WORKLOADS, LANE_WORKLOADS, LANES, NAMED_LANE_WORKLOADS, type Lane, type Workload } from './Workload.ts';

/**
 * The CVMs a live-stateful run may create in all (`--max-instances`), unless told otherwise: enough for one run of
 * every stateful invariant of the catalogue, twin jobs and a named environment included (decision D-32).
 */
export const DEFAULT_MAX_INSTANCES = 60;

export interface PlanRequest {
  /** The invariants selected that will run, in catalogue order, with the runs each is to make. */
  invariants: readonly { id: InvariantId; runs: number }[];
  maxInstances: number;
  /** `--max-jobs`: shared jobs first, then single-instance jobs for invariants that submit their own. */
  maxJobs: number;
  /** Whether the run has a named compute environment (`--named-env`). */
  namedEnv: boolean;
  /** Single-instance jobs wanted by invariants that submit jobs of their own (TTI-10, TTI-11 send SubmitJob). */
  singleJobsWanted: number;
}

/** The instances per lane of one environment's shared job (and of its twin). */
export interface JobLayout {
  /** Per lane, the instances single leases take: the main job's positions after the twin range. */
  solo: Readonly<Record<Lane, number>>;
  /** Per lane, the twin range: the first positions of the main job, and the whole twin job. */
  twin: Readonly<Record<Lane, number>>;
  /** Whether a twin job is created (twin leases need one; its lanes are `twin`). */
  twinJob: boolean;
}

/** One job the run will submit, as printed before the first SubmitJob. */
export interface PlannedJob {
  env: EnvKind;
  /** The twin of the environment's main job (submitted right after it, so that they run in step). */
  twin: boolean;
  tasks: { name: string; count: number; command: string; extra?: Record<string, unknown> }[];
}

/** A stateful invariant the plan has no run for: the instances (`--max-instances`) or the jobs (`--max-jobs`). */
export interface LeftOut {
  id: InvariantId;
  why: 'instances' | 'jobs';
}

export interface SharedJobsPlan {
  layouts: Partial<Record<EnvKind, JobLayout>>;
  jobs: PlannedJob[];
  /** The runs each stateful invariant may make: fewer than asked when the budget cannot pay for more, 0 for none. */
  runs: ReadonlyMap<InvariantId, number>;
  /** The runs each was asked to make. */
  asked: ReadonlyMap<InvariantId, number>;
  leftOut: readonly LeftOut[];
  /** Jobs of one instance each left for invariants that submit their own. */
  singleJobs: number;
  /** Every instance the plan may create: the shared jobs' and the single jobs'. */
  instances: number;
  maxInstances: number;
}

const NO_LANES: Readonly<Record<Lane, number>> = { long: 0, succeed: 0, fail: 0, interrupt: 0, gated: 0 };

/** The workload a lane of an environment's shared job runs; undefined where that environment has no such lane. */
function laneWorkload(env: EnvKind, lane: Lane): Workload | undefined {
  return env === 'named' ? NAMED_LANE_WORKLOADS[lane] : LANE_WORKLOADS[lane];
}

/** Instances per lane for `demands` at their runs: the most one run holds at once plus what all runs may use up. */
function laneSizes(demands: readonly { demand: LiveDemand; runs: number }[], env: EnvKind): Record<Lane, number> {
  const hold: Record<Lane, number> = { ...NO_LANES };
  const usedUp: Record<Lane, number> = { ...NO_LANES };
  for (const { demand, runs } of demands) {
    if (runs <= 0) continue;
    const lanes = (Object.keys(demand.lanes) as Lane[]).filter((l) => laneWorkload(env, l) !== undefined);
    for (const lane of lanes) {
      hold[lane] = Math.max(hold[lane], demand.lanes[lane] ?? 0);
      // Draws spread over the lanes: a run uses up its instances in one of them.
      usedUp[lane] += (runs * demand.usesUp) / lanes.length;
    }
  }
  return Object.fromEntries(
    LANES.map((lane) => [lane, hold[lane] === 0 ? 0 : hold[lane] + Math.ceil(usedUp[lane] - 1e-9)]),
  ) as Record<Lane, number>;
}

interface Layout {
  layouts: Partial<Record<EnvKind, JobLayout>>;
  jobs: PlannedJob[];
  instances: number;
  /** Invariants with a demand that needs a job the budget of jobs cannot pay (a twin, a named environment's). */
  unserved: Set<InvariantId>;
  unservedDemands: Set<LiveDemand>;
}

/** The shared jobs for the stateful invariants at the given runs, within `maxJobs` (instances not bounded here). */
function layOut(runs: ReadonlyMap<InvariantId, number>, request: PlanRequest): Layout {
  const demands = [...runs.entries()].flatMap(([id, r]) =>
    (LIVE_DEMAND[id] ?? []).map((demand) => ({ id, demand, runs: r })),
  );
  const pairUsed = PAIR_USERS.some((id) => (runs.get(id) ?? 0) > 0);
  const envs: EnvKind[] = ['anonymous', ...(request.namedEnv ? (['named'] as const) : [])];
  const unserved = new Set<InvariantId>();
  const unservedDemands = new Set<LiveDemand>();
  const notServed = (d: { id: InvariantId; demand: LiveDemand }): void => {
    unserved.add(d.id);
    unservedDemands.add(d.demand);
  };
  for (const d of demands) if (!envs.includes(d.demand.env)) notServed(d);
  // Jobs by priority: the main jobs first (the anonymous one always, for the pair), then the twins.
  let jobsLeft = request.maxJobs;
  const wanted = (env: EnvKind, jobs: 1 | 2) =>
    demands.filter((d) => d.demand.env === env && d.demand.jobs === jobs && d.runs > 0);
  const withMain = new Set<EnvKind>();
  for (const env of envs) {
    const needed = wanted(env, 1).length > 0 || wanted(env, 2).length > 0 || (env === 'anonymous' && pairUsed);
    if (needed && jobsLeft > 0) {
      jobsLeft--;
      withMain.add(env);
    }
  }
  const withTwin = new Set<EnvKind>();
  for (const env of envs) {
    if (wanted(env, 2).length > 0 && withMain.has(env) && jobsLeft > 0) {
      jobsLeft--;
      withTwin.add(env);
    }
  }
  const layouts: Partial<Record<EnvKind, JobLayout>> = {};
  for (const env of envs) {
    for (const d of demands.filter((x) => x.demand.env === env && x.runs > 0)) {
      if (!withMain.has(env) || (d.demand.jobs === 2 && !withTwin.has(env))) notServed(d);
    }
    if (!withMain.has(env)) continue;
    const solo = laneSizes(wanted(env, 1), env);
    if (env === 'anonymous' && pairUsed) solo[RUNNING_PAIR.lane] += RUNNING_PAIR.instances + RUNNING_PAIR.spares;
    const twin = withTwin.has(env) ? laneSizes(wanted(env, 2), env) : { ...NO_LANES };
    layouts[env] = { solo, twin, twinJob: withTwin.has(env) };
  }
  const jobs = plannedJobs(layouts);
  const instances = jobs.reduce((sum, job) => sum + job.tasks.reduce((n, t) => n + t.count, 0), 0);
  return { layouts, jobs, instances, unserved, unservedDemands };
}

/** The jobs that hold `layouts`: per environment its main job (both ranges), then its twin (the twin range). */
export function plannedJobs(layouts: Partial<Record<EnvKind, JobLayout>>): PlannedJob[] {
  return (Object.entries(layouts) as [EnvKind, JobLayout][]).flatMap(([env, layout]) => {
    const main = Object.fromEntries(LANES.map((l) => [l, layout.solo[l] + layout.twin[l]])) as Record<Lane, number>;
    return [plannedJob(env, main, false), ...(layout.twinJob ? [plannedJob(env, layout.twin, true)] : [])];
  });
}

function plannedJob(env: EnvKind, lanes: Readonly<Record<Lane, number>>, twin: boolean): PlannedJob {
  const tasks: PlannedJob['tasks'] = lanes.gated > 0 ? [{ name: 'Gate', count: 1, command: GATE_WORKLOADS[env] }] : [];
  for (const lane of LANES) {
    const workload = laneWorkload(env, lane);
    if (lanes[lane] === 0 || workload === undefined) continue;
    tasks.push({
      name: lane,
      count: lanes[lane],
      command: workload.command,
      ...(workload.extra === undefined ? {} : { extra: workload.extra }),
    });
  }
  return { env, twin, tasks };
}

/**
 * The run's shared jobs, sized from the invariants actually selected and their runs (LIVE_DEMAND), within the machine
 * budget: every stateful invariant makes its runs when the budget pays for them; otherwise each makes at most the
 * largest number of runs the budget pays for all of them, and if not even one run each fits, the invariants whose
 * instances cost most are left out (runs 0) until the rest fit. Twin and named-environment jobs come out of `maxJobs`
 * after the anonymous main job; an invariant whose job the budget of jobs cannot pay gets runs 0 as well.
 */
export function planSharedJobs(request: PlanRequest): SharedJobsPlan {
  const asked = new Map(request.invariants.filter((i) => i.runs > 0).map((i) => [i.id, i.runs]));
  const stateful = [...asked.keys()].filter((id) => LIVE_DEMAND[id] !== undefined || PAIR_USERS.includes(id));
  // The pair's users cost the same at any runs: only the others' runs are capped.
  const capped = (id: InvariantId, cap: number): number =>
    LIVE_DEMAND[id] === undefined ? (asked.get(id) ?? 0) : Math.min(asked.get(id) ?? 0, cap);
  const at = (cap: number, without: ReadonlySet<InvariantId> = new Set()) =>
    new Map(stateful.map((id) => [id, without.has(id) ? 0 : capped(id, cap)]));
  const fits = (runs: ReadonlyMap<InvariantId, number>): boolean =>
    layOut(runs, request).instances <= request.maxInstances;
  // The largest cap on runs that fits (the instances needed grow with it).
  let low = 0;
  let high = Math.max(0, ...asked.values());
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(at(mid))) low = mid;
    else high = mid - 1;
  }
  const dropped = new Set<InvariantId>();
  const cap = Math.max(1, low);
  while (!fits(at(cap, dropped))) {
    // Leave out the invariant whose runs cost the most instances (the later one on a tie).
    const base = layOut(at(cap, dropped), request).instances;
    let costliest: InvariantId | undefined;
    let saving = -1;
    for (const id of stateful.filter((x) => !dropped.has(x))) {
      const without = layOut(at(cap, new Set([...dropped, id])), request).instances;
      if (base - without >= saving) {
        saving = base - without;
        costliest = id;
      }
    }
    if (costliest === undefined) break;
    dropped.add(costliest);
  }
  const runs = at(cap, dropped);
  const laid = layOut(runs, request);
  const leftOut: LeftOut[] = [...dropped].map((id) => ({ id, why: 'instances' }));
  // An invariant none of whose demands has a job to lease from cannot make a run (its pair, if any, is served).
  for (const id of laid.unserved) {
    const demands = LIVE_DEMAND[id] ?? [];
    if (PAIR_USERS.includes(id) || demands.some((d) => !laid.unservedDemands.has(d))) continue;
    runs.set(id, 0);
    leftOut.push({ id, why: 'jobs' });
  }
  const shared = laid.jobs.length;
  const singleJobs = Math.max(
    0,
    Math.min(request.singleJobsWanted, request.maxJobs - shared, request.maxInstances - laid.instances),
  );
  return {
    layouts: laid.layouts,
    jobs: laid.jobs,
    runs,
    asked,
    leftOut,
    singleJobs,
    instances: laid.instances + singleJobs,
    maxInstances: request.maxInstances,
  };
}

/**
 * The plan when the run gave none (a live harness made outside the runner): one run of every stateful invariant of the
 * catalogue, within the default machine budget.
 */
export function planForEveryInvariant(maxJobs: number, namedEnv: boolean): SharedJobsPlan {
  const ids = [...new Set([...(Object.keys(LIVE_DEMAND) as InvariantId[]), ...PAIR_USERS])];
  return planSharedJobs({
    invariants: ids.map((id) => ({ id, runs: 1 })),
    maxInstances: DEFAULT_MAX_INSTANCES,
    maxJobs,
    namedEnv,
    singleJobsWanted: maxJobs,
  });
}
