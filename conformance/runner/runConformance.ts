import type { InvariantReport, Report } from '../../generated/reportTypes.ts';
import { createApiClient } from '../client/createApiClient.ts';
import { assembleReport } from './assembleReport.ts';
import { checkInvariants } from './checkInvariants.ts';
import { checkLeased, type CheckInvariant } from './checkLeased.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import { createHarnessLeaser } from './createHarnessLeaser.ts';
import { createTimeBudget } from './createTimeBudget.ts';
import { openLiveSession } from './openLiveSession.ts';
import { prepareRun } from './prepareRun.ts';
import { DEFAULT_TIME_BUDGET_MS } from './runnerProfiles.ts';
import { runSmokePass } from './runSmokePass.ts';
import { selectInvariants } from './selectInvariants.ts';

/**
 * Runs the selected invariants against one target and returns the report as data. Throws TbcError only for setup
 * problems (unreachable target, a profile the target cannot support).
 */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const startedMs = performance.now();
  const run = await prepareRun(options);
  const { profile } = run.resolved;
  const selected = selectInvariants(options);
  const session = openLiveSession(run, options, selected);
  const leaser = createHarnessLeaser(run, options, session);
  const check: CheckInvariant = (invariant, limits) => checkLeased(invariant, leaser, options, run.shard, limits);

  options.onProgress?.({ kind: 'start', invariants: selected.map((i) => i.id), profile, concurrency: run.concurrency });
  if (session?.plan !== undefined) options.onProgress?.({ kind: 'plan', plan: session.plan });
  const budgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS[profile];
  // A live-stateful run keeps some of its budget back for its end: terminating its jobs and waiting for them.
  const time = createTimeBudget(startedMs, budgetMs, session?.reserveMs(budgetMs) ?? 0);

  const smoke = await runSmokePass(selected, run, options, time, check);
  let reports: InvariantReport[];
  try {
    reports = await checkInvariants(run, options, { selected, session, smoke, time, check });
  } finally {
    // However the run ends, a bug of the kit included, the jobs it created are terminated (the ledger records each),
    // by a client of their own: the run's one may have stopped sending (the target stopped answering), and these
    // calls are worth their deadlines even then.
    if (session !== undefined) {
      const cleaner = createApiClient({
        ...run.common,
        breaker: undefined,
        credentials: options.credentials,
        pacing: run.pacing,
      });
      await session.finish(cleaner, time.leftMs());
    }
  }
  return assembleReport(run, options, { reports, harnesses: leaser.leased(), session, startedMs });
}
