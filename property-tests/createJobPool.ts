import type { EnvKind } from '../generated/transitions.ts';
import type { ProvideRequest, ProvidedJob, TaskSpec } from './Harness.ts';
import type { InstanceGroup } from './InstanceRef.ts';
import type { JobLayout, PlannedJob } from './planSharedJobs.ts';
import { LANES, type Lane } from './Workload.ts';
import { RunSkipped } from './Violation.ts';

export interface JobPoolOptions {
  /** Submits one shared job of the run (counted against the budgets and written to the ledger). */
  submit(tasks: TaskSpec[], dependences: { StartTask: string; EndTask: string }[]): Promise<string>;
  /** Per environment, the lanes of its shared job and twin (planSharedJobs). */
  layouts: Partial<Record<EnvKind, JobLayout>>;
  /** The jobs as planned (their tasks' workloads), main job before its twin. */
  jobs: readonly PlannedJob[];
}

/** Free positions of one lane, as runs of consecutive indices (a lease is always a consecutive group). */
class LaneSpace {
  private free: { first: number; count: number }[];

  constructor(first: number, count: number) {
    this.free = count > 0 ? [{ first, count }] : [];
  }

  get size(): number {
    return this.free.reduce((sum, s) => sum + s.count, 0);
  }

  /** The first position of `count` consecutive free ones (the lowest that fit), or undefined. */
  fits(count: number): number | undefined {
    return this.free.find((s) => s.count >= count)?.first;
  }

  take(first: number, count: number): void {
    const at = this.free.findIndex((s) => s.first <= first && first + count <= s.first + s.count);
    const segment = this.free[at];
    if (segment === undefined) throw new Error(`job pool: positions ${first}+${count} are not free`);
    const rest = [
      { first: segment.first, count: first - segment.first },
      { first: first + count, count: segment.first + segment.count - first - count },
    ].filter((s) => s.count > 0);
    this.free.splice(at, 1, ...rest);
  }

  give(first: number, count: number): void {
    this.free.push({ first, count });
    this.free.sort((a, b) => a.first - b.first);
    // Merge neighbours, so a group given back can serve a larger lease later.
    this.free = this.free.reduce<{ first: number; count: number }[]>((merged, s) => {
      const last = merged.at(-1);
      if (last !== undefined && last.first + last.count === s.first) last.count += s.count;
      else merged.push({ ...s });
      return merged;
    }, []);
  }

  clear(): void {
    this.free = [];
  }
}

/** One environment's shared jobs once created: the main job (and its twin), and the free positions of each lane. */
interface SharedJobs {
  jobIds: string[];
  solo: Record<Lane, LaneSpace>;
  twin: Record<Lane, LaneSpace>;
}

/** Instances leased in the current property run (given back when it ends, those no call changed). */
interface Lease {
  jobIds: string[];
  space: LaneSpace;
  lane: Lane;
  first: number;
  count: number;
  /** A reuse key's: kept for the whole run. */
  shared: boolean;
  /** The invariant's share it was counted against, if any. */
  share: Share | undefined;
}

/** What the invariant being checked may hold or use up of each lane of the anonymous job, and what it does. */
interface Share {
  allowed: Record<Lane, number>;
  used: Record<Lane, number>;
}

const key = (jobId: string, task: string, index: number): string => `${jobId}\u0000${task}\u0000${index}`;

/**
 * The run's shared jobs on a live target, where a job budget (`--max-jobs`) and a machine budget (`--max-instances`)
 * cannot pay one job per property run: per environment, one job (and, when an invariant compares twin jobs, its
 * twin, submitted right after it so that they run in step) with a task per lane (LANES: long-running, succeeding,
 * failing, interrupted, and PENDING behind a gate), sized by planSharedJobs and created on the environment's first
 * lease. A scenario leases unused instances of the lane its workload comes closest to; twin leases take the same
 * positions of both jobs. When the property run ends, the instances no call could have changed (no
 * TerminateTaskInstance named them, no accepted TerminateJob named their job) go back to the pool: a state missed
 * between two polls then costs nothing. A reuse key keeps its instances for the whole run.
 */
