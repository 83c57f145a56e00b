import type { EnvKind } from '../generated/transitions.ts';
import type { ProvideRequest, ProvidedJob, TaskSpec } from './Harness.ts';
import type { InstanceGroup } from './InstanceRef.ts';
import { LANES, LANE_WORKLOADS, LONG_SLEEP, type Lane } from './Workload.ts';
import { RunSkipped } from './Violation.ts';

/**
 * Instances per lane of a shared job, for `instancesPerLane` = 1; the long-running lane serves most scenarios
 * (TTI-MODEL's jobs, TTI-14's and TTI-15's twins, bystanders), so it is the biggest. Every instance is a CVM on a real
 * account: the default (DEFAULT_INSTANCES_PER_LANE) trades coverage against what a run costs.
 */
export const LANE_WEIGHTS: Readonly<Record<Lane, number>> = { long: 5, succeed: 1, fail: 1, interrupt: 1, gated: 1 };
export const DEFAULT_INSTANCES_PER_LANE = 8;

export interface JobPoolOptions {
  /** Submits one job of the run (counted against the budget and written to the ledger). */
  submit(tasks: TaskSpec[], dependences: { StartTask: string; EndTask: string }[]): Promise<string>;
  /** Jobs the pool may create: two anonymous twins when it can (TTI-15 compares them), plus one named-env job. */
  maxJobs: number;
  namedEnvId: string | undefined;
  /** Scales every lane (LANE_WEIGHTS); default DEFAULT_INSTANCES_PER_LANE. */
  instancesPerLane?: number;
}

interface SharedJob {
  env: EnvKind;
  jobIds: string[];
  /** Next unused index per lane (the same in every twin). */
  next: Record<Lane, number>;
}

/**
 * The run's shared jobs on a live target, where a job budget (`--max-jobs`) cannot pay one job per property run: one
 * job (or two identical twins) with a task per lane (LANES: long-running, succeeding, failing, interrupted, and a task
 * PENDING behind a day-long gate), created on first use; scenarios lease unused instances of the lane their workload
 * comes closest to. Each instance is leased once (a scenario may terminate it), except bystanders a key reuses. A
 * named-environment job is added when the run has a named environment (TTI-06).
 */
