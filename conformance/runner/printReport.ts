import type { Report } from '../../generated/reportTypes.ts';
import Table from 'cli-table3';

const MARK = { passed: 'pass', failed: 'FAIL', skipped: 'skip' } as const;

/** The console form of a report: a table of invariants, the coverage summary and, per failure, how to replay it. */
export function printReport(report: Report, replayFiles: ReadonlyMap<string, string>): string {
  const table = new Table({
    head: ['invariant', 'result', 'runs', 'requests', 'time', 'detail'],
    colWidths: [11, 8, 6, 10, 8, 80],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const inv of report.invariants) {
    const detail = [
      inv.status === 'passed' ? inv.title : (inv.reason ?? ''),
      inv.notObserved === undefined ? '' : `not observable here: ${inv.notObserved.join('; ')}`,
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
      detail,
    ]);
  }
  const count = (s: string) => report.invariants.filter((i) => i.status === s).length;
  const lines = [
    `tbc conformance ${report.target} — profile ${report.profile}, doc revision ${report.docRevision}, seed ${report.seed}, shard ${report.shards.join(',')}`,
    table.toString(),
    `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped in ${(report.durationMs / 1000).toFixed(1)} s, ${report.coverage.requests} requests`,
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
    `TerminateTaskInstance codes not exercised (${report.coverage.terminateCodesNotExercised.length}): ${report.coverage.terminateCodesNotExercised.join(', ') || '(none)'}`,
  ];
  for (const inv of report.invariants.filter((i) => i.status === 'failed')) {
    lines.push(
      '',
      `${inv.id} FAILED: ${inv.reason ?? ''}`,
      `  sentence: ${inv.source}`,
      `  counterexample: ${inv.counterexample?.text ?? ''}${inv.counterexample?.reproduced === false ? ' (did not reproduce on replay)' : ''}`,
      `  replay: tbc conformance --target ${report.target} --replay ${replayFiles.get(inv.id) ?? '<report.json>'} --id ${inv.id}`,
    );
  }
  return lines.join('\n');
}
