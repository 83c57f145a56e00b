import type { InvariantReport, Summary } from '../../generated/reportTypes.ts';

/** How much a run checked (the report's `summary`); mergeReports recomputes it from the merged invariants. */
export function summarize(invariants: readonly InvariantReport[]): Summary {
  const count = (status: InvariantReport['status']): number => invariants.filter((i) => i.status === status).length;
  return {
    total: invariants.length,
    checked: count('passed') + count('failed'),
    passed: count('passed'),
    failed: count('failed'),
    blocked: count('blocked'),
    skipped: count('skipped'),
    partial: invariants.filter((i) => i.status === 'passed' && (i.notObserved?.length ?? 0) > 0).length,
    observations: invariants.reduce((n, i) => n + (i.observations?.length ?? 0), 0),
  };
}