export function createJobPool(options: JobPoolOptions) {
  const created = new Map<EnvKind, Promise<SharedJobs | undefined>>();
  /** The shared jobs once submitted, by environment. */
  const ready = new Map<EnvKind, SharedJobs>();
  const reused = new Map<string, ProvidedJob[] | undefined>();
  let held: Lease[] = [];
  let touched = new Set<string>();
  let touchedJobs = new Set<string>();
  // The share of the invariant being checked (beginShare); undefined before the first share.
  let share: Share | undefined;

  /** Planned jobs not submitted yet (a job whose SubmitJob was sent counts as submitted, answered or not). */
  const toSubmit = new Set(options.jobs);

  async function create(env: EnvKind): Promise<SharedJobs | undefined> {
    const layout = options.layouts[env];
    if (layout === undefined) return undefined;
    const jobIds: string[] = [];
    // Twins are submitted back to back so that they run in step.
    for (const job of options.jobs.filter((j) => j.env === env)) {
      toSubmit.delete(job);
      const tasks: TaskSpec[] = job.tasks.map((t) => ({
        name: t.name,
        command: t.command,
        count: t.count,
        env,
        ...(t.extra === undefined ? {} : { extra: t.extra }),
      }));
      const gated = tasks.some((t) => t.name === 'gated');
      jobIds.push(await options.submit(tasks, gated ? [{ StartTask: 'Gate', EndTask: 'gated' }] : []));
    }
    const spaces = (first: (l: Lane) => number, count: (l: Lane) => number) =>
      Object.fromEntries(LANES.map((l) => [l, new LaneSpace(first(l), count(l))])) as Record<Lane, LaneSpace>;
    const jobs: SharedJobs = {
      jobIds,
      solo: spaces(
        (l) => layout.twin[l],
        (l) => layout.solo[l],
      ),
      twin: spaces(
        () => 0,
        (l) => (layout.twinJob ? layout.twin[l] : 0),
      ),
    };
    ready.set(env, jobs);
    return jobs;
  }

  /** The size of a lane's task in one of an environment's jobs: the main job holds both ranges, the twin its own. */
  function taskSize(env: EnvKind, lane: Lane, twinJob: boolean): number {
    const layout = options.layouts[env];
    return (twinJob ? 0 : (layout?.solo[lane] ?? 0)) + (layout?.twin[lane] ?? 0);
  }

  /** Gives back what the current property run's leases held that no call could have changed. */
  function endRun(): void {
    for (const lease of held) {
      if (lease.shared) continue;
      const untouched = (i: number): boolean =>
        lease.jobIds.every((jobId) => !touchedJobs.has(jobId) && !touched.has(key(jobId, lease.lane, i)));
      let start: number | undefined;
      for (let i = lease.first; i <= lease.first + lease.count; i++) {
        const free = i < lease.first + lease.count && untouched(i);
        if (free && start === undefined) start = i;
        if (!free && start !== undefined) {
          lease.space.give(start, i - start);
          if (lease.share !== undefined) lease.share.used[lease.lane] -= i - start;
          start = undefined;
        }
      }
    }
    held = held.filter((l) => l.shared);
    touched = new Set();
    touchedJobs = new Set();
  }

  function sharedJobs(env: EnvKind): Promise<SharedJobs | undefined> {
    let jobs = created.get(env);
    if (jobs === undefined) {
      jobs = create(env);
      created.set(env, jobs);
    }
    return jobs;
  }

  /**
   * Instances of the lanes `request` needs; undefined when a lane has no room. With `shared` (a reuse key, whose
   * instances serve every invariant), the current invariant's share does not apply and they are never given back.
   * Throws RunSkipped when only the share stands in the way: the invariant has had its part of the run's jobs.
   */
  async function leaseFresh(request: ProvideRequest, shared: boolean): Promise<ProvidedJob[] | undefined> {
    const copies = request.jobs ?? 1;
    const jobs = await sharedJobs(request.env);
    if (jobs === undefined || copies > jobs.jobIds.length || copies > 2) return undefined;
    const spaces = copies === 2 ? jobs.twin : jobs.solo;
    const wanted = [
      { lane: request.workload.lane, count: request.count },
      ...(request.siblings ?? []).map((s) => ({ lane: s.workload.lane, count: s.count })),
    ];
    // All or nothing: find room for every group before taking any (two groups of one lane need room side by side).
    const needed = new Map<Lane, number>();
    for (const w of wanted) needed.set(w.lane, (needed.get(w.lane) ?? 0) + w.count);
    const starts = new Map<Lane, number>();
    for (const [lane, count] of needed) {
      const first = spaces[lane].fits(count);
      if (first === undefined) return undefined;
      starts.set(lane, first);
    }
    const counted = !shared && request.env === 'anonymous' && copies === 1 ? share : undefined;
    if (counted !== undefined) {
      const current = counted;
      // An invariant may always make its first lease of a lane; after that, only within its share.
      const over = [...needed].find(
        ([lane, count]) => current.used[lane] > 0 && current.used[lane] + count > current.allowed[lane],
      );
      if (over !== undefined) {
        throw new RunSkipped(
          `this invariant has had its share of the run's shared jobs (${current.allowed[over[0]]} instances of lane ${over[0]}; more with --max-instances or fewer --runs)`,
        );
      }
      for (const [lane, count] of needed) current.used[lane] += count;
    }
    const groups = wanted.map((w) => {
      const first = starts.get(w.lane) ?? 0;
      starts.set(w.lane, first + w.count);
      spaces[w.lane].take(first, w.count);
      const jobIds = jobs.jobIds.slice(0, copies);
      held.push({ jobIds, space: spaces[w.lane], lane: w.lane, first, count: w.count, shared, share: counted });
      return { ...w, first };
    });
    return jobs.jobIds.slice(0, copies).map((jobId, j) => {
      const group = (g: (typeof groups)[number]): InstanceGroup => ({
        jobId,
        taskName: g.lane,
        first: g.first,
        count: g.count,
        taskSize: taskSize(request.env, g.lane, j > 0),
      });
      const [task, ...siblings] = groups.map(group);
      return { task: task as InstanceGroup, siblings };
    });
  }

  return {
    /** Shared jobs submitted so far. */
    jobsCreated: (): number => options.jobs.length - toSubmit.size,
    /** Instances of the shared jobs still to be submitted (other jobs of the run must leave room for them). */
    instancesToCome: (): number =>
      [...toSubmit].reduce((sum, job) => sum + job.tasks.reduce((n, t) => n + t.count, 0), 0),
    /**
     * Unused instances for a scenario; undefined when the lanes it needs have no room or there are no twins. With
     * `reuse`, the same instances every time that key asks again (bystanders that every run checks unchanged), until a
     * request with `renew` replaces them.
     */
    async lease(request: ProvideRequest): Promise<ProvidedJob[] | undefined> {
      if (request.reuse === undefined) return leaseFresh(request, false);
      if (request.renew === true || !reused.has(request.reuse)) {
        reused.set(request.reuse, await leaseFresh(request, true));
      }
      return reused.get(request.reuse);
    },
    /**
     * A call the run made: a TerminateTaskInstance may have changed the instance it names; an accepted TerminateJob (or
     * one whose answer is unknown) every instance of the job, so a shared job it names serves no further lease.
     */
    noteCall(action: string, params: unknown, accepted: boolean): void {
      if (typeof params !== 'object' || params === null) return;
      const { JobId, TaskName, TaskInstanceIndex } = params as Record<string, unknown>;
      if (typeof JobId !== 'string') return;
      if (action === 'TerminateJob') {
        touchedJobs.add(JobId);
        if (!accepted) return;
        for (const jobs of ready.values()) {
          if (!jobs.jobIds.includes(JobId)) continue;
          for (const space of [...Object.values(jobs.solo), ...Object.values(jobs.twin)]) space.clear();
        }
        return;
      }
      const index = Number(TaskInstanceIndex);
      if (action === 'TerminateTaskInstance' && typeof TaskName === 'string' && Number.isInteger(index)) {
        touched.add(key(JobId, TaskName, index));
      }
    },
    /** The property run ended: what its leases held that no call could have changed goes back to the pool. */
    endRun,
    /**
     * The next invariant checked may hold or use up about 1/`invariantsLeft` of what is free of each lane of the
     * anonymous shared job (at least one lease per lane), so the first invariants of a run cannot use up the instances
     * of those after them. Named-environment and twin instances are not shared out (few invariants lease them).
     */
    beginShare(invariantsLeft: number): void {
      // The previous invariant's last run is over: what it left untouched counts as free.
      endRun();
      const left = Math.max(1, invariantsLeft);
      const jobs = ready.get('anonymous');
      const free = (lane: Lane): number => jobs?.solo[lane].size ?? options.layouts.anonymous?.solo[lane] ?? 0;
      share = {
        allowed: Object.fromEntries(LANES.map((lane) => [lane, Math.floor(free(lane) / left)])) as Record<Lane, number>,
        used: { long: 0, succeed: 0, fail: 0, interrupt: 0, gated: 0 },
      };
    },
  };
}

export type JobPool = ReturnType<typeof createJobPool>;
