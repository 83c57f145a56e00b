import type { CellCoverage } from '../../generated/reportTypes.ts';
import { pairwise, product } from './pairwise.ts';

/** A value of a finite dimension: a string or number, or an object that names itself (a wire form, a fault). */
export type CellValue = string | number | { readonly label: string };

/** A cell: one value for each dimension of a group, by dimension name. */
export type Cell = Readonly<Record<string, CellValue>>;

/** One group of finite dimensions: every value of each, by dimension name. Its cells are (a covering set of) the product. */
export type DimensionGroup<C extends Cell> = { readonly [K in keyof C]: readonly C[K][] };

/**
 * Up to this many combinations a group runs its whole product; past it, every pair of values of every two dimensions
 * (pairwise). Why 32: the largest two-dimension products of the catalogue (8 instance states × 4 wire forms) stay
 * whole, and beyond two dimensions the products grow fast while pairwise covers what most interaction faults need.
 */
export const PRODUCT_LIMIT = 32;

export interface CellPlan<C extends Cell> {
  /** The cells the coverage phase runs, in order: each group's, group after group. */
  cells: C[];
  /** How each group was covered, with its values' labels (the report's `groups`). */
  groups: CellCoverage['groups'];
}

export function labelOf(value: CellValue): string {
  return typeof value === 'object' ? value.label : String(value);
}

/** `form=TC3 GET, state=SUCCEED`: how a cell is named in reports and counted. */
export function describeCell(cell: Cell): string {
  return Object.entries(cell)
    .map(([name, value]) => `${name}=${labelOf(value)}`)
    .join(', ');
}

/**
 * The cells in the order that shows every value of every dimension soonest, then every pair of values: each next cell
 * is the one with the most values not seen yet, then the most pairs not seen yet (the first such on a tie). A run
 * allowed fewer runs than cells (a live one) then still tries each wire form, each fault, each state before any twice.
 */
export function earliestCoverageFirst<C extends Cell>(cells: readonly C[]): C[] {
  const seen = new Set<string>();
  const partsOf = (cell: C): { singles: string[]; pairs: string[] } => {
    const singles = Object.entries(cell).map(([name, value]) => `${name}=${labelOf(value)}`);
    return { singles, pairs: singles.flatMap((a, i) => singles.slice(i + 1).map((b) => `${a}&${b}`)) };
  };
  const score = (cell: C): number => {
    const { singles, pairs } = partsOf(cell);
    // Singles dominate pairs: a cell has fewer than 1000 pairs.
    return 1000 * singles.filter((s) => !seen.has(s)).length + pairs.filter((p) => !seen.has(p)).length;
  };
  const left = [...cells];
  const ordered: C[] = [];
  while (left.length > 0) {
    let best = 0;
    left.forEach((cell, i) => {
      if (score(cell) > score(left[best] as C)) best = i;
    });
    const [cell] = left.splice(best, 1) as [C];
    const { singles, pairs } = partsOf(cell);
    for (const part of [...singles, ...pairs]) seen.add(part);
    ordered.push(cell);
  }
  return ordered;
}

/** Groups taken in turns, a cell of each: every kind of case comes up early. */
function inTurns<C>(groups: readonly (readonly C[])[]): C[] {
  const longest = Math.max(0, ...groups.map((g) => g.length));
  return Array.from({ length: longest }, (_, i) => groups.flatMap((g) => (i < g.length ? [g[i] as C] : []))).flat();
}

/**
 * The cells of the coverage phase, deterministic (the same for every seed), in the order a run cut short covers most:
 * the groups in turns, each group's cells earliest-coverage first.
 */
export function planCells<C extends Cell>(groups: readonly DimensionGroup<C>[]): CellPlan<C> {
  const cells: C[][] = [];
  const described: CellCoverage['groups'] = [];
  for (const group of groups) {
    const names = Object.keys(group) as (keyof C & string)[];
    const values = names.map((name) => group[name]);
    if (values.some((v) => v.length === 0)) throw new Error(`planCells: dimension without values in ${names.join(', ')}`);
    const sizes = values.map((v) => v.length);
    // Two dimensions or fewer: every pair is every combination, so the product it is.
    const whole = sizes.length <= 2 || sizes.reduce((a, b) => a * b, 1) <= PRODUCT_LIMIT;
    const rows = whole ? product(sizes) : pairwise(sizes);
    cells.push(
      earliestCoverageFirst(
        rows.map((row) => Object.fromEntries(names.map((name, d) => [name, values[d]?.[row[d] as number]])) as unknown as C),
      ),
    );
    described.push({
      design: whole ? 'product' : 'pairwise',
      dimensions: Object.fromEntries(names.map((name, d) => [name, (values[d] ?? []).map(labelOf)])),
    });
  }
  return { cells: inTurns(cells), groups: described };
}
