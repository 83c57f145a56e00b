import type { Report } from '../../generated/reportTypes.ts';
import junitReportBuilder, { type Builder } from 'junit-report-builder';

// Why the cast: the package is CommonJS (`module.exports = builder`) but its typings declare an ES default export,
// so under NodeNext TypeScript sees a namespace where Node gives the builder itself.
const junit = junitReportBuilder as unknown as Builder;

/**
 * The report as JUnit XML (the Ant/Jenkins dialect every CI reads): one test suite, one test case per invariant,
 * `failure` with the violation and its replay command, `skipped` with the reason.
 */
export function toJunit(report: Report): string {
  const builder = junit.newBuilder();
  const suite = builder
    .testSuite()
    .name(`tbc conformance ${report.target} (${report.profile}, ${report.docRevision})`)
    .timestamp(new Date())
    .time(report.durationMs / 1000)
    .property('seed', String(report.seed))
    .property('profile', report.profile)
    .property('docRevision', report.docRevision)
    .property('shards', report.shards.join(','));
  for (const inv of report.invariants) {
    const testCase = suite
      .testCase()
      .className(`tbc.conformance.${inv.id}`)
      .name(`${inv.id} ${inv.title}`)
      .time(inv.durationMs / 1000);
    if (inv.status === 'failed') {
      testCase.failure(inv.reason ?? 'violated', inv.id);
      const replay =
        inv.replay === undefined
          ? ''
          : `\nreplay: tbc conformance --target ${report.target} --replay <file> --id ${inv.id} (seed ${inv.replay.seed}, path ${inv.replay.path})`;
      testCase.stacktrace(`${inv.source}\ncounterexample: ${inv.counterexample?.text ?? ''}${replay}`);
    } else if (inv.status === 'skipped') {
      testCase.skipped().standardOutput(inv.reason ?? 'skipped');
    } else if (inv.notObserved !== undefined) {
      testCase.standardOutput(`not observable on this target: ${inv.notObserved.join('; ')}`);
    }
  }
  return builder.build();
}
