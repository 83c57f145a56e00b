import junitReportBuilder, { type Builder } from 'junit-report-builder';
import type { ClientCheckReport } from './ClientCheckReport.ts';

// Why the cast: the package is CommonJS (`module.exports = builder`) but its typings declare an ES default export
// (same as runner/toJunit.ts).
const junit = junitReportBuilder as unknown as Builder;

/**
 * The report as JUnit XML: one test suite per scenario, one test case per check. A failure carries its first message;
 * the details hold every finding with its evidence (redacted JSON), so a CI page shows the offending exchange.
 */
export function toClientCheckJunit(report: ClientCheckReport): string {
  const builder = junit.newBuilder();
  for (const scenario of report.scenarios) {
    const suite = builder
      .testSuite()
      .name(`tbc client-check ${scenario.id}`)
      .timestamp(new Date())
      .time(scenario.durationMs / 1000)
      .property('adapter', report.adapter)
      .property('docRevision', report.docRevision)
      .property('seed', String(report.seed))
      .property('scenario', scenario.title);
    for (const result of scenario.results) {
      const testCase = suite
        .testCase()
        .className(`tbc.client-check.${scenario.id}`)
        .name(`${result.check}: ${report.checks[result.check]}`);
      if (result.status === 'failed') {
        testCase.failure(result.findings[0]?.message ?? 'failed', result.check);
        testCase.stacktrace(
          [
            ...result.findings.map((f) => `${f.message}\nevidence: ${JSON.stringify(f.evidence, null, 2)}`),
            ...(result.findingCount > result.findings.length
              ? [`... and ${result.findingCount - result.findings.length} more`]
              : []),
          ].join('\n\n'),
        );
      } else if (result.status === 'skipped') {
        testCase.skipped().standardOutput(result.reason ?? 'skipped');
      } else {
        testCase.standardOutput(`observed: ${scenario.observed.join('; ')}`);
      }
    }
  }
  return builder.build();
}
