import { differsFrom } from './toInvariantReport.ts';
import Table from 'cli-table3';
import type { InvariantReport, Report } from '../../generated/reportTypes.ts';
import { summarize } from './summarize.ts';
import { describeCells } from './describeCells.ts';
import { runCostLines } from './describeResources.ts';

const MARK: Record<InvariantReport['status'], string> = {
  passed: 'pass',
  failed: 'FAIL',
  skipped: 'skip',
  blocked: 'BLOCKED',
};

function provenanceLine(p: NonNullable<InvariantReport['provenance']>): string {
  switch (p.kind) {
    case 'seed':
      return `seed: "${p.quote ?? ''}"`;
    case 'reference':
      return `${p.cite ?? 'reference'}${p.quote === undefined ? '' : `: "${p.quote}"`}`;
    case 'decision':
      return `decision ${p.decision ?? ''} (spec/decisions.yaml) — a kit decision; this target is held to it`;
  }
}

/**
 * The console form of a report: a table of invariants, how much was checked, the coverage summary, where the target
 * differs from the kit's decisions, and per failure its expectation, provenance and how to replay it.
 */
export function printReport(report: Report, replayFiles: ReadonlyMap<string, string>): string {
  const table = new Table({
    head: ['invariant', 'result', 'runs', 'requests', 'time', 'detail'],
    colWidths: [11, 9, 6, 10, 8, 80],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const inv of report.invariants) {
    const detail = [
      inv.status === 'passed' ? inv.title : (inv.reason ?? ''),
      inv.status === 'blocked' && inv.owner !== undefined ? `root cause owned by ${inv.owner}` : '',
      inv.notObserved === undefined ? '' : `not observable here: ${inv.notObserved.join('; ')}`,
      inv.observations === undefined ? '' : `differs from tbc's assumptions: ${inv.observations.length} (see below)`,
      inv.mockLimitation === undefined ? '' : `a stateless mock cannot satisfy this: ${inv.mockLimitation}`,
    ]
      .filter((s) => s !== '')
      .join('\n');
    table.push([
      inv.id,
      MARK[inv.status],
      String(inv.runs ?? '-'),
      String(inv.requests ?? '-'),
      `${(inv.durationMs / 1000).toFixed(1)}s`,
      shortened(detail),
    ]);
  }
  const s = report.summary ?? summarize(report.invariants);
  const mode =
    report.strict === false
      ? "tbc's decisions as observations (--strict makes them failures)"
      : report.profile === 'emulated'
        ? "tbc's decisions held as failures (a tbc emulator implements them all)"
        : "tbc's decisions held as failures (--strict)";
  const lines = [
    `tbc conformance ${report.target} — profile ${report.profile}, doc revision ${report.docRevision}, seed ${report.seed}, shard ${report.shards.join(',')}, ${mode}`,
    table.toString(),
    `Checked ${s.checked} of ${s.total} invariants (${s.passed} passed, ${s.failed} failed); ${s.skipped} skipped, ${s.blocked} blocked; ${s.partial} passed with facts this target could not show; ${s.observations} differences from tbc's assumptions — ${(report.durationMs / 1000).toFixed(1)} s, ${report.coverage.requests} requests`,
    ...runCostLines(report),
    '',
    'Coverage by cell — each invariant ran every planned cell of its dimensions before exploring at random:',
    ...report.invariants.flatMap((inv) =>
      inv.cells === undefined ? [] : [`  ${inv.id.padEnd(10)} ${describeCells(inv.cells)}`],
    ),
    '',
    'Coverage — TerminateTaskInstance by the instance situation when called (env/state) and outcome:',
    ...report.coverage.terminations.map(
      (t) =>
        `  ${t.situation.padEnd(32)} ${Object.entries(t.outcomes)
          .map(([o, n]) => `${o} ×${n}`)
          .join(', ')}`,
    ),
    `Error codes answered: ${
      Object.entries(report.coverage.errorCodes)
        .map(([c, n]) => `${c} ×${n}`)
        .join(', ') || '(none)'
    }`,
    `TerminateTaskInstance codes no call was answered with (${report.coverage.terminateCodesNotExercised.length}; coverage information, not a finding: most are common codes no correct call provokes): ${report.coverage.terminateCodesNotExercised.join(', ') || '(none)'}`,
  ];
  const observed = report.invariants.flatMap((i) => (i.observations ?? []).map((o) => ({ id: i.id, o })));
  if (observed.length > 0) {
    lines.push(
      '',
      "Where this target differs from tbc's assumptions (observations, not failures; --strict makes them failures):",
    );
    for (const { id, o } of observed) {
      // Under the heading, the message's own "this target differs from tbc's assumption D-xx" would say it twice.
      const detail = o.message.startsWith(differsFrom(o.decision))
        ? o.message.slice(differsFrom(o.decision).length)
        : o.message;
      lines.push(`  ${id} ${o.decision}: ${detail}${o.count > 1 ? ` (×${o.count})` : ''}`);
    }
  }
  for (const inv of report.invariants.filter((i) => i.status === 'blocked')) {
    lines.push(
      '',
      `${inv.id} BLOCKED: ${inv.reason ?? ''}${inv.owner === undefined ? '' : ` — the root cause is ${inv.owner}'s to report`}`,
    );
  }
  for (const inv of report.invariants.filter((i) => i.status === 'failed')) {
    lines.push(
      '',
      `${inv.id} FAILED: ${inv.reason ?? ''}`,
      ...(inv.provenance === undefined
        ? [`  sentence: ${inv.source}`]
        : [
            `  expectation: ${inv.provenance.expectation} — ${inv.provenance.statement}`,
            `  provenance: ${provenanceLine(inv.provenance)}`,
          ]),
      `  counterexample: ${inv.counterexample?.text ?? ''}${inv.counterexample?.reproduced === false ? ' (did not reproduce on replay)' : ''}`,
      ...whatHappened(inv.counterexample?.notes ?? []),
      `  replay: tbc conformance --target ${report.target} --replay ${replayFiles.get(inv.id) ?? '<report.json>'} --id ${inv.id}`,
    );
  }
  return lines.join('\n');
}

/** Lines of a failure's notes shown on the console (the JSON report has them all). */
const SHOWN_NOTES = 25;

/** The notes of a failure's replay (what was reached, each model command and its answer), indented, capped. */
function whatHappened(notes: readonly string[]): string[] {
  if (notes.length === 0) return [];
  const shown = notes.slice(0, SHOWN_NOTES).map((n) => `    ${n}`);
  const more = notes.length - SHOWN_NOTES;
  return [
    '  what happened:',
    ...shown,
    ...(more > 0 ? [`    … and ${more} more (JSON report: counterexample.notes)`] : []),
  ];
}

/**
 * The run's last line: PASS, FAIL or INCOMPLETE, the counts, the exit code and the files written, e.g.
 * `PASS — 19 of 19 invariants checked, all passed (exit 0); wrote r.json, r.xml`.
 */
export function verdictLine(
  report: Report,
  outcome: { exitCode: number; written: readonly string[]; replayDir?: string | undefined },
): string {
  const s = report.summary ?? summarize(report.invariants);
  const notChecked = s.skipped + s.blocked;
  const rest = notChecked === 0 ? '' : `; ${notChecked} not checked (${s.skipped} skipped, ${s.blocked} blocked)`;
  const verdict =
    report.stopped !== undefined && s.checked > 0
      ? `FAIL — the target stopped answering after ${s.checked} of ${s.total} invariants were checked (${s.failed} failed)${rest}`
      : s.failed > 0
        ? `FAIL — ${s.failed} of ${s.total} invariants failed, ${s.passed} passed${rest}`
        : s.checked === 0
          ? `INCOMPLETE — nothing could be checked: ${s.skipped} skipped, ${s.blocked} blocked`
          : notChecked > 0
            ? `INCOMPLETE — ${s.checked} of ${s.total} invariants checked, all passed${rest}`
            : `PASS — ${s.checked} of ${s.total} invariants checked, all passed`;
  const files = [
    ...(outcome.written.length === 0 ? [] : [`wrote ${outcome.written.join(', ')}`]),
    ...(outcome.replayDir === undefined ? [] : [`replay files in ${outcome.replayDir}/`]),
  ];
  return `${verdict} (exit ${outcome.exitCode})${files.length === 0 ? '' : `; ${files.join('; ')}`}`;
}

/**
 * The loud line for a run that checked less than everything it selected: a skipped or blocked invariant is not a
 * pass, and a run that skipped most of its checks must say so as loudly as a failure. Undefined for a full verdict.
 */
export function incompleteVerdict(report: Report): string | undefined {
  const s = report.summary ?? summarize(report.invariants);
  if (s.checked === s.total) return undefined;
  if (s.checked === 0) {
    return `NOTHING COULD BE CHECKED: none of the ${s.total} invariants was checked (${s.skipped} skipped, ${s.blocked} blocked, reasons above); exit code 2`;
  }
  const most = s.checked * 2 < s.total ? 'MOST INVARIANTS WERE NOT CHECKED: ' : '';
  const exit = report.ok
    ? 'exit code 0 says nothing about the rest'
    : 'the failures above stand, and nothing is known about the rest';
  return `${most}only ${s.checked} of ${s.total} invariants were checked (${s.skipped} skipped, ${s.blocked} blocked, reasons above); ${exit}`;
}

/** The most of a detail the console table shows; the JSON report keeps the whole text. */
const MAX_DETAIL_CHARS = 1_200;

/**
 * A detail cut to MAX_DETAIL_CHARS. Why: the table wraps words in time that grows with the square of a cell's length
 * (a cell of a few hundred kilobytes took minutes), and a reason may quote whatever a target sent.
 */
function shortened(detail: string): string {
  if (detail.length <= MAX_DETAIL_CHARS) return detail;
  return `${detail.slice(0, MAX_DETAIL_CHARS)}… (${detail.length - MAX_DETAIL_CHARS} more characters in the JSON report)`;
}
