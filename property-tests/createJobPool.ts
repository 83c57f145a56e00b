import type { EnvKind } from '../generated/transitions.ts';
import type { ProvideRequest, ProvidedJob, TaskSpec } from './Harness.ts';
import type { InstanceGroup } from './InstanceRef.ts';
import { LANES, LANE_WORKLOADS, LONG_SLEEP, type Lane } from './Workload.ts';

/** Instances per lane of a shared job: the long-running lane serves most scenarios (twins, bystanders, bursts). */
export const DEFAULT_LANE_SIZES: Readonly<Record<Lane, number>> = {
  long: 12,
  succeed: 4,
  fail: 4,
  interrupt: 4,
  gated: 4,
};

export interface JobPoolOptions {
  /** Submits one job of the run (counted against the budget and written to the ledger). */
  submit(tasks: TaskSpec[], dependences: { StartTask: string; EndTask: string }[]): Promise<string>;
  /** Jobs the pool may create: two anonymous twins when it can (TTI-15 compares them), plus one named-env job. */
  maxJobs: number;
  namedEnvId: string | undefined;
  laneSizes?: Partial<Record<Lane, number>>;
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
 * comes closest to. Each instance is leased once: a scenario may terminate it. A named-environment job is added when the
 * run has a named environment (TTI-06).
 */
export function createJobPool(options: JobPoolOptions) {
  const sizes: Record<Lane, number> = { ...DEFAULT_LANE_SIZES, ...options.laneSizes };
  const shared = new Map<EnvKind, SharedJob | 'unavailable'>();
  const named = options.namedEnvId !== undefined;
  const twins = Math.max(1, Math.min(2, options.maxJobs - (named ? 1 : 0)));

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

  async function jobFor(env: EnvKind): Promise<SharedJob | undefined> {
    const existing = shared.get(env);
    if (existing === 'unavailable') return undefined;
    if (existing !== undefined) return existing;
    if (env === 'named' && !named) {
      shared.set(env, 'unavailable');
      return undefined;
    }
    const job = await create(env, env === 'named' ? 1 : twins);
    shared.set(env, job);
    return job;
  }

  function take(job: SharedJob, lane: Lane, count: number): number | undefined {
    const first = job.next[lane];
    if (first + count > sizes[lane]) return undefined;
    job.next[lane] = first + count;
    return first;
  }

  return {
    /** Unused instances for a scenario; undefined when the lanes it needs are used up or there are no twins. */
    async lease(request: ProvideRequest): Promise<ProvidedJob[] | undefined> {
      const job = await jobFor(request.env);
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
      const firsts = wanted.map((w) => take(job, w.lane, w.count) ?? 0);
      const group = (jobId: string, k: number): InstanceGroup => {
        const w = wanted[k] as { lane: Lane; count: number };
        return { jobId, taskName: w.lane, first: firsts[k] ?? 0, count: w.count, taskSize: sizes[w.lane] };
      };
      return job.jobIds.slice(0, copies).map((jobId) => ({
        task: group(jobId, 0),
        siblings: wanted.slice(1).map((_, k) => group(jobId, k + 1)),
      }));
    },
  };
}

export type JobPool = ReturnType<typeof createJobPool>;
