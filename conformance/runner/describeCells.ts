import type { CellCoverage, CellReport } from '../../generated/reportTypes.ts';

/** `form=TC3 GET, state=SUCCEED`. */
export function cellName(cell: CellReport): string {
  return Object.entries(cell.values)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}

/**
 * `form 4 × state 2 (product)`, group after group; past two groups only how many and over which dimensions (the JSON
 * report has them all).
 */
export function describeDimensions(coverage: CellCoverage): string {
  if (coverage.groups.length > 2) {
    const names = [...new Set(coverage.groups.flatMap((g) => Object.keys(g.dimensions)))];
    const designs = [...new Set(coverage.groups.map((g) => g.design))].join(' and ');
    return `${coverage.groups.length} groups over ${names.join(', ')} (${designs})`;
  }
  return coverage.groups
    .map(
      (g) =>
        `${Object.entries(g.dimensions)
          .map(([name, values]) => `${name} ${values.length}`)
          .join(' × ')} (${g.design})`,
    )
    .join(' + ');
}

/** The planned cells that no run observed, each with why. */
export function unobservedCells(coverage: CellCoverage): CellReport[] {
  return coverage.cells.filter((c) => c.planned && c.observed === 0);
}

/**
 * One compact line of what an invariant covered: `8 of 8 cells observed — form 4 × state 2 (product); 25 runs: 8
 * cover, 17 explore`, then the planned cells nothing observed, with the first reason of each.
 */
export function describeCells(coverage: CellCoverage): string {
  const planned = coverage.cells.filter((c) => c.planned);
  const missing = unobservedCells(coverage);
  const extra = coverage.cells.length - planned.length;
  const runs = `${coverage.coverageRuns + coverage.randomRuns} runs: ${coverage.coverageRuns} cover, ${coverage.randomRuns} explore`;
  const more = extra > 0 ? `, ${extra} more cells met by exploring` : '';
  const line = `${planned.length - missing.length} of ${planned.length} cells observed — ${describeDimensions(coverage)}; ${runs}${more}`;
  if (missing.length === 0) return line;
  const shown = missing.slice(0, 3).map((c) => `${cellName(c)} (${c.notObserved?.[0] ?? 'no reason recorded'})`);
  return `${line}; not observed: ${shown.join('; ')}${missing.length > 3 ? `; and ${missing.length - 3} more (JSON report)` : ''}`;
}
