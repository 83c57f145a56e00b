/** A run's wall time: what its checks may still spend, and what is left for its end. */
export interface TimeBudget {
  budgetMs: number;
  /** What the checks may still spend: the budget less the time kept back for the end, less the time spent. */
  forChecksMs(): number;
  /** The budget less the time spent: what the end (terminating a live run's jobs) may wait. */
  leftMs(): number;
}

export function createTimeBudget(startedMs: number, budgetMs: number, reserveMs: number): TimeBudget {
  const spent = (): number => performance.now() - startedMs;
  return {
    budgetMs,
    forChecksMs: () => budgetMs - reserveMs - spent(),
    leftMs: () => budgetMs - spent(),
  };
}
