import { summarize } from './summarize.ts';
import type {
  CellCoverage,
  CellReport,
  CoverageReport,
  InvariantReport,
  Report,
  Resources,
} from '../../generated/reportTypes.ts';
import { mergeConsistency } from '../../property-tests/createPatience.ts';
import { TbcError } from '../TbcError.ts';

/**
 * Merges the reports of the shards of one campaign (`tbc report merge`). They must name the same tool, target,
 * profile and doc revision. An invariant failed if it failed in any shard (the first failure is kept, with its
 * replay), passed if it passed in one and failed in none, blocked if it was blocked in one and passed or failed in
 * none, and skipped otherwise.
 */
export function mergeReports(reports: readonly Report[]): Report {
  const [first] = reports;
  if (first === undefined) throw new TbcError('report merge: give at least one report');
  for (const r of reports) {
    for (const key of ['tool', 'target', 'profile', 'docRevision'] as const) {
      if (r[key] !== first[key])
        throw new TbcError(`report merge: reports differ in ${key} (${first[key]} vs ${r[key]})`);
    }
  }
  const ids = [...new Set(reports.flatMap((r) => r.invariants.map((i) => i.id)))];
  const invariants = ids.map((id) => mergeInvariant(reports.flatMap((r) => r.invariants.filter((i) => i.id === id))));
  const stopped = reports.find((r) => r.stopped !== undefined)?.stopped;
  return {
    ...first,
    ok: invariants.every((i) => i.status !== 'failed') && stopped === undefined,
    ...(stopped === undefined ? {} : { stopped }),
    durationMs: reports.reduce((sum, r) => sum + r.durationMs, 0),
    shards: reports.flatMap((r) => r.shards),
    summary: summarize(invariants),
    invariants,
    coverage: mergeCoverage(reports.map((r) => r.coverage)),
    // Whatever any shard left behind is left behind; what the shards created and used adds up.
    ...(reports.some((r) => r.leftovers !== undefined) ? { leftovers: reports.flatMap((r) => r.leftovers ?? []) } : {}),
    ...withDefined('consistency', mergeConsistency(reports.map((r) => r.consistency))),
    ...withDefined(
      'resources',
      mergeResources(reports.flatMap((r) => (r.resources === undefined ? [] : [r.resources]))),
    ),
  };
}

function withDefined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function mergeResources(parts: Resources[]): Resources | undefined {
  const [first] = parts;
  if (first === undefined) return undefined;
  const sum = (key: 'plannedInstances' | 'jobsCreated' | 'instancesCreated' | 'instanceSeconds'): number =>
    parts.reduce((s, p) => s + p[key], 0);
  return {
    ...first,
    plannedInstances: sum('plannedInstances'),
    jobsCreated: sum('jobsCreated'),
    instancesCreated: sum('instancesCreated'),
    instanceSeconds: sum('instanceSeconds'),
    fewerRuns: parts.flatMap((p) => p.fewerRuns),
  };
}

function mergeInvariant(parts: InvariantReport[]): InvariantReport {
  const failed = parts.find((p) => p.status === 'failed');
  const passed = parts.filter((p) => p.status === 'passed');
  const blocked = parts.find((p) => p.status === 'blocked');
  const base = failed ?? passed[0] ?? blocked ?? parts[0];
  if (base === undefined) throw new Error('mergeInvariant needs at least one part');
  const sum = (key: 'runs' | 'requests'): number => parts.reduce((s, p) => s + (p[key] ?? 0), 0);
  const notObserved = [...new Set(parts.flatMap((p) => p.notObserved ?? []))];
  const observations = parts.flatMap((p) => p.observations ?? []);
  const cells = parts.flatMap((p) => (p.cells === undefined ? [] : [p.cells]));
  return {
    ...base,
    runs: sum('runs'),
    requests: sum('requests'),
    durationMs: parts.reduce((s, p) => s + p.durationMs, 0),
    ...(notObserved.length > 0 ? { notObserved } : {}),
    ...(observations.length > 0 ? { observations } : {}),
    ...(cells.length > 0 ? { cells: mergeCells(cells) } : {}),
  };
}

/** Each shard covered its share of the planned cells: the union, counts summed cell by cell. */
function mergeCells(parts: readonly CellCoverage[]): CellCoverage {
  const cells = new Map<string, CellReport>();
  for (const part of parts) {
    for (const cell of part.cells) {
      const key = JSON.stringify(cell.values);
      const into = cells.get(key);
      if (into === undefined) {
        cells.set(key, structuredClone(cell));
        continue;
      }
      into.planned ||= cell.planned;
      into.runs += cell.runs;
      into.observed += cell.observed;
      for (const [id, n] of Object.entries(cell.expectations)) into.expectations[id] = (into.expectations[id] ?? 0) + n;
      const reasons = [...(into.notObserved ?? []), ...(cell.notObserved ?? [])];
      if (reasons.length > 0) into.notObserved = [...new Set(reasons)];
    }
  }
  return {
    groups: parts[0]?.groups ?? [],
    coverageRuns: parts.reduce((s, p) => s + p.coverageRuns, 0),
    randomRuns: parts.reduce((s, p) => s + p.randomRuns, 0),
    cells: [...cells.values()],
  };
}

function mergeCoverage(parts: CoverageReport[]): CoverageReport {
  const add = (into: Record<string, number>, from: Record<string, number>): void => {
    for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  };
  const errorCodes: Record<string, number> = {};
  const terminations = new Map<string, Record<string, number>>();
  for (const p of parts) {
    add(errorCodes, p.errorCodes);
    for (const t of p.terminations) {
      const outcomes = terminations.get(t.situation) ?? {};
      add(outcomes, t.outcomes);
      terminations.set(t.situation, outcomes);
    }
  }
  const notExercised = parts.map((p) => new Set(p.terminateCodesNotExercised));
  return {
    requests: parts.reduce((s, p) => s + p.requests, 0),
    terminations: [...terminations.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([situation, outcomes]) => ({ situation, outcomes })),
    errorCodes,
    terminateCodesNotExercised: [...(notExercised[0] ?? [])].filter((c) => notExercised.every((s) => s.has(c))),
  };
}
