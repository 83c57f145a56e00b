import Table from 'cli-table3';
import { CLIENT_CHECK_IDS, type ClientCheckReport, type Finding } from './ClientCheckReport.ts';

const MARK = { passed: 'pass', failed: 'FAIL', skipped: 'skip' } as const;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const MAX_DISTINCT = 3;
/** Column headings: the check id without its family prefix (`request.body` → `body`). */
const HEADINGS = CLIENT_CHECK_IDS.map((id) => id.slice(id.indexOf('.') + 1));

/**
 * The console form of a report: one row per scenario and one column per check, then what the client did in each
 * scenario, then per failed check each distinct message once with its evidence (the offending request and response,
 * secrets already redacted). The JSON report has every finding.
 */
export function printClientCheckReport(report: ClientCheckReport): string {
  const table = new Table({
    head: ['scenario', 'calls', 'requests', ...HEADINGS],
    style: { head: [], border: [] },
  });
  for (const scenario of report.scenarios) {
    table.push([
      scenario.id,
      String(scenario.calls),
      String(scenario.requests),
      ...CLIENT_CHECK_IDS.map((id) => {
        const status = scenario.results.find((r) => r.check === id)?.status;
        return status === undefined ? '-' : MARK[status];
      }),
    ]);
  }
  const results = report.scenarios.flatMap((s) => s.results);
  const count = (status: string) => results.filter((r) => r.status === status).length;
  const lines = [
    `tbc client-check ${report.adapter} — doc revision ${report.docRevision}, seed ${report.seed}, timeoutMs ${report.timeoutMs}`,
    table.toString(),
    `${count('passed')} checks passed, ${count('failed')} failed, ${count('skipped')} skipped in ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    'What the client did:',
    ...report.scenarios.map((s) => `  ${s.id.padEnd(30)} ${s.observed.join('; ')}`),
  ];
  for (const check of CLIENT_CHECK_IDS) {
    const failed = report.scenarios.flatMap((scenario) =>
      scenario.results.filter((r) => r.check === check && r.status === 'failed').map((r) => ({ scenario, result: r })),
    );
    if (failed.length === 0) continue;
    const total = failed.reduce((sum, f) => sum + f.result.findingCount, 0);
    lines.push(
      '',
      `FAIL ${check} in ${failed.length} scenario${failed.length === 1 ? '' : 's'} (${failed.map((f) => f.scenario.id).join(', ')}), ${total} finding${total === 1 ? '' : 's'}`,
    );
    // The same fault usually repeats in every scenario: show each distinct sentence once, with its first evidence.
    const distinct = new Map<string, { scenario: string; finding: Finding }>();
    for (const { scenario, result } of failed) {
      for (const finding of result.findings) {
        const shape = finding.message.replace(UUID, '<RequestId>').replace(/"\d+"/g, '"<n>"');
        if (!distinct.has(shape)) distinct.set(shape, { scenario: scenario.id, finding });
      }
    }
    const shown = [...distinct.values()].slice(0, MAX_DISTINCT);
    for (const { scenario, finding } of shown) lines.push(...formatFinding(scenario, finding));
    if (distinct.size > shown.length)
      lines.push(`  ... ${distinct.size - shown.length} more distinct messages in the JSON report`);
  }
  return lines.join('\n');
}

function formatFinding(scenario: string, finding: Finding): string[] {
  const { exchange, params, call } = finding.evidence;
  const lines = [`  - ${finding.message}`, `    ${scenario}, call ${call}: ${JSON.stringify(params)}`];
  if (exchange !== undefined) {
    const headers = Object.entries(exchange.request.headers)
      .filter(([name]) => name.startsWith('x-tc-') || name === 'authorization' || name === 'content-type')
      .map(([name, value]) => `${name}: ${value}`)
      .join(' | ');
    lines.push(`    request: ${exchange.request.method} ${exchange.request.url} ${headers}`);
    lines.push(`    body: ${truncate(exchange.request.body)}`);
    if (exchange.response !== undefined) {
      lines.push(`    response: HTTP ${exchange.response.status} ${truncate(exchange.response.body)}`);
    }
  }
  return lines;
}

function truncate(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
