import type { CellReport } from '../../generated/reportTypes.ts';
import { describeCell, labelOf, type Cell } from './planCells.ts';

/** What one run of a cell showed: whether it observed anything, which expectations it evaluated, why not. */
export interface CellRun {
  cell: Cell;
  planned: boolean;
  checked: ReadonlyMap<string, number>;
  /** Why the run observed nothing (skipped, blocked, no expectation evaluated); undefined when it observed. */
  notObserved: string | undefined;
}

export interface CellTally {
  /** Every planned cell, before any run: a cell no run reaches is reported with `notRun`. */
  plan(cells: readonly Cell[]): void;
  record(run: CellRun): void;
  /** Planned cells no run reached, with why (the time budget, a block, a stop at the first failure). */
  notRun(reason: string): void;
  report(): CellReport[];
}

/** Counts runs by cell, planned (coverage phase) or met by a random run, in the order first planned or met. */
export function createCellTally(): CellTally {
  const cells = new Map<string, CellReport>();
  const entry = (cell: Cell, planned: boolean): CellReport => {
    const key = describeCell(cell);
    let found = cells.get(key);
    if (found === undefined) {
      const values = Object.fromEntries(Object.entries(cell).map(([name, value]) => [name, labelOf(value)]));
      found = { values, planned, runs: 0, observed: 0, expectations: {} };
      cells.set(key, found);
    }
    found.planned ||= planned;
    return found;
  };
  const addReason = (report: CellReport, reason: string): void => {
    const reasons = (report.notObserved ??= []);
    if (!reasons.includes(reason)) reasons.push(reason);
  };
  return {
    plan(planned) {
      for (const cell of planned) entry(cell, true);
    },
    record({ cell, planned, checked, notObserved }) {
      const report = entry(cell, planned);
      report.runs++;
      if (notObserved === undefined) report.observed++;
      else addReason(report, notObserved);
      for (const [id, n] of checked) report.expectations[id] = (report.expectations[id] ?? 0) + n;
    },
    notRun(reason) {
      for (const report of cells.values()) if (report.planned && report.runs === 0) addReason(report, `not run: ${reason}`);
    },
    report: () => [...cells.values()],
  };
}
