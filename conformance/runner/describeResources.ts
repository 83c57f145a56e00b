import type { ConsistencyReport, Leftover, Report, Resources } from '../../generated/reportTypes.ts';
import type { SharedJobsPlan } from '../../property-tests/planSharedJobs.ts';
import { NAMED_ENV_WORKLOAD_SECONDS } from '../../property-tests/Workload.ts';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The plan's invariants that make fewer runs than asked, as one line each kind. */
function fewerRuns(plan: Pick<SharedJobsPlan, 'runs' | 'asked' | 'leftOut'>): string[] {
  const capped = [...plan.runs].filter(([id, r]) => r > 0 && r < (plan.asked.get(id) ?? 0));
  const lines: string[] = [];
  if (capped.length > 0) {
    lines.push(
      `  fewer runs to stay within the budget: ${capped.map(([id, r]) => `${id} ${r} of ${plan.asked.get(id) ?? r}`).join(', ')}`,
    );
  }
  for (const why of ['instances', 'jobs'] as const) {
    const out = plan.leftOut.filter((l) => l.why === why).map((l) => l.id);
    if (out.length > 0) {
      lines.push(
        `  no run at all (${why === 'instances' ? 'the machine budget, --max-instances' : 'the job budget, --max-jobs'}): ${out.join(', ')}`,
      );
    }
  }
  return lines;
}

/**
 * What a live-stateful run will create, printed before its first SubmitJob: each shared job (its tasks, instances and
 * workloads), the single-instance jobs left for invariants that submit their own, the longest workload, and which
 * invariants make fewer runs than asked.
 */
export function describePlan(plan: SharedJobsPlan): string[] {
  const jobs = plan.jobs.length + plan.singleJobs;
  const lines = [
    `this run may create ${jobs} job${jobs === 1 ? '' : 's'} and at most ${plan.instances} instances (each a CVM; --max-instances ${plan.maxInstances}):`,
  ];
  plan.jobs.forEach((job, k) => {
    const tasks = job.tasks.map((t) => `${t.name} ${t.count}×"${t.command}"`).join(', ');
    const end =
      job.env === 'named'
        ? `ends by itself within about ${NAMED_ENV_WORKLOAD_SECONDS} s of job time (a named environment's job cannot be terminated)`
        : 'terminated at the end of the run';
    lines.push(
      `  job ${k + 1}, ${job.env === 'named' ? 'named environment' : 'anonymous environment'}${job.twin ? `, twin of job ${k}` : ''}: ${tasks} — ${end}`,
    );
  });
  if (plan.singleJobs > 0) {
    lines.push(
      `  up to ${plan.singleJobs} job${plan.singleJobs === 1 ? '' : 's'} of 1 instance for the SubmitJob calls TTI-10 and TTI-11 judge (terminated at the end)`,
    );
  }
  const longest = plan.jobs
    .flatMap((j) => j.tasks.map((t) => t.command))
    .map((command) => ({ command, seconds: Number(/^sleep (\d+)$/.exec(command)?.[1] ?? 0) }))
    .sort((a, b) => b.seconds - a.seconds)[0];
  if (longest !== undefined && longest.seconds > 0) {
    lines.push(`  the longest workload: "${longest.command}" (${longest.seconds} s), ended by the run's termination`);
  }
  return [...lines, ...fewerRuns(plan)];
}

/** What a live-stateful run created and used, for the report's console form. */
export function describeResources(resources: Resources): string[] {
  const lines = [
    `Machine budget: ${resources.jobsCreated} job${resources.jobsCreated === 1 ? '' : 's'} and ${resources.instancesCreated} instances created (planned ${resources.plannedInstances}, --max-instances ${resources.maxInstances}); ${resources.instanceSeconds} instance-seconds`,
  ];
  const capped = resources.fewerRuns.filter((f) => f.runs > 0);
  if (capped.length > 0) {
    lines.push(`  fewer runs than asked: ${capped.map((f) => `${f.id} ${f.runs} of ${f.asked}`).join(', ')}`);
  }
  const none = resources.fewerRuns.filter((f) => f.runs === 0);
  if (none.length > 0) lines.push(`  no run at all: ${none.map((f) => `${f.id} (--max-${f.why})`).join(', ')}`);
  return lines;
}

/** What an eventually consistent target needed of the run's patience: observations, one line each. */
function describeConsistency(c: ConsistencyReport): string[] {
  const grace = `--consistency-grace ${seconds(c.graceMs)}`;
  const lines: string[] = [];
  if (c.newJobs.waitedFor > 0) {
    lines.push(
      `this target found its new jobs only after up to ${seconds(c.newJobs.longestMs)} (${c.newJobs.waitedFor} job${c.newJobs.waitedFor === 1 ? '' : 's'} waited for; ${grace})`,
    );
  }
  if (c.newJobs.neverFound > 0) {
    lines.push(`${c.newJobs.neverFound} new job(s) of the run were still not found after ${grace}`);
  }
  if (c.terminations.reread > 0) {
    lines.push(
      `DescribeTask showed instances as they were before a termination the run had just made, for up to ${seconds(c.terminations.longestMs)} (${c.terminations.reread} read${c.terminations.reread === 1 ? '' : 's'} made again; ${grace})`,
    );
  }
  if (c.terminations.unsettled > 0) {
    lines.push(`${c.terminations.unsettled} read(s) still contradicted a termination the run made after ${grace}`);
  }
  return lines;
}

/** The console lines of a report's run cost and patience (live runs); none for a run without them. */
export function runCostLines(report: Report): string[] {
  const consistency = report.consistency === undefined ? [] : describeConsistency(report.consistency);
  return [
    ...(report.resources === undefined ? [] : describeResources(report.resources)),
    ...(consistency.length === 0
      ? []
      : [
          'Where this target is eventually consistent (observations, not failures):',
          ...consistency.map((l) => `  ${l}`),
        ]),
  ];
}

/**
 * A job left behind, loudly: what it is, why it could not be ended, its ledger entry and what to do. `ledgerEntry` is
 * the line the ledger holds for it (createJobLedger's `createdEntry`), when there is a ledger.
 */
export function describeLeftover(leftover: Leftover, ledger: { path: string; entry: unknown } | undefined): string[] {
  return [
    `LEFT BEHIND: ${leftover.jobId} (${leftover.env === 'named' ? 'named environment' : 'anonymous environment'}, ${leftover.instances} instances, ${leftover.jobState} when the run ended): ${leftover.reason}`,
    ...(ledger === undefined
      ? []
      : [
          `  ledger entry (${ledger.path}): ${JSON.stringify(ledger.entry ?? null)}`,
          `  once it has ended, or to try again: tbc cleanup --ledger ${ledger.path} (it terminates exactly the jobs the ledger lists, and says which it could not and why)`,
        ]),
  ];
}