export function createJobPool(options: JobPoolOptions) {
  const perLane = options.instancesPerLane ?? DEFAULT_INSTANCES_PER_LANE;
  const sizes = Object.fromEntries(LANES.map((lane) => [lane, LANE_WEIGHTS[lane] * perLane])) as Record<Lane, number>;
  const named = options.namedEnvId !== undefined;
  const twins = Math.max(1, Math.min(2, options.maxJobs - (named ? 1 : 0)));
  let jobs: Promise<Map<EnvKind, SharedJob>> | undefined;
  const reused = new Map<string, ProvidedJob[] | undefined>();
  // The share of the invariant being checked (see beginShare): per lane, how many instances it may lease, and how many
  // it has. Undefined before the first share: everything free may be leased.
  let share: { allowed: Record<Lane, number>; taken: Record<Lane, number> } | undefined;
  // The anonymous shared job once created: its `next` per lane is what the run has used of it.
  let anonymous: SharedJob | undefined;

  async function create(env: EnvKind, copies: number): Promise<SharedJob> {
    const tasks: TaskSpec[] = [
      { name: 'Gate', command: LONG_SLEEP, env },
      ...LANES.map((lane) => ({
        name: lane,
        command: LANE_WORKLOADS[lane].command,
        count: sizes[lane],
        env,
        ...(LANE_WORKLOADS[lane].extra === undefined ? {} : { extra: LANE_WORKLOADS[lane].extra }),
      })),
    ];
    const jobIds: string[] = [];
    // Twins are submitted back to back so that they run in step.
    for (let i = 0; i < copies; i++)
      jobIds.push(await options.submit(tasks, [{ StartTask: 'Gate', EndTask: 'gated' }]));
    return { env, jobIds, next: { long: 0, succeed: 0, fail: 0, interrupt: 0, gated: 0 } };
  }

  /** Every shared job at once, on first use: later scenarios must not find the budget spent by others. */
  function sharedJobs(): Promise<Map<EnvKind, SharedJob>> {
    jobs ??= (async () => {
      const created = new Map<EnvKind, SharedJob>();
      anonymous = await create('anonymous', twins);
      created.set('anonymous', anonymous);
      if (named) created.set('named', await create('named', 1));
      return created;
    })();
    return jobs;
  }

  function take(job: SharedJob, lane: Lane, count: number, shared: boolean): number {
    const first = job.next[lane];
    job.next[lane] = first + count;
    if (!shared && share !== undefined) share.taken[lane] += count;
    return first;
  }

  /**
   * Instances of the lanes `request` needs; undefined when a lane is used up. With `shared` (a reuse key, whose
   * instances serve every invariant), the current invariant's share does not apply. Throws RunSkipped when only the
   * share stands in the way: the invariant has had its part of the run's jobs, not a target that failed to get there.
   */
  async function leaseFresh(request: ProvideRequest, shared: boolean): Promise<ProvidedJob[] | undefined> {
    const job = (await sharedJobs()).get(request.env);
    const copies = request.jobs ?? 1;
    if (job === undefined || copies > job.jobIds.length) return undefined;
    const wanted = [
      { lane: request.workload.lane, count: request.count },
      ...(request.siblings ?? []).map((s) => ({ lane: s.workload.lane, count: s.count })),
    ];
    // All or nothing: check every lane has room before taking any.
    const needed = new Map<Lane, number>();
    for (const w of wanted) needed.set(w.lane, (needed.get(w.lane) ?? 0) + w.count);
    for (const [lane, count] of needed) if (job.next[lane] + count > sizes[lane]) return undefined;
    if (!shared && share !== undefined && job.env === 'anonymous') {
      const current = share;
      // An invariant may always make its first lease of a lane; after that, only within its share.
      const over = [...needed].find(
        ([lane, count]) => current.taken[lane] > 0 && current.taken[lane] + count > current.allowed[lane],
      );
      if (over !== undefined) {
        throw new RunSkipped(
          `this invariant has had its share of the run's shared jobs (${current.allowed[over[0]]} of the ${sizes[over[0]]} instances of lane ${over[0]}; more with --max-jobs or fewer --runs)`,
        );
      }
    }
    const firsts = wanted.map((w) => take(job, w.lane, w.count, shared));
    const group = (jobId: string, k: number): InstanceGroup => {
      const w = wanted[k] as { lane: Lane; count: number };
      return { jobId, taskName: w.lane, first: firsts[k] ?? 0, count: w.count, taskSize: sizes[w.lane] };
    };
    return job.jobIds.slice(0, copies).map((jobId) => ({
      task: group(jobId, 0),
      siblings: wanted.slice(1).map((_, k) => group(jobId, k + 1)),
    }));
  }

  return {
    /**
     * Unused instances for a scenario; undefined when the lanes it needs are used up or there are no twins. With
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
     * The next invariant checked may lease about 1/`invariantsLeft` of what is left of each lane of the anonymous
     * shared job (at least one lease per lane), so the first invariants of a run with many `--runs` cannot use up
     * the instances of those after them. Named-environment instances are not shared out (few invariants lease them).
     */
    beginShare(invariantsLeft: number): void {
      const left = Math.max(1, invariantsLeft);
      const allowed = Object.fromEntries(
        LANES.map((lane) => [lane, Math.floor((sizes[lane] - (anonymous?.next[lane] ?? 0)) / left)]),
      ) as Record<Lane, number>;
      share = { allowed, taken: { long: 0, succeed: 0, fail: 0, interrupt: 0, gated: 0 } };
    },
  };
}

export type JobPool = ReturnType<typeof createJobPool>;
